// Types of the `llamacpp` provider (client.ts): its settings, and what its replies and model
// descriptions carry beyond the ModelClient seam.
import type { ChatRequest, ChatResponse, ModelClient, ModelInfo, TokenLogprob } from '../types.ts';
import type { JinjaTemplate, NlcContext, NlcModel, NlcSequence } from './engine.ts';
import type { GgufSummary, ResolvedModel } from './model-file.ts';

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

/** A model in memory, with its context once a call needed one. */
export interface LoadedModel {
  path: string;
  model: NlcModel;
  template: JinjaTemplate;
  summary: GgufSummary;
  context?: NlcContext;
  sequence?: NlcSequence;
}
