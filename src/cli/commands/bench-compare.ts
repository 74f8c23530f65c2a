import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { displayName } from '../../report/compare/analysis.ts';
import { runCompare } from '../../report/compare/compare.ts';
import { pct, usd } from '../../report/compare/report.ts';
import { intFlag } from '../options.ts';

interface CompareFlags {
  out?: string;
  allowMismatch?: boolean;
  seed: string;
  bootstrap: string;
  systems?: string;
  style: string;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

export function registerBenchCompare(bench: Command): void {
  bench
    .command('compare')
    .description('compare runs: Pareto and workload plots (SVG + PNG), time horizons, AIQ/APGR, paired differences vs the largest agent, report.md')
    .argument('<runs...>', 'run directories written by `sale bench run` (same dataset, prompts, models and seeds)')
    .option('--out <dir>', 'output folder (default: <run>/compare for one run, results/compare-<time> for several)')
    .option('--allow-mismatch', 'compare runs whose fingerprints differ (dataset, prompts, models, seeds); the report records the mismatch')
    .option('--seed <n>', 'bootstrap seed', '0')
    .option('--bootstrap <n>', 'bootstrap replicates for cost intervals and time horizons', '1000')
    .option('--systems <list>', 'plots only: draw these systems (comma list, e.g. 4b,32b,wtp,sale; `sale` stands for all its orders)')
    .option('--style <style>', 'plot sizing: paper (compact, for a two-column figure) or screen', 'screen')
    .addHelpText(
      'after',
      `
Writes, per domain, pareto / share / bins / workload / horizon as .svg, .png and the vega-lite spec
(.vl.json), plus report.md, horizons.csv and compare.json. Plots of simulated runs say SIMULATED (other run labels likewise lead the titles).

Examples:
  $ sale bench compare results/20261129-120000Z_coding_sim
  $ sale bench compare results/run-agents results/run-routers --out results/compare-routers
  $ sale bench compare results/a results/b --allow-mismatch --bootstrap 2000 --seed 7
  $ sale bench compare results/golden/all-sim --systems 4b,32b,carrot,wtp,sale,oracle --style paper`,
    )
    .action(async (runs: string[], flags: CompareFlags) => {
      const dirs = runs.map((r) => resolve(r));
      const out = resolve(flags.out ?? (dirs.length === 1 ? join(dirs[0]!, 'compare') : join(PROJECT_ROOT, 'results', `compare-${stamp()}`)));
      if (flags.style !== 'paper' && flags.style !== 'screen') throw new ConfigError([`--style: '${flags.style}' is not a style`], { fix: 'use --style paper or --style screen' });
      const systems = flags.systems?.split(',').map((x) => x.trim()).filter(Boolean);
      const result = await runCompare({
        dirs,
        out,
        allowMismatch: Boolean(flags.allowMismatch),
        seed: intFlag('--seed', flags.seed) ?? 0,
        reps: intFlag('--bootstrap', flags.bootstrap, 1) ?? 1000,
        plots: { style: flags.style, ...(systems?.length ? { systems } : {}) },
      });
      if (result.simulated) process.stdout.write(`${chalk.bgYellow.black(' SIMULATED ')} ${chalk.yellow('runs from the sim provider: a test double, not evidence')}\n`);
      for (const m of result.mismatches) process.stderr.write(`${chalk.yellow('warning:')} fingerprints differ in ${m.field} (--allow-mismatch); the report says so\n`);
      for (const w of result.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${w}\n`);
      for (const a of result.analyses) {
        process.stdout.write(chalk.bold(`\n${a.domain}\n`));
        process.stdout.write(`${'system'.padEnd(18)}${'pass@1 %'.padStart(10)}${'cost/task $'.padStart(13)}${'vs largest'.padStart(12)}${'τ50 min'.padStart(10)}\n`);
        for (const p of a.overall) {
          const h = a.horizons[p.system];
          const h50 = h?.horizons.find((x) => x.p === 0.5);
          const tau = !h || !h50 ? '—' : h50.censored === 'above' ? `>${h.tauRange[1]}` : h50.censored === 'below' ? `<${h.tauRange[0]}` : h50.tau.toPrecision(3);
          process.stdout.write(
            `${displayName(p.system).padEnd(18)}${pct(p.pass1).padStart(10)}${usd(p.costPerTask).padStart(13)}${(Number.isFinite(p.relativeCost) ? p.relativeCost.toFixed(3) : '—').padStart(12)}${tau.padStart(10)}\n`,
          );
        }
      }
      process.stdout.write(`\nwrote ${result.plots.length} plots (SVG + PNG) to ${out}\n  report:   ${result.files.report}\n  horizons: ${result.files.csv}\n  data:     ${result.files.json}\n`);
    });
}
