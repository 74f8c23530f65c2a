// The `openai` provider against the OpenAI-compatible test server: the wire body, streamed deltas
// (reasoning, tool calls split over chunks), usage with cached tokens, logprobs, length stops inside a
// tool call, and each failure an engine sends (404, 400 over the context, 429/503 with Retry-After,
// 500, no usage, a stalled stream, nothing listening).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, ModelNotFoundError } from '../../errors.ts';
import { chatRequest, rejection, unusedPort } from '../../../tests/support/ollama-provider.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../../tests/support/openai-test-server.ts';
import { createOpenAiClient } from './client.ts';

const MODEL = 'Qwen/Qwen3-8B';
let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiTestServer([{ id: MODEL, maxModelLen: 200 }]);
});
afterAll(() => server.close());

const client = (over: Parameters<typeof createOpenAiClient>[0] | object = {}) => createOpenAiClient({ baseURL: server.url, backoffMs: 5, retries: 2, ...over });
const req = (over: Parameters<typeof chatRequest>[0] = {}) => chatRequest({ model: MODEL, ...over });

describe('openai provider: replies', () => {
  it('sends usage, thinking switch, max_tokens and seed, and assembles reasoning, content and split tool calls', async () => {
    server.enqueue(MODEL, { reasoning: 'let me think about it', content: 'calling', toolCalls: [{ name: 'run_python', arguments: '{"code": "print(1 + 1)"}', id: 'call_a' }] });
    const r = await client().chat(req({ options: { think: true, seed: 11, numPredict: 77, temperature: 0 } }));
    const body = server.requests.at(-1)!;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.chat_template_kwargs).toEqual({ enable_thinking: true });
    expect([body.max_tokens, body.seed, body.temperature]).toEqual([77, 11, 0]);
    expect(r.message.thinking).toBe('let me think about it');
    expect(r.message.content).toBe('calling');
    expect(r.message.toolCalls).toEqual([{ name: 'run_python', arguments: { code: 'print(1 + 1)' }, id: 'call_a' }]);
    expect(r.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(r.attempts).toBe(1);
  });

  it('reports the prefix cache as cached tokens while prompt tokens stay the whole prompt', async () => {
    const c = client();
    const first = req({ messages: [{ role: 'system', content: 'sys prompt here' }, { role: 'user', content: 'question one' }] });
    const a = await c.chat(first);
    const b = await c.chat(req({ messages: [...first.messages, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'and then a follow-up question' }] }));
    expect(b.usage.inputTokens).toBeGreaterThan(a.usage.inputTokens);
    expect(b.usage.cachedInputTokens).toBe(a.usage.inputTokens);
  });

  it('sends tool results with the ids of the calls they answer', async () => {
    await client().chat(
      req({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_x', name: 'run_python', arguments: { code: '1' } }, { name: 'search', arguments: { q: 'a' } }] },
          { role: 'tool', toolName: 'run_python', content: '1' },
          { role: 'tool', toolName: 'search', content: 'none' },
        ],
      }),
    );
    const msgs = server.requests.at(-1)!.messages;
    const ids = (msgs[1]!.tool_calls as { id: string }[]).map((c) => c.id);
    expect(ids[0]).toBe('call_x');
    expect([msgs[2]!.tool_call_id, msgs[3]!.tool_call_id]).toEqual(ids);
  });

  it('returns per-token logprobs with their top alternatives when asked', async () => {
    server.enqueue(MODEL, { content: 'a plan in several pieces' });
    const r = await client().chat(req({ options: { topLogprobs: 5 } }));
    expect(server.requests.at(-1)!.top_logprobs).toBe(5);
    expect(r.logprobs!.length).toBeGreaterThan(1);
    expect(r.logprobs![0]!.top).toHaveLength(5);
    expect(r.logprobsTopK).toBe(5);
  });

  it('a reply cut by max_tokens inside a tool call is a length stop, its raw arguments kept', async () => {
    server.enqueue(MODEL, { toolCalls: [{ name: 'submit', arguments: '{"code": "def f(x):\\n    ret' }], finishReason: 'length' });
    const r = await client().chat(req());
    expect(r.finishReason).toEqual({ unified: 'length', raw: 'length' });
    expect(r.message.toolCalls![0]!.arguments).toEqual({ _raw: '{"code": "def f(x):\\n    ret' });
  });
});

describe('openai provider: failures', () => {
  it('an unknown model is ModelNotFoundError naming how to serve it', async () => {
    const e = await rejection(client().chat(req({ model: 'Qwen/Qwen3-99B' })));
    expect(e).toBeInstanceOf(ModelNotFoundError);
    expect((e as ModelNotFoundError).fix).toContain('vllm serve Qwen/Qwen3-99B');
  });

  it('a prompt over the served context is a 400 that is not retried, with the fix', async () => {
    const before = server.requests.length;
    const e = (await rejection(client().chat(req({ messages: [{ role: 'user', content: 'x'.repeat(4000) }] })))) as ApiCallError;
    expect(e).toBeInstanceOf(ApiCallError);
    expect([e.kind, e.status, e.isRetryable]).toEqual(['http-4xx', 400, false]);
    expect(e.fix).toContain('max-model-len');
    expect(server.requests.length - before).toBe(1);
  });

  it('429 with Retry-After waits as told (capped) and retries; 500 is retried', async () => {
    server.enqueue(MODEL, { error: { status: 429, message: 'too many requests', retryAfterS: 1 } }, { error: { status: 500, message: 'boom' } }, { content: 'fine' });
    const t0 = performance.now();
    const r = await client({ maxRetryAfterMs: 150 }).chat(req());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.message.content).toBe('fine');
    expect(r.attempts).toBe(3);
  });

  it('503s beyond the retries give up with an http-5xx infrastructure error', async () => {
    server.enqueue(MODEL, ...Array.from({ length: 3 }, () => ({ error: { status: 503, message: 'overloaded' } })));
    const e = (await rejection(client().chat(req()))) as ApiCallError;
    expect([e.kind, e.status]).toEqual(['http-5xx', 503]);
    expect(e.message).toContain('gave up after 3 attempts');
  });

  it('a stream without usage is a missing-counters error, never zeros', async () => {
    server.enqueue(MODEL, { content: 'x', omitUsage: true });
    const e = (await rejection(client().chat(req()))) as ApiCallError;
    expect(e.kind).toBe('missing-counters');
  });

  it('a stream that stalls is aborted and retried, then reported as a stall', async () => {
    server.enqueue(MODEL, { content: 'abcdefgh', stallAfterChunk: 1 }, { content: 'abcdefgh', stallAfterChunk: 1 });
    const e = (await rejection(client({ stallTimeoutMs: 80, retries: 1 }).chat(req()))) as ApiCallError;
    expect(e.kind).toBe('stall');
    expect(e.message).toContain('gave up after 2 attempts');
  });

  it('describe reads /v1/models (context length from max_model_len); ping fails fast where nothing listens', async () => {
    expect(await client().describe(MODEL)).toEqual({ model: MODEL, present: true, contextLength: 200 });
    expect(await client().describe('nope')).toEqual({ model: 'nope', present: false });
    const port = await unusedPort();
    const e = (await rejection(createOpenAiClient({ baseURL: `http://127.0.0.1:${port}/v1` }).ping())) as ApiCallError;
    expect(e.kind).toBe('connection');
  });
});
