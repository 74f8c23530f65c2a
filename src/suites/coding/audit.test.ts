// The coding shortcuts of `sale datasets audit`: the examples-as-solution table and the per-bin rows,
// run through the real grader harness in the sandbox.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { examplesSolution, promptExamples } from './audit-examples.ts';
import { auditCoding } from './audit.ts';
import { runFunctionTests } from './grader.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

const fn = (id: string, prompt: string, tests: string[], bin: 1 | 2 = 2): Task => ({
  id, suite: 'm', domain: 'coding', prompt, tau: 1, tau_source: { kind: 'annotated', rationale: 'x' }, bin, origin: { file: 'm.jsonl', line: 1 },
  payload: { kind: 'function', entry_point: 'sq', tests, reference: 'def sq(x):\n    return x * x\n' },
});

describe('examples as the solution', () => {
  it('parses `f(args)` returns `value` and raises examples, in list or inline form', () => {
    const p = 'Examples:\n- `sq(3)` returns `9`\n- `sq(-2)` returns `4`; `sq("a")` raises `TypeError`.';
    expect(promptExamples(p, 'sq')).toEqual([
      { args: '3', kind: 'returns', value: '9' },
      { args: '-2', kind: 'returns', value: '4' },
      { args: '"a"', kind: 'raises', value: 'TypeError' },
    ]);
    expect(examplesSolution('no examples here', 'sq')).toBeNull();
  });

  it('passes tests that only repeat the examples and fails tests beyond them', async () => {
    const prompt = 'Square a number. Examples: `sq(3)` returns `9`; `sq(-2)` returns `4`; `sq("a")` raises `TypeError`.';
    const code = examplesSolution(prompt, 'sq')!;
    const payload = fn('t', prompt, []).payload as Extract<Task['payload'], { kind: 'function' }>;
    const same = await runFunctionTests(sandbox, { ...payload, tests: ['assert sq(3) == 9', 'assert sq(-2) == 4', 'try:\n    sq("a")\n    assert False\nexcept TypeError:\n    pass'] }, code);
    expect(same.results.map((r) => r.ok)).toEqual([true, true, true]);
    const beyond = await runFunctionTests(sandbox, { ...payload, tests: ['assert sq(5) == 25'] }, code);
    expect(beyond.results[0]!.ok).toBe(false);
  });
});

describe('auditCoding', () => {
  it('counts the stub (multiple choice included) and the examples shortcut per bin', async () => {
    const mini = loadTasks([fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
    const weak = fn('m/weak', 'Square x. Example: `sq(3)` returns `9`.', ['assert sq(3) == 9']);
    const strong = fn('m/strong', 'Square x. Example: `sq(3)` returns `9`.', ['assert sq(3) == 9', 'assert sq(4) == 16']);
    const a = await auditCoding('m', [...mini, weak, strong], sandbox, { concurrency: 2 });
    const stubRows = a.rows.filter((r) => r.solver === 'stub');
    expect(stubRows.reduce((s, r) => s + r.n, 0)).toBe(mini.length + 2);
    expect(stubRows.every((r) => r.solved === 0)).toBe(true);
    expect(a.solved.examples).toEqual(['m/weak']);
    const ex = a.rows.find((r) => r.solver === 'examples' && r.bin === 'le2.5')!;
    expect(ex).toMatchObject({ n: 2, solved: 1, rate: 0.5 });
  });
});
