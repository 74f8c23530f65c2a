// Logistic fits of success against log τ and METR-style time horizons (METRICS.md), for `sale bench
// compare`. Pure functions; the bootstrap draws come from a seed (stats.ts).
import { bootstrapWithinStrata, percentileInterval } from './stats.ts';


export type Separation = 'none' | 'quasi' | 'complete' | 'one-outcome';

export interface LogisticFit {
  /** log-odds of success = intercept + slope · x. */
  intercept: number;
  slope: number;
  n: number;
  converged: boolean;
  iterations: number;
  /** How the outcomes split along x; anything but 'none' means the plain MLE does not exist. */
  separation: Separation;
  /** Ridge penalty used (0 for the plain maximum-likelihood fit). */
  penalty: number;
  /** Mean of x (the fit is computed on x − centre). */
  centre: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Whether the outcomes are separated along x. With one predictor this is exact: complete when every
 * success lies strictly on one side of every failure, quasi when the two sets only touch at one x.
 */
export function separationOf(x: readonly number[], y: readonly number[]): Separation {
  let min1 = Infinity, max1 = -Infinity, min0 = Infinity, max0 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (y[i]) {
      min1 = Math.min(min1, x[i]!);
      max1 = Math.max(max1, x[i]!);
    } else {
      min0 = Math.min(min0, x[i]!);
      max0 = Math.max(max0, x[i]!);
    }
  }
  if (max1 === -Infinity || max0 === -Infinity) return 'one-outcome';
  if (max1 < min0 || max0 < min1) return 'complete';
  if (max1 === min0 || max0 === min1) return 'quasi';
  return 'none';
}

/**
 * Ridge penalty used when the outcomes are separated (the MLE slope or intercept runs off to ±∞).
 * Decision (METRICS.md is silent): a weak Gaussian prior on the *centred* coefficients, λ = 0.1
 * (prior sd ≈ 3.2 logits), keeps the fit finite and lets the horizon land inside the gap between
 * successes and failures; data that is not separated gets the plain MLE (λ = 0).
 */
export const SEPARATION_PENALTY = 0.1;

/**
 * Logistic regression of y ∈ {0, 1} on one predictor x by Newton–Raphson (IRLS) on the centred
 * predictor, with step halving. Separated data is fitted with a small ridge penalty (see
 * SEPARATION_PENALTY) instead of diverging; `options.penalty` forces a penalty.
 */
export function fitLogistic(
  x: readonly number[],
  y: readonly (number | boolean)[],
  options: { penalty?: number; maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`x and y differ in length: ${n} vs ${y.length}`);
  const ys: number[] = y.map((v) => (v ? 1 : 0));
  if (n === 0) return { intercept: Number.NaN, slope: Number.NaN, n, converged: false, iterations: 0, separation: 'one-outcome', penalty: 0, centre: Number.NaN };
  const separation = separationOf(x, ys);
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const xc = x.map((v) => v - mean);
  const spread = xc.reduce((s, v) => s + v * v, 0);
  // A predictor without spread makes the slope unidentifiable: the penalty pins it at 0.
  const lambda = options.penalty ?? (separation === 'none' && spread > 0 ? 0 : SEPARATION_PENALTY);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const objective = (a: number, b: number) => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const eta = a + b * xc[i]!;
      // log σ(η) = −log(1 + e^−η); log(1 − σ(η)) = −log(1 + e^η), both computed stably.
      ll -= ys[i] ? softplus(-eta) : softplus(eta);
    }
    return ll - (lambda / 2) * (a * a + b * b);
  };
  // Start at the overall log-odds, clipped so one-outcome data starts finite.
  const rate = Math.min(Math.max(ys.reduce((s, v) => s + v, 0) / n, 0.01), 0.99);
  let a = logit(rate);
  let b = 0;
  let current = objective(a, b);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    let g0 = -lambda * a, g1 = -lambda * b, h00 = lambda, h01 = 0, h11 = lambda;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a + b * xc[i]!);
      const w = p * (1 - p);
      const r = ys[i]! - p;
      g0 += r;
      g1 += r * xc[i]!;
      h00 += w;
      h01 += w * xc[i]!;
      h11 += w * xc[i]! * xc[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-300)) break;
    let da = (h11 * g0 - h01 * g1) / det;
    let db = (h00 * g1 - h01 * g0) / det;
    // Step halving: never accept a step that lowers the (penalised) likelihood.
    let next = objective(a + da, b + db);
    for (let k = 0; k < 50 && next < current - 1e-12; k++) {
      da /= 2;
      db /= 2;
      next = objective(a + da, b + db);
    }
    a += da;
    b += db;
    current = next;
    if (Math.max(Math.abs(da), Math.abs(db)) < tolerance) converged = true;
  }
  return { intercept: a - b * mean, slope: b, n, converged, iterations, separation, penalty: lambda, centre: mean };
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Fitted success probability at x. */
export const predictLogistic = (fit: LogisticFit, x: number) => sigmoid(fit.intercept + fit.slope * x);

/**
 * The x at which the fitted success probability equals p. When the fit does not fall with x
 * (slope ≥ 0), no falling crossing exists: +∞ when the fitted success at the centre of the data is at
 * or above p (the system never falls to p), −∞ when it is below (it is below p from the start).
 */
export function crossingOf(fit: LogisticFit, p: number): number {
  if (Number.isNaN(fit.slope)) return Number.NaN;
  if (fit.slope < -1e-12) return (logit(p) - fit.intercept) / fit.slope;
  return predictLogistic(fit, fit.centre) >= p ? Infinity : -Infinity;
}

export interface HorizonPoint {
  /** Human solve time τ in minutes (> 0). */
  tau: number;
  success: boolean;
  /** Stratum for the bootstrap (the τ bin). */
  bin: number | string;
}

export interface Horizon {
  /** Success probability the horizon is defined by (0.5, 0.8). */
  p: number;
  /** τ (minutes) at which the fit crosses p; Infinity / 0 when it never does. */
  tau: number;
  /** Bootstrap percentile interval of τ. */
  low: number;
  high: number;
  /** Where τ lies against the observed τ range: 'above' / 'below' mean the value is an extrapolation. */
  censored: 'above' | 'below' | null;
}

export interface TimeHorizons {
  /** Logistic fit of success on log2 τ. */
  fit: LogisticFit;
  n: number;
  tauRange: [number, number];
  horizons: Horizon[];
  reps: number;
}

/**
 * METR time horizons: logistic regression of success on log2 τ; the τ at which the fitted success
 * probability falls to each level p (default 50 % and 80 %), with a seeded bootstrap interval that
 * resamples tasks within τ bins and refits.
 */
export function timeHorizons(points: readonly HorizonPoint[], options: { levels?: number[]; reps?: number; seed?: number; level?: number } = {}): TimeHorizons {
  const levels = options.levels ?? [0.5, 0.8];
  const reps = options.reps ?? 1000;
  const fitOf = (sample: readonly HorizonPoint[]) =>
    fitLogistic(
      sample.map((q) => Math.log2(q.tau)),
      sample.map((q) => q.success),
    );
  const fit = fitOf(points);
  const taus = points.map((q) => q.tau);
  const tauRange: [number, number] = taus.length ? [Math.min(...taus), Math.max(...taus)] : [Number.NaN, Number.NaN];
  // One bootstrap pass gives all levels: store each replicate's fit.
  const fits: LogisticFit[] = [];
  if (points.length > 0 && reps > 0) {
    bootstrapWithinStrata(points, (q) => q.bin, (sample) => (fits.push(fitOf(sample)), 0), { reps, seed: options.seed ?? 0 });
  }
  const horizons = levels.map((p): Horizon => {
    const tau = 2 ** crossingOf(fit, p);
    const interval = percentileInterval(
      fits.map((f) => crossingOf(f, p)),
      options.level ?? 0.95,
    );
    return {
      p,
      tau,
      low: 2 ** interval.low,
      high: 2 ** interval.high,
      censored: !(tau >= tauRange[0]) ? 'below' : !(tau <= tauRange[1]) ? 'above' : null,
    };
  });
  return { fit, n: points.length, tauRange, horizons, reps: fits.length };
}
