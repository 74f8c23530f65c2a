// `sale datasets audit` for coding tasks: three shortcut solvers run through the hidden tests.
//  - stub: a function returning None (multiple choice: no answer). A suite whose stub passes tests nothing.
//  - mutant: the reference with one small mutation (the `--mutants` machinery, one mutant per task, seeded);
//    solved when the mutant passes every test, i.e. the tests miss a one-token bug.
//  - examples: the prompt's own examples copied as a lookup table (audit-examples.ts).
// Multiple-choice tasks count for the stub only (they have no tests to pass).
import pLimit from 'p-limit';
import { rowsOf, type AuditRow, type SolverOutcome } from '../deepsearch/audit/rows.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { FunctionPayload, Task } from '../../tasks/types.ts';
import { examplesSolution } from './audit-examples.ts';
import { runFunctionTests, type FunctionTestReport } from './grader.ts';
import { generateMutants, killedBy, MUTANT_TIMEOUT_MS } from './mutants/index.ts';
import { stubFor } from './validate.ts';

export interface CodingAuditOptions {
  concurrency?: number;
  /** Run the mutant shortcut (one sandbox run per function task more). */
  mutants?: boolean;
  seed?: number;
}

export interface CodingAudit {
  rows: AuditRow[];
  /** Tasks a shortcut solved (ids per solver), for the report. */
  solved: Record<string, string[]>;
}

const passes = (r: FunctionTestReport, tests: number) => killedBy(r) === null && r.results.length === tests;

export async function auditCoding(suite: string, tasks: Task[], sandbox: Sandbox, options: CodingAuditOptions = {}): Promise<CodingAudit> {
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const fns = tasks.filter((t): t is Task & { payload: FunctionPayload } => t.payload.kind === 'function');
  const solved: Record<string, string[]> = { stub: [], examples: [], mutant: [] };
  const stub: SolverOutcome[] = tasks.filter((t) => t.payload.kind === 'multiple_choice').map((t) => ({ bin: t.bin, solved: false }));
  const examples: SolverOutcome[] = [];
  await Promise.all(
    fns.map((t) =>
      limit(async () => {
        const s = passes(await runFunctionTests(sandbox, t.payload, stubFor(t.payload.entry_point)), t.payload.tests.length);
        stub.push({ bin: t.bin, solved: s });
        if (s) solved.stub!.push(t.id);
        const code = examplesSolution(t.prompt, t.payload.entry_point);
        if (code === null) return;
        const e = passes(await runFunctionTests(sandbox, t.payload, code), t.payload.tests.length);
        examples.push({ bin: t.bin, solved: e });
        if (e) solved.examples!.push(t.id);
      }),
    ),
  );
  const rows = [...rowsOf(suite, 'stub', stub), ...rowsOf(suite, 'examples', examples)];
  if (options.mutants) {
    const generated = await generateMutants(sandbox, fns.map((t) => ({ key: t.id, source: t.payload.reference })), { maxPerTask: 1, seed: options.seed ?? 0 });
    const byKey = new Map(generated.map((g) => [g.key, g]));
    const outcomes: SolverOutcome[] = [];
    // A mutant may loop: it gets a short wall-clock limit (a timeout is a failure, as in --mutants).
    const quick: Sandbox = { ...sandbox, runPython: (r) => sandbox.runPython({ ...r, limits: { timeoutMs: MUTANT_TIMEOUT_MS * 2, ...r.limits } }) };
    await Promise.all(
      fns.map((t) =>
        limit(async () => {
          const m = byKey.get(t.id)?.mutants.find((x) => x.viable);
          if (!m) return;
          const s = passes(await runFunctionTests(quick, t.payload, m.code), t.payload.tests.length);
          outcomes.push({ bin: t.bin, solved: s });
          if (s) solved.mutant!.push(t.id);
        }),
      ),
    );
    rows.push(...rowsOf(suite, 'mutant', outcomes));
  }
  return { rows, solved };
}
