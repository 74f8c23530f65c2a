// Sharded runs: `--shard i/n` runs a deterministic 1/n of a run's attempts, so one experiment can be
// spread over several GPU boxes or a cluster's job array (each shard pointed at its own engine), and
// `sale bench merge` puts the shards back together (merge.ts).
//
// Assignment: attempts are grouped into strata of (system, τ bin) and, within a stratum, sorted by task
// id and dealt round-robin, the k-th to shard (k + offset) mod n, where the offset rotates with the
// stratum's position so that the remainders do not all land on shard 1. Every shard so gets the same
// share of every agent and every bin (±1 attempt), and the assignment depends only on the selection,
// never on the order tasks were loaded in or on the machine.
import { ConfigError } from '../errors.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parse "i/n" (1 ≤ i ≤ n). */
export function parseShard(flag: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(flag);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count) {
    throw new ConfigError([`--shard: '${flag}' is not i/n with 1 ≤ i ≤ n`], { fix: 'e.g. --shard 2/4 runs the second of four shards' });
  }
  return { index, count };
}

export interface ShardItem {
  system: string;
  taskId: string;
  bin: number;
}

/** Which shard (1-based) each item belongs to, in the items' own order. */
export function assignShards(items: readonly ShardItem[], count: number): number[] {
  const strata = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = `${it.system}\u0000${it.bin}`;
    const s = strata.get(key);
    if (s) s.push(i);
    else strata.set(key, [i]);
  });
  const out = new Array<number>(items.length);
  [...strata.keys()].sort().forEach((key, stratum) => {
    const members = strata.get(key)!.sort((a, b) => (items[a]!.taskId < items[b]!.taskId ? -1 : items[a]!.taskId > items[b]!.taskId ? 1 : 0));
    members.forEach((i, k) => (out[i] = ((k + stratum) % count) + 1));
  });
  return out;
}

/** The items of one shard, in their own order. */
export function inShard<T extends ShardItem>(items: readonly T[], shard: Shard): T[] {
  if (shard.count === 1) return [...items];
  const to = assignShards(items, shard.count);
  return items.filter((_, i) => to[i] === shard.index);
}
