// The body of `bench run` / `bench matrix`: flags → configuration, suites, client, sandbox and run folder
// (a resumed run takes its settings from its manifest unless flags say otherwise); then the runner, with
// the systems a caller supplies (agents alone by default); then the one table writer and its printout.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../config/load.ts';
import { ConfigError, ExitError } from '../errors.ts';
import { applyModelPath, autoProvider, createModelClient, parseProvider, prepareProvider } from '../models/registry.ts';
import { MANIFEST, readManifest } from '../records/run-dir.ts';
import { GENERATED_TEST_MODEL_LABEL } from '../records/label.ts';
import { writeRunTables } from '../report/tables.ts';
import { writeTables, type AllTables } from '../report/write-tables.ts';
import type { System } from '../routers/types.ts';
import { runBench } from '../runner/run-bench.ts';
import { checkIsolationPolicy, createSandbox, withPolicy } from '../sandbox/index.ts';
import { judgeFromFlag } from '../suites/deepsearch/judge-setup.ts';
import { createSuites, sandboxLimitsOf, simProtocolsOf } from '../suites/index.ts';
import { binsFlag, configFromFlags, intFlag, isolationFlag, list } from './options.ts';
import { printTables } from './print-tables.ts';
import { createProgress } from './progress.ts';
import { parseShard } from '../runner/shard.ts';
import { parseFailFast, throwIfStopped } from '../runner/fail-fast.ts';
import { lockRunDir } from '../runner/run-lock.ts';
import { checkRunDir } from './validate-flags.ts';
import { flagsToStore, resumeHint } from './resume-flags.ts';
import type { Capability } from '../runner/preflight.ts';
import type { SaleRunContext } from '../sale/system.ts';
import { saleModelParts } from '../runner/sale-context.ts';

export interface RunFlags {
  suite: string;
  agents?: string;
  provider?: string;
  host?: string;
  bins?: string;
  limit?: string;
  concurrency?: string;
  seed: string;
  out?: string;
  resume?: string;
  tasks?: string;
  modelPath?: string;
  config?: string;
  isolation?: string;
  judge?: string;
  router?: string;
  replay?: string;
  trainFrom?: string;
  trainFrac: string;
  splitSeed: string;
  lambda: string;
  budget?: string;
  k: string;
  shard?: string;
  failFast?: string;
  unsafe?: boolean;
}

/** What a caller that supplies a run's systems (live routers, SALE) gets to build them: SALE's run context. */
export type SystemsContext = SaleRunContext;

/** Replaces the systems of a run (default: every agent alone) and adds to its fingerprint. */
export type RunExtension = (ctx: SystemsContext) => Promise<{ systems: System[]; fingerprintExtra: Record<string, unknown>; requiredCapabilities?: Capability[] }>;

export const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

/** Run the systems; `after` runs before the tables are written (SALE records its routing). Returns the run folder. */
export async function benchRunAction(flags: RunFlags, cmd: Command, extend?: RunExtension, after?: (dir: string) => void): Promise<{ dir: string; tables: AllTables }> {
  // Flags are checked before anything is asked of a model or written: a bad value stops here.
  const isolation = isolationFlag(flags.isolation);
  if (flags.resume) checkRunDir(flags.resume, '--resume', { mustExist: true });
  else if (flags.out) {
    checkRunDir(flags.out, '--out', { mustExist: false });
    if (existsSync(join(resolve(flags.out), MANIFEST))) {
      throw new ConfigError([`--out ${resolve(flags.out)} already holds a run`], { fix: `resume it with --resume ${resolve(flags.out)}, or choose another --out` });
    }
  }
  const resumeDir = flags.resume ? resolve(flags.resume) : undefined;
  const prior = resumeDir ? readManifest(resumeDir).settings : undefined;
  const config = applyModelPath(configFromFlags({ ...flags, ...(prior && !flags.agents ? { agents: prior.agents.map((a) => a.name).join(',') } : {}) }), flags.modelPath, prior);
  const defaultSuite = prior && flags.suite === 'coding' && cmd.getOptionValueSource('suite') === 'default';
  const suites = createSuites(defaultSuite ? prior.suites : list(flags.suite), config, flags.tasks ? { tasks: [resolve(flags.tasks)] } : {});
  const provider = flags.provider ? parseProvider(flags.provider) : prior ? parseProvider(prior.provider) : await autoProvider(config);
  // The sandbox and its policy first: a refused isolation level stops the run before any provider is contacted.
  const sandboxLimits = sandboxLimitsOf(suites);
  const created = await createSandbox({ ...(isolation ? { isolation } : {}), ...(sandboxLimits ? { defaults: sandboxLimits } : {}) });
  // Model-written code needs a level with every guarantee, or --unsafe (the sim provider runs only project code).
  const sandbox = withPolicy(created, checkIsolationPolicy({ isolation: created.isolation, unsafe: Boolean(flags.unsafe), modelCode: provider !== 'sim' }));
  const client = createModelClient(provider, { config, tasks: suites.flatMap((s) => s.tasks), simProtocols: simProtocolsOf(suites) });
  const { generatedModel } = await prepareProvider(provider, client, config, flags.modelPath);
  const judge = flags.judge ? await judgeFromFlag(flags.judge, configFromFlags({ ...flags, agents: undefined }), client) : undefined;
  for (const w of sandbox.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${w}\n`);
  const dir = resumeDir ?? resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_${suites.map((s) => s.name).join('+')}_${provider}`));
  if (!resumeDir && !flags.out) checkRunDir(dir, '--out', { mustExist: false });
  if (provider === 'sim') process.stderr.write(chalk.yellow('SIMULATED: the sim provider stands in for the models; results are not evidence.\n'));
  const seed = prior && cmd.getOptionValueSource('seed') === 'default' ? prior.seed : (intFlag('--seed', flags.seed) ?? 0);
  const bins = binsFlag(flags.bins) ?? prior?.bins;
  const limit = intFlag('--limit', flags.limit, 1) ?? prior?.limit ?? null;
  const concurrency = intFlag('--concurrency', flags.concurrency, 1) ?? prior?.concurrency ?? (provider === 'sim' ? 8 : provider === 'llamacpp' ? 1 : 2);
  // Auxiliary calls (SALE's auctions) go through the runner's metered, logged capability, built once per run.
  const saleParts = saleModelParts(config, client, seed, dir);
  const extension = extend ? await extend({ config, suites, bins, limit, ...saleParts, dir, resume: Boolean(resumeDir), seed, concurrency }) : undefined;
  const fingerprintExtra = {
    ...(provider === 'sim' ? { sim: config.sim } : {}),
    ...(judge ? { judge: judge.fingerprint } : {}),
    ...(extension?.fingerprintExtra ?? {}),
  };

  const controller = new AbortController();
  const hint = resumeHint(dir, cmd, flags);
  const onSigint = () => {
    process.stderr.write(`\ninterrupted: finishing attempts in flight; then resume with: ${hint}\n`);
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const progress = createProgress({ tty: Boolean(process.stderr.isTTY), label: provider === 'sim' ? 'SIMULATED' : generatedModel ? GENERATED_TEST_MODEL_LABEL : '' });
  const started = Date.now();
  // The lock is held from the first record to the last table (runBench takes it again, re-entrantly).
  const lock = lockRunDir(dir);
  let runStarted = false;
  const result = await runBench({
    suites,
    agents: config.agents,
    client,
    sandbox,
    dir,
    resume: Boolean(resumeDir),
    bins,
    limit,
    ...(extension ? { systems: extension.systems } : {}),
    aux: saleParts.call,
    ...(extension?.requiredCapabilities ? { requiredCapabilities: extension.requiredCapabilities } : {}),
    concurrency,
    seed,
    command: process.argv.slice(2),
    flags: flagsToStore(flags, cmd),
    ...(Object.keys(fingerprintExtra).length ? { fingerprintExtra } : {}),
    ...(judge ? { judge: judge.judge } : {}),
    ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
    failFast: parseFailFast(flags.failFast),
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'run-start') runStarted = true;
      progress.onEvent(event);
    },
  })
    .catch((e: unknown) => {
      lock.release();
      if (runStarted) process.stderr.write(`the run stopped (its manifest says failed, and why); resume it with: ${hint}\n`);
      throw e;
    })
    .finally(() => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    });
  // Cut short: the run's own tables only (SALE's routing and tables come with the completed run).
  const cut = result.interrupted || Boolean(result.stopped);
  let tables: AllTables;
  try {
    if (!cut) after?.(result.dir);
    tables = cut ? { dir: result.dir, run: writeRunTables(result.dir) } : writeTables(result.dir);
  } finally {
    lock.release();
  }
  printTables(tables, started);
  throwIfStopped(result);
  if (result.interrupted) throw new ExitError(130, `interrupted; resume with: ${hint}`);
  return { dir: result.dir, tables };
}
