import type { InfraErrorKind } from '../errors.ts';
import type { CallType, ChatMessage, ChatResponse, ModelClient, ToolSpec } from '../models/types.ts';
import type { AgentConfig } from '../config/types.ts';
import type { Task } from '../tasks/types.ts';

/** What an agent hands in: code, an option letter or a short answer. */
export type Submission =
  | { kind: 'code'; code: string }
  | { kind: 'choice'; letter: string }
  | { kind: 'answer'; text: string };

export interface ToolResult {
  /** Text shown back to the model. */
  output: string;
  /** Set by terminal tools (submit, answer): the loop ends with this submission. */
  submission?: Submission;
  /** Structured details kept in the trace (exit status, timings, hits…). */
  details?: Record<string, unknown>;
}

/** A tool the agent may call: its schema for the model and its implementation. */
export interface Tool {
  spec: ToolSpec;
  run(args: Record<string, unknown>): Promise<ToolResult>;
}

/** One model call as recorded: enough to recompute cost and health metrics. */
export interface CallRecord {
  callType: CallType;
  turn: number;
  inputTokens: number;
  outputTokens: number;
  timings: ChatResponse['timings'];
  finishReason: ChatResponse['finishReason'];
  truncated: boolean;
  wallMs: number;
  attempts: number;
  empty: boolean;
  /**
   * Billed-equivalent input tokens: the full prompt of this call, as an API would bill it
   * (agents/prompt-accounting.ts). `inputTokens` stays the engine's own counter (evaluated tokens).
   * Absent in records written before this field existed: read it as `inputTokens`.
   */
  billedInputTokens?: number;
  /** The engine's prompt count shrank although the conversation grew: it dropped part of the context. */
  promptShrank?: boolean;
  /** A tool call cut by num_predict (arguments that do not parse); fed back to the model as a tool error. */
  toolCallCut?: boolean;
  /** The endpoint that served the call when the agent has several (ChatResponse.endpoint; record v2+, absent before). */
  endpoint?: string;
}

export interface TraceEvent {
  turn: number;
  /** The assistant message or the tool result, as the model saw it. */
  message: ChatMessage;
  /** For tool results: structured details from the tool. */
  details?: Record<string, unknown>;
}

/** Why the agent loop ended. */
export type StopReason =
  | 'submitted'
  | 'final-text'
  | 'step-budget'
  | 'token-budget'
  | 'no-submission'
  /** The next call would not fit num_ctx (the engine would drop the task statement), or it did drop part of the context. */
  | 'context-overflow'
  | 'infra-error';

export interface AgentRun {
  submission: Submission | null;
  stopReason: StopReason;
  /** The whole conversation, system and task prompt included. */
  messages: ChatMessage[];
  trace: TraceEvent[];
  calls: CallRecord[];
  /** Infrastructure failure that ended the run (not a model failure). */
  infraError?: { kind: InfraErrorKind | 'model-not-found' | 'unknown'; message: string; fix?: string };
}

/** Everything one agent run needs. */
export interface AgentContext {
  task: Task;
  agent: AgentConfig;
  client: ModelClient;
  seed: number;
  systemPrompt: string;
  userPrompt: string;
  tools: Tool[];
  /** Turn a final text reply (no tool call) into a submission, or null to nudge the model on. */
  parseFinalText(text: string): Submission | null;
  budgets: { maxSteps: number; maxTokens: number };
  /** Tool output longer than this is cut (head and tail kept). */
  toolOutputChars: number;
  signal?: AbortSignal;
}

/** The Agent seam: run one task to a submission. */
export interface Agent {
  run(ctx: AgentContext): Promise<AgentRun>;
}
