// `sale bench run --router sale …` (live, or with --replay MATRIX): flags (kept in the manifest for --resume),
// and the SALE systems handed to the runner.
//
// Live: SALE plugs into the ordinary run (benchRunAction) with one System per (variant, order). Its
// weights need every agent's outcome on the training split: from --train-from MATRIX, or — when no
// matrix is given — from a training matrix this command runs first (every agent alone on the training
// tasks only, in <run>/training/), so `sale bench run --router sale --provider sim` works on a clean
// clone. Other routers asked for alongside (`--router sale,wtp` or `all`) run live beside it, trained
// on the same matrix.
// Replay (--replay MATRIX): routers, single agents and SALE are scored in the same replay loop
// (run-routers.ts); SALE holds its auctions live (bids, jury and refinement are model calls) and its
// winners' executions are read from the matrix (the plan cannot change a recorded outcome).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { createModelClient, parseProvider, prepareProvider } from '../../models/registry.ts';
import { canonicalJson } from '../../records/fingerprint.ts';
import { readManifest, writeManifest } from '../../records/run-dir.ts';
import { writeLearningCurvePlot } from '../../report/sale-plot.ts';
import { writeTables } from '../../report/write-tables.ts';
import { getRouter, routerNames } from '../../routers/registry.ts';
import { liveRouterSystems } from '../../runner/live-routers.ts';
import { agentsAlone } from '../../runner/run-bench.ts';
import { runRouters, type ExtraSystems } from '../../runner/run-routers.ts';
import { appendSharedMemory, sharedMemoryFile } from '../../sale/shared-memory.ts';
import { saleSplit, saleSystems, selectedTasks } from '../../sale/system.ts';
import { saleModelParts } from '../../runner/sale-context.ts';
import { variantsFrom } from '../../sale/variants.ts';
import { createSuites, simProtocolsOf } from '../../suites/index.ts';
import { configFromFlags, intFlag, list } from '../options.ts';
import { printTables } from '../print-tables.ts';
import { benchRunAction, stamp, type RunFlags } from '../run-setup.ts';
import { SALE_TRAINING } from '../resume-flags.ts';

export interface SaleFlags {
  orders?: string;
  memory?: boolean;
  jury?: string | boolean;
  /** --jury's value even when --no-jury came after it. */
  juryVariants?: string;
  /** --no-jury was given (even when --jury came after it). */
  juryOff?: boolean;
  entropy?: boolean;
  price?: boolean;
  length?: boolean;
  weights?: string;
}

/** The ablations as asked for (what --resume restores through the manifest's flags). */
interface Ablations {
  memory?: boolean | undefined;
  jury?: string;
  juryOff?: boolean;
  entropy?: boolean | undefined;
  price?: boolean | undefined;
  length?: boolean | undefined;
}

export function registerSaleOptions(cmd: Command): Command {
  // --jury X and --no-jury share commander's `jury` attribute: keep both, whatever their order.
  cmd.on('option:jury', (value: string) => cmd.setOptionValue('juryVariants', value));
  cmd.on('option:no-jury', () => cmd.setOptionValue('juryOff', true));
  return cmd
    .option('--orders <n>', 'SALE: seeded task orders (memory depends on the order; default: configs/sale.yaml, 5)')
    .option('--no-memory', 'SALE ablation: also run sale-no-memory (no refinement from the auction memory)')
    .option('--jury <variants>', 'SALE ablation: also run other juries (self, peer, single = each agent judging alone, loo = leave one judge out, only:AGENT, without:AGENT)')
    .option('--no-jury', 'SALE ablation: also run sale-no-jury (no jury calls, V from entropy only)')
    .option('--no-entropy', 'SALE ablation: also run sale-no-entropy')
    .option('--no-price', 'SALE ablation: also run sale-no-price (C = w_c·|s|)')
    .option('--no-length', 'SALE ablation: also run sale-no-length (C = w_c·π(a))')
    .option('--weights <file>', 'SALE: use these fitted weights (a weights.json of `sale auction fit` or an earlier run)');
}

/** The ablations asked for; `jury` is the comma list of extra juries, `juryOff` the no-jury variant. */
export const ablationsOf = (f: SaleFlags): Ablations => ({
  memory: f.memory,
  ...(f.juryVariants ?? (typeof f.jury === 'string' ? f.jury : undefined) ? { jury: f.juryVariants ?? (f.jury as string) } : {}),
  ...(f.juryOff || f.jury === false ? { juryOff: true } : {}),
  entropy: f.entropy,
  price: f.price,
  length: f.length,
});

const ablationSet = (f: SaleFlags) => f.memory === false || f.jury !== undefined || f.entropy === false || f.price === false || f.length === false || f.orders !== undefined || f.weights !== undefined;

/** Does this `bench run` involve SALE? (Refuses SALE-only flags on runs that do not.) */
export function wantsSale(flags: RunFlags & SaleFlags, _cmd: Command): boolean {
  const names = flags.router ? list(flags.router) : [];
  // With --replay, `all` means every baseline router (zero model calls); SALE's auctions are live calls,
  // so a replay runs SALE only when it is named (`--router all,sale`).
  // (A resumed run has its --router back from its manifest: resume-flags.ts.)
  const sale = names.includes('sale') || (names.includes('all') && !flags.replay);
  if (!sale && ablationSet(flags)) {
    throw new ConfigError(['--orders, --weights, --jury and the --no-* ablations are SALE options'], { fix: 'add --router sale' });
  }
  return sale;
}

function settingsOf(flags: RunFlags & SaleFlags, cmd: Command) {
  // Given on this command line, or restored from the manifest by --resume (source 'config').
  const given = (name: string) => ['cli', 'config'].includes(cmd.getOptionValueSource(name) ?? '');
  const config = configFromFlags(flags);
  const router = flags.router ?? 'sale';
  const ablations = ablationsOf(flags);
  const variants = variantsFrom(ablations, config.sale.jury, config.agents.map((a) => a.name));
  const orders = intFlag('--orders', flags.orders, 1) ?? config.sale.orders;
  const trainFrac = given('trainFrac') ? Number(flags.trainFrac) : config.sale.train_frac;
  if (!(trainFrac > 0 && trainFrac < 1)) throw new ConfigError([`--train-frac: '${flags.trainFrac}' is not in (0, 1) (SALE fits its weights on the training split)`]);
  const splitSeed = intFlag('--split-seed', flags.splitSeed) ?? 0;
  const trainFrom = flags.trainFrom ? resolve(flags.trainFrom) : undefined;
  const weights = flags.weights ? resolve(flags.weights) : undefined;
  const names = list(router);
  const others = (names.includes('all') ? routerNames() : names.filter((n) => n !== 'sale')).filter((n) => n !== 'sale');
  for (const n of others) getRouter(n);
  const lambda = Number(flags.lambda);
  if (!(lambda > 0)) throw new ConfigError([`--lambda: '${flags.lambda}' is not a positive number`]);
  const params = { lambda, budget: Number(flags.budget ?? 0.6), k: intFlag('--k', flags.k, 1) ?? 5 };
  return { config, router, ablations, variants, orders, trainFrac, splitSeed, trainFrom, weights, others, params };
}

export async function benchRunSale(flags: RunFlags & SaleFlags, cmd: Command): Promise<void> {
  // Resume state is the ordinary manifest's: `--resume DIR` restored every flag (resume-flags.ts).
  const s = settingsOf(flags, cmd);
  if (flags.replay) return saleReplay(flags, s);
  const dir = flags.resume ? resolve(flags.resume) : resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_${list(flags.suite).join('+')}_sale`));
  mkdirSync(dir, { recursive: true });

  // Training outcomes: --train-from, or a training matrix run here first (every agent, training tasks only).
  let trainFrom = s.trainFrom;
  const needsOutcomes = (!s.weights && s.config.sale.weights.method !== 'fixed') || s.others.some((n) => getRouter(n).trained);
  if (!trainFrom && needsOutcomes) {
    trainFrom = join(dir, SALE_TRAINING);
    const started = existsSync(join(trainFrom, 'manifest.json'));
    if (!started || readManifest(trainFrom).status !== 'complete') {
      process.stderr.write(chalk.bold(`SALE: no --train-from matrix; running every agent on the training split first (${trainFrom})\n`));
      // Its manifest keeps the whole SALE run's flags (--router included): a SALE run killed here resumes from them.
      const trainFlags = { ...flags, replay: undefined, out: trainFrom, resume: started ? trainFrom : undefined } as RunFlags;
      await benchRunAction(trainFlags, cmd, async (ctx) => {
        const split = saleSplit(selectedTasks(ctx.suites, ctx.bins, ctx.limit), s.trainFrac, s.splitSeed);
        const train = new Set(split.train);
        return { systems: agentsAlone(ctx.config.agents, (id) => train.has(id)), fingerprintExtra: { trainingSplit: { seed: split.seed, trainFrac: split.trainFrac, train: split.train } } };
      });
    }
  }

  const mainFlags = { ...flags, out: dir, resume: existsSync(join(dir, 'manifest.json')) ? dir : undefined } as RunFlags;
  let splitInfo: { seed: number; trainFrac: number; train: string[]; test: string[] } | undefined;
  const live = s.others.filter((n) => !getRouter(n).hindsight);
  // Record the routing in the manifest (before the tables) so router tables and `bench compare` know the split.
  // (No routers.md here: its oracle columns need every agent's outcome on the test tasks — use --replay.)
  const recordRouting = (runDir: string) => {
    if (!splitInfo) return;
    const matrixRunId = trainFrom && existsSync(join(trainFrom, 'manifest.json')) ? readManifest(trainFrom).runId : '';
    writeManifest(runDir, { ...readManifest(runDir), routing: { matrix: trainFrom ?? '', matrixRunId, replay: false, routers: [...live, ...s.variants.map((v) => v.name)], params: s.params, split: splitInfo } });
  };
  await benchRunAction(
    mainFlags,
    cmd,
    async (ctx) => {
      const sale = await saleSystems(ctx, { variants: s.variants, orders: s.orders, trainFrac: s.trainFrac, splitSeed: s.splitSeed, ...(trainFrom ? { trainFrom } : {}), ...(s.weights ? { weightsFile: s.weights } : {}) });
      splitInfo = sale.split;
      const routers = live.length ? await liveRouterSystems({ ...ctx, routers: live, ...(trainFrom ? { trainFrom } : {}), trainFrac: s.trainFrac, splitSeed: s.splitSeed, seed: ctx.seed, params: s.params }) : undefined;
      // The auction reads the bids' log-probabilities: preflight checks the engine can give them.
      return { systems: [...(routers?.systems ?? []), ...sale.systems], fingerprintExtra: { ...(routers?.fingerprintExtra ?? {}), ...sale.fingerprintExtra }, requiredCapabilities: ['logprobs'] };
    },
    recordRouting,
  );
  const plot = await writeLearningCurvePlot(dir);
  if (plot) process.stdout.write(`  learning curve: ${plot.svg}, ${plot.png}\n`);
  const shared = sharedMemoryFile(s.config);
  if (shared) {
    const added = appendSharedMemory(dir, shared, `${s.variants[0]!.name}@o1`);
    process.stdout.write(`shared memory: ${added} auction(s) of ${s.variants[0]!.name}@o1 appended to ${shared}\n`);
  }
}

/** Routers, single agents and SALE replayed from the matrix in one loop; SALE's auctions live. */
async function saleReplay(flags: RunFlags & SaleFlags, s: ReturnType<typeof settingsOf>): Promise<void> {
  const started = Date.now();
  const matrixDir = resolve(flags.replay!);
  const out = resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_routers`));
  const extra = async ({ matrix, split, dir }: Parameters<NonNullable<Parameters<typeof runRouters>[0]['extra']>>[0]): Promise<ExtraSystems> => {
    const base = matrix.manifest;
    const config = configFromFlags({ ...flags, agents: flags.agents ?? base.settings.agents.map((a) => a.name).join(',') });
    const suites = createSuites(base.settings.suites, config, flags.tasks ? { tasks: [resolve(flags.tasks)] } : {});
    const ids = new Set(matrix.cells.keys());
    const allTasks = suites.flatMap((x) => x.tasks);
    const lost = [...ids].filter((id) => !allTasks.some((t) => t.id === id));
    if (lost.length) throw new ConfigError([`${matrixDir}: ${lost.length} task(s) of the matrix are not in suites ${base.settings.suites.join(', ')} (e.g. ${lost.slice(0, 3).join(', ')})`], { fix: 'pass the same --tasks the matrix ran on' });
    const provider = parseProvider(flags.provider ?? base.settings.provider);
    const client = createModelClient(provider, { config, tasks: allTasks, simProtocols: simProtocolsOf(suites) });
    await prepareProvider(provider, client, config, undefined);
    const restricted = suites.map((suite) => Object.assign(Object.create(Object.getPrototypeOf(suite) as object) as object, suite, { tasks: suite.tasks.filter((t) => ids.has(t.id)) }) as typeof suite);
    const concurrency = intFlag('--concurrency', flags.concurrency, 1) ?? (provider === 'sim' ? 8 : 2);
    // The auctions' calls are live (and logged beside the replay's records, so they replay in turn).
    const parts = saleModelParts(config, client, base.settings.seed, dir);
    const sale = await saleSystems(
      { config, suites: restricted, bins: undefined, limit: null, ...parts, dir, resume: false, seed: base.settings.seed, concurrency },
      { variants: s.variants, orders: s.orders, trainFrac: s.trainFrac, splitSeed: s.splitSeed, replayFrom: matrix, ...(s.weights ? { weightsFile: s.weights } : {}) },
    );
    if (canonicalJson(sale.split.test) !== canonicalJson(split.test)) throw new Error("SALE replay: the split differs from the routers' split");
    return { systems: sale.systems, names: s.variants.map((v) => v.name), fingerprintExtra: sale.fingerprintExtra, concurrency, call: parts.call };
  };
  const seed = intFlag('--seed', flags.seed) ?? 0;
  const result = await runRouters({ matrixDir, routers: s.others, out, trainFrac: s.trainFrac, splitSeed: s.splitSeed, seed, params: s.params, command: process.argv.slice(2), extra });
  printTables(writeTables(result.dir), started);
  const plot = await writeLearningCurvePlot(result.dir);
  if (plot) process.stdout.write(`  learning curve: ${plot.svg}, ${plot.png}\n`);
}
