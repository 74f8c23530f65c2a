// Which weights SALE runs with: the method configs/sale.yaml names, where `utility` (the default) picks
// its trade-off and method by cross-validation on the training split (utility-fit.ts), and the fit
// report that says how the chosen weights decide the training tasks next to every single agent.
import type { CvResult } from './utility-fit.ts';
import { crossValidate, fitUtility, largestCost, utilityOf, winnerOf } from './utility-fit.ts';
import { fitWeights, type FitOptions, type FitResult, type TrainingAuction } from './weights.ts';

export interface SelectOptions extends Omit<FitOptions, 'method'> {
  method: FitOptions['method'] | 'utility';
  /** Target trade-off (a solved task is worth λ × the largest agent's mean cost). */
  lambda: number;
  folds: number;
}

export interface FitReportRow {
  /** "sale" (the fitted weights), "agent:<name>", or "largest" (always the dearest agent). */
  system: string;
  pass1: number;
  costUsd: number;
  utility: number;
  /** Share of training tasks each agent wins. */
  share: Record<string, number>;
}

export interface SelectedFit extends Omit<FitResult, 'method'> {
  method: FitOptions['method'] | 'utility';
  cv?: CvResult;
  /** The λ the utility fit was run at (chosen by cross-validation). */
  fitLambda?: number;
  report: FitReportRow[];
  /** The fitted weights are worse than always running the largest agent, in training utility. */
  worseThanLargest: boolean;
}

const MULTIPLIERS = [0.25, 0.5, 1, 2, 4];

/** The fit report on the training auctions: the fitted weights, each single agent, always-largest. */
export function fitReport(auctions: readonly TrainingAuction[], weights: readonly number[], lambda: number): FitReportRow[] {
  const unit = largestCost(auctions);
  const agents = [...new Set(auctions.flatMap((t) => t.bids.map((b) => b.agent)))];
  const row = (system: string, choose: (t: TrainingAuction) => TrainingAuction['bids'][number] | undefined): FitReportRow => {
    let solved = 0;
    let cost = 0;
    let n = 0;
    const wins: Record<string, number> = Object.fromEntries(agents.map((a) => [a, 0]));
    for (const t of auctions) {
      const b = choose(t);
      if (!b) continue;
      n++;
      if (b.passed) solved++;
      cost += b.costUsd ?? b.price;
      wins[b.agent] = (wins[b.agent] ?? 0) + 1;
    }
    return { system, pass1: n ? solved / n : 0, costUsd: cost, utility: lambda * unit * solved - cost, share: Object.fromEntries(agents.map((a) => [a, n ? wins[a]! / n : 0])) };
  };
  const dearest = (t: TrainingAuction) => [...t.bids].sort((a, b) => b.price - a.price || (a.agent < b.agent ? -1 : 1))[0];
  return [
    row('sale', (t) => (t.bids.length ? winnerOf(t.bids, weights).bid : undefined)),
    ...agents.map((a) => row(`agent:${a}`, (t) => t.bids.find((b) => b.agent === a))),
    row('largest', dearest),
  ];
}

export async function selectFit(auctions: TrainingAuction[], o: SelectOptions): Promise<SelectedFit> {
  const finish = (base: Omit<SelectedFit, 'report' | 'worseThanLargest'>): SelectedFit => {
    const report = fitReport(auctions, base.weights, o.lambda);
    const sale = report.find((r) => r.system === 'sale')!;
    const largest = report.find((r) => r.system === 'largest')!;
    return { ...base, report, worseThanLargest: sale.utility < largest.utility - 1e-12 };
  };
  if (o.method !== 'utility') {
    const fit = await fitWeights(auctions, { ...o, method: o.method });
    return finish(fit);
  }
  const utilityAt = (m: number) => async (train: TrainingAuction[]) => fitUtility(train, { active: o.active, lambda: o.lambda * m }).weights;
  const candidates = [
    ...MULTIPLIERS.map((m) => ({ name: `utility@${m}`, fit: utilityAt(m) })),
    { name: 'minimax-margin', fit: async (train: TrainingAuction[]) => (await fitWeights(train, { ...o, method: 'minimax-margin' })).weights },
  ];
  const cv = await crossValidate(auctions, candidates, { folds: o.folds, lambda: o.lambda });
  const chosen = candidates.find((c) => c.name === cv.chosen)!;
  const weights = await chosen.fit(auctions);
  const m = cv.chosen.startsWith('utility@') ? Number(cv.chosen.slice('utility@'.length)) : null;
  const u = utilityOf(auctions, weights, o.lambda, largestCost(auctions));
  const solvable = auctions.filter((t) => t.bids.some((b) => b.passed)).length;
  const cheapestSolver = auctions.filter((t) => {
    const solvers = t.bids.filter((b) => b.passed).sort((a, b) => a.price - b.price || (a.agent < b.agent ? -1 : 1));
    return solvers.length > 0 && t.bids.length > 0 && winnerOf(t.bids, weights).bid.agent === solvers[0]!.agent;
  }).length;
  return finish({
    method: 'utility',
    weights,
    objective: u.utility,
    tasksUsed: auctions.length,
    constraints: 0,
    training: { tasks: auctions.length, pickedSolver: u.solved, pickedCheapestSolver: cheapestSolver, solvable },
    cv,
    ...(m !== null ? { fitLambda: o.lambda * m } : {}),
  });
}
