import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { binOf, parseBin } from './bins.ts';
import { loadTasks, parseTasks } from './load.ts';
import { problemsOf } from '../../tests/support/config-error.ts';

const task = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 't1',
    suite: 'coding',
    domain: 'coding',
    prompt: 'p',
    tau: 0.3,
    tau_source: { kind: 'annotated', rationale: 'r' },
    payload: { kind: 'function', entry_point: 'f', tests: ['assert f() == 1'], reference: 'def f():\n    return 1\n' },
    ...over,
  });

describe('bins', () => {
  it('derives the bin from τ with (previous edge, edge] intervals', () => {
    expect([0.01, 0.1, 0.1001, 0.5, 2.5, 2.6, 12.5, 60].map(binOf)).toEqual([0, 0, 1, 1, 2, 3, 3, 4]);
    expect(() => binOf(0)).toThrow(RangeError);
    expect(() => binOf(60.5)).toThrow(RangeError);
  });
  it('parses bins given as edges, keys or b1..b5', () => {
    expect(['0.1', 'le2.5', 'b5', '≤12.5'].map(parseBin)).toEqual([0, 2, 4, 3]);
    expect(() => parseBin('3')).toThrow(/unknown bin/);
  });
});

describe('task loading', () => {
  it('derives the bin and keeps the origin', () => {
    const [t] = parseTasks(`${task({ tau: 7 })}\n`, 'x.jsonl');
    expect(t!.bin).toBe(3);
    expect(t!.origin.line).toBe(1);
  });

  it('names file:line for malformed JSON, unknown fields and out-of-range τ, and reports them all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-tasks-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, [task(), '{not json', task({ id: 't2', colour: 'red' }), task({ id: 't3', tau: 75 }), '', task({ id: 't4', payload: { kind: 'function', entry_point: '1f', tests: [], reference: 'x' } })].join('\n'));
    const problems = problemsOf(() => loadTasks([file]));
    expect(problems.find((p) => p.includes('bad.jsonl:2'))).toMatch(/not valid JSON/);
    expect(problems.find((p) => p.includes('bad.jsonl:3'))).toMatch(/unknown field.*'colour'/);
    expect(problems.find((p) => p.includes('bad.jsonl:4'))).toMatch(/tau: τ must be ≤ 60/);
    const line6 = problems.filter((p) => p.includes('bad.jsonl:6'));
    expect(line6.join(' ')).toMatch(/entry_point/);
    expect(line6.join(' ')).toMatch(/tests/);
  });

  it('rejects duplicate ids across files, naming both places', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-tasks-'));
    writeFileSync(join(dir, 'a.jsonl'), `${task()}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${task({ tau: 1 })}\n`);
    const problems = problemsOf(() => loadTasks([dir]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/b\.jsonl:1: duplicate task id 't1' \(first at .*a\.jsonl:1\)/);
  });

  it('checks that a multiple-choice answer is one of the options', () => {
    const problems = problemsOf(() => {
      const t = parseTasks(task({ payload: { kind: 'multiple_choice', options: { A: 'x', B: 'y' }, answer: 'C' } }), 'mc.jsonl');
      if (t.length === 0) throw new ConfigError(['rejected']);
    });
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('task files at scale', () => {
  it('a file of 150k task lines loads (no argument spread of the whole file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-big-'));
    const line = (i: number) => task({ id: `t${i}`, tau: [0.05, 0.3, 1.5, 7, 40][i % 5] });
    writeFileSync(join(dir, 'big.jsonl'), `${Array.from({ length: 150_000 }, (_, i) => line(i)).join('\n')}\n`);
    const tasks = loadTasks([join(dir, 'big.jsonl')]);
    expect(tasks).toHaveLength(150_000);
    expect(tasks[149_999]!.origin.line).toBe(150_000);
  }, 120_000);
});
