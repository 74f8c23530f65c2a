import chalk from 'chalk';
import type { Command } from 'commander';
import { ConfigError, ExitError } from '../../errors.ts';
import { applyModelPath } from '../../models/llamacpp/cli-support.ts';
import { GENERATED_TEST_MODEL_LABEL, isGeneratedTestModel } from '../../records/label.ts';
import { createModelClient, parseProvider } from '../../models/registry.ts';
import { configFromFlags } from '../options.ts';
import { neededCapabilities } from '../../runner/preflight.ts';

/** A table cell: plain text, an optional colour (applied after padding), alignment. */
type Cell = [text: string, colour?: (s: string) => string, align?: 'left' | 'right'];

/**
 * Columns padded on the plain text, colour added afterwards: aligned whether or not colour codes are
 * written (piped output has none). Each row may carry note lines, indented under it.
 */
export function alignedTable(header: Cell[], rows: Cell[][], notes: string[][] = []): string {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]![0].length)));
  const line = (r: Cell[]) =>
    r
      .map(([text, colour, align], i) => {
        const padded = align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        return colour ? colour(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  rows.forEach((r, i) => {
    out.push(line(r));
    for (const n of notes[i] ?? []) out.push(`${' '.repeat(widths[0]! + 2)}${n}`);
  });
  return `${out.join('\n')}\n`;
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('inspect the models behind the agents');
  models
    .command('check')
    .description('per agent: is the model present, its digest (Ollama\'s manifest digest, the blob sha256 beside it), context length, and whether it supports tools and thinking')
    .option('--provider <name>', 'ollama | llamacpp | sim', 'ollama')
    .option('--model-path <file>', 'llamacpp: check this GGUF file for every agent (agents\' models may be GGUF paths or Ollama names)')
    .option('--host <url>', 'Ollama host (overrides OLLAMA_HOST and configs/ollama.yaml)')
    .option('--agents <names>', 'agents to check (default: all)')
    .option('--config <dir>', 'configuration folder')
    .addHelpText('after', '\nExamples:\n  $ sale models check\n  $ OLLAMA_HOST=gpu-box:11434 sale models check --agents 32b\n  $ sale models check --provider llamacpp            # agents\' models from Ollama\'s store (OLLAMA_MODELS)\n  $ sale models check --provider llamacpp --model-path model.gguf')
    .action(async (flags: { provider: string; host?: string; agents?: string; config?: string; modelPath?: string }) => {
      const provider = parseProvider(flags.provider);
      if (flags.modelPath !== undefined && provider !== 'llamacpp') throw new ConfigError([`--model-path works with --provider llamacpp, not ${provider}`]);
      const config = applyModelPath(configFromFlags(flags), flags.modelPath);
      const client = createModelClient(provider, { config, tasks: [] });
      const version = await client.ping();
      process.stdout.write(`${provider} at ${client.endpoint} (version ${version.version})\n`);
      const rows: Cell[][] = [];
      const notes: string[][] = [];
      let bad = 0;
      for (const a of config.agents) {
        const info = await client.describe(a.model);
        const caps = info.capabilities ?? [];
        const ctxWarn = info.contextLength !== undefined && a.contextLength > info.contextLength;
        // What a run needs (src/runner/preflight.ts): tools always, thinking when a call type thinks.
        const lacking = info.present && info.capabilities ? neededCapabilities(a).filter((c) => c !== 'logprobs' && !caps.includes(c)) : [];
        if (!info.present || lacking.length) bad++;
        const yes = (b: boolean): Cell => (info.present ? (b ? ['yes', chalk.green] : ['no', chalk.red]) : ['—']);
        rows.push([
          [a.name],
          [a.model],
          info.present ? ['yes', chalk.green] : ['no', chalk.red],
          [info.digest?.slice(0, 12) ?? '—'],
          [info.blobDigest?.slice(0, 12) ?? '—'],
          [String(info.contextLength ?? '—'), undefined, 'right'],
          ctxWarn ? [String(a.contextLength), chalk.yellow, 'right'] : [String(a.contextLength), undefined, 'right'],
          yes(caps.includes('tools')),
          yes(caps.includes('thinking')),
        ]);
        const lines: string[] = [];
        // llamacpp says why a model is missing (path, Ollama store) and what to do; Ollama: pull it.
        const { problem, fix } = info as typeof info & { problem?: string; fix?: string };
        if (!info.present && problem) lines.push(`${chalk.red('problem:')} ${problem}`);
        if (!info.present) lines.push(`${chalk.cyan('fix:')} ${fix ?? `ollama pull ${a.model}`}`);
        for (const c of lacking) lines.push(`${chalk.red('missing:')} ${c} (a run stops before its first task) — ${chalk.cyan('fix:')} ${c === 'tools' ? `use a tool-capable model (e.g. qwen3) instead of ${a.model}` : `use a thinking model, or set think: false for agent ${a.name}'s call types in configs/agents.yaml`}`);
        if (isGeneratedTestModel(info)) lines.push(`${chalk.yellow(`${GENERATED_TEST_MODEL_LABEL}:`)} generated by sale for tests; its output is meaningless`);
        if (ctxWarn) lines.push(`${chalk.yellow('warning:')} num_ctx ${a.contextLength} exceeds the model's context length ${info.contextLength}`);
        notes.push(lines);
      }
      const header: Cell[] = ['agent', 'model', 'present', 'digest', 'blob sha256', 'context', 'num_ctx', 'tools', 'thinking'].map((h, i) => [h, undefined, i === 5 || i === 6 ? 'right' : 'left']);
      process.stdout.write(alignedTable(header, rows, notes));
      if (bad) throw new ExitError(1, chalk.red(`${bad} agent(s) not ready`));
    });
}
