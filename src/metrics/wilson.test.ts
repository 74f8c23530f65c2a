import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.ts';
import { wilson } from './wilson.ts';

describe('wilson', () => {
  it('matches hand-computed bounds', () => {
    // 8/10: centre 0.716737, half-width 0.226581 (z = 1.96).
    const w = wilson(8, 10);
    expect(w.p).toBe(0.8);
    expect(w.low).toBeCloseTo(0.490156, 5);
    expect(w.high).toBeCloseTo(0.943318, 5);
  });
  it('stays inside [0, 1] at the extremes and is not degenerate', () => {
    const zero = wilson(0, 20);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(3.8416 / 20 / (1 + 3.8416 / 20), 6); // z²/n / (1 + z²/n)
    const all = wilson(20, 20);
    expect(all.high).toBe(1);
    expect(all.low).toBeLessThan(1);
  });
  it('is NaN for an empty cell', () => {
    expect(Number.isNaN(wilson(0, 0).p)).toBe(true);
  });
});

describe('quantile', () => {
  it('interpolates linearly (type 7)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
