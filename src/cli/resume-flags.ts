// `--resume DIR` alone restores the flags a run was started with (stored in its manifest), so the
// resume hint printed on Ctrl-C or failure is a command that works as printed.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../errors.ts';
import { MANIFEST, readManifest } from '../records/run-dir.ts';
import { checkRunDir } from './validate-flags.ts';

/** Flags holding paths: stored absolute, so a resume from another folder finds the same files. */
const PATH_FLAGS = new Set(['tasks', 'config', 'modelPath', 'trainFrom', 'replay', 'weights']);
/** Flags that name the run folder itself, never restored. */
const NOT_STORED = new Set(['out', 'resume']);
/** Values kept beside the options: --jury VARIANTS and --no-jury share one option attribute (bench-sale.ts). */
const EXTRA = ['juryVariants', 'juryOff'];
/** A SALE run's training sub-run (every agent on the training split) lives in this folder of its run. */
export const SALE_TRAINING = 'training';

const isSale = (flags: Record<string, string | boolean> | undefined) => typeof flags?.router === 'string' && flags.router.split(',').some((r) => r.trim() === 'sale' || r.trim() === 'all') && !flags.replay;

/**
 * The manifest whose flags a resume of `dir` restores: its own; or, for a SALE run killed while its
 * training sub-run was running (no manifest of its own yet), its training sub-run's, which holds the
 * flags of the whole SALE run.
 */
function storedFlags(dir: string): Record<string, string | boolean> {
  if (!existsSync(join(dir, MANIFEST)) && existsSync(join(dir, SALE_TRAINING, MANIFEST))) {
    const flags = readManifest(join(dir, SALE_TRAINING)).flags;
    if (isSale(flags)) return flags!;
  }
  const flags = readManifest(dir).flags ?? {};
  if (basename(dir) === SALE_TRAINING && isSale(flags)) {
    throw new ConfigError([`${dir} is the training sub-run of the SALE run in ${dirname(dir)}`], { fix: `sale bench run --resume ${dirname(dir)}` });
  }
  return flags;
}

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
  for (const key of EXTRA) if (typeof values[key] === 'string' || typeof values[key] === 'boolean') out[key] = values[key] as string | boolean;
  return out;
}

/** With --resume DIR: every stored flag not given again on this command line takes its stored value. */
export function restoreFlags(flags: object, cmd: Command): void {
  const values = flags as Record<string, unknown>;
  if (typeof values.resume !== 'string') return;
  checkRunDir(values.resume, '--resume', { mustExist: true });
  const stored = storedFlags(resolve(values.resume));
  const known = new Set([...cmd.options.map((o) => o.attributeName()), ...EXTRA]);
  const given = (key: string) => cmd.getOptionValueSource(key) === 'cli' || (key.startsWith('jury') && cmd.getOptionValueSource('jury') === 'cli');
  for (const [key, v] of Object.entries(stored)) {
    if (NOT_STORED.has(key) || !known.has(key) || given(key)) continue;
    values[key] = v;
    // Restored values count as given (source 'config'): settings that fall back to configs/ when a flag is absent keep them.
    cmd.setOptionValueWithSource(key, v, 'config');
  }
}

/** The command that resumes the run in `dir` (a SALE training sub-run resumes through its parent). */
export function resumeHint(dir: string, cmd: Command, flags?: object): string {
  const parent = dirname(dir);
  const own = flags as Record<string, string | boolean> | undefined;
  const top = basename(dir) === SALE_TRAINING && (isSale(own) || (existsSync(join(dir, MANIFEST)) && isSale(readManifest(dir).flags))) ? parent : dir;
  const name = cmd.name() === 'matrix' && top === dir ? 'matrix' : 'run';
  return `sale bench ${name} --resume ${top}`;
}
