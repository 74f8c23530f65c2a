// `--resume DIR` alone restores the flags a run was started with (stored in its manifest), so the
// resume hint printed on Ctrl-C or failure is a command that works as printed.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readManifest } from '../records/run-dir.ts';
import { checkRunDir } from './validate-flags.ts';

/** Flags holding paths: stored absolute, so a resume from another folder finds the same files. */
const PATH_FLAGS = new Set(['tasks', 'config', 'modelPath', 'trainFrom', 'replay', 'weights']);
/** Flags that name the run folder itself, never restored. */
const NOT_STORED = new Set(['out', 'resume']);

/** The flags given on the command line (with the values in `flags`), paths made absolute. */
export function flagsToStore(flags: object, cmd: Command): Record<string, string | boolean> {
  const values = flags as Record<string, unknown>;
  const out: Record<string, string | boolean> = {};
  for (const opt of cmd.options) {
    const key = opt.attributeName();
    if (NOT_STORED.has(key) || cmd.getOptionValueSource(key) !== 'cli') continue;
    const v = values[key];
    if (typeof v === 'string') out[key] = PATH_FLAGS.has(key) ? resolve(v) : v;
    else if (typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/** With --resume DIR: every stored flag not given again on this command line takes its stored value. */
export function restoreFlags(flags: object, cmd: Command): void {
  const values = flags as Record<string, unknown>;
  if (typeof values.resume !== 'string') return;
  checkRunDir(values.resume, '--resume', { mustExist: true });
  const stored = readManifest(resolve(values.resume)).flags ?? {};
  const known = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [key, v] of Object.entries(stored)) {
    if (NOT_STORED.has(key) || !known.has(key) || cmd.getOptionValueSource(key) === 'cli') continue;
    values[key] = v;
  }
}

/** The command that resumes the run in `dir` (a SALE training sub-run resumes through its parent). */
export function resumeHint(dir: string, cmd: Command): string {
  const parent = dirname(dir);
  const top = existsSync(join(parent, 'sale-run.json')) ? parent : dir;
  const name = cmd.name() === 'matrix' && top === dir ? 'matrix' : 'run';
  return `sale bench ${name} --resume ${top}`;
}
