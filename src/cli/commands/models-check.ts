import chalk from 'chalk';
import type { Command } from 'commander';
import { ExitError } from '../../errors.ts';
import { createModelClient, parseProvider } from '../../models/registry.ts';
import { configFromFlags } from '../options.ts';

export function registerModels(program: Command): void {
  const models = program.command('models').description('inspect the models behind the agents');
  models
    .command('check')
    .description('per agent: is the model present, its digest, context length, and whether it supports tools and thinking')
    .option('--provider <name>', 'ollama | sim', 'ollama')
    .option('--host <url>', 'Ollama host (overrides OLLAMA_HOST and configs/ollama.yaml)')
    .option('--agents <names>', 'agents to check (default: all)')
    .option('--config <dir>', 'configuration folder')
    .addHelpText('after', '\nExamples:\n  $ sale models check\n  $ OLLAMA_HOST=gpu-box:11434 sale models check --agents 32b')
    .action(async (flags: { provider: string; host?: string; agents?: string; config?: string }) => {
      const config = configFromFlags(flags);
      const provider = parseProvider(flags.provider);
      const client = createModelClient(provider, { config, tasks: [] });
      const version = await client.ping();
      process.stdout.write(`${provider} at ${client.endpoint} (version ${version.version})\n`);
      process.stdout.write(`${'agent'.padEnd(7)}${'model'.padEnd(14)}${'present'.padEnd(9)}${'digest'.padEnd(15)}${'context'.padStart(8)}  ${'num_ctx'.padStart(8)}  tools  thinking\n`);
      let bad = 0;
      for (const a of config.agents) {
        const info = await client.describe(a.model);
        const caps = info.capabilities ?? [];
        const yes = (b: boolean) => (b ? chalk.green('yes') : chalk.red('no '));
        const ctxWarn = info.contextLength !== undefined && a.contextLength > info.contextLength;
        if (!info.present || !caps.includes('tools')) bad++;
        process.stdout.write(
          `${a.name.padEnd(7)}${a.model.padEnd(14)}${(info.present ? chalk.green('yes') : chalk.red('no')).padEnd(info.present ? 9 + 10 : 9 + 10)}${(info.digest?.slice(0, 12) ?? '—').padEnd(15)}${String(info.contextLength ?? '—').padStart(8)}  ${(ctxWarn ? chalk.yellow(String(a.contextLength)) : String(a.contextLength)).padStart(8)}  ${info.present ? yes(caps.includes('tools')) : '—  '}    ${info.present ? yes(caps.includes('thinking')) : '—'}\n`,
        );
        if (!info.present) process.stdout.write(`       ${chalk.cyan('fix:')} ollama pull ${a.model}\n`);
        if (ctxWarn) process.stdout.write(`       ${chalk.yellow('warning:')} num_ctx ${a.contextLength} exceeds the model's context length ${info.contextLength}\n`);
      }
      if (bad) throw new ExitError(1, chalk.red(`${bad} agent(s) not ready`));
    });
}
