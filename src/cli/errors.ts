import chalk from 'chalk';
import { ConfigError, ExitError, FingerprintMismatchError, SaleError } from '../errors.ts';

/** Print an error the way users should see it and return the exit code. Only cli/ decides exit codes. */
export function reportError(e: unknown): number {
  if (e instanceof ExitError) {
    if (e.message) process.stderr.write(`${e.message}\n`);
    return e.code;
  }
  if (SaleError.isInstance(e)) {
    process.stderr.write(`${chalk.red('error:')} ${e.message}\n`);
    if (e.fix) process.stderr.write(`${chalk.cyan('fix:')} ${e.fix}\n`);
    return e instanceof ConfigError || e instanceof FingerprintMismatchError ? 2 : 1;
  }
  process.stderr.write(`${chalk.red('internal error:')} ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}
