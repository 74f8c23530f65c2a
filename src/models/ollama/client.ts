// The `ollama` provider: ModelClient (and EmbeddingClient) on top of the official `ollama` npm client,
// always streaming. Attempts, timeouts and retries: attempt.ts; error classification: errors.ts;
// wire mapping: wire.ts; assembling a streamed reply: stream.ts.
import { ApiCallError, ModelNotFoundError } from '../../errors.ts';
import type { ChatRequest as WireChatRequest } from 'ollama';
import type { ChatRequest, ChatResponse, ModelInfo } from '../types.ts';
import { Attempt, AttemptDispatch, afterFailure, attemptSettings, withRetries, type AttemptSettings, type StreamWatch } from './attempt.ts';
import { START_FIX, userAbortError, type CallContext } from './errors.ts';
import { StreamAccumulator } from './stream.ts';
import type { OllamaClient, OllamaSettings } from './types.ts';
import { normalizeHost, toWireChatRequest, withTag } from './wire.ts';

export function createOllamaClient(settings: OllamaSettings): OllamaClient {
  const host = normalizeHost(settings.host);
  const stallMs = settings.stallTimeoutMs ?? 60_000;
  const watch: StreamWatch = { stallMs, firstChunkMs: settings.firstChunkTimeoutMs ?? 5 * stallMs };
  const requestTimeoutMs = settings.requestTimeoutMs ?? 900_000;
  const retries = Math.max(0, settings.retries ?? 3);
  /** What every attempt of this client shares. */
  const shared: AttemptSettings = attemptSettings(host, settings.fetch ?? globalThis.fetch, settings.backoffMs ?? 500);
  const dispatch = new AttemptDispatch(host);

  const client: OllamaClient = {
    provider: 'ollama',
    endpoint: host,

    async chat(req: ChatRequest): Promise<ChatResponse> {
      const started = performance.now();
      // Every attempt sends this same object (the official client only sets `stream` on it, to true).
      const body: WireChatRequest & { stream: true } = Object.assign(toWireChatRequest(req, settings.keepAlive), { stream: true as const });
      const ctx: CallContext = {
        host,
        model: req.model,
        what: `chat with ${req.model}`,
        userSignal: req.signal,
        timeoutMs: requestTimeoutMs,
        retries,
      };
      // withRetries' loop written out: chat is the hot path, and this spares it two async layers and a
      // closure per call.
      for (let n = 1; ; n++) {
        if (ctx.userSignal?.aborted) throw userAbortError(ctx.userSignal);
        const attempt = new Attempt(ctx, shared, watch);
        let error: Error;
        let stream: Awaited<ReturnType<AttemptDispatch['chat']>> | undefined;
        try {
          stream = await dispatch.chat(attempt, body);
          const acc = new StreamAccumulator();
          for await (const chunk of stream) {
            attempt.chunk();
            acc.add(chunk);
          }
          const response = acc.finish(req, host);
          attempt.end(true);
          return Object.assign(response, { wallMs: performance.now() - started, attempts: n });
        } catch (err) {
          error = attempt.fail(err);
          if (stream) dispatch.forget(stream);
        }
        await afterFailure(shared, ctx, error, n);
      }
    },

    async describe(model: string): Promise<ModelInfo> {
      const base = { host, userSignal: undefined, timeoutMs: Math.min(requestTimeoutMs, 60_000), retries };
      const tags = (await withRetries(shared, { ...base, what: 'listing models' }, (ollama) => ollama.list())).value;
      const wanted = withTag(model);
      const entry = (tags.models ?? []).find((m) => withTag(m.name) === wanted || withTag(m.model ?? '') === wanted);
      if (!entry) return { model, present: false };
      let show;
      try {
        show = (await withRetries(shared, { ...base, model, what: `describing ${model}` }, (ollama) => ollama.show({ model }))).value;
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
      // The weights blob: Ollama's modelfile says FROM <models>/blobs/sha256-<hex>.
      const blob = typeof show.modelfile === 'string' ? /^FROM\s+\S*sha256-([0-9a-f]{64})\s*$/m.exec(show.modelfile) : null;
      if (blob) result.blobDigest = blob[1];
      if (typeof contextLength === 'number') result.contextLength = contextLength;
      if (Array.isArray(show.capabilities)) result.capabilities = show.capabilities;
      if (entry.details?.parameter_size) result.parameterSize = entry.details.parameter_size;
      if (entry.details?.quantization_level) result.quantization = entry.details.quantization_level;
      return result;
    },

    async ping(): Promise<{ version: string }> {
      const ctx: CallContext = { host, what: 'version probe', timeoutMs: Math.min(requestTimeoutMs, 10_000), retries: 0 };
      const { value } = await withRetries(shared, ctx, (ollama) => ollama.version());
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
      const { value } = await withRetries(shared, ctx, (ollama) => ollama.embed({ model, input: texts, keep_alive: settings.keepAlive }));
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
