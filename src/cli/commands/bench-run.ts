import { join, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ExitError } from '../../errors.ts';
import { autoProvider, createModelClient, parseProvider } from '../../models/registry.ts';
import { writeRunTables, terminalTable } from '../../report/tables.ts';
import { runBench, type SystemSpec, type SystemsContext } from '../../runner/run-bench.ts';
import { readManifest } from '../../runner/run-dir.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Isolation } from '../../sandbox/types.ts';
import { createSuites, sandboxLimitsOf } from '../../suites/index.ts';
import { binsFlag, configFromFlags, intFlag, list } from '../options.ts';
import { createProgress } from '../progress.ts';
import { applyModelPath, prepareLlamaCppRun } from '../../models/llamacpp/cli-support.ts';
import { GENERATED_TEST_MODEL_LABEL } from '../../models/llamacpp/label.ts';
import { judgeFromFlag } from '../judge-flag.ts';
import { benchRunRouters } from './bench-routers.ts';
import { routerNames } from '../../routers/registry.ts';
import { benchRunSale, registerSaleOptions, wantsSale, type SaleFlags } from '../../sale/cli.ts';

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
  budget: string;
  k: string;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

export function registerBenchRun(bench: Command): void {
  registerSaleOptions(bench.command('run'))
    .description('run every agent alone on the selected tasks; append records as tasks finish; write pass@1, cost and workload tables')
    .option('--suite <names>', 'suite(s): coding, or a comma list, or all', 'coding')
    .option('--agents <names>', 'agents from configs/agents.yaml, comma-separated (default: all)')
    .option('--provider <name>', 'ollama | llamacpp | sim (default: ollama if it answers, else stop)')
    .option('--model-path <file>', 'llamacpp: run every agent on this GGUF file (overrides the agents\' models, which may be GGUF paths or Ollama names)')
    .option('--host <url>', 'Ollama host (overrides OLLAMA_HOST and configs/ollama.yaml)')
    .option('--bins <list>', 'τ bins to run: upper edges (0.1,0.5,2.5,12.5,60) or b1..b5')
    .option('--limit <n>', 'at most n tasks per suite, taken round-robin over the bins')
    .option('--concurrency <n>', 'attempts in flight at once (default: 8 for sim, 2 for ollama)')
    .option('--seed <n>', 'seed sent to the engine and used by the sim provider', '0')
    .option('--out <dir>', 'run directory (default: results/<time>_<suite>_<provider>)')
    .option('--resume <dir>', 'resume a killed run: skips finished attempts, refuses a fingerprint mismatch')
    .option('--tasks <path>', 'task file or folder to run instead of the suite\'s datasets (e.g. an import)')
    .option('--isolation <level>', 'force the sandbox: bwrap | unshare | rlimit (default: strongest available)')
    .option(
      '--judge <agent>',
      'deep search: an agent from agents.yaml judges whether each answer matches the gold; its verdict then decides pass@1 ' +
        '(without --judge, normalised exact match decides; EM and F1 are always recorded, and the tables show judge/EM agreement; pass the same --judge on --resume)',
    )
    .option('--config <dir>', 'configuration folder (default: the bundled configs/)')
    .option('--router <names>', `route instead of running agents alone: ${[...routerNames(), 'sale'].join(', ')}, or all`)
    .option('--train-from <dir>', 'live routing: the outcome matrix whose training-split outcomes train the routers')
    .option('--replay <dir>', 'score routers from this outcome matrix (a `sale bench matrix` run) with zero model calls; `--router all` then means every baseline router, and SALE (named: --router all,sale) still holds its auctions live')
    .option('--train-frac <x>', 'share of tasks in the training split, stratified by domain × bin', '0.2')
    .option('--split-seed <n>', 'seed of the train/test split', '0')
    .option('--lambda <x>', 'WTP / CARROT trade-off: a solved task is worth λ × the dearest agent\'s cost', '5')
    .option('--budget <x>', 'FrugalGPT: mean cost per task the thresholds may spend, × the dearest agent\'s mean cost (a cascade may exceed 1)', '0.6')
    .option('--k <n>', 'neighbours of the kNN router', '5')
    .addHelpText(
      'after',
      `
Examples:
  $ sale bench run --suite coding --provider sim
  $ OLLAMA_HOST=http://gpu-box:11434 sale bench run --suite coding --agents 4b,32b --bins 0.1,0.5
  $ sale bench run --resume results/20261129-120000Z_coding_ollama
  $ sale bench run --suite coding --provider llamacpp --model-path qwen3-8b-q4_k_m.gguf --agents 8b`,
    )
    .action(async (flags: RunFlags & SaleFlags, cmd: Command) => {
      if (wantsSale(flags, cmd)) return void (await benchRunSale(flags, cmd));
      if (flags.router || flags.replay) return benchRunRouters(flags, cmd);
      await benchRunAction(flags, cmd);
    });
}

/** Run every agent alone (the body of `bench run`, shared with `bench matrix`); returns the run directory. */
/** Lets a caller (live routers, SALE) replace the systems of a run and add to its fingerprint. */
export type RunExtension = (ctx: SystemsContext) => Promise<{
  systems: SystemSpec[];
  fingerprintExtra: Record<string, unknown>;
}>;

export async function benchRunAction(flags: RunFlags, cmd: Command, extend?: RunExtension): Promise<string> {
    {
      const resumeDir = flags.resume ? resolve(flags.resume) : undefined;
      // A resumed run takes its settings from its manifest unless flags say otherwise.
      const prior = resumeDir ? readManifest(resumeDir).settings : undefined;
      const config = applyModelPath(configFromFlags({ ...flags, ...(prior && !flags.agents ? { agents: prior.agents.map((a) => a.name).join(',') } : {}) }), flags.modelPath, prior);
      const suites = createSuites(prior && flags.suite === 'coding' && cmd.getOptionValueSource('suite') === 'default' ? prior.suites : list(flags.suite), config, {
        ...(flags.tasks ? { tasks: [resolve(flags.tasks)] } : {}),
      });
      const tasks = suites.flatMap((s) => s.tasks);
      const provider = flags.provider ? parseProvider(flags.provider) : prior ? parseProvider(prior.provider) : await autoProvider(config);
      const client = createModelClient(provider, { config, tasks });
      if (provider === 'ollama') await client.ping();
      const generatedModel = await prepareLlamaCppRun(provider, client, config, flags.modelPath);
      const judge = flags.judge ? await judgeFromFlag(flags.judge, configFromFlags({ ...flags, agents: undefined }), client) : undefined;
      const sandboxLimits = sandboxLimitsOf(suites);
      const sandbox = await createSandbox({
        ...(flags.isolation ? { isolation: flags.isolation as Isolation } : {}),
        ...(sandboxLimits ? { defaults: sandboxLimits } : {}),
      });
      for (const w of sandbox.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${w}\n`);
      const dir = resumeDir ?? resolve(flags.out ?? join(PROJECT_ROOT, 'results', `${stamp()}_${suites.map((s) => s.name).join('+')}_${provider}`));
      if (provider === 'sim') process.stderr.write(chalk.yellow('SIMULATED: the sim provider stands in for the models; results are not evidence.\n'));
      const controller = new AbortController();
      const onSigint = () => {
        process.stderr.write('\ninterrupted: finishing attempts in flight; resume with --resume\n');
        controller.abort();
      };
      process.once('SIGINT', onSigint);
      const progress = createProgress({ tty: Boolean(process.stderr.isTTY), label: provider === 'sim' ? 'SIMULATED' : generatedModel ? GENERATED_TEST_MODEL_LABEL : '' });
      const started = Date.now();
      const seed = intFlag('--seed', flags.seed) ?? 0;
      const bins = binsFlag(flags.bins) ?? prior?.bins;
      const limit = intFlag('--limit', flags.limit, 1) ?? prior?.limit ?? null;
      const runConcurrency = intFlag('--concurrency', flags.concurrency, 1) ?? prior?.concurrency ?? (provider === 'sim' ? 8 : provider === 'llamacpp' ? 1 : 2);
      const runSeed = prior && cmd.getOptionValueSource('seed') === 'default' ? prior.seed : seed;
      const extension = extend ? await extend({ config, suites, bins, limit, client, dir, resume: Boolean(resumeDir), seed: runSeed, concurrency: runConcurrency }) : undefined;
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
        concurrency: intFlag('--concurrency', flags.concurrency, 1) ?? prior?.concurrency ?? (provider === 'sim' ? 8 : provider === 'llamacpp' ? 1 : 2),
        seed: prior && cmd.getOptionValueSource('seed') === 'default' ? prior.seed : seed,
        command: process.argv.slice(2),
        ...(provider === 'sim' || judge || extension
          ? {
              fingerprintExtra: {
                ...(provider === 'sim' ? { sim: config.sim } : {}),
                ...(judge ? { judge: judge.fingerprint } : {}),
                ...(extension?.fingerprintExtra ?? {}),
              },
            }
          : {}),
        ...(judge ? { judge: judge.judge } : {}),
        signal: controller.signal,
        onEvent: progress.onEvent,
      }).finally(() => process.off('SIGINT', onSigint));
      const tables = writeRunTables(result.dir);
      process.stdout.write(`\n${terminalTable(tables.rows, tables.manifest)}\n`);
      process.stdout.write(
        `run directory: ${result.dir}\n  records:  ${join(result.dir, 'records.jsonl')}\n  tables:   ${tables.files.csv}\n            ${tables.files.markdown}\n  took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      if (result.interrupted) throw new ExitError(130, `interrupted; resume with: sale bench run --resume ${result.dir}`);
      return result.dir;
    }
}
