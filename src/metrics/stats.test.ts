import { describe, expect, it } from 'vitest';
import { aiq, apgr, nonDecreasingHull, paretoFrontier } from './frontier.ts';
import { crossingOf, fitLogistic, predictLogistic, separationOf, timeHorizons, type HorizonPoint } from './horizons.ts';
import { bootstrapWithinStrata, createRng, mcnemarExact, pairedDifference, percentile, percentileInterval } from './stats.ts';
import { wilson } from './wilson.ts';

describe('McNemar exact p', () => {
  it('matches the two-sided binomial tail computed by hand', () => {
    // n = 10 discordant pairs: 2 · (C(10,0) + C(10,1)) / 2^10 = 22/1024.
    expect(mcnemarExact(1, 9)).toBe(0.021484375);
    expect(mcnemarExact(9, 1)).toBe(0.021484375);
    // 2 · (1 + 10 + 45)/1024
    expect(mcnemarExact(2, 8)).toBeCloseTo(0.109375, 15);
    // 2 · 1/2^5
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 15);
  });
  it('is 1 without discordant pairs and never exceeds 1', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1);
  });
  it('stays accurate for large counts, on both sides of the exact/log-space switch (n = 1000)', () => {
    expect(mcnemarExact(500, 500)).toBe(1);
    expect(mcnemarExact(1000, 1000)).toBe(1);
    // Reference: 2·Σ_{i≤k} C(n, i) / 2^n in exact integer arithmetic (Python fractions).
    expect(mcnemarExact(400, 600) / 2.7284641560660184e-10).toBeCloseTo(1, 9); // n = 1000: exact path
    expect(mcnemarExact(700, 900) / 6.319484959450139e-7).toBeCloseTo(1, 9); // n = 1600: log-space path
  });
  it('rejects negative or fractional counts', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });
});

describe('paired difference', () => {
  it('is mean ± 1.96·sd/√n of the per-item differences', () => {
    // d = [1, 0, 0, 1]: mean 0.5, sd = √(4·0.25/3) = √(1/3).
    const r = pairedDifference([1, 1, 0, 1], [0, 1, 0, 0]);
    const half = (1.96 * Math.sqrt(1 / 3)) / 2;
    expect(r.n).toBe(4);
    expect(r.mean).toBe(0.5);
    expect(r.sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(r.low).toBeCloseTo(0.5 - half, 12);
    expect(r.high).toBeCloseTo(0.5 + half, 12);
  });
  it('collapses to a point when every difference is equal, and says nothing for n < 2', () => {
    const r = pairedDifference([0, 0, 0], [1, 1, 1]);
    expect([r.mean, r.low, r.high]).toEqual([-1, -1, -1]);
    const one = pairedDifference([1], [0]);
    expect(one.mean).toBe(1);
    expect(one.low).toBeNaN();
  });
});

describe('Wilson interval (reused from wilson.ts)', () => {
  it('matches the hand computation for 8/10', () => {
    // centre (0.8 + 1.96²/20)/(1 + 1.96²/10); half 1.96·√(0.016 + 1.96²/400)/(1 + 1.96²/10)
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(0.490157, 5);
    expect(w.high).toBeCloseTo(0.943319, 5);
  });
});

describe('seeded bootstrap within strata', () => {
  const items = [...Array.from({ length: 6 }, (_, i) => ({ bin: 0, v: i })), ...Array.from({ length: 3 }, (_, i) => ({ bin: 1, v: 10 + i }))];
  it('keeps every stratum at its size and is reproducible from the seed', () => {
    const sizes = bootstrapWithinStrata(items, (x) => x.bin, (s) => s.filter((x) => x.bin === 1).length * 100 + s.length, { reps: 50, seed: 7 });
    expect(new Set(sizes)).toEqual(new Set([309]));
    const a = bootstrapWithinStrata(items, (x) => x.bin, (s) => s.reduce((t, x) => t + x.v, 0), { reps: 20, seed: 7 });
    const b = bootstrapWithinStrata(items, (x) => x.bin, (s) => s.reduce((t, x) => t + x.v, 0), { reps: 20, seed: 7 });
    const c = bootstrapWithinStrata(items, (x) => x.bin, (s) => s.reduce((t, x) => t + x.v, 0), { reps: 20, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('draws only members of the stratum being resampled', () => {
    const out = bootstrapWithinStrata(items, (x) => x.bin, (s) => (s.slice(6).every((x) => x.v >= 10) ? 1 : 0), { reps: 100, seed: 1 });
    expect(out.every((x) => x === 1)).toBe(true);
  });
  it('the PRNG is uniform enough: mean of 10⁴ draws near 1/2', () => {
    const rng = createRng(42);
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += rng();
    expect(s / 10_000).toBeGreaterThan(0.49);
    expect(s / 10_000).toBeLessThan(0.51);
  });
  it('percentiles interpolate (type 7) and handle infinities', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(percentile([1, Infinity, Infinity], 0.9)).toBe(Infinity);
    expect(percentile([Number.NaN], 0.5)).toBeNaN();
    const iv = percentileInterval(Array.from({ length: 101 }, (_, i) => i));
    expect(iv.low).toBeCloseTo(2.5, 9);
    expect(iv.high).toBeCloseTo(97.5, 9);
  });
});

describe('logistic regression', () => {
  it('recovers the saturated fit of a two-group design (closed form)', () => {
    // x = 0: 8 of 10 succeed; x = 1: 2 of 10. MLE: intercept = logit(0.8) = ln 4, slope = logit(0.2) − logit(0.8) = −2 ln 4.
    const x = [...Array(10).fill(0), ...Array(10).fill(1)];
    const y = [...Array(8).fill(1), ...Array(2).fill(0), ...Array(2).fill(1), ...Array(8).fill(0)];
    const fit = fitLogistic(x, y);
    expect(fit.separation).toBe('none');
    expect(fit.penalty).toBe(0);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(4), 9);
    expect(fit.slope).toBeCloseTo(-2 * Math.log(4), 9);
    expect(predictLogistic(fit, 1)).toBeCloseTo(0.2, 9);
  });
  it('solves the score equations on unbalanced data', () => {
    const x = [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 5];
    const y = [1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0];
    const fit = fitLogistic(x, y);
    const r = x.map((xi, i) => y[i]! - predictLogistic(fit, xi));
    expect(Math.abs(r.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    expect(Math.abs(r.reduce((s, v, i) => s + v * x[i]!, 0))).toBeLessThan(1e-9);
    expect(fit.slope).toBeLessThan(0);
  });
  it('detects separation and still returns a finite fit with the crossing inside the gap', () => {
    const x = [0, 0.5, 1, 1.5, 3, 3.5, 4];
    const y = [1, 1, 1, 1, 0, 0, 0];
    expect(separationOf(x, y)).toBe('complete');
    expect(separationOf([0, 1, 1, 2], [1, 1, 0, 0])).toBe('quasi');
    expect(separationOf([0, 1], [1, 1])).toBe('one-outcome');
    const fit = fitLogistic(x, y);
    expect(fit.penalty).toBeGreaterThan(0);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(fit.slope).toBeLessThan(0);
    const x50 = crossingOf(fit, 0.5);
    expect(x50).toBeGreaterThan(1.5);
    expect(x50).toBeLessThan(3);
  });
  it('one outcome only: slope 0, crossing at +∞ (all solved) or −∞ (none solved)', () => {
    const all = fitLogistic([0, 1, 2, 3], [1, 1, 1, 1]);
    expect(all.slope).toBeCloseTo(0, 9);
    expect(crossingOf(all, 0.5)).toBe(Infinity);
    const none = fitLogistic([0, 1, 2, 3], [0, 0, 0, 0]);
    expect(crossingOf(none, 0.5)).toBe(-Infinity);
  });
});

describe('time horizons (METR)', () => {
  const design = (): HorizonPoint[] => [
    ...Array.from({ length: 10 }, (_, i) => ({ tau: 1, success: i < 8, bin: 0 })),
    ...Array.from({ length: 10 }, (_, i) => ({ tau: 2, success: i < 2, bin: 1 })),
  ];
  it('h50 and h80 from the closed-form fit: log2 τ50 = 1/2, τ80 = 1', () => {
    const h = timeHorizons(design(), { reps: 200, seed: 3 });
    expect(h.horizons[0]!.p).toBe(0.5);
    expect(h.horizons[0]!.tau).toBeCloseTo(Math.SQRT2, 9);
    expect(h.horizons[1]!.tau).toBeCloseTo(1, 9);
    expect(h.horizons[0]!.censored).toBeNull();
    expect(h.horizons[0]!.low).toBeLessThanOrEqual(h.horizons[0]!.tau);
    expect(h.horizons[0]!.high).toBeGreaterThanOrEqual(h.horizons[0]!.tau);
    expect(h.reps).toBe(200);
  });
  it('the bootstrap interval is reproducible from the seed', () => {
    expect(timeHorizons(design(), { reps: 100, seed: 3 }).horizons).toEqual(timeHorizons(design(), { reps: 100, seed: 3 }).horizons);
  });
  it('a system that solves everything has a horizon above the observed range', () => {
    const h = timeHorizons([{ tau: 0.1, success: true, bin: 0 }, { tau: 5, success: true, bin: 3 }], { reps: 20 });
    expect(h.horizons[0]!.tau).toBe(Infinity);
    expect(h.horizons[0]!.censored).toBe('above');
  });
});

describe('Pareto frontier, hull and AIQ', () => {
  it('keeps the non-dominated points, cheapest first', () => {
    const pts = [
      { id: 'a', cost: 1, quality: 0.2 },
      { id: 'b', cost: 2, quality: 0.6 },
      { id: 'c', cost: 3, quality: 0.5 },
      { id: 'd', cost: 4, quality: 0.8 },
      { id: 'e', cost: 4, quality: 0.7 },
    ];
    expect(paretoFrontier(pts).map((p) => p.id)).toEqual(['a', 'b', 'd']);
  });
  it('AIQ of a constructed hull: (1,.2)→(2,.6)→(4,.8), (3,.5) under it, over [1, 4] = 1.8/3', () => {
    const pts = [
      { cost: 1, quality: 0.2 },
      { cost: 2, quality: 0.6 },
      { cost: 3, quality: 0.5 },
      { cost: 4, quality: 0.8 },
    ];
    expect(nonDecreasingHull(pts)).toEqual([pts[0], pts[1], pts[3]]);
    // trapezoids: (0.2 + 0.6)/2·1 + (0.6 + 0.8)/2·2 = 0.4 + 1.4
    expect(aiq(pts, [1, 4])).toBeCloseTo(0.6, 12);
  });
  it('the hull never decreases: a dearer, worse point is replaced by the flat best', () => {
    // (1,.2)→(2,.9)→ flat .9 to 3: 0.55 + 0.9 over a range of 2.
    expect(aiq([{ cost: 1, quality: 0.2 }, { cost: 2, quality: 0.9 }, { cost: 3, quality: 0.5 }], [1, 3])).toBeCloseTo(0.725, 12);
    expect(aiq([{ cost: 1, quality: 0.5 }], [1, 3])).toBeCloseTo(0.5, 12);
  });
  it('counts 0 below the cheapest operating point', () => {
    // only [2, 4] is covered: (0.6 + 0.8)/2·2 = 1.4 over a range of 3.
    expect(aiq([{ cost: 2, quality: 0.6 }, { cost: 4, quality: 0.8 }], [1, 4])).toBeCloseTo(1.4 / 3, 12);
    expect(aiq([{ cost: 2, quality: 0.6 }], [2, 2])).toBeNaN();
  });
});

describe('APGR', () => {
  it('a router on the straight line between weak and strong recovers half the gap', () => {
    expect(apgr([{ share: 0.5, quality: 0.55 }], 0.4, 0.7)).toBeCloseTo(0.5, 12);
  });
  it('reaching the strong score at 20 % strong share: 0.9 (hand: (0.1(w+s) + 0.8s − w)/(s − w))', () => {
    expect(apgr([{ share: 0.2, quality: 0.7 }], 0.4, 0.7)).toBeCloseTo(0.9, 12);
  });
  it('is undefined when weak and strong score alike', () => {
    expect(apgr([{ share: 0.2, quality: 0.7 }], 0.5, 0.5)).toBeNaN();
  });
});
