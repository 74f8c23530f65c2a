// The pilot's estimate: the protocol run on a few tasks per τ bin measured what each call type costs
// per task in every (domain, bin); the whole protocol is that, scaled by each stratum's number of tasks.
// Every stage with model calls grows linearly in its tasks (the matrix: one attempt per agent and task;
// SALE: one auction per order, variant and task, with a bounded memory), so a per-stratum ratio is the
// estimate. Wall time is the pilot's, scaled by the share of tasks, at the same concurrency.
import type { CallCost } from './journal.ts';

export interface Stratum {
  domain: string;
  bin: string;
}

export interface Estimate {
  inputTokens: number;
  outputTokens: number;
  usd: number;
  gpuHours: number;
  wallHours: number;
  /** Per call type: tokens (input + output) and $. */
  byType: Record<string, { tokens: number; usd: number; calls: number }>;
  /** Tasks in the pilot and in the whole protocol. */
  tasks: { pilot: number; full: number };
}

const key = (s: Stratum) => `${s.domain}/${s.bin}`;

export function estimateProtocol(input: {
  costs: CallCost[];
  /** The pilot's tasks, with their stratum. */
  pilotTasks: Map<string, Stratum>;
  /** Number of tasks per stratum in the whole protocol. */
  fullCounts: Map<string, number>;
  /** Wall time of the pilot's stages with model calls, ms. */
  pilotWallMs: number;
}): Estimate {
  const pilotCounts = new Map<string, number>();
  for (const s of input.pilotTasks.values()) pilotCounts.set(key(s), (pilotCounts.get(key(s)) ?? 0) + 1);
  const factor = (task: string) => {
    const s = input.pilotTasks.get(task);
    if (!s) return 0;
    const n = pilotCounts.get(key(s)) ?? 0;
    return n ? (input.fullCounts.get(key(s)) ?? 0) / n : 0;
  };
  const e: Estimate = { inputTokens: 0, outputTokens: 0, usd: 0, gpuHours: 0, wallHours: 0, byType: {}, tasks: { pilot: input.pilotTasks.size, full: [...input.fullCounts.values()].reduce((a, b) => a + b, 0) } };
  for (const c of input.costs) {
    const f = factor(c.task);
    e.inputTokens += c.inputTokens * f;
    e.outputTokens += c.outputTokens * f;
    e.usd += c.usd * f;
    e.gpuHours += (c.gpuSeconds * f) / 3600;
    const t = (e.byType[c.type] ??= { tokens: 0, usd: 0, calls: 0 });
    t.tokens += (c.inputTokens + c.outputTokens) * f;
    t.usd += c.usd * f;
    t.calls += f;
  }
  e.wallHours = e.tasks.pilot ? (input.pilotWallMs * (e.tasks.full / e.tasks.pilot)) / 3.6e6 : 0;
  return e;
}

const big = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const hours = (h: number) => (h >= 1 ? `${h.toFixed(1)} h` : `${(h * 60).toFixed(1)} min`);

/** The estimate as the lines printed before asking to go on. */
export function estimateLines(e: Estimate, label: string | null): string[] {
  const tag = label ? `${label} ` : '';
  const lines = [
    `${tag}estimate for the whole protocol (${e.tasks.full} tasks; the pilot ran ${e.tasks.pilot}):`,
    `${tag}  tokens:     ${big(e.inputTokens + e.outputTokens)} (${big(e.inputTokens)} in, ${big(e.outputTokens)} out; engine counters)`,
    `${tag}  cost:       $${e.usd.toFixed(2)} at the paper's prices`,
    `${tag}  GPU time:   ${e.gpuHours.toFixed(2)} GPU-hours (engine timings${label === 'SIMULATED' ? ': the sim\'s clock' : ''})`,
    `${tag}  wall time:  ${hours(e.wallHours)} at this concurrency (stages with model calls)`,
  ];
  for (const [type, t] of Object.entries(e.byType).sort()) lines.push(`${tag}    ${type.padEnd(8)} ${big(t.calls).padStart(9)} calls  ${big(t.tokens).padStart(9)} tokens  $${t.usd.toFixed(2)}`);
  return lines;
}
