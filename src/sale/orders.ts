// Task orders: SALE's memory depends on the order of the task stream, so SALE runs over several seeded
// permutations of the test tasks (SALE.md §3.8) and reports mean ± std over them.
import { createHash } from 'node:crypto';

/** A uniform number in [0, 1) from a key. */
export function uniform(...key: (string | number)[]): number {
  return createHash('sha256').update(key.join('\u241f')).digest().readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Order `order` (1-based) of the tasks: a Fisher–Yates shuffle of the ids sorted, driven by a hash of
 * (seed, order, step). Independent of the input order; the same (seed, order) always gives the same stream.
 */
export function taskOrder(ids: readonly string[], seed: number, order: number): string[] {
  const out = [...ids].sort();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(uniform('sale-order', seed, order, i) * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const streamSystem = (variant: string, order: number) => `${variant}@o${order}`;

/** "sale-no-memory@o3" → { variant: "sale-no-memory", order: 3 }; null for other systems. */
export function parseStreamSystem(system: string): { variant: string; order: number } | null {
  const m = /^(sale(?:-[a-z0-9-]+)?)@o(\d+)$/.exec(system);
  return m ? { variant: m[1]!, order: Number(m[2]) } : null;
}
