// What a failed call to Ollama becomes: ApiCallError with a kind (and whether to retry it), or
// ModelNotFoundError, or the caller's own abort reason passed on unchanged.
import { ApiCallError, ModelNotFoundError, SaleError } from '../../errors.ts';

export const START_FIX = 'start Ollama with `ollama serve`, set OLLAMA_HOST, or use --provider sim';
const SERVER_LOG_FIX = 'look at the Ollama server log (journalctl -u ollama or ~/.ollama/logs/server.log)';
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

/** What a call is about, for its error messages and its retry loop. */
export interface CallContext {
  host: string;
  /** The model the call is about, for 404 → ModelNotFoundError. */
  model?: string;
  /** Short description for messages: "chat with qwen3:8b". */
  what: string;
  userSignal?: AbortSignal;
  timeoutMs: number;
  retries: number;
}

/** Why we aborted an attempt ourselves (the reason of the attempt's AbortSignal). */
export class AttemptAbort extends Error {
  constructor(
    readonly why: 'stall' | 'first-chunk' | 'timeout' | 'done',
    readonly ms: number,
  ) {
    super(`attempt aborted: ${why}`);
  }
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
export function userAbortError(signal: AbortSignal): Error {
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

/**
 * Turn whatever an attempt threw into the error we report (and maybe retry). `signal` is the attempt's
 * own signal (its reason says whether we aborted it, and why); `streamStarted` whether a chunk came.
 */
export function classify(err: unknown, ctx: CallContext, signal: AbortSignal, streamStarted: boolean): Error {
  if (ctx.userSignal?.aborted) return userAbortError(ctx.userSignal);
  const reason: unknown = signal.reason;
  if (signal.aborted && reason instanceof AttemptAbort) {
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
        fix: SERVER_LOG_FIX,
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
    fix: SERVER_LOG_FIX,
  });
}

/**
 * The official client logs to the console when an error response is not JSON (a proxy's HTML page,
 * "404 page not found"): rewrite such bodies as Ollama's {"error": …} so the client stays quiet.
 * Callers skip it for ok responses (the common case), which it would return unchanged.
 */
export async function jsonErrors(response: Response): Promise<Response> {
  if (response.ok || (response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = (await response.text().catch(() => '')).trim();
  return new Response(JSON.stringify({ error: text || `HTTP ${response.status} ${response.statusText}` }), {
    status: response.status,
    statusText: response.statusText,
    headers: { 'content-type': 'application/json' },
  });
}
