// Settings and public interfaces of the `ollama` provider.
import type { ModelClient } from '../types.ts';

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
