// Helpers shared by the tests of the `ollama` provider (src/models/ollama/*.test.ts).
import { createServer } from 'node:net';
import type { ChatOptions, ChatRequest } from '../../src/models/types.ts';

/** A small chat request to qwen3:8b; `over` replaces fields, `over.options` single options. */
export function chatRequest(over: Omit<Partial<ChatRequest>, 'options'> & { options?: Partial<ChatOptions> } = {}): ChatRequest {
  const { options, ...rest } = over;
  return {
    model: 'qwen3:8b',
    messages: [
      { role: 'system', content: 'You are a careful coder.' },
      { role: 'user', content: 'Write a function that adds two numbers.' },
    ],
    meta: { taskId: 't1', agent: 'qwen3-8b', callType: 'execute', turn: 0, seed: 7 },
    ...rest,
    options: { temperature: 0.6, numCtx: 8192, numPredict: 1024, think: false, ...options },
  };
}

/** What `p` rejects with; throws when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
