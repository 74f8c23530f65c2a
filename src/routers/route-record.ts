import { RECORD_VERSION, attemptKey, type AttemptRecord } from '../records/records.ts';
import type { RouteResult } from './types.ts';

/**
 * The record of a routed task: the last attempt's outcome, every attempt's tokens, cost and calls
 * (a cascade pays for each), and pointers to the attempts' own records (their traces).
 */
export function routeRecord(system: string, result: RouteResult, replayed: boolean): AttemptRecord {
  const attempts = result.attempts.map((a) => a.record);
  const last = attempts.at(-1);
  if (!last) throw new Error(`${system}: a router must make at least one attempt`);
  const sum = (f: (r: AttemptRecord) => number) => attempts.reduce((s, r) => s + f(r), 0);
  return {
    ...last,
    v: RECORD_VERSION,
    key: attemptKey(system, last.taskId),
    system,
    usage: { inputTokens: sum((r) => r.usage.inputTokens), outputTokens: sum((r) => r.usage.outputTokens) },
    costUsd: sum((r) => r.costUsd),
    timings: { gpuSeconds: sum((r) => r.timings.gpuSeconds), loadSeconds: sum((r) => r.timings.loadSeconds), wallMs: sum((r) => r.timings.wallMs) },
    health: {
      truncatedCalls: sum((r) => r.health.truncatedCalls),
      lengthStops: sum((r) => r.health.lengthStops),
      emptyReplies: sum((r) => r.health.emptyReplies),
    },
    calls: attempts.flatMap((r) => r.calls),
    // The traces stay in the attempts' own records; `route.attempts` points at them.
    messages: [],
    trace: [],
    route: {
      attempts: attempts.map((r) => ({ agent: r.agent, key: r.key, passed: r.passed, costUsd: r.costUsd, tokens: r.usage.inputTokens + r.usage.outputTokens, gpuSeconds: r.timings.gpuSeconds })),
      ...(result.details ? { details: result.details } : {}),
      replayed,
    },
  };
}
