// What a failed call to an OpenAI-compatible engine becomes: ApiCallError with a kind (and whether to
// retry it, and after how long when the server says so with Retry-After), ModelNotFoundError for a 404
// naming the model, or the caller's own abort reason passed on unchanged.
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { ApiCallError, ModelNotFoundError, SaleError } from '../../errors.ts';

export const OPENAI_START_FIX = 'start the serving engine (e.g. `vllm serve MODEL`), check the endpoint URL (it ends in /v1), or use --provider sim';
const LOG_FIX = 'look at the serving engine log';

/** Why we aborted an attempt ourselves (the reason of the attempt's AbortSignal). */
export class OpenAiAttemptAbort extends Error {
  constructor(
    readonly why: 'stall' | 'timeout',
    readonly ms: number,
  ) {
    super(`attempt aborted: ${why}`);
  }
}

export interface OpenAiCallContext {
  endpoint: string;
  model?: string;
  what: string;
  userSignal?: AbortSignal;
}

/** The caller aborted: pass its reason on unchanged (never retried). */
export function callerAbort(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

/** Seconds of a Retry-After header (delta-seconds or an HTTP date), as ms; undefined when absent. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const v = headers?.get('retry-after');
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

function badRequestFix(message: string, model: string | undefined): string {
  const m = message.toLowerCase();
  if (m.includes('maximum context length') || m.includes('context length')) return 'the conversation outgrew the served context: raise --max-model-len on the server or lower max turns / tool output';
  if (m.includes('tool') && (m.includes('auto') || m.includes('not support'))) return `serve ${model ?? 'the model'} with tool calling on (vLLM: --enable-auto-tool-choice --tool-call-parser hermes)`;
  if (m.includes('logprobs')) return 'raise the server\'s --max-logprobs or ask for fewer top logprobs';
  return 'check the request options against the engine\'s documentation';
}

/** Turn whatever an attempt threw into the error to report (and maybe retry), with a server-given delay. */
export function classifyOpenAi(err: unknown, ctx: OpenAiCallContext, signal: AbortSignal, streamStarted: boolean): { error: Error; retryAfterMs?: number } {
  if (ctx.userSignal?.aborted) return { error: callerAbort(ctx.userSignal) };
  const reason: unknown = signal.reason;
  if (signal.aborted && reason instanceof OpenAiAttemptAbort) {
    const msg = reason.why === 'timeout' ? `timed out after ${reason.ms} ms` : `stalled: no data for ${reason.ms} ms`;
    return { error: new ApiCallError(`${ctx.what} at ${ctx.endpoint} ${msg}`, { kind: reason.why, url: ctx.endpoint, isRetryable: true, cause: err, fix: 'check the engine is not overloaded or raise the timeout' }) };
  }
  if (SaleError.isInstance(err)) return { error: err };
  if (err instanceof APIUserAbortError) return { error: err };
  if (err instanceof APIConnectionError) {
    return {
      error: new ApiCallError(`cannot reach the engine at ${ctx.endpoint}${streamStarted ? ' (mid-stream)' : ''}: ${err.message}`, { kind: streamStarted ? 'stream' : 'connection', url: ctx.endpoint, isRetryable: true, cause: err, fix: OPENAI_START_FIX }),
    };
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const message = err.message;
    const wait = retryAfterMs(err.headers as Headers | undefined);
    if (status === 404 && ctx.model !== undefined && /model/i.test(message)) {
      return { error: new ModelNotFoundError(ctx.model, ctx.endpoint, { engine: 'OpenAI-compatible', fix: `serve ${ctx.model} on ${ctx.endpoint} (vLLM: vllm serve ${ctx.model}; the name must match /v1/models)` }) };
    }
    if (status >= 500) {
      return { error: new ApiCallError(`${ctx.what} at ${ctx.endpoint} failed with HTTP ${status}: ${message}`, { kind: 'http-5xx', status, url: ctx.endpoint, isRetryable: true, cause: err, fix: LOG_FIX }), ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    return {
      error: new ApiCallError(`${ctx.what} at ${ctx.endpoint} was refused with HTTP ${status}: ${message}`, {
        kind: 'http-4xx',
        status,
        url: ctx.endpoint,
        isRetryable: status === 408 || status === 429,
        cause: err,
        fix: status === 429 ? 'the engine is saturated: lower --concurrency or add endpoints' : badRequestFix(message, ctx.model),
      }),
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { error: new ApiCallError(`${ctx.what} at ${ctx.endpoint} failed${streamStarted ? ' mid-stream' : ''}: ${message}`, { kind: 'stream', url: ctx.endpoint, isRetryable: true, cause: err, fix: LOG_FIX }) };
}
