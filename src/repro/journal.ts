// The call journal of `sale repro paper`: every model call the protocol makes, answered once.
//
// Wraps the run's model client. A call is keyed by everything the engine sees (model, messages, tools,
// options) and who asks (task, agent, call type, turn, seed); its response goes to an append-only JSONL
// file before it is handed on. A rerun — after a kill at any point, mid-stage included — answers every
// call already in the journal from it: no answered call is ever made twice (calls that were in flight
// when the process died had no answer and are made again). Greedy decoding with a fixed seed makes an
// identical call give the identical reply, which is also why SALE shares identical calls within a run
// (configs/sale.yaml reuse_identical_calls); the journal extends that across processes.
//
// It also keeps the books: tokens, $ at the protocol's prices, GPU-seconds and wall time per stage and
// call type (the pilot's estimate reads them), and stops the run when a budget would be exceeded.
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { decodeResponse as decode, encodeResponse as encode } from '../records/compact-response.ts';
import { canonicalJson, sha256 } from '../records/fingerprint.ts';
import type { CallType, ChatRequest, ChatResponse, ModelClient } from '../models/types.ts';

export const JOURNAL = 'calls.jsonl';

/** What one answered call cost: the journal's books (the response is kept beside it). */
export interface CallCost {
  stage: string;
  task: string;
  agent: string;
  type: CallType;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  gpuSeconds: number;
  wallMs: number;
}

/** One line of the journal: the books in the clear, the response JSON deflated (log-probabilities are most of it). */
interface Line extends CallCost {
  k: string;
  z: string;
}


export interface Budget {
  usd?: number;
  gpuHours?: number;
}

/** Thrown (a plain Error: the run stops at once, records kept) when the next call would pass the budget. */
export class BudgetReached extends Error {
  constructor(readonly spent: { usd: number; gpuHours: number }, readonly budget: Budget) {
    super(`budget reached: $${spent.usd.toFixed(4)} and ${spent.gpuHours.toFixed(4)} GPU-hours spent (budget: ${budget.usd !== undefined ? `$${budget.usd}` : ''}${budget.usd !== undefined && budget.gpuHours !== undefined ? ', ' : ''}${budget.gpuHours !== undefined ? `${budget.gpuHours} GPU-hours` : ''})`);
    this.name = 'BudgetReached';
  }
}

const keyOf = (req: ChatRequest) => {
  const { signal: _signal, ...seen } = req;
  return sha256(canonicalJson(seen));
};

export class CallJournal {
  /** Where each answered call's line is in the file (responses are read back only when asked again). */
  private readonly answered = new Map<string, { offset: number; bytes: number }>();
  private size = 0;
  private readonly pending = new Map<string, Promise<ChatResponse>>();
  /** Every call answered by an engine, this process and earlier ones. */
  readonly costs: CallCost[] = [];
  /** Model calls made by this process (engine calls); calls answered from the journal are apart. */
  modelCalls = 0;
  replayedCalls = 0;
  stage = 'none';
  /** Set once a call was refused for the budget (SALE turns the refusal into an infrastructure error: look here). */
  budgetHit: BudgetReached | undefined;
  /** $ and GPU-hours spent before this journal (the pilot's), counted against the budget. */
  offset = { usd: 0, gpuHours: 0 };

  constructor(
    readonly file: string,
    private readonly prices: ReadonlyMap<string, number>,
    private readonly budget: Budget = {},
  ) {
    if (!existsSync(file)) return;
    const data = readFileSync(file);
    let at = 0;
    while (at < data.length) {
      let end = data.indexOf(10, at);
      if (end < 0) end = data.length;
      const bytes = end - at;
      try {
        const line = JSON.parse(data.toString('utf8', at, end)) as Line;
        if (!this.answered.has(line.k)) {
          this.answered.set(line.k, { offset: at, bytes });
          const { k: _k, z: _z, ...cost } = line;
          this.costs.push(cost);
        }
      } catch {
        // a line torn by a kill (or an empty one): that call is made again
      }
      at = end + 1;
    }
    // A torn last line is left where it is; new lines start on a fresh one.
    this.size = data.length;
    if (data.length && data[data.length - 1] !== 10) this.append('');
  }

  private append(text: string): number {
    const offset = this.size;
    const line = `${text}\n`;
    appendFileSync(this.file, line);
    this.size += Buffer.byteLength(line);
    return offset;
  }

  private read(at: { offset: number; bytes: number }): ChatResponse {
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(at.bytes);
      readSync(fd, buf, 0, at.bytes, at.offset);
      return decode((JSON.parse(buf.toString('utf8')) as Line).z);
    } finally {
      closeSync(fd);
    }
  }

  spent(): { usd: number; gpuHours: number } {
    return { usd: this.costs.reduce((s, c) => s + c.usd, 0), gpuHours: this.costs.reduce((s, c) => s + c.gpuSeconds, 0) / 3600 };
  }

  private checkBudget(): void {
    const own = this.spent();
    const s = { usd: own.usd + this.offset.usd, gpuHours: own.gpuHours + this.offset.gpuHours };
    if ((this.budget.usd !== undefined && s.usd >= this.budget.usd) || (this.budget.gpuHours !== undefined && s.gpuHours >= this.budget.gpuHours)) {
      this.budgetHit ??= new BudgetReached(s, this.budget);
      throw new BudgetReached(s, this.budget);
    }
  }

  /**
   * The client every stage uses: the journal in front of the engine's client. Everything else the
   * client offers passes through (describe, ping, a provider's own capabilities such as the sim's
   * `withAuction` or an embedder); a method that returns another client returns it journaled too.
   */
  wrap(inner: ModelClient): ModelClient {
    const isClient = (v: unknown): v is ModelClient => typeof v === 'object' && v !== null && typeof (v as ModelClient).chat === 'function' && typeof (v as ModelClient).provider === 'string';
    return new Proxy(inner, {
      get: (target, prop) => {
        if (prop === 'chat') return (req: ChatRequest) => this.chat(target, req);
        const v: unknown = Reflect.get(target, prop, target);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const r: unknown = (v as (...a: unknown[]) => unknown).apply(target, args);
          return isClient(r) && r !== target ? this.wrap(r) : r;
        };
      },
    });
  }

  private async chat(inner: ModelClient, req: ChatRequest): Promise<ChatResponse> {
    const k = keyOf(req);
    const known = this.answered.get(k);
    if (known) {
      this.replayedCalls++;
      return this.read(known);
    }
    const inFlight = this.pending.get(k);
    if (inFlight) {
      this.replayedCalls++;
      return inFlight;
    }
    this.checkBudget();
    const call = (async () => {
      this.modelCalls++;
      const r = await inner.chat(req);
      const price = this.prices.get(req.meta.agent) ?? 0;
      const cost: CallCost = {
        stage: this.stage,
        task: req.meta.taskId,
        agent: req.meta.agent,
        type: req.meta.callType,
        inputTokens: r.usage.inputTokens,
        outputTokens: r.usage.outputTokens,
        usd: ((r.promptTokens ?? r.usage.inputTokens) + r.usage.outputTokens) * price / 1e6,
        gpuSeconds: (r.timings.promptEvalNs + r.timings.evalNs + r.timings.loadNs) / 1e9,
        wallMs: r.wallMs,
      };
      const text = JSON.stringify({ k, ...cost, z: encode(r) });
      this.answered.set(k, { offset: this.append(text), bytes: Buffer.byteLength(text) });
      this.costs.push(cost);
      return r;
    })();
    this.pending.set(k, call);
    try {
      return await call;
    } finally {
      this.pending.delete(k);
    }
  }
}
