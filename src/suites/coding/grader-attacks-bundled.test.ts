// Every attack of __fixtures__/attacks.ts against every bundled function task, at every isolation
// level (rlimit with --unsafe, as a run of model-written code needs it). The attacks come in rounds
// (attacks.ts: one combined submission of every setup that lets the process live on, then each
// attack with a body of its own or that ends the process): 7 submissions per task, none may pass.
// Control: the task's reference, graded by the same sandbox and harness, passes, so a failing
// attack is the grader holding, not grading broken for everyone.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { createSandbox, detectIsolation, ISOLATION_LEVELS } from '../../sandbox/index.ts';
import { checkIsolationPolicy, withPolicy } from '../../sandbox/policy.ts';
import type { Isolation } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import { ATTACKS, rounds, type FunctionTask } from './__fixtures__/attacks.ts';
import { gradeCoding } from './grader.ts';

const dir = fileURLToPath(new URL('../../../datasets/coding/', import.meta.url));
const bundled = loadTasks(
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => dir + f),
).filter((t) => t.payload.kind === 'function') as FunctionTask[];

const working: Isolation[] = [];
for (const level of ISOLATION_LEVELS) if (await detectIsolation({ isolation: level }).then(() => true, () => false)) working.push(level);
const missing = ISOLATION_LEVELS.filter((l) => !working.includes(l));

it('the bundled tasks are all here, every attack is in a round, and CI (root, bubblewrap installed) has every level', () => {
  expect(bundled.length).toBeGreaterThan(150);
  for (const task of bundled) expect(new Set(rounds(task).flatMap((r) => r.attacks))).toEqual(new Set(Object.keys(ATTACKS)));
  // CI runs as root with bubblewrap installed: a level missing there would silently shrink the product.
  if (process.env.CI) expect(missing).toEqual([]);
});

describe.each(working)('every attack on every bundled function task under %s', (level) => {
  it('fails; the reference passes', async () => {
    if (level === 'rlimit') expect(() => checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true })).toThrow(/cannot stop model-written code/);
    const sandbox = withPolicy(await createSandbox({ isolation: level, defaults: { timeoutMs: 8000 } }), checkIsolationPolicy({ isolation: level, unsafe: true, modelCode: true }));
    const limit = pLimit(4);
    const jobs: Promise<string | null>[] = [];
    let graded = 0;
    for (const task of bundled) {
      for (const round of rounds(task)) {
        jobs.push(
          limit(async () => {
            const g = await gradeCoding(task, { kind: 'code', code: round.code }, sandbox);
            graded++;
            return g.passed ? `${round.name} passed ${task.id}: ${g.reason}` : null;
          }),
        );
      }
      jobs.push(
        limit(async () => {
          const g = await gradeCoding(task, { kind: 'code', code: task.payload.reference }, sandbox);
          return g.passed ? null : `the reference of ${task.id} failed: ${g.reason}`;
        }),
      );
    }
    const wrong = (await Promise.all(jobs)).filter(Boolean);
    expect(wrong).toEqual([]);
    expect(graded).toBe(bundled.length * rounds(bundled[0]!).length);
  }, 300_000);
});
