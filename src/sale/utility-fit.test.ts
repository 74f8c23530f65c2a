// The utility fit on constructed training auctions whose best weights are known: it finds them, it is
// never behind every single agent or always-largest in training utility, cross-validation picks among
// candidates by held-out utility, and the fit report says so.
import { describe, expect, it } from 'vitest';
import { fitReport, selectFit } from './fit-select.ts';
import { crossValidate, fitUtility, utilityOf, winnerOf } from './utility-fit.ts';
import type { TrainingAuction } from './weights.ts';

/**
 * Two agents, cheap ("small", price 1) and dear ("large", price 10); features g = [cost, −signal, noise].
 * The large agent always solves; the small one solves exactly when its signal is high. The best policy:
 * send high-signal tasks to small, the rest to large — reachable with weight on the signal feature.
 */
function auctions(n: number, seed = 1): TrainingAuction[] {
  let x = seed;
  const r = () => ((x = (x * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => {
    const high = r() < 0.5;
    const noise = r();
    return {
      taskId: `t${String(i).padStart(3, '0')}`,
      bids: [
        { agent: 'small', price: 1, costUsd: 1, passed: high, g: [0.1, high ? -0.9 : -0.1, noise] },
        { agent: 'large', price: 10, costUsd: 10, passed: true, g: [1, -0.5, 1 - noise] },
      ],
    };
  });
}

const ALL = [true, true, true];

describe('utility fit', () => {
  it('finds the weights that route by the informative signal, ahead of every single agent', () => {
    const data = auctions(60);
    const fit = fitUtility(data, { active: ALL, lambda: 5 });
    // Perfect routing: every task solved, small on every high-signal task.
    expect(fit.solved).toBe(60);
    const smallWins = data.filter((t) => winnerOf(t.bids, fit.weights).bid.agent === 'small').length;
    expect(smallWins).toBe(data.filter((t) => t.bids[0]!.passed).length);
    const report = fitReport(data, fit.weights, 5);
    const sale = report.find((r) => r.system === 'sale')!;
    for (const other of report.filter((r) => r.system !== 'sale')) expect(sale.utility).toBeGreaterThan(other.utility);
  });

  it('is at least as good as every vertex of the simplex (any single feature alone)', () => {
    const data = auctions(40, 7);
    const fit = fitUtility(data, { active: ALL, lambda: 2 });
    for (let i = 0; i < 3; i++) {
      const vertex = [0, 0, 0];
      vertex[i] = 1;
      expect(fit.utility).toBeGreaterThanOrEqual(utilityOf(data, vertex, 2, 10).utility - 1e-9);
    }
  });

  it('keeps switched-off weights at zero', () => {
    const fit = fitUtility(auctions(30), { active: [true, false, true], lambda: 5 });
    expect(fit.weights[1]).toBe(0);
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('with λ near zero (cost is all that counts) it routes everything to the cheap agent', () => {
    const data = auctions(30);
    const fit = fitUtility(data, { active: ALL, lambda: 0 });
    expect(data.every((t) => winnerOf(t.bids, fit.weights).bid.agent === 'small')).toBe(true);
  });
});

describe('cross-validation and selection', () => {
  it('picks the candidate with the best held-out utility and skips one that cannot be fitted', async () => {
    const data = auctions(50);
    const cv = await crossValidate(
      data,
      [
        { name: 'always-large', fit: async () => [1, 0, 0] },
        { name: 'signal', fit: async () => [0, 1, 0] },
        {
          name: 'broken',
          fit: async () => {
            throw new Error('degenerate');
          },
        },
      ],
      { folds: 5, lambda: 5 },
    );
    expect(cv.chosen).toBe('signal');
    expect(cv.scores.find((s) => s.name === 'broken')!.meanUtility).toBe(-Infinity);
    expect(cv.folds).toBe(5);
  });

  it('selectFit (utility) reports the chosen candidate and is not worse than always-largest on training', async () => {
    const data = auctions(50);
    const fit = await selectFit(data, { method: 'utility', active: ALL, lambda: 5, folds: 5 });
    expect(fit.cv!.scores.map((s) => s.name)).toContain('minimax-margin');
    expect(fit.worseThanLargest).toBe(false);
    expect(fit.report.map((r) => r.system)).toEqual(['sale', 'agent:small', 'agent:large', 'largest']);
    expect(fit.training.pickedSolver).toBe(50);
  });

  it('the fit report flags weights that do worse than always-largest', () => {
    const data = auctions(40);
    // All weight on noise: a coin flip between the agents.
    const report = fitReport(data, [0, 0, 1], 5);
    const sale = report.find((r) => r.system === 'sale')!;
    expect(sale.utility).toBeLessThan(report.find((r) => r.system === 'largest')!.utility);
  });
});
