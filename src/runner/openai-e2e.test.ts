// The coding and deep-search agents end to end through the `openai` provider (official `openai` client)
// against the OpenAI-compatible test server: tool calls streamed as split deltas, the real sandbox,
// grader, corpus and runner, usage counters (with prefix-cache hits) in the records; and an agent pool
// with two endpoints, one of which dies mid-run, completing with nothing lost.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiPromptTokens, startOpenAiTestServer, type OpenAiReply, type OpenAiTestServer, type OpenAiWireRequest } from '../../tests/support/openai-test-server.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { createModelClient } from '../models/registry.ts';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { createDeepsearchSuite } from '../suites/deepsearch/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { runBench } from './run-bench.ts';

const SOLUTION = 'def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n';
const codingTask = () => loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.id === 'mini/fn-2');
const models = [{ id: 'qwen3:4b' }, { id: 'qwen3:8b' }];

/** The fake engine's coding agent: try the function with run_python, then submit it. */
function coder(body: OpenAiWireRequest): OpenAiReply {
  const tried = body.messages.some((m) => m.role === 'tool');
  return tried
    ? { reasoning: 'it works', toolCalls: [{ name: 'submit', arguments: JSON.stringify({ code: SOLUTION }) }] }
    : { reasoning: 'try it first', toolCalls: [{ name: 'run_python', arguments: JSON.stringify({ code: `${SOLUTION}print(evens([1, 2, 3, 4]))` }), id: 'call_1' }] };
}

const configFor = (url: string, agents: string[]): Config => loadConfig(undefined, { agents, openaiBaseUrl: url });

describe('agents through the openai provider', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer(models);
  });
  afterAll(() => server.close());

  it('the coding agent plays run_python then submit, with the engine usage counters recorded per call', async () => {
    const config = configFor(server.url, ['4b']);
    const tasks = codingTask();
    const prompts: number[] = [];
    const reply = (b: OpenAiWireRequest) => {
      prompts.push(openAiPromptTokens(b));
      return coder(b);
    };
    server.enqueue('qwen3:4b', reply, reply);
    const result = await runBench({
      suites: [createCodingSuite('mini', config.suites.coding!, tasks)],
      agents: config.agents,
      client: createModelClient('openai', { config, tasks }),
      sandbox: await createSandbox(),
      dir: mkdtempSync(join(tmpdir(), 'sale-openai-')),
      resume: false,
      concurrency: 1,
      seed: 5,
      command: ['test'],
    });
    const [record] = result.records;
    expect(record!.status).toBe('passed');
    expect(record!.calls.map((c) => c.inputTokens)).toEqual(prompts);
    expect(record!.messages.find((m) => m.role === 'tool')!.content).toMatch(/\[2, 4\]/);
    expect(record!.messages.find((m) => m.role === 'assistant')!.thinking).toBe('try it first');
    const sent = server.requests.slice(-2);
    expect(sent[0]).toMatchObject({ model: 'qwen3:4b', stream: true, temperature: 0, seed: 5, max_tokens: 8192, chat_template_kwargs: { enable_thinking: true } });
    expect((sent[0]!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['run_python', 'submit']);
    expect(sent[1]!.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
  });

  it('the deep-search agent searches, opens and answers over the OpenAI wire format', async () => {
    const config = configFor(server.url, ['8b']);
    const fixture = fileURLToPath(new URL('../../tests/fixtures/deepsearch/', import.meta.url));
    const tasks = loadTasks([join(fixture, 'tasks')]).filter((t) => t.id === 'ds-mini/founding-year');
    const suite = createDeepsearchSuite('ds-mini', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });
    const calls = [
      { name: 'search', arguments: JSON.stringify({ query: 'explorer born in Port Aldry shipping company', k: 3 }) },
      { name: 'open', arguments: JSON.stringify({ id: 'orrin-castelbrook' }) },
      { name: 'open', arguments: JSON.stringify({ id: 'ardent-shipping' }) },
      { name: 'answer', arguments: JSON.stringify({ text: '1871' }) },
    ];
    server.enqueue('qwen3:8b', ...calls.map((c) => ({ toolCalls: [c] })));
    const sandbox = { isolation: 'rlimit', warnings: [] } as unknown as Sandbox;
    const result = await runBench({ suites: [suite], agents: config.agents, client: createModelClient('openai', { config, tasks }), sandbox, dir: mkdtempSync(join(tmpdir(), 'sale-openai-ds-')), resume: false, concurrency: 1, seed: 3, command: ['test'] });
    const [record] = result.records;
    expect(record!.status).toBe('passed');
    expect(record!.submission).toEqual({ kind: 'answer', text: '1871' });
    expect(record!.calls).toHaveLength(4);
    expect(record!.calls.every((c) => c.inputTokens > 0 && c.outputTokens > 0)).toBe(true);
  });
});

describe('an agent served by two endpoints', () => {
  it('keeps running when one endpoint dies mid-run: every attempt is recorded, none as an infrastructure error', async () => {
    const [a, b] = [await startOpenAiTestServer(models), await startOpenAiTestServer(models)];
    try {
      const base = configFor(a.url, ['4b']);
      const config: Config = { ...base, openai: { ...base.openai, retries: 0, backoff_ms: 1 }, agents: base.agents.map((ag) => ({ ...ag, provider: 'openai', endpoints: [a.url, b.url] })) };
      const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.payload.kind === 'function');
      for (const s of [a, b]) s.enqueue('qwen3:4b', ...Array.from({ length: 4 * tasks.length }, () => coder));
      let killed = false;
      a.enqueue('qwen3:4b');
      const client = createModelClient('openai', { config, tasks });
      const chat = client.chat.bind(client);
      let calls = 0;
      client.chat = async (req) => {
        if (++calls === 3 && !killed) {
          killed = true;
          await a.close();
        }
        return chat(req);
      };
      const result = await runBench({ suites: [createCodingSuite('mini', config.suites.coding!, tasks)], agents: config.agents, client, sandbox: await createSandbox(), dir: mkdtempSync(join(tmpdir(), 'sale-openai-2ep-')), resume: false, concurrency: 2, seed: 1, command: ['test'] });
      expect(killed).toBe(true);
      expect(result.records).toHaveLength(tasks.length);
      expect(result.records.filter((r) => r.status === 'infra-error')).toEqual([]);
      expect(b.requests.length).toBeGreaterThan(0);
      // Each call records the endpoint that served it (record v2); calls after the kill all went to b.
      const served = result.records.flatMap((r) => r.calls.map((c) => c.endpoint));
      expect(served.every((e) => e === a.url || e === b.url)).toBe(true);
      expect(served).toContain(b.url);
      expect(result.records.every((r) => r.v === 2)).toBe(true);
    } finally {
      await Promise.all([a.close().catch(() => undefined), b.close()]);
    }
  });
});
