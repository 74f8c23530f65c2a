import chalk from 'chalk';
import type { Command } from 'commander';
import { ExitError } from '../../errors.ts';
import { createSandbox } from '../../sandbox/index.ts';
import { checkReferences } from '../../suites/coding/validate.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { loadTasks } from '../../tasks/load.ts';
import { intFlag } from '../options.ts';
import { pathsFor, perBin } from './datasets-shared.ts';

export function registerDatasetsValidate(datasets: Command): void {
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

}
