// The fake Ollama server of the `provider` section (tests/support/ollama-test-server.ts), in this thread
// or in a worker thread. The worker runs this module: see the bottom.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startOllamaTestServer, type ReplyScript, type WireChatRequest } from '../../tests/support/ollama-test-server.ts';

/** Small and fast: a short answer in a few chunks, no delays. */
export const BENCH_REPLY: ReplyScript = { content: 'def add(a, b):\n    return a + b\n', chunks: 4 };

export interface ServerHandle {
  url: string;
  where: 'thread' | 'inproc';
  /** The last /api/chat bodies the server received (newest last). */
  lastChats(n: number): Promise<WireChatRequest[]>;
  chatCount(): Promise<number>;
  close(): Promise<void>;
}

type WorkerRequest = { id: number; op: 'last'; n: number } | { id: number; op: 'count' } | { id: number; op: 'close' };
type WorkerReply = { id: number; value: unknown };
/** A request without its id (distributed over the union, which a plain Omit would collapse). */
type WorkerAsk = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export async function startServer(where: 'thread' | 'inproc'): Promise<ServerHandle> {
  if (where === 'inproc') {
    const server = await startOllamaTestServer({ defaultReply: BENCH_REPLY });
    return {
      url: server.url,
      where,
      lastChats: async (n) => server.requests.chat.slice(-n),
      chatCount: async () => server.requests.chat.length,
      close: () => server.close(),
    };
  }
  // The worker runs this module (see the bottom). Node 20 does not apply the `--import tsx` hooks to
  // worker threads, so a small JavaScript stub loads the file through tsx's own API.
  const stub = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => api.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(stub, { eval: true, workerData: { role: 'fake-ollama' } });
  const url = await new Promise<string>((resolveUrl, reject) => {
    worker.once('message', (m: { url: string }) => resolveUrl(m.url));
    worker.once('error', reject);
  });
  let ids = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  worker.on('message', (m: WorkerReply) => {
    waiting.get(m.id)?.(m.value);
    waiting.delete(m.id);
  });
  const ask = <T>(req: WorkerAsk): Promise<T> =>
    new Promise((res) => {
      const id = ++ids;
      waiting.set(id, res as (v: unknown) => void);
      worker.postMessage({ ...req, id });
    });
  return {
    url,
    where,
    lastChats: (n) => ask<WireChatRequest[]>({ op: 'last', n }),
    chatCount: () => ask<number>({ op: 'count' }),
    close: async () => {
      await ask({ op: 'close' });
      await worker.terminate();
    },
  };
}

async function fakeOllamaWorker(): Promise<void> {
  const server = await startOllamaTestServer({ defaultReply: BENCH_REPLY });
  const port = parentPort!;
  port.on('message', async (m: WorkerRequest) => {
    if (m.op === 'last') port.postMessage({ id: m.id, value: server.requests.chat.slice(-m.n) } satisfies WorkerReply);
    else if (m.op === 'count') port.postMessage({ id: m.id, value: server.requests.chat.length } satisfies WorkerReply);
    else {
      await server.close();
      port.postMessage({ id: m.id, value: null } satisfies WorkerReply);
    }
  });
  port.postMessage({ url: server.url });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'fake-ollama') {
  await fakeOllamaWorker();
}
