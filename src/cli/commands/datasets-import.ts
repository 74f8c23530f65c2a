import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitError } from '../../errors.ts';
import { importCodingDataset } from '../../suites/coding/import/index.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';

export function registerDatasetsImport(datasets: Command): void {
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
