// The `llamacpp` provider: GGUF models run in-process by llama.cpp (node-llama-cpp), behind the same
// ModelClient seam as Ollama. An agent's `model` is a GGUF path or an Ollama model name resolved
// through Ollama's on-disk store (no Ollama server involved).
//
// One chat call:
//   1. render the model's own chat template (tokenizer.chat_template, Jinja) with the messages, the
//      tools, add_generation_prompt and enable_thinking = think; a GGUF without a template gets our
//      Qwen3-format template (test-model/chat-template.ts);
//   2. tokenize with the model's tokenizer (special tokens parsed), reuse the KV cache for the prefix
//      shared with the previous call, evaluate the rest;
//   3. sample token by token (temperature 0 = greedy; seed passed to the sampler), with a grammar when
//      JSON output is requested, until an end-of-generation token, num_predict or a stop string;
//   4. parse the text like Ollama does for Qwen3: <think> reasoning, <tool_call> blocks, content.
// Token counts are the engine's: input = prompt tokens as the model's tokenizer counts them (the whole
// prompt, cached prefix included, as the model saw it); output = tokens the engine sampled (its token
// meter; the end-of-generation token included, as llama.cpp counts it).
//
// Per-token entropy, when logprobs are asked for: the engine returns the full next-token distribution
// over the whole vocabulary, so the entropy is exact (not a top-k approximation) and `logprobsTopK`
// stays unset. Each logprobs entry carries it as `entropy` (nats) and the response as `entropies` —
// provider-specific extensions until TokenLogprob gets a field for it. The distribution reported is
// the model's own, softmax(logits): at temperature 0 the engine returns exactly that; at temperature
// T > 0 it returns softmax(logits / T), from which softmax(logits) is recovered as p^T / Σ p^T, and
// that call samples from the untruncated tempered distribution (top-k/top-p off) so that the
// distribution reported is the one the token was drawn from. With a grammar (JSON output) the
// distribution is the grammar-masked one the engine sampled from.
//
// Decisions where the issue is silent:
//   - calls are serialised (one generation at a time in this process); `sale bench run` defaults to
//     concurrency 1 for this provider;
//   - at most `maxLoadedModels` (default 1) models stay loaded; loading another disposes the others;
//   - a context is created per model with num_ctx tokens and recreated when num_ctx changes;
//   - a prompt longer than num_ctx − reserve (reserve = min(num_predict, num_ctx/4)) loses its start,
//     and the response says `truncated` (Ollama also cuts silently);
//   - sampling at temperature > 0 uses top-k 20, top-p 0.95, min-p 0 (Qwen3's recommended settings,
//     which Ollama's qwen3 models also ship), configurable through `sampling`;
//   - threads default to the engine's count of physical cores, except for models under 50 M
//     parameters (generated test models), which get 1: for them threading only adds overhead, and on a
//     busy machine spinning threads made a smoke run 80× slower (measured: 246 s with 2 threads,
//     3 s with 1). Tests use 1.
import { SaleError } from '../../errors.ts';
import type { ChatRequest } from '../types.ts';
import { ENGINE_VERSION, loadEngine, type Engine, type JinjaTemplate, type NlcGrammar, type NlcLlama, type NlcModel } from './engine.ts';
import { ModelFileError, fileDigest, formatParameterCount, resolveModelRef, summarizeGguf, type GgufSummary, type ResolvedModel } from './model-file.ts';
import { NotGgufError } from './gguf/read.ts';
import { generate, type GenerateDeps } from './generate.ts';
import { DEFAULT_SAMPLING, capabilitiesOf } from './sampling.ts';
import { QWEN3_STYLE_CHAT_TEMPLATE } from './test-model/chat-template.ts';
import { TINY_MODEL_PARAMETERS, type LlamaCppChatResponse, type LlamaCppClient, type LlamaCppModelInfo, type LlamaCppSettings, type LoadedModel } from './types.ts';

export type { LlamaCppChatResponse, LlamaCppClient, LlamaCppModelInfo, LlamaCppSettings, LlamaCppTokenLogprob, LlamaGpu } from './types.ts';
export { TINY_MODEL_PARAMETERS } from './types.ts';

export function createLlamaCppClient(settings: LlamaCppSettings = {}): LlamaCppClient {
  const sampling = settings.sampling ?? DEFAULT_SAMPLING;
  const maxLoaded = Math.max(1, settings.maxLoadedModels ?? 1);
  let enginePromise: Promise<{ engine: Engine; llama: NlcLlama; cores: number }> | undefined;
  const loaded = new Map<string, LoadedModel>();
  const grammars = new Map<string, Promise<NlcGrammar>>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Run `fn` after every earlier call has finished. */
  function serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  function engine() {
    enginePromise ??= (async () => {
      const e = await loadEngine(settings.engineDir);
      const llama = await e.nlc.getLlama({
        gpu: settings.gpu ?? false,
        build: 'never',
        skipDownload: true,
        progressLogs: false,
        logLevel: settings.logLevel ?? 'error',
      });
      return { engine: e, llama, cores: Math.max(1, llama.cpuMathCores || 1) };
    })();
    enginePromise.catch(() => {
      enginePromise = undefined;
    });
    return enginePromise;
  }

  function resolveRef(ref: string): ResolvedModel {
    return resolveModelRef(ref, settings.ollamaModels ? { ollamaModels: settings.ollamaModels } : {});
  }

  async function unload(lm: LoadedModel) {
    loaded.delete(lm.path);
    lm.sequence?.dispose();
    await lm.context?.dispose();
    await lm.model.dispose();
  }

  /** The model at `path` with a context of `numCtx` tokens; reports whether anything was loaded. */
  async function acquire(path: string, numCtx: number): Promise<{ lm: LoadedModel; didLoad: boolean }> {
    const { engine: e, llama, cores } = await engine();
    let didLoad = false;
    let lm = loaded.get(path);
    if (!lm) {
      while (loaded.size >= maxLoaded) await unload(loaded.values().next().value!);
      let summary: GgufSummary;
      let model: NlcModel;
      try {
        summary = summarizeGguf(path);
        model = await llama.loadModel({ modelPath: path, gpuLayers: settings.gpu ? 'auto' : 0 });
      } catch (err) {
        throw new SaleError(`llama.cpp could not load ${path}: ${(err as Error).message}`, {
          cause: err,
          fix: `check that the file is a complete GGUF of an architecture node-llama-cpp ${ENGINE_VERSION} supports`,
        });
      }
      let template: JinjaTemplate;
      try {
        template = new e.Template(summary.chatTemplate ?? QWEN3_STYLE_CHAT_TEMPLATE);
      } catch (err) {
        await model.dispose();
        throw new SaleError(`the chat template of ${path} cannot be parsed: ${(err as Error).message}`, { fix: 'use a GGUF whose tokenizer.chat_template is valid Jinja' });
      }
      lm = { path, model, template, summary };
      loaded.set(path, lm);
      didLoad = true;
    }
    if (!lm.context || lm.context.contextSize !== numCtx) {
      lm.sequence?.dispose();
      await lm.context?.dispose();
      const threads = settings.threads ?? (lm.summary.parameterCount < TINY_MODEL_PARAMETERS ? 1 : cores);
      lm.context = await lm.model.createContext({ contextSize: numCtx, threads, sequences: 1 });
      lm.sequence = lm.context.getSequence();
      didLoad = true;
    }
    return { lm, didLoad };
  }

  function grammarFor(llama: NlcLlama, format: 'json' | Record<string, unknown>): Promise<NlcGrammar> {
    const key = format === 'json' ? 'json' : JSON.stringify(format);
    let g = grammars.get(key);
    if (!g) {
      g = format === 'json' ? llama.getGrammarFor('json') : llama.createGrammarForJsonSchema(format);
      grammars.set(key, g);
      g.catch(() => grammars.delete(key));
    }
    return g;
  }

  const deps: GenerateDeps = { engine, acquire, grammarFor, sampling };

  const client: LlamaCppClient = {
    provider: 'llamacpp',
    endpoint: 'in-process (llama.cpp)',

    resolve: resolveRef,

    async chat(req: ChatRequest): Promise<LlamaCppChatResponse> {
      const started = performance.now();
      const resolved = resolveRef(req.model);
      return serialised(() => generate(deps, req, resolved, started));
    },

    async describe(model: string): Promise<LlamaCppModelInfo> {
      let resolved: ResolvedModel;
      try {
        resolved = resolveRef(model);
      } catch (e) {
        if (e instanceof ModelFileError) return { model, present: false, problem: e.message, ...(e.fix ? { fix: e.fix } : {}) };
        throw e;
      }
      let summary: GgufSummary;
      try {
        summary = summarizeGguf(resolved.path);
      } catch (e) {
        if (!(e instanceof NotGgufError)) throw e;
        return { model, present: false, problem: `${resolved.path} is not a valid GGUF file: ${e.why}`, fix: 'replace the file with a complete .gguf model (the download or copy may have been cut short)' };
      }
      const blobDigest = resolved.knownDigest ?? (await fileDigest(resolved.path));
      const info: LlamaCppModelInfo = {
        model,
        present: true,
        // The same digest as the `ollama` provider reports for the same model (Ollama's manifest
        // digest); a bare GGUF file has no manifest: its own sha256.
        digest: resolved.manifestDigest ?? blobDigest,
        blobDigest,
        capabilities: capabilitiesOf(summary),
        parameterSize: formatParameterCount(summary.parameterCount),
        path: resolved.path,
        source: resolved.source,
        generatedTestModel: summary.generated,
      };
      if (summary.contextLength !== undefined) info.contextLength = summary.contextLength;
      if (summary.quantization) info.quantization = summary.quantization;
      return info;
    },

    async ping(): Promise<{ version: string }> {
      const { engine: e, llama, cores } = await engine();
      const threads = settings.threads !== undefined ? `${settings.threads} thread${settings.threads === 1 ? '' : 's'}` : `${cores} threads (physical cores; 1 for tiny models)`;
      return { version: `node-llama-cpp ${e.version} (${llama.gpu || 'cpu'}, ${threads})` };
    },

    async close(): Promise<void> {
      await serialised(async () => {
        for (const lm of [...loaded.values()]) await unload(lm);
        grammars.clear();
      });
    },
  };
  return client;
}
