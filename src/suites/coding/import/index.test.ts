import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTasks } from '../../../tasks/load.ts';
import type { FunctionPayload } from '../../../tasks/types.ts';
import { runPayloads } from './__fixtures__/python-harness.ts';
import { importCodingDataset, outputPath } from './index.ts';
import { problemsOf } from '../../../../tests/support/config-error.ts';

const FIX = join(import.meta.dirname, '__fixtures__');
const tmp = mkdtempSync(join(tmpdir(), 'sale-coding-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('importCodingDataset', () => {
  it('writes <out>/<suite>.jsonl for a folder ending in /, creating it, and the tasks load back', () => {
    const out = join(tmp, 'a', 'b') + '/';
    const res = importCodingDataset('mbpp', join(FIX, 'mbpp-original.jsonl'), { out });
    expect(res.written).toBe(join(tmp, 'a', 'b', 'mbpp.jsonl'));
    expect(res.count).toBe(5);
    expect(res.perBin).toHaveLength(5);
    expect(res.perBin.reduce((a, b) => a + b, 0)).toBe(5);
    const text = readFileSync(res.written, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const tasks = parseTasks(text, res.written);
    expect(tasks.map((t) => t.id)).toEqual(['mbpp/1', 'mbpp/2', 'mbpp/12', 'mbpp/604', 'mbpp/300']);
    const counted = [0, 0, 0, 0, 0];
    for (const t of tasks) counted[t.bin]! += 1;
    expect(res.perBin).toEqual(counted);
    expect(res.perBin[3]).toBe(1); // the 24-line run-length task
  });

  it('writes into an existing folder using the suite name, and to an exact file path otherwise', () => {
    const res = importCodingDataset('humaneval', join(FIX, 'humaneval.jsonl'), { out: tmp, suite: 'he-small' });
    expect(res.written).toBe(join(tmp, 'he-small.jsonl'));
    expect(res.count).toBe(3);
    const file = join(tmp, 'x', 'y', 'sanitized.jsonl');
    const res2 = importCodingDataset('mbpp', join(FIX, 'mbpp-sanitized.json'), { out: file, suite: 'mbpp-sanitized' });
    expect(res2.written).toBe(file);
    const tasks = parseTasks(readFileSync(file, 'utf8'), file);
    expect(tasks.map((t) => [t.suite, t.source?.dataset])).toEqual([
      ['mbpp-sanitized', 'mbpp-sanitized'],
      ['mbpp-sanitized', 'mbpp-sanitized'],
      ['mbpp-sanitized', 'mbpp-sanitized'],
    ]);
    expect(outputPath('some/dir/', 's')).toBe(join('some/dir', 's.jsonl'));
    expect(outputPath('some/file.jsonl', 's')).toBe('some/file.jsonl');
  });

  it('applies a τ file and counts bins from the final τ', () => {
    const tauFile = join(tmp, 'human-taus.csv');
    writeFileSync(tauFile, 'id,tau\nhumaneval/0,30\nhumaneval/1,0.05\n');
    const res = importCodingDataset('humaneval', join(FIX, 'humaneval.jsonl'), { out: join(tmp, 'tau') + '/', tauFile });
    const tasks = parseTasks(readFileSync(res.written, 'utf8'), res.written);
    expect(tasks[0]!.tau).toBe(30);
    expect(tasks[0]!.tau_source).toEqual({ kind: 'annotated', rationale: 'from τ file human-taus.csv' });
    expect(tasks[1]!.bin).toBe(0);
    expect(tasks[2]!.tau_source.kind).toBe('estimator');
    expect(res.perBin[4]).toBe(1);
    expect(res.perBin[0]).toBe(1);
  });

  it('writes nothing when the input is invalid, and names file:line and field', () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{"task_id": "HumanEval/0", "prompt": "def f():\\n", "entry_point": "f", "test": "def check(c):\\n    pass\\n"}\n');
    const out = join(tmp, 'never') + '/';
    expect(problemsOf(() => importCodingDataset('humaneval', bad, { out }))).toEqual([
      `${bad}:1 (HumanEval/0): missing field 'canonical_solution'`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a missing input or τ file, an unknown format and a bad suite name', () => {
    expect(problemsOf(() => importCodingDataset('mbpp', join(tmp, 'nope.jsonl'), { out: tmp }))[0]).toBe(
      `${join(tmp, 'nope.jsonl')}: cannot read mbpp dataset file: no such file`,
    );
    expect(
      problemsOf(() => importCodingDataset('mbpp', join(FIX, 'mbpp-original.jsonl'), { out: tmp, tauFile: join(tmp, 'no.csv') }))[0],
    ).toMatch(/no\.csv: cannot read τ file: no such file$/);
    expect(problemsOf(() => importCodingDataset('apps' as 'mbpp', 'x', { out: tmp }))).toEqual(["unknown coding dataset format 'apps'"]);
    expect(problemsOf(() => importCodingDataset('mbpp', 'x', { out: tmp, suite: '../up' }))[0]).toMatch(/^suite name '\.\.\/up'/);
  });

  it('writes records whose references pass their tests under python3', async () => {
    const res = importCodingDataset('mbpp', join(FIX, 'mbpp-original.jsonl'), { out: join(tmp, 'py') + '/' });
    const tasks = parseTasks(readFileSync(res.written, 'utf8'), res.written);
    const outcomes = await runPayloads(tasks.map((t) => t.payload as FunctionPayload));
    for (const [i, o] of outcomes.entries()) {
      expect(o.error, tasks[i]!.id).toBeNull();
      expect(new Set(o.tests), tasks[i]!.id).toEqual(new Set(['pass']));
    }
  });
});
