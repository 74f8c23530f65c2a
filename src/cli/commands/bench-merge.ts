import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readMatrix, writeMatrixCsv } from '../../routers/matrix.ts';
import { writeRunTables, terminalTable } from '../../report/tables.ts';
import { mergeShards } from '../../runner/merge.ts';

/** `sale bench merge SHARD… --out DIR`: the shards of one experiment as one run folder, with its tables. */
export function registerBenchMerge(bench: Command): void {
  bench
    .command('merge')
    .description('join the shards of one experiment (runs made with --shard i/n) into one run folder with its tables and outcome matrix')
    .argument('<dirs...>', 'the run folder of every shard')
    .requiredOption('--out <dir>', 'the merged run folder (new or empty)')
    .addHelpText(
      'after',
      `
Checks that the shards share one fingerprint, that every shard 1..n is there once and complete, and
that no attempt is missing or recorded twice; the merged tables equal those of an unsharded run.

Examples:
  $ sale bench matrix --suite coding --shard 1/2 --out results/m-1    # box 1
  $ sale bench matrix --suite coding --shard 2/2 --out results/m-2    # box 2
  $ sale bench merge results/m-1 results/m-2 --out results/matrix`,
    )
    .action((dirs: string[], flags: { out: string }) => {
      const merged = mergeShards(dirs.map((d) => resolve(d)), resolve(flags.out));
      const tables = writeRunTables(merged.dir);
      const matrix = writeMatrixCsv(readMatrix(merged.dir));
      process.stdout.write(`\n${terminalTable(tables.rows, tables.manifest)}\n`);
      process.stdout.write(`merged ${dirs.length} shards (${merged.records.length} attempts) into ${merged.dir}\n  tables:   ${tables.files.markdown}\n  matrix:   ${matrix}\n`);
    });
}
