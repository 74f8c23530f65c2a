import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionPayload, TaskRecord } from '../../../tasks/types.ts';
import { runPayloads } from './__fixtures__/python-harness.ts';
import { calledNames, detectEntryPoint, importMbpp, mbppSplit } from './mbpp.ts';
import { problemsOf } from '../../../../tests/support/config-error.ts';

const FIX = join(import.meta.dirname, '__fixtures__');
const ORIGINAL = readFileSync(join(FIX, 'mbpp-original.jsonl'), 'utf8');
const SANITIZED = readFileSync(join(FIX, 'mbpp-sanitized.json'), 'utf8');

const byId = (records: TaskRecord[], id: string) => {
  const r = records.find((x) => x.id === id);
  if (!r) throw new Error(`no record ${id}`);
  return r;
};
const fn = (r: TaskRecord) => r.payload as FunctionPayload;

/** The ConfigError problems thrown by `f`. */
describe('importMbpp: original mbpp.jsonl', () => {
  const records = importMbpp(ORIGINAL, 'mbpp.jsonl');

  it('maps every line to one task, in file order', () => {
    expect(records.map((r) => r.id)).toEqual(['mbpp/1', 'mbpp/2', 'mbpp/12', 'mbpp/604', 'mbpp/300']);
    for (const r of records) {
      expect(r.suite).toBe('mbpp');
      expect(r.domain).toBe('coding');
      expect(r.payload.kind).toBe('function');
    }
  });

  it('maps fields: source, tags, tests and reference', () => {
    const r = byId(records, 'mbpp/1');
    expect(r.source).toEqual({ dataset: 'mbpp', id: '1', license: 'CC-BY-4.0' });
    expect(r.tags).toEqual(['mbpp-split:prompt']);
    expect(byId(records, 'mbpp/12').tags).toEqual(['mbpp-split:test']);
    expect(byId(records, 'mbpp/604').tags).toEqual(['mbpp-split:train']);
    expect(fn(r)).toEqual({
      kind: 'function',
      entry_point: 'double_all',
      tests: ['assert double_all([1, 2, 3]) == [2, 4, 6]', 'assert double_all([]) == []', 'assert double_all([-4]) == [-8]'],
      reference: 'def double_all(nums):\n\treturn [2 * n for n in nums]',
    });
    expect(fn(r).test_setup).toBeUndefined();
  });

  it('normalises \\r\\n in code and test_setup_code to \\n', () => {
    expect(ORIGINAL).toContain('\\r\\n'); // the fixture really has them
    for (const r of records) {
      expect(fn(r).reference).not.toContain('\r');
      expect(fn(r).test_setup ?? '').not.toContain('\r');
    }
    expect(fn(byId(records, 'mbpp/2')).test_setup).toBe('def approx(a, b):\n    return abs(a - b) < 1e-3');
    expect(fn(byId(records, 'mbpp/2')).reference).toBe(
      'import math\ndef _full_turn():\n    return 2 * math.pi\ndef circle_rim(r):\n    return _full_turn() * r ',
    );
  });

  it('appends challenge_test_list to the tests', () => {
    const tests = fn(byId(records, 'mbpp/12')).tests;
    expect(tests).toHaveLength(5);
    expect(tests.slice(3)).toEqual(["assert count_vowels('Queueing' * 100) == 500", "assert count_vowels('') == 0"]);
  });

  it('detects the entry point as the first called function defined in code', () => {
    expect(fn(byId(records, 'mbpp/2')).entry_point).toBe('circle_rim'); // not approx (setup) nor _full_turn (helper)
    expect(fn(byId(records, 'mbpp/604')).entry_point).toBe('unique_words'); // not sorted, not the nested add
    expect(fn(byId(records, 'mbpp/300')).entry_point).toBe('rle_encode'); // two defs, first called wins
  });

  it('prompts with the text, the first test only and the function name', () => {
    const r = byId(records, 'mbpp/1');
    expect(r.prompt).toBe(
      'Write a function to double every number in a list.\n\n' +
        'Your code should pass these tests:\n\n' +
        'assert double_all([1, 2, 3]) == [2, 4, 6]\n\n' +
        '(This is one example; other hidden tests are run too.) Write a Python function named `double_all`.',
    );
    const r12 = byId(records, 'mbpp/12');
    expect(r12.prompt).toContain("assert count_vowels('banana') == 3");
    expect(r12.prompt).not.toContain("count_vowels('xyz')");
    expect(r12.prompt).not.toContain('Queueing');
  });

  it('estimates τ with coding-loc v1', () => {
    const r = byId(records, 'mbpp/1');
    // 2 code lines, 10 words of text + 8 words of the revealed assert: 0.15 × 2 + 18 / 200 = 0.39
    expect(r.tau).toBe(0.39);
    expect(r.tau_source).toMatchObject({ kind: 'estimator', name: 'coding-loc', version: '1' });
    expect(byId(records, 'mbpp/12').tau).toBeGreaterThan(0.5);
    expect(byId(records, 'mbpp/12').tau).toBeLessThanOrEqual(2.5);
    expect(byId(records, 'mbpp/300').tau).toBeGreaterThan(2.5); // 24-line solution
  });

  it('uses τ overrides and names the τ file', () => {
    const out = importMbpp(ORIGINAL, 'mbpp.jsonl', {
      tauOverrides: new Map([['mbpp/12', 7.5]]),
      tauFileName: 'human-taus.csv',
      suite: 'mbpp-full',
    });
    const r = byId(out, 'mbpp/12');
    expect(r.tau).toBe(7.5);
    expect(r.tau_source).toEqual({ kind: 'annotated', rationale: 'from τ file human-taus.csv' });
    expect(r.suite).toBe('mbpp-full');
    expect(byId(out, 'mbpp/1').tau_source.kind).toBe('estimator');
  });

  it('rejects a τ override that names no imported task', () => {
    const problems = problemsOf(() =>
      importMbpp(ORIGINAL, 'mbpp.jsonl', { tauOverrides: new Map([['mbpp/99', 1]]), tauFileName: 't.csv' }),
    );
    expect(problems).toEqual(["t.csv: 1 id(s) match no imported task: 'mbpp/99'"]);
  });
});

describe('importMbpp: sanitized JSON array', () => {
  const records = importMbpp(SANITIZED, 'sanitized-mbpp.json');

  it('detects the sanitized layout and maps prompt and test_imports', () => {
    expect(records.map((r) => r.id)).toEqual(['mbpp/1', 'mbpp/2', 'mbpp/12']);
    const r = byId(records, 'mbpp/2');
    expect(r.source).toEqual({ dataset: 'mbpp-sanitized', id: '2', license: 'CC-BY-4.0' });
    expect(r.prompt.startsWith('Write a function to find the circumference of a circle given its radius.\n\n')).toBe(true);
    expect(fn(r).test_setup).toBe('import math');
    expect(fn(r).entry_point).toBe('circle_rim'); // math.isclose( is skipped
    expect(fn(byId(records, 'mbpp/1')).test_setup).toBeUndefined(); // empty test_imports
    expect(fn(byId(records, 'mbpp/12')).tests).toHaveLength(4);
    expect(fn(byId(records, 'mbpp/12')).tests[3]).toBe("assert count_vowels('café') == 1");
  });

  it('reads either layout from either container', () => {
    const asJsonl = (JSON.parse(SANITIZED) as unknown[]).map((o) => JSON.stringify(o)).join('\n');
    expect(importMbpp(asJsonl, 'x.jsonl')).toEqual(records);
    const asArray = JSON.stringify(ORIGINAL.trim().split('\n').map((l) => JSON.parse(l) as unknown));
    expect(importMbpp(asArray, 'x.json')).toEqual(importMbpp(ORIGINAL, 'y.jsonl'));
  });
});

describe('entry-point detection', () => {
  it('lists called names, skipping attribute calls and string contents', () => {
    expect(calledNames('assert math.isclose(f(1), 2)')).toEqual(['f']);
    expect(calledNames('assert g("h(1)") == len(\'k(2)\')')).toEqual(['g', 'len']);
  });

  it('picks the first called top-level def, trying later asserts when the first has none', () => {
    const code = 'def helper(x):\n    return x\n\ndef main(x):\n    def inner():\n        return 1\n    return helper(x)\n';
    expect(detectEntryPoint(code, ['assert list(main(1)) == helper(1)'])).toBe('main');
    expect(detectEntryPoint(code, ['assert inner() == 1', 'assert main(2) == 2'])).toBe('main');
    expect(detectEntryPoint(code, ['assert inner() == 1'])).toBeUndefined(); // nested def is not callable
    expect(detectEntryPoint('class Box:\n    def size(self):\n        return 1\n', ['assert size() == 1'])).toBeUndefined();
  });

  it('names MBPP splits by task id', () => {
    expect([1, 10, 11, 510, 511, 600, 601, 974].map(mbppSplit)).toEqual([
      'prompt', 'prompt', 'test', 'test', 'validation', 'validation', 'train', 'train',
    ]);
  });
});

describe('importMbpp: errors name file:line (or index) and field', () => {
  const line = (o: Record<string, unknown>) => JSON.stringify(o);
  const good = { text: 'Double it.', code: 'def d(x):\r\n  return 2*x', task_id: 5, test_setup_code: '', test_list: ['assert d(1) == 2'], challenge_test_list: [] };

  it('reports a missing field with its line', () => {
    const { code: _code, ...noCode } = good;
    const problems = problemsOf(() => importMbpp(`${line(good)}\n\n${line({ ...noCode, task_id: 6 })}\n`, 'data/mbpp.jsonl'));
    expect(problems).toEqual(["data/mbpp.jsonl:3 (task_id 6): missing field 'code'"]);
  });

  it('reports wrong types and invalid JSON, collecting every problem', () => {
    const text = [
      line({ ...good, test_list: 'assert d(1) == 2' }),
      '{"text": "oops"',
      line({ ...good, task_id: 'seven' }),
      line({ ...good, task_id: 8, test_list: [] }),
      '[1, 2]',
    ].join('\n');
    const problems = problemsOf(() => importMbpp(text, 'm.jsonl'));
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe("m.jsonl:1 (task_id 5): field 'test_list' must be a list of strings, got string");
    expect(problems[1]).toMatch(/^m\.jsonl:2: not valid JSON/);
    expect(problems[2]).toBe('m.jsonl:3: field \'task_id\' must be a non-negative integer, got "seven"');
    expect(problems[3]).toBe("m.jsonl:4 (task_id 8): field 'test_list' is an empty list");
    expect(problems[4]).toBe('m.jsonl:5: expected a JSON object, got a list');
  });

  it('reports a record without text or prompt', () => {
    const problems = problemsOf(() => importMbpp(line({ code: 'x', task_id: 1 }), 'm.jsonl'));
    expect(problems).toEqual(["m.jsonl:1: missing field 'text' (original MBPP) or 'prompt' (sanitized MBPP)"]);
  });

  it('reports an undeterminable entry point, naming the task', () => {
    const bad = { ...good, task_id: 9, code: 'def other(x):\r\n  return x', test_list: ['assert abs(d(1)) == 2'] };
    const problems = problemsOf(() => importMbpp(`${line(good)}\n${line(bad)}`, 'm.jsonl'));
    expect(problems).toEqual([
      "m.jsonl:2 (task_id 9): cannot determine the entry point: no function called in 'test_list' is defined " +
        "by a top-level 'def' in 'code' (called: abs, d; defined: other)",
    ]);
  });

  it('reports duplicate task ids', () => {
    const problems = problemsOf(() => importMbpp(`${line(good)}\n${line(good)}`, 'm.jsonl'));
    expect(problems).toEqual(["m.jsonl:2 (task_id 5): duplicate task id 'mbpp/5' (first at m.jsonl:1)"]);
  });

  it('locates problems in a JSON array by index', () => {
    const arr = JSON.parse(SANITIZED) as Record<string, unknown>[];
    delete arr[1]!.test_imports;
    arr[2]!.test_list = ['assert count_vowels("a") == 1', 3];
    const problems = problemsOf(() => importMbpp(JSON.stringify(arr), 'sanitized-mbpp.json'));
    expect(problems).toEqual([
      "sanitized-mbpp.json: [1] (task_id 2): missing field 'test_imports'",
      "sanitized-mbpp.json: [2] (task_id 12): field 'test_list[1]' must be a string, got number",
    ]);
  });

  it('reports a broken JSON array and an empty file', () => {
    expect(problemsOf(() => importMbpp('[{"task_id": 1},', 'a.json'))[0]).toMatch(/^a\.json: not a valid JSON array/);
    expect(problemsOf(() => importMbpp('\n\n', 'e.jsonl'))).toEqual(['e.jsonl: no records']);
  });
});

describe('MBPP fixture references pass their tests under python3', () => {
  it('passes every test of every imported fixture', async () => {
    const records = [...importMbpp(ORIGINAL, 'o.jsonl'), ...importMbpp(SANITIZED, 's.json')];
    const outcomes = await runPayloads(records.map(fn));
    outcomes.forEach((o, i) => {
      expect(o.error, records[i]!.id).toBeNull();
      expect(o.tests.every((t) => t === 'pass'), `${records[i]!.id}: ${o.tests.join('; ')}`).toBe(true);
      expect(o.tests).toHaveLength(fn(records[i]!).tests.length);
    });
  });

  it('the harness does catch a wrong solution (each test judged apart)', async () => {
    const r = fn(importMbpp(ORIGINAL, 'o.jsonl')[0]!);
    const [o] = await runPayloads([{ ...r, reference: 'def double_all(nums):\n    return nums[:1] * 2' }]);
    expect(o!.tests[0]).toMatch(/^fail: AssertionError/);
    expect(o!.tests[1]).toBe('pass');
    expect(o!.tests[2]).toMatch(/^fail: AssertionError/);
  });
});
