// The `openai` provider: ModelClient on the official `openai` npm client against any OpenAI-compatible
// /v1/chat/completions server (vLLM, SGLang, llama.cpp `llama-server`, LM Studio, a LiteLLM proxy).
// Always streams, with usage asked for; the same stall / overall timeouts, retries with backoff and
// infrastructure-error kinds as the Ollama provider, and a server's Retry-After honoured (capped).
// The official client's own retries are off (maxRetries 0): every retry is ours, counted in `attempts`.
import OpenAI from 'openai';
import { ApiCallError } from '../../errors.ts';
import type { ChatRequest, ChatResponse, ModelClient, ModelInfo } from '../types.ts';
import { OPENAI_START_FIX, OpenAiAttemptAbort, callerAbort, classifyOpenAi, type OpenAiCallContext } from './errors.ts';
import { MAX_TOP_LOGPROBS, OpenAiAccumulator, toOpenAiRequest, unifiedFinish, type OpenAiChunk, type OpenAiWireSettings } from './wire.ts';

export interface OpenAiSettings {
  /** Base URL ending in /v1, e.g. http://gpu-box:8000/v1. */
  baseURL: string;
  /** Sent as a bearer token; engines started without --api-key accept any. */
  apiKey?: string;
  stallTimeoutMs?: number;
  /** No first token for this long (prefill of a long prompt) counts as a stall; default 5 × stall. */
  firstChunkTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Longest Retry-After we honour, ms (default 60 000). */
  maxRetryAfterMs?: number;
  thinkField?: OpenAiWireSettings['thinkField'];
  fetch?: typeof fetch;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(callerAbort(signal));
    const onAbort = () => {
      clearTimeout(t);
      reject(callerAbort(signal!));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createOpenAiClient(settings: OpenAiSettings): ModelClient {
  const endpoint = settings.baseURL.replace(/\/+$/, '');
  const stallMs = settings.stallTimeoutMs ?? 60_000;
  const firstChunkMs = settings.firstChunkTimeoutMs ?? 5 * stallMs;
  const timeoutMs = settings.requestTimeoutMs ?? 900_000;
  const retries = Math.max(0, settings.retries ?? 3);
  const backoffMs = settings.backoffMs ?? 500;
  const maxRetryAfterMs = settings.maxRetryAfterMs ?? 60_000;
  const wire: OpenAiWireSettings = { thinkField: settings.thinkField ?? 'chat_template_kwargs' };
  const sdk = new OpenAI({ baseURL: endpoint, apiKey: settings.apiKey ?? 'sale-no-key', maxRetries: 0, timeout: timeoutMs, ...(settings.fetch ? { fetch: settings.fetch } : {}) });

  /** Run `op` under one attempt's signal and watchdog per try, retrying what is retryable. */
  async function withRetries<T>(ctx: OpenAiCallContext, watch: boolean, op: (signal: AbortSignal, chunk: () => void) => Promise<T>, maxRetries = retries): Promise<{ value: T; attempts: number }> {
    for (let n = 1; ; n++) {
      if (ctx.userSignal?.aborted) throw callerAbort(ctx.userSignal);
      const controller = new AbortController();
      const onUser = () => controller.abort(ctx.userSignal!.reason);
      ctx.userSignal?.addEventListener('abort', onUser, { once: true });
      const t0 = performance.now();
      let last = -1;
      let started = false;
      const check = () => {
        const now = performance.now();
        if (now - t0 >= timeoutMs) controller.abort(new OpenAiAttemptAbort('timeout', timeoutMs));
        else if (watch && last < 0 && now - t0 >= firstChunkMs) controller.abort(new OpenAiAttemptAbort('stall', firstChunkMs));
        else if (watch && last >= 0 && now - last >= stallMs) controller.abort(new OpenAiAttemptAbort('stall', stallMs));
      };
      const timer = setInterval(check, Math.max(2, Math.min(watch ? stallMs : timeoutMs, timeoutMs) / 4));
      let failure: { error: Error; retryAfterMs?: number };
      try {
        const value = await op(controller.signal, () => {
          started = true;
          last = performance.now();
        });
        return { value, attempts: n };
      } catch (err) {
        failure = classifyOpenAi(err, ctx, controller.signal, started);
      } finally {
        clearInterval(timer);
        ctx.userSignal?.removeEventListener('abort', onUser);
      }
      const { error } = failure;
      const retryable = error instanceof ApiCallError && error.isRetryable;
      if (!retryable || n > maxRetries) {
        if (error instanceof ApiCallError && n > 1) {
          throw new ApiCallError(`${error.message} (gave up after ${n} attempts)`, { kind: error.kind, status: error.status, url: error.url, isRetryable: error.isRetryable, fix: error.fix, cause: error });
        }
        throw error;
      }
      const wait = Math.max(backoffMs * 2 ** (n - 1), Math.min(failure.retryAfterMs ?? 0, maxRetryAfterMs));
      await sleep(wait, ctx.userSignal);
    }
  }

  return {
    provider: 'openai',
    endpoint,

    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = performance.now();
      const body = toOpenAiRequest(req, wire);
      const ctx: OpenAiCallContext = { endpoint, model: req.model, what: `chat with ${req.model}`, ...(req.signal ? { userSignal: req.signal } : {}) };
      const { value: acc, attempts } = await withRetries(ctx, true, async (signal, chunk) => {
        const stream = (await sdk.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, { signal })) as AsyncIterable<OpenAiChunk>;
        const a = new OpenAiAccumulator();
        for await (const c of stream) {
          chunk();
          a.add(c);
        }
        if (!a.usage) {
          throw new ApiCallError(`the engine at ${endpoint} sent no usage for ${req.model}: token usage cannot be measured`, {
            kind: 'missing-counters',
            url: endpoint,
            isRetryable: false,
            fix: 'use an engine that honours stream_options.include_usage (vLLM, SGLang and llama-server do)',
          });
        }
        return a;
      });
      const message = acc.message();
      const usage = acc.usage!;
      const wallMs = performance.now() - started;
      const response: ChatResponse = {
        message,
        usage: { inputTokens: usage.input, outputTokens: usage.output, ...(usage.cached !== undefined ? { cachedInputTokens: usage.cached } : {}) },
        // The OpenAI format reports no engine timings: the wall time of the call stands for the total.
        timings: { totalNs: Math.round(wallMs * 1e6), loadNs: 0, promptEvalNs: 0, evalNs: 0 },
        finishReason: { unified: unifiedFinish(acc.finish, (message.toolCalls ?? []).length > 0), raw: acc.finish },
        // These engines refuse a prompt over the served context (HTTP 400) rather than truncating it.
        truncated: false,
        wallMs,
        attempts,
        simulated: false,
      };
      const asked = req.options.topLogprobs ?? 0;
      const lps = acc.tokenLogprobs();
      if (asked > 0 && lps.length > 0) {
        response.logprobs = lps;
        response.logprobsTopK = Math.min(MAX_TOP_LOGPROBS, Math.floor(asked));
      }
      return response;
    },

    async describe(model: string): Promise<ModelInfo> {
      const ctx: OpenAiCallContext = { endpoint, what: 'listing models' };
      const { value } = await withRetries(ctx, false, async (signal) => {
        const out: Record<string, unknown>[] = [];
        for await (const m of sdk.models.list({ signal })) out.push(m as unknown as Record<string, unknown>);
        return out;
      });
      const entry = value.find((m) => m.id === model);
      if (!entry) return { model, present: false };
      const info: ModelInfo = { model, present: true };
      const meta = entry.meta as Record<string, unknown> | undefined;
      const len = entry.max_model_len ?? meta?.n_ctx_train;
      if (typeof len === 'number') info.contextLength = len;
      return info;
    },

    async ping(): Promise<{ version: string }> {
      const ctx: OpenAiCallContext = { endpoint, what: 'model list probe' };
      try {
        await withRetries(ctx, false, async (signal) => sdk.models.list({ signal }), 0);
      } catch (e) {
        if (e instanceof ApiCallError && e.kind === 'http-4xx' && e.status === 404) {
          throw new ApiCallError(`${endpoint}/models is not found: is this an OpenAI-compatible server (the URL ends in /v1)?`, { kind: 'http-4xx', status: 404, url: endpoint, isRetryable: false, fix: OPENAI_START_FIX });
        }
        throw e;
      }
      return { version: 'openai-compatible' };
    },
  };
}
