// SALE as systems of a run: one SystemSpec per (variant, order), named `${variant}@o${order}`, each
// running on the test split of the shared train/test split (src/routers/split.ts) so SALE rows sit
// beside the routers' and single agents'. The runner calls `run(task)`; the stream supplies the
// auction's decision; only the winner executes, with its plan in the prompt.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { createOllamaEmbedder, createTfIdfEmbedder, type Embedder } from '../models/embeddings.ts';
import { isSimClient } from '../models/sim/sim-client.ts';
import type { ModelClient } from '../models/types.ts';
import { readMatrix, type OutcomeMatrix } from '../routers/matrix.ts';
import { splitTasks, type Split } from '../routers/split.ts';
import { canonicalJson, sha256 } from '../runner/fingerprint.ts';
import type { AttemptRecord } from '../runner/records.ts';
import type { SystemSpec } from '../runner/run-bench.ts';
import { selectTasks } from '../runner/select.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import { AuctionCaller } from './calls.ts';
import { readJsonl, SaleLog, WEIGHTS, type MemoryLine } from './log.ts';
import { embeddingFromJson, type MemoryEntry } from './memory.ts';
import { streamSystem, taskOrder } from './orders.ts';
import { loadSalePrompts, promptHashes } from './prompts.ts';
import { auctionErrorRecord, saleRecord } from './record.ts';
import { Stream, StreamShared } from './stream.ts';
import { fitVariant, trainingBids, type VariantFit } from './train.ts';
import type { SystemsContext } from '../runner/run-bench.ts';
import type { AuctionAgent, Variant } from './types.ts';
import { fitKey } from './variants.ts';

/** The run's context as the runner hands it to a system builder. */
export type SaleRunContext = SystemsContext;

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

export interface WeightsFile {
  format: 'sale-weights';
  version: 1;
  method: string;
  inputs: string;
  trainFrom: string | null;
  matrixRunId: string | null;
  split: { seed: number; trainFrac: number; train: string[] };
  variants: Record<string, VariantFit>;
  training: { tasks: number; bids: number; calls: number; tokens: number; costUsd: number; entropyKinds: Record<string, number> };
  createdAt: string;
}

export interface SaleSetup {
  systems: SystemSpec[];
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

async function makeEmbedder(config: Config, client: ModelClient, trainingTexts: string[]): Promise<Embedder> {
  if (config.sale.embedder === 'tfidf') return createTfIdfEmbedder(trainingTexts, { dim: 1024 });
  const embedClient = client as ModelClient & { embed?: (model: string, texts: string[]) => Promise<number[][]> };
  if (typeof embedClient.embed !== 'function') {
    throw new ConfigError([`configs/sale.yaml embedder: all-minilm needs the Ollama provider (this run uses ${client.provider})`], { fix: 'set embedder: tfidf, or run with --provider ollama' });
  }
  const info = await client.describe('all-minilm');
  if (!info.present) throw new ConfigError([`embedding model all-minilm is not installed on ${client.endpoint}`], { fix: 'ollama pull all-minilm' });
  return createOllamaEmbedder(embedClient as { embed: (model: string, texts: string[]) => Promise<number[][]> }, 'all-minilm', info.digest ?? 'unknown');
}

/** Entries of a shared memory file from earlier runs, minus any about this run's tasks (no leakage), re-embedded. */
async function priorMemory(file: string | null, selected: Set<string>, embedder: Embedder): Promise<{ entries: MemoryEntry[]; excluded: number; hash: string | null }> {
  if (!file || !existsSync(file)) return { entries: [], excluded: 0, hash: null };
  const lines = readJsonl<MemoryLine>(file);
  const raw = lines.filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry').map((l) => l.entry);
  const kept = raw.filter((e) => !selected.has(e.taskId));
  const vectors = await embedder.embed(kept.map((e) => e.text));
  const entries = kept.map((e, i) => ({
    ...e,
    id: `${e.provenance.runId}/${e.id}`,
    seq: -(kept.length - i),
    embedding: e.provenance.embedder === embedder.id ? embeddingFromJson(e.embedding) : vectors[i]!,
  }));
  return { entries, excluded: raw.length - kept.length, hash: sha256(readFileSync(file, 'utf8')) };
}

export interface WeightsInput {
  config: Config;
  caller: AuctionCaller;
  agents: AuctionAgent[];
  tasks: Map<string, { task: Task; suite: Suite }>;
  split: Split;
  variants: Variant[];
  seed: number;
  matrix?: OutcomeMatrix;
  trainFrom?: string;
  weightsFile?: string;
  /** weights.json of this directory (a resumed run): reused when its inputs match. */
  previous?: string;
}

/** SALE's weights for every variant: from a file, reused from a resumed run, or fitted on the training split. */
/** The auction's caller; a sim client plays bids and juries with sale.yaml's signal settings. */
export function auctionCaller(config: Config, base: ModelClient, seed: number, concurrency: number): AuctionCaller {
  const s = config.sale;
  const client = isSimClient(base) ? base.withAuction({ signalStrength: s.sim.signal_strength, memoryGain: s.sim.memory_gain, k: s.k }) : base;
  return new AuctionCaller({
    client,
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

export async function saleWeights(w: WeightsInput): Promise<WeightsFile> {
  const s = w.config.sale;
  const { split, agents, caller, tasks } = w;
  let matrix = w.matrix;
  if (!matrix && w.trainFrom) matrix = readMatrix(w.trainFrom);
  if (!matrix && s.weights.method !== 'fixed' && !w.weightsFile) {
    throw new ConfigError([`SALE's weights (${s.weights.method}) are fitted on every agent's outcome on the training split`], { fix: 'pass --train-from MATRIX_DIR (a `sale bench matrix` run over the same tasks), or set weights.method: fixed' });
  }
  if (matrix && s.weights.method !== 'fixed' && !w.weightsFile) {
    const m = matrix;
    const missing = split.train.filter((id) => agents.some((a) => { const r = m.cells.get(id)?.get(a.name); return !r || r.status === 'infra-error'; }));
    if (missing.length) throw new ConfigError([`${m.dir}: no usable outcome of every agent on ${missing.length} training task(s), e.g. ${missing.slice(0, 3).join(', ')}`], { fix: 'run (or resume) the matrix over the same suite, bins and limit' });
  }
  // One fit per distinct feature set, named after the first variant that needs it (no-memory shares SALE's).
  const needed = w.variants.filter((v, i) => w.variants.findIndex((x) => fitKey(x) === fitKey(v)) === i);
  const inputs = sha256(canonicalJson({ train: split.train, fits: needed.map(fitKey), weights: s.weights, plan: s.plan, prompts: promptHashes(caller.settings.prompts), seed: w.seed, matrix: matrix ? sha256(canonicalJson(matrix.manifest.fingerprint)) : null, sim: caller.settings.client.provider === 'sim' ? s.sim : null }));
  const file = w.weightsFile ?? w.previous;
  if (file) {
    const old = JSON.parse(readFileSync(file, 'utf8')) as WeightsFile;
    if (old.format !== 'sale-weights') throw new ConfigError([`${file}: not a SALE weights file`]);
    const have = new Set(Object.values(old.variants).map((f) => f.fitKey));
    const lacking = needed.filter((v) => !have.has(fitKey(v)));
    if (w.weightsFile && lacking.length) throw new ConfigError([`${file}: no weights for ${lacking.map((v) => v.name).join(', ')}`], { fix: 'fit them: sale auction fit with the same ablation flags' });
    // Weights fitted on outcomes of tasks this run scores would leak those outcomes into the test split.
    const test = new Set(split.test);
    const leaked = old.split.train.filter((id) => test.has(id));
    if (leaked.length) throw new ConfigError([`${file}: fitted on ${leaked.length} task(s) of this run's test split (e.g. ${leaked.slice(0, 3).join(', ')})`], { fix: 'fit the weights with the same suite, bins, limit, --train-frac and --split-seed as the run' });
    if (w.weightsFile || (old.inputs === inputs && !lacking.length)) return old;
  }
  const train = split.train.map((id) => tasks.get(id)!);
  const data = await trainingBids(caller, agents, train, (taskId, agent) => matrix?.cells.get(taskId)?.get(agent)?.passed ?? false);
  const variants: Record<string, VariantFit> = {};
  for (const v of needed) variants[v.name] = { ...(await fitVariant(v, data, agents, s.weights)), usedBy: w.variants.filter((x) => fitKey(x) === fitKey(v)).map((x) => x.name) };
  const kinds: Record<string, number> = {};
  for (const b of data.bids) kinds[b.entropyKind] = (kinds[b.entropyKind] ?? 0) + 1;
  return {
    format: 'sale-weights',
    version: 1,
    method: s.weights.method,
    inputs,
    trainFrom: matrix?.dir ?? null,
    matrixRunId: matrix?.manifest.runId ?? null,
    split: { seed: split.seed, trainFrac: split.trainFrac, train: split.train },
    variants,
    training: {
      tasks: train.length,
      bids: data.bids.length,
      calls: data.overhead.length,
      tokens: data.overhead.reduce((t, c) => t + c.call.inputTokens + c.call.outputTokens, 0),
      costUsd: data.overhead.reduce((t, c) => t + c.costUsd, 0),
      entropyKinds: kinds,
    },
    createdAt: new Date().toISOString(),
  };
}

/** sale.yaml memory.shared_file, relative to the project root (like dataset paths). */
export const sharedMemoryFile = (config: Config): string | null => (config.sale.memory.shared_file ? resolve(config.root, config.sale.memory.shared_file) : null);

/**
 * Append a stream's memory (entries with their outcomes, provenance kept) to a shared memory file, for
 * later runs. Entries already in the file (same run and id) are skipped. Returns how many were added.
 */
export function appendSharedMemory(dir: string, file: string, system: string): number {
  const runId = dir.split('/').filter(Boolean).pop() ?? 'run';
  const lines = readJsonl<MemoryLine>(join(dir, 'memory.jsonl'));
  const outcomes = new Map(lines.filter((l): l is Extract<MemoryLine, { type: 'outcome' }> => l.type === 'outcome').map((l) => [l.id, l.passed]));
  const have = new Set(
    readJsonl<MemoryLine>(file)
      .filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry')
      .map((l) => `${l.entry.provenance.runId}|${l.entry.id}`),
  );
  const add = lines
    .filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry' && l.entry.provenance.system === system && l.entry.provenance.runId === runId)
    .filter((l) => !have.has(`${runId}|${l.entry.id}`))
    .map((l) => JSON.stringify({ type: 'entry', entry: { ...l.entry, outcome: outcomes.get(l.entry.id) ?? null } }));
  if (add.length) appendFileSync(file, `${add.join('\n')}\n`);
  return add.length;
}

/** Executions shared by the streams of a run: (agent, task, plan) → the first stream's attempt. */
export type Executions = Map<string, { p: Promise<AttemptRecord>; system: string }>;

/** The runner's view of a stream: the auction decides, the winner executes with its plan. */
export function streamSpec(o: { stream: Stream; test: Set<string>; executions: Executions; reuse: boolean; simulated: boolean; replayFrom?: OutcomeMatrix }): SystemSpec {
  const { stream } = o;
  const system = stream.system;
  return {
    system,
    filter: (t) => o.test.has(t.id),
    async run(task, suite, attempt) {
      const d = await stream.decision(task.id);
      if (!d.ok) return auctionErrorRecord(system, task, suite.name, d.error, o.simulated);
      const { agent, text, sha } = d.winnerPlan;
      let exec: AttemptRecord;
      let origin = system;
      if (o.replayFrom) {
        exec = o.replayFrom.cells.get(task.id)!.get(agent)!;
      } else {
        const key = `${agent}|${task.id}|${sha}`;
        let entry = o.reuse ? o.executions.get(key) : undefined;
        if (!entry) {
          entry = { p: attempt(agent, { plan: text }), system };
          o.executions.set(key, entry);
        }
        origin = entry.system;
        exec = await entry.p;
        // An execution cut short by the infrastructure is never reused: the next stream runs it again.
        if (exec.status === 'infra-error' && o.executions.get(key) === entry) o.executions.delete(key);
      }
      if (exec.status !== 'infra-error') stream.recordOutcome(task.id, exec.passed);
      return saleRecord(system, exec, d.line, { ...(origin !== system ? { reusedFrom: origin } : {}), replayed: Boolean(o.replayFrom) });
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
  const caller = auctionCaller(config, ctx.client, ctx.seed, ctx.concurrency);
  const client = caller.settings.client;
  const prompts = caller.settings.prompts;
  mkdirSync(ctx.dir, { recursive: true });

  // Weights: from a file, from this directory (a resumed run), or fitted now on the training split.
  const weightsPath = join(ctx.dir, WEIGHTS);
  const weights = await saleWeights({ config, caller, agents, tasks, split, variants: o.variants, seed: ctx.seed, ...(o.replayFrom ? { matrix: o.replayFrom } : {}), ...(o.trainFrom ? { trainFrom: o.trainFrom } : {}), ...(o.weightsFile ? { weightsFile: o.weightsFile } : {}), ...(ctx.resume && existsSync(weightsPath) ? { previous: weightsPath } : {}) });
  writeFileSync(weightsPath, `${JSON.stringify(weights, null, 2)}\n`);
  const fitFor = (v: Variant) => Object.values(weights.variants).find((f) => f.fitKey === fitKey(v))!;

  const embedder = await makeEmbedder(config, client, split.train.map((id) => tasks.get(id)!.task.prompt));
  const shared = new StreamShared(tasks, embedder);
  const prior = await priorMemory(sharedMemoryFile(config), new Set(tasks.keys()), embedder);
  const log = new SaleLog(ctx.dir);
  const restored = ctx.resume ? log.readAuctions() : new Map();
  const written = ctx.resume ? log.writtenMemoryIds() : new Set<string>();
  const runId = ctx.dir.split('/').filter(Boolean).pop() ?? 'run';
  const executions: Executions = new Map();
  const streams = new Map<string, Stream>();
  const systems: SystemSpec[] = [];
  const simulated = client.provider === 'sim';

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
      });
      streams.set(system, stream);
      systems.push(streamSpec({ stream, test, executions, reuse: s.reuse_identical_calls, simulated, ...(o.replayFrom ? { replayFrom: o.replayFrom } : {}) }));
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
      ...(client.provider === 'sim' ? { sim: s.sim } : {}),
    },
  };
  return { systems, fingerprintExtra, split, weights, streams, caller };
}
