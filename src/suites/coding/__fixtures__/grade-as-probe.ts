// Test fixture for grader-non-root.test.ts, run as an unprivileged user: grades every attack round
// (attacks.ts) and the reference of each fixture function task under one isolation level, with the
// policy a run of model-written code gets (rlimit only with --unsafe), and prints one JSON line.
// argv: isolation level.
import { fileURLToPath } from 'node:url';
import { checkIsolationPolicy, createSandbox, detectIsolation, withPolicy } from '../../../sandbox/index.ts';
import type { Isolation } from '../../../sandbox/types.ts';
import { loadTasks } from '../../../tasks/load.ts';
import { gradeCoding } from '../grader.ts';
import { rounds, type FunctionTask } from './attacks.ts';

const level = process.argv[2] as Isolation;
const works = await detectIsolation({ isolation: level }).then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (works !== null) {
  console.log(JSON.stringify({ works: false, why: works }));
  process.exit(0);
}
if (level === 'rlimit') {
  // Not root, rlimit is refused for model-written code: the program runs as our own user and can
  // open the harness's pipes through /proc (it hangs or forges the grading), so nothing is graded.
  let refused: string | null = null;
  try {
    checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true });
  } catch (e) {
    refused = (e as Error).message;
  }
  console.log(JSON.stringify({ works: true, uid: process.getuid?.(), refused }));
  process.exit(0);
}
const tasks = loadTasks([fileURLToPath(new URL('../../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).filter((t) => t.payload.kind === 'function') as FunctionTask[];
const sandbox = withPolicy(await createSandbox({ isolation: level, defaults: { timeoutMs: 8000 } }), checkIsolationPolicy({ isolation: level, unsafe: true, modelCode: true }));
const passedAttacks: string[] = [];
const failedReferences: string[] = [];
let graded = 0;
for (const task of tasks) {
  const jobs = rounds(task).map(async (round) => {
    const g = await gradeCoding(task, { kind: 'code', code: round.code }, sandbox);
    graded++;
    if (g.passed) passedAttacks.push(`${round.name} on ${task.id}: ${g.reason}`);
  });
  jobs.push(
    gradeCoding(task, { kind: 'code', code: task.payload.reference }, sandbox).then((g) => {
      if (!g.passed) failedReferences.push(`${task.id}: ${g.reason}`);
    }),
  );
  await Promise.all(jobs);
}
console.log(JSON.stringify({ works: true, uid: process.getuid?.(), tasks: tasks.length, graded, passedAttacks, failedReferences }));
