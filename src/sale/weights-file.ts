// SALE's weights file (weights.json): from a file, reused from a resumed run, or fitted now on the
// training split's bids and jury scores against every agent's outcome in an outcome matrix.
import { readFileSync } from 'node:fs';
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { canonicalJson, sha256 } from '../records/fingerprint.ts';
import { readMatrix, type OutcomeMatrix } from '../routers/matrix.ts';
import type { Split } from '../routers/split.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import type { AuctionCaller } from './calls.ts';
import { promptHashes } from './prompts.ts';
import { fitVariant, trainingBids, type VariantFit } from './train.ts';
import type { AuctionAgent, Variant } from './types.ts';
import { fitKey } from './variants.ts';

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
  const inputs = sha256(canonicalJson({ train: split.train, fits: needed.map(fitKey), weights: s.weights, plan: s.plan, prompts: promptHashes(caller.settings.prompts), seed: w.seed, matrix: matrix ? sha256(canonicalJson(matrix.manifest.fingerprint)) : null, sim: caller.settings.simulated ? s.sim : null }));
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
  const data = await trainingBids(caller, agents, train, (taskId, agent) => {
    const cell = matrix?.cells.get(taskId)?.get(agent);
    return cell ? { passed: cell.passed, costUsd: cell.costUsd } : false;
  });
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
