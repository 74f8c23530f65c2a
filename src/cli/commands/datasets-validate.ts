import chalk from 'chalk';
import type { Command } from 'commander';
import { ConfigError, ExitError } from '../../errors.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { DEFAULT_MAX_MUTANTS, MUTANT_TIMEOUT_MS, scoreMutants, weakestFirst, type TaskMutationScore } from '../../suites/coding/mutants/index.ts';
import { checkReferences } from '../../suites/coding/validate.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { intFlag } from '../options.ts';
import { pathsFor, perBin } from './datasets-shared.ts';
import { reportDeepsearchReferences } from './datasets-validate-deepsearch.ts';

export function registerDatasetsValidate(datasets: Command): void {
  datasets
    .command('validate [path]')
    .description('check task files against the schema; with --reference, run every reference solution and a stub through the hidden tests')
    .option('--reference', 'prove every reference passes its tests and a trivial stub fails every task')
    .option('--min-per-bin <n>', 'fail when a bin has fewer tasks than this')
    .option('--mutants', 'score the hidden tests: run small mutants of every reference through them; a strong suite kills nearly all')
    .option('--max-mutants <n>', 'with --mutants: mutants per function task', String(DEFAULT_MAX_MUTANTS))
    .option('--min-score <x>', 'with --mutants: fail when the overall mutation score is below x (0-1)', '0.95')
    .option('--min-task-score <x>', 'with --mutants: fail when any function task scores below x (0-1)', '0.75')
    .option('--seed <n>', 'with --mutants: seed of the mutant selection (combined with each task id)', '0')
    .option('--concurrency <n>', 'sandbox runs at once', '4')
    .option('--config <dir>', 'configuration folder')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ sale datasets validate',
        '  $ sale datasets validate --reference',
        '  $ sale datasets validate --reference datasets/imported/mbpp.jsonl',
        '  $ sale datasets validate --mutants                       # mutation score of the bundled coding tests',
        '  $ sale datasets validate --mutants datasets/coding/b4-interview-medium.jsonl --min-score 0.99',
        '  $ sale datasets validate --mutants datasets/imported/humaneval.jsonl --min-score 0 --min-task-score 0',
        '',
        "With --mutants, each function task's reference gets up to --max-mutants small bugs (a flipped",
        'comparison, a swapped arithmetic or boolean operator, a constant plus one, a negated if/while',
        'condition, a return None); the score is the share the hidden tests catch. A mutant still running',
        `after max(${MUTANT_TIMEOUT_MS / 1000} s, 4× the reference's run time) counts as caught. Multiple-choice tasks are exempt.`,
        'Surviving mutants are shown for the weakest tasks; some are equivalent (no test could catch them),',
        'so read them before adding tests.',
      ].join('\n'),
    )
    .action(async (path: string | undefined, flags: ValidateFlags) => {
      let failed = false;
      const minPerBin = intFlag('--min-per-bin', flags.minPerBin, 0);
      const concurrency = intFlag('--concurrency', flags.concurrency, 1) ?? 4;
      const mutantOptions = flags.mutants
        ? {
            maxPerTask: intFlag('--max-mutants', flags.maxMutants, 1) ?? DEFAULT_MAX_MUTANTS,
            seed: intFlag('--seed', flags.seed, 0) ?? 0,
            minScore: fractionFlag('--min-score', flags.minScore),
            minTaskScore: fractionFlag('--min-task-score', flags.minTaskScore),
            concurrency,
          }
        : null;
      const problems: string[] = [];
      for (const { name, paths } of pathsFor(path, flags)) {
        const tasks = loadTasks(paths); // throws with file:line on any schema problem
        const counts = perBin(tasks);
        process.stdout.write(`${chalk.bold(name)}: ${tasks.length} tasks valid; per bin ${BIN_LABELS.map((l, i) => `${l}: ${counts[i]}`).join(', ')}\n`);
        if (minPerBin !== undefined) {
          const thin = counts.map((n, i) => [n, i] as const).filter(([n]) => n < minPerBin);
          for (const [n, i] of thin) process.stdout.write(chalk.red(`  bin ${BIN_LABELS[i]} has ${n} tasks, fewer than ${minPerBin}\n`));
          if (thin.length) failed = true;
        }
        if (flags.reference && !reportDeepsearchReferences(name, tasks, flags)) failed = true;
        if (!flags.reference && !mutantOptions) continue;
        const sandbox = await createSandbox();
        const coding = tasks.filter((t) => t.domain === 'coding');
        if (flags.reference && coding.length) {
          const checks = await checkReferences(coding, sandbox, { concurrency });
          const bad = checks.filter((c) => !c.ok);
          for (const c of bad) process.stdout.write(chalk.red(`  ${c.taskId}: ${c.problems.join('; ')}\n`));
          const fns = coding.filter((t) => t.payload.kind === 'function').length;
          process.stdout.write(
            `  references: ${checks.length - bad.length}/${checks.length} tasks ok (${fns} function tasks: reference passes, stub fails; ${coding.length - fns} multiple choice) [sandbox: ${sandbox.isolation}]\n`,
          );
          if (bad.length) failed = true;
        }
        if (mutantOptions) {
          const problem = await reportMutants(name, coding, sandbox, mutantOptions);
          if (problem) problems.push(problem);
        }
      }
      if (problems.length) throw new ExitError(1, chalk.red(problems.join('\n')));
      if (failed) throw new ExitError(1, chalk.red('validation failed'));
    });

}

interface ValidateFlags {
  reference?: boolean;
  mutants?: boolean;
  maxMutants: string;
  minScore: string;
  minTaskScore: string;
  seed: string;
  minPerBin?: string;
  concurrency: string;
  config?: string;
}

function fractionFlag(name: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new ConfigError([`${name}: '${value}' is not a number between 0 and 1`]);
  return x;
}

// --mutants decisions (the issue is silent): suites are scored one at a time with the sandbox's default
// limits (as --reference does), mutant runs with the short timeout of suites/coding/mutants; a task that
// cannot be scored (reference does not parse or fails its own tests) fails the command; tasks with no
// viable mutant print "n/a" and count neither way; the surviving diffs shown are those of every task
// under --min-task-score and of at least the 5 weakest tasks with survivors, at most 20 tasks.
/** Tasks whose surviving mutants are printed: every task under the task threshold, at least this many of the weakest. */
const SHOW_SURVIVORS_MIN = 5;
const SHOW_SURVIVORS_MAX = 20;

const fmtScore = (s: number | null) => (s === null ? '  n/a' : s.toFixed(3));

/**
 * `--mutants` for one suite: score every function task, print per task (weakest first), the surviving
 * mutants of the weakest tasks and the overall score. Returns why the suite fails, or null.
 */
async function reportMutants(
  name: string,
  coding: Task[],
  sandbox: Sandbox,
  o: { maxPerTask: number; seed: number; minScore: number; minTaskScore: number; concurrency: number },
): Promise<string | null> {
  const out = (s: string) => process.stdout.write(s);
  const fnCount = coding.filter((t) => t.payload.kind === 'function').length;
  if (!fnCount) {
    out(`  mutants: no function tasks to score\n`);
    return null;
  }
  let done = 0;
  const tty = process.stderr.isTTY;
  const report = await scoreMutants(coding, sandbox, {
    maxPerTask: o.maxPerTask,
    seed: o.seed,
    concurrency: o.concurrency,
    onTask: () => {
      done++;
      if (tty) process.stderr.write(`\r  mutants: ${done}/${fnCount} tasks scored`);
    },
  });
  if (tty) process.stderr.write('\r\x1b[K');

  const ordered = weakestFirst(report.tasks);
  const below = (t: TaskMutationScore) => t.score !== null && t.score < o.minTaskScore;
  out(
    `  mutants: ≤${report.maxPerTask} per function task, seed ${report.seed}, a mutant run is stopped after max(${MUTANT_TIMEOUT_MS / 1000} s, 4× the reference's time) and counts as killed [sandbox: ${sandbox.isolation}]\n`,
  );
  out(`  ${'score'.padStart(5)}  ${'killed/viable'.padStart(13)}  ${'gen'.padStart(3)}  task\n`);
  for (const t of ordered) {
    if (t.error) {
      out(chalk.red(`  error  ${''.padStart(13)}  ${String(t.generated).padStart(3)}  ${t.taskId}: ${t.error}\n`));
      continue;
    }
    const note = t.score === null ? `  (no viable mutant; ${t.sites} mutation sites)` : below(t) ? `  ← below ${o.minTaskScore}` : '';
    const line = `  ${fmtScore(t.score)}  ${`${t.killed}/${t.viable}`.padStart(13)}  ${String(t.generated).padStart(3)}  ${t.taskId}${note}`;
    out(`${below(t) ? chalk.red(line) : t.score !== null && t.score < 1 ? chalk.yellow(line) : line}\n`);
  }

  const withSurvivors = ordered.filter((t) => t.surviving.length);
  const shown = withSurvivors.filter((t, i) => (below(t) || i < SHOW_SURVIVORS_MIN) && i < SHOW_SURVIVORS_MAX);
  if (shown.length) {
    out(`  surviving mutants of the weakest tasks (a test that fails on each would kill it; some may be equivalent to the reference):\n`);
    for (const t of shown) {
      out(chalk.bold(`  ${t.taskId} (score ${fmtScore(t.score)}, ${t.surviving.length} surviving):\n`));
      for (const m of t.surviving) {
        out(`    line ${m.line}:${m.col} ${m.operator}: ${m.description}\n`);
        for (const d of m.diff.split('\n')) {
          if (d.startsWith('---') || d.startsWith('+++')) continue;
          out(`      ${d.startsWith('-') ? chalk.red(d) : d.startsWith('+') ? chalk.green(d) : chalk.dim(d)}\n`);
        }
      }
    }
    if (withSurvivors.length > shown.length) out(`  (${withSurvivors.length - shown.length} more tasks with surviving mutants not shown)\n`);
  }

  const { viable, killed, score } = report.overall;
  const errors = report.tasks.filter((t) => t.error);
  const weak = ordered.filter(below);
  const generated = report.tasks.reduce((a, t) => a + t.generated, 0);
  out(
    `  ${chalk.bold('mutation score')}: ${killed}/${viable} viable mutants killed = ${fmtScore(score)} (min ${o.minScore}); ` +
      `${generated} generated, ${report.tasks.length} function tasks, ${weak.length} below ${o.minTaskScore}` +
      `${errors.length ? `, ${errors.length} not scored` : ''}; ${report.skipped.length} exempt (multiple choice or not code); ${(report.durationMs / 1000).toFixed(1)} s\n`,
  );

  const reasons: string[] = [];
  if (score !== null && score < o.minScore) reasons.push(`overall mutation score ${score.toFixed(3)} is below --min-score ${o.minScore}`);
  if (weak.length) reasons.push(`${weak.length} task${weak.length === 1 ? '' : 's'} below --min-task-score ${o.minTaskScore}`);
  if (errors.length) reasons.push(`${errors.length} task${errors.length === 1 ? '' : 's'} could not be scored (${errors.slice(0, 3).map((t) => t.taskId).join(', ')})`);
  if (!reasons.length) return null;
  const named = (weak.length ? weak : ordered.filter((t) => t.score !== null && t.score < 1)).slice(0, 10);
  const names = named.map((t) => `${t.taskId} (${fmtScore(t.score)})`).join(', ');
  return `${name}: ${reasons.join('; ')}${names ? `; weakest: ${names}${weak.length > named.length ? ', ...' : ''}` : ''}`;
}
