// The `ollama` provider's failures against the fake Ollama server: how they are classified (errors.ts),
// retried and bounded by the stall, first-chunk and request limits (attempt.ts).
import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, ModelNotFoundError } from '../../errors.ts';
import { DEFAULT_FAKE_MODELS } from '../../../tests/support/ollama-test-server.ts';
import { chatRequest as request, rejection, unusedPort, useFakeOllama } from '../../../tests/support/ollama-provider.ts';
import { createOllamaClient } from './index.ts';

const fake = useFakeOllama();
const client = fake.client;

/** Requests to /api/chat recorded since `from`. */
const chatCallsSince = (from: number) => fake.server.requests.chat.length - from;

describe('ollama provider: failures', () => {
  it('404 → ModelNotFoundError naming the host and `ollama pull`', async () => {
    fake.server.setModels([{ name: 'qwen3:4b' }]);
    try {
      const err = await rejection(client().chat(request({ model: 'qwen3:8b' })));
      expect(err).toBeInstanceOf(ModelNotFoundError);
      const e = err as ModelNotFoundError;
      expect(e.message).toContain(fake.server.url);
      expect(e.message).toContain('qwen3:8b');
      expect(e.fix).toBe('ollama pull qwen3:8b');
    } finally {
      fake.server.setModels([...DEFAULT_FAKE_MODELS]);
    }
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    const before = fake.server.requests.chat.length;
    fake.server.enqueue('qwen3:8b', { httpError: { status: 500, error: 'llama runner process has terminated' } }, { content: 'second try' });
    const res = await client().chat(request());
    expect(res.message.content).toBe('second try');
    expect(res.attempts).toBe(2);
    expect(chatCallsSince(before)).toBe(2);
  });

  it('reads a non-JSON error body (a proxy page) without console noise from the official client', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      fake.server.enqueue('qwen3:8b', { httpError: { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' } });
      const err = (await rejection(client({ retries: 0 }).chat(request()))) as ApiCallError;
      expect(err.kind).toBe('http-5xx');
      expect(err.status).toBe(502);
      expect(err.message).toContain('Bad Gateway');
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('gives up on a persistent 503 after the configured retries', async () => {
    const before = fake.server.requests.chat.length;
    const busy = { httpError: { status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' } };
    fake.server.enqueue('qwen3:8b', busy, busy, busy);
    const err = await rejection(client({ retries: 2 }).chat(request()));
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.kind).toBe('http-5xx');
    expect(e.status).toBe(503);
    expect(e.isRetryable).toBe(true);
    expect(e.message).toContain('maximum pending requests exceeded');
    expect(e.message).toContain('3 attempts');
    expect(chatCallsSince(before)).toBe(3);
  });

  it('aborts a stream that stalls mid-way and retries it', async () => {
    const before = fake.server.requests.chat.length;
    fake.server.enqueue('qwen3:8b', { content: 'partial answer that never ends', chunks: 4, stall: { afterChunk: 1, ms: 'forever' } }, { content: 'fresh answer' });
    const started = Date.now();
    const res = await client({ stallTimeoutMs: 100, firstChunkTimeoutMs: 5_000 }).chat(request());
    expect(res.message.content).toBe('fresh answer');
    expect(res.attempts).toBe(2);
    expect(chatCallsSince(before)).toBe(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a stall as kind stall when retries run out', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'abc', stall: { afterChunk: 0, ms: 'forever' } });
    const err = await rejection(client({ stallTimeoutMs: 80, firstChunkTimeoutMs: 5_000, retries: 0 }).chat(request()));
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).kind).toBe('stall');
    expect((err as ApiCallError).message).toContain('no data for 80 ms mid-stream');
    expect((err as ApiCallError).isRetryable).toBe(true);
  });

  it('aborts when the first chunk does not come in time (first-chunk timeout) and retries', async () => {
    fake.server.enqueue('qwen3:8b', { headerDelayMs: 2_000, content: 'too slow' }, { content: 'on time' });
    const res = await client({ stallTimeoutMs: 50, firstChunkTimeoutMs: 150 }).chat(request());
    expect(res.message.content).toBe('on time');
    expect(res.attempts).toBe(2);
  });

  it('enforces the per-attempt request timeout (kind timeout)', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'slow but steady stream', chunks: 20, chunkDelayMs: 40 });
    const err = await rejection(client({ stallTimeoutMs: 1_000, requestTimeoutMs: 200, retries: 0 }).chat(request()));
    expect((err as ApiCallError).kind).toBe('timeout');
  });

  it('measures a stall from the last chunk: a slow but steady stream longer than the stall limit succeeds', async () => {
    // 8 gaps of 40 ms (320 ms in all) against a 120 ms stall limit.
    fake.server.enqueue('qwen3:8b', { content: 'slow but steady stream', chunks: 9, chunkDelayMs: 40 });
    const res = await client({ stallTimeoutMs: 120, firstChunkTimeoutMs: 2_000, retries: 0 }).chat(request());
    expect(res.message.content).toBe('slow but steady stream');
    expect(res.attempts).toBe(1);
    expect(res.wallMs).toBeGreaterThan(300);
  });

  it('gives the first chunk its own limit: a first chunk later than the stall limit is fine', async () => {
    fake.server.enqueue('qwen3:8b', { headerDelayMs: 250, content: 'late start' });
    const res = await client({ stallTimeoutMs: 80, firstChunkTimeoutMs: 2_000, retries: 0 }).chat(request());
    expect(res.message.content).toBe('late start');
    expect(res.attempts).toBe(1);
  });

  it('detects a stall right after the first chunk within about the stall limit, not the first-chunk limit', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'abc', chunks: 3, stall: { afterChunk: 0, ms: 'forever' } });
    const started = performance.now();
    const err = (await rejection(client({ stallTimeoutMs: 100, firstChunkTimeoutMs: 3_000, retries: 0 }).chat(request()))) as ApiCallError;
    const elapsed = performance.now() - started;
    expect(err.kind).toBe('stall');
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('aborts a stalled or late request on the wire (the signal fetch got is aborted)', async () => {
    const signals: AbortSignal[] = [];
    const spy: typeof fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(input, init);
    };
    fake.server.enqueue('qwen3:8b', { content: 'abc', chunks: 3, stall: { afterChunk: 0, ms: 'forever' } }, { headerDelayMs: 2_000, content: 'late' });
    const c = client({ fetch: spy, stallTimeoutMs: 60, firstChunkTimeoutMs: 150, retries: 0 });
    expect(((await rejection(c.chat(request()))) as ApiCallError).message).toContain('mid-stream');
    expect(((await rejection(c.chat(request()))) as ApiCallError).message).toContain('before the first chunk');
    expect(signals).toHaveLength(2);
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('leaves no timer behind after a call, whether it succeeded or failed', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const c = client({ stallTimeoutMs: 5_000, retries: 0 });
    await c.chat(request()); // warm-up: whatever fetch sets up once
    const before = timers();
    await c.chat(request());
    fake.server.enqueue('qwen3:8b', { content: 'half', errorLine: 'boom' });
    expect(((await rejection(c.chat(request()))) as ApiCallError).kind).toBe('stream');
    await c.describe('qwen3:8b');
    expect(timers()).toBe(before);
  });

  it('turns an error line at the end of the stream into a retryable stream error', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'half', errorLine: 'an error was encountered while running the model: unexpected EOF' });
    const err = await rejection(client({ retries: 0 }).chat(request()));
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.kind).toBe('stream');
    expect(e.isRetryable).toBe(true);
    expect(e.message).toContain('unexpected EOF');

    fake.server.enqueue('qwen3:8b', { errorLine: 'model runner crashed', errorLineStatus: 500 }, { content: 'recovered' });
    const res = await client().chat(request());
    expect(res.message.content).toBe('recovered');
    expect(res.attempts).toBe(2);
  });

  it('treats a connection lost mid-stream as a retryable stream error', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'abcdef', chunks: 3, dropConnection: { afterChunk: 1 } });
    const err = (await rejection(client({ retries: 0 }).chat(request()))) as ApiCallError;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err.kind).toBe('stream');
    expect(err.isRetryable).toBe(true);
    expect(err.message).toContain('mid-stream');

    fake.server.enqueue('qwen3:8b', { content: 'abcdef', dropConnection: { afterChunk: 0 } }, { content: 'whole' });
    expect((await client().chat(request())).attempts).toBe(2);
  });

  it('treats a stream that ends without a done chunk as a stream error', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'cut', endWithoutDone: true });
    const err = await rejection(client({ retries: 0 }).chat(request()));
    expect((err as ApiCallError).kind).toBe('stream');
  });

  it('refuses a final chunk without counters (missing-counters, not zeros, not retried)', async () => {
    const before = fake.server.requests.chat.length;
    fake.server.enqueue('qwen3:8b', { content: 'ok', omitCounters: ['eval_count'] });
    const err = await rejection(client().chat(request()));
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.kind).toBe('missing-counters');
    expect(e.isRetryable).toBe(false);
    expect(e.message).toContain('eval_count');
    expect(chatCallsSince(before)).toBe(1);
  });

  it('400 "does not support tools" is not retried and says what to do', async () => {
    fake.server.setModels([...DEFAULT_FAKE_MODELS, { name: 'plain:1b', capabilities: ['completion'] }]);
    const before = fake.server.requests.chat.length;
    const tools = [{ name: 'x', description: 'x', parameters: { type: 'object' as const, properties: {}, required: [] } }];
    const err = await rejection(client().chat(request({ model: 'plain:1b', tools })));
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.kind).toBe('http-4xx');
    expect(e.status).toBe(400);
    expect(e.isRetryable).toBe(false);
    expect(e.message).toContain('does not support tools');
    expect(e.fix).toContain('tool-capable model');
    expect(chatCallsSince(before)).toBe(1);

    const thinkErr = (await rejection(client().chat(request({ model: 'plain:1b', options: { think: true } })))) as ApiCallError;
    expect(thinkErr.kind).toBe('http-4xx');
    expect(thinkErr.message).toContain('does not support thinking');
    expect(thinkErr.fix).toContain('think: false');
  });

  it('connection refused: kind connection within seconds, naming the host and how to start Ollama', async () => {
    const port = await unusedPort();
    const host = `http://127.0.0.1:${port}`;
    const started = Date.now();
    // Default retries and backoff: 0.5 + 1 + 2 s of backoff at most.
    const err = await rejection(createOllamaClient({ host }).chat(request()));
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(ApiCallError);
    const e = err as ApiCallError;
    expect(e.kind).toBe('connection');
    expect(e.message).toContain(host);
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).toContain('4 attempts');
    expect(e.fix).toContain('ollama serve');
    expect(e.fix).toContain('--provider sim');
    expect(elapsed).toBeLessThan(6_000);
    expect(elapsed).toBeGreaterThanOrEqual(3_400);

    const pingErr = (await rejection(createOllamaClient({ host }).ping())) as ApiCallError;
    expect(pingErr.kind).toBe('connection');
  });

  it('passes a caller abort through without retrying', async () => {
    const before = fake.server.requests.chat.length;
    fake.server.enqueue('qwen3:8b', { content: 'slow', stall: { afterChunk: 0, ms: 'forever' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    const err = await rejection(client({ stallTimeoutMs: 5_000 }).chat(request({ signal: controller.signal })));
    expect(err).not.toBeInstanceOf(ApiCallError);
    expect((err as Error).message).toBe('run cancelled');
    expect(chatCallsSince(before)).toBe(1);
  });
});
