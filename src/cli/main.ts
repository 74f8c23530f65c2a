// The `sale` command line: parses argv, registers commands, maps errors to exit codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { PROJECT_ROOT } from '../config/load.ts';
import { reportError } from './errors.ts';
import { refuseEmptyValues } from './validate-flags.ts';

type Register = (parent: Command) => void;

/**
 * Every command: its place (`bench` or the top level), its name, and how to load its module. The
 * modules are loaded only when needed: `sale bench run` loads bench-run alone, not the plotting
 * libraries of `bench compare` (start-up is most of a small run's time); help, --version and
 * unknown commands load them all.
 */
const COMMANDS: { group: 'bench' | null; name: string; load: () => Promise<Register> }[] = [
  { group: 'bench', name: 'run', load: async () => (await import('./commands/bench-run.ts')).registerBenchRun },
  { group: 'bench', name: 'compare', load: async () => (await import('./commands/bench-compare.ts')).registerBenchCompare },
  { group: 'bench', name: 'check', load: async () => (await import('./commands/bench-check.ts')).registerBenchCheck },
  { group: 'bench', name: 'report', load: async () => (await import('./commands/bench-report.ts')).registerBenchReport },
  { group: 'bench', name: 'matrix', load: async () => (await import('./commands/bench-matrix.ts')).registerBenchMatrix },
  { group: 'bench', name: 'merge', load: async () => (await import('./commands/bench-merge.ts')).registerBenchMerge },
  { group: 'bench', name: 'regrade', load: async () => (await import('./commands/bench-regrade.ts')).registerBenchRegrade },
  { group: 'bench', name: 'sensitivity', load: async () => (await import('./commands/bench-sensitivity.ts')).registerBenchSensitivity },
  { group: null, name: 'datasets', load: async () => (await import('./commands/datasets.ts')).registerDatasets },
  { group: null, name: 'grade', load: async () => (await import('./commands/grade.ts')).registerGrade },
  { group: null, name: 'models', load: async () => (await import('./commands/models-check.ts')).registerModels },
  { group: null, name: 'auction', load: async () => (await import('./commands/auction-fit.ts')).registerAuction },
  { group: null, name: 'repro', load: async () => (await import('./commands/repro-paper.ts')).registerRepro },
];

/** The commands argv names (only that one when it names one exactly, else all of them). */
function commandsFor(argv: string[]): typeof COMMANDS {
  const [first, second] = argv.slice(2);
  const hit = COMMANDS.find((c) => (c.group === null ? c.name === first : c.group === first && c.name === second));
  return hit ? [hit] : COMMANDS;
}

/** The program with every command (or only those `argv` needs). */
export async function buildProgram(argv?: string[]): Promise<Command> {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('sale')
    .description('benchmark small agents and strategy auctions (SALE) on HST-style tasks with local Ollama models')
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  const bench = program.command('bench').description('run benchmarks and build their tables');
  const wanted = argv ? commandsFor(argv) : COMMANDS;
  const registers = await Promise.all(wanted.map((c) => c.load()));
  wanted.forEach((c, i) => registers[i]!(c.group === 'bench' ? bench : program));
  for (const cmd of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) cmd.exitOverride();
  // `--tasks ''` must not quietly mean "no --tasks" (it ran the whole default dataset).
  program.hook('preAction', (_program, action) => refuseEmptyValues(action));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  let program: Command;
  try {
    program = await buildProgram(argv);
  } catch (e) {
    process.exitCode = reportError(e);
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    process.exitCode = reportError(e);
  }
}

/**
 * For the `sale` binary only: an error that escapes every handler (a throw in a timer, a rejected
 * promise nobody awaits) still ends with one line, not a stack trace, and a non-zero exit. The run
 * folder's lock goes with the process; its manifest then still says `running`, never `complete`.
 */
export function installFatalHandlers(): void {
  const fatal = (e: unknown) => {
    process.exitCode = reportError(e) || 1;
    process.exit();
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // A reader that stops early (`sale datasets list | head -1`) closes the pipe: that is not an error of
  // the command, and a benchmark must not die of it. Later writes to that stream are dropped.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') return fatal(e);
      stream.write = (() => true) as typeof stream.write;
    });
  }
}
