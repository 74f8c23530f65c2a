// `sale auction fit`: SALE's weights fitted on the training split, written to a file.
import { saleModelParts } from '../../runner/sale-context.ts';
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.ts';
import { autoProvider, createModelClient, parseProvider, prepareProvider } from '../../models/registry.ts';
import { auctionAgents, auctionCaller, saleSplit, selectedTasks } from '../../sale/system.ts';
import { saleWeights } from '../../sale/weights-file.ts';
import { variantsFrom } from '../../sale/variants.ts';
import { createSuites, simProtocolsOf } from '../../suites/index.ts';
import { binsFlag, configFromFlags, intFlag, list } from '../options.ts';
import type { RunFlags } from '../run-setup.ts';
import { ablationsOf, type SaleFlags } from './bench-sale.ts';

/** Bids and jury on the training split, weights fitted and written to a file. */
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
      const client = createModelClient(provider, { config, tasks: suites.flatMap((x) => x.tasks), simProtocols: simProtocolsOf(suites) });
      await prepareProvider(provider, client, config, undefined);
      const seed = intFlag('--seed', flags.seed) ?? 0;
      const parts = saleModelParts(config, client, seed);
      const caller = auctionCaller(config, parts.call, parts.simulated, seed, intFlag('--concurrency', flags.concurrency, 1) ?? (provider === 'sim' ? 8 : 2));
      const variants = variantsFrom(ablationsOf(flags), config.sale.jury, config.agents.map((a) => a.name));
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
