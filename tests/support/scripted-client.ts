// A ModelClient that replays a script of replies: for agent-loop and runner tests without an engine.
import type { ChatMessage, ChatRequest, ChatResponse, ModelClient, ModelInfo } from '../../src/models/types.ts';

export type ScriptStep = Partial<ChatMessage> | ((req: ChatRequest) => Partial<ChatMessage>) | Error;

export function scriptedClient(steps: ScriptStep[], options: { outputTokens?: number; inputTokens?: number } = {}) {
  const requests: ChatRequest[] = [];
  let i = 0;
  const client: ModelClient & { requests: ChatRequest[] } = {
    provider: 'scripted',
    endpoint: 'in-process',
    requests,
    async ping() {
      return { version: 'scripted' };
    },
    async describe(model: string): Promise<ModelInfo> {
      return { model, present: true, digest: 'scripted-digest', capabilities: ['tools'] };
    },
    async chat(req: ChatRequest): Promise<ChatResponse> {
      requests.push(structuredClone({ ...req, signal: undefined }));
      const step = steps[Math.min(i++, steps.length - 1)]!;
      if (step instanceof Error) throw step;
      const partial = typeof step === 'function' ? step(req) : step;
      const message: ChatMessage = { role: 'assistant', content: '', ...partial };
      return {
        message,
        usage: { inputTokens: options.inputTokens ?? 100, outputTokens: options.outputTokens ?? 10 },
        timings: { totalNs: 3e9, loadNs: 1e9, promptEvalNs: 5e8, evalNs: 1.5e9 },
        finishReason: { unified: message.toolCalls?.length ? 'tool-calls' : 'stop', raw: 'stop' },
        truncated: false,
        wallMs: 1,
        attempts: 1,
        simulated: false,
      };
    },
  };
  return client;
}
