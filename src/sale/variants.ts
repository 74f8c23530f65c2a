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

export function baseVariant(jury: Exclude<JuryMode, 'none'>): Variant {
  return { name: jury === 'all' ? 'sale' : `sale-jury-${jury}`, memory: true, jury, entropy: true, cost: 'price-length' };
}

/**
 * SALE (with the configured jury) plus one variant per ablation asked for:
 * --no-memory, --no-jury, --jury self|peer (comma list), --no-entropy, --no-price, --no-length.
 */
export function variantsFrom(flags: AblationFlags, configJury: 'all' | 'self' | 'peer'): Variant[] {
  const main = baseVariant(configJury);
  const out: Variant[] = [main];
  if (flags.memory === false) out.push({ ...main, name: 'sale-no-memory', memory: false });
  if (flags.jury === false || flags.juryOff) out.push({ ...main, name: 'sale-no-jury', jury: 'none' });
  if (typeof flags.jury === 'string') {
    for (const j of flags.jury.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (j !== 'all' && j !== 'self' && j !== 'peer') throw new ConfigError([`--jury: '${j}' is not one of all, self, peer`]);
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
