// A fake single-GPU engine (a ModelClient) that holds at most `slots` models in memory, charges
// `loadMs` whenever a call needs a model it does not hold (evicting the least recently used model that
// is not serving a call; when every held model is busy, the call waits; loads run one at a time, as
// Ollama's scheduler does), and serves each call in `callMs(request)`. At most `parallel` calls
// are served at once across the card (OLLAMA_NUM_PARALLEL; the GPU's throughput is finite), the rest
// queue. It measures what the swap-aware schedule is judged on: engine
// busy time (the union of loading and serving), swap time (the union of loading), and loads.
import type { ChatRequest, ChatResponse, ModelClient, ModelInfo } from '../../src/models/types.ts';

export class SingleGpuEngine implements ModelClient {
  readonly provider = 'fake-gpu';
  readonly endpoint = 'in-process';
  private readonly held = new Map<string, { busy: number; lastUsed: number; ready: Promise<void> }>();
  private readonly waiters: (() => void)[] = [];
  private active = 0;
  private activeSince = 0;
  private loadChain: Promise<void> = Promise.resolve();
  busyMs = 0;
  loadMs = 0;
  loads = 0;

  private serving = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly o: { slots: number; loadMs: number; callMs: (req: ChatRequest) => number; parallel?: number }) {}

  private enter(): void {
    if (this.active++ === 0) this.activeSince = performance.now();
  }
  private leave(): void {
    if (--this.active === 0) this.busyMs += performance.now() - this.activeSince;
  }

  private async hold(model: string): Promise<{ busy: number; lastUsed: number; ready: Promise<void> }> {
    for (;;) {
      const h = this.held.get(model);
      if (h) return h;
      if (this.held.size >= this.o.slots) {
        const free = [...this.held.entries()].filter(([, v]) => v.busy === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
        if (!free) {
          await new Promise<void>((r) => this.waiters.push(r));
          continue;
        }
        this.held.delete(free[0]);
      }
      const t0 = performance.now();
      // One load at a time: a load starts when the previous one has finished.
      const ready = this.loadChain.then(
        () =>
          new Promise<void>((r) => {
            const start = performance.now();
            this.enter();
            setTimeout(() => {
              this.loadMs += performance.now() - start;
              this.leave();
              r();
            }, this.o.loadMs);
          }),
      );
      this.loadChain = ready;
      const entry = { busy: 0, lastUsed: t0, ready };
      this.held.set(model, entry);
      this.loads++;
      return entry;
    }
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const h = await this.hold(req.model);
    h.busy++;
    try {
      await h.ready;
      while (this.serving >= (this.o.parallel ?? Infinity)) await new Promise<void>((r) => this.queue.push(r));
      this.serving++;
      this.enter();
      await new Promise((r) => setTimeout(r, this.o.callMs(req)));
      this.leave();
      this.serving--;
      this.queue.shift()?.();
    } finally {
      h.busy--;
      h.lastUsed = performance.now();
      this.waiters.splice(0).forEach((w) => w());
    }
    return {
      message: { role: 'assistant', content: `${req.model} ok` },
      usage: { inputTokens: 10, outputTokens: 5 },
      timings: { totalNs: 0, loadNs: 0, promptEvalNs: 0, evalNs: 0 },
      finishReason: { unified: 'stop', raw: 'stop' },
      truncated: false,
      wallMs: 0,
      attempts: 1,
      simulated: true,
    };
  }

  async describe(model: string): Promise<ModelInfo> {
    return { model, present: true };
  }

  async ping(): Promise<{ version: string }> {
    return { version: 'fake' };
  }
}

/**
 * A SALE-shaped workload: per task, 4 bids (one per model) at once, then 16 jury calls (4 per judge
 * model) at once, then the winner's execution of `turns` sequential calls; `concurrency` tasks in flight.
 * With `window` > 1, as SALE's batching does (src/sale/batch.ts): tasks are taken a window at a time, the
 * window's bids issued model by model, then its jury calls judge by judge, then its executions
 * (`concurrency / window` windows in flight). The result per task (which model "won") depends only on
 * the task, so any schedule gives the same.
 */
export async function auctionWorkload(client: ModelClient, o: { tasks: number; concurrency: number; models: string[]; turns: number; window?: number }): Promise<string[]> {
  const call = (model: string, taskId: string, callType: 'bid' | 'judge' | 'execute', turn: number) =>
    client.chat({ model, messages: [{ role: 'user', content: taskId }], options: { temperature: 0, numCtx: 4096, numPredict: 64, think: false }, meta: { taskId, agent: model, callType, turn, seed: 0 } });
  const winners: string[] = new Array<string>(o.tasks);
  const execute = async (t: number) => {
    const winner = o.models[(t * 7) % o.models.length]!;
    for (let k = 0; k < o.turns; k++) await call(winner, `t${t}`, 'execute', 2 + k);
    winners[t] = winner;
  };
  const window = Math.max(1, o.window ?? 1);
  let next = 0;
  if (window === 1) {
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (next < o.tasks) {
          const t = next++;
          const id = `t${t}`;
          await Promise.all(o.models.map((m) => call(m, id, 'bid', 0)));
          await Promise.all(o.models.flatMap((judge) => o.models.map(() => call(judge, id, 'judge', 1))));
          await execute(t);
        }
      }),
    );
    return winners;
  }
  await Promise.all(
    Array.from({ length: Math.max(1, Math.floor(o.concurrency / window)) }, async () => {
      while (next < o.tasks) {
        const ts = Array.from({ length: Math.min(window, o.tasks - next) }, () => next++);
        await Promise.all(o.models.flatMap((m) => ts.map((t) => call(m, `t${t}`, 'bid', 0))));
        // Judges in the reverse order (as batch.ts): the models the bids left loaded judge first.
        await Promise.all([...o.models].reverse().flatMap((judge) => ts.flatMap((t) => o.models.map(() => call(judge, `t${t}`, 'judge', 1)))));
        await Promise.all(ts.map(execute));
      }
    }),
  );
  return winners;
}
