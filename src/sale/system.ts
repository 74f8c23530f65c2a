// SALE as systems of a run: one System per (variant, order), named `${variant}@o${order}`, each
// running on the test split of the shared train/test split (src/routers/split.ts) so SALE rows sit
// beside the routers' and single agents'. The runner calls `run(task)`; the stream supplies the
// auction's decision; only the winner executes, with its plan in the prompt.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import type { Embedder } from '../models/embeddings.ts';
import type { OutcomeMatrix } from '../routers/matrix.ts';
import { splitTasks, type Split } from '../routers/split.ts';
import type { AttemptRecord } from '../records/records.ts';
import type { AuxCall, System } from '../routers/types.ts';
import { selectTasks } from '../tasks/select.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import { AuctionCaller } from './calls.ts';
import { SaleLog, WEIGHTS } from './log.ts';
import { streamSystem, taskOrder } from './orders.ts';
import { loadSalePrompts, promptHashes } from './prompts.ts';
import { auctionErrorRecord, saleRecord } from './record.ts';
import { Stream, StreamShared } from './stream.ts';
import type { AuctionAgent, Variant } from './types.ts';
import { fitKey } from './variants.ts';
import { priorMemory, sharedMemoryFile } from './shared-memory.ts';
import { saleWeights, type WeightsFile } from './weights-file.ts';

/**
 * What SALE's systems are built from: the run's selection, the runner's auxiliary calls (for the weight
 * fit before the run; during the run each system uses its context's), the memory's embedder, and where
 * its files go. No model client: the runner wraps it (src/runner/sale-context.ts).
 */
export interface SaleRunContext {
  config: Config;
  suites: Suite[];
  bins: number[] | undefined;
  limit: number | null;
  call: AuxCall;
  /** Builds the memory's embedder from the training tasks' texts. */
  embedder: (trainingTexts: string[]) => Promise<Embedder>;
  /** The model calls are simulated (every record and table then says SIMULATED). */
  simulated: boolean;
  dir: string;
  resume: boolean;
  seed: number;
  concurrency: number;
}

export interface SaleRunOptions {
  variants: Variant[];
  orders: number;
  trainFrac: number;
  splitSeed: number;
  /** Outcome matrix whose training-split outcomes fit the weights (not needed with fixed weights). */
  trainFrom?: string;
  /** Pre-fitted weights (a weights.json of `sale auction fit` or of another run over the same tasks). */
  weightsFile?: string;
  /** Executions come from this outcome matrix instead of running the winner (the plan cannot change them). */
  replayFrom?: OutcomeMatrix;
}

export interface SaleSetup {
  systems: System[];
  fingerprintExtra: Record<string, unknown>;
  split: Split;
  weights: WeightsFile;
  streams: Map<string, Stream>;
  caller: AuctionCaller;
}

/** Agents as the auction sees them, cheapest first. */
export const auctionAgents = (config: Config): AuctionAgent[] =>
  [...config.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok || (a.name < b.name ? -1 : 1)).map((a) => ({ name: a.name, pricePerMTok: a.pricePerMTok }));

export function selectedTasks(suites: Suite[], bins: number[] | undefined, limit: number | null): Map<string, { task: Task; suite: Suite }> {
  const out = new Map<string, { task: Task; suite: Suite }>();
  for (const suite of suites) for (const task of selectTasks(suite.tasks, { bins, limit })) out.set(task.id, { task, suite });
  return out;
}

export function saleSplit(tasks: Map<string, { task: Task }>, trainFrac: number, splitSeed: number): Split {
  const split = splitTasks([...tasks.values()].map((t) => t.task), { seed: splitSeed, trainFrac });
  if (!split.train.length) throw new ConfigError(['SALE needs training tasks: the training split is empty'], { fix: 'raise --train-frac (or --limit)' });
  if (!split.test.length) throw new ConfigError(['the test split is empty'], { fix: 'lower --train-frac' });
  return split;
}

/** The auction's caller over the context's auxiliary calls (settings from sale.yaml and agents.yaml). */
export function auctionCaller(config: Config, call: AuxCall, simulated: boolean, seed: number, concurrency: number): AuctionCaller {
  const s = config.sale;
  return new AuctionCaller({
    call,
    simulated,
    agents: config.agents,
    prompts: loadSalePrompts(),
    seed,
    maxWords: s.plan.max_words,
    maxChars: s.plan.max_chars,
    topLogprobs: s.plan.top_logprobs,
    concurrency,
    reuse: s.reuse_identical_calls,
  });
}

/** Executions shared by the streams of a run: (agent, task, plan) → the first stream's attempt. */
export type Executions = Map<string, { p: Promise<AttemptRecord>; system: string }>;

/** A stream as a System: the auction decides, the winner executes with its plan. */
export function streamSpec(o: { stream: Stream; caller: AuctionCaller; test: Set<string>; executions: Executions; reuse: boolean; simulated: boolean }): System {
  const { stream } = o;
  const system = stream.system;
  return {
    name: system,
    accepts: (id) => o.test.has(id),
    async run(view, ctx) {
      const { task, suite } = stream.task(view.id);
      // The auction's calls go through this context's auxiliary calls (metered, logged, replayable).
      o.caller.use(ctx.call);
      const d = await stream.decision(task.id);
      if (!d.ok) return auctionErrorRecord(system, task, suite.name, d.error, o.simulated);
      const { agent, text, sha } = d.winnerPlan;
      let exec: AttemptRecord;
      let origin = system;
      if (ctx.replayed) {
        // Replay: the recorded execution (the plan cannot change it).
        exec = (await ctx.execute(agent, { plan: text })).record;
      } else {
        const key = `${agent}|${task.id}|${sha}`;
        let entry = o.reuse ? o.executions.get(key) : undefined;
        if (!entry) {
          entry = { p: ctx.execute(agent, { plan: text }).then((v) => v.record), system };
          o.executions.set(key, entry);
        }
        origin = entry.system;
        exec = await entry.p;
        // An execution cut short by the infrastructure is never reused: the next stream runs it again.
        if (exec.status === 'infra-error' && o.executions.get(key) === entry) o.executions.delete(key);
      }
      if (exec.status !== 'infra-error') stream.recordOutcome(task.id, exec.passed);
      return saleRecord(system, exec, d.line, { ...(origin !== system ? { reusedFrom: origin } : {}), replayed: ctx.replayed });
    },
  };
}

export async function saleSystems(ctx: SaleRunContext, o: SaleRunOptions): Promise<SaleSetup> {
  const { config } = ctx;
  const s = config.sale;
  const tasks = selectedTasks(ctx.suites, ctx.bins, ctx.limit);
  const split = saleSplit(tasks, o.trainFrac, o.splitSeed);
  const test = new Set(split.test);
  const agents = auctionAgents(config);
  const caller = auctionCaller(config, ctx.call, ctx.simulated, ctx.seed, ctx.concurrency);
  const prompts = caller.settings.prompts;
  mkdirSync(ctx.dir, { recursive: true });

  // Weights: from a file, from this directory (a resumed run), or fitted now on the training split.
  const weightsPath = join(ctx.dir, WEIGHTS);
  const weights = await saleWeights({ config, caller, agents, tasks, split, variants: o.variants, seed: ctx.seed, ...(o.replayFrom ? { matrix: o.replayFrom } : {}), ...(o.trainFrom ? { trainFrom: o.trainFrom } : {}), ...(o.weightsFile ? { weightsFile: o.weightsFile } : {}), ...(ctx.resume && existsSync(weightsPath) ? { previous: weightsPath } : {}) });
  writeFileSync(weightsPath, `${JSON.stringify(weights, null, 2)}\n`);
  const fitFor = (v: Variant) => Object.values(weights.variants).find((f) => f.fitKey === fitKey(v))!;

  const embedder = await ctx.embedder(split.train.map((id) => tasks.get(id)!.task.prompt));
  const shared = new StreamShared(tasks, embedder);
  const prior = await priorMemory(sharedMemoryFile(config), new Set(tasks.keys()), embedder);
  const log = new SaleLog(ctx.dir);
  const restored = ctx.resume ? log.readAuctions() : new Map();
  const written = ctx.resume ? log.writtenMemoryIds() : new Set<string>();
  const runId = ctx.dir.split('/').filter(Boolean).pop() ?? 'run';
  const executions: Executions = new Map();
  const streams = new Map<string, Stream>();
  const systems: System[] = [];
  const simulated = ctx.simulated;

  for (const variant of o.variants) {
    const fit = fitFor(variant);
    for (let order = 1; order <= o.orders; order++) {
      const system = streamSystem(variant.name, order);
      const mine = new Map([...restored.values()].filter((l) => l.system === system).map((l) => [l.taskId, l]));
      const stream = new Stream({
        system,
        order,
        model: { variant, weights: fit.weights, norm: fit.norm },
        stream: taskOrder(split.test, s.order_seed, order),
        shared,
        caller,
        agents,
        k: s.k,
        runId,
        log,
        restored: mine,
        written,
        prior: prior.entries,
        window: s.batch_window,
      });
      streams.set(system, stream);
      systems.push(streamSpec({ stream, caller, test, executions, reuse: s.reuse_identical_calls, simulated }));
    }
  }

  const fingerprintExtra = {
    sale: {
      variants: o.variants,
      orders: o.orders,
      orderSeed: s.order_seed,
      split: { seed: split.seed, trainFrac: split.trainFrac, train: split.train },
      // Fitted weights are outputs (compared like any other result), never part of the experiment's identity;
      // weights given as input (--weights FILE, or method: fixed) are.
      weights: Object.fromEntries(
        Object.entries(weights.variants).map(([n, f]) => [n, o.weightsFile || s.weights.method === 'fixed' ? { method: f.method, weights: f.weights, norm: f.norm } : { method: f.method }]),
      ),
      weightsInputs: weights.inputs,
      // Where the training outcomes came from, by kind: the matrix's own fingerprint is already part of the
      // run's, and its run id is only a folder name (a golden and a candidate run must compare equal).
      trainFrom: weights.matrixRunId ? 'outcome-matrix' : 'own-training-run',
      embedder: embedder.id,
      k: s.k,
      jury: s.jury,
      plan: s.plan,
      prompts: promptHashes(prompts),
      reuse: s.reuse_identical_calls,
      sharedMemory: prior.hash,
      // Replayed or live; the replayed matrix's fingerprint is already part of the run's (its run id is a folder name).
      replay: o.replayFrom ? 'outcome-matrix' : null,
      ...(simulated ? { sim: s.sim } : {}),
    },
  };
  return { systems, fingerprintExtra, split, weights, streams, caller };
}
