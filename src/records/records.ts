import type { CallRecord, StopReason, Submission, TraceEvent } from '../agents/types.ts';
import type { ChatMessage } from '../models/types.ts';
import type { Grade } from '../suites/types.ts';

/**
 * Version of the records this code writes. v2 adds `calls[].endpoint` (which endpoint served a call when an
 * agent has several). Readers accept every version up to this one: fields added later are optional.
 */
export const RECORD_VERSION = 2;
export type RecordVersion = 1 | typeof RECORD_VERSION;

/** What became of one attempt. `infra-error` is never a model failure: it is counted apart and retried on resume. */
export type AttemptStatus = 'passed' | 'failed' | 'infra-error';

/** One line of records.jsonl: one system (agent alone, or a router) on one task. */
export interface AttemptRecord {
  v: RecordVersion;
  type: 'attempt';
  /** Unique key of the work item: `${system}|${taskId}`. A later line with the same key supersedes an earlier one. */
  key: string;
  /** "agent:8b" for a single agent; a router's name otherwise. */
  system: string;
  /** The agent that executed the task. */
  agent: string;
  model: string;
  taskId: string;
  suite: string;
  domain: 'coding' | 'deepsearch';
  bin: number;
  tau: number;
  status: AttemptStatus;
  passed: boolean;
  stopReason: StopReason;
  grade: Grade | null;
  /** `fix`: what to do about it, when the engine said (e.g. `ollama pull qwen3:8b`). */
  infraError: { kind: string; message: string; fix?: string } | null;
  submission: Submission | null;
  /**
   * inputTokens/outputTokens: the engine's counters (evaluated tokens); billedInputTokens: the sum of
   * every call's billed-equivalent input tokens (the full prompt each call, as an API bills it; absent
   * in older records, read it as inputTokens).
   */
  usage: { inputTokens: number; outputTokens: number; billedInputTokens?: number };
  /** (billed-equivalent input + output tokens) × price / 10⁶. */
  costUsd: number;
  /** (evaluated input + output tokens) × price / 10⁶: the engine's own counters, kept beside costUsd. */
  costEvaluatedUsd?: number;
  timings: { gpuSeconds: number; loadSeconds: number; wallMs: number };
  health: {
    truncatedCalls: number;
    lengthStops: number;
    emptyReplies: number;
    /** Tool calls cut by num_predict (fed back to the model as a tool error). */
    cutToolCalls?: number;
    /** Calls whose reported prompt shrank: the engine dropped part of the context. */
    promptShrinks?: number;
    /** The attempt stopped with context-overflow (stopReason 'context-overflow'). */
    contextOverflow?: boolean;
  };
  calls: CallRecord[];
  messages: ChatMessage[];
  trace: TraceEvent[];
  simulated: boolean;
  /**
   * `bench matrix --with-plans`: the plan the agent bid on the task (SALE's bid call) and executed with, in
   * its prompt. `bid` holds that call's counters; they are not part of usage or costUsd (the execution's).
   */
  plan?: { text: string; sha: string; lengthTokens: number; bid: { inputTokens: number; outputTokens: number; costUsd: number } };
  /** For routers: every attempt paid for, in order (the last one's outcome counts), and why. */
  route?: { attempts: { agent: string; key: string; passed: boolean; costUsd: number; tokens?: number; gpuSeconds?: number }[]; details?: Record<string, unknown>; replayed: boolean };
  startedAt: string;
  finishedAt: string;
}

export const attemptKey = (system: string, taskId: string) => `${system}|${taskId}`;
export const agentSystem = (agent: string) => `agent:${agent}`;
