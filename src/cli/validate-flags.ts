// Flag checks made before anything runs or is written: empty values, and the run folder (--out).
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../errors.ts';
import { virtualFsOf } from '../tasks/read-files.ts';

/** Refuse an option or argument given as '' (or only spaces): it would silently mean "not given". */
export function refuseEmptyValues(cmd: Command): void {
  for (const opt of cmd.options) {
    const key = opt.attributeName();
    if (cmd.getOptionValueSource(key) !== 'cli') continue;
    const v: unknown = cmd.getOptionValue(key);
    if (typeof v === 'string' && v.trim() === '') {
      throw new ConfigError([`${opt.long ?? opt.flags}: empty value`], { fix: `give ${opt.long ?? opt.flags} a value, or leave the flag out` });
    }
  }
  cmd.registeredArguments.forEach((arg, i) => {
    const v: unknown = cmd.processedArgs[i];
    if (typeof v === 'string' && v.trim() === '') throw new ConfigError([`<${arg.name()}>: empty value`], { fix: `pass a ${arg.name()}` });
  });
}

/**
 * The run folder must be a folder we can write (or creatable in one). Checked before any model is asked
 * or any file is written, so a bad --out leaves nothing behind.
 */
export function checkRunDir(dir: string, flag: string, options: { mustExist: boolean }): void {
  const abs = resolve(dir);
  const vfs = virtualFsOf(abs);
  if (vfs) throw new ConfigError([`${flag} ${abs}: on the virtual file system ${vfs}, not a disk`], { fix: `pass ${flag} on a real disk, e.g. results/my-run` });
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') throw new ConfigError([`${flag} ${abs}: symbolic link loop`], { fix: 'pass a real folder' });
    if (code !== 'ENOENT') throw new ConfigError([`${flag} ${abs}: cannot use the folder (${code})`], { fix: 'pass a folder you may write' });
    if (options.mustExist) throw new ConfigError([`${flag} ${abs}: no such run folder`], { fix: 'pass the folder a `sale bench run` wrote' });
  }
  if (st && !st.isDirectory()) throw new ConfigError([`${flag} ${abs}: is a file, not a folder`], { fix: `pass a folder path to ${flag} (a new one is created)` });
  // The nearest folder that exists must be writable (EACCES, or EROFS on a read-only mount).
  let probe = abs;
  while (!st) {
    probe = dirname(probe);
    try {
      st = statSync(probe);
    } catch {
      if (probe === dirname(probe)) break;
    }
  }
  if (st && !st.isDirectory()) throw new ConfigError([`${flag} ${abs}: ${probe} is a file, not a folder`], { fix: `pass a folder path to ${flag}` });
  try {
    accessSync(probe, constants.W_OK);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'EROFS' ? 'is on a read-only file system' : 'is not writable';
    throw new ConfigError([`${flag} ${abs}: ${probe} ${why}`], { fix: `pass ${flag} on a writable disk` });
  }
}
