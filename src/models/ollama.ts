// The `ollama` provider: ModelClient on top of the official `ollama` npm client, always streaming.
//
// Per attempt we build a fresh `Ollama` client whose `fetch` carries our own AbortSignal, because the
// official client neither takes a signal for chat() nor for list/show/embed/version: a stall (no chunk
// for stallTimeoutMs), the per-attempt request timeout and the caller's ChatRequest.signal all abort
// through that signal. (A fresh client per attempt also avoids the official client's list of "ongoing
// streams", from which a stream is only removed when it ends with done:true.)
//
// Failures become ApiCallError with a kind; connection, 5xx, stall, timeout and stream errors are
// retried with deterministic exponential backoff (backoffMs, 2·backoffMs, 4·backoffMs …).
import { Ollama } from 'ollama';
import type {
  ChatRequest as WireChatRequest,
  ChatResponse as WireChatChunk,
  Logprob as WireLogprob,
  Message as WireMessage,
  Tool as WireTool,
} from 'ollama';
import { ApiCallError, ModelNotFoundError, SaleError } from '../errors.ts';
import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  FinishReason,
  ModelClient,
  ModelInfo,
  TokenLogprob,
  ToolCall,
  ToolSpec,
} from './types.ts';

export interface OllamaSettings {
  /** Server URL, e.g. "http://127.0.0.1:11434" (a bare "host:port" gets http://). */
  host: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Abort and retry when no chunk arrives for this long once the stream has started; default 60 000 ms. */
  stallTimeoutMs?: number;
  /**
   * Abort and retry when the first chunk has not arrived after this long. Ollama sends nothing while it
   * loads the model and evaluates the prompt, which can take minutes for a 32B model and a long context;
   * default 5 × stallTimeoutMs.
   */
  firstChunkTimeoutMs?: number;
  /** Limit on one attempt (whole generation); default 900 000 ms. */
  requestTimeoutMs?: number;
  /** Retries after the first attempt for retryable failures; default 3. */
  retries?: number;
  /** First backoff, doubled at each retry; default 500 ms. */
  backoffMs?: number;
  /** keep_alive sent when the request does not set one, e.g. "30m". */
  keepAlive?: string;
}

/** Text embeddings (used for all-minilm). */
export interface EmbeddingClient {
  /** One vector per input text, in order. */
  embed(model: string, texts: string[]): Promise<number[][]>;
}

export interface OllamaClient extends ModelClient, EmbeddingClient {}

const START_FIX = 'start Ollama with `ollama serve`, set OLLAMA_HOST, or use --provider sim';
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);
/** Ollama itself caps top_logprobs at 20. */
const MAX_TOP_LOGPROBS = 20;

/** Add http:// when no scheme is given and drop a trailing slash. */
export function normalizeHost(host: string): string {
  let h = host.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(h)) h = `http://${h}`;
  return h.replace(/\/+$/, '');
}

/** Ollama treats a name without a tag as ":latest". */
function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}

// ---------------------------------------------------------------------------------------------------
// Request mapping

function toWireMessage(m: ChatMessage): WireMessage {
  const out: WireMessage = { role: m.role, content: m.content };
  if (m.thinking) out.thinking = m.thinking;
  if (m.toolCalls?.length) {
    // The official type has no `id`; Ollama accepts and echoes it.
    out.tool_calls = m.toolCalls.map((c) => ({
      ...(c.id !== undefined ? { id: c.id } : {}),
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  if (m.role === 'tool' && m.toolName !== undefined) out.tool_name = m.toolName;
  return out;
}

function toWireTool(t: ToolSpec): WireTool {
  return { type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } };
}

/** The /api/chat body (without `stream`) for a ChatRequest. Exported for tests and logging. */
export function toWireChatRequest(req: ChatRequest, defaultKeepAlive?: string): WireChatRequest {
  const o = req.options;
  const options: NonNullable<WireChatRequest['options']> = {
    temperature: o.temperature,
    num_ctx: o.numCtx,
    num_predict: o.numPredict,
  };
  if (o.seed !== undefined) options.seed = o.seed;
  if (o.stop?.length) options.stop = o.stop;
  const body: WireChatRequest = {
    model: req.model,
    messages: req.messages.map(toWireMessage),
    think: o.think,
    options,
  };
  if (req.tools?.length) body.tools = req.tools.map(toWireTool);
  if (o.format !== undefined) body.format = o.format;
  const keepAlive = o.keepAlive ?? defaultKeepAlive;
  if (keepAlive !== undefined) body.keep_alive = keepAlive;
  if (o.topLogprobs !== undefined && o.topLogprobs > 0) {
    body.logprobs = true;
    body.top_logprobs = Math.min(MAX_TOP_LOGPROBS, Math.floor(o.topLogprobs));
  }
  return body;
}

// ---------------------------------------------------------------------------------------------------
// Response assembly

/**
 * Old qwen3 builds put the reasoning inside content as "<think>…</think>answer" (or, when the template
 * opened the tag, as "…</think>answer"). Move it out. An unclosed "<think>" (generation cut off while
 * reasoning) is all thinking.
 */
export function splitThinkTags(content: string): { thinking: string; content: string } {
  const open = /^\s*<think>/.exec(content);
  if (open) {
    const rest = content.slice(open[0].length);
    const close = rest.indexOf('</think>');
    if (close < 0) return { thinking: rest.trim(), content: '' };
    return { thinking: rest.slice(0, close).trim(), content: rest.slice(close + '</think>'.length).replace(/^\s+/, '') };
  }
  const close = content.indexOf('</think>');
  if (close >= 0 && !content.slice(0, close).includes('<think>')) {
    return { thinking: content.slice(0, close).trim(), content: content.slice(close + '</think>'.length).replace(/^\s+/, '') };
  }
  return { thinking: '', content };
}

/** Tool-call arguments are objects on the wire; a string (some engines, proxies) is parsed. */
function parseArguments(args: unknown): Record<string, unknown> {
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) return args as Record<string, unknown>;
  if (typeof args === 'string') {
    try {
      const parsed: unknown = JSON.parse(args);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through: keep the raw text so the agent can report a malformed call
    }
    return { _raw: args };
  }
  return {};
}

interface WireToolCallLoose {
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown; index?: unknown };
}

function fromWireToolCall(c: WireToolCallLoose): ToolCall {
  const call: ToolCall = { name: String(c.function?.name ?? ''), arguments: parseArguments(c.function?.arguments) };
  if (typeof c.id === 'string' && c.id !== '') call.id = c.id;
  return call;
}

function fromWireLogprob(l: WireLogprob): TokenLogprob {
  return { token: l.token, logprob: l.logprob, top: (l.top_logprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob })) };
}

function unifiedFinish(doneReason: string, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool-calls';
  if (doneReason === 'length') return 'length';
  if (doneReason === 'stop') return 'stop';
  return 'other';
}

/** Collects streamed chunks; `finish` turns them into a ChatResponse (minus wallMs/attempts). */
class StreamAccumulator {
  private content = '';
  private thinking = '';
  private readonly toolCalls: ToolCall[] = [];
  private readonly logprobs: TokenLogprob[] = [];
  private final: Partial<WireChatChunk> | undefined;
  chunks = 0;

  add(chunk: Partial<WireChatChunk>): void {
    this.chunks++;
    const m = chunk.message as Partial<WireMessage> | undefined;
    if (m) {
      if (typeof m.content === 'string') this.content += m.content;
      if (typeof m.thinking === 'string') this.thinking += m.thinking;
      for (const c of (m.tool_calls ?? []) as WireToolCallLoose[]) this.toolCalls.push(fromWireToolCall(c));
    }
    for (const l of chunk.logprobs ?? []) this.logprobs.push(fromWireLogprob(l));
    if (chunk.done) this.final = chunk;
  }

  finish(req: ChatRequest, host: string): Omit<ChatResponse, 'wallMs' | 'attempts'> {
    const f = this.final;
    if (!f) {
      throw new ApiCallError(`the stream from Ollama at ${host} ended without a final chunk`, {
        kind: 'stream',
        url: host,
        isRetryable: true,
      });
    }
    const promptEval = f.prompt_eval_count;
    const evalCount = f.eval_count;
    if (typeof promptEval !== 'number' || typeof evalCount !== 'number') {
      const missing = [typeof promptEval !== 'number' ? 'prompt_eval_count' : '', typeof evalCount !== 'number' ? 'eval_count' : '']
        .filter(Boolean)
        .join(' and ');
      throw new ApiCallError(`Ollama at ${host} returned no ${missing} for ${req.model}: token usage cannot be measured`, {
        kind: 'missing-counters',
        url: host,
        isRetryable: false,
        fix: 'upgrade Ollama (0.6 or later reports token counters on every reply)',
      });
    }
    let content = this.content;
    let thinking = this.thinking;
    const split = splitThinkTags(content);
    if (split.thinking || split.content !== content) {
      content = split.content;
      thinking = thinking ? `${thinking}\n${split.thinking}` : split.thinking;
    }
    const message: ChatMessage = { role: 'assistant', content };
    if (thinking) message.thinking = thinking;
    if (this.toolCalls.length) message.toolCalls = this.toolCalls;
    const raw = typeof f.done_reason === 'string' ? f.done_reason : '';
    const ns = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    const response: Omit<ChatResponse, 'wallMs' | 'attempts'> = {
      message,
      usage: { inputTokens: promptEval, outputTokens: evalCount },
      timings: {
        totalNs: ns(f.total_duration),
        loadNs: ns(f.load_duration),
        promptEvalNs: ns(f.prompt_eval_duration),
        evalNs: ns(f.eval_duration),
      },
      finishReason: { unified: unifiedFinish(raw, this.toolCalls.length > 0), raw },
      truncated: promptEval >= req.options.numCtx - 1,
      simulated: false,
    };
    const asked = req.options.topLogprobs ?? 0;
    // An Ollama older than 0.12.11 ignores `logprobs`: then there is nothing to report, rather than [].
    if (asked > 0 && this.logprobs.length > 0) {
      response.logprobs = this.logprobs;
      response.logprobsTopK = Math.min(MAX_TOP_LOGPROBS, Math.floor(asked));
    }
    return response;
  }
}

// ---------------------------------------------------------------------------------------------------
// Attempts, timeouts and error classification

/** Why we aborted an attempt ourselves. */
class AttemptAbort extends Error {
  constructor(
    readonly why: 'stall' | 'first-chunk' | 'timeout' | 'done',
    readonly ms: number,
  ) {
    super(`attempt aborted: ${why}`);
  }
}

interface Attempt {
  /** fetch bound to this attempt's signal. */
  fetch: typeof fetch;
  signal: AbortSignal;
  /** (Re)arm the no-data timer. */
  arm(why: 'stall' | 'first-chunk', ms: number): void;
}

interface CallContext {
  host: string;
  /** The model the call is about, for 404 → ModelNotFoundError. */
  model?: string;
  /** Short description for messages: "chat with qwen3:8b". */
  what: string;
  userSignal?: AbortSignal;
  timeoutMs: number;
  retries: number;
}

interface ErrorWithCause {
  name?: string;
  message?: string;
  code?: unknown;
  cause?: unknown;
  status_code?: unknown;
  error?: unknown;
}

/** The caller aborted: pass its reason on unchanged (never retried). */
function userAbortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as ErrorWithCause).code;
    if (typeof code === 'string') return code;
    e = (e as ErrorWithCause).cause;
  }
  return undefined;
}

function httpFix(message: string, model: string | undefined): string {
  const m = message.toLowerCase();
  if (m.includes('does not support tools')) return `this model does not support tools: pick a tool-capable model (e.g. qwen3) instead of ${model ?? 'it'}`;
  if (m.includes('does not support thinking')) return `this model does not support thinking: pick a thinking model or set think: false for this call type in configs/agents.yaml`;
  if (m.includes('top_logprobs')) return 'ask for at most 20 top logprobs';
  if (m.includes('does not support')) return `pick a model that supports this request instead of ${model ?? 'it'}`;
  return 'check the request options; upgrade Ollama if the field is newer than the server';
}

/** Turn whatever an attempt threw into the error we report (and maybe retry). */
function classify(err: unknown, ctx: CallContext, attempt: Attempt, streamStarted: boolean): Error {
  if (ctx.userSignal?.aborted) return userAbortError(ctx.userSignal);
  const reason: unknown = attempt.signal.reason;
  if (attempt.signal.aborted && reason instanceof AttemptAbort) {
    if (reason.why === 'timeout') {
      return new ApiCallError(`${ctx.what} at ${ctx.host} timed out after ${reason.ms} ms`, {
        kind: 'timeout',
        url: ctx.host,
        isRetryable: true,
        cause: err,
        fix: 'raise the request timeout, lower num_predict, or use a smaller model',
      });
    }
    if (reason.why === 'stall' || reason.why === 'first-chunk') {
      const where = reason.why === 'stall' ? 'mid-stream' : 'before the first chunk';
      return new ApiCallError(`${ctx.what} at ${ctx.host} stalled: no data for ${reason.ms} ms ${where}`, {
        kind: 'stall',
        url: ctx.host,
        isRetryable: true,
        cause: err,
        fix: 'check that the Ollama server is not overloaded (ollama ps) or raise the stall timeout',
      });
    }
  }
  if (err instanceof ApiCallError || err instanceof ModelNotFoundError) return err;
  if (SaleError.isInstance(err)) return err;

  const e = (err ?? {}) as ErrorWithCause;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'ResponseError' && typeof e.status_code === 'number') {
    const status = e.status_code;
    if (status === 404 && ctx.model !== undefined) return new ModelNotFoundError(ctx.model, ctx.host);
    if (status >= 500) {
      return new ApiCallError(`${ctx.what} at ${ctx.host} failed with HTTP ${status}: ${message}`, {
        kind: 'http-5xx',
        status,
        url: ctx.host,
        isRetryable: true,
        cause: err,
        fix: 'look at the Ollama server log (journalctl -u ollama or ~/.ollama/logs/server.log)',
      });
    }
    return new ApiCallError(`${ctx.what} at ${ctx.host} was refused with HTTP ${status}: ${message}`, {
      kind: 'http-4xx',
      status,
      url: ctx.host,
      // 408/429: the server asks us to come back later.
      isRetryable: status === 408 || status === 429,
      cause: err,
      fix: status === 404 ? `is ${ctx.host} an Ollama server?` : httpFix(message, ctx.model),
    });
  }
  const code = causeCode(err);
  const networkish = (code !== undefined && CONNECTION_CODES.has(code)) || message === 'fetch failed' || message === 'terminated';
  if (networkish && !streamStarted) {
    return new ApiCallError(`cannot reach Ollama at ${ctx.host}${code ? ` (${code})` : ''}: ${message}`, {
      kind: 'connection',
      url: ctx.host,
      isRetryable: true,
      cause: err,
      fix: START_FIX,
    });
  }
  // An {"error": …} line in the stream, a stream cut short, a connection lost mid-stream, bad JSON.
  return new ApiCallError(`${ctx.what} at ${ctx.host} failed${streamStarted ? ' mid-stream' : ''}: ${message}`, {
    kind: 'stream',
    url: ctx.host,
    isRetryable: true,
    cause: err,
    fix: 'look at the Ollama server log (journalctl -u ollama or ~/.ollama/logs/server.log)',
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The official client logs to the console when an error response is not JSON (a proxy's HTML page,
 * "404 page not found"): rewrite such bodies as Ollama's {"error": …} so the client stays quiet.
 */
async function jsonErrors(response: Response): Promise<Response> {
  if (response.ok || (response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = (await response.text().catch(() => '')).trim();
  return new Response(JSON.stringify({ error: text || `HTTP ${response.status} ${response.statusText}` }), {
    status: response.status,
    statusText: response.statusText,
    headers: { 'content-type': 'application/json' },
  });
}

// ---------------------------------------------------------------------------------------------------
// The client

export function createOllamaClient(settings: OllamaSettings): OllamaClient {
  const host = normalizeHost(settings.host);
  const baseFetch = settings.fetch ?? globalThis.fetch;
  const stallMs = settings.stallTimeoutMs ?? 60_000;
  const firstChunkMs = settings.firstChunkTimeoutMs ?? 5 * stallMs;
  const requestTimeoutMs = settings.requestTimeoutMs ?? 900_000;
  const retries = Math.max(0, settings.retries ?? 3);
  const backoffMs = settings.backoffMs ?? 500;

  /** Run `op` once per attempt until it succeeds, fails for good, or retries run out. */
  async function withRetries<T>(ctx: CallContext, op: (client: Ollama, attempt: Attempt, started: () => void) => Promise<T>) {
    for (let attempts = 1; ; attempts++) {
      if (ctx.userSignal?.aborted) throw userAbortError(ctx.userSignal);
      const outcome = await runAttempt(ctx, op);
      if (outcome.ok) return { value: outcome.value, attempts };
      const error = outcome.error;
      const retryable = error instanceof ApiCallError && error.isRetryable;
      if (!retryable || attempts > ctx.retries) {
        if (error instanceof ApiCallError && attempts > 1) {
          throw new ApiCallError(`${error.message} (gave up after ${attempts} attempts)`, {
            kind: error.kind,
            status: error.status,
            url: error.url,
            isRetryable: error.isRetryable,
            fix: error.fix,
            cause: error,
          });
        }
        throw error;
      }
      await sleep(backoffMs * 2 ** (attempts - 1), ctx.userSignal).catch(() => {
        throw userAbortError(ctx.userSignal!);
      });
    }
  }

  /** One attempt with its own AbortController, timers and client; never throws. */
  async function runAttempt<T>(
    ctx: CallContext,
    op: (client: Ollama, attempt: Attempt, started: () => void) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
    const controller = new AbortController();
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    let armed: { why: 'stall' | 'first-chunk'; ms: number } | undefined;
    const onUserAbort = () => controller.abort(ctx.userSignal?.reason);
    ctx.userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const overall = setTimeout(() => controller.abort(new AttemptAbort('timeout', ctx.timeoutMs)), ctx.timeoutMs);
    const attempt: Attempt = {
      signal: controller.signal,
      fetch: async (input, init) => {
        // The official client passes its own per-request signal: forward it into ours rather than
        // combining the two with AbortSignal.any, which is slow on Node 20 (tens of µs per call).
        const theirs = init?.signal;
        if (theirs) {
          if (theirs.aborted) controller.abort(theirs.reason);
          else theirs.addEventListener('abort', () => controller.abort(theirs.reason), { once: true });
        }
        return jsonErrors(await baseFetch(input, { ...init, signal: controller.signal }));
      },
      arm(why, ms) {
        // Re-arming for the same reason (every chunk) pushes the deadline back without a new timer.
        if (stallTimer !== undefined && armed?.why === why && armed.ms === ms) {
          stallTimer.refresh();
          return;
        }
        if (stallTimer !== undefined) clearTimeout(stallTimer);
        armed = { why, ms };
        stallTimer = setTimeout(() => controller.abort(new AttemptAbort(why, ms)), ms);
      },
    };
    let streamStarted = false;
    let succeeded = false;
    try {
      const value = await op(new Ollama({ host, fetch: attempt.fetch }), attempt, () => {
        streamStarted = true;
      });
      succeeded = true;
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: classify(err, ctx, attempt, streamStarted) };
    } finally {
      clearTimeout(overall);
      if (stallTimer !== undefined) clearTimeout(stallTimer);
      ctx.userSignal?.removeEventListener('abort', onUserAbort);
      // After a failure, drop whatever is left of the connection (a stream abandoned after an error
      // line, say). A success has read its body up to the done chunk, so there is nothing to drop, and
      // aborting would cost an Error, an abort through fetch and, at times, the keep-alive connection.
      if (!succeeded && !controller.signal.aborted) controller.abort(new AttemptAbort('done', 0));
    }
  }

  const client: OllamaClient = {
    provider: 'ollama',
    endpoint: host,

    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = performance.now();
      const body = toWireChatRequest(req, settings.keepAlive);
      const ctx: CallContext = {
        host,
        model: req.model,
        what: `chat with ${req.model}`,
        userSignal: req.signal,
        timeoutMs: requestTimeoutMs,
        retries,
      };
      const { value, attempts } = await withRetries(ctx, async (ollama, attempt, markStarted) => {
        attempt.arm('first-chunk', firstChunkMs);
        const stream = await ollama.chat({ ...body, stream: true });
        const acc = new StreamAccumulator();
        for await (const chunk of stream) {
          markStarted();
          attempt.arm('stall', stallMs);
          acc.add(chunk);
        }
        return acc.finish(req, host);
      });
      return { ...value, wallMs: performance.now() - started, attempts };
    },

    async describe(model: string): Promise<ModelInfo> {
      const base = { host, userSignal: undefined, timeoutMs: Math.min(requestTimeoutMs, 60_000), retries };
      const tags = (await withRetries({ ...base, what: 'listing models' }, (ollama) => ollama.list())).value;
      const wanted = withTag(model);
      const entry = (tags.models ?? []).find((m) => withTag(m.name) === wanted || withTag(m.model ?? '') === wanted);
      if (!entry) return { model, present: false };
      let show;
      try {
        show = (await withRetries({ ...base, model, what: `describing ${model}` }, (ollama) => ollama.show({ model }))).value;
      } catch (err) {
        if (err instanceof ModelNotFoundError) return { model, present: false };
        throw err;
      }
      // model_info is typed as a Map but arrives as a plain JSON object.
      const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
      const arch = info['general.architecture'];
      let contextLength = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined;
      if (typeof contextLength !== 'number') {
        contextLength = Object.entries(info).find(([k, v]) => k.endsWith('.context_length') && typeof v === 'number')?.[1];
      }
      const result: ModelInfo = { model, present: true, digest: entry.digest };
      if (typeof contextLength === 'number') result.contextLength = contextLength;
      if (Array.isArray(show.capabilities)) result.capabilities = show.capabilities;
      if (entry.details?.parameter_size) result.parameterSize = entry.details.parameter_size;
      if (entry.details?.quantization_level) result.quantization = entry.details.quantization_level;
      return result;
    },

    async ping(): Promise<{ version: string }> {
      const ctx: CallContext = { host, what: 'version probe', timeoutMs: Math.min(requestTimeoutMs, 10_000), retries: 0 };
      const { value } = await withRetries(ctx, (ollama) => ollama.version());
      if (typeof value?.version !== 'string') {
        throw new ApiCallError(`${host} answered /api/version without a version: is it an Ollama server?`, {
          kind: 'stream',
          url: host,
          isRetryable: false,
          fix: START_FIX,
        });
      }
      return { version: value.version };
    },

    async embed(model: string, texts: string[]): Promise<number[][]> {
      if (texts.length === 0) return [];
      const ctx: CallContext = { host, model, what: `embedding with ${model}`, timeoutMs: requestTimeoutMs, retries };
      const { value } = await withRetries(ctx, (ollama) => ollama.embed({ model, input: texts, keep_alive: settings.keepAlive }));
      if (!Array.isArray(value?.embeddings) || value.embeddings.length !== texts.length) {
        throw new ApiCallError(
          `embedding with ${model} at ${host} returned ${Array.isArray(value?.embeddings) ? value.embeddings.length : 'no'} vectors for ${texts.length} texts`,
          { kind: 'stream', url: host, isRetryable: false },
        );
      }
      return value.embeddings;
    },
  };
  return client;
}
