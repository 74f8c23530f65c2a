import { isAbsolute, join, relative, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ExitError } from '../../errors.ts';
import { createSandbox } from '../../sandbox/index.ts';
import { importCodingDataset } from '../../suites/coding/import/index.ts';
import { checkReferences } from '../../suites/coding/validate.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { configFromFlags, intFlag } from '../options.ts';

const perBin = (tasks: Task[]) => [0, 1, 2, 3, 4].map((b) => tasks.filter((t) => t.bin === b).length);
const binHeader = () => BIN_LABELS.map((l) => `τ${l}`.padStart(8)).join('');

/** The task paths of every bundled suite, or the path given. */
function pathsFor(path: string | undefined, flags: { config?: string }): { name: string; paths: string[] }[] {
  if (path) return [{ name: relative(process.cwd(), resolve(path)) || path, paths: [resolve(path)] }];
  const config = configFromFlags(flags);
  return Object.entries(config.suites).map(([name, s]) => ({ name, paths: s.datasets.map((d) => (isAbsolute(d) ? d : join(config.root, d))) }));
}

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('list, validate and import task datasets');

  datasets
    .command('list')
    .description('list the suites and their tasks per τ bin')
    .option('--config <dir>', 'configuration folder')
    .addHelpText('after', '\nExample:\n  $ sale datasets list')
    .action((flags: { config?: string }) => {
      process.stdout.write(`${'suite'.padEnd(14)}${'tasks'.padStart(7)}${binHeader()}  files\n`);
      for (const { name, paths } of pathsFor(undefined, flags)) {
        const tasks = loadTasks(paths);
        process.stdout.write(`${name.padEnd(14)}${String(tasks.length).padStart(7)}${perBin(tasks).map((n) => String(n).padStart(8)).join('')}  ${paths.map((p) => relative(process.cwd(), p)).join(', ')}\n`);
      }
    });

  datasets
    .command('validate [path]')
    .description('check task files against the schema; with --reference, run every reference solution and a stub through the hidden tests')
    .option('--reference', 'prove every reference passes its tests and a trivial stub fails every task')
    .option('--min-per-bin <n>', 'fail when a bin has fewer tasks than this')
    .option('--concurrency <n>', 'sandbox runs at once', '4')
    .option('--config <dir>', 'configuration folder')
    .addHelpText('after', '\nExamples:\n  $ sale datasets validate\n  $ sale datasets validate --reference\n  $ sale datasets validate --reference datasets/imported/mbpp.jsonl')
    .action(async (path: string | undefined, flags: { reference?: boolean; minPerBin?: string; concurrency: string; config?: string }) => {
      let failed = false;
      const minPerBin = intFlag('--min-per-bin', flags.minPerBin, 0);
      for (const { name, paths } of pathsFor(path, flags)) {
        const tasks = loadTasks(paths); // throws with file:line on any schema problem
        const counts = perBin(tasks);
        process.stdout.write(`${chalk.bold(name)}: ${tasks.length} tasks valid; per bin ${BIN_LABELS.map((l, i) => `${l}: ${counts[i]}`).join(', ')}\n`);
        if (minPerBin !== undefined) {
          const thin = counts.map((n, i) => [n, i] as const).filter(([n]) => n < minPerBin);
          for (const [n, i] of thin) process.stdout.write(chalk.red(`  bin ${BIN_LABELS[i]} has ${n} tasks, fewer than ${minPerBin}\n`));
          if (thin.length) failed = true;
        }
        if (!flags.reference) continue;
        const sandbox = await createSandbox();
        const coding = tasks.filter((t) => t.domain === 'coding');
        const checks = await checkReferences(coding, sandbox, { concurrency: intFlag('--concurrency', flags.concurrency, 1) ?? 4 });
        const bad = checks.filter((c) => !c.ok);
        for (const c of bad) process.stdout.write(chalk.red(`  ${c.taskId}: ${c.problems.join('; ')}\n`));
        const fns = coding.filter((t) => t.payload.kind === 'function').length;
        process.stdout.write(
          `  references: ${checks.length - bad.length}/${checks.length} tasks ok (${fns} function tasks: reference passes, stub fails; ${coding.length - fns} multiple choice) [sandbox: ${sandbox.isolation}]\n`,
        );
        if (bad.length) failed = true;
      }
      if (failed) throw new ExitError(1, chalk.red('validation failed'));
    });

  datasets
    .command('import <format> <file>')
    .description('convert a public dataset file to sale tasks: mbpp (original jsonl or sanitized json) | humaneval (jsonl)')
    .requiredOption('--out <path>', 'task file to write, or a folder (then <folder>/<suite>.jsonl)')
    .option('--tau-file <file>', 'CSV or JSONL of (id, tau) overriding the estimator for the tasks it names')
    .option('--suite <name>', 'suite name written into the tasks (default: the format)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sale datasets import mbpp mbpp.jsonl --out datasets/imported/\n  $ sale datasets import humaneval HumanEval.jsonl --out datasets/imported/humaneval.jsonl --tau-file tau.csv\n  $ sale bench run --tasks datasets/imported/humaneval.jsonl --provider sim',
    )
    .action((format: string, file: string, flags: { out: string; tauFile?: string; suite?: string }) => {
      if (format !== 'mbpp' && format !== 'humaneval') throw new ExitError(2, `error: unknown format '${format}'; use mbpp or humaneval`);
      const r = importCodingDataset(format, resolve(file), {
        out: flags.out,
        ...(flags.tauFile ? { tauFile: resolve(flags.tauFile) } : {}),
        ...(flags.suite ? { suite: flags.suite } : {}),
      });
      process.stdout.write(`wrote ${r.count} tasks to ${relative(process.cwd(), r.written)}; per bin ${BIN_LABELS.map((l, i) => `${l}: ${r.perBin[i]}`).join(', ')}\n`);
      process.stdout.write(`next: sale datasets validate --reference ${relative(process.cwd(), r.written)}\n`);
    });
}
