// The default weight fit: weights that optimise what the tables report (SALE.md §4, issue "SALE that can
// work"). On the training split, the auction with weights w picks winner_t(w) = argmin_a w·g_{t,a}
// (ties to the cheaper agent, as winner.ts decides), and the fit maximises the training utility
//     U(w) = Σ_t [ λ · c̄ · solved(winner_t) − cost(winner_t) ]
// over the simplex w ≥ 0, Σ w = 1 (inactive weights held at 0), where cost is the winner's execution
// cost on t from the outcome matrix (its plan's priced length when no cost is known), c̄ is the largest
// agent's mean execution cost on the training tasks, and λ is the same trade-off the WTP/CARROT routers
// use (`--lambda`: a solved task is worth λ times the largest agent's cost). U is piecewise constant in
// w, so the optimum is found by search, not by a gradient: an exact enumeration of the simplex grid of
// step 1/10 over the active weights (at most C(15, 5) = 3 003 points for 6 weights), then a local search
// that moves mass between pairs of weights in steps of 0.05, 0.02 and 0.01 while U improves. Why search
// rather than a MILP: the weights are few, the search is exact on its grid, deterministic, needs no
// big-M or tie margins, and takes milliseconds. Ties in U go to the weights whose winners win by the
// widest mean margin (the most decisive weights), then to the first found.
//
// λ and the method are chosen by k-fold cross-validation on the training split only (crossValidate):
// each candidate (the utility fit at λ·m for m ∈ {¼, ½, 1, 2, 4}, and minimax-margin) is fitted on k − 1
// folds and scored by U at the target λ on the held-out fold; the best mean wins and is refitted on the
// whole training split.
import type { TrainingAuction, TrainingBid } from './weights.ts';

export interface UtilityOptions {
  active: boolean[];
  /** Target trade-off: a solved task is worth λ × the largest agent's mean cost. */
  lambda: number;
  /** c̄: the unit of cost (default: the largest agent's mean cost on these auctions). */
  costUnit?: number;
}

export interface UtilityFit {
  weights: number[];
  utility: number;
  /** Training tasks whose winner solved them. */
  solved: number;
  evaluated: number;
}

/** A bid's cost: its execution cost when known, else its priced plan length. */
export const bidCost = (b: TrainingBid): number => b.costUsd ?? b.price;

/** c̄: the mean cost of the dearest agent's bids (the largest agent alone). */
export function largestCost(auctions: readonly TrainingAuction[]): number {
  const costs: number[] = [];
  for (const t of auctions) {
    const dearest = [...t.bids].sort((a, b) => b.price - a.price || (a.agent < b.agent ? -1 : 1))[0];
    if (dearest) costs.push(bidCost(dearest));
  }
  const mean = costs.length ? costs.reduce((s, c) => s + c, 0) / costs.length : 1;
  return mean > 0 ? mean : 1;
}

/** Winner of one auction under w (argmin z, ties to the cheaper agent, then by name) and its margin. */
export function winnerOf(bids: readonly TrainingBid[], w: readonly number[]): { bid: TrainingBid; margin: number } {
  let best: TrainingBid | undefined;
  let bz = Infinity;
  let second = Infinity;
  for (const b of bids) {
    let z = 0;
    for (let i = 0; i < b.g.length; i++) z += b.g[i]! * (w[i] ?? 0);
    const better = z < bz - 1e-12 || (Math.abs(z - bz) <= 1e-12 && best !== undefined && (b.price < best.price || (b.price === best.price && b.agent < best.agent)));
    if (!best || better) {
      second = Math.min(second, bz);
      best = b;
      bz = z;
    } else second = Math.min(second, z);
  }
  return { bid: best!, margin: Number.isFinite(second) ? second - bz : 0 };
}

/** U(w) on these auctions, and how decisive the decisions are (mean margin). */
export function utilityOf(auctions: readonly TrainingAuction[], w: readonly number[], lambda: number, unit: number): { utility: number; solved: number; margin: number } {
  let utility = 0;
  let solved = 0;
  let margin = 0;
  for (const t of auctions) {
    if (!t.bids.length) continue;
    const { bid, margin: m } = winnerOf(t.bids, w);
    utility += (bid.passed ? lambda * unit : 0) - bidCost(bid);
    if (bid.passed) solved++;
    margin += m;
  }
  return { utility, solved, margin: auctions.length ? margin / auctions.length : 0 };
}

/** Every point of the simplex grid of step 1/steps over the active coordinates. */
function* simplexGrid(active: readonly boolean[], steps: number): Generator<number[]> {
  const idx = active.flatMap((a, i) => (a ? [i] : []));
  const w = new Array<number>(active.length).fill(0);
  function* rec(pos: number, left: number): Generator<number[]> {
    if (pos === idx.length - 1) {
      w[idx[pos]!] = left / steps;
      yield [...w];
      return;
    }
    for (let u = 0; u <= left; u++) {
      w[idx[pos]!] = u / steps;
      yield* rec(pos + 1, left - u);
    }
  }
  if (idx.length) yield* rec(0, steps);
}

export function fitUtility(auctions: readonly TrainingAuction[], o: UtilityOptions): UtilityFit {
  const unit = o.costUnit ?? largestCost(auctions);
  const score = (w: number[]) => utilityOf(auctions, w, o.lambda, unit);
  const better = (a: { utility: number; margin: number }, b: { utility: number; margin: number }) => a.utility > b.utility + 1e-12 || (Math.abs(a.utility - b.utility) <= 1e-12 && a.margin > b.margin + 1e-12);
  let best: { w: number[]; utility: number; solved: number; margin: number } | undefined;
  for (const w of simplexGrid(o.active, 10)) {
    const s = score(w);
    if (!best || better(s, best)) best = { w, ...s };
  }
  if (!best) return { weights: o.active.map(() => 0), utility: 0, solved: 0, evaluated: auctions.length };
  const idx = o.active.flatMap((a, i) => (a ? [i] : []));
  for (const step of [0.05, 0.02, 0.01]) {
    for (let improved = true; improved; ) {
      improved = false;
      for (const i of idx) {
        for (const j of idx) {
          if (i === j || best.w[i]! < step - 1e-12) continue;
          const w: number[] = [...best.w];
          w[i] = Math.round((w[i]! - step) * 1e6) / 1e6;
          w[j] = Math.round((w[j]! + step) * 1e6) / 1e6;
          const s = score(w);
          if (better(s, best)) {
            best = { w, ...s };
            improved = true;
          }
        }
      }
    }
  }
  return { weights: best.w, utility: best.utility, solved: best.solved, evaluated: auctions.length };
}

export interface CvCandidate {
  name: string;
  fit: (train: TrainingAuction[]) => Promise<number[]>;
}

export interface CvResult {
  chosen: string;
  /** Mean held-out utility per task at the target λ, per candidate. */
  scores: { name: string; meanUtility: number }[];
  folds: number;
}

/**
 * k-fold cross-validation on the training auctions (folds dealt round-robin in task-id order, so the
 * result does not depend on load order): the candidate with the best mean held-out utility per task at
 * the target λ. With fewer auctions than folds, every auction is its own fold.
 */
export async function crossValidate(auctions: readonly TrainingAuction[], candidates: readonly CvCandidate[], o: { folds: number; lambda: number }): Promise<CvResult> {
  const sorted = [...auctions].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  const k = Math.max(2, Math.min(o.folds, sorted.length));
  const unit = largestCost(sorted);
  const scores: CvResult['scores'] = [];
  for (const c of candidates) {
    let total = 0;
    let n = 0;
    for (let f = 0; f < k; f++) {
      const held = sorted.filter((_, i) => i % k === f);
      const train = sorted.filter((_, i) => i % k !== f);
      if (!held.length || !train.length) continue;
      try {
        const w = await c.fit(train);
        total += utilityOf(held, w, o.lambda, unit).utility;
        n += held.length;
      } catch {
        // A candidate that cannot be fitted on a fold (degenerate program) scores that fold as nothing.
        total += -Infinity;
      }
    }
    scores.push({ name: c.name, meanUtility: n ? total / n : -Infinity });
  }
  const best = scores.reduce((a, b) => (b.meanUtility > a.meanUtility + 1e-12 ? b : a));
  return { chosen: best.name, scores, folds: k };
}
