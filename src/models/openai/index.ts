export { createOpenAiClient, type OpenAiSettings } from './client.ts';
