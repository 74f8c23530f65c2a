// One stream: one SALE variant over one task order. Auctions run strictly in stream order, one after
// another, because each may learn from the memory of the auctions before it; executions run in
// parallel in the runner (only the winner executes, with its plan).
//
// Scheduling: the runner asks for tasks in its own order, holding a slot while it waits. The stream
// computes auctions on its own (model calls through the auction's limiter, not the runner's slots), up
// to the furthest position anyone has asked for — so waiting items never block the auctions they wait
// for, and nothing is computed that no item needs.
//
// Decision: the memory entry of an auction is appended as soon as the auction is decided, before its
// execution finishes; the execution outcome is added when known. Refinement reads only plans and
// winner/loser labels (the paper's memory), never outcomes, so what a later auction sees does not
// depend on how fast executions finish: streams are deterministic under any concurrency.
import type { Embedder, Embedding } from '../models/embeddings.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import { runAuction, type AuctionResult, type ScoredPlan, type VariantModel } from './auction.ts';
import { prefetchWindow } from './batch.ts';
import type { AuctionCaller } from './calls.ts';
import { memoryLine, type AuctionLine, type LoggedPlan, type SaleLog } from './log.ts';
import { AuctionMemory, type MemoryEntry } from './memory.ts';
import { taskView, type TaskView } from './prompts.ts';
import type { AuctionAgent, OverheadCall } from './types.ts';

export type Decision = { ok: true; line: AuctionLine; winnerPlan: { agent: string; text: string; sha: string } } | { ok: false; error: { kind: string; message: string } };

/** Shared by every stream of a run: task lookup, prompts' task views and embeddings are computed once. */
export class StreamShared {
  private readonly views = new Map<string, TaskView>();
  private readonly embeddings = new Map<string, Promise<Embedding>>();
  constructor(
    readonly tasks: Map<string, { task: Task; suite: Suite }>,
    readonly embedder: Embedder,
  ) {}

  view(taskId: string): TaskView {
    let v = this.views.get(taskId);
    if (!v) {
      const t = this.tasks.get(taskId)!;
      v = taskView(t.suite, t.task);
      this.views.set(taskId, v);
    }
    return v;
  }

  embedding(taskId: string): Promise<Embedding> {
    let e = this.embeddings.get(taskId);
    if (!e) {
      e = this.embedder.embed([this.tasks.get(taskId)!.task.prompt]).then((r) => r[0]!);
      this.embeddings.set(taskId, e);
    }
    return e;
  }
}

export interface StreamOptions {
  system: string;
  order: number;
  model: VariantModel;
  /** Test task ids in this order. */
  stream: string[];
  shared: StreamShared;
  caller: AuctionCaller;
  agents: AuctionAgent[];
  k: number;
  runId: string;
  log: SaleLog;
  /** Auctions logged by an earlier (interrupted) run of this directory, by task id. */
  restored: Map<string, AuctionLine>;
  /** Memory entries already in memory.jsonl (not written again on resume). */
  written: Set<string>;
  /** Entries from earlier runs (the shared memory file), visible to every auction. */
  prior: MemoryEntry[];
  /** Auctions whose bids and bid-jury calls are made together, model by model (batch.ts); 1 = none. */
  window?: number;
}

interface Deferred {
  promise: Promise<Decision>;
  resolve(d: Decision): void;
}

const deferred = (): Deferred => {
  let resolve!: (d: Decision) => void;
  const promise = new Promise<Decision>((r) => (resolve = r));
  return { promise, resolve };
};

function loggedPlan(s: ScoredPlan): LoggedPlan {
  const p = s.plan;
  return {
    agent: s.agent,
    refined: s.refined,
    text: p.text,
    sha: p.sha,
    lengthTokens: p.lengthTokens,
    entropy: p.entropy,
    entropyKind: p.entropyKind,
    topK: p.topK,
    cut: p.cut,
    jury: s.jury,
    juryReplies: s.juryReplies,
    normal: s.normal,
    C: s.C,
    V: s.V,
    z: s.z,
    ...(s.pairs ? { pairs: s.pairs } : {}),
  };
}

export function overheadSummary(calls: OverheadCall[]): Omit<AuctionLine['overhead'], 'wallMs'> {
  const tokens = { bid: 0, judge: 0, refine: 0 };
  for (const c of calls) tokens[c.callType] += c.call.inputTokens + c.call.outputTokens;
  return { calls, tokens, costUsd: calls.reduce((s, c) => s + c.costUsd, 0), reused: calls.filter((c) => c.reused).length };
}

export class Stream {
  readonly memory = new AuctionMemory();
  private readonly position = new Map<string, number>();
  private readonly decisions: Deferred[];
  private target = -1;
  private next = 0;
  private batchedTo = 0;
  private driving = false;

  constructor(private readonly o: StreamOptions) {
    o.stream.forEach((id, i) => this.position.set(id, i));
    this.decisions = o.stream.map(() => deferred());
    for (const e of o.prior) this.memory.add(e);
  }

  get system(): string {
    return this.o.system;
  }

  /** A task of the run (and its suite), by id. */
  task(taskId: string): { task: Task; suite: Suite } {
    const t = this.o.shared.tasks.get(taskId);
    if (!t) throw new Error(`${this.o.system}: unknown task ${taskId}`);
    return t;
  }

  memoryId(position: number): string {
    return `${this.o.system}#${position}`;
  }

  /** The auction of a task (computing every earlier auction of the stream first). */
  decision(taskId: string): Promise<Decision> {
    const pos = this.position.get(taskId);
    if (pos === undefined) throw new Error(`${this.o.system}: task ${taskId} is not in the stream`);
    this.target = Math.max(this.target, pos);
    this.kick();
    return this.decisions[pos]!.promise;
  }

  /** The winner's execution outcome, once known. */
  recordOutcome(taskId: string, passed: boolean): void {
    const pos = this.position.get(taskId);
    if (pos === undefined) return;
    const id = this.memoryId(pos);
    if (!this.memory.get(id)) return;
    this.memory.setOutcome(id, passed);
    this.o.log.appendMemory({ type: 'outcome', id, passed });
  }

  /** Start the driver when there is work and none is running (it re-checks when it ends). */
  private kick(): void {
    if (this.driving || this.next > this.target) return;
    this.driving = true;
    void this.drive().finally(() => {
      this.driving = false;
      this.kick();
    });
  }

  private async drive(): Promise<void> {
    try {
      while (this.next <= this.target) {
        const pos = this.next++;
        if (pos >= this.batchedTo) await this.batch(pos);
        this.decisions[pos]!.resolve(await this.auction(pos));
      }
    } catch (e) {
      // A bug, not a model failure: fail every item of the stream from here on, loudly.
      const message = `SALE stream ${this.o.system} failed: ${(e as Error).stack ?? (e as Error).message}`;
      process.stderr.write(`${message}\n`);
      for (let p = Math.max(0, this.next - 1); p < this.decisions.length; p++) this.decisions[p]!.resolve({ ok: false, error: { kind: 'unknown', message } });
      this.next = this.decisions.length;
    }
  }

  /** Make the memory-free calls of the auctions from `pos` on, a window at a time, grouped by model. */
  private async batch(pos: number): Promise<void> {
    const o = this.o;
    const end = Math.min(o.stream.length, pos + Math.max(1, o.window ?? 1));
    this.batchedTo = end;
    if (end - pos < 2) return;
    const items = o.stream.slice(pos, end).filter((id) => !o.restored.has(id)).map((id) => ({ task: o.shared.tasks.get(id)!.task, view: o.shared.view(id) }));
    await prefetchWindow(o.caller, items, o.agents, o.model.variant.jury);
  }

  private async auction(pos: number): Promise<Decision> {
    const o = this.o;
    const taskId = o.stream[pos]!;
    const { task } = o.shared.tasks.get(taskId)!;
    const embedding = await o.shared.embedding(taskId);
    let line = o.restored.get(taskId);
    if (!line) {
      let result: AuctionResult;
      const started = performance.now();
      try {
        result = await runAuction({
          caller: o.caller,
          agents: o.agents,
          task,
          view: o.shared.view(taskId),
          model: o.model,
          k: o.k,
          memory: { store: this.memory, seq: pos, embedding },
        });
      } catch (e) {
        // An engine failure (after retries): an infrastructure error for this task, counted apart;
        // the auction is not logged and its task stays out of memory; a resume runs it again.
        const err = e as Error & { kind?: string };
        return { ok: false, error: { kind: err.kind ?? 'unknown', message: err.message } };
      }
      line = this.toLine(pos, task, result, performance.now() - started);
      o.log.appendAuction(line);
    }
    const entry = this.toEntry(line, task, embedding);
    this.memory.add(entry);
    if (!o.written.has(entry.id)) o.log.appendMemory(memoryLine(entry));
    const all = [...line.bids, ...line.refinements];
    const win = all.find((p) => p.agent === line.winner.agent && p.refined === line.winner.refined)!;
    return { ok: true, line, winnerPlan: { agent: win.agent, text: win.text, sha: win.sha } };
  }

  private toLine(pos: number, task: Task, r: AuctionResult, wallMs: number): AuctionLine {
    const gamma: AuctionLine['gamma'] = {};
    for (const b of r.bids) gamma[b.agent] = b.jury;
    return {
      v: 1,
      type: 'auction',
      system: this.o.system,
      variant: this.o.model.variant.name,
      order: this.o.order,
      position: pos,
      taskId: task.id,
      domain: task.domain,
      bin: task.bin,
      tau: task.tau,
      memoryId: this.memoryId(pos),
      bids: r.bids.map(loggedPlan),
      gamma,
      provisional: r.provisional,
      retrieved: r.retrieved,
      refinements: r.refinements.map(loggedPlan),
      winner: { agent: r.winner.agent, refined: r.winner.refined },
      replaced: r.replaced,
      weights: this.o.model.weights,
      overhead: { ...overheadSummary(r.overhead), wallMs: Math.round(wallMs) },
      at: new Date().toISOString(),
    };
  }

  private toEntry(line: AuctionLine, task: Task, embedding: Embedding): MemoryEntry {
    const label = (p: LoggedPlan): 'winner' | 'loser' => (p.agent === line.winner.agent && p.refined === line.winner.refined ? 'winner' : 'loser');
    return {
      id: line.memoryId,
      seq: line.position,
      taskId: task.id,
      domain: task.domain,
      text: task.prompt,
      embedding,
      plans: [...line.bids, ...line.refinements].map((p) => ({ agent: p.agent, text: p.text, C: p.C, V: p.V, z: p.z, refined: p.refined, label: label(p) })),
      winner: line.winner.agent,
      outcome: null,
      provenance: { runId: this.o.runId, system: this.o.system, order: this.o.order, position: line.position, embedder: this.o.shared.embedder.id },
    };
  }
}
