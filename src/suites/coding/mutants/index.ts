// Mutation score of coding tasks' hidden tests (`sale datasets validate --mutants`, issue 8).
//
// For every function task: generate up to N small mutants of the reference with Python's own `ast`
// (mutate.py, run in the sandbox), run the hidden tests on each viable mutant with the grader's own
// harness (runFunctionTests), and count the mutants the tests kill. score = killed / viable.
//
// Decisions where the issue is silent:
// - A mutant is killed when any test fails, it fails to load, or its run ends without a report
//   (timeout, memory or CPU limit, crash): an infinite loop is a caught bug, not a harness failure.
// - Mutant runs get a short wall-clock limit: max(3 s, 4 × the reference's own run time), so a
//   looping mutant costs seconds, and a slow-but-correct reference does not make every mutant time out.
// - The reference is run first (normal limits): if it does not pass its own tests, the task's score
//   would be meaningless (every mutant "killed"), so the task gets an error instead of a score.
// - Tasks run `concurrency` at a time and sandbox runs are capped at `concurrency` overall (two
//   limiters, never nested on the same one, so they cannot deadlock).
// - Mutants are generated for many tasks per sandbox run (GENERATE_BATCH), since parsing is cheap
//   and a sandbox start is not.
// - Multiple-choice (and any non-function) tasks are exempt and listed as skipped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { SandboxError } from '../../../errors.ts';
import type { Sandbox, SandboxRequest } from '../../../sandbox/types.ts';
import type { FunctionPayload, Task } from '../../../tasks/types.ts';
import { runFunctionTests, type FunctionTestReport } from '../grader.ts';

const MUTATOR = readFileSync(fileURLToPath(new URL('./mutate.py', import.meta.url)), 'utf8');

export const MUTATION_OPERATORS = ['flip-comparison', 'swap-arithmetic', 'add-one', 'swap-boolean', 'negate-condition', 'return-none'] as const;
export type MutationOperator = (typeof MUTATION_OPERATORS)[number];

export const DEFAULT_MAX_MUTANTS = 8;
/** Floor of the wall-clock limit of one mutant's test run. */
export const MUTANT_TIMEOUT_MS = 3_000;
/** A mutant may take this many times the reference's run time before it counts as looping. */
const SLOWDOWN = 4;
const GENERATE_BATCH = 25;

export interface Mutant {
  operator: MutationOperator;
  /** Line and column (both 1-based) of the mutated node in the original reference. */
  line: number;
  col: number;
  description: string;
  /** ast.unparse of the mutant. */
  code: string;
  /** Unified diff of ast.unparse(original) → ast.unparse(mutant). */
  diff: string;
  /** Changed the code, is not a duplicate of an earlier mutant, and compiles. */
  viable: boolean;
  /** Why not viable: "unchanged", "duplicate", "does not compile: …". */
  reason: string | null;
}

export interface GeneratedMutants {
  key: string;
  /** Mutation sites found in the reference (before sampling). */
  sites: number;
  mutants: Mutant[];
  error: string | null;
}

export interface GenerateOptions {
  maxPerTask?: number;
  seed?: number;
}

/** Generate mutants for several sources in one sandbox run (keys must be unique). */
export async function generateMutants(
  sandbox: Sandbox,
  jobs: { key: string; source: string }[],
  options: GenerateOptions = {},
): Promise<GeneratedMutants[]> {
  if (!jobs.length) return [];
  const spec = { max: options.maxPerTask ?? DEFAULT_MAX_MUTANTS, seed: options.seed ?? 0, jobs };
  const r = await sandbox.runPython({
    code: MUTATOR,
    files: { 'jobs.json': JSON.stringify(spec) },
    // Trusted code that only parses the references; the output carries every mutant's code and diff.
    limits: { timeoutMs: 60_000, cpuSeconds: 60, maxOutputBytes: 64 * 1024 * 1024 },
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let parsed: { results?: GeneratedMutants[]; fatal?: string };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    throw new SandboxError(`the mutant generator failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (parsed.fatal || !parsed.results) throw new SandboxError(parsed.fatal ?? 'the mutant generator returned no results', { fix: 'run the sandbox with Python 3.9 or later' });
  return parsed.results;
}

/** How a mutant was killed, or null when it survived. */
export function killedBy(report: FunctionTestReport): string | null {
  if (report.failure) return report.failure; // "timeout", "memory limit", ...
  if (report.loadError) return `load error: ${report.loadError}`;
  const bad = report.results.findIndex((r) => !r.ok);
  if (bad >= 0) return `test ${bad} failed`;
  return null;
}

export interface SurvivingMutant {
  operator: MutationOperator;
  line: number;
  col: number;
  description: string;
  diff: string;
}

export interface TaskMutationScore {
  taskId: string;
  bin: number;
  /** Mutation sites in the reference. */
  sites: number;
  generated: number;
  viable: number;
  killed: number;
  surviving: SurvivingMutant[];
  /** killed / viable; null when no mutant is viable (or on error). */
  score: number | null;
  /** What killed each killed mutant, by kind ("test failed", "timeout", "load error", ...). */
  killedBy: Record<string, number>;
  /** The task could not be scored (reference does not parse or fails its own tests). */
  error: string | null;
  durationMs: number;
}

export interface MutationReport {
  tasks: TaskMutationScore[];
  skipped: { taskId: string; reason: string }[];
  overall: { viable: number; killed: number; score: number | null };
  maxPerTask: number;
  seed: number;
  durationMs: number;
}

export interface ScoreOptions {
  maxPerTask?: number;
  seed?: number;
  concurrency?: number;
  /** Floor of a mutant run's wall-clock limit (default MUTANT_TIMEOUT_MS). */
  mutantTimeoutMs?: number;
  onTask?: (score: TaskMutationScore) => void;
}

/** The same sandbox, with some limits overridden for every run (a request's own limits still win). */
function withLimits(sandbox: Sandbox, limits: SandboxRequest['limits']): Sandbox {
  return {
    isolation: sandbox.isolation,
    warnings: sandbox.warnings,
    ...(sandbox.python ? { python: sandbox.python } : {}),
    runPython: (request) => sandbox.runPython({ ...request, limits: { ...limits, ...request.limits } }),
  };
}

const kindOf = (how: string) => (/^test \d+ failed$/.test(how) ? 'test failed' : how.startsWith('load error') ? 'load error' : how);

export async function scoreMutants(tasks: Task[], sandbox: Sandbox, options: ScoreOptions = {}): Promise<MutationReport> {
  const started = performance.now();
  const maxPerTask = options.maxPerTask ?? DEFAULT_MAX_MUTANTS;
  const seed = options.seed ?? 0;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const floorMs = options.mutantTimeoutMs ?? MUTANT_TIMEOUT_MS;
  const runLimit = pLimit(concurrency);
  const taskLimit = pLimit(concurrency);

  const skipped: MutationReport['skipped'] = [];
  const fns: (Task & { payload: FunctionPayload })[] = [];
  for (const t of tasks) {
    if (t.payload.kind === 'function') fns.push(t as Task & { payload: FunctionPayload });
    else skipped.push({ taskId: t.id, reason: t.payload.kind === 'multiple_choice' ? 'multiple choice (exempt)' : `${t.payload.kind} task` });
  }

  // Generate every task's mutants first, in batches.
  const batches: (typeof fns)[] = [];
  for (let i = 0; i < fns.length; i += GENERATE_BATCH) batches.push(fns.slice(i, i + GENERATE_BATCH));
  const generated = new Map<string, GeneratedMutants>();
  await Promise.all(
    batches.map((b) =>
      runLimit(async () => {
        const out = await generateMutants(sandbox, b.map((t) => ({ key: t.id, source: t.payload.reference })), { maxPerTask, seed });
        for (const g of out) generated.set(g.key, g);
      }),
    ),
  );

  const scoreTask = async (task: Task & { payload: FunctionPayload }): Promise<TaskMutationScore> => {
    const t0 = performance.now();
    const gen = generated.get(task.id) ?? { key: task.id, sites: 0, mutants: [], error: 'the mutant generator returned nothing for this task' };
    const viable = gen.mutants.filter((m) => m.viable);
    const base: TaskMutationScore = {
      taskId: task.id,
      bin: task.bin,
      sites: gen.sites,
      generated: gen.mutants.length,
      viable: viable.length,
      killed: 0,
      surviving: [],
      score: null,
      killedBy: {},
      error: gen.error,
      durationMs: 0,
    };
    const done = () => ({ ...base, durationMs: Math.round(performance.now() - t0) });
    if (gen.error) return done();
    if (!viable.length) return done();

    const ref = await runLimit(() => runFunctionTests(sandbox, task.payload, task.payload.reference));
    const refProblem = killedBy(ref);
    if (refProblem) {
      base.error = `the reference does not pass its own tests (${refProblem}); run \`sale datasets validate --reference\``;
      return done();
    }
    const quick = withLimits(sandbox, { timeoutMs: Math.max(floorMs, SLOWDOWN * ref.durationMs) });
    const outcomes = await Promise.all(viable.map((m) => runLimit(async () => killedBy(await runFunctionTests(quick, task.payload, m.code)))));
    viable.forEach((m, i) => {
      const how = outcomes[i];
      if (how) {
        base.killed++;
        const k = kindOf(how);
        base.killedBy[k] = (base.killedBy[k] ?? 0) + 1;
      } else {
        base.surviving.push({ operator: m.operator, line: m.line, col: m.col, description: m.description, diff: m.diff });
      }
    });
    base.score = base.killed / base.viable;
    return done();
  };

  const scores = await Promise.all(
    fns.map((t) =>
      taskLimit(async () => {
        const s = await scoreTask(t);
        options.onTask?.(s);
        return s;
      }),
    ),
  );
  const counted = scores.filter((s) => s.score !== null);
  const v = counted.reduce((a, s) => a + s.viable, 0);
  const k = counted.reduce((a, s) => a + s.killed, 0);
  return {
    tasks: scores,
    skipped,
    overall: { viable: v, killed: k, score: v ? k / v : null },
    maxPerTask,
    seed,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Tasks weakest first: lowest score, then most survivors, then id. Tasks without a score go last. */
export function weakestFirst(tasks: TaskMutationScore[]): TaskMutationScore[] {
  return [...tasks].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null && b.score === null ? a.taskId.localeCompare(b.taskId) : a.score === null ? 1 : -1;
    return a.score - b.score || b.surviving.length - a.surviving.length || a.taskId.localeCompare(b.taskId);
  });
}
