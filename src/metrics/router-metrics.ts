// Router metrics from the outcome matrix (definitions as in the README, "Router metrics").
import type { AttemptRecord } from '../records/records.ts';
import { oracleChoice } from './oracle.ts';

export interface MatrixView {
  /** Cheapest first; the last is the largest agent. */
  agents: string[];
  /** task id → agent → passed / cost. */
  outcome(taskId: string, agent: string): { passed: boolean; costUsd: number } | undefined;
}

export interface RouterMetrics {
  system: string;
  domain: string;
  bin: number | 'all';
  tasks: number;
  pass1: number;
  costUsd: number;
  /** cost / cost of the largest agent alone on the same tasks. */
  relativeCost: number;
  /** 1 − share of the largest agent / its share when alone (= 1). */
  relianceReduction: number;
  oraclePass1: number;
  gapToOracle: number;
  /** On tasks some agent solved: share where the system executed the oracle's agent. */
  optSel: number;
  /** On tasks some agent solved: Σ oracle cost / Σ system cost. */
  optCost: number;
  /** system accuracy / oracle accuracy. */
  optAcc: number;
  /** On tasks some agent solved: executed an agent dearer / cheaper than the oracle's. */
  overEscalation: number;
  underEscalation: number;
  /** chosen agent → oracle agent → count, on tasks some agent solved. */
  escalation: Record<string, Record<string, number>>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** The oracle's agent on a task some agent solved (src/metrics/oracle.ts); null when none did. */
export function oracleAgent(view: MatrixView, taskId: string): string | null {
  const c = oracleChoice(view.agents, (a) => view.outcome(taskId, a));
  return c?.solved ? c.agent : null;
}

export function routerMetrics(system: string, domain: string, bin: number | 'all', records: AttemptRecord[], view: MatrixView): RouterMetrics {
  const largest = view.agents.at(-1)!;
  const ids = records.map((r) => r.taskId);
  const largestCost = ids.reduce((s, id) => s + (view.outcome(id, largest)?.costUsd ?? 0), 0);
  const cost = records.reduce((s, r) => s + r.costUsd, 0);
  const pass1 = mean(records.map((r) => (r.passed ? 1 : 0)));
  const oraclePass1 = mean(ids.map((id) => (oracleAgent(view, id) ? 1 : 0)));
  const solvable = records.filter((r) => oracleAgent(view, r.taskId));
  const rank = (a: string) => view.agents.indexOf(a);
  const escalation: Record<string, Record<string, number>> = {};
  let over = 0;
  let under = 0;
  let sel = 0;
  let oracleCost = 0;
  let sysCost = 0;
  for (const r of solvable) {
    const o = oracleAgent(view, r.taskId)!;
    escalation[r.agent] ??= {};
    escalation[r.agent]![o] = (escalation[r.agent]![o] ?? 0) + 1;
    if (rank(r.agent) > rank(o)) over++;
    if (rank(r.agent) < rank(o)) under++;
    if (r.agent === o) sel++;
    oracleCost += view.outcome(r.taskId, o)!.costUsd;
    sysCost += r.costUsd;
  }
  const n = solvable.length;
  return {
    system,
    domain,
    bin,
    tasks: records.length,
    pass1,
    costUsd: cost,
    relativeCost: largestCost ? cost / largestCost : Number.NaN,
    relianceReduction: 1 - mean(records.map((r) => (r.agent === largest ? 1 : 0))),
    oraclePass1,
    gapToOracle: oraclePass1 - pass1,
    optSel: n ? sel / n : Number.NaN,
    optCost: sysCost ? oracleCost / sysCost : Number.NaN,
    optAcc: oraclePass1 ? pass1 / oraclePass1 : Number.NaN,
    overEscalation: n ? over / n : Number.NaN,
    underEscalation: n ? under / n : Number.NaN,
    escalation,
  };
}

/**
 * Exact Shapley value of each agent toward pass@1, where a coalition S is worth the share of tasks
 * that some agent in S solved (the oracle over S). Sums to v(all agents) − v(∅) = oracle pass@1.
 */
export function shapleyValues(view: MatrixView, taskIds: string[]): Record<string, number> {
  const agents = view.agents;
  const n = agents.length;
  const value = new Map<number, number>();
  const worth = (mask: number) => {
    if (!value.has(mask)) {
      const solved = taskIds.filter((id) => agents.some((a, i) => mask & (1 << i) && view.outcome(id, a)?.passed)).length;
      value.set(mask, taskIds.length ? solved / taskIds.length : 0);
    }
    return value.get(mask)!;
  };
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const out: Record<string, number> = {};
  agents.forEach((a, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const size = mask.toString(2).split('').filter((c) => c === '1').length;
      phi += ((fact(size) * fact(n - size - 1)) / fact(n)) * (worth(mask | (1 << i)) - worth(mask));
    }
    out[a] = phi;
  });
  return out;
}
