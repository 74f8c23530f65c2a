import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadTasks } from '../../tasks/load.ts';
import { binHeader, pathsFor, perBin } from './datasets-shared.ts';

export function registerDatasetsList(datasets: Command): void {
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

}
