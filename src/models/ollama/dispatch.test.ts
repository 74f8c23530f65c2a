// One official client shared by every chat attempt: each request still carries its own attempt's
// signal, so a stalled call is aborted alone, and failed streams do not pile up in the client.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../errors.ts';
import { chatRequest as request, rejection, useFakeOllama } from '../../../tests/support/ollama-provider.ts';
import { Attempt, AttemptDispatch, attemptSettings } from './attempt.ts';

const fake = useFakeOllama();

describe('ollama provider: one shared client for chat', () => {
  it('concurrent calls: the stalled one is aborted and retried alone, the others finish', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'abcdef', chunks: 3, stall: { afterChunk: 0, ms: 'forever' } }, { content: 'one' }, { content: 'two' }, { content: 'three' });
    const c = fake.client({ retries: 1 });
    const results = await Promise.all([c.chat(request()), c.chat(request()), c.chat(request())]);
    // The stalled first reply was aborted after stallTimeoutMs and its retry got the 4th script.
    expect(results.map((r) => r.message.content).sort()).toEqual(['one', 'three', 'two']);
    expect(results.map((r) => r.attempts).sort()).toEqual([1, 1, 2]);
  });

  it("a stream that failed is dropped from the client's list of ongoing streams", async () => {
    const dispatch = new AttemptDispatch(fake.server.url);
    const ongoing = (dispatch.ollama as unknown as { ongoingStreamedRequests: object[] }).ongoingStreamedRequests;
    fake.server.enqueue('qwen3:8b', { content: 'half', errorLine: 'boom' });
    const ctx = { host: fake.server.url, what: 'chat', timeoutMs: 5_000, retries: 0 };
    const attempt = new Attempt(ctx, attemptSettings(fake.server.url, globalThis.fetch, 10), { stallMs: 1_000, firstChunkMs: 1_000 });
    const stream = await dispatch.chat(attempt, { model: 'qwen3:8b', messages: [{ role: 'user', content: 'x' }], stream: true });
    expect(ongoing).toHaveLength(1);
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow('boom');
    attempt.end(false);
    dispatch.forget(stream);
    expect(ongoing).toHaveLength(0);
  });

  it("a fetch outside an attempt fails loudly instead of losing the attempt's signal", async () => {
    const dispatch = new AttemptDispatch(fake.server.url);
    const err = await rejection(dispatch.ollama.chat({ model: 'qwen3:8b', messages: [], stream: true }));
    expect((err as Error).message).toMatch(/fetched outside an attempt/);
    expect(err).not.toBeInstanceOf(ApiCallError);
  });
});
