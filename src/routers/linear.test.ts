import { describe, expect, it } from 'vitest';
import { Logistic, Ridge } from './linear.ts';

describe('linear models (normal equations in d × d)', () => {
  it('ridge recovers a linear function, intercept unpenalised', () => {
    const rows = Array.from({ length: 200 }, (_, i) => Float64Array.from([Math.sin(i), Math.cos(3 * i)]));
    const y = rows.map((x) => 3 * x[0]! - 2 * x[1]! + 7);
    const m = new Ridge(2).fit(rows, y, 1e-9);
    expect(m.predict(Float64Array.from([0.5, -0.25]))).toBeCloseTo(3 * 0.5 + 0.5 + 7, 6);
  });
  it('logistic regression separates noisy classes and predicts the base rate without signal', () => {
    const rows = Array.from({ length: 400 }, (_, i) => Float64Array.from([((i * 7919) % 400) / 200 - 1]));
    const y = rows.map((x, i) => (x[0]! + 0.3 * Math.sin(i * 12.9898) > 0 ? 1 : 0));
    const m = new Logistic(1).fit(rows, y, { l2: 1e-3 });
    expect(m.predict(Float64Array.from([0.8]))).toBeGreaterThan(0.9);
    expect(m.predict(Float64Array.from([-0.8]))).toBeLessThan(0.1);
    const flat = new Logistic(1).fit(rows.map(() => Float64Array.from([0])), y.map((_, i) => (i % 4 === 0 ? 1 : 0)));
    expect(flat.predict(Float64Array.from([0]))).toBeCloseTo(0.25, 3);
  });
});

describe('FrugalGPT threshold fit', () => {
  it('maximises training pass@1 within the budget; the cheapest setting when none fits', async () => {
    const { fitThresholds } = await import('./builtin/cascade.ts');
    // Two stages; stage 0 is right exactly when its score is high.
    const scores = [[0.9, 1], [0.1, 1], [0.95, 1], [0.2, 1]];
    const passed = [[true, true], [false, true], [true, true], [false, false]];
    const costs = [[1, 4], [1, 4], [1, 4], [1, 4]];
    const roomy = fitThresholds(scores, passed, costs, 10);
    expect(roomy.pass1).toBe(0.75);
    expect(roomy.cost).toBe(2); // escalate only the task stage 1 can fix; the hopeless one stops early
    const tight = fitThresholds(scores, passed, costs, 0.5);
    expect(tight.cost).toBe(1); // nothing fits: the cheapest setting (accept every stage-0 answer)
  });
});
