// The weight fit (HiGHS) on constructed training auctions.
import { describe, expect, it } from 'vitest';
import { fitWeights, WeightFitError, type TrainingAuction, type TrainingBid } from './weights.ts';

const bid = (agent: string, price: number, g: number[], passed: boolean): TrainingBid => ({ agent, price, g, passed });
const on = [true, true, true];

/**
 * Three tasks, each won by the cheap agent A against a dearer failing agent B, where B's bid is worse
 * in one feature only (signed features g, z = w·g): by 0.2 in cost, by 1/3 in entropy, by 0.5 in jury.
 * The worst margin min(0.2·w_c, w_h/3, 0.5·w_j) is largest at w ∝ (5, 3, 2): the unique max-min
 * separating vector is (0.5, 0.3, 0.2), with every margin 0.1. A fourth task is separated with room
 * to spare by any weights, so it must not move the solution.
 */
const separable: TrainingAuction[] = [
  { taskId: 't1', bids: [bid('A', 1, [0, 0, 0], true), bid('B', 2, [0.2, 0, 0], false)] },
  { taskId: 't2', bids: [bid('A', 1, [0, -1 / 3, 0], true), bid('B', 2, [0, 0, 0], false)] },
  { taskId: 't3', bids: [bid('A', 1, [0, 0, -0.5], true), bid('B', 2, [0, 0, 0], false)] },
  { taskId: 't4', bids: [bid('A', 1, [0, -0.5, -0.5], true), bid('B', 2, [0.5, 0, 0], false), bid('C', 3, [0.6, 0, 0], true)] },
];

describe('minimax-margin (LP)', () => {
  it('recovers the known max-min separating weight vector', async () => {
    const r = await fitWeights(separable, { method: 'minimax-margin', active: on, marginTarget: 1 });
    expect(r.weights[0]).toBeCloseTo(0.5, 6);
    expect(r.weights[1]).toBeCloseTo(0.3, 6);
    expect(r.weights[2]).toBeCloseTo(0.2, 6);
    expect(r.worstMargin).toBeCloseTo(0.1, 6);
    expect(r.tasksUsed).toBe(4);
    // t4 has two constraints (B failing, C successful but dearer): 5 in all.
    expect(r.constraints).toBe(5);
    expect(r.training).toEqual({ tasks: 4, pickedSolver: 4, pickedCheapestSolver: 4, solvable: 4 });
  });

  it('holds switched-off weights at 0 and fits the rest', async () => {
    const r = await fitWeights(separable.slice(0, 2), { method: 'minimax-margin', active: [true, true, false] });
    // max min(0.2·w_c, w_h/3) with w_c + w_h = 1 → w_c = 0.625, w_h = 0.375.
    expect(r.weights).toEqual([expect.closeTo(0.625, 6), expect.closeTo(0.375, 6), 0]);
  });

  it('skips tasks nobody solved and says so when none is left', async () => {
    const unsolved: TrainingAuction[] = [{ taskId: 'u', bids: [bid('A', 1, [0.1, 0, 0], false), bid('B', 2, [0.5, 0, 0], false)] }];
    const r = await fitWeights([...separable, ...unsolved], { method: 'minimax-margin', active: on });
    expect(r.tasksUsed).toBe(4);
    await expect(fitWeights(unsolved, { method: 'minimax-margin', active: on })).rejects.toThrow(/degenerate: none of the 1 training tasks was solved/);
  });

  it('calls features that never differ degenerate', async () => {
    const flat: TrainingAuction[] = [{ taskId: 'f', bids: [bid('A', 1, [0.3, -0.2, 0], true), bid('B', 2, [0.3, -0.2, 0], false)] }];
    const e = await fitWeights(flat, { method: 'minimax-margin', active: on }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeightFitError);
    expect((e as WeightFitError).kind).toBe('degenerate');
    expect((e as WeightFitError).fix).toMatch(/weights\.method: fixed/);
  });
});

describe('minimax-milp (the paper\'s program, bounded)', () => {
  it('minimises the worst task\'s best allowed C − V, the allowed agents being those that solved it', async () => {
    // z_t1 = 0.2·w_c − 0.6·w_h (only A solved), z_t2 = 0.9·w_c (only B solved); C failed both.
    // With w_c + w_h = 1: max(0.8·w_c − 0.6, 0.9·w_c) is smallest at w_c = 0: Q = 0.
    const auctions: TrainingAuction[] = [
      { taskId: 't1', bids: [bid('A', 1, [0.2, -0.6], true), bid('C', 3, [-1, -1], false)] },
      { taskId: 't2', bids: [bid('B', 2, [0.9, 0], true), bid('C', 3, [-1, -1], false)] },
      // Nobody solved t3: the largest agent (C, dearest) is the one selected.
      { taskId: 't3', bids: [bid('A', 1, [5, 5], false), bid('C', 3, [0, -0.5], false)] },
    ];
    const r = await fitWeights(auctions, { method: 'minimax-milp', active: [true, true], bigM: 1e4 });
    expect(r.weights).toEqual([0, 1]);
    expect(r.objective).toBeCloseTo(0, 9);
  });

  it('picks, per task, the allowed agent with the lowest C − V', async () => {
    // Both A and B solved: z_t = min(w·g_A, w·g_B). g_A = (1, 0), g_B = (0, 1): min(w_c, w_h) ≤ 1/2,
    // and the worst task is this one: Q = max over w of … minimised → any w gives min(w_c, w_h); the
    // solver can reach Q = 0 with w = (1, 0) or (0, 1).
    const r = await fitWeights([{ taskId: 't', bids: [bid('A', 1, [1, 0], true), bid('B', 2, [0, 1], true)] }], { method: 'minimax-milp', active: [true, true] });
    expect(r.objective).toBeCloseTo(0, 9);
    expect(Math.min(r.weights[0]!, r.weights[1]!)).toBeCloseTo(0, 9);
  });
});

describe('infeasible programs are reported clearly', () => {
  it('fixed weights that sum to more than 1', async () => {
    const e = await fitWeights(separable, { method: 'minimax-margin', active: on, fixed: { 0: 0.7, 1: 0.6 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WeightFitError);
    expect((e as WeightFitError).kind).toBe('infeasible');
    expect((e as Error).message).toMatch(/infeasible: the fixed weights sum to 1\.300/);
  });

  it('every weight switched off', async () => {
    await expect(fitWeights(separable, { method: 'minimax-milp', active: [false, false, false] })).rejects.toThrow(/infeasible: every weight is switched off/);
  });

  it('fixed weights are honoured when feasible', async () => {
    const r = await fitWeights(separable, { method: 'minimax-margin', active: on, fixed: { 2: 0.5 } });
    expect(r.weights[2]).toBeCloseTo(0.5, 9);
    expect(r.weights[0]! + r.weights[1]!).toBeCloseTo(0.5, 9);
  });
});
