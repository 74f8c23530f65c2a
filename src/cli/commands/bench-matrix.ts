import type { Command } from 'commander';
import { ConfigError } from '../../errors.ts';
import { readMatrix, writeMatrixCsv } from '../../routers/matrix.ts';
import { plannedAgentSystems } from '../../sale/plan-matrix.ts';
import { benchRunAction, type RunExtension, type RunFlags } from '../run-setup.ts';
import { restoreFlags } from '../resume-flags.ts';

/**
 * `sale bench matrix`: every agent on every task once (the same records as `bench run`) plus matrix.csv.
 * `--with-plans`: every agent first bids its plan (SALE's bid call) and executes with it in its prompt
 * (src/sale/plan-matrix.ts), so a replayed SALE scores plan-conditioned executions.
 */
export function registerBenchMatrix(bench: Command): void {
  bench
    .command('matrix')
    .description('run every agent on every task once and write the outcome matrix (matrix.csv) that routers replay')
    .option('--suite <names>', 'suite(s): coding, a comma list, or all', 'coding')
    .option('--agents <names>', 'agents from configs/agents.yaml (default: all)')
    .option('--provider <name>', 'ollama | sim (default: ollama if it answers, else stop)')
    .option('--host <url>', 'Ollama host')
    .option('--bins <list>', 'τ bins to run')
    .option('--limit <n>', 'at most n tasks per suite, round-robin over the bins')
    .option('--concurrency <n>', 'attempts in flight at once')
    .option('--shard <i/n>', 'run only shard i of n (then `sale bench merge` the shards)')
    .option('--with-plans', 'each agent first bids its plan (SALE\'s bid) and executes with it in the prompt (the paper\'s setting; for SALE replays)')
    .option('--seed <n>', 'seed', '0')
    .option('--out <dir>', 'run directory')
    .option('--resume <dir>', 'resume a killed matrix run')
    .option('--tasks <path>', 'task file or folder instead of the suite\'s datasets')
    .option('--isolation <level>', 'force the sandbox level')
    .option('--unsafe', 'allow model-written code on a sandbox level that misses guarantees (rlimit)')
    .option('--config <dir>', 'configuration folder')
    .addHelpText(
      'after',
      `
Examples:
  $ sale bench matrix --suite coding --provider sim --out results/matrix-coding
  $ sale bench run --router all --replay results/matrix-coding
  $ sale bench matrix --suite coding --provider sim --with-plans --out results/plans-coding
  $ sale bench run --router all,sale --replay results/plans-coding`,
    )
    .action(async (flags: RunFlags & { withPlans?: boolean }, cmd: Command) => {
      restoreFlags(flags, cmd);
      if (flags.withPlans && flags.shard) throw new ConfigError(['--with-plans runs cannot be sharded yet'], { fix: 'drop --shard (or build a plan-free matrix in shards)' });
      // The bids read log-probabilities, as SALE's do: preflight checks the engine can give them.
      const planned: RunExtension | undefined = flags.withPlans ? async (ctx) => ({ ...plannedAgentSystems(ctx), requiredCapabilities: ['logprobs'] }) : undefined;
      const { dir } = await benchRunAction(flags, cmd, planned);
      if (flags.shard) return void process.stdout.write(`  shard:    ${dir}\n  next:     sale bench merge <every shard folder> --out DIR, then: sale bench run --router all --replay DIR\n`);
      const file = writeMatrixCsv(readMatrix(dir));
      process.stdout.write(`  matrix:   ${file}\n  next:     sale bench run --router all --replay ${dir}\n`);
    });
}
