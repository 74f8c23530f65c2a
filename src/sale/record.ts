// The record of a SALE system on one task: the winner's execution (its trace kept) plus the auction's
// overhead calls, which are priced per calling agent and reported apart in route.details.sale.
import type { CallRecord } from '../agents/types.ts';
import { RECORD_VERSION, attemptKey, type AttemptRecord } from '../records/records.ts';
import type { Task } from '../tasks/types.ts';
import type { AuctionLine } from './log.ts';

export interface SaleDetails {
  variant: string;
  order: number;
  position: number;
  provisional: string;
  winner: string;
  refinedWinner: boolean;
  replaced: boolean;
  retrieved: string[];
  z: Record<string, number>;
  overhead: { tokens: { bid: number; judge: number; refine: number; all: number }; costUsd: number; calls: number; reused: number; wallMs: number };
  execution: { tokens: number; costUsd: number; reusedFrom?: string; plan: ExecutionPlan };
}

/**
 * Which plan the counted execution followed: `winner` (live: the winning plan, in the prompt); in a replay,
 * `same` (the matrix recorded this agent executing exactly the winning plan), `bid` (the matrix's execution
 * followed the agent's own bid plan, not the winning one: a refined winner, or bids that changed since the
 * matrix ran) or `none` (a plan-free matrix: no plan in the prompt).
 */
export type ExecutionPlan = 'winner' | 'same' | 'bid' | 'none';

export function executionPlan(exec: AttemptRecord, line: AuctionLine, replayed: boolean): ExecutionPlan {
  if (!replayed) return 'winner';
  if (!exec.plan) return 'none';
  const win = [...line.bids, ...line.refinements].find((p) => p.agent === line.winner.agent && p.refined === line.winner.refined);
  return win && win.sha === exec.plan.sha ? 'same' : 'bid';
}

const sumCalls = (calls: CallRecord[], f: (c: CallRecord) => number) => calls.reduce((s, c) => s + f(c), 0);

export function saleRecord(system: string, exec: AttemptRecord, line: AuctionLine, options: { reusedFrom?: string; replayed?: boolean } = {}): AttemptRecord {
  const { reusedFrom } = options;
  const overheadCalls = line.overhead.calls.map((c) => c.call);
  const ovIn = sumCalls(overheadCalls, (c) => c.inputTokens);
  const ovOut = sumCalls(overheadCalls, (c) => c.outputTokens);
  const ovNs = sumCalls(overheadCalls, (c) => c.timings.promptEvalNs + c.timings.evalNs);
  const ovLoad = sumCalls(overheadCalls, (c) => c.timings.loadNs);
  const details: SaleDetails = {
    variant: line.variant,
    order: line.order,
    position: line.position,
    provisional: line.provisional,
    winner: line.winner.agent,
    refinedWinner: line.winner.refined,
    replaced: line.replaced,
    retrieved: line.retrieved.map((r) => r.id),
    z: Object.fromEntries(line.bids.map((b) => [b.agent, b.z])),
    overhead: { tokens: { ...line.overhead.tokens, all: ovIn + ovOut }, costUsd: line.overhead.costUsd, calls: overheadCalls.length, reused: line.overhead.reused, wallMs: line.overhead.wallMs ?? 0 },
    execution: { tokens: exec.usage.inputTokens + exec.usage.outputTokens, costUsd: exec.costUsd, ...(reusedFrom ? { reusedFrom } : {}), plan: executionPlan(exec, line, options.replayed ?? false) },
  };
  // The matrix's bid plan (a plan-conditioned matrix) stays with the matrix's record; the auction log has SALE's plans.
  const { plan: _matrixPlan, ...execution } = exec;
  return {
    ...execution,
    v: RECORD_VERSION,
    key: attemptKey(system, exec.taskId),
    system,
    usage: { inputTokens: exec.usage.inputTokens + ovIn, outputTokens: exec.usage.outputTokens + ovOut },
    costUsd: exec.costUsd + line.overhead.costUsd,
    timings: {
      gpuSeconds: exec.timings.gpuSeconds + ovNs / 1e9,
      loadSeconds: exec.timings.loadSeconds + ovLoad / 1e9,
      // The auction's latency counts too (the paper compares it with the execution's).
      wallMs: exec.timings.wallMs + (line.overhead.wallMs ?? 0),
    },
    health: {
      truncatedCalls: exec.health.truncatedCalls + overheadCalls.filter((c) => c.truncated).length,
      lengthStops: exec.health.lengthStops + overheadCalls.filter((c) => c.finishReason.unified === 'length').length,
      emptyReplies: exec.health.emptyReplies + overheadCalls.filter((c) => c.empty).length,
    },
    calls: [...overheadCalls, ...exec.calls],
    route: {
      attempts: [{ agent: exec.agent, key: attemptKey(system, exec.taskId), passed: exec.passed, costUsd: exec.costUsd }],
      details: { sale: details },
      replayed: options.replayed ?? false,
    },
  };
}

/** An attempt that ended before any execution (an engine failure after retries): an infrastructure error, retried on resume. */
export function infraErrorRecord(o: { system: string; agent: string; model: string; task: Task; suite: string; kind: string; message: string; simulated: boolean }): AttemptRecord {
  const now = new Date().toISOString();
  const { task } = o;
  return {
    v: RECORD_VERSION,
    type: 'attempt',
    key: attemptKey(o.system, task.id),
    system: o.system,
    agent: o.agent,
    model: o.model,
    taskId: task.id,
    suite: o.suite,
    domain: task.domain,
    bin: task.bin,
    tau: task.tau,
    status: 'infra-error',
    passed: false,
    stopReason: 'infra-error',
    grade: null,
    infraError: { kind: o.kind, message: o.message },
    submission: null,
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    timings: { gpuSeconds: 0, loadSeconds: 0, wallMs: 0 },
    health: { truncatedCalls: 0, lengthStops: 0, emptyReplies: 0 },
    calls: [],
    messages: [],
    trace: [],
    simulated: o.simulated,
    startedAt: now,
    finishedAt: now,
  };
}

/** An auction that could not be held: no agent executed, the auction itself failed. */
export function auctionErrorRecord(system: string, task: Task, suite: string, error: { kind: string; message: string }, simulated: boolean): AttemptRecord {
  return infraErrorRecord({ system, agent: 'auction', model: 'auction', task, suite, kind: error.kind, message: `auction failed: ${error.message}`, simulated });
}
