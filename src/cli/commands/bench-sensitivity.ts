// `sale bench sensitivity`: the CLI of src/sale/sensitivity/sweep.ts (the sweep) and src/report/sensitivity.ts
// (its CSV and heat map). Each grid point is a `sale bench run` in a child process.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { execa } from 'execa';
import { DEFAULT_CONFIG_DIR, PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { writeSensitivity } from '../../report/sensitivity.ts';
import { sweep } from '../../sale/sensitivity/sweep.ts';
import { intFlag } from '../options.ts';

const grid = (flag: string, value: string): number[] => {
  const xs = value.split(',').map((s) => Number(s.trim()));
  if (!xs.length || xs.some((x) => !(x >= 0 && x <= 1))) throw new ConfigError([`${flag}: '${value}' must be a comma list of numbers in [0, 1]`], { fix: `e.g. ${flag} 0,0.5,1` });
  return xs;
};

export function registerBenchSensitivity(bench: Command): void {
  bench
    .command('sensitivity')
    .description('SIMULATED: sweep the sim\'s signal strength × memory gain and map SALE\'s pass@1, cost and largest-agent share against the largest agent alone')
    .option('--suite <name>', 'suite', 'coding')
    .option('--limit <n>', 'tasks (round-robin over the bins; 20 % train the weights, the rest are the test tasks)', '80')
    .option('--signals <list>', 'signal strengths', '0,0.5,1')
    .option('--gains <list>', 'memory gains', '0,0.5')
    .option('--orders <n>', 'task orders per grid point', '1')
    .option('--seed <n>', 'seed', '0')
    .option('--config <dir>', 'configuration folder (the sim: block of its sale.yaml is overridden per grid point)')
    .option('--out <dir>', 'output folder', 'results/sensitivity')
    .addHelpText('after', '\nExample:\n  $ sale bench sensitivity --suite coding --signals 0,0.5,1 --gains 0,0.5 --out results/sensitivity')
    .action(async (flags: { suite: string; limit: string; signals: string; gains: string; orders: string; seed: string; config?: string; out: string }) => {
      const out = resolve(flags.out);
      const points = await sweep({
        configDir: resolve(flags.config ?? DEFAULT_CONFIG_DIR),
        out,
        suite: flags.suite,
        limit: intFlag('--limit', flags.limit, 5) ?? 80,
        orders: intFlag('--orders', flags.orders, 1) ?? 1,
        seed: intFlag('--seed', flags.seed) ?? 0,
        signals: grid('--signals', flags.signals),
        gains: grid('--gains', flags.gains),
        sale: async (args) => {
          await execa(process.execPath, [resolve(PROJECT_ROOT, 'bin/sale.js'), ...args], { cwd: PROJECT_ROOT, stdout: 'ignore', stderr: 'inherit' });
        },
        log: (line) => process.stdout.write(`${line}\n`),
      });
      const files = await writeSensitivity(out, points);
      for (const p of points) process.stdout.write(`signal ${p.signal} · gain ${p.gain}: SALE ${(100 * p.pass1).toFixed(1)} % vs ${p.bestSingle.agent} ${(100 * p.bestSingle.pass1).toFixed(1)} % (best single), cost ${(p.costUsd / p.largestCostUsd).toFixed(2)}× the largest, its share ${(100 * p.largestShare).toFixed(0)} %\n`);
      process.stdout.write(`SIMULATED\n  csv:  ${files.csv}\n  plot: ${files.svg}, ${files.png}\n`);
    });
}
