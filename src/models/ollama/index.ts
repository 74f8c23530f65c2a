// The `ollama` provider's public surface.
export { createOllamaClient } from './client.ts';
export type { EmbeddingClient, OllamaClient, OllamaSettings } from './types.ts';
export { normalizeHost, splitThinkTags, toWireChatRequest } from './wire.ts';
