// Swap-aware scheduling for one GPU box that cannot hold every model at once (four Qwen3 sizes on one
// 24 GB card): a client wrapper that orders the calls in flight so each model is loaded as few times as
// possible. Ollama charges a load of seconds to tens of seconds on every swap; a schedule that follows
// the task order (an auction calls all four models per task) swaps constantly.
//
// How: calls queue per model. A model the engine holds ("resident", at most `slots` of them, from the
// memory budget) serves its queue at once; a call for another model waits until a resident model is
// idle (nothing queued or in flight), which is then swapped out for the waiting model with the most
// calls queued (ties: the longest-waiting). A model counts as idle only `graceMs` after its last call,
// so an agent's next turn (which follows its tool call within moments) finds it still there. So the engine works through one model's backlog before it
// loads the next, while the run keeps enough work in flight (its --concurrency) to fill the backlogs.
// Fairness: once a call has waited `fairnessMs`, the least recently used resident model takes no new
// calls, drains, and is swapped out, so no model starves.
//
// Results do not change: only the order of calls that are independent given their inputs changes
// (within an attempt, turns still run one after another; SALE's memory-dependent steps keep their
// order because the caller awaits them in order).
import type { ChatRequest, ChatResponse, ModelClient, ModelInfo } from './types.ts';

export interface SwapGateOptions {
  /** How many models fit in memory at once (from the GPU budget and the models' resident sizes). */
  slots: number;
  /** A call waiting longer than this forces a swap (default 10 min: long beside one model's backlog). */
  fairnessMs?: number;
  /**
   * A resident model counts as idle only this long after its last call ended (default 5 s): an agent's
   * next turn follows its tool call within moments, and swapping its model out in between would thrash.
   */
  graceMs?: number;
}

interface Waiting {
  model: string;
  since: number;
  go: () => void;
}

interface Resident {
  model: string;
  inFlight: number;
  lastUsed: number;
  draining: boolean;
}

/** How many models of the given resident sizes (GB) fit in a GPU budget at once (at least 1). */
export function residentSlots(budgetGb: number, sizesGb: readonly number[]): number {
  const sorted = [...sizesGb].sort((a, b) => b - a);
  // Conservative: the largest models must fit together.
  let used = 0;
  let n = 0;
  for (const s of sorted) {
    if (used + s > budgetGb) break;
    used += s;
    n++;
  }
  return Math.max(1, n);
}

export class SwapGate implements ModelClient {
  readonly provider: string;
  readonly endpoint: string;
  private readonly resident: Resident[] = [];
  private readonly waiting: Waiting[] = [];
  private readonly fairnessMs: number;
  private readonly graceMs: number;
  /** Model loads this gate caused (a load = a model made resident). */
  loads = 0;
  /** The base client's embeddings, passed through (embedding calls are not ordered). */
  readonly embed?: (model: string, texts: string[]) => Promise<number[][]>;

  constructor(
    private readonly base: ModelClient,
    private readonly options: SwapGateOptions,
  ) {
    this.provider = base.provider;
    this.endpoint = base.endpoint;
    this.fairnessMs = options.fairnessMs ?? 600_000;
    const withEmbed = base as ModelClient & { embed?: (model: string, texts: string[]) => Promise<number[][]> };
    if (typeof withEmbed.embed === 'function') this.embed = (model, texts) => withEmbed.embed!(model, texts);
    this.graceMs = options.graceMs ?? 5_000;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const r = await this.admit(req.model);
    try {
      return await this.base.chat(req);
    } finally {
      r.inFlight--;
      r.lastUsed = performance.now();
      this.pump();
    }
  }

  describe(model: string): Promise<ModelInfo> {
    return this.base.describe(model);
  }

  ping(): Promise<{ version: string }> {
    return this.base.ping();
  }

  private admit(model: string): Promise<Resident> {
    return new Promise((resolve) => {
      this.waiting.push({
        model,
        since: performance.now(),
        go: () => {
          const r = this.resident.find((x) => x.model === model)!;
          r.inFlight++;
          resolve(r);
        },
      });
      this.pump();
    });
  }

  /** Start every waiting call that can run now; swap a model in when one can be. */
  private pump(): void {
    for (;;) {
      // Calls for resident models that take calls: start them all.
      for (let i = 0; i < this.waiting.length; ) {
        const w = this.waiting[i]!;
        const r = this.resident.find((x) => x.model === w.model && !x.draining);
        if (r) {
          this.waiting.splice(i, 1);
          w.go();
        } else i++;
      }
      if (this.waiting.length === 0) return;
      const now = performance.now();
      // Drained models leave; a model nothing waits for and nothing runs on is idle.
      for (let i = this.resident.length - 1; i >= 0; i--) if (this.resident[i]!.draining && this.resident[i]!.inFlight === 0) this.resident.splice(i, 1);
      const unused = this.resident.filter((r) => r.inFlight === 0 && !this.waiting.some((w) => w.model === r.model));
      const idle = unused.filter((r) => now - r.lastUsed >= this.graceMs);
      if (this.resident.length >= this.options.slots && idle.length === 0) {
        // A model that will be idle once its grace has passed: look again then.
        if (unused.length) this.armTimer(Math.min(...unused.map((r) => r.lastUsed + this.graceMs)));
        const oldest = this.waiting.reduce((a, b) => (b.since < a.since ? b : a));
        if (now - oldest.since >= this.fairnessMs && !this.resident.some((r) => r.draining)) {
          const lru = this.resident.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
          lru.draining = true;
          continue;
        }
        this.armTimer(oldest.since + this.fairnessMs);
        return;
      }
      if (this.resident.length >= this.options.slots) {
        const victim = idle.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
        this.resident.splice(this.resident.indexOf(victim), 1);
      }
      // Bring in the model with the most calls waiting (ties: the longest-waiting call).
      const counts = new Map<string, { n: number; since: number }>();
      for (const w of this.waiting) {
        if (this.resident.some((r) => r.model === w.model)) continue;
        const c = counts.get(w.model) ?? { n: 0, since: w.since };
        c.n++;
        c.since = Math.min(c.since, w.since);
        counts.set(w.model, c);
      }
      const next = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].since - b[1].since)[0];
      if (!next) return;
      this.resident.push({ model: next[0], inFlight: 0, lastUsed: now, draining: false });
      this.loads++;
    }
  }

  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  /** Pump again at `at` (performance.now() time); keeps the earliest pending wake-up. */
  private armTimer(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(1, at - performance.now()),
    );
  }
}
