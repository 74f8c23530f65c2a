// Per system × domain × bin summary rows (METRICS.md). Pure: records in, rows out.
import type { AttemptRecord } from '../records/records.ts';
import { quantile } from './quantile.ts';
import { workload } from './workload.ts';
import { wilson } from './wilson.ts';

export type BinKey = number | 'all';
export type DomainKey = 'coding' | 'deepsearch' | 'all';

export interface SummaryRow {
  system: string;
  domain: DomainKey;
  bin: BinKey;
  /** Attempts recorded (graded + infrastructure errors). */
  tasks: number;
  /** Attempts that reached the grader: the pass@1 denominator. */
  graded: number;
  passed: number;
  pass1: number;
  ciLow: number;
  ciHigh: number;
  /** Connection, 5xx, timeouts: never counted as model failures. */
  infraErrors: number;
  /** The engine's input counters (evaluated tokens: a prompt cache lowers them). */
  inputTokens: number;
  /** Billed-equivalent input tokens: the full prompt of every call, as an API bills it. */
  billedInputTokens: number;
  outputTokens: number;
  /** Cost from billed-equivalent input tokens (the default, API-priced like the paper). */
  costUsd: number;
  /** Cost from the engine's evaluated tokens, kept beside it. */
  costEvaluatedUsd: number;
  /** cost / solved tasks; null when none was solved. */
  costPerSolvedUsd: number | null;
  /** Share of tasks executed by each agent (the agent whose answer counts). */
  workloadShare: Record<string, number>;
  /** Share of tasks each agent ran on: a cascade's every stage counts (equals workloadShare for one-attempt systems). */
  ranOnShare: Record<string, number>;
  /** Share of tokens spent by each agent (every agent a system ran is charged its own). */
  tokenShare: Record<string, number>;
  /** $ and GPU-seconds charged to each agent the system ran. */
  agentCostUsd: Record<string, number>;
  agentGpuSeconds: Record<string, number>;
  gpuSeconds: number;
  modelLoadSeconds: number;
  truncationRate: number;
  /** Length stops per call (tool calls cut by num_predict included). */
  lengthStopRate: number;
  /** Tool calls cut by num_predict, per call. */
  cutToolCallRate: number;
  /** Share of attempts that stopped with context-overflow (a model outcome, counted as a failure). */
  contextOverflowRate: number;
  emptyReplyRate: number;
  wallP50Ms: number;
  wallP95Ms: number;
}

export function summarizeGroup(system: string, domain: DomainKey, bin: BinKey, records: AttemptRecord[], agents: string[]): SummaryRow {
  const graded = records.filter((r) => r.status !== 'infra-error');
  const passed = graded.filter((r) => r.passed).length;
  const ci = wilson(passed, graded.length);
  const inputTokens = records.reduce((s, r) => s + r.usage.inputTokens, 0);
  const outputTokens = records.reduce((s, r) => s + r.usage.outputTokens, 0);
  const billedInputTokens = records.reduce((s, r) => s + (r.usage.billedInputTokens ?? r.usage.inputTokens), 0);
  const costUsd = records.reduce((s, r) => s + r.costUsd, 0);
  const costEvaluatedUsd = records.reduce((s, r) => s + (r.costEvaluatedUsd ?? r.costUsd), 0);
  const calls = records.reduce((s, r) => s + r.calls.length, 0);
  const w = workload(records, agents);
  const workloadShare = w.executing;
  const tokenShare: Record<string, number> = {};
  const allTokens = inputTokens + outputTokens;
  for (const a of agents) tokenShare[a] = allTokens ? w.tokens[a]! / allTokens : 0;
  const rate = (f: (r: AttemptRecord) => number) => (calls ? records.reduce((s, r) => s + f(r), 0) / calls : 0);
  return {
    system,
    domain,
    bin,
    tasks: records.length,
    graded: graded.length,
    passed,
    pass1: ci.p,
    ciLow: ci.low,
    ciHigh: ci.high,
    infraErrors: records.length - graded.length,
    inputTokens,
    billedInputTokens,
    outputTokens,
    costUsd,
    costEvaluatedUsd,
    costPerSolvedUsd: passed ? costUsd / passed : null,
    workloadShare,
    ranOnShare: w.ranOn,
    tokenShare,
    agentCostUsd: w.costUsd,
    agentGpuSeconds: w.gpuSeconds,
    gpuSeconds: records.reduce((s, r) => s + r.timings.gpuSeconds, 0),
    modelLoadSeconds: records.reduce((s, r) => s + r.timings.loadSeconds, 0),
    truncationRate: rate((r) => r.health.truncatedCalls),
    lengthStopRate: rate((r) => r.health.lengthStops),
    cutToolCallRate: rate((r) => r.health.cutToolCalls ?? 0),
    contextOverflowRate: records.length ? records.filter((r) => r.stopReason === 'context-overflow').length / records.length : 0,
    emptyReplyRate: rate((r) => r.health.emptyReplies),
    wallP50Ms: quantile(records.map(wallOf), 0.5),
    wallP95Ms: quantile(records.map(wallOf), 0.95),
  };
}

/**
 * Wall time per attempt. A SIMULATED attempt has no real engine: its wall time is the simulated engine
 * time (deterministic), so simulated tables are reproducible byte for byte (resumed, sharded or not);
 * the harness's own measured time stays in the record (timings.wallMs).
 */
export const wallOf = (r: AttemptRecord): number => (r.simulated ? Math.round((r.timings.gpuSeconds + r.timings.loadSeconds) * 1e6) / 1e3 : r.timings.wallMs);

/** Every system × (each domain, and all domains when there are several) × (each bin, and all bins). */
export function summarize(unordered: AttemptRecord[], agents: string[]): SummaryRow[] {
  // A fixed order makes floating-point sums identical however the records were written (resumed runs).
  const records = [...unordered].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Agents alone first, in the configuration's order, then routers by name.
  const present = new Set(records.map((r) => r.system));
  const systems = [...agents.map((a) => `agent:${a}`).filter((s) => present.has(s)), ...[...present].filter((s) => !agents.some((a) => s === `agent:${a}`)).sort()];
  const domains = [...new Set(records.map((r) => r.domain))].sort() as DomainKey[];
  const domainKeys: DomainKey[] = domains.length > 1 ? [...domains, 'all'] : domains;
  const rows: SummaryRow[] = [];
  for (const domain of domainKeys) {
    for (const system of systems) {
      const mine = records.filter((r) => r.system === system && (domain === 'all' || r.domain === domain));
      if (!mine.length) continue;
      for (const bin of [0, 1, 2, 3, 4]) {
        const inBin = mine.filter((r) => r.bin === bin);
        if (inBin.length) rows.push(summarizeGroup(system, domain, bin, inBin, agents));
      }
      rows.push(summarizeGroup(system, domain, 'all', mine, agents));
    }
  }
  return rows;
}
