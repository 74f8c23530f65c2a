// FrugalGPT (Chen et al. 2023) as published, on our agents: a cascade from the cheapest agent to the
// dearest; after agent i answers, a scorer trained on the training split estimates the probability
// that the answer is right, and the cascade accepts it when the score reaches the stage's threshold
// θ_i, else escalates. The thresholds are fitted on the training split to maximise pass@1 subject to
// a budget on the mean cost per task. Every attempt is paid for.
// Our choices (README, "FrugalGPT"): the scorer is one L2 logistic regression per agent on answer and
// trace features (src/routers/cascade-features.ts) plus a 32-dimensional hashed TF-IDF of the task text, instead of a fine-tuned DistilBERT; the budget is
// `budget` × the dearest agent's mean training cost (default 0.6; --budget); the thresholds' search
// uses cross-fitted (5-fold) scores on the training split so that the scorer's in-sample optimism does
// not set them; ties in pass@1 go to the cheaper setting.
import { createHash } from 'node:crypto';
import { createTfIdfEmbedder, type Embedding } from '../../models/embeddings.ts';
import { CASCADE_FEATURES, cascadeFeatures, standardiser } from '../cascade-features.ts';
import { numberParam } from '../features.ts';
import { Logistic, type SparseRow } from '../linear.ts';
import type { RouterFactory, TrainingExample } from '../types.ts';

const FOLDS = 5;
/** Candidate thresholds per stage: accept everything (0) … accept nothing (> 1). */
const GRID = [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
const L2 = 1;
/** Hashed TF-IDF dimensions of the task text beside the answer features (the query FrugalGPT's scorer reads). */
const TEXT_DIM = 32;

interface Scorer {
  score(agent: string, x: SparseRow): number;
}

function fitScorer(agents: string[], training: TrainingExample[], rows: Map<string, SparseRow[]>): Scorer {
  const d = CASCADE_FEATURES.length + TEXT_DIM;
  const models = new Map(agents.map((a) => [a, new Logistic(d).fit(rows.get(a)!, training.map((e) => (e.outcomes[a]?.passed ? 1 : 0)), { l2: L2, iterations: 6 })]));
  return { score: (agent, x) => models.get(agent)!.predict(x) };
}

export interface Thresholds {
  thresholds: number[];
  pass1: number;
  cost: number;
  budget: number;
}

/**
 * Exhaustive search over the grid for the last stage-less cascade: stage i accepts when score ≥ θ_i
 * (the dearest agent always accepts). Maximise mean pass@1 on the training tasks subject to mean cost
 * ≤ budget; when no setting fits the budget, the cheapest setting.
 */
export function fitThresholds(scores: number[][], passed: boolean[][], costs: number[][], budget: number): Thresholds {
  const stages = scores[0]?.length ?? 0;
  const n = scores.length;
  let best: Thresholds | null = null;
  let cheapest: Thresholds | null = null;
  const theta = new Array<number>(Math.max(0, stages - 1)).fill(0);
  const visit = (i: number) => {
    if (i < stages - 1) {
      for (const t of GRID) {
        theta[i] = t;
        visit(i + 1);
      }
      return;
    }
    let pass = 0;
    let cost = 0;
    for (let t = 0; t < n; t++) {
      for (let s = 0; s < stages; s++) {
        cost += costs[t]![s]!;
        if (s === stages - 1 || scores[t]![s]! >= theta[s]!) {
          pass += passed[t]![s]! ? 1 : 0;
          break;
        }
      }
    }
    const cand = { thresholds: [...theta], pass1: pass / n, cost: cost / n, budget };
    if (!cheapest || cand.cost < cheapest.cost) cheapest = cand;
    if (cand.cost <= budget && (!best || cand.pass1 > best.pass1 + 1e-12 || (Math.abs(cand.pass1 - best.pass1) <= 1e-12 && cand.cost < best.cost))) best = cand;
  };
  if (n && stages) visit(0);
  return best ?? cheapest ?? { thresholds: theta, pass1: Number.NaN, cost: Number.NaN, budget };
}

const fold = (seed: number, id: string) => createHash('sha256').update(`fold\u241f${seed}\u241f${id}`).digest().readUInt32BE(0) % FOLDS;

export const cascadeRouter: RouterFactory = async (ctx) => {
  const agents = ctx.agents.map((a) => a.name);
  const budgetShare = numberParam(ctx, 'budget', 0.6);
  const training = ctx.training.filter((e) => agents.every((a) => e.outcomes[a]));
  if (training.length < FOLDS) throw new Error(`frugalgpt needs at least ${FOLDS} training tasks with every agent's outcome (has ${training.length}); raise --train-frac`);
  const embedder = createTfIdfEmbedder(training.map((e) => e.task.text), { dim: TEXT_DIM });
  const textOf = async (text: string) => (await embedder.embed([text]))[0]!;
  const trainText = await embedder.embed(training.map((e) => e.task.text));
  // The answer features are standardised on the training rows; the text's TF-IDF stays sparse (unit length).
  const raw = new Map(agents.map((a) => [a, training.map((e) => cascadeFeatures(e.task, e.outcomes[a]!.record))]));
  const scale = standardiser([...raw.values()].flat());
  const m = CASCADE_FEATURES.length;
  const row = (answer: Float64Array, text: Embedding): SparseRow => {
    const indices = new Int32Array(m + text.indices.length);
    const values = new Float64Array(m + text.indices.length);
    const z = scale(answer);
    for (let i = 0; i < m; i++) {
      indices[i] = i;
      values[i] = z[i]!;
    }
    text.indices.forEach((ix, p) => {
      indices[m + p] = m + ix;
      values[m + p] = text.values[p]!;
    });
    return { indices, values };
  };
  const rows = new Map([...raw].map(([a, xs]) => [a, xs.map((x, i) => row(x, trainText[i]!))]));
  // Cross-fitted scores: each training task scored by a scorer that did not see it.
  const folds = training.map((e) => fold(ctx.seed, e.task.id));
  const scores = training.map(() => new Array<number>(agents.length).fill(0));
  for (let f = 0; f < FOLDS; f++) {
    const inFold = (i: number) => folds[i] === f;
    if (!training.some((_, i) => inFold(i))) continue;
    const keep = training.map((_, i) => !inFold(i));
    const sub = training.filter((_, i) => keep[i]);
    const s = fitScorer(agents, sub, new Map([...rows].map(([a, xs]) => [a, xs.filter((_, i) => keep[i])])));
    training.forEach((_, i) => {
      if (inFold(i)) agents.forEach((a, j) => (scores[i]![j] = s.score(a, rows.get(a)![i]!)));
    });
  }
  const meanCost = (a: string) => training.reduce((s, e) => s + e.outcomes[a]!.costUsd, 0) / training.length;
  const budget = budgetShare * meanCost(agents.at(-1)!);
  const fit = fitThresholds(
    scores,
    training.map((e) => agents.map((a) => e.outcomes[a]!.passed)),
    training.map((e) => agents.map((a) => e.outcomes[a]!.costUsd)),
    budget,
  );
  const scorer = fitScorer(agents, training, rows);
  return {
    name: 'frugalgpt',
    async route(task, execute) {
      const text = await textOf(task.text);
      const attempts = [];
      const stageScores: number[] = [];
      for (const [i, a] of agents.entries()) {
        const view = await execute(a);
        attempts.push(view);
        if (i === agents.length - 1) break;
        const score = scorer.score(a, row(cascadeFeatures(task, view.record), text));
        stageScores.push(score);
        if (score >= fit.thresholds[i]!) break;
      }
      return { attempts, details: { scorer: 'logistic', scores: stageScores, thresholds: fit.thresholds, budget: fit.budget, trainPass1: fit.pass1, trainCost: fit.cost, accepted: attempts.at(-1)!.agent } };
    },
  };
};
