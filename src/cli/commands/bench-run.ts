// `sale bench run`: its flags, and which run they ask for — every agent alone (run-setup.ts), baseline
// routers live or replayed (bench-routers.ts), or SALE with or beside them (bench-sale.ts).
import type { Command } from 'commander';
import { routerNames } from '../../routers/registry.ts';
import { benchRunAction, type RunFlags } from '../run-setup.ts';
import { benchRunRouters } from './bench-routers.ts';
import { benchRunSale, registerSaleOptions, wantsSale, type SaleFlags } from './bench-sale.ts';
import { restoreFlags } from '../resume-flags.ts';

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
    .option('--unsafe', 'allow model-written code on a sandbox level that misses guarantees (rlimit); the manifest and tables say UNSAFE')
    .option('--fail-fast <spec>', 'stop on infrastructure errors: CONSECUTIVE,RATE,WINDOW (default 5,0.2,50: 5 in a row or over 20 % of the last 50), or off')
    .option('--shard <i/n>', 'run only shard i of n of the attempts (stratified by agent and bin); join the shards with `sale bench merge`')
    .option('--seed <n>', 'seed sent to the engine and used by the sim provider', '0')
    .option('--out <dir>', 'run directory (default: results/<time>_<suite>_<provider>)')
    .option('--resume <dir>', 'resume a killed run: skips finished attempts, refuses a fingerprint mismatch')
    .option('--tasks <path>', 'task file or folder to run instead of the suite\'s datasets (e.g. an import)')
    .option('--isolation <level>', 'force the sandbox: bwrap | unshare | rlimit (default: strongest available)')
    .option(
      '--judge <agent>',
      'deep search: an agent from agents.yaml judges whether each answer matches the gold; its verdict then decides pass@1 ' +
        '(without --judge, the grading rules decide: exact, alias, unit, date, containment, yes/no; EM and F1 are always recorded, and the tables show judge/rules agreement; pass the same --judge on --resume)',
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
  $ sale bench run --suite coding --shard 2/3 --out results/shard-2   # then: sale bench merge results/shard-* --out results/all
  $ sale bench run --suite coding --provider llamacpp --model-path qwen3-8b-q4_k_m.gguf --agents 8b`,
    )
    .action(async (flags: RunFlags & SaleFlags, cmd: Command) => {
      restoreFlags(flags, cmd);
      if (wantsSale(flags, cmd)) return void (await benchRunSale(flags, cmd));
      if (flags.router || flags.replay) return benchRunRouters(flags, cmd);
      await benchRunAction(flags, cmd);
    });
}
