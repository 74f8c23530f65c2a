// The one seam every model provider implements. A provider is a thin adapter: retries, timeouts
// and accounting that are the same for every engine live in models/ beside it, not in the agent.

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  /** Provider-assigned call id when the engine gives one ("call_…"). */
  id?: string;
  name: string;
  /** Always an object: providers parse string arguments before returning. */
  arguments: Record<string, unknown>;
}

export interface ChatMessage {
  role: Role;
  content: string;
  /** Reasoning text ("thinking"), kept apart from content. */
  thinking?: string;
  toolCalls?: ToolCall[];
  /** For role 'tool': the name of the tool whose result this is. */
  toolName?: string;
}

/** A tool offered to the model, described by a JSON schema of its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: {
    type: 'object';
    properties: Record<string, { type: string; description?: string; enum?: string[] }>;
    required: string[];
  };
}

/** What kind of call this is: options (think, num_predict) are set per call type in configs/agents.yaml. */
export type CallType = 'execute' | 'bid' | 'judge' | 'refine';

export interface ChatOptions {
  temperature: number;
  seed?: number;
  /** Context window sent explicitly to the engine (never the server default). */
  numCtx: number;
  /** Maximum tokens to generate in this call. */
  numPredict: number;
  think: boolean;
  /** Ask for this many alternatives per generated token (0/undefined = no logprobs). */
  topLogprobs?: number;
  /** 'json' or a JSON schema for constrained output. */
  format?: 'json' | Record<string, unknown>;
  stop?: string[];
  keepAlive?: string;
}

/** Who is calling and why; used for logging and by the simulated provider. Never sent to a real engine. */
export interface CallMeta {
  taskId: string;
  agent: string;
  callType: CallType;
  /** Turn index within the agent loop (0-based). */
  turn: number;
  seed: number;
}

export interface ChatRequest {
  /** Engine model name, e.g. "qwen3:8b". */
  model: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  options: ChatOptions;
  meta: CallMeta;
  signal?: AbortSignal;
}

export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface TokenLogprob extends TopLogprob {
  top: TopLogprob[];
  /** Exact entropy (nats) of the full next-token distribution, where the engine exposes it (llamacpp). */
  entropy?: number;
}

/** Token counts from the engine's own counters. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, those the engine served from its prefix cache (OpenAI-compatible engines report it). */
  cachedInputTokens?: number;
}

/** Engine timings in nanoseconds (Ollama's units). */
export interface Timings {
  totalNs: number;
  loadNs: number;
  promptEvalNs: number;
  evalNs: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'other';

export interface ChatResponse {
  message: ChatMessage;
  /** Engine counters; a response without them is turned into an ApiCallError('missing-counters') by the provider. */
  usage: Usage;
  timings: Timings;
  finishReason: { unified: FinishReason; raw: string };
  logprobs?: TokenLogprob[];
  /** True when logprobs are only the engine's top-k (entropy is then a top-k approximation). */
  logprobsTopK?: number;
  /** Prompt tokens reached num_ctx: the engine silently dropped the start of the context. */
  truncated: boolean;
  /**
   * The full prompt in tokens, where the engine reports it apart from what it evaluated (llamacpp,
   * which reuses its KV cache). Absent for Ollama, whose prompt_eval_count leaves cached tokens out:
   * the agent then reconstructs the full prompt (agents/prompt-accounting.ts).
   */
  promptTokens?: number;
  /**
   * The reply stopped at num_predict while writing a tool call, which therefore did not parse: the
   * calls whose arguments are `{ _raw: text }`, or tool-call text left in content.
   */
  toolCallCut?: boolean;
  /** Wall time of the call on our side, ms. */
  wallMs: number;
  /** Number of attempts the call took (1 = no retry). */
  attempts: number;
  /** True for the simulated provider: the content is not model output. */
  simulated: boolean;
  /** Which endpoint served the call, when an agent has several (models/pool.ts). */
  endpoint?: string;
}

export interface ModelInfo {
  model: string;
  present: boolean;
  /**
   * Ollama's manifest digest (what `ollama list` and /api/tags show) whenever the model comes from
   * Ollama, in the `ollama` and the `llamacpp` provider alike; for a bare GGUF file, the file's sha256.
   */
  digest?: string;
  /** sha256 of the weights blob (the GGUF file) beside it, where known. */
  blobDigest?: string;
  contextLength?: number;
  capabilities?: string[];
  parameterSize?: string;
  quantization?: string;
}

/** The seam: one chat call plus a description of a model. */
export interface ModelClient {
  /** Provider name: "ollama", "sim", "llamacpp". */
  readonly provider: string;
  /** Where it talks to (host URL, or "in-process"). */
  readonly endpoint: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** Is the model present, what is its digest and what can it do. */
  describe(model: string): Promise<ModelInfo>;
  /** Cheap reachability probe; throws ApiCallError when the engine cannot be reached. */
  ping(): Promise<{ version: string }>;
}
