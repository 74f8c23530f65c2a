// Real inference end to end: the coding agent solves one task with a scripted GGUF model — a real tool
// call parsed from generated text, the real sandbox and grader, the engine's token counts in the
// record — through the `llamacpp` provider, and through the `ollama` provider and the official client
// against an Ollama-compatible loopback server backed by the same engine. Also the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../../../tests/support/cli.ts';
import { EVENS_SCRIPT, EVENS_SOLUTION, describeWithEngine, tempDir, writeScriptedModel } from '../../../tests/support/llamacpp.ts';
import { startLlamaOllamaServer, type LlamaOllamaServer } from '../../../tests/support/llamacpp-ollama-server.ts';
import { loadConfig } from '../../config/load.ts';
import { runBench } from '../../runner/run-bench.ts';
import { createSandbox } from '../../sandbox/index.ts';
import { createCodingSuite } from '../../suites/coding/index.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { ChatResponse, ModelClient } from '../types.ts';
import { createModelClient } from '../registry.ts';
import { applyModelPath, prepareLlamaCppRun } from './cli-support.ts';
import { createLlamaCppClient } from './client.ts';
import { GENERATED_TEST_MODEL_LABEL } from '../../records/label.ts';

const MINI = fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url));

/** A client that keeps every response it returns, to compare the record with what the engine said. */
function recording(client: ModelClient) {
  const responses: ChatResponse[] = [];
  const wrapped: ModelClient = {
    provider: client.provider,
    endpoint: client.endpoint,
    ping: () => client.ping(),
    describe: (m) => client.describe(m),
    chat: async (req) => {
      const r = await client.chat(req);
      responses.push(r);
      return r;
    },
  };
  return { client: wrapped, responses };
}

async function runEvens(client: ModelClient, config: ReturnType<typeof loadConfig>) {
  const tasks = loadTasks([MINI]).filter((t) => t.id === 'mini/fn-2');
  const suite = createCodingSuite('mini', config.suites.coding!, tasks);
  return runBench({
    suites: [suite],
    agents: config.agents,
    client,
    sandbox: await createSandbox(),
    dir: join(tempDir('sale-llamacpp-run-'), 'run'),
    resume: false,
    concurrency: 1,
    seed: 3,
    command: ['test'],
  });
}

describeWithEngine('coding agent on real inference', () => {
  let dir: string;
  let model: string;
  beforeAll(() => {
    dir = tempDir('sale-llamacpp-e2e-');
    model = writeScriptedModel(dir);
  });

  it('through the llamacpp provider: run_python, then submit, graded by the real grader', async () => {
    const config = applyModelPath(loadConfig(undefined, { agents: ['4b'] }), model);
    const engine = createLlamaCppClient({ threads: 1 });
    const { client, responses } = recording(engine);
    try {
      const result = await runEvens(client, config);
      const [record] = result.records;
      expect(record!.status).toBe('passed');
      expect(record!.grade!.reason).toBe('6/6 tests passed');
      expect(record!.stopReason).toBe('submitted');
      expect(record!.submission).toEqual({ kind: 'code', code: EVENS_SOLUTION });
      expect(record!.simulated).toBe(false);
      expect(record!.model).toBe(model);
      // The run_python call really ran: its output came back from the sandbox.
      expect(record!.messages.find((m) => m.role === 'tool')!.content).toMatch(/stdout:\n\[2, 4\]/);
      expect(record!.messages.find((m) => m.role === 'assistant')!.thinking).toBe(EVENS_SCRIPT.thought);
      // Engine counters in the record: 8 generated tokens per turn (thinking on), prompts as tokenized.
      expect(record!.calls.map((c) => c.outputTokens)).toEqual([8, 8]);
      expect(record!.calls.map((c) => c.inputTokens)).toEqual(responses.map((r) => r.usage.inputTokens));
      expect(record!.calls[1]!.inputTokens).toBeGreaterThan(record!.calls[0]!.inputTokens);
      expect(record!.usage.outputTokens).toBe(16);
      expect(record!.calls.every((c) => c.finishReason.unified === 'tool-calls')).toBe(true);
      expect(record!.timings.gpuSeconds).toBeGreaterThan(0);
      // The manifest knows the model is a generated test model.
      expect(result.manifest.label).toBe(GENERATED_TEST_MODEL_LABEL);
      expect(result.manifest.settings.provider).toBe('llamacpp');
      expect(result.manifest.models['4b']!.digest).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await engine.close();
    }
  });

  describe('through the ollama provider and the official client, against a loopback server on the engine', () => {
    let server: LlamaOllamaServer;
    beforeAll(async () => {
      server = await startLlamaOllamaServer({ 'qwen3:4b': model });
    });
    afterAll(() => server?.close());

    it('solves the task with generated tokens on the wire, and records the engine counters', async () => {
      const config = loadConfig(undefined, { host: server.url, agents: ['4b'] });
      const client = createModelClient('ollama', { config, tasks: [] });
      expect((await client.ping()).version).toBe('0.12.11');
      const result = await runEvens(client, config);
      const [record] = result.records;
      expect(record!.status).toBe('passed');
      expect(record!.grade!.reason).toBe('6/6 tests passed');
      expect(record!.model).toBe('qwen3:4b');
      expect(record!.calls.map((c) => c.inputTokens)).toEqual(server.responses.map((r) => r.usage.inputTokens));
      expect(record!.calls.map((c) => c.outputTokens)).toEqual([8, 8]);
      expect(record!.messages.find((m) => m.role === 'assistant')!.thinking).toBe(EVENS_SCRIPT.thought);
      const sent = server.requests;
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatchObject({ model: 'qwen3:4b', think: true, stream: true, options: { temperature: 0, seed: 3, num_ctx: 32768 } });
      expect((sent[1]!.messages as { role: string }[]).at(-1)).toMatchObject({ role: 'tool', tool_name: 'run_python' });
      expect(result.manifest.models['4b']!.digest).toBe((await server.client.describe(model)).digest);
    });

    it('an unknown model is a 404 that the provider turns into "not installed"', async () => {
      const config = loadConfig(undefined, { host: server.url, agents: ['8b'] });
      const info = await createModelClient('ollama', { config, tasks: [] }).describe('qwen3:8b');
      expect(info.present).toBe(false);
    });
  });

  it('sale bench run --provider llamacpp --model-path FILE --limit 5 writes the tables, labelled as a generated test model', async () => {
    const out = join(dir, 'cli-run');
    const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'llamacpp', '--model-path', model, '--limit', '5', '--agents', '4b', '--out', out], {
      env: { SALE_LLAMACPP_THREADS: '1' },
      timeout: 90_000,
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toContain(`${GENERATED_TEST_MODEL_LABEL}: ${model} was generated by sale for tests`);
    expect(r.stdout).toContain(GENERATED_TEST_MODEL_LABEL);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { label: string; settings: { concurrency: number } };
    expect(manifest.label).toBe(GENERATED_TEST_MODEL_LABEL);
    expect(manifest.settings.concurrency).toBe(1);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(`# ${GENERATED_TEST_MODEL_LABEL} — sale run`);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(/^GENERATED TEST MODEL,coding,/);
    const records = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n');
    expect(records).toHaveLength(5);
    expect(records.map((l) => (JSON.parse(l) as { status: string }).status).every((s) => s !== 'infra-error')).toBe(true);
  }, 120_000);

  it('sale models check --provider llamacpp reports the file, its digest, context and capabilities', async () => {
    const r = await sale(['models', 'check', '--provider', 'llamacpp', '--model-path', model, '--agents', '4b']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('llamacpp at in-process (llama.cpp) (version node-llama-cpp 3.21.1 (cpu');
    const line = r.stdout.split('\n').find((l) => l.startsWith('4b'))!;
    expect(line).toContain(model);
    // A bare GGUF file: its sha256 is both the digest and the blob digest.
    expect(line).toMatch(/yes\s+([0-9a-f]{12})\s+\1\s+40960\s+32768\s+yes\s+yes/);
    expect(r.stdout).toContain(`${GENERATED_TEST_MODEL_LABEL}: generated by sale for tests`);
  }, 60_000);
});

describe('llamacpp run preparation (no engine needed)', () => {
  const config = loadConfig(undefined, { agents: ['4b'] });
  const client = createLlamaCppClient({ engineDir: '/nonexistent' });
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;

  it('a missing file stops the run naming the path and the fix', async () => {
    const missing = join(tempDir('sale-prep-'), 'model.gguf');
    await expect(prepareLlamaCppRun('llamacpp', client, applyModelPath(config, missing), missing, sink)).rejects.toMatchObject({
      message: `model file not found: ${missing}`,
      fix: expect.stringContaining('make-test-model'),
    });
  });

  it('a non-GGUF file stops the run naming the path', async () => {
    const junk = join(tempDir('sale-prep-'), 'weights.bin');
    writeFileSync(junk, 'not a model');
    await expect(prepareLlamaCppRun('llamacpp', client, applyModelPath(config, junk), junk, sink)).rejects.toThrow(`${junk} is not a GGUF model file`);
  });

  it('an Ollama name not in the store stops the run naming the model and the fix', async () => {
    const store = tempDir('sale-prep-store-');
    const viaStore = createLlamaCppClient({ engineDir: '/nonexistent', ollamaModels: store });
    await expect(prepareLlamaCppRun('llamacpp', viaStore, config, undefined, sink)).rejects.toMatchObject({
      message: expect.stringContaining(`model 'qwen3:4b' is not in Ollama's model store at ${store}`),
      fix: expect.stringContaining('ollama pull qwen3:4b'),
    });
  });

  it('--model-path only goes with --provider llamacpp; a resumed llamacpp run keeps its models', async () => {
    await expect(prepareLlamaCppRun('ollama', client, config, '/x.gguf', sink)).rejects.toThrow('--model-path works with --provider llamacpp, not ollama');
    const resumed = applyModelPath(config, undefined, { provider: 'llamacpp', agents: [{ name: '4b', model: '/models/a.gguf' }] });
    expect(resumed.agents[0]!.model).toBe('/models/a.gguf');
    expect(applyModelPath(config, 'qwen3:8b').agents[0]!.model).toBe('qwen3:8b');
  });

  it('`sale bench run` with a missing model file exits non-zero, naming the file and the fix', async () => {
    const missing = join(tempDir('sale-prep-'), 'absent.gguf');
    const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'llamacpp', '--model-path', missing, '--limit', '1', '--agents', '4b']);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toContain(`model file not found: ${missing}`);
    expect(r.stderr + r.stdout).toContain('make-test-model');
  }, 60_000);
});
