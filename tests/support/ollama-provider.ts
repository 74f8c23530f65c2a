// Helpers shared by the tests of the `ollama` provider (src/models/ollama/*.test.ts).
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createOllamaClient, type OllamaClient, type OllamaSettings } from '../../src/models/ollama/index.ts';
import type { ChatOptions, ChatRequest } from '../../src/models/types.ts';
import { startOllamaTestServer, type OllamaTestServer } from './ollama-test-server.ts';

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

/**
 * Start the fake Ollama server for a test file (closed after it) and check after each test that every
 * scripted reply was used, so one test cannot leak into the next. `client` makes a provider with small
 * timeouts and backoff, so failure paths stay fast.
 */
export function useFakeOllama(): { readonly server: OllamaTestServer; client(over?: Partial<OllamaSettings>): OllamaClient } {
  let server: OllamaTestServer | undefined;
  beforeAll(async () => {
    server = await startOllamaTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    const left = ['qwen3:4b', 'qwen3:8b', 'plain:1b'].map((m) => server!.pending(m));
    server!.clearQueues();
    expect(left, 'unused scripted replies').toEqual([0, 0, 0]);
  });
  return {
    get server() {
      if (!server) throw new Error('the fake Ollama server starts in beforeAll');
      return server;
    },
    client: (over = {}) => createOllamaClient({ host: server!.url, stallTimeoutMs: 150, requestTimeoutMs: 5_000, retries: 3, backoffMs: 5, ...over }),
  };
}
