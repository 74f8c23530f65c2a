// `sale bench run --router sale …` (live, or with --replay MATRIX) and `sale auction fit`.
//
// Live: SALE plugs into the ordinary run (benchRunAction) with one SystemSpec per (variant, order).
// Its weights need every agent's outcome on the training split: from --train-from MATRIX, or — when no
// matrix is given — from a training matrix this command runs first (every agent alone on the training
// tasks only, in <run>/training/), so `sale bench run --router sale --provider sim` works on a clean
// clone. Other routers asked for alongside (`--router sale,wtp` or `all`) run live beside it, trained
// on the same matrix.
// Replay (--replay MATRIX): routers and single agents are scored from the matrix (run-routers.ts); SALE
// holds its auctions live (bids, jury and refinement are model calls) and its winners' executions are
// read from the matrix (the plan cannot change a recorded outcome).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { PROJECT_ROOT } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import { autoProvider, createModelClient, parseProvider } from '../models/registry.ts';
import { writeRouterTables } from '../report/router-tables.ts';
import { terminalTable, writeRunTables } from '../report/tables.ts';
import { getRouter, routerNames } from '../routers/registry.ts';
import { canonicalJson, sha256 } from '../runner/fingerprint.ts';
import { liveRouterSystems } from '../runner/live-routers.ts';
import { agentsAlone } from '../runner/run-bench.ts';
import { readManifest, RecordWriter, writeManifest } from '../runner/run-dir.ts';
import { runRouters } from '../runner/run-routers.ts';
import type { AttemptRecord } from '../runner/records.ts';
import { createSuites } from '../suites/index.ts';
import { benchRunAction, type RunFlags } from '../cli/commands/bench-run.ts';
import { binsFlag, configFromFlags, intFlag, list } from '../cli/options.ts';
import { writeSaleTables, type SaleTables } from './report.ts';
import { appendSharedMemory, sharedMemoryFile, auctionAgents, auctionCaller, saleSplit, saleSystems, saleWeights, selectedTasks } from './system.ts';
import type { Variant } from './types.ts';
import { variantsFrom } from './variants.ts';

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

/** The run settings SALE keeps in its run directory, so `--resume DIR` alone carries on a SALE run. */
export const SALE_RUN = 'sale-run.json';

/** Run flags kept so that `--resume DIR` alone selects the same tasks (the split depends on them). */
const RUN_KEYS = ['suite', 'agents', 'provider', 'host', 'bins', 'limit', 'seed', 'tasks', 'config', 'isolation', 'concurrency', 'lambda', 'k'] as const;

interface StoredRun {
  run?: Partial<Record<(typeof RUN_KEYS)[number], string>>;
  router: string;
  orders: number;
  trainFrac: number;
  splitSeed: number;
  trainFrom: string | null;
  weights: string | null;
  ablations: { memory?: boolean | undefined; jury?: string; juryOff?: boolean; entropy?: boolean | undefined; price?: boolean | undefined; length?: boolean | undefined };
}

export function registerSaleOptions(cmd: Command): Command {
  // --jury X and --no-jury share commander's `jury` attribute: keep both, whatever their order.
  cmd.on('option:jury', (value: string) => cmd.setOptionValue('juryVariants', value));
  cmd.on('option:no-jury', () => cmd.setOptionValue('juryOff', true));
  return cmd
    .option('--orders <n>', 'SALE: seeded task orders (memory depends on the order; default: configs/sale.yaml, 5)')
    .option('--no-memory', 'SALE ablation: also run sale-no-memory (no refinement from the auction memory)')
    .option('--jury <variants>', 'SALE ablation: also run a self-only and/or peer-only jury (self, peer)')
    .option('--no-jury', 'SALE ablation: also run sale-no-jury (no jury calls, V from entropy only)')
    .option('--no-entropy', 'SALE ablation: also run sale-no-entropy')
    .option('--no-price', 'SALE ablation: also run sale-no-price (C = w_c·|s|)')
    .option('--no-length', 'SALE ablation: also run sale-no-length (C = w_c·π(a))')
    .option('--weights <file>', 'SALE: use these fitted weights (a weights.json of `sale auction fit` or an earlier run)');
}

/** The ablations asked for; `jury` is the comma list of extra juries, `juryOff` the no-jury variant. */
export const ablationsOf = (f: SaleFlags): StoredRun['ablations'] => ({
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
  const sale = names.includes('sale') || (names.includes('all') && !flags.replay) || Boolean(flags.resume && existsSync(join(resolve(flags.resume), SALE_RUN)));
  if (!sale && ablationSet(flags)) {
    throw new ConfigError(['--orders, --weights, --jury and the --no-* ablations are SALE options'], { fix: 'add --router sale' });
  }
  return sale;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

function settingsOf(flags: RunFlags & SaleFlags, cmd: Command, stored: StoredRun | undefined) {
  const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
  const config = configFromFlags(flags);
  const router = stored && !flags.router ? stored.router : (flags.router ?? 'sale');
  const ablations = stored && !ablationSet(flags) ? stored.ablations : ablationsOf(flags);
  const variants = variantsFrom(ablations, config.sale.jury);
  const orders = intFlag('--orders', flags.orders, 1) ?? stored?.orders ?? config.sale.orders;
  const trainFrac = given('trainFrac') ? Number(flags.trainFrac) : (stored?.trainFrac ?? config.sale.train_frac);
  if (!(trainFrac > 0 && trainFrac < 1)) throw new ConfigError([`--train-frac: '${flags.trainFrac}' is not in (0, 1) (SALE fits its weights on the training split)`]);
  const splitSeed = given('splitSeed') ? (intFlag('--split-seed', flags.splitSeed) ?? 0) : (stored?.splitSeed ?? intFlag('--split-seed', flags.splitSeed) ?? 0);
  const trainFrom = flags.trainFrom ? resolve(flags.trainFrom) : (stored?.trainFrom ?? undefined);
  const weights = flags.weights ? resolve(flags.weights) : (stored?.weights ?? undefined);
  const names = list(router);
  const others = (names.includes('all') ? routerNames() : names.filter((n) => n !== 'sale')).filter((n) => n !== 'sale');
  for (const n of others) getRouter(n);
  const lambda = Number(flags.lambda);
  if (!(lambda > 0)) throw new ConfigError([`--lambda: '${flags.lambda}' is not a positive number`]);
  const params = { lambda, budget: Number(flags.budget ?? 0.6), k: intFlag('--k', flags.k, 1) ?? 5 };
  return { config, router, ablations, variants, orders, trainFrac, splitSeed, trainFrom, weights, others, params };
}

export async function benchRunSale(flags: RunFlags & SaleFlags, cmd: Command): Promise<SaleTables> {
  const storedFile = flags.resume ? join(resolve(flags.resume), SALE_RUN) : undefined;
  const stored = storedFile && existsSync(storedFile) ? (JSON.parse(readFileSync(storedFile, 'utf8')) as StoredRun) : undefined;
  if (stored?.run) {
    const f = flags as unknown as Record<string, string | undefined>;
    for (const key of RUN_KEYS) if (stored.run[key] !== undefined && cmd.getOptionValueSource(key) !== 'cli') f[key] = stored.run[key];
  }
  const s = settingsOf(flags, cmd, stored);
  if (flags.replay) return saleReplay(flags, s);
  const started = Date.now();
  const suitesName = list(flags.suite).join('+');
  const dir = flags.resume ? resolve(flags.resume) : resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_${suitesName}_sale`));
  mkdirSync(dir, { recursive: true });
  const run = Object.fromEntries(
    RUN_KEYS.map((k) => [k, (flags as unknown as Record<string, unknown>)[k]] as const)
      .filter((e): e is readonly [(typeof RUN_KEYS)[number], string] => typeof e[1] === 'string')
      .map(([k, v]) => [k, k === 'tasks' || k === 'config' ? resolve(v) : v]),
  ) as StoredRun['run'];
  const record: StoredRun = { run, router: s.router, orders: s.orders, trainFrac: s.trainFrac, splitSeed: s.splitSeed, trainFrom: s.trainFrom ?? null, weights: s.weights ?? null, ablations: s.ablations };
  writeFileSync(join(dir, SALE_RUN), `${JSON.stringify(record, null, 2)}\n`);

  // Training outcomes: --train-from, or a training matrix run here first (every agent, training tasks only).
  let trainFrom = s.trainFrom;
  const needsOutcomes = (!s.weights && s.config.sale.weights.method !== 'fixed') || s.others.some((n) => getRouter(n).trained);
  if (!trainFrom && needsOutcomes) {
    trainFrom = join(dir, 'training');
    const done = existsSync(join(trainFrom, 'manifest.json')) && readManifest(trainFrom).status === 'complete';
    if (!done) {
      process.stderr.write(chalk.bold(`SALE: no --train-from matrix; running every agent on the training split first (${trainFrom})\n`));
      const trainFlags = { ...flags, router: undefined, replay: undefined, out: trainFrom, resume: existsSync(join(trainFrom, 'manifest.json')) ? trainFrom : undefined } as RunFlags;
      await benchRunAction(trainFlags, cmd, async (ctx) => {
        const split = saleSplit(selectedTasks(ctx.suites, ctx.bins, ctx.limit), s.trainFrac, s.splitSeed);
        const train = new Set(split.train);
        return { systems: agentsAlone(ctx.config.agents).map((a) => ({ ...a, filter: (t) => train.has(t.id) })), fingerprintExtra: { trainingSplit: { seed: split.seed, trainFrac: split.trainFrac, train: split.train } } };
      });
    }
    record.trainFrom = trainFrom;
    writeFileSync(join(dir, SALE_RUN), `${JSON.stringify(record, null, 2)}\n`);
  }

  const mainFlags = { ...flags, out: dir, resume: existsSync(join(dir, 'manifest.json')) ? dir : undefined } as RunFlags;
  let splitInfo: { seed: number; trainFrac: number; train: string[]; test: string[] } | undefined;
  await benchRunAction(mainFlags, cmd, async (ctx) => {
    const sale = await saleSystems(ctx, { variants: s.variants, orders: s.orders, trainFrac: s.trainFrac, splitSeed: s.splitSeed, ...(trainFrom ? { trainFrom } : {}), ...(s.weights ? { weightsFile: s.weights } : {}) });
    splitInfo = sale.split;
    const live = s.others.filter((n) => !getRouter(n).hindsight);
    const routers = live.length
      ? await liveRouterSystems({ ...ctx, routers: live, ...(trainFrom ? { trainFrom } : {}), trainFrac: s.trainFrac, splitSeed: s.splitSeed, seed: ctx.seed, params: s.params })
      : undefined;
    return { systems: [...(routers?.systems ?? []), ...sale.systems], fingerprintExtra: { ...(routers?.fingerprintExtra ?? {}), ...sale.fingerprintExtra } };
  });
  // Record the routing in the manifest so router tables and `bench compare` know the split.
  const manifest = readManifest(dir);
  if (splitInfo) {
    writeManifest(dir, {
      ...manifest,
      routing: {
        matrix: trainFrom ?? '',
        matrixRunId: trainFrom && existsSync(join(trainFrom, 'manifest.json')) ? readManifest(trainFrom).runId : '',
        replay: false,
        routers: [...s.others.filter((n) => !getRouter(n).hindsight), ...s.variants.map((v) => v.name)],
        params: s.params,
        split: splitInfo,
      },
    });
  }
  // (No routers.md here: its oracle columns need every agent's outcome on the test tasks — use --replay.)
  const tables = writeSaleTables(dir);
  const shared = sharedMemoryFile(s.config);
  if (shared) {
    const added = appendSharedMemory(dir, shared, `${s.variants[0]!.name}@o1`);
    process.stdout.write(`shared memory: ${added} auction(s) of ${s.variants[0]!.name}@o1 appended to ${shared}\n`);
  }
  printSale(tables, dir, started);
  return tables;
}

function printSale(t: SaleTables, dir: string, started: number): void {
  const rows = t.rows.filter((r) => r.bin === 'all');
  const agents = Object.keys(rows[0]?.workloadShare ?? {});
  process.stdout.write(chalk.bold(`\nSALE on the test split (mean ± std over task orders)\n`));
  process.stdout.write(`${'variant'.padEnd(18)}${'domain'.padEnd(12)}${'pass@1'.padStart(14)}${'cost $'.padStart(12)}${'overhead'.padStart(10)}${agents.map((a) => a.padStart(7)).join('')}\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.variant.padEnd(18)}${r.domain.padEnd(12)}${`${(100 * r.pass1Mean).toFixed(1)} ± ${(100 * r.pass1Std).toFixed(1)}`.padStart(14)}${r.costMean.toExponential(2).padStart(12)}${`${(100 * r.overheadTokenShare).toFixed(1)}%`.padStart(10)}${agents.map((a) => `${(100 * (r.workloadShare[a] ?? 0)).toFixed(0)}%`.padStart(7)).join('')}\n`,
    );
  }
  process.stdout.write(
    `\nSALE files in ${dir}:\n  ${t.files.markdown}, ${t.files.csv}\n  auctions.jsonl (every auction), memory.jsonl, weights.json\n  ${t.files.curve}, ${t.files.workload}, ${t.files.calibration}\n  took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** Routers and single agents replayed from the matrix; SALE's auctions live, its executions replayed. */
async function saleReplay(flags: RunFlags & SaleFlags, s: ReturnType<typeof settingsOf>): Promise<SaleTables> {
  const started = Date.now();
  const matrixDir = resolve(flags.replay!);
  const out = resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_routers`));
  const seed = intFlag('--seed', flags.seed) ?? 0;
  const replayed = await runRouters({ matrixDir, routers: s.others, out, trainFrac: s.trainFrac, splitSeed: s.splitSeed, seed, params: s.params, command: process.argv.slice(2) });
  const matrix = replayed.matrix;
  const base = readManifest(out);
  const config = configFromFlags({ ...flags, agents: flags.agents ?? base.settings.agents.map((a) => a.name).join(',') });
  const suites = createSuites(base.settings.suites, config, flags.tasks ? { tasks: [resolve(flags.tasks)] } : {});
  const ids = new Set(matrix.cells.keys());
  const allTasks = suites.flatMap((x) => x.tasks);
  const lost = [...ids].filter((id) => !allTasks.some((t) => t.id === id));
  if (lost.length) throw new ConfigError([`${matrixDir}: ${lost.length} task(s) of the matrix are not in suites ${base.settings.suites.join(', ')} (e.g. ${lost.slice(0, 3).join(', ')})`], { fix: 'pass the same --tasks the matrix ran on' });
  const provider = flags.provider ? parseProvider(flags.provider) : parseProvider(base.settings.provider);
  const client = createModelClient(provider, { config, tasks: allTasks });
  if (provider === 'ollama') await client.ping();
  const restricted = suites.map((suite) => Object.assign(Object.create(Object.getPrototypeOf(suite) as object) as object, suite, { tasks: suite.tasks.filter((t) => ids.has(t.id)) }) as typeof suite);
  const concurrency = intFlag('--concurrency', flags.concurrency, 1) ?? (provider === 'sim' ? 8 : 2);
  const sale = await saleSystems(
    { config, suites: restricted, bins: undefined, limit: null, client, dir: out, resume: false, seed: base.settings.seed, concurrency },
    { variants: s.variants, orders: s.orders, trainFrac: s.trainFrac, splitSeed: s.splitSeed, replayFrom: matrix, ...(s.weights ? { weightsFile: s.weights } : {}) },
  );
  if (canonicalJson(sale.split.test) !== canonicalJson(replayed.split.test)) throw new Error('SALE replay: the split differs from the routers\' split');
  const bySuite = new Map(restricted.flatMap((suite) => suite.tasks.map((t) => [t.id, { task: t, suite }] as const)));
  const limit = pLimit(concurrency);
  const records: AttemptRecord[] = [];
  const noAttempt = () => Promise.reject(new Error('SALE replay: executions come from the outcome matrix'));
  await Promise.all(
    sale.systems.flatMap((spec) =>
      sale.split.test.map((id) =>
        limit(async () => {
          const { task, suite } = bySuite.get(id)!;
          records.push(await spec.run(task, suite, noAttempt));
        }),
      ),
    ),
  );
  const writer = new RecordWriter(out);
  for (const r of records.sort((a, b) => a.key.localeCompare(b.key))) writer.append(r);
  writer.close();
  const variants: Variant[] = s.variants;
  writeManifest(out, {
    ...base,
    updatedAt: new Date().toISOString(),
    fingerprint: { ...base.fingerprint, config: sha256(canonicalJson({ base: base.fingerprint.config, sale: sale.fingerprintExtra })) },
    routing: { ...base.routing!, routers: [...base.routing!.routers, ...variants.map((v) => v.name)] },
  });
  const tables = writeRunTables(out);
  writeRouterTables(out);
  process.stdout.write(`\n${terminalTable(tables.rows, tables.manifest)}\n`);
  const st = writeSaleTables(out);
  printSale(st, out, started);
  return st;
}

/** `sale auction fit`: bids and jury on the training split, weights fitted and written to a file. */
export function registerAuction(program: Command): void {
  const auction = program.command('auction').description('SALE strategy auctions: fit the weights');
  auction
    .command('fit')
    .description('fit SALE\'s weights on the training split: every agent bids on every training task, the jury scores every bid, outcomes come from an outcome matrix')
    .option('--suite <names>', 'suite(s): coding, a comma list, or all', 'coding')
    .option('--agents <names>', 'agents from configs/agents.yaml (default: all)')
    .option('--provider <name>', 'ollama | llamacpp | sim (default: ollama if it answers, else stop)')
    .option('--host <url>', 'Ollama host')
    .option('--bins <list>', 'τ bins')
    .option('--limit <n>', 'at most n tasks per suite, round-robin over the bins (as the matrix ran)')
    .option('--tasks <path>', 'task file or folder instead of the suite\'s datasets')
    .option('--train-from <dir>', 'outcome matrix (`sale bench matrix`) holding every agent\'s outcome on the training tasks')
    .option('--train-frac <x>', 'share of tasks in the training split (default: configs/sale.yaml)')
    .option('--split-seed <n>', 'seed of the train/test split', '0')
    .option('--seed <n>', 'seed sent to the engine', '0')
    .option('--concurrency <n>', 'calls in flight')
    .option('--no-memory', 'also fit the no-memory variant (it shares SALE\'s weights)')
    .option('--jury <variants>', 'also fit self-only / peer-only jury variants')
    .option('--no-jury', 'also fit the no-jury variant')
    .option('--no-entropy', 'also fit the no-entropy variant')
    .option('--no-price', 'also fit the no-price variant')
    .option('--no-length', 'also fit the no-length variant')
    .option('--out <file>', 'where to write the weights', 'weights.json')
    .option('--config <dir>', 'configuration folder')
    .addHelpText('after', '\nExample:\n  $ sale auction fit --suite coding --provider sim --train-from results/matrix-coding --out weights.json\n  $ sale bench run --router sale --weights weights.json --provider sim')
    .action(async (flags: RunFlags & SaleFlags & { trainFrac?: string }) => {
      const config = configFromFlags(flags);
      const suites = createSuites(list(flags.suite), config, flags.tasks ? { tasks: [resolve(flags.tasks)] } : {});
      const tasks = selectedTasks(suites, binsFlag(flags.bins), intFlag('--limit', flags.limit, 1) ?? null);
      const trainFrac = flags.trainFrac !== undefined ? Number(flags.trainFrac) : config.sale.train_frac;
      if (!(trainFrac > 0 && trainFrac < 1)) throw new ConfigError([`--train-frac: '${flags.trainFrac}' is not in (0, 1)`]);
      const split = saleSplit(tasks, trainFrac, intFlag('--split-seed', flags.splitSeed) ?? 0);
      const provider = flags.provider ? parseProvider(flags.provider) : await autoProvider(config);
      const client = createModelClient(provider, { config, tasks: suites.flatMap((x) => x.tasks) });
      if (provider === 'ollama') await client.ping();
      const seed = intFlag('--seed', flags.seed) ?? 0;
      const caller = auctionCaller(config, client, seed, intFlag('--concurrency', flags.concurrency, 1) ?? (provider === 'sim' ? 8 : 2));
      const variants = variantsFrom(ablationsOf(flags), config.sale.jury);
      const weights = await saleWeights({ config, caller, agents: auctionAgents(config), tasks, split, variants, seed, ...(flags.trainFrom ? { trainFrom: resolve(flags.trainFrom) } : {}) });
      const file = resolve(flags.out ?? 'weights.json');
      writeFileSync(file, `${JSON.stringify(weights, null, 2)}\n`);
      if (provider === 'sim') process.stderr.write(chalk.yellow('SIMULATED: the sim provider played the bids and the jury; these weights are not evidence.\n'));
      for (const f of Object.values(weights.variants)) {
        const w = f.weights;
        process.stdout.write(`${f.variant.padEnd(18)} cost ${w.cost.toFixed(3)}  entropy ${w.entropy.toFixed(3)}  jury ${Object.entries(w.jury).map(([j, x]) => `${j} ${x.toFixed(3)}`).join(', ')}${f.fit?.worstMargin !== undefined ? `  worst margin ${f.fit.worstMargin.toFixed(3)}` : ''}\n`);
      }
      process.stdout.write(`${split.train.length} training tasks, ${weights.training.calls} calls, ${weights.training.tokens} tokens\nweights: ${file}\n`);
    });
}
