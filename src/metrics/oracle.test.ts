import { describe, expect, it } from 'vitest';
import { oracleChoice } from './oracle.ts';

const table = (o: Record<string, [boolean, number]>) => (a: string) => (o[a] ? { passed: o[a]![0], costUsd: o[a]![1] } : undefined);
const agents = ['4b', '8b', '14b', '32b'];

describe('oracleChoice (METRICS.md: one oracle)', () => {
  it('picks the solver whose attempt cost least, not the first solver by price', () => {
    expect(oracleChoice(agents, table({ '4b': [false, 1], '8b': [true, 5], '14b': [true, 3], '32b': [true, 9] }))).toEqual({ agent: '14b', solved: true });
  });
  it('when none solved, picks the cheapest attempt and counts it as a failure', () => {
    expect(oracleChoice(agents, table({ '4b': [false, 2], '8b': [false, 1], '14b': [false, 3], '32b': [false, 9] }))).toEqual({ agent: '8b', solved: false });
  });
  it('breaks cost ties by price order and skips agents without an outcome', () => {
    expect(oracleChoice(agents, table({ '8b': [true, 1], '32b': [true, 1] }))).toEqual({ agent: '8b', solved: true });
    expect(oracleChoice(agents, table({}))).toBeNull();
  });
});
