import { describe, expect, it } from 'vitest';
import { binOf } from '../../../tasks/bins.ts';
import { codeLines, estimateCodingTau, parseTauFile, wordCount } from './tau-estimator.ts';
import { problemsOf } from '../../../../tests/support/config-error.ts';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `x${i} = ${i}`).join('\n');
const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('coding-loc estimator', () => {
  it('counts non-blank, non-comment lines and words', () => {
    expect(codeLines('def f(x):\r\n\n    # comment\n    return x  # trailing\n   \n')).toBe(2);
    expect(wordCount('  Write a\nfunction.  ')).toBe(3);
    expect(wordCount('   ')).toBe(0);
  });

  it('computes τ = 0.15 × lines + words / 200, rounded to 0.01, with a rationale', () => {
    const e = estimateCodingTau({ statement: words(40), solution: lines(6) });
    expect(e.tau).toBe(1.1);
    expect(e.tau_source).toEqual({
      kind: 'estimator',
      name: 'coding-loc',
      version: '1',
      rationale: '0.15 min × 6 code lines + 40 words ÷ 200 wpm = 1.10 min',
    });
  });

  it('puts typical MBPP and HumanEval sizes in the paper bins', () => {
    const bin = (l: number, w: number) => binOf(estimateCodingTau({ statement: words(w), solution: lines(l) }).tau);
    // MBPP: a one-line function (def + return) → ≤0.5; 5–15 lines → ≤2.5.
    expect(bin(2, 20)).toBe(1);
    expect(bin(5, 20)).toBe(2);
    expect(bin(15, 25)).toBe(2);
    // HumanEval: a one-line body → ≤0.5; a 7-line body with 80 words → ≤2.5; 20 lines, 150 words → ≤12.5.
    expect(bin(1, 40)).toBe(1);
    expect(bin(7, 80)).toBe(2);
    expect(bin(20, 150)).toBe(3);
  });

  it('clamps to [0.01, 60]', () => {
    expect(estimateCodingTau({ statement: '', solution: '' }).tau).toBe(0.01);
    const big = estimateCodingTau({ statement: words(100), solution: lines(500) });
    expect(big.tau).toBe(60);
    expect(big.tau_source.kind === 'estimator' && big.tau_source.rationale).toBe(
      '0.15 min × 500 code lines + 100 words ÷ 200 wpm = 75.50 min (clamped to 60)',
    );
  });
});

describe('parseTauFile', () => {
  it('reads CSV without a header', () => {
    expect(parseTauFile('mbpp/1,0.4\r\nmbpp/2, 3\n\n# note\n', 't.csv')).toEqual(
      new Map([
        ['mbpp/1', 0.4],
        ['mbpp/2', 3],
      ]),
    );
  });

  it('reads CSV with a header naming the columns, in any order, with extra columns', () => {
    const text = 'tau,id,rationale\n1.5,"humaneval/3","timed, twice"\n12,humaneval/4,\n';
    expect(parseTauFile(text, 't.csv')).toEqual(
      new Map([
        ['humaneval/3', 1.5],
        ['humaneval/4', 12],
      ]),
    );
  });

  it('reads JSON Lines, also mixed with CSV', () => {
    const text = '{"id": "mbpp/7", "tau": 0.25}\nmbpp/8,60\n';
    expect(parseTauFile(text, 't.jsonl')).toEqual(
      new Map([
        ['mbpp/7', 0.25],
        ['mbpp/8', 60],
      ]),
    );
  });

  it('reports every bad line as file:line with the field', () => {
    const text = [
      'id,tau', // 1 header
      'mbpp/1,abc', // 2
      'mbpp/2,0', // 3
      'mbpp/3,61', // 4
      'mbpp/4', // 5
      '{"id": "mbpp/5"}', // 6
      '{"id": "mbpp/6", "tau": "2"}', // 7
      '{"id": 6, "tau": 2}', // 8
      '{"id": "mbpp/9", ', // 9
      'mbpp/10,1', // 10
      'mbpp/10,2', // 11
      '"mbpp/12,1', // 12
    ].join('\n');
    const problems = problemsOf(() => parseTauFile(text, 'taus/human.csv'));
    expect(problems[0]).toBe("taus/human.csv:2: field 'tau' is not a number: 'abc'");
    expect(problems[1]).toBe("taus/human.csv:3: field 'tau' must be in (0, 60] minutes, got 0");
    expect(problems[2]).toBe("taus/human.csv:4: field 'tau' must be in (0, 60] minutes, got 61");
    expect(problems[3]).toBe('taus/human.csv:5: expected 2 comma-separated fields (id, tau), got 1');
    expect(problems[4]).toBe("taus/human.csv:6: missing field 'tau'");
    expect(problems[5]).toBe('taus/human.csv:7: field \'tau\' must be a number, got "2"');
    expect(problems[6]).toBe("taus/human.csv:8: field 'id' must be a non-empty string");
    expect(problems[7]).toMatch(/^taus\/human\.csv:9: not valid JSON/);
    expect(problems[8]).toBe("taus/human.csv:11: duplicate id 'mbpp/10' (first at line 10)");
    expect(problems[9]).toBe('taus/human.csv:12: unclosed quote in CSV line');
    expect(problems).toHaveLength(10);
  });

  it('asks for a header when a headerless line has extra fields, and rejects an empty file', () => {
    expect(problemsOf(() => parseTauFile('mbpp/1,2,3\n', 't.csv'))).toEqual([
      't.csv:1: expected 2 fields (id, tau), got 3; add a header line naming the id and tau columns',
    ]);
    expect(problemsOf(() => parseTauFile('# nothing\n\n', 't.csv'))).toEqual(['t.csv: no (id, tau) entries']);
  });
});
