// HST-Bench complexity bins: τ in minutes, each bin is (previous edge, edge].
export const BIN_EDGES = [0.1, 0.5, 2.5, 12.5, 60] as const;
export type BinIndex = 0 | 1 | 2 | 3 | 4;
export const BIN_LABELS = ['≤0.1', '≤0.5', '≤2.5', '≤12.5', '≤60'] as const;
/** ASCII labels for file names, CSV and CLI flags. */
export const BIN_KEYS = ['le0.1', 'le0.5', 'le2.5', 'le12.5', 'le60'] as const;
export const TAU_MAX = BIN_EDGES[BIN_EDGES.length - 1]!;

/** The bin of a human solve time τ (minutes). Throws outside (0, 60]. */
export function binOf(tau: number): BinIndex {
  if (!(tau > 0) || tau > TAU_MAX) throw new RangeError(`τ must be in (0, ${TAU_MAX}] minutes, got ${tau}`);
  const i = BIN_EDGES.findIndex((edge) => tau <= edge);
  return i as BinIndex;
}

/** Parse a bin given as index (0-4, or 1-5 with a "b" prefix), key ("le2.5") or edge ("2.5"). */
export function parseBin(text: string): BinIndex {
  const t = text.trim().replace(/^≤/, '');
  const byKey = BIN_KEYS.indexOf(t as (typeof BIN_KEYS)[number]);
  if (byKey >= 0) return byKey as BinIndex;
  const byEdge = BIN_EDGES.findIndex((e) => String(e) === t);
  if (byEdge >= 0) return byEdge as BinIndex;
  const m = /^b([1-5])$/.exec(t);
  if (m) return (Number(m[1]) - 1) as BinIndex;
  throw new RangeError(`unknown bin '${text}': use an upper edge (${BIN_EDGES.join(', ')}), a key (${BIN_KEYS.join(', ')}) or b1..b5`);
}
