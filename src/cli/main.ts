// The `sale` command line: parses argv, registers commands, maps errors to exit codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { PROJECT_ROOT } from '../config/load.ts';
import { registerBenchMatrix } from './commands/bench-matrix.ts';
import { registerBenchSensitivity } from './commands/bench-sensitivity.ts';
import { registerBenchMerge } from './commands/bench-merge.ts';
import { registerBenchRun } from './commands/bench-run.ts';
import { registerBenchCompare } from './commands/bench-compare.ts';
import { registerBenchCheck } from './commands/bench-check.ts';
import { registerBenchReport } from './commands/bench-report.ts';
import { registerDatasets } from './commands/datasets.ts';
import { registerGrade } from './commands/grade.ts';
import { registerBenchRegrade } from './commands/bench-regrade.ts';
import { registerModels } from './commands/models-check.ts';
import { registerAuction } from './commands/auction-fit.ts';
import { registerRepro } from './commands/repro-paper.ts';
import { reportError } from './errors.ts';
import { refuseEmptyValues } from './validate-flags.ts';

export function buildProgram(): Command {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('sale')
    .description('benchmark small agents and strategy auctions (SALE) on HST-style tasks with local Ollama models')
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  const bench = program.command('bench').description('run benchmarks and build their tables');
  registerBenchRun(bench);
  registerBenchCompare(bench);
  registerBenchCheck(bench);
  registerBenchReport(bench);
  registerBenchMatrix(bench);
  registerBenchMerge(bench);
  registerBenchRegrade(bench);
  registerBenchSensitivity(bench);
  registerDatasets(program);
  registerGrade(program);
  registerModels(program);
  registerAuction(program);
  registerRepro(program);
  for (const cmd of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) cmd.exitOverride();
  // `--tasks ''` must not quietly mean "no --tasks" (it ran the whole default dataset).
  program.hook('preAction', (_program, action) => refuseEmptyValues(action));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
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
}
