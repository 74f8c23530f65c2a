// One chat call of the `llamacpp` provider (steps 1–4 in client.ts's header): render the template,
// reuse the KV cache for the shared prefix, sample with the engine's counters and probabilities, parse
// the Qwen3-style output. The client serialises calls and owns the loaded models (client.ts).
import { ApiCallError, SaleError } from '../../errors.ts';
import type { ChatMessage, ChatRequest } from '../types.ts';
import type { Engine, NlcEvaluateOptions, NlcGrammar, NlcLlama, Token } from './engine.ts';
import type { ResolvedModel } from './model-file.ts';
import { parseQwenOutput } from './parse-output.ts';
import { toolCallCut, unifiedFinish } from '../length-stop.ts';
import { distribution, templateMessages, templateTools, type Sampling } from './sampling.ts';
import type { LlamaCppChatResponse, LlamaCppTokenLogprob, LoadedModel } from './types.ts';

/** What a call needs from its client. */
export interface GenerateDeps {
  engine(): Promise<{ engine: Engine; llama: NlcLlama }>;
  acquire(path: string, numCtx: number): Promise<{ lm: LoadedModel; didLoad: boolean }>;
  grammarFor(llama: NlcLlama, format: 'json' | Record<string, unknown>): Promise<NlcGrammar>;
  sampling: Sampling;
}

export async function generate(deps: GenerateDeps, req: ChatRequest, resolved: ResolvedModel, started: number): Promise<LlamaCppChatResponse> {
  const { sampling } = deps;
  const o = req.options;
  const t0 = performance.now();
  const { engine: e, llama } = await deps.engine();
  const { lm, didLoad } = await deps.acquire(resolved.path, o.numCtx);
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
      grammar = await deps.grammarFor(llama, o.format);
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
