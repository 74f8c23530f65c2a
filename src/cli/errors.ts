import chalk from 'chalk';
import { ConfigError, ExitError, FingerprintMismatchError, SaleError } from '../errors.ts';
import { systemErrorLine } from './system-errors.ts';

/**
 * Print an error the way users should see it and return the exit code. Only cli/ decides exit codes.
 * Never a stack trace: an operating-system error becomes one line naming the path and the fix; anything
 * else is a bug in sale, shown as one line (the stack only with SALE_DEBUG=1).
 */
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
  const system = systemErrorLine(e);
  if (system) {
    process.stderr.write(`${chalk.red('error:')} ${system.message}\n${chalk.cyan('fix:')} ${system.fix}\n`);
    return 2;
  }
  const err = e as Error | undefined;
  const line = (err?.message ?? String(e)).split('\n')[0];
  process.stderr.write(`${chalk.red('internal error:')} ${err?.name && err.name !== 'Error' ? `${err.name}: ` : ''}${line}\n`);
  if (process.env.SALE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  else process.stderr.write(`${chalk.cyan('fix:')} this is a bug in sale; rerun with SALE_DEBUG=1 for the stack trace and report it\n`);
  return 1;
}
