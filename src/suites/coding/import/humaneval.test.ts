import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionPayload, TaskRecord } from '../../../tasks/types.ts';
import { runPayloads } from './__fixtures__/python-harness.ts';
import { importHumanEval } from './humaneval.ts';
import { estimateCodingTau } from './tau-estimator.ts';
import { problemsOf } from '../../../../tests/support/config-error.ts';

const FIX = join(import.meta.dirname, '__fixtures__');
const TEXT = readFileSync(join(FIX, 'humaneval.jsonl'), 'utf8');
const RAW = TEXT.trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, string>);
const fn = (r: TaskRecord) => r.payload as FunctionPayload;

describe('importHumanEval', () => {
  const records = importHumanEval(TEXT, 'HumanEval.jsonl');

  it('maps ids, suite, domain and source', () => {
    expect(records.map((r) => r.id)).toEqual(['humaneval/0', 'humaneval/1', 'humaneval/2']);
    expect(records[1]).toMatchObject({
      suite: 'humaneval',
      domain: 'coding',
      source: { dataset: 'humaneval', id: 'HumanEval/1', license: 'MIT' },
    });
    expect(records[0]!.tags).toBeUndefined();
    expect(importHumanEval(TEXT, 'h.jsonl', { suite: 'he' })[0]!.suite).toBe('he');
  });

  it('builds reference, starter and one test snippet calling check(<entry_point>)', () => {
    RAW.forEach((raw, i) => {
      const p = fn(records[i]!);
      expect(p.entry_point).toBe(raw.entry_point);
      expect(p.reference).toBe(raw.prompt! + raw.canonical_solution!);
      expect(p.starter).toBe(raw.prompt);
      expect(p.tests).toEqual([`${raw.test}\ncheck(${raw.entry_point})\n`]);
      // The prompt's imports and helpers are run as test setup (official semantics: prompt + completion).
      if (new RegExp(`^(?:import |from |def (?!${raw.entry_point}\\())`, 'm').test(raw.prompt!)) expect(p.test_setup).toContain(JSON.stringify(raw.prompt));
      else expect(p.test_setup).toBeUndefined();
    });
    expect(fn(records[0]!).tests[0]).toContain("METADATA = {\n    'author': 'fixture'");
    expect(fn(records[0]!).tests[0]!.endsWith('\ncheck(double_all)\n')).toBe(true);
  });

  it('names the function in the prompt and keeps the starter code apart (the suite shows it once)', () => {
    const r = records[1]!;
    expect(r.prompt.startsWith('Complete the Python function `count_vowels` whose signature')).toBe(true);
    expect(r.prompt).not.toContain('def is_vowel');
    expect(r.payload.kind === 'function' && r.payload.starter).toContain('def is_vowel(ch: str) -> bool:');
  });

  it('estimates τ from the body lines and the prompt words', () => {
    RAW.forEach((raw, i) => {
      const expected = estimateCodingTau({ statement: raw.prompt!, solution: raw.canonical_solution! });
      expect(records[i]!.tau).toBe(expected.tau);
      expect(records[i]!.tau_source).toEqual(expected.tau_source);
    });
    // HumanEval/1: one body line, 27 prompt words: 0.15 + 27/200 = 0.285 → 0.29 (bin ≤0.5)
    expect(records[1]!.tau).toBe(0.29);
  });

  it('applies τ overrides', () => {
    const out = importHumanEval(TEXT, 'h.jsonl', { tauOverrides: new Map([['humaneval/2', 3]]), tauFileName: 'he.jsonl' });
    expect(out[2]!.tau).toBe(3);
    expect(out[2]!.tau_source).toEqual({ kind: 'annotated', rationale: 'from τ file he.jsonl' });
    expect(out[0]!.tau_source.kind).toBe('estimator');
  });

  it('normalises \\r\\n inside fields', () => {
    const crlf = JSON.stringify({ ...RAW[2], prompt: RAW[2]!.prompt!.replace(/\n/g, '\r\n') });
    const [r] = importHumanEval(crlf, 'h.jsonl');
    expect(fn(r!).starter).toBe(RAW[2]!.prompt);
  });
});

describe('importHumanEval errors name file:line and field', () => {
  const line = (o: Record<string, unknown>) => JSON.stringify(o);

  it('reports missing and invalid fields, each with its line', () => {
    const { canonical_solution: _c, ...noSolution } = RAW[0]!;
    const text = [
      line(RAW[0]!),
      line(noSolution),
      line({ ...RAW[1], task_id: 'HE-1' }),
      line({ ...RAW[2], entry_point: 'last word' }),
      line({ ...RAW[2], task_id: 'HumanEval/7', entry_point: 'first_word' }),
      line({ ...RAW[2], task_id: 'HumanEval/8', test: 'assert True\n' }),
      line({ ...RAW[2], task_id: 'HumanEval/9', prompt: 42 }),
    ].join('\n');
    expect(problemsOf(() => importHumanEval(text, 'he.jsonl'))).toEqual([
      "he.jsonl:2 (HumanEval/0): missing field 'canonical_solution'",
      "he.jsonl:3 (HE-1): field 'task_id' must look like 'HumanEval/<number>', got 'HE-1'",
      "he.jsonl:4 (HumanEval/2): field 'entry_point' must be a Python identifier, got 'last word'",
      "he.jsonl:5 (HumanEval/7): field 'prompt' does not define the entry point: no top-level 'def first_word(' in it",
      "he.jsonl:6 (HumanEval/8): field 'test' does not define 'check(candidate)' at top level",
      "he.jsonl:7 (HumanEval/9): field 'prompt' must be a string, got number",
    ]);
  });

  it('reports invalid JSON, duplicates and stray τ overrides', () => {
    expect(problemsOf(() => importHumanEval(`${line(RAW[0]!)}\n{`, 'he.jsonl'))[0]).toMatch(/^he\.jsonl:2: not valid JSON/);
    expect(problemsOf(() => importHumanEval(`${line(RAW[0]!)}\n${line(RAW[0]!)}`, 'he.jsonl'))).toEqual([
      "he.jsonl:2 (HumanEval/0): duplicate task id 'humaneval/0' (first at he.jsonl:1)",
    ]);
    expect(
      problemsOf(() => importHumanEval(TEXT, 'he.jsonl', { tauOverrides: new Map([['HumanEval/0', 1]]), tauFileName: 'x.csv' })),
    ).toEqual(["x.csv: 1 id(s) match no imported task: 'HumanEval/0'"]);
  });
});

describe('HumanEval fixture references pass their tests under python3', () => {
  it('passes check(<entry_point>) for every fixture, and fails a wrong body', async () => {
    const records = importHumanEval(TEXT, 'h.jsonl');
    const payloads = records.map(fn);
    const wrong = { ...payloads[2]!, reference: payloads[2]!.starter! + '    return sentence.split()[0]\n' };
    const outcomes = await runPayloads([...payloads, wrong]);
    expect(outcomes.slice(0, 3)).toEqual(payloads.map(() => ({ error: null, tests: ['pass'] })));
    expect(outcomes[3]!.tests[0]).toMatch(/^fail: AssertionError/);
  });
});
