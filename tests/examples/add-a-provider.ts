import type { ChatRequest, ChatResponse, ModelClient } from '../../src/models/types.ts';

/** A provider that answers every call with the same text (engine counters included, as every provider must). */
export function createEchoClient(reply: string): ModelClient {
  return {
    provider: 'echo',
    endpoint: 'in-process',
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const inputTokens = request.messages.reduce((n, m) => n + m.content.length, 0);
      return {
        message: { role: 'assistant', content: reply },
        usage: { inputTokens, outputTokens: reply.length },
        timings: { totalNs: 0, loadNs: 0, promptEvalNs: 0, evalNs: 0 },
        finishReason: { unified: 'stop', raw: 'stop' },
        truncated: false,
        wallMs: 0,
        attempts: 1,
        simulated: true,
      };
    },
    async describe(model) {
      return { model, present: true, digest: 'echo' };
    },
    async ping() {
      return { version: 'echo 1' };
    },
  };
}
// Then a name in PROVIDERS and a factory in src/models/registry.ts:  echo: () => createEchoClient('B'),
