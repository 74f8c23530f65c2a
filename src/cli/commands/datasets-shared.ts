import { isAbsolute, join, relative, resolve } from 'node:path';
import { BIN_LABELS } from '../../tasks/bins.ts';
import type { Task } from '../../tasks/types.ts';
import { configFromFlags } from '../options.ts';

export const perBin = (tasks: Task[]) => [0, 1, 2, 3, 4].map((b) => tasks.filter((t) => t.bin === b).length);
export const binHeader = () => BIN_LABELS.map((l) => `τ${l}`.padStart(8)).join('');
export const binCounts = (counts: number[]) => BIN_LABELS.map((l, i) => `${l}: ${counts[i]}`).join(', ');

/** The task paths of every bundled suite, or the path given. */
export function pathsFor(path: string | undefined, flags: { config?: string }): { name: string; paths: string[] }[] {
  if (path) return [{ name: relative(process.cwd(), resolve(path)) || path, paths: [resolve(path)] }];
  const config = configFromFlags(flags);
  return Object.entries(config.suites).map(([name, s]) => ({ name, paths: s.datasets.map((d) => (isAbsolute(d) ? d : join(config.root, d))) }));
}
