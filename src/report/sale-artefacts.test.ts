// The SALE artefacts on constructed examples whose answers are known by hand.
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/records.ts';
import type { AuctionLine } from '../sale/log.ts';
import { confusion, planLength, saleShapley, shapley } from './sale-artefacts.ts';
import type { Ctx } from './sale-context.ts';

describe('shapley', () => {
  it('a glove game and an additive game have their textbook values', () => {
    // v = 1 iff the coalition has L and one of R1, R2: φ_L = 2/3, φ_R1 = φ_R2 = 1/6.
    const glove = shapley(['L', 'R1', 'R2'], (S) => (S.includes('L') && (S.includes('R1') || S.includes('R2')) ? 1 : 0));
    expect(glove.L).toBeCloseTo(2 / 3, 12);
    expect(glove.R1).toBeCloseTo(1 / 6, 12);
    const additive = shapley(['a', 'b', 'c'], (S) => S.reduce((s, p) => s + ({ a: 1, b: 2, c: 5 } as Record<string, number>)[p]!, 0));
    expect(additive).toEqual({ a: 1, b: 2, c: 5 });
  });
});

// Two agents (cheap, big) on three tasks. Outcomes: t1 both solve, t2 only big, t3 nobody.
// Logged first bids: cheap has the lower z on t1 and t2, big on t3.
const outcome: Record<string, Record<string, boolean>> = { t1: { cheap: true, big: true }, t2: { cheap: false, big: true }, t3: { cheap: false, big: false } };
const zs: Record<string, Record<string, number>> = { t1: { cheap: -1, big: 0 }, t2: { cheap: -1, big: 0 }, t3: { cheap: 0, big: -1 } };
const line = (taskId: string, len: Record<string, number>) =>
  ({
    system: 'sale@o1',
    variant: 'sale',
    domain: 'coding',
    taskId,
    bids: ['cheap', 'big'].map((a) => ({ agent: a, z: zs[taskId]![a]!, refined: false, lengthTokens: len[a] })),
    refinements: [],
    winner: { agent: zs[taskId]!.cheap! < zs[taskId]!.big! ? 'cheap' : 'big', refined: false },
  }) as unknown as AuctionLine;
const rec = (taskId: string, winner: string, traceTokens: number) =>
  ({ system: 'sale@o1', taskId, domain: 'coding', status: 'passed', agent: winner, route: { details: { sale: { winner, execution: { tokens: traceTokens } } } } }) as unknown as AttemptRecord;
const ctx = {
  agents: ['cheap', 'big'],
  auctions: [line('t1', { cheap: 100, big: 50 }), line('t2', { cheap: 200, big: 50 }), line('t3', { cheap: 50, big: 300 })],
  records: [rec('t1', 'cheap', 1000), rec('t2', 'cheap', 2000), rec('t3', 'big', 3000)],
  single: (t: string, a: string) => (outcome[t] ? ({ passed: outcome[t]![a] } as AttemptRecord) : undefined),
  order: (v: string[]) => v,
  manifest: {},
  singleSource: 'constructed',
} as unknown as Ctx;

describe('SALE artefacts', () => {
  it('Shapley within SALE: v({cheap}) = 1/3, v({big}) = 2/3, v(both) = 1/3 (cheap wins t2 and fails)', () => {
    const [row] = saleShapley(ctx);
    expect(row!.full).toBeCloseTo(1 / 3, 12);
    // φ_cheap = ½(1/3 − 0) + ½(1/3 − 2/3) = 0; φ_big = ½(2/3) + ½(1/3 − 1/3) = 1/3.
    expect(row!.value.cheap).toBeCloseTo(0, 12);
    expect(row!.value.big).toBeCloseTo(1 / 3, 12);
  });

  it('confusion: winner × cheapest solver', () => {
    const cells = Object.fromEntries(confusion(ctx).map((c) => [`${c.winner}→${c.cheapestSolver}`, c.count]));
    expect(cells).toEqual({ 'cheap→cheap': 1, 'cheap→big': 1, 'big→none': 1 });
  });

  it('plan length vs trace length: Spearman of the winners\' plans (100, 200, 300) with traces (1000, 2000, 3000) is 1', () => {
    const [row] = planLength(ctx);
    expect(row!.n).toBe(3);
    expect(row!.spearman).toBeCloseTo(1, 12);
  });
});
