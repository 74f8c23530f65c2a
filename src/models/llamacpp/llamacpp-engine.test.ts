// The llamacpp provider on the real engine, with models generated in the test setup. Skipped (with the
// install command) when engines/llamacpp is not installed; required in CI (SALE_REQUIRE_LLAMACPP=1).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENS_SCRIPT, addToOllamaStore, describeWithEngine, sha256File, tempDir, writeRandomModel, writeScriptedModel } from '../../../tests/support/llamacpp.ts';
import type { ChatMessage, ChatRequest, ToolSpec } from '../types.ts';
import { createLlamaCppClient, type LlamaCppClient } from './client.ts';
import { loadEngine } from './engine.ts';
import { toolCallBody } from './test-model/scripted.ts';
import { writeTestModel } from './test-model/make.ts';

const TOOLS: ToolSpec[] = [
  { name: 'run_python', description: 'Run a Python program.', parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } },
  { name: 'submit', description: 'Submit the solution.', parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } },
];
const META = { taskId: 't', agent: '4b', callType: 'execute' as const, turn: 0, seed: 0 };
const START: ChatMessage[] = [
  { role: 'system', content: 'You are a coding agent.' },
  { role: 'user', content: 'Write evens(xs).' },
];

function request(model: string, messages: ChatMessage[], options: Partial<ChatRequest['options']> = {}): ChatRequest {
  return { model, messages, tools: TOOLS, options: { temperature: 0, seed: 1, numCtx: 4096, numPredict: 64, think: true, ...options }, meta: META };
}

describeWithEngine('llamacpp provider on the embedded engine', () => {
  let dir: string;
  let scripted: string;
  let random: string;
  let client: LlamaCppClient;
  beforeAll(() => {
    dir = tempDir('sale-llamacpp-');
    const t0 = performance.now();
    scripted = writeScriptedModel(dir);
    random = writeRandomModel(dir, 7);
    // Generating both models is part of the test setup: keep it well under a second.
    expect(performance.now() - t0).toBeLessThan(1500);
    client = createLlamaCppClient({ threads: 1 });
  });
  afterAll(async () => {
    await client?.close();
  });

  it('a scripted model calls run_python, then submits once a tool result is in context, at any temperature', async () => {
    const runCall = EVENS_SCRIPT.first as { toolCall: { name: string; arguments: Record<string, unknown> } };
    const submit = EVENS_SCRIPT.afterToolResult as { toolCall: { name: string; arguments: Record<string, unknown> } };
    for (const temperature of [0, 0.8, 1.5]) {
      for (const seed of [1, 2]) {
        const r1 = await client.chat(request(scripted, START, { temperature, seed }));
        expect(r1.message.toolCalls).toEqual([runCall.toolCall]);
        expect(r1.message.thinking).toBe(EVENS_SCRIPT.thought);
        expect(r1.message.content).toBe('');
        expect(r1.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
        const history: ChatMessage[] = [...START, r1.message, { role: 'tool', content: 'exit status: 0\nstdout:\n[2, 4]', toolName: 'run_python' }];
        const r2 = await client.chat(request(scripted, history, { temperature, seed }));
        expect(r2.message.toolCalls).toEqual([submit.toolCall]);
      }
    }
  });

  it('counts tokens as the engine does: the generated tokens including the end token, the whole prompt', async () => {
    const on = await client.chat(request(scripted, START, { think: true }));
    // <think> · thought · </think> · "\n\n" · <tool_call> · body · </tool_call> · <|im_end|>
    expect(on.usage.outputTokens).toBe(8);
    const off = await client.chat(request(scripted, START, { think: false }));
    // Thinking off: the template pre-fills "<think>\n\n</think>\n\n" (4 more prompt tokens) and the model answers at once.
    expect(off.message.thinking).toBeUndefined();
    expect(off.message.toolCalls).toHaveLength(1);
    expect(off.usage.outputTokens).toBe(4);
    expect(off.usage.inputTokens).toBe(on.usage.inputTokens + 4);
    // The raw text the model produced is what the tool call was parsed from.
    expect(toolCallBody((EVENS_SCRIPT.first as { toolCall: { name: string; arguments: Record<string, unknown> } }).toolCall)).toContain('"name": "run_python"');
    // The second call of a conversation reuses the KV cache for the shared prefix.
    const history: ChatMessage[] = [...START, on.message, { role: 'tool', content: 'ok', toolName: 'run_python' }];
    const next = await client.chat(request(scripted, history, { think: true }));
    expect(next.cachedPromptTokens).toBeGreaterThan(on.usage.inputTokens / 2);
    expect(next.usage.inputTokens).toBeGreaterThan(on.usage.inputTokens);
    expect(next.timings.loadNs).toBe(0);
    expect(next.timings.promptEvalNs).toBeGreaterThan(0);
    expect(next.timings.totalNs).toBeGreaterThanOrEqual(next.timings.promptEvalNs + next.timings.evalNs - 1);
  });

  it('stops at num_predict with done reason "length", and at a stop string', async () => {
    const r = await client.chat(request(random, [{ role: 'user', content: 'Tell me a story.' }], { numPredict: 5, think: false }));
    expect(r.finishReason).toEqual({ unified: 'length', raw: 'length' });
    expect(r.usage.outputTokens).toBe(5);
    const s = await client.chat(request(scripted, START, { stop: ['</think>'] }));
    expect(s.message.toolCalls).toBeUndefined();
    expect(s.message.content).toBe('');
    expect(s.message.thinking).toBe(EVENS_SCRIPT.thought);
  });

  it('reports the exact entropy of the full next-token distribution', async () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'Plan the task in three steps.' }];
    const vocabulary = 1000; // more than the model has: every token with p > 0 comes back
    const greedy = await client.chat(request(random, messages, { think: false, numPredict: 6, topLogprobs: vocabulary }));
    expect(greedy.logprobsTopK).toBeUndefined(); // not a top-k approximation
    expect(greedy.logprobs).toHaveLength(6);
    for (const [i, l] of greedy.logprobs!.entries()) {
      const ps = l.top.map((t) => Math.exp(t.logprob));
      expect(ps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      const h = -ps.reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);
      expect(l.entropy).toBeCloseTo(h, 9);
      expect(greedy.entropies![i]).toBe(l.entropy);
      expect(l.entropy).toBeGreaterThan(0);
      // Greedy: the chosen token is the most likely one.
      expect(l.logprob).toBeCloseTo(l.top[0]!.logprob, 12);
    }
    // At temperature 0.7 the engine returns the tempered distribution; the provider recovers the
    // model's own: the first position (same prompt) must give the same entropy. A fresh client, so the
    // prompt is evaluated in one batch as above (a KV-cache hit evaluates the last token alone, and
    // llama.cpp's batch kernels round differently: ~1e-3 on this random model).
    const fresh = createLlamaCppClient({ threads: 1 });
    const tempered = await fresh.chat(request(random, messages, { think: false, numPredict: 1, topLogprobs: 3, temperature: 0.7, seed: 5 })).finally(() => fresh.close());
    expect(tempered.logprobs![0]!.entropy).toBeCloseTo(greedy.logprobs![0]!.entropy, 5);
    expect(tempered.logprobs![0]!.top).toHaveLength(3);
    expect(tempered.logprobs![0]!.top[0]!.logprob).toBeCloseTo(greedy.logprobs![0]!.top[0]!.logprob, 5);
  });

  it('JSON-schema-constrained output from a random-weight model parses and fits the schema, for several seeds', async () => {
    const schema = {
      type: 'object',
      properties: { score: { type: 'integer', enum: [0, 1, 2, 3, 4, 5] }, reason: { type: 'string', maxLength: 40 }, ok: { type: 'boolean' } },
      required: ['score', 'reason', 'ok'],
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await client.chat({ ...request(random, [{ role: 'user', content: 'Score this plan.' }], { format: schema, temperature: 0.9, seed, numPredict: 200, think: false }), tools: [] });
      const value = JSON.parse(r.message.content) as { score: number; reason: string; ok: boolean };
      expect(Object.keys(value).sort()).toEqual(['ok', 'reason', 'score']);
      expect([0, 1, 2, 3, 4, 5]).toContain(value.score);
      expect(typeof value.reason).toBe('string');
      expect(value.reason.length).toBeLessThanOrEqual(40);
      expect(typeof value.ok).toBe('boolean');
    }
    const free = await client.chat({ ...request(random, [{ role: 'user', content: 'JSON please.' }], { format: 'json', numPredict: 120, think: false, seed: 2, temperature: 0.5 }), tools: [] });
    if (free.finishReason.unified === 'stop') expect(() => JSON.parse(free.message.content)).not.toThrow();
  });

  it('random models write valid UTF-8 text; F32 and Q8_0 files load and a Q8_0 scripted model still plays its script', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await client.chat({ ...request(random, [{ role: 'user', content: 'Say something.' }], { temperature: 1, seed, numPredict: 40, think: false }), tools: [] });
      expect(r.usage.outputTokens).toBeGreaterThan(0);
      expect(r.message.content).not.toContain('\uFFFD'); // no replacement character: bytes 0x80–0xFF are biased away
    }
    const f32 = join(dir, 'random-f32.gguf');
    writeTestModel(f32, { kind: 'random', seed: 2, tensorType: 'F32' });
    const q8 = join(dir, 'scripted-q8.gguf');
    writeTestModel(q8, { kind: 'scripted', script: EVENS_SCRIPT, tensorType: 'Q8_0' });
    const plain = await client.chat({ ...request(f32, [{ role: 'user', content: 'hi' }], { numPredict: 4, think: false }), tools: [] });
    expect(plain.usage.outputTokens).toBeGreaterThan(0);
    expect((await client.describe(q8)).quantization).toBe('Q8_0');
    const r = await client.chat(request(q8, START, { temperature: 1.5, seed: 9 }));
    expect(r.message.toolCalls?.[0]).toEqual((EVENS_SCRIPT.first as { toolCall: unknown }).toolCall);
  });

  it('a cut-off GGUF file: describe() says so, and a chat fails naming the file', async () => {
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, readFileSync(scripted).subarray(0, 4000));
    const info = await client.describe(cut);
    expect(info).toMatchObject({ present: false, problem: expect.stringContaining(`${cut} is not a valid GGUF file: truncated`) });
    await expect(client.chat(request(cut, START))).rejects.toThrow(`llama.cpp could not load ${cut}`);
  });

  it("resolves an Ollama model name through a store (manifest + blob) and loads it by name", async () => {
    const root = tempDir('sale-ollama-store-');
    const digest = addToOllamaStore(root, scripted, 'qwen3', 'tiny');
    const viaStore = createLlamaCppClient({ threads: 1, ollamaModels: root });
    try {
      const info = await viaStore.describe('qwen3:tiny');
      // The digest Ollama itself reports (its manifest's sha256), the blob's sha256 beside it.
      const manifestDigest = sha256File(join(root, 'manifests/registry.ollama.ai/library/qwen3/tiny'));
      expect(info).toMatchObject({ present: true, digest: manifestDigest, blobDigest: digest, source: 'ollama-store', generatedTestModel: true });
      const r = await viaStore.chat(request('qwen3:tiny', START));
      expect(r.modelPath).toBe(`${root}/blobs/sha256-${digest}`);
      expect(r.message.toolCalls?.[0]?.name).toBe('run_python');
      await expect(viaStore.chat(request('qwen3:missing', START))).rejects.toThrow(/model 'qwen3:missing' is not in Ollama's model store/);
    } finally {
      await viaStore.close();
    }
  });

  it("node-llama-cpp recognises the generated model's chat template as Qwen's", async () => {
    const engine = await loadEngine();
    const nlc = engine.nlc as unknown as {
      getLlama(o: object): Promise<{ loadModel(o: object): Promise<{ dispose(): Promise<void> }> }>;
      resolveChatWrapper(model: unknown): { wrapperName?: string } | null;
    };
    const llama = await nlc.getLlama({ gpu: false, build: 'never', logLevel: 'error', progressLogs: false });
    const model = await llama.loadModel({ modelPath: scripted, gpuLayers: 0 });
    try {
      expect(nlc.resolveChatWrapper(model)?.wrapperName).toBe('Qwen');
    } finally {
      await model.dispose();
    }
  });
});
