// `sale bench run --router R --replay MATRIX` (zero model calls) or `--router R [--train-from MATRIX]` (live).
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { writeTables } from '../../report/write-tables.ts';
import { getRouter } from '../../routers/registry.ts';
import { liveRouterSystems } from '../../runner/live-routers.ts';
import { expandRouters, runRouters } from '../../runner/run-routers.ts';
import { intFlag, list } from '../options.ts';
import { printTables } from '../print-tables.ts';
import { benchRunAction, stamp, type RunFlags } from '../run-setup.ts';

/** The router settings of the flags: split, seeds, λ, FrugalGPT's budget and k. */
export function routerSettings(flags: RunFlags) {
  const trainFrac = Number(flags.trainFrac);
  if (!(trainFrac >= 0 && trainFrac < 1)) throw new ConfigError([`--train-frac: '${flags.trainFrac}' is not in [0, 1)`]);
  const lambda = Number(flags.lambda);
  if (!(lambda > 0)) throw new ConfigError([`--lambda: '${flags.lambda}' is not a positive number`]);
  const budget = Number(flags.budget ?? '0.6');
  if (!(budget > 0)) throw new ConfigError([`--budget: '${flags.budget}' is not a positive number (a multiple of the dearest agent's mean cost per task)`]);
  return { trainFrac, splitSeed: intFlag('--split-seed', flags.splitSeed) ?? 0, seed: intFlag('--seed', flags.seed) ?? 0, params: { lambda, budget, k: intFlag('--k', flags.k, 1) ?? 5 } };
}

export async function benchRunRouters(flags: RunFlags, cmd: Command): Promise<void> {
  if (!flags.router) throw new ConfigError(['--replay needs --router NAME (or all)']);
  const s = routerSettings(flags);
  if (!flags.replay) {
    // Live: only the routed agents run. Oracle, gaps and Opt.* need every agent's outcome on the test
    // tasks: score a matrix with --replay for those.
    const routers = expandRouters(list(flags.router)).filter((n) => !(list(flags.router!).includes('all') && getRouter(n).hindsight));
    await benchRunAction(flags, cmd, (ctx) => liveRouterSystems({ ...ctx, routers, ...(flags.trainFrom ? { trainFrom: resolve(flags.trainFrom) } : {}), ...s }));
    return;
  }
  const started = Date.now();
  const out = resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_routers`));
  const result = await runRouters({ matrixDir: resolve(flags.replay), routers: list(flags.router), out, ...s, command: process.argv.slice(2) });
  printTables(writeTables(result.dir), started);
}
