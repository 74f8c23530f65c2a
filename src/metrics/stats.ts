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
