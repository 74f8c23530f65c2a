// Fitting SALE's weights (SALE.md §4): every agent bids on every training task, the full jury (|A|²)
// scores every bid, and each agent's outcome on the task comes from an outcome matrix restricted to
// the training split. Then, per variant, the features are normalised on these training bids and the
// weights fitted (weights.ts) or taken from configs/sale.yaml (method: fixed).
// Decision: fixed weights of a feature an ablation removes are dropped and the rest renormalised to
// sum to 1; a fixed jury weight given as one number is split equally over the judges.
import type { SaleFile } from '../config/types.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import type { AuctionCaller } from './calls.ts';
import { activeWeights, fitNormaliser, normalise, signedVector, weightVector, weightsFromVector } from './features.ts';
import { taskView } from './prompts.ts';
import type { AuctionAgent, Normaliser, OverheadCall, RawFeatures, Variant, Weights } from './types.ts';
import { fitKey } from './variants.ts';
import { selectFit, type SelectedFit } from './fit-select.ts';
import type { TrainingAuction } from './weights.ts';

const outcomeOf = (o: boolean | { passed: boolean; costUsd: number }) => (typeof o === 'boolean' ? { passed: o } : o);

export interface TrainingBid extends RawFeatures {
  taskId: string;
  passed: boolean;
  /** The agent's execution cost on the task in the outcome matrix (the utility fit's cost). */
  costUsd?: number;
  planSha: string;
  entropyKind: string;
}

export interface TrainingData {
  bids: TrainingBid[];
  overhead: OverheadCall[];
}

/** Bids and full-jury scores on the training tasks, with each agent's recorded outcome there. */
export async function trainingBids(
  caller: AuctionCaller,
  agents: AuctionAgent[],
  tasks: { task: Task; suite: Suite }[],
  outcome: (taskId: string, agent: string) => boolean | { passed: boolean; costUsd: number },
): Promise<TrainingData> {
  const judges = agents.map((a) => a.name);
  const per = await Promise.all(
    tasks.map(async ({ task, suite }) => {
      const view = taskView(suite, task);
      const plans = await Promise.all(agents.map((a) => caller.bid(task, view, a.name)));
      return Promise.all(
        plans.map(async (plan, i) => {
          const scores = await Promise.all(judges.map((j) => caller.judge(task, view, j, plan)));
          const bid: TrainingBid = {
            taskId: task.id,
            agent: plan.agent,
            price: agents[i]!.pricePerMTok,
            length: plan.lengthTokens,
            entropy: plan.entropy,
            entropyKind: plan.entropyKind,
            jury: Object.fromEntries(scores.map((s) => [s.judge, s.score])),
            ...outcomeOf(outcome(task.id, plan.agent)),
            planSha: plan.sha,
          };
          return { bid, calls: [...plan.calls, ...scores.flatMap((s) => s.calls)] };
        }),
      );
    }),
  );
  const flat = per.flat();
  return { bids: flat.map((x) => x.bid), overhead: flat.flatMap((x) => x.calls) };
}

export interface VariantFit {
  variant: string;
  fitKey: string;
  method: SaleFile['weights']['method'];
  weights: Weights;
  norm: Normaliser;
  fit: SelectedFit | null;
  /** Variants that use this fit (sale-no-memory uses SALE's). */
  usedBy?: string[];
}

export function fixedWeights(fixed: NonNullable<SaleFile['weights']['fixed']>, variant: Variant, judges: readonly string[]): Weights {
  const jury: Record<string, number> =
    typeof fixed.jury === 'number' ? Object.fromEntries(judges.map((j) => [j, (fixed.jury as number) / judges.length])) : Object.fromEntries(judges.map((j) => [j, (fixed.jury as Record<string, number>)[j] ?? 0]));
  const active = activeWeights(variant, judges);
  const v = weightVector({ cost: fixed.cost, entropy: fixed.entropy, jury }, judges).map((x, i) => (active[i] ? x : 0));
  const s = v.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new Error(`configs/sale.yaml weights.fixed: no positive weight left for ${variant.name}`);
  return weightsFromVector(v.map((x) => x / s), judges);
}

export async function fitVariant(variant: Variant, data: TrainingData, agents: AuctionAgent[], settings: SaleFile['weights']): Promise<VariantFit> {
  const judges = agents.map((a) => a.name);
  const norm = fitNormaliser(data.bids, variant.cost);
  const base = { variant: variant.name, fitKey: fitKey(variant), method: settings.method, norm };
  if (settings.method === 'fixed') return { ...base, weights: fixedWeights(settings.fixed!, variant, judges), fit: null };
  const byTask = new Map<string, TrainingAuction>();
  for (const b of data.bids) {
    const t = byTask.get(b.taskId) ?? { taskId: b.taskId, bids: [] };
    t.bids.push({ agent: b.agent, price: b.price, passed: b.passed, ...(b.costUsd !== undefined ? { costUsd: b.costUsd } : {}), g: signedVector(normalise(b, norm, variant, judges), judges) });
    byTask.set(b.taskId, t);
  }
  const fit = await selectFit([...byTask.values()], {
    method: settings.method,
    active: activeWeights(variant, judges),
    marginTarget: settings.margin_target,
    bigM: settings.big_m,
    lambda: settings.lambda,
    folds: settings.cv_folds,
  });
  return { ...base, weights: weightsFromVector(fit.weights, judges), fit };
}
