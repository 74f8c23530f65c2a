// Model providers behind the ModelClient seam.
export type * from './types.ts';
export { createOllamaClient, normalizeHost } from './ollama/index.ts';
export type { EmbeddingClient, OllamaClient, OllamaSettings } from './ollama/index.ts';
export { createLlamaCppClient } from './llamacpp/client.ts';
export type { LlamaCppChatResponse, LlamaCppClient, LlamaCppModelInfo, LlamaCppSettings, LlamaCppTokenLogprob } from './llamacpp/client.ts';
