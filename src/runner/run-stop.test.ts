// Runs that must stop: a model without tool support (before any task), a model deleted mid-run (404),
// and an engine that keeps failing (fail-fast) — against the Ollama test server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_MODELS, startOllamaTestServer, type OllamaTestServer } from '../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../config/load.ts';
import { createModelClient } from '../models/registry.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { RunStoppedError, throwIfStopped } from './fail-fast.ts';
import { CapabilityError } from './preflight.ts';
import { runBench, type BenchRunOptions } from './run-bench.ts';
import { writeRunTables } from '../report/tables.ts';

const MINI = fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url));
/** Never reached by these tests' graded attempts except as a stub: a wrong answer is a model failure. */
const sandbox = { isolation: 'rlimit', warnings: [], run: async () => ({ exitCode: 1, stdout: '', stderr: 'stub', timedOut: false, wallMs: 1 }) } as unknown as Sandbox;

describe('runs that stop', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer();
  });
  afterAll(() => server.close());

  const options = (over: Partial<BenchRunOptions> = {}): BenchRunOptions => {
    const config = loadConfig(undefined, { host: server.url, agents: ['4b'] });
    const tasks = loadTasks([MINI]);
    return {
      suites: [createCodingSuite('mini', config.suites.coding!, tasks)],
      agents: config.agents,
      client: createModelClient('ollama', { config: { ...config, ollama: { ...config.ollama, retries: 0, backoff_ms: 1 } }, tasks }),
      sandbox,
      dir: join(mkdtempSync(join(tmpdir(), 'sale-stop-')), 'run'),
      resume: false,
      concurrency: 1,
      seed: 0,
      command: ['test'],
      ...over,
    };
  };

  it('a model without tool support stops the run before any task, naming the model and the fix', async () => {
    server.setModels([{ name: 'qwen3:4b', capabilities: ['completion', 'thinking'] }]);
    const before = server.requests.chat.length;
    try {
      const err = await runBench(options()).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(CapabilityError);
      expect((err as CapabilityError).message).toMatch(/model 'qwen3:4b' \(agent 4b\) does not support tools/);
      expect((err as CapabilityError).fix).toMatch(/tool-capable model/);
      expect(server.requests.chat.length).toBe(before);
    } finally {
      server.setModels([...DEFAULT_FAKE_MODELS]);
    }
  });

  it('a model that does not think while the config asks it to is caught too', async () => {
    server.setModels([{ name: 'qwen3:4b', capabilities: ['completion', 'tools'] }]);
    try {
      const err = await runBench(options()).then(() => undefined, (e: unknown) => e);
      expect((err as CapabilityError).missing).toEqual([{ agent: '4b', model: 'qwen3:4b', capability: 'thinking' }]);
    } finally {
      server.setModels([...DEFAULT_FAKE_MODELS]);
    }
  });

  it('a model deleted mid-run (404 after successful calls) stops the run cleanly: records kept, pull fix and resume hint', async () => {
    let calls = 0;
    const reply = () => {
      calls++;
      // `ollama rm qwen3:4b` after the second call.
      if (calls === 2) server.setModels(DEFAULT_FAKE_MODELS.filter((m) => m.name !== 'qwen3:4b'));
      return { content: 'The answer is 42.' };
    };
    for (let i = 0; i < 20; i++) server.enqueue('qwen3:4b', reply);
    try {
      const o = options({ agents: loadConfig(undefined, { host: server.url, agents: ['4b'] }).agents.map((a) => ({ ...a, callTypes: { ...a.callTypes, execute: { ...a.callTypes.execute, think: false } } })) });
      const result = await runBench({ ...o, suites: [createCodingSuite('mini', loadConfig().suites.coding!, loadTasks([MINI]))], limit: null });
      expect(result.stopped?.why).toMatch(/model 'qwen3:4b' is not installed/);
      expect(result.stopped?.fix).toBe('ollama pull qwen3:4b');
      // The attempt that hit the 404 is recorded as an infrastructure error of kind model-not-found;
      // the tasks after it were not started.
      const infra = result.records.filter((r) => r.status === 'infra-error');
      expect(infra.map((r) => r.infraError?.kind)).toEqual(['model-not-found']);
      expect(result.records.length).toBeLessThan(5);
      expect(result.manifest.status).toBe('interrupted');
      let thrown: unknown;
      try {
        throwIfStopped(result);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RunStoppedError);
      expect((thrown as RunStoppedError).fix).toBe(`ollama pull qwen3:4b, then resume with: sale bench run --resume ${result.dir}`);
    } finally {
      server.clearQueues();
      server.setModels([...DEFAULT_FAKE_MODELS]);
    }
  });

  it('fail-fast: consecutive infrastructure errors stop the run; off runs every task', async () => {
    const fail = { httpError: { status: 503, error: 'busy' } };
    const o = options({ failFast: { consecutive: 2, rate: 0.5, window: 50 } });
    for (let i = 0; i < 5; i++) server.enqueue('qwen3:4b', fail);
    const stopped = await runBench(o);
    expect(stopped.stopped?.why).toMatch(/^2 infrastructure errors in a row \(last: http-5xx/);
    expect(stopped.records).toHaveLength(2);
    server.clearQueues();
    for (let i = 0; i < 5; i++) server.enqueue('qwen3:4b', fail);
    const all = await runBench(options({ failFast: null }));
    expect(all.stopped).toBeUndefined();
    expect(all.records).toHaveLength(5);
    expect(all.records.every((r) => r.status === 'infra-error')).toBe(true);
  });

  it('a tool call cut by num_predict is counted as a length stop in the record and the tables, billed tokens beside evaluated ones', async () => {
    const o = options();
    const suite = createCodingSuite('mini', loadConfig().suites.coding!, loadTasks([MINI]).filter((t) => t.id === 'mini/mc-1'));
    server.enqueue(
      'qwen3:4b',
      { toolCalls: [{ name: 'submit', arguments: '{"answer": "' }], doneReason: 'length' },
      { toolCalls: [{ name: 'submit', arguments: { answer: 'B' } }] },
    );
    server.setPromptCache(true);
    try {
      const result = await runBench({ ...o, suites: [suite] });
      const [r] = result.records;
      expect(r!.status).toBe('passed');
      expect(r!.health).toMatchObject({ lengthStops: 1, cutToolCalls: 1, contextOverflow: false });
      expect(r!.calls.map((c) => c.toolCallCut ?? false)).toEqual([true, false]);
      // The prompt cache lowered the engine's count of the second call; billed-equivalent tokens did not fall.
      expect(r!.usage.billedInputTokens!).toBeGreaterThan(r!.usage.inputTokens);
      expect(r!.costUsd).toBeGreaterThan(r!.costEvaluatedUsd!);
      const tables = writeRunTables(result.dir);
      const all = tables.rows.find((x) => x.bin === 'all')!;
      expect(all.lengthStopRate).toBe(0.5);
      expect(all.billedInputTokens).toBe(r!.usage.billedInputTokens);
    } finally {
      server.setPromptCache(false);
      server.clearQueues();
    }
  });
});

