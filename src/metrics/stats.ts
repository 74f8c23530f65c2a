// Statistics behind `sale bench compare` and `sale bench check` (METRICS.md: uncertainty, time horizons,
// router-quality scores). Pure functions: numbers in, numbers out; every random draw comes from a seed.

// ---------------------------------------------------------------------------------------------------
// Paired comparisons

/**
 * McNemar's exact test: two-sided binomial test of the discordant pairs (b = only A solved, c = only B
 * solved) against p = 1/2. p = min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, 1/2). No discordant
 * pair gives p = 1.
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`McNemar counts must be non-negative integers, got ${b}, ${c}`);
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let tail = 0;
  if (n <= 1000) {
    // Binomial coefficients as doubles (exact while below 2^53, relatively exact beyond), then one
    // exact scaling by 2^-n: small cases give the hand-computed value to the last bit.
    let coef = 1;
    for (let i = 0; i <= k; i++) {
      tail += coef;
      coef = (coef * (n - i)) / (i + 1);
    }
    tail *= 2 ** -n;
  } else {
    // Log space, so large n neither overflows nor underflows early.
    let logTerm = -n * Math.LN2;
    tail = Math.exp(logTerm);
    for (let i = 1; i <= k; i++) {
      logTerm += Math.log(n - i + 1) - Math.log(i);
      tail += Math.exp(logTerm);
    }
  }
  return Math.min(1, 2 * tail);
}

export interface PairedDifference {
  /** Pairs compared. */
  n: number;
  /** mean(a − b). */
  mean: number;
  /** Sample standard deviation of a − b (n − 1 in the denominator); NaN when n < 2. */
  sd: number;
  /** mean ∓ z·sd/√n; NaN when n < 2 (one pair says nothing about spread). */
  low: number;
  high: number;
}

/** Paired difference of two measurements on the same items: mean(a − b) ± z·sd(a − b)/√n (METRICS.md). */
export function pairedDifference(a: readonly number[], b: readonly number[], z = 1.96): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, low: Number.NaN, high: Number.NaN };
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { n, mean, sd: Number.NaN, low: Number.NaN, high: Number.NaN };
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (z * sd) / Math.sqrt(n);
  return { n, mean, sd, low: mean - half, high: mean + half };
}

// ---------------------------------------------------------------------------------------------------
// Seeded resampling

/** mulberry32: a small, fast, seedable PRNG; uniform numbers in [0, 1). */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Bootstrap replicates of a statistic, resampling items with replacement *within* strata (the τ bins),
 * so every replicate keeps each bin's size (METRICS.md). The same seed gives the same replicates.
 * Replicates whose statistic is NaN are kept (callers decide), so the count always equals `reps`.
 */
export function bootstrapWithinStrata<T>(
  items: readonly T[],
  stratum: (item: T) => string | number,
  statistic: (sample: T[]) => number,
  options: { reps?: number; seed?: number } = {},
): number[] {
  const reps = options.reps ?? 1000;
  const rng = createRng(options.seed ?? 0);
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const k = stratum(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  const strata = [...groups.values()];
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const sample: T[] = [];
    for (const g of strata) for (let i = 0; i < g.length; i++) sample.push(g[Math.floor(rng() * g.length)]!);
    out.push(statistic(sample));
  }
  return out;
}

/**
 * Quantile of values that may hold ±Infinity (a horizon beyond every observed τ): linear interpolation
 * (type 7) between finite neighbours, the nearer neighbour otherwise. NaNs are dropped; NaN if none left.
 */
export function percentile(values: readonly number[], q: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo]!;
  const b = s[hi]!;
  if (a === b || lo === hi) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return pos - lo < 0.5 ? a : b;
  return a + (b - a) * (pos - lo);
}

/** Percentile interval of bootstrap replicates (2.5 % and 97.5 % at level 0.95). */
export function percentileInterval(replicates: readonly number[], level = 0.95): { low: number; high: number } {
  const alpha = (1 - level) / 2;
  return { low: percentile(replicates, alpha), high: percentile(replicates, 1 - alpha) };
}

// ---------------------------------------------------------------------------------------------------
// Logistic regression and time horizons (METR)

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

// ---------------------------------------------------------------------------------------------------
// Cost–quality frontiers and router scores

export interface CostQuality {
  cost: number;
  quality: number;
}

/**
 * Non-dominated points when cost is to be minimised and quality maximised, cheapest first: a point
 * stays when no other point is at most as expensive and at least as good (and better in one).
 */
export function paretoFrontier<T extends CostQuality>(points: readonly T[]): T[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality)).sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.quality > best) {
      out.push(p);
      best = p.quality;
    }
  }
  return out;
}

/**
 * Vertices of the non-decreasing concave (upper convex) hull of points in the (cost, quality) plane,
 * cheapest first, extended flat to `extendTo` at the best quality: spending more never lowers the
 * best quality reachable, and mixing two operating points at random reaches any point on the
 * segment between them.
 */
export function nonDecreasingHull(points: readonly CostQuality[], extendTo = -Infinity): CostQuality[] {
  const finite = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.quality));
  if (finite.length === 0) return [];
  const best = Math.max(...finite.map((p) => p.quality));
  const right = Math.max(extendTo, ...finite.map((p) => p.cost));
  const all = [...finite, { cost: right, quality: best }].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  // One point per cost (the best), then Andrew's monotone chain for the upper hull.
  const unique = all.filter((p, i) => i === 0 || p.cost !== all[i - 1]!.cost);
  const hull: CostQuality[] = [];
  for (const p of unique) {
    while (hull.length >= 2) {
      const o = hull[hull.length - 2]!;
      const a = hull[hull.length - 1]!;
      // Drop a when it lies on or below the segment o → p.
      const cross = (a.cost - o.cost) * (p.quality - o.quality) - (a.quality - o.quality) * (p.cost - o.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
}

/**
 * AIQ (RouterBench): area under the non-decreasing convex hull of a system's (cost, quality) points
 * over the cost range [cmin, cmax], divided by cmax − cmin. Below the cheapest point the system has no
 * operating point, so the hull counts as 0 there (decision: METRICS.md is silent).
 */
export function aiq(points: readonly CostQuality[], range: [number, number]): number {
  const [cmin, cmax] = range;
  if (!(cmax > cmin)) return Number.NaN;
  const hull = nonDecreasingHull(points, cmax);
  if (hull.length === 0) return Number.NaN;
  let area = 0;
  for (let i = 0; i + 1 < hull.length; i++) {
    const p = hull[i]!;
    const q = hull[i + 1]!;
    const lo = Math.max(p.cost, cmin);
    const hi = Math.min(q.cost, cmax);
    if (hi <= lo) continue;
    const at = (c: number) => p.quality + ((q.quality - p.quality) * (c - p.cost)) / (q.cost - p.cost);
    area += ((at(lo) + at(hi)) / 2) * (hi - lo);
  }
  return area / (cmax - cmin);
}

/**
 * APGR (RouteLLM): the area under the router's performance-gap-recovered curve over x = the strong
 * agent's workload share, i.e. (AUC_R − AUC_weak)/(AUC_strong − AUC_weak) with AUC_weak = weak pass@1 and
 * AUC_strong = strong pass@1 (flat lines over x ∈ [0, 1]). The router's curve joins its operating
 * points with its sweep's ends: x = 0 is the weak agent alone, x = 1 the strong agent alone.
 * NaN when weak and strong score the same.
 */
export function apgr(operatingPoints: readonly { share: number; quality: number }[], weak: number, strong: number): number {
  if (!(Math.abs(strong - weak) > 1e-12)) return Number.NaN;
  const pts = [{ share: 0, quality: weak }, ...operatingPoints.filter((p) => p.share >= 0 && p.share <= 1), { share: 1, quality: strong }].sort((a, b) => a.share - b.share);
  let auc = 0;
  for (let i = 0; i + 1 < pts.length; i++) auc += ((pts[i]!.quality + pts[i + 1]!.quality) / 2) * (pts[i + 1]!.share - pts[i]!.share);
  return (auc - weak) / (strong - weak);
}
