// `sale datasets validate --reference` for coding tasks: every reference passes all of its hidden
// tests, and a trivial stub fails every task (so the tests test something).
import pLimit from 'p-limit';
import type { Sandbox } from '../../sandbox/types.ts';
import type { Task } from '../../tasks/types.ts';
import { runFunctionTests } from './grader.ts';

export interface ReferenceCheck {
  taskId: string;
  bin: number;
  ok: boolean;
  problems: string[];
}

/** A stub that defines the entry point and returns None. */
export const stubFor = (entryPoint: string) => `def ${entryPoint}(*args, **kwargs):\n    return None\n`;

export async function checkReference(task: Task, sandbox: Sandbox): Promise<ReferenceCheck> {
  const p = task.payload;
  const problems: string[] = [];
  if (p.kind === 'function') {
    const ref = await runFunctionTests(sandbox, p, p.reference);
    if (ref.failure) problems.push(`reference run failed: ${ref.failure}`);
    else if (ref.loadError) problems.push(`reference does not load: ${ref.loadError}`);
    else {
      ref.results.forEach((r, i) => {
        if (!r.ok) problems.push(`reference fails test ${i}: ${r.error ?? ''}`);
      });
    }
    const stub = await runFunctionTests(sandbox, p, stubFor(p.entry_point));
    if (!stub.failure && !stub.loadError && stub.results.length === p.tests.length && stub.results.every((r) => r.ok)) {
      problems.push('a stub returning None passes every test: the tests check nothing');
    }
  } else if (p.kind === 'multiple_choice') {
    if (!(p.answer in p.options)) problems.push(`answer ${p.answer} is not an option`);
    const texts = Object.values(p.options).map((o) => o.trim());
    if (new Set(texts).size !== texts.length) problems.push('two options have the same text');
  }
  return { taskId: task.id, bin: task.bin, ok: problems.length === 0, problems };
}

export async function checkReferences(
  tasks: Task[],
  sandbox: Sandbox,
  options: { concurrency?: number; onResult?: (c: ReferenceCheck) => void } = {},
): Promise<ReferenceCheck[]> {
  const limit = pLimit(options.concurrency ?? 4);
  return Promise.all(
    tasks.map((t) =>
      limit(async () => {
        const c = await checkReference(t, sandbox);
        options.onResult?.(c);
        return c;
      }),
    ),
  );
}
