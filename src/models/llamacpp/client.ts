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
import { ApiCallError, SaleError } from '../../errors.ts';
import type { ChatMessage, ChatRequest, ChatResponse, ModelClient, ModelInfo, TokenLogprob, ToolSpec } from '../types.ts';
import { ENGINE_VERSION, loadEngine, type Engine, type JinjaTemplate, type NlcContext, type NlcEvaluateOptions, type NlcGrammar, type NlcLlama, type NlcModel, type NlcSequence, type Token } from './engine.ts';
import { ModelFileError, fileDigest, formatParameterCount, resolveModelRef, summarizeGguf, type GgufSummary, type ResolvedModel } from './model-file.ts';
import { NotGgufError } from './gguf/read.ts';
import { parseQwenOutput } from './parse-output.ts';
import { toolCallCut, unifiedFinish } from '../length-stop.ts';
import { QWEN3_STYLE_CHAT_TEMPLATE } from './test-model/chat-template.ts';

export type LlamaGpu = false | 'auto' | 'cuda' | 'vulkan' | 'metal';

/** Below this many parameters a model runs on one thread unless `threads` is set. */
export const TINY_MODEL_PARAMETERS = 50e6;

export interface LlamaCppSettings {
  /** CPU threads for generation; default: the engine's count of physical cores (1 for tiny models). */
  threads?: number;
  /** GPU backend; default false (CPU). 'auto' uses whatever GPU build is installed. */
  gpu?: LlamaGpu;
  /** Folder holding node-llama-cpp (default engines/llamacpp, or SALE_LLAMACPP_ENGINE_DIR). */
  engineDir?: string;
  /** Ollama's model store (default OLLAMA_MODELS or ~/.ollama/models). */
  ollamaModels?: string;
  /** Sampling at temperature > 0. */
  sampling?: { topK: number; topP: number; minP: number };
  /** Models kept loaded at once; default 1. */
  maxLoadedModels?: number;
  /** llama.cpp's own log level; default 'error'. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/** A logprobs entry with the entropy (nats) of the full distribution the token came from. */
export interface LlamaCppTokenLogprob extends TokenLogprob {
  entropy: number;
}

/** ChatResponse plus what only this engine knows. */
export interface LlamaCppChatResponse extends ChatResponse {
  logprobs?: LlamaCppTokenLogprob[];
  /** Exact per-token entropies (nats) of the full next-token distribution; present when logprobs were asked. */
  entropies?: number[];
  /** The GGUF file that answered. */
  modelPath: string;
  /** Prompt tokens served from the KV cache of the previous call. */
  cachedPromptTokens: number;
}

/** ModelInfo plus the file behind it, and whether this project generated it. */
export interface LlamaCppModelInfo extends ModelInfo {
  path?: string;
  source?: ResolvedModel['source'];
  /** True for a model written by this project's generator: its output is meaningless. */
  generatedTestModel?: boolean;
  /** Why the model is not present, and what to do. */
  problem?: string;
  fix?: string;
}

export interface LlamaCppClient extends ModelClient {
  describe(model: string): Promise<LlamaCppModelInfo>;
  chat(request: ChatRequest): Promise<LlamaCppChatResponse>;
  /** Resolve an agent's model reference to its file (throws ModelFileError). */
  resolve(model: string): ResolvedModel;
  /** Unload every model and release the engine. */
  close(): Promise<void>;
}

interface LoadedModel {
  path: string;
  model: NlcModel;
  template: JinjaTemplate;
  summary: GgufSummary;
  context?: NlcContext;
  sequence?: NlcSequence;
}

const DEFAULT_SAMPLING = { topK: 20, topP: 0.95, minP: 0 };

/** Messages in the shape chat templates expect (Hugging Face conventions). */
function templateMessages(messages: ChatMessage[]): Record<string, unknown>[] {
  return messages.map((m) => {
    const out: Record<string, unknown> = { role: m.role, content: m.content };
    if (m.role === 'assistant' && m.thinking) out.reasoning_content = m.thinking;
    if (m.toolCalls?.length) out.tool_calls = m.toolCalls.map((c) => ({ type: 'function', ...(c.id ? { id: c.id } : {}), function: { name: c.name, arguments: c.arguments } }));
    if (m.role === 'tool' && m.toolName) out.name = m.toolName;
    return out;
  });
}

const templateTools = (tools: ToolSpec[]) => tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));

function capabilitiesOf(summary: GgufSummary): string[] {
  const caps = ['completion'];
  const template = summary.chatTemplate ?? (summary.architecture?.startsWith('qwen3') ? QWEN3_STYLE_CHAT_TEMPLATE : '');
  if (/\btools\b/.test(template) && template.includes('<tool_call>')) caps.push('tools');
  if (template.includes('<think>') || template.includes('enable_thinking')) caps.push('thinking');
  return caps;
}

/** Entropy (nats) and log-probabilities from a probability map, optionally un-tempering it first. */
function distribution(probabilities: Map<Token, number>, temperature: number): { entropy: number; logprob: (t: Token) => number; top: [Token, number][] } {
  const entries = [...probabilities.entries()].filter(([, p]) => p > 0);
  let ps = entries.map(([, p]) => p);
  if (temperature > 0 && temperature !== 1) {
    // p_T ∝ exp(l / T)  ⇒  softmax(l) ∝ p_T^T.
    const w = ps.map((p) => Math.exp(temperature * Math.log(p)));
    const z = w.reduce((a, b) => a + b, 0);
    ps = w.map((x) => x / z);
  } else {
    const z = ps.reduce((a, b) => a + b, 0);
    ps = ps.map((p) => p / z);
  }
  let entropy = 0;
  const byToken = new Map<Token, number>();
  entries.forEach(([t], i) => {
    const p = ps[i]!;
    entropy -= p * Math.log(p);
    byToken.set(t, p);
  });
  // The engine's map is sorted by probability (and un-tempering keeps the order): sort only if not.
  const top = entries.map(([t], i) => [t, ps[i]!] as [Token, number]);
  if (top.some((x, i) => i > 0 && x[1] > top[i - 1]![1])) top.sort((a, b) => b[1] - a[1]);
  return { entropy: Math.max(0, entropy), logprob: (t) => Math.log(byToken.get(t) ?? 0), top };
}

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

  async function generate(req: ChatRequest, resolved: ResolvedModel, started: number): Promise<LlamaCppChatResponse> {
    const o = req.options;
    const t0 = performance.now();
    const { engine: e, llama } = await engine();
    const { lm, didLoad } = await acquire(resolved.path, o.numCtx);
    const loadNs = didLoad ? (performance.now() - t0) * 1e6 : 0;
    const { model } = lm;
    const sequence = lm.sequence!;
    const ctxSize = lm.context!.contextSize;

    let prompt: string;
    try {
      prompt = lm.template.render({
        messages: templateMessages(req.messages),
        ...(req.tools?.length ? { tools: templateTools(req.tools) } : {}),
        add_generation_prompt: true,
        enable_thinking: o.think,
        bos_token: '',
        eos_token: '<|im_end|>',
      });
    } catch (err) {
      throw new SaleError(`the chat template of ${resolved.path} failed to render: ${(err as Error).message}`, { cause: err });
    }
    let tokens = model.tokenize(prompt, true);
    const reserve = Math.min(o.numPredict, Math.floor(ctxSize / 4));
    const limit = Math.max(1, ctxSize - reserve);
    const truncated = tokens.length > limit;
    if (truncated) tokens = tokens.slice(tokens.length - limit);

    // Reuse the KV cache for the prefix this prompt shares with what the sequence holds.
    const held = sequence.contextTokens;
    let common = 0;
    while (common < held.length && common < tokens.length && held[common] === tokens[common]) common++;
    if (common === tokens.length) common--; // evaluate at least one token to get logits
    if (common < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: common, end: sequence.nextTokenIndex }]);
    const feed = tokens.slice(common);

    let grammarState: unknown;
    if (o.format !== undefined) {
      let grammar: NlcGrammar;
      try {
        grammar = await grammarFor(llama, o.format);
      } catch (err) {
        throw new ApiCallError(`the JSON schema requested from ${resolved.ref} cannot be enforced by llama.cpp: ${(err as Error).message}`, {
          kind: 'http-4xx',
          url: 'in-process',
          isRetryable: false,
          cause: err,
          fix: 'simplify the schema (node-llama-cpp supports a subset of JSON schema) or request format "json"',
        });
      }
      grammarState = new e.nlc.LlamaGrammarEvaluationState({ model, grammar });
    }
    const topN = Math.max(0, Math.floor(o.topLogprobs ?? 0));
    const wantProbs = topN > 0;
    const temperature = Math.max(0, o.temperature);
    const evalOptions: NlcEvaluateOptions =
      temperature === 0
        ? { temperature: 0 }
        : wantProbs && grammarState === undefined
          ? { temperature, topK: 0, topP: 1, minP: 0 }
          : { temperature, topK: sampling.topK, topP: sampling.topP, minP: sampling.minP };
    if (o.seed !== undefined) evalOptions.seed = o.seed;
    if (grammarState !== undefined) evalOptions.grammarEvaluationState = grammarState;
    // At temperature 0 the engine's probabilities are softmax(logits); with a grammar they are the
    // masked distribution it sampled from; otherwise they are tempered and get un-tempered.
    const untemper = temperature > 0 && grammarState === undefined ? temperature : 0;

    const meterBefore = sequence.tokenMeter.getState();
    const generated: Token[] = [];
    const logprobs: LlamaCppTokenLogprob[] = [];
    const stops = (o.stop ?? []).filter((s) => s !== '');
    let promptEvalNs = 0;
    let doneReason: 'stop' | 'length' = 'stop';
    let stopCut: number | undefined;
    const evalStart = performance.now();
    const it = sequence.evaluateWithMetadata(feed, { probabilities: wantProbs }, evalOptions);
    try {
      for await (const step of it) {
        if (generated.length === 0) promptEvalNs = (performance.now() - evalStart) * 1e6;
        if (req.signal?.aborted) throw req.signal.reason instanceof Error ? req.signal.reason : new DOMException('The operation was aborted', 'AbortError');
        generated.push(step.token);
        if (wantProbs && step.probabilities) {
          const d = distribution(step.probabilities, untemper);
          logprobs.push({
            token: model.detokenize([step.token], true),
            logprob: d.logprob(step.token),
            top: d.top.slice(0, topN).map(([t, p]) => ({ token: model.detokenize([t], true), logprob: Math.log(p) })),
            entropy: d.entropy,
          });
        }
        if (stops.length) {
          const text = model.detokenize(generated, false);
          const hits = stops.map((s) => text.indexOf(s)).filter((i) => i >= 0);
          if (hits.length) {
            stopCut = Math.min(...hits);
            break;
          }
        }
        if (generated.length >= o.numPredict) {
          doneReason = 'length';
          break;
        }
      }
    } finally {
      await it.return(undefined);
    }
    const end = performance.now();
    const meterAfter = sequence.tokenMeter.getState();
    const outputTokens = meterAfter.usedOutputTokens - meterBefore.usedOutputTokens;

    let text = model.detokenize(generated, false);
    if (stopCut !== undefined) text = text.slice(0, stopCut);
    const parsed = parseQwenOutput(text);
    const message: ChatMessage = { role: 'assistant', content: parsed.content };
    if (parsed.thinking) message.thinking = parsed.thinking;
    if (parsed.toolCalls.length) message.toolCalls = parsed.toolCalls;
    const response: LlamaCppChatResponse = {
      message,
      usage: { inputTokens: tokens.length, outputTokens: outputTokens > 0 ? outputTokens : generated.length },
      timings: {
        totalNs: (end - t0) * 1e6,
        loadNs,
        promptEvalNs,
        evalNs: Math.max(0, (end - evalStart) * 1e6 - promptEvalNs),
      },
      finishReason: { unified: unifiedFinish(doneReason, parsed.toolCalls.length > 0), raw: doneReason },
      truncated,
      promptTokens: tokens.length,
      wallMs: performance.now() - started,
      attempts: 1,
      simulated: false,
      modelPath: resolved.path,
      cachedPromptTokens: common,
    };
    if (toolCallCut(response.finishReason.unified, message)) response.toolCallCut = true;
    if (wantProbs) {
      response.logprobs = logprobs;
      response.entropies = logprobs.map((l) => l.entropy);
    }
    return response;
  }

  const client: LlamaCppClient = {
    provider: 'llamacpp',
    endpoint: 'in-process (llama.cpp)',

    resolve: resolveRef,

    async chat(req: ChatRequest): Promise<LlamaCppChatResponse> {
      const started = performance.now();
      const resolved = resolveRef(req.model);
      return serialised(() => generate(req, resolved, started));
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
