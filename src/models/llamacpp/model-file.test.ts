// Model references, GGUF summaries and describe(): none of this needs the engine.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToOllamaStore, sha256File, tempDir, writeRandomModel, writeScriptedModel } from '../../../tests/support/llamacpp.ts';
import { SaleError } from '../../errors.ts';
import { createLlamaCppClient } from './client.ts';
import { metaString, readGgufHeader } from './gguf/read.ts';
import { isGeneratedTestModel } from '../../records/label.ts';
import { ModelFileError, looksLikePath, resolveModelRef, summarizeGguf } from './model-file.ts';
import { llamaCppSettingsFromEnv } from './settings.ts';
import { buildRandomModel, GENERATED_MODEL_NAME } from './test-model/build.ts';
import { buildScriptedModel } from './test-model/scripted.ts';
import { buildVocabulary, toByteForm } from './test-model/vocab.ts';
import { TokenType } from './gguf/format.ts';

const dir = tempDir('sale-model-file-');
const scripted = writeScriptedModel(dir);
const random = writeRandomModel(dir, 3);

function thrown(fn: () => unknown): ModelFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw e;
  }
  throw new Error('expected a ModelFileError');
}

describe('model references', () => {
  it('tells paths from Ollama names', () => {
    expect(looksLikePath('model.gguf')).toBe(true);
    expect(looksLikePath('./m')).toBe(true);
    expect(looksLikePath('/abs/file')).toBe(true);
    expect(looksLikePath('qwen3:8b')).toBe(false);
    expect(looksLikePath('me/coder:q4')).toBe(false);
  });

  it('a missing file: the error names the path and how to make a test model', () => {
    const e = thrown(() => resolveModelRef(join(dir, 'nope.gguf')));
    expect(e.message).toBe(`model file not found: ${join(dir, 'nope.gguf')}`);
    expect(e.fix).toContain('scripts/make-test-model.ts');
  });

  it('a file that is not GGUF: the error names the path and says why', () => {
    const junk = join(dir, 'weights.gguf');
    writeFileSync(junk, '{"this": "is json"}');
    const e = thrown(() => resolveModelRef(junk));
    expect(e.message).toBe(`${junk} is not a GGUF model file: it does not start with the "GGUF" magic`);
    expect(e.fix).toMatch(/\.gguf file/);
  });

  it('an Ollama name not in the store: the error names the model, the store and the fix', () => {
    const root = tempDir('sale-store-');
    const e = thrown(() => resolveModelRef('qwen3:8b', { ollamaModels: root }));
    expect(e.message).toContain(`model 'qwen3:8b' is not in Ollama's model store at ${root}`);
    expect(e.message).toContain('no manifest at');
    expect(e.fix).toContain('ollama pull qwen3:8b');
    expect(e.fix).toContain('OLLAMA_MODELS');
    expect(SaleError.isInstance(e)).toBe(true);
  });

  it('an Ollama name in the store resolves to its blob, with the digest from its name', () => {
    const root = tempDir('sale-store-');
    const digest = addToOllamaStore(root, scripted, 'qwen3', 'tiny');
    const r = resolveModelRef('qwen3:tiny', { ollamaModels: root });
    expect(r).toEqual({
      ref: 'qwen3:tiny',
      path: join(root, 'blobs', `sha256-${digest}`),
      source: 'ollama-store',
      knownDigest: digest,
      manifestDigest: sha256File(join(root, 'manifests/registry.ollama.ai/library/qwen3/tiny')),
    });
  });
});

describe('generated models', () => {
  it('carry the qwen3 metadata llama.cpp needs and the generated-model marker', () => {
    const h = readGgufHeader(scripted, { maxArrayLength: Infinity });
    for (const key of [
      'qwen3.context_length',
      'qwen3.embedding_length',
      'qwen3.block_count',
      'qwen3.feed_forward_length',
      'qwen3.attention.head_count',
      'qwen3.attention.head_count_kv',
      'qwen3.attention.key_length',
      'qwen3.attention.value_length',
      'qwen3.rope.freq_base',
      'qwen3.attention.layer_norm_rms_epsilon',
      'tokenizer.ggml.eos_token_id',
      'tokenizer.chat_template',
    ]) {
      expect(h.metadata, key).toHaveProperty([key]);
    }
    expect(metaString(h, 'tokenizer.ggml.model')).toBe('gpt2');
    expect(metaString(h, 'tokenizer.ggml.pre')).toBe('qwen2');
    const tokens = h.metadata['tokenizer.ggml.tokens'] as string[];
    expect(tokens).toContain('<|im_start|>');
    expect(tokens).toContain('<tool_call>');
    expect(tokens[h.metadata['tokenizer.ggml.eos_token_id'] as number]).toBe('<|im_end|>');
    expect(h.tensors.map((t) => t.name)).toEqual(expect.arrayContaining(['token_embd.weight', 'output.weight', 'output_norm.weight', 'blk.0.attn_q_norm.weight', 'blk.0.ffn_down.weight']));
    const s = summarizeGguf(scripted);
    expect(s).toMatchObject({ architecture: 'qwen3', name: GENERATED_MODEL_NAME, contextLength: 40960, quantization: 'F16', generated: true, generatedKind: 'scripted' });
    expect(summarizeGguf(random)).toMatchObject({ generated: true, generatedKind: 'random' });
  });

  it('random models are seeded: same seed, same bytes; another seed, other weights', () => {
    const a = createHash('sha256').update(readFileSync(random)).digest('hex');
    const again = createHash('sha256').update(readFileSync(writeRandomModel(dir, 3, 'again.gguf'))).digest('hex');
    const other = createHash('sha256').update(readFileSync(writeRandomModel(dir, 4))).digest('hex');
    expect(again).toBe(a);
    expect(other).not.toBe(a);
    // Untied: an output matrix of its own.
    expect(buildRandomModel().tensors.some((t) => t.name === 'output.weight')).toBe(true);
  });

  it('the vocabulary is byte-level with Qwen special tokens', () => {
    const v = buildVocabulary(['STEP']);
    expect(v.tokens.slice(0, 256).every((t) => [...t].length === 1)).toBe(true);
    expect(v.tokens[v.byteIds[0x0a]!]).toBe('Ċ');
    expect(v.tokens[v.byteIds[0x20]!]).toBe('Ġ');
    expect(toByteForm('\n\n')).toBe('ĊĊ');
    expect(v.types[v.id.get('<|im_end|>')!]).toBe(TokenType.CONTROL);
    expect(v.types[v.id.get('<tool_call>')!]).toBe(TokenType.USER_DEFINED);
    expect(v.types[v.id.get('STEP')!]).toBe(TokenType.USER_DEFINED);
    for (const m of v.merges) expect(v.id.has(m.replace(' ', ''))).toBe(true);
  });

  it('refuses a script whose branches cannot be told apart by a bigram table', () => {
    const ok = buildScriptedModel({ name: 's', first: { text: 'A' }, afterToolResult: { text: 'B' } });
    expect(ok.tensors.length).toBeGreaterThan(10);
    expect(() => buildScriptedModel({ name: 's', first: { text: ' ' }, afterToolResult: { text: 'B' } })).toThrow(/blank/);
    // "<think>" would follow both the generation start and the blank line before the answer.
    expect(() => buildScriptedModel({ name: 's', first: { text: '<think>' }, afterToolResult: { text: 'B' } })).toThrow(/two successors/);
  });
});

describe('describe() without the engine', () => {
  const client = createLlamaCppClient({ engineDir: join(dir, 'no-engine-here') });

  it('reports presence, sha256 digest, context length, capabilities and the generated marker', async () => {
    const info = await client.describe(scripted);
    expect(info).toMatchObject({ model: scripted, present: true, contextLength: 40960, capabilities: ['completion', 'tools', 'thinking'], quantization: 'F16', source: 'file', generatedTestModel: true });
    expect(info.digest).toBe(createHash('sha256').update(readFileSync(scripted)).digest('hex'));
    expect(isGeneratedTestModel(info)).toBe(true);
  });

  it('reports a missing model with the problem and the fix, without throwing', async () => {
    const info = await client.describe(join(dir, 'missing.gguf'));
    expect(info).toMatchObject({ present: false, problem: `model file not found: ${join(dir, 'missing.gguf')}` });
    expect(info.fix).toContain('make-test-model');
    expect(isGeneratedTestModel(info)).toBe(false);
  });

  it('ping names the install command when the engine is missing', async () => {
    await expect(client.ping()).rejects.toMatchObject({ name: 'EngineMissingError', fix: expect.stringContaining('install node-llama-cpp@3.21.1') });
  });
});

describe('settings from the environment', () => {
  it('reads threads, GPU and log level, and rejects bad values naming the variable', () => {
    expect(llamaCppSettingsFromEnv({})).toEqual({});
    expect(llamaCppSettingsFromEnv({ SALE_LLAMACPP_THREADS: '3', SALE_LLAMACPP_GPU: 'cuda', SALE_LLAMACPP_LOG: 'warn' })).toEqual({ threads: 3, gpu: 'cuda', logLevel: 'warn' });
    expect(llamaCppSettingsFromEnv({ SALE_LLAMACPP_GPU: 'false' })).toEqual({ gpu: false });
    expect(() => llamaCppSettingsFromEnv({ SALE_LLAMACPP_THREADS: '0' })).toThrow(/SALE_LLAMACPP_THREADS/);
    expect(() => llamaCppSettingsFromEnv({ SALE_LLAMACPP_GPU: 'rocm' })).toThrow(/SALE_LLAMACPP_GPU: 'rocm'/);
  });
});
