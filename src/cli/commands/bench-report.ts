import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/load.ts';
import { buildReport } from '../../report/html/report.ts';
import { intFlag } from '../options.ts';

interface ReportFlags {
  out?: string;
  seed: string;
  bootstrap: string;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

export function registerBenchReport(bench: Command): void {
  bench
    .command('report')
    .description('one self-contained HTML file to explore runs: sortable tables, interactive plots, every task’s attempts, traces, verdicts and SALE auctions')
    .argument('<runs...>', 'run directories written by `sale bench run` or `sale bench matrix`')
    .option('--out <file>', 'HTML file to write (default: <run>/report.html for one run, results/report-<time>.html for several)')
    .option('--seed <n>', 'bootstrap seed', '0')
    .option('--bootstrap <n>', 'bootstrap replicates for cost intervals and time horizons', '1000')
    .addHelpText(
      'after',
      `
The file needs no server and no network: open it in a browser. Records are embedded gzip-compressed;
a task's attempts are decompressed when it is opened.

Examples:
  $ sale bench report results/20261129-120000Z_coding_sim
  $ sale bench report results/run-agents results/run-sale --out results/report.html`,
    )
    .action((runs: string[], flags: ReportFlags) => {
      const dirs = runs.map((r) => resolve(r));
      const out = resolve(flags.out ?? (dirs.length === 1 ? join(dirs[0]!, 'report.html') : join(PROJECT_ROOT, 'results', `report-${stamp()}.html`)));
      const r = buildReport({ dirs, out, seed: intFlag('--seed', flags.seed) ?? 0, reps: intFlag('--bootstrap', flags.bootstrap, 1) ?? 1000 });
      if (r.label) process.stdout.write(`${chalk.bgYellow.black(` ${r.label} `)} ${chalk.yellow('the report says so on every page and plot')}\n`);
      process.stdout.write(`wrote ${out} (${(r.bytes / 1e6).toFixed(1)} MB: ${r.attempts} attempts, ${r.auctions} auctions, ${r.chunks} detail chunks)\n`);
    });
}
