// Several endpoints per agent: least-outstanding dispatch, fail-over when an endpoint dies mid-run
// (no call lost), drained endpoints probed back, AIMD windows; and a pool mixing providers per agent.
import { afterEach, describe, expect, it } from 'vitest';
import { chatRequest } from '../../tests/support/ollama-provider.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../tests/support/openai-test-server.ts';
import { ApiCallError } from '../errors.ts';
import { createOpenAiClient } from './openai/index.ts';
import { AgentPool, EndpointSet } from './pool.ts';
import type { ChatRequest, ChatResponse, ModelClient } from './types.ts';

const MODEL = 'Qwen/Qwen3-8B';
const servers: OpenAiTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close().catch(() => undefined)));
});
const start = async () => {
  const s = await startOpenAiTestServer([{ id: MODEL }]);
  servers.push(s);
  return s;
};
const openai = (s: OpenAiTestServer) => createOpenAiClient({ baseURL: s.url, retries: 0, backoffMs: 1 });
const req = (i = 0): ChatRequest => chatRequest({ model: MODEL, messages: [{ role: 'user', content: `question ${i}` }] });

describe('EndpointSet', () => {
  it('spreads concurrent calls over the endpoints and says which one served each', async () => {
    const [a, b] = [await start(), await start()];
    a.enqueue(MODEL, ...Array.from({ length: 8 }, () => ({ content: 'from a', chunkDelayMs: 5 })));
    b.enqueue(MODEL, ...Array.from({ length: 8 }, () => ({ content: 'from b', chunkDelayMs: 5 })));
    const set = new EndpointSet([openai(a), openai(b)]);
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => set.chat(req(i))));
    expect(a.requests.length).toBe(4);
    expect(b.requests.length).toBe(4);
    expect(new Set(rs.map((r) => r.endpoint))).toEqual(new Set([a.url, b.url]));
  });

  it('an endpoint killed mid-run loses nothing: its calls go to the other, and the run completes', async () => {
    const [a, b] = [await start(), await start()];
    const set = new EndpointSet([openai(a), openai(b)], { cooldownMs: 60_000 });
    const first = await Promise.all(Array.from({ length: 4 }, (_, i) => set.chat(req(i))));
    expect(first.every((r) => r.message.content === 'ok')).toBe(true);
    await a.close();
    const later = await Promise.all(Array.from({ length: 6 }, (_, i) => set.chat(req(10 + i))));
    expect(later).toHaveLength(6);
    expect(later.every((r) => r.endpoint === b.url)).toBe(true);
    expect(set.stats().find((s) => s.endpoint === a.url)!.drained).toBe(true);
  });

  it('a drained endpoint comes back after its cool-down once it answers a probe', async () => {
    let down = true;
    const flaky: ModelClient = {
      provider: 'fake',
      endpoint: 'flaky',
      chat: async (r) => {
        if (down) throw new ApiCallError('refused', { kind: 'connection', isRetryable: true });
        return { ...(await openai(servers[0]!).chat(r)) };
      },
      describe: async (model) => ({ model, present: true }),
      ping: async () => {
        if (down) throw new ApiCallError('refused', { kind: 'connection', isRetryable: true });
        return { version: 'x' };
      },
    };
    const b = await start();
    const set = new EndpointSet([flaky, openai(b)], { cooldownMs: 400 });
    await set.chat(req());
    expect(set.stats()[0]!.drained).toBe(true);
    down = false;
    await new Promise((r) => setTimeout(r, 420));
    const rs: ChatResponse[] = [];
    for (let i = 0; i < 4; i++) rs.push(await set.chat(req(i)));
    expect(rs.some((r) => r.endpoint === 'flaky')).toBe(true);
  });

  it('a 429 halves the window; a non-retryable error is not failed over', async () => {
    const [a, b] = [await start(), await start()];
    a.enqueue(MODEL, { error: { status: 400, message: 'bad request' } });
    const set = new EndpointSet([openai(a), openai(b)]);
    await expect(set.chat(req())).rejects.toMatchObject({ status: 400 });
    expect(b.requests.length).toBe(0);
    const before = set.stats()[0]!.window;
    a.enqueue(MODEL, { error: { status: 429, message: 'slow down' } });
    b.enqueue(MODEL, { content: 'b' });
    // a has fewer outstanding (0 = 0, first wins): gets the 429, halves, the call fails over to b.
    const r = await set.chat(req());
    expect(r.endpoint).toBe(b.url);
    expect(set.stats()[0]!.window).toBeLessThan(before);
  });
});

describe('AgentPool', () => {
  it('sends each agent to its own client', async () => {
    const [a, b] = [await start(), await start()];
    const pool = new AgentPool(new Map([['4b', openai(a)], ['32b', openai(b)]]), new Map());
    await pool.chat({ ...req(), meta: { ...req().meta, agent: '32b' } });
    await pool.chat({ ...req(), meta: { ...req().meta, agent: '4b' } });
    expect([a.requests.length, b.requests.length]).toEqual([1, 1]);
    expect(() => pool.chat({ ...req(), model: 'other', meta: { ...req().meta, agent: '99b' } })).toThrow(/no client serves agent '99b'/);
  });
});
