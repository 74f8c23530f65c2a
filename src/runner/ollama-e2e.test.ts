// The coding agent end to end through the `ollama` provider and the official client, against the
// Ollama-compatible test server: real tool calls on the wire, the real sandbox and grader.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeEvalTokens, fakePromptTokens, startOllamaTestServer, type OllamaTestServer, type WireChatRequest } from '../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../config/load.ts';
import { createModelClient } from '../models/registry.ts';
import { createSandbox } from '../sandbox/index.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { runBench } from './run-bench.ts';

const SOLUTION = 'def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n';

describe('coding agent through the ollama provider', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer();
  });
  afterAll(() => server.close());

  it('plays run_python then submit over the wire, and records the engine counters and the grade', async () => {
    const config = loadConfig(undefined, { host: server.url, agents: ['4b'] });
    const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.id === 'mini/fn-2');
    const suite = createCodingSuite('mini', config.suites.coding!, tasks);
    const expected: { prompt: number; eval: number }[] = [];
    const reply = (req: WireChatRequest) => {
      const toolResults = (req.messages ?? []).filter((m) => m.role === 'tool').length;
      const call =
        toolResults === 0
          ? { name: 'run_python', arguments: { code: `${SOLUTION}print(evens([1, 2, 3, 4]))` }, id: 'call_1' }
          : { name: 'submit', arguments: { code: SOLUTION } };
      expected.push({ prompt: fakePromptTokens(req), eval: fakeEvalTokens('thinking…', '', [call]) });
      return { thinking: 'thinking…', toolCalls: [call] };
    };
    server.enqueue('qwen3:4b', reply, reply);
    const dir = mkdtempSync(join(tmpdir(), 'sale-ollama-'));
    const result = await runBench({
      suites: [suite],
      agents: config.agents,
      client: createModelClient('ollama', { config, tasks }),
      sandbox: await createSandbox(),
      dir,
      resume: false,
      concurrency: 1,
      seed: 5,
      command: ['test'],
    });
    const [record] = result.records;
    expect(record!.status).toBe('passed');
    expect(record!.grade!.reason).toBe('6/6 tests passed');
    expect(record!.simulated).toBe(false);
    expect(record!.calls).toHaveLength(2);
    expect(record!.calls.map((c) => c.inputTokens)).toEqual(expected.map((e) => e.prompt));
    expect(record!.calls.map((c) => c.outputTokens)).toEqual(expected.map((e) => e.eval));
    // The tool result of run_python reached the model with the program's output.
    const toolMsg = record!.messages.find((m) => m.role === 'tool')!;
    expect(toolMsg.content).toMatch(/\[2, 4\]/);
    expect(record!.messages.find((m) => m.role === 'assistant')!.thinking).toBe('thinking…');
    // What went over the wire.
    const sent = server.requests.chat;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ model: 'qwen3:4b', think: true, keep_alive: '30m', stream: true });
    expect(sent[0]!.options).toMatchObject({ temperature: 0, num_ctx: 32768, seed: 5, num_predict: 8192 });
    expect(sent[0]!.tools!.map((t) => t.function.name)).toEqual(['run_python', 'submit']);
    expect(sent[1]!.messages!.at(-1)).toMatchObject({ role: 'tool', tool_name: 'run_python' });
    expect(result.manifest.models['4b']!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(result.manifest.fingerprint.models['4b']).toBe(result.manifest.models['4b']!.digest);
    expect(result.manifest.label).toBeNull();
  });

  it('counts a server error after retries as an infrastructure error, not a model failure', async () => {
    const config = loadConfig(undefined, { host: server.url, agents: ['4b'] });
    const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.id === 'mini/fn-1');
    const suite = createCodingSuite('mini', config.suites.coding!, tasks);
    for (let i = 0; i < 2; i++) server.enqueue('qwen3:4b', { httpError: { status: 503, error: 'busy' } });
    const dir = mkdtempSync(join(tmpdir(), 'sale-ollama-'));
    const result = await runBench({
      suites: [suite],
      agents: config.agents,
      client: createModelClient('ollama', { config: { ...config, ollama: { ...config.ollama, retries: 1, backoff_ms: 10 } }, tasks }),
      sandbox: await createSandbox(),
      dir,
      resume: false,
      concurrency: 1,
      seed: 0,
      command: ['test'],
    });
    expect(result.records[0]!.status).toBe('infra-error');
    expect(result.records[0]!.infraError!.kind).toBe('http-5xx');
  });
});
