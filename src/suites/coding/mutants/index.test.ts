import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/types.ts';
import { loadTasks } from '../../../tasks/load.ts';
import type { FunctionPayload, Task } from '../../../tasks/types.ts';
import { killedBy, scoreMutants, weakestFirst, type MutationReport, type TaskMutationScore } from './index.ts';

const FIXTURE = fileURLToPath(new URL('../../../../tests/fixtures/mutants-mini.jsonl', import.meta.url));
const tasks = loadTasks([FIXTURE]);
const byId = (id: string) => tasks.find((t) => t.id === id)!;
const withPayload = (t: Task, p: Partial<FunctionPayload>, id = t.id): Task => ({ ...t, id, payload: { ...(t.payload as FunctionPayload), ...p } });

let sandbox: Sandbox;
let report: MutationReport;
const score = (id: string) => report.tasks.find((t) => t.taskId === id)!;
beforeAll(async () => {
  sandbox = await createSandbox();
  report = await scoreMutants(tasks, sandbox, { concurrency: 2 });
});

describe('scoreMutants', () => {
  it('reports equivalent mutants as surviving and counts them', () => {
    // abs_val: `x < 0` → `x <= 0` and `x < 1` return -0 == 0 for x = 0: no test can tell them apart.
    const abs = score('mutmini/abs');
    expect(abs).toMatchObject({ generated: 5, viable: 5, killed: 3, score: 0.6, error: null });
    expect(abs.surviving.map((m) => [m.operator, m.line])).toEqual([
      ['flip-comparison', 2],
      ['add-one', 2],
    ]);
    expect(abs.surviving[0]!.diff).toContain('+    if x <= 0:');
    expect(abs.surviving[1]!.diff).toContain('+    if x < 1:');
  });

  it('scores a strong task 1 and a HumanEval-style check(candidate) task by its one snippet', () => {
    expect(score('mutmini/count-below')).toMatchObject({ viable: 6, killed: 6, score: 1, surviving: [] });
    const parity = score('mutmini/parity');
    expect(parity).toMatchObject({ viable: 7, killed: 6 });
    expect(parity.surviving).toEqual([expect.objectContaining({ operator: 'return-none', line: 4 })]);
    expect(parity.killedBy).toEqual({ 'test failed': 6 });
  });

  it('exempts multiple-choice tasks and totals over function tasks', () => {
    expect(report.skipped).toEqual([{ taskId: 'mutmini/mc', reason: 'multiple choice (exempt)' }]);
    expect(report.tasks).toHaveLength(3);
    expect(report.overall).toEqual({ viable: 18, killed: 15, score: 15 / 18 });
    expect(weakestFirst(report.tasks).map((t) => t.taskId)).toEqual(['mutmini/abs', 'mutmini/parity', 'mutmini/count-below']);
  });

  it('counts a mutant that loops forever as killed (timeout) and carries on', async () => {
    const loop = withPayload(
      byId('mutmini/count-below'),
      {
        entry_point: 'steps_to_zero',
        reference: 'def steps_to_zero(n):\n    steps = 0\n    while n > 0:\n        n -= 1\n        steps += 1\n    return steps\n',
        tests: ['assert steps_to_zero(0) == 0', 'assert steps_to_zero(1) == 1', 'assert steps_to_zero(5) == 5', 'assert steps_to_zero(-3) == 0'],
      },
      'mutmini/loop',
    );
    const seen: string[] = [];
    const started = Date.now();
    const r = await scoreMutants([loop, byId('mutmini/abs')], sandbox, { maxPerTask: 20, mutantTimeoutMs: 1000, concurrency: 2, onTask: (s) => seen.push(s.taskId) });
    const s = r.tasks.find((t) => t.taskId === 'mutmini/loop')!;
    // `n -= 1` → `n += 1` never ends, nor does `while not n > 0` on steps_to_zero(-3); every other
    // mutant fails a test.
    expect(s).toMatchObject({ generated: 9, viable: 9, killed: 9, score: 1 });
    expect(s.killedBy).toEqual({ timeout: 2, 'test failed': 7 });
    expect(seen.sort()).toEqual(['mutmini/abs', 'mutmini/loop']);
    expect(r.tasks.find((t) => t.taskId === 'mutmini/abs')!.score).toBe(0.6);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('a task whose reference fails its own tests gets an error, not a score of 1', async () => {
    const broken = withPayload(byId('mutmini/abs'), { tests: ['assert abs_val(-3) == 4'] });
    const r = await scoreMutants([broken], sandbox);
    expect(r.tasks[0]).toMatchObject({ score: null, killed: 0 });
    expect(r.tasks[0]!.error).toMatch(/reference does not pass its own tests \(test 0 failed\)/);
    expect(r.overall).toEqual({ viable: 0, killed: 0, score: null });
  });

  it('stable: the same seed scores the same mutants', async () => {
    const again = await scoreMutants([byId('mutmini/abs')], sandbox, { maxPerTask: 3, seed: 7 });
    const twice = await scoreMutants([byId('mutmini/abs')], sandbox, { maxPerTask: 3, seed: 7 });
    const sig = (t: TaskMutationScore) => [t.generated, t.killed, t.surviving.map((m) => m.diff)];
    expect(sig(again.tasks[0]!)).toEqual(sig(twice.tasks[0]!));
    expect(again.tasks[0]!.generated).toBe(3);
  });

  it('killedBy: load errors and limits kill, a clean run survives', () => {
    const base = { results: [], sandboxStatus: 'ok', durationMs: 1 };
    expect(killedBy({ ...base, loadError: 'SyntaxError', failure: null })).toMatch(/^load error/);
    expect(killedBy({ ...base, loadError: null, failure: 'timeout' })).toBe('timeout');
    expect(killedBy({ ...base, loadError: null, failure: null, results: [{ ok: true }, { ok: false }] })).toBe('test 1 failed');
    expect(killedBy({ ...base, loadError: null, failure: null, results: [{ ok: true }] })).toBeNull();
  });
});
