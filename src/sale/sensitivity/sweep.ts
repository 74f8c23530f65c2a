// `sale bench sensitivity`: how informative must bids be, and how much must memory help, for the auction to
// pay off? Sweeps the SIMULATED provider's dials — sale.yaml `sim.signal_strength` (how much a plan's
// features say about its author's latent success) × `sim.memory_gain` (how much a relevant refinement
// lifts it) — and runs SALE live at every grid point on one modest task subset, against one outcome matrix
// of every agent on the same tasks (run once). Writes sensitivity.csv and a heat map (sensitivity.svg/.png).
// Every grid point is an ordinary `sale bench run` (its own run folder under runs/), started as a child
// process with a configuration folder that differs from --config only in the `sim:` block.
// EVERYTHING HERE IS SIMULATED: a map of the mechanism under stated dials, not evidence.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readManifest } from '../../records/run-dir.ts';
import { readMatrix } from '../../routers/matrix.ts';

export interface SweepOptions {
  configDir: string;
  out: string;
  suite: string;
  limit: number;
  orders: number;
  seed: number;
  signals: number[];
  gains: number[];
  /** Runs `sale ARGS…` to completion (a child process in the CLI; injectable for tests). */
  sale: (args: string[]) => Promise<void>;
  log?: (line: string) => void;
}

export interface SweepPoint {
  signal: number;
  gain: number;
  tasks: number;
  pass1: number;
  pass1Std: number;
  costUsd: number;
  largestShare: number;
  /** The largest agent alone on the same test tasks (from the matrix). */
  largestPass1: number;
  largestCostUsd: number;
  bestSingle: { agent: string; pass1: number };
}

/** The Wilson-free normal standard error of a pass@1 over n tasks. */
export const passSe = (p: number, n: number) => Math.sqrt(Math.max(p * (1 - p), 1 / (4 * n)) / Math.max(1, n));

function configFor(base: string, dir: string, signal: number, gain: number): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(base)) if (f.endsWith('.yaml')) copyFileSync(join(base, f), join(dir, f));
  const saleFile = join(dir, 'sale.yaml');
  const sale = (existsSync(saleFile) ? parse(readFileSync(saleFile, 'utf8')) : {}) ?? {};
  sale.sim = { ...(sale.sim ?? {}), signal_strength: signal, memory_gain: gain };
  writeFileSync(saleFile, `# sale bench sensitivity: ${join(base, 'sale.yaml')} with sim.signal_strength ${signal}, sim.memory_gain ${gain}\n${stringify(sale)}`);
}

function csvRows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

export async function sweep(o: SweepOptions): Promise<SweepPoint[]> {
  const log = o.log ?? (() => {});
  const matrix = join(o.out, 'matrix');
  const common = ['--suite', o.suite, '--provider', 'sim', '--limit', String(o.limit), '--seed', String(o.seed)];
  if (!existsSync(join(matrix, 'manifest.json')) || readManifest(matrix).status !== 'complete') {
    log(`outcome matrix (every agent, ${o.limit} tasks): ${matrix}`);
    await o.sale(['bench', 'matrix', ...common, '--config', o.configDir, '--out', matrix, ...(existsSync(join(matrix, 'manifest.json')) ? ['--resume', matrix] : [])]);
  }
  const m = readMatrix(matrix);
  const largest = m.agents.at(-1)!.name;
  const points: SweepPoint[] = [];
  for (const signal of o.signals) {
    for (const gain of o.gains) {
      const tag = `s${signal}-g${gain}`;
      const cfg = join(o.out, 'configs', tag);
      const run = join(o.out, 'runs', tag);
      configFor(o.configDir, cfg, signal, gain);
      if (!existsSync(join(run, 'sale.csv'))) {
        log(`signal ${signal} · memory gain ${gain}: ${run}`);
        await o.sale(['bench', 'run', '--router', 'sale', ...common, '--orders', String(o.orders), '--train-from', matrix, '--config', cfg, '--out', run]);
      }
      const row = csvRows(join(run, 'sale.csv')).find((r) => r.variant === 'sale' && r.bin === 'all' && r.domain !== 'all')!;
      const test = readManifest(run).routing?.split.test ?? [];
      const single = (agent: string) => {
        const rs = test.map((t) => m.cells.get(t)?.get(agent)).filter((r) => r && r.status !== 'infra-error');
        return { pass1: rs.filter((r) => r!.passed).length / Math.max(1, rs.length), cost: rs.reduce((s, r) => s + r!.costUsd, 0) };
      };
      const singles = m.agents.map((a) => ({ agent: a.name, ...single(a.name) }));
      const best = singles.reduce((b, x) => (x.pass1 > b.pass1 ? x : b));
      points.push({
        signal,
        gain,
        tasks: test.length,
        pass1: Number(row.pass_at_1_mean),
        pass1Std: Number(row.pass_at_1_std),
        costUsd: Number(row.cost_usd_mean),
        largestShare: Number(row[`workload_share_${largest}`]),
        largestPass1: single(largest).pass1,
        largestCostUsd: single(largest).cost,
        bestSingle: { agent: best.agent, pass1: best.pass1 },
      });
    }
  }
  return points;
}
