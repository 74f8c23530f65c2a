// SALE and its ablations (SALE.md §5): each is its own system, with its own fitted weights (the
// weights of a removed feature are held at 0 and the rest refitted), except `sale-no-memory`, which
// shares SALE's weights and only skips refinement.
import { ConfigError } from '../errors.ts';
import type { JuryMode, Variant } from './types.ts';

export interface AblationFlags {
  memory?: boolean | undefined;
  /** Extra juries to run: "self", "peer" or "self,peer" (false: the no-jury variant, as commander gives --no-jury). */
  jury?: string | boolean | undefined;
  /** The no-jury variant (when --jury also named extra juries). */
  juryOff?: boolean | undefined;
  entropy?: boolean | undefined;
  price?: boolean | undefined;
  length?: boolean | undefined;
}

const slug = (agent: string) => agent.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function baseVariant(jury: Exclude<JuryMode, 'none'>): Variant {
  const name = jury === 'all' ? 'sale' : jury.startsWith('only:') ? `sale-jury-only-${slug(jury.slice(5))}` : jury.startsWith('without:') ? `sale-jury-without-${slug(jury.slice(8))}` : `sale-jury-${jury}`;
  return { name, memory: true, jury, entropy: true, cost: 'price-length' };
}

/**
 * SALE (with the configured jury) plus one variant per ablation asked for:
 * --no-memory, --no-jury, --jury self|peer|single|loo|only:AGENT|without:AGENT (comma list), --no-entropy,
 * --no-price, --no-length. `single` = one single-judge variant per agent (sale-jury-only-32b …), `loo` = one
 * leave-one-judge-out variant per agent (sale-jury-without-32b …); each is refitted like the other juries.
 */
export function variantsFrom(flags: AblationFlags, configJury: 'all' | 'self' | 'peer', agents: readonly string[] = []): Variant[] {
  const main = baseVariant(configJury);
  const out: Variant[] = [main];
  if (flags.memory === false) out.push({ ...main, name: 'sale-no-memory', memory: false });
  if (flags.jury === false || flags.juryOff) out.push({ ...main, name: 'sale-no-jury', jury: 'none' });
  if (typeof flags.jury === 'string') {
    for (const j of flags.jury.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (j === 'single' || j === 'loo') {
        for (const a of agents) out.push(baseVariant(j === 'single' ? `only:${a}` : `without:${a}`));
        continue;
      }
      const named = /^(only|without):(.+)$/.exec(j);
      if (named) {
        if (agents.length && !agents.includes(named[2]!)) throw new ConfigError([`--jury: '${named[2]}' in '${j}' is not one of the agents (${agents.join(', ')})`]);
        out.push(baseVariant(j as `only:${string}`));
        continue;
      }
      if (j !== 'all' && j !== 'self' && j !== 'peer') throw new ConfigError([`--jury: '${j}' is not one of all, self, peer, single, loo, only:AGENT, without:AGENT`]);
      if (j !== configJury) out.push(baseVariant(j));
    }
  }
  if (flags.entropy === false) out.push({ ...main, name: 'sale-no-entropy', entropy: false });
  if (flags.price === false) out.push({ ...main, name: 'sale-no-price', cost: 'length' });
  if (flags.length === false) out.push({ ...main, name: 'sale-no-length', cost: 'price' });
  const seen = new Set<string>();
  return out.filter((v) => !seen.has(v.name) && seen.add(v.name));
}

/** Variants sharing one weight fit share its key (no-memory uses SALE's). */
export const fitKey = (v: Variant) => `${v.jury}|${v.entropy}|${v.cost}`;
