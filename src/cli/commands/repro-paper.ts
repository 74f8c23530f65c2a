// `sale repro paper`: the paper's whole protocol in one resumable command (src/repro/). The stages are
// the `sale bench …` commands themselves, parsed and run in this process, never a child `sale`.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import chalk from 'chalk';
import { Command, CommanderError } from 'commander';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/load.ts';
import { ConfigError } from '../../errors.ts';
import { parseProvider } from '../../models/registry.ts';
import { checkRun, reproPaper, storedSettings, storeSettings } from '../../repro/paper.ts';
import { DEFAULT_PROTOCOL, loadProtocol } from '../../repro/protocol.ts';
import { DEFAULT_REPORTED, loadReported } from '../../repro/reported.ts';
import type { BenchCommand } from '../../repro/stages.ts';
import { intFlag } from '../options.ts';
import { refuseEmptyValues, checkRunDir } from '../validate-flags.ts';
import { stamp } from '../run-setup.ts';
import { registerBenchCompare } from './bench-compare.ts';
import { registerBenchMatrix } from './bench-matrix.ts';
import { registerBenchReport } from './bench-report.ts';
import { registerBenchRun } from './bench-run.ts';

interface ReproFlags {
  config?: string;
  reported?: string;
  out?: string;
  provider?: string;
  host?: string;
  budgetUsd?: string;
  budgetGpuHours?: string;
  pilot?: string;
  yes?: boolean;
  limit?: string;
  concurrency?: string;
}

/** The `sale bench` commands, fresh for each stage (commander keeps parsed values on its objects). */
function benchProgram(): Command {
  const bench = new Command('bench').exitOverride();
  registerBenchRun(bench);
  registerBenchMatrix(bench);
  registerBenchCompare(bench);
  registerBenchReport(bench);
  for (const c of bench.commands) c.exitOverride();
  bench.hook('preAction', (_p, action) => refuseEmptyValues(action));
  return bench;
}

const runBench: BenchCommand = async (argv) => {
  try {
    await benchProgram().parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new ConfigError([`sale bench ${argv.join(' ')}: ${e.message.replace(/^error: /, '')}`], { fix: 'this stage\'s command line comes from the protocol file: correct it there' });
    throw e;
  }
};

const withPlansAvailable = () => Boolean(benchProgram().commands.find((c) => c.name() === 'matrix')?.options.some((o) => o.long === '--with-plans'));

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigError([`${name}: '${v}' is not a positive number`], { fix: `e.g. ${name} 50` });
  return n;
}

async function confirmOnTerminal(resume: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new ConfigError(['the pilot\'s estimate needs a go-ahead, and stdin is not a terminal'], { fix: `read the estimate above, then accept it with: ${resume} --yes (the pilot is kept and not run again)` });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question('Run the whole protocol? [y/N] ')).trim());
  } finally {
    rl.close();
  }
}

export function registerRepro(program: Command): void {
  const repro = program.command('repro').description('reproduce a paper\'s protocol end to end');
  repro
    .command('paper')
    .description('the SALE paper\'s whole protocol: a pilot and its cost estimate, then matrix → SALE orders and ablations → baselines → compare → report, resumable; writes REPRODUCTION.md beside the paper\'s numbers')
    .option('--config <file>', 'the protocol (default: configs/paper.yaml)')
    .option('--reported <file>', 'the paper\'s reported numbers (default: configs/paper-reported.yaml)')
    .option('--out <dir>', 'output folder (default: results/repro-paper-<time>); an existing one is resumed')
    .option('--provider <name>', 'ollama | openai | llamacpp | sim')
    .option('--host <url>', 'the engine\'s host (Ollama, or the OpenAI-compatible base URL)')
    .option('--budget-usd <x>', 'stop cleanly once this many $ (at the paper\'s prices, pilot included) are spent')
    .option('--budget-gpu-hours <h>', 'stop cleanly once this many GPU-hours of engine time are spent')
    .option('--pilot <n>', 'tasks per τ bin and suite in the pilot (default: the protocol\'s)')
    .option('--yes', 'go on after the estimate without asking')
    .option('--limit <n>', 'at most n tasks per suite, round-robin over the bins (a smaller protocol)')
    .option('--concurrency <n>', 'attempts in flight at once')
    .addHelpText(
      'after',
      `
Examples:
  $ sale repro paper --provider sim --yes                                  # the whole protocol, simulated
  $ sale repro paper --provider ollama --budget-usd 20 --out results/paper # asks after the pilot's estimate
  $ sale repro paper --out results/paper                                   # resume (settings come back from the folder)`,
    )
    .action(async (flags: ReproFlags, cmd: Command) => {
      const given = (k: string) => cmd.getOptionValueSource(k) === 'cli';
      const out = resolve(flags.out ?? join(PROJECT_ROOT, 'results', `repro-paper-${stamp()}`));
      checkRunDir(out, '--out', { mustExist: false });
      // A resumed folder takes back every setting not given again.
      const stored = storedSettings(out) ?? {};
      const pick = (k: keyof ReproFlags) => (given(k) ? (flags[k] as string | undefined) : ((stored[k] as string | undefined) ?? (flags[k] as string | undefined)));
      const s = { config: pick('config'), reported: pick('reported'), provider: pick('provider'), host: pick('host'), limit: pick('limit'), pilot: pick('pilot'), concurrency: pick('concurrency') };
      // --yes given once is a go-ahead given in advance: a resume (after a budget stop in the pilot) keeps it.
      const yes = Boolean(flags.yes) || stored.yes === true;
      if (s.provider) parseProvider(s.provider);
      if (flags.budgetUsd !== undefined && flags.budgetGpuHours !== undefined) throw new ConfigError(['--budget-usd and --budget-gpu-hours: give one budget'], { fix: 'keep the one you mean' });
      const budget = { ...(flags.budgetUsd !== undefined ? { usd: positive('--budget-usd', flags.budgetUsd)! } : {}), ...(flags.budgetGpuHours !== undefined ? { gpuHours: positive('--budget-gpu-hours', flags.budgetGpuHours)! } : {}) };
      const limit = intFlag('--limit', s.limit, 1);
      const pilot = intFlag('--pilot', s.pilot, 1);
      intFlag('--concurrency', s.concurrency, 1);
      const protocol = loadProtocol(s.config ? resolve(s.config) : DEFAULT_PROTOCOL);
      const reported = loadReported(s.reported ? resolve(s.reported) : DEFAULT_REPORTED);
      checkRun(protocol, limit);
      storeSettings(out, { ...(Object.fromEntries(Object.entries({ ...s, config: s.config && resolve(s.config), reported: s.reported && resolve(s.reported) }).filter(([, v]) => v !== undefined)) as Record<string, string>), ...(yes ? { yes } : {}) });
      const resumeCommand = `sale repro paper --out ${out}`;
      if (s.provider === 'sim') process.stdout.write(`${chalk.bgYellow.black(' SIMULATED ')} ${chalk.yellow('the sim provider stands in for the models: REPRODUCTION.md is not evidence')}\n`);
      const r = await reproPaper({
        protocol,
        reported,
        out,
        settings: { ...(s.provider ? { provider: s.provider } : {}), ...(s.host ? { host: s.host } : {}), ...(limit ? { limit } : {}), ...(s.concurrency ? { concurrency: s.concurrency } : {}) },
        budget,
        ...(pilot ? { pilot } : {}),
        yes,
        bench: runBench,
        confirm: () => confirmOnTerminal(resumeCommand),
        withPlansAvailable: withPlansAvailable(),
        log: (line) => process.stdout.write(`${chalk.bold('repro')} ${line}\n`),
        resumeCommand,
      });
      process.stdout.write(`\n${chalk.bold('repro')} model calls: ${r.modelCalls.pilot} in the pilot, ${r.modelCalls.full} in the protocol (this process); ${r.replayedCalls} answered from the call journals\n`);
      process.stdout.write(`${chalk.bold('repro')} wrote ${r.reproduction}\n`);
    });
}
