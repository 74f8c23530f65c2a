// The ollama provider's cold calls (describe, ping, embed) and the fake server's own wire behaviour.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelNotFoundError } from '../../errors.ts';
import { rejection, useFakeOllama } from '../../../tests/support/ollama-provider.ts';
import { createOllamaClient, normalizeHost } from './index.ts';

const fake = useFakeOllama();
const client = fake.client;

describe('ollama provider: describe, ping, embed', () => {
  it('describes an installed model from /api/tags and /api/show', async () => {
    const res = await fetch(`${fake.server.url}/api/tags`);
    const tags = (await res.json()) as { models: { name: string; digest: string }[] };
    const digest = tags.models.find((m) => m.name === 'qwen3:8b')!.digest;
    const info = await client().describe('qwen3:8b');
    expect(info).toEqual({
      model: 'qwen3:8b',
      present: true,
      digest,
      // The weights blob, from the modelfile's FROM …/blobs/sha256-<hex> line.
      blobDigest: createHash('sha256').update('blob:qwen3:8b').digest('hex'),
      contextLength: 40960,
      capabilities: ['completion', 'tools', 'thinking'],
      parameterSize: '8.2B',
      quantization: 'Q4_K_M',
    });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(fake.server.requests.show.at(-1)).toEqual({ model: 'qwen3:8b' });
  });

  it('matches a name without a tag to :latest and reads the context length of other architectures', async () => {
    const info = await client().describe('all-minilm');
    expect(info.present).toBe(true);
    expect(info.contextLength).toBe(512);
    expect(info.capabilities).toEqual(['embedding']);
  });

  it('reports an absent model as present:false without calling /api/show', async () => {
    const shows = fake.server.requests.show.length;
    expect(await client().describe('qwen3:235b')).toEqual({ model: 'qwen3:235b', present: false });
    expect(fake.server.requests.show.length).toBe(shows);
  });

  it('retries /api/tags on a 5xx', async () => {
    fake.server.failNext('/api/tags', { status: 502, error: 'bad gateway' });
    expect((await client().describe('qwen3:4b')).present).toBe(true);
  });

  it('ping returns the server version', async () => {
    expect(await client().ping()).toEqual({ version: '0.12.11' });
  });

  it('embeds texts in order, one vector per text', async () => {
    const texts = ['the quick brown fox', 'the quick brown fox jumps', 'compile error in module'];
    const vectors = await client().embed('all-minilm', texts);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) expect(v).toHaveLength(384);
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(vectors[0]!, vectors[1]!)).toBeGreaterThan(cos(vectors[0]!, vectors[2]!));
    expect(fake.server.requests.embed.at(-1)).toMatchObject({ model: 'all-minilm', input: texts });
    expect(await client().embed('all-minilm', [])).toEqual([]);
  });

  it('embed on a missing model → ModelNotFoundError', async () => {
    expect(await rejection(client().embed('nomic-embed-text', ['x']))).toBeInstanceOf(ModelNotFoundError);
  });

  it('normalizes hosts', () => {
    expect(normalizeHost('127.0.0.1:11434')).toBe('http://127.0.0.1:11434');
    expect(normalizeHost('http://gpu-box:11434/')).toBe('http://gpu-box:11434');
    expect(createOllamaClient({ host: 'localhost:11434' }).endpoint).toBe('http://localhost:11434');
  });
});

describe('ollama test server (fixture)', () => {
  it('answers stream:false with one aggregated JSON object and 404s like Ollama', async () => {
    fake.server.enqueue('qwen3:8b', { content: 'a b c', thinking: 'hmm', toolCalls: [{ name: 't', arguments: { k: 1 } }] });
    const res = await fetch(`${fake.server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], stream: false, think: true }),
    });
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'qwen3:8b',
      done: true,
      done_reason: 'stop',
      message: { role: 'assistant', content: 'a b c', thinking: 'hmm', tool_calls: [{ function: { name: 't', arguments: { k: 1 } } }] },
      prompt_eval_count: 1,
    });

    const missing = await fetch(`${fake.server.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'nope', messages: [] }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope' not found" });
  });

  it('streams NDJSON and serves the default "ok" reply when nothing is queued', async () => {
    const res = await fetch(`${fake.server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3:4b', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ done: true, eval_count: 1 });
    expect(lines.map((l) => (l['message'] as { content?: string } | undefined)?.content ?? '').join('')).toBe('ok');
  });
});
