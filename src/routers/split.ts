// The train/test split every router and SALE share (SALE.md §4): seeded, stratified by domain × τ bin.
// Trained routers and SALE's weights see the training tasks only; everything is scored on the test tasks.
import { createHash } from 'node:crypto';

export interface SplitTask {
  id: string;
  domain: string;
  bin: number;
}

export interface Split {
  seed: number;
  trainFrac: number;
  train: string[];
  test: string[];
}

const rank = (seed: number, id: string) => createHash('sha256').update(`split\u241f${seed}\u241f${id}`).digest('hex');

/**
 * In every domain × bin stratum, order the tasks by a seeded hash of their id and put the first
 * round(trainFrac · n) into training. Independent of input order; adding a task to one stratum
 * never moves tasks of another.
 */
export function splitTasks(tasks: SplitTask[], options: { seed: number; trainFrac: number }): Split {
  if (!(options.trainFrac >= 0 && options.trainFrac < 1)) throw new RangeError(`train fraction must be in [0, 1), got ${options.trainFrac}`);
  const strata = new Map<string, SplitTask[]>();
  for (const t of tasks) {
    const key = `${t.domain}/${t.bin}`;
    strata.set(key, [...(strata.get(key) ?? []), t]);
  }
  const train = new Set<string>();
  for (const group of strata.values()) {
    const ordered = [...group].sort((a, b) => (rank(options.seed, a.id) < rank(options.seed, b.id) ? -1 : 1));
    const n = Math.round(options.trainFrac * ordered.length);
    for (const t of ordered.slice(0, n)) train.add(t.id);
  }
  const ids = [...new Set(tasks.map((t) => t.id))].sort();
  return { seed: options.seed, trainFrac: options.trainFrac, train: ids.filter((id) => train.has(id)), test: ids.filter((id) => !train.has(id)) };
}
