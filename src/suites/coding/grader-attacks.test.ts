// Hostile submissions against the grader, at every isolation level that works here. Each attack
// runs on tasks whose reference is withheld (the submission does not know the answers): it must
// fail. A control run of the same shape with a correct body passes, so a failure is the grader
// holding, not the attack crashing. Every bundled function task meets every attack in
// grader-attacks-bundled.test.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSandbox, detectIsolation, ISOLATION_LEVELS } from '../../sandbox/index.ts';
import type { Isolation } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { FunctionPayload, Task } from '../../tasks/types.ts';
import { ATTACKS, submission } from './__fixtures__/attacks.ts';
import { gradeCoding } from './grader.ts';

const fixtures = loadTasks([fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
const fnTasks = fixtures.filter((t) => t.payload.kind === 'function') as (Task & { payload: FunctionPayload })[];

const working: Isolation[] = [];
for (const level of ISOLATION_LEVELS) if (await detectIsolation({ isolation: level }).then(() => true, () => false)) working.push(level);

describe.each(working)('grading under %s cannot be forged', (level) => {
  it('every attack fails on fixture tasks whose reference it lacks; the same setup with a correct body passes where it can', async () => {
    const sandbox = await createSandbox({ isolation: level, defaults: { timeoutMs: 5000 } });
    const jobs: Promise<[string, string, boolean, string]>[] = [];
    // Each attack on two fixture tasks (rotating over them).
    Object.entries(ATTACKS).forEach(([name, attack], i) => {
      for (const task of [fnTasks[i % fnTasks.length]!, fnTasks[(i + 1) % fnTasks.length]!]) {
        jobs.push(gradeCoding(task, { kind: 'code', code: submission(task, attack) }, sandbox).then((g) => [name, task.id, g.passed, g.reason]));
      }
    });
    const results = await Promise.all(jobs);
    const passed = results.filter(([, , ok]) => ok).map(([name, id, , why]) => `${name} on ${id}: ${why}`);
    expect(passed).toEqual([]);
    // Controls: with a correct body the same setups pass (an attack that writes into its own answer
    // channel, exits or breaks isinstance only breaks its own process, so it has no control).
    for (const name of ['reads the tests from its folder and prints a fake report', 'monkeypatches the test runner (exec, compile, __debug__, AssertionError)', 'reads /proc/self and its parents (cmdline, environ, fds)', "reads the parent's environment"]) {
      const task = fnTasks[0]!;
      const g = await gradeCoding(task, { kind: 'code', code: submission(task, ATTACKS[name]!, true) }, sandbox);
      expect(g.passed, `${name}: ${g.reason}`).toBe(true);
    }
  }, 120_000);
});
