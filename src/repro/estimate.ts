// The pilot's estimate: the protocol run on a few tasks per τ bin measured what each call type costs
// per task in every (domain, bin); the whole protocol is that, scaled up stratum by stratum. Every stage
// with model calls grows linearly in its tasks (the matrix: one attempt per agent and task; SALE: one
// auction per order, variant and task, with a bounded memory). The pilot's tasks are the first of each
// bin, not a random draw, and tokens grow with τ inside a bin as across bins; so each task counts by
// τ^b, b the slope of log tokens per task on log τ over the pilot's tasks of its domain (a ratio
// estimator with τ as the auxiliary variable; b = 0 is the plain count ratio). Measured on the bundled
// suites in sim: the count ratio was 42 % low, this 7 % low. Wall time scales with the tokens.
import type { CallCost } from './journal.ts';

export interface Stratum {
  domain: string;
  bin: string;
  tau: number;
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
  /**
   * Tokens if SALE refines as much as it can: every agent cheaper than the provisional winner refines in
   * every auction and each refined plan is judged by every judge, no call shared between orders. The
   * pilot's few training tasks fit other weights than the whole protocol's, and its short stream shares
   * refinement calls across orders, so its refinement rate can be far from the real one.
   */
  upperTokens?: number;
}

const key = (s: Stratum) => `${s.domain}/${s.bin}`;

export function estimateProtocol(input: {
  costs: CallCost[];
  /** The pilot's tasks, with their stratum. */
  pilotTasks: Map<string, Stratum>;
  /** Every task of the whole protocol. */
  fullTasks: Stratum[];
  /** Wall time of the pilot's stages with model calls, ms. */
  pilotWallMs: number;
  /** SALE's auctions in the pilot (every order and variant) and the number of agents. */
  auctions?: { pilot: number; agents: number };
}): Estimate {
  const perTask = new Map<string, number>();
  for (const c of input.costs) perTask.set(c.task, (perTask.get(c.task) ?? 0) + c.inputTokens + c.outputTokens);
  const slopes = new Map<string, number>();
  for (const domain of new Set([...input.pilotTasks.values()].map((s) => s.domain))) {
    const xy = [...input.pilotTasks].filter(([t, s]) => s.domain === domain && s.tau > 0 && (perTask.get(t) ?? 0) > 0).map(([t, s]) => [Math.log(s.tau), Math.log(perTask.get(t)!)] as const);
    slopes.set(domain, slope(xy));
  }
  const weight = (s: Stratum) => Math.pow(Math.max(s.tau, 1e-6), slopes.get(s.domain) ?? 0);
  const pilotWeight = new Map<string, number>();
  const fullWeight = new Map<string, number>();
  for (const s of input.pilotTasks.values()) pilotWeight.set(key(s), (pilotWeight.get(key(s)) ?? 0) + weight(s));
  for (const s of input.fullTasks) fullWeight.set(key(s), (fullWeight.get(key(s)) ?? 0) + weight(s));
  const factor = (task: string) => {
    const s = input.pilotTasks.get(task);
    const w = s ? (pilotWeight.get(key(s)) ?? 0) : 0;
    return s && w ? (fullWeight.get(key(s)) ?? 0) / w : 0;
  };
  const e: Estimate = { inputTokens: 0, outputTokens: 0, usd: 0, gpuHours: 0, wallHours: 0, byType: {}, tasks: { pilot: input.pilotTasks.size, full: input.fullTasks.length } };
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
  if (input.auctions?.pilot) {
    const mean = (type: string) => {
      const cs = input.costs.filter((c) => c.type === type);
      return cs.length ? cs.reduce((a, c) => a + c.inputTokens + c.outputTokens, 0) / cs.length : 0;
    };
    const auctions = input.auctions.pilot * (e.tasks.full / Math.max(1, e.tasks.pilot));
    const refine = e.byType.refine?.tokens ?? 0;
    const most = auctions * (input.auctions.agents - 1) * (mean('refine') + input.auctions.agents * mean('judge'));
    e.upperTokens = e.inputTokens + e.outputTokens - refine + Math.max(refine, most);
  }
  const pilotTokens = [...perTask.values()].reduce((a, b) => a + b, 0);
  e.wallHours = pilotTokens ? (input.pilotWallMs * ((e.inputTokens + e.outputTokens) / pilotTokens)) / 3.6e6 : 0;
  return e;
}

/** Least-squares slope of y on x, kept in [0, 2]; 0 when x does not vary. */
function slope(xy: (readonly [number, number])[]): number {
  if (xy.length < 3) return 0;
  const mx = xy.reduce((s, p) => s + p[0], 0) / xy.length;
  const my = xy.reduce((s, p) => s + p[1], 0) / xy.length;
  const sxx = xy.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  if (sxx < 1e-9) return 0;
  const b = xy.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / sxx;
  return Math.min(2, Math.max(0, b));
}

const big = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
const hours = (h: number) => (h >= 1 ? `${h.toFixed(1)} h` : `${(h * 60).toFixed(1)} min`);

/** The estimate as the lines printed before asking to go on. */
export function estimateLines(e: Estimate, label: string | null): string[] {
  const tag = label ? `${label} ` : '';
  const lines = [
    `${tag}estimate for the whole protocol (${e.tasks.full} tasks; the pilot ran ${e.tasks.pilot}):`,
    `${tag}  tokens:     ${big(e.inputTokens + e.outputTokens)} (${big(e.inputTokens)} in, ${big(e.outputTokens)} out; engine counters)${e.upperTokens ? `; up to ${big(e.upperTokens)} if SALE refines at every chance (the pilot's refinement rate is rough)` : ''}`,
    `${tag}  cost:       $${e.usd.toFixed(2)} at the paper's prices`,
    `${tag}  GPU time:   ${e.gpuHours.toFixed(2)} GPU-hours (engine timings${label === 'SIMULATED' ? ': the sim\'s clock' : ''})`,
    `${tag}  wall time:  ${hours(e.wallHours)} at this concurrency (stages with model calls)`,
  ];
  for (const [type, t] of Object.entries(e.byType).sort()) lines.push(`${tag}    ${type.padEnd(8)} ${big(t.calls).padStart(9)} calls  ${big(t.tokens).padStart(9)} tokens  $${t.usd.toFixed(2)}`);
  return lines;
}
