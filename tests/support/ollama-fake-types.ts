// Types of the fake Ollama server (ollama-test-server.ts): models, reply scripts, recorded requests.

/** A model the fake server has "installed". */
export interface FakeModel {
  /** Full name with tag, e.g. "qwen3:8b". A name without a tag means ":latest". */
  name: string;
  /** sha256 hex digest as /api/tags reports it (the manifest's); default: sha256 of the name. */
  digest?: string;
  /** sha256 of the weights blob, named in /api/show's modelfile (FROM …/blobs/sha256-<hex>); default: sha256 of "blob:" + name. */
  blobDigest?: string;
  /** Reported as model_info["<architecture>.context_length"]; default 40960 (qwen3). */
  contextLength?: number;
  /** /api/show capabilities; default ["completion", "tools", "thinking"]. */
  capabilities?: string[];
  /** general.architecture and details.family; default "qwen3". */
  architecture?: string;
  /** details.parameter_size; default "8.2B". */
  parameterSize?: string;
  /** details.quantization_level; default "Q4_K_M". */
  quantization?: string;
  /** Size on disk in bytes; default 5_200_000_000. */
  sizeBytes?: number;
  /** Length of vectors returned by /api/embed; default 384 (all-minilm). */
  embeddingLength?: number;
}

/** A tool call the fake model makes. */
export interface ScriptedToolCall {
  name: string;
  /** Sent as given: Ollama sends an object; a string lets tests imitate a misbehaving engine. */
  arguments: Record<string, unknown> | string;
  /** Sent as tool_calls[i].id when given (newer Ollama versions send "call_…"). */
  id?: string;
  /** Sent as tool_calls[i].function.index when given. */
  index?: number;
}

/** One entry of Ollama's per-token logprobs. */
export interface WireLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

/** What the fake engine answers to one /api/chat call. Every field is optional. */
export interface ReplyScript {
  /** Generated text. A string is split into `chunks` pieces; an array gives the pieces explicitly. */
  content?: string | string[];
  /** Number of streamed content chunks when `content` is a string; default min(4, length), at least 1. */
  chunks?: number;
  /** Reasoning text, streamed in message.thinking before the content (only when the request has think:true). */
  thinking?: string | string[];
  /** Number of thinking chunks when `thinking` is a string; default min(3, length). */
  thinkingChunks?: number;
  /**
   * Imitate old qwen3 builds: send thinking as "<think>…</think>" at the start of content instead of in
   * message.thinking (sent whatever `think` the request asked for).
   */
  thinkInContent?: boolean;
  toolCalls?: ScriptedToolCall[];
  /**
   * Where the tool calls go: 'early' (default) = a chunk of their own before the final chunk, as recent
   * Ollama versions do; 'final' = inside the done:true chunk; a number = with that content chunk (0-based).
   */
  toolCallsAt?: 'early' | 'final' | number;
  /**
   * Per-token logprobs, sent only when the request has logprobs:true. Spread over the content chunks in
   * order. When absent and the request asks for logprobs, each thinking and content chunk is reported as
   * one token with a deterministic logprob and `top_logprobs` alternatives.
   */
  logprobs?: WireLogprob[];
  /** Explicit counters; default: the fake engine's counter (see the file header). */
  promptEvalCount?: number;
  evalCount?: number;
  /** Leave counters out of the final chunk (true = both). */
  omitCounters?: boolean | ('prompt_eval_count' | 'eval_count')[];
  /** done_reason of the final chunk; default "stop". */
  doneReason?: string;
  /** Override engine timings (ns). */
  durations?: Partial<Record<'total_duration' | 'load_duration' | 'prompt_eval_duration' | 'eval_duration', number>>;
  /** Delay before the response headers are sent (model loading), ms. */
  headerDelayMs?: number;
  /** Delay before each chunk after the first, ms. */
  chunkDelayMs?: number;
  /** Stop sending after chunk number `afterChunk` (0-based) for `ms` milliseconds, or forever. */
  stall?: { afterChunk: number; ms: number | 'forever' };
  /** Answer with this HTTP status instead of a stream. Body: {"error": error} as JSON unless `body` is given. */
  httpError?: { status: number; error?: string; body?: string; contentType?: string };
  /** End the stream with {"error": errorLine} (optionally with "status") instead of the final chunk. */
  errorLine?: string;
  errorLineStatus?: number;
  /** Destroy the TCP connection right after chunk number `afterChunk` (0-based): a server that died mid-stream. */
  dropConnection?: { afterChunk: number };
  /** Close the stream without ever sending a done:true chunk. */
  endWithoutDone?: boolean;
  /** Send the final done:true chunk without a `message` field (seen after tool results). */
  noFinalMessage?: boolean;
}

export type ReplyFactory = (request: WireChatRequest) => ReplyScript;

/** The /api/chat request body as the server received it (loosely typed: it records what was sent). */
export interface WireChatRequest {
  model: string;
  messages?: {
    role: string;
    content: string;
    thinking?: string;
    tool_calls?: { id?: string; function: { index?: number; name: string; arguments: unknown } }[];
    tool_name?: string;
    [key: string]: unknown;
  }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  format?: unknown;
  options?: Record<string, unknown>;
  think?: boolean | string;
  stream?: boolean;
  keep_alive?: string | number;
  logprobs?: boolean;
  top_logprobs?: number;
  [key: string]: unknown;
}

export interface RecordedRequests {
  chat: WireChatRequest[];
  show: Record<string, unknown>[];
  embed: Record<string, unknown>[];
  /** One entry per GET /api/tags. */
  tags: number[];
  /** One entry per GET /api/version. */
  version: number[];
  /** Every request in arrival order. */
  all: { method: string; path: string; body: unknown }[];
  /** Per /api/chat call that reached the engine: how many messages Ollama's truncation dropped. */
  dropped: number[];
}

export interface OllamaTestServerOptions {
  /** Installed models; default: qwen3 4b/8b/14b/32b and all-minilm. */
  models?: FakeModel[];
  /** Reported by /api/version; default "0.12.11". */
  version?: string;
  /** Reply used when a model's queue is empty; default {content: 'ok'}. */
  defaultReply?: ReplyScript | ReplyFactory;
  /** Imitate Ollama's prompt cache: later turns report only newly evaluated prompt tokens; default off. */
  promptCache?: boolean;
}

export interface OllamaTestServer {
  /** Base URL, e.g. "http://127.0.0.1:43817". */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequests;
  /** Replace the installed models (e.g. `ollama rm` mid-run: later calls get 404). */
  setModels(models: FakeModel[]): void;
  /** Turn the prompt cache on or off (and empty it). */
  setPromptCache(on: boolean): void;
  /** Queue one reply for the next /api/chat call to `model` (FIFO per model). */
  enqueue(model: string, ...replies: (ReplyScript | ReplyFactory)[]): void;
  /** Make the next `times` (default 1) requests to `path` (e.g. "/api/tags") fail with this status. */
  failNext(path: string, failure: { status: number; error?: string; times?: number }): void;
  /** Replies still queued for a model. */
  pending(model: string): number;
  /** Drop every queued reply and pending failNext (e.g. in afterEach, so one test cannot leak into the next). */
  clearQueues(): void;
  /** Close the server and drop every open connection (including stalled streams). */
  close(): Promise<void>;
}
