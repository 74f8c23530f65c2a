import { join, resolve } from 'node:path';
import chalk from 'chalk';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { terminalTable, writeRunTables } from '../../report/tables.ts';
import { writeRouterTables } from '../../report/router-tables.ts';
import { runRouters, expandRouters } from '../../runner/run-routers.ts';
import { liveRouterSystems } from '../../runner/live-routers.ts';
import { getRouter } from '../../routers/registry.ts';
import type { Command } from 'commander';
import { benchRunAction, type RunFlags } from './bench-run.ts';
import { intFlag, list } from '../options.ts';

interface RouterFlags {
  router?: string;
  replay?: string;
  out?: string;
  seed: string;
  trainFrac: string;
  splitSeed: string;
  lambda: string;
  budget: string;
  k: string;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

/** `sale bench run --router R --replay MATRIX` (zero model calls) or `--router R [--train-from MATRIX]` (live). */
export async function benchRunRouters(flags: RouterFlags & RunFlags, cmd: Command): Promise<void> {
  if (!flags.router) throw new ConfigError(['--replay needs --router NAME (or all)']);
  const trainFrac = Number(flags.trainFrac);
  if (!(trainFrac >= 0 && trainFrac < 1)) throw new ConfigError([`--train-frac: '${flags.trainFrac}' is not in [0, 1)`]);
  const lambda = Number(flags.lambda);
  if (!(lambda > 0)) throw new ConfigError([`--lambda: '${flags.lambda}' is not a positive number`]);
  const budget = Number(flags.budget ?? '0.6');
  if (!(budget > 0)) throw new ConfigError([`--budget: '${flags.budget}' is not a positive number (a multiple of the dearest agent's mean cost per task)`]);
  if (!flags.replay) {
    // Live: only the routed agents run.
    const routers = expandRouters(list(flags.router)).filter((n) => !(list(flags.router!).includes('all') && getRouter(n).hindsight));
    await benchRunAction(flags, cmd, (ctx) =>
      liveRouterSystems({
        ...ctx,
        routers,
        ...(flags.trainFrom ? { trainFrom: resolve(flags.trainFrom) } : {}),
        trainFrac,
        splitSeed: intFlag('--split-seed', flags.splitSeed) ?? 0,
        seed: intFlag('--seed', flags.seed) ?? 0,
        params: { lambda, budget, k: intFlag('--k', flags.k, 1) ?? 5 },
      }),
    );
    // Oracle, gaps and Opt.* need every agent's outcome on the test tasks: score a matrix with --replay for those.
    return;
  }
  const started = Date.now();
  const matrixDir = resolve(flags.replay);
  const out = resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_routers`));
  const result = await runRouters({
    matrixDir,
    routers: list(flags.router),
    out,
    trainFrac,
    splitSeed: intFlag('--split-seed', flags.splitSeed) ?? 0,
    seed: intFlag('--seed', flags.seed) ?? 0,
    params: { lambda, budget, k: intFlag('--k', flags.k, 1) ?? 5 },
    command: process.argv.slice(2),
  });
  const tables = writeRunTables(result.dir);
  const routers = writeRouterTables(result.dir);
  process.stdout.write(`\n${terminalTable(tables.rows, tables.manifest)}\n`);
  const overall = routers.rows.filter((r) => r.bin === 'all' && r.domain === tables.rows[0]?.domain);
  process.stdout.write(chalk.bold('routers on the test split (replayed, zero model calls)\n'));
  process.stdout.write(`${'system'.padEnd(16)}${'pass@1'.padStart(8)}${'rel.cost'.padStart(10)}${'reliance↓'.padStart(11)}${'gap'.padStart(7)}${'over-esc'.padStart(10)}\n`);
  for (const r of overall) {
    process.stdout.write(
      `${r.system.replace(/^agent:/, '').padEnd(16)}${(100 * r.pass1).toFixed(1).padStart(8)}${r.relativeCost.toFixed(3).padStart(10)}${(100 * r.relianceReduction).toFixed(1).padStart(11)}${(100 * r.gapToOracle).toFixed(1).padStart(7)}${(100 * r.overEscalation).toFixed(1).padStart(10)}\n`,
    );
  }
  process.stdout.write(
    `\nrun directory: ${result.dir}\n  split:    ${result.split.train.length} training / ${result.split.test.length} test tasks (split.json)\n  tables:   ${tables.files.csv}, ${tables.files.markdown}\n  routers:  ${routers.files.csv}, ${routers.files.markdown}\n  took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
