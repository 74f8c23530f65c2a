// Workload accounting for systems that run several agents on one task (a cascade pays for each agent
// it tries). Two views, kept apart:
// - "executing agent": the agent whose answer counts (AttemptRecord.agent) — workload share;
// - "ran on": every agent the system ran on the task, each charged its own tokens, $ and GPU-seconds.
import type { AttemptRecord } from '../records/records.ts';

export interface AgentCharge {
  agent: string;
  tokens: number;
  costUsd: number;
  gpuSeconds: number;
}

/**
 * What each agent a record's system ran was charged. A single attempt is the record itself; a routed
 * record lists its attempts in `route.attempts` (records written before tokens and GPU-seconds were
 * kept there charge those to the executing agent).
 */
export function agentCharges(r: AttemptRecord): AgentCharge[] {
  const attempts = r.route?.attempts;
  const whole = { tokens: r.usage.inputTokens + r.usage.outputTokens, costUsd: r.costUsd, gpuSeconds: r.timings.gpuSeconds };
  if (!attempts || attempts.length === 0) return [{ agent: r.agent, ...whole }];
  if (attempts.every((a) => a.tokens !== undefined && a.gpuSeconds !== undefined)) {
    return attempts.map((a) => ({ agent: a.agent, tokens: a.tokens!, costUsd: a.costUsd, gpuSeconds: a.gpuSeconds! }));
  }
  const earlier = attempts.slice(0, -1).map((a) => ({ agent: a.agent, tokens: 0, costUsd: a.costUsd, gpuSeconds: 0 }));
  const spent = earlier.reduce((s, a) => s + a.costUsd, 0);
  return [...earlier, { agent: attempts.at(-1)!.agent, tokens: whole.tokens, costUsd: whole.costUsd - spent, gpuSeconds: whole.gpuSeconds }];
}

export interface Workload {
  /** Share of tasks whose answer each agent gave (the executing agent). */
  executing: Record<string, number>;
  /** Share of tasks each agent ran on (a cascade's every stage counts). */
  ranOn: Record<string, number>;
  /** Tokens, $ and GPU-seconds charged to each agent, summed over the records. */
  tokens: Record<string, number>;
  costUsd: Record<string, number>;
  gpuSeconds: Record<string, number>;
}

export function workload(records: readonly AttemptRecord[], agents: readonly string[]): Workload {
  const zero = () => Object.fromEntries(agents.map((a) => [a, 0])) as Record<string, number>;
  const w: Workload = { executing: zero(), ranOn: zero(), tokens: zero(), costUsd: zero(), gpuSeconds: zero() };
  const n = records.length;
  for (const r of records) {
    if (r.agent in w.executing) w.executing[r.agent]! += 1 / n;
    const charges = agentCharges(r);
    for (const a of new Set(charges.map((c) => c.agent))) if (a in w.ranOn) w.ranOn[a]! += 1 / n;
    for (const c of charges) {
      if (!(c.agent in w.tokens)) continue;
      w.tokens[c.agent]! += c.tokens;
      w.costUsd[c.agent]! += c.costUsd;
      w.gpuSeconds[c.agent]! += c.gpuSeconds;
    }
  }
  return w;
}
