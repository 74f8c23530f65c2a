// `--limit N` of the importers: a seeded stratified sample instead of the first N records.
//
// Strata: the τ bin first, then a key the dataset provides (HotpotQA: question type and answer kind —
// yes/no, number, date, entity; short-answer sets: the answer kind; coding sets: none). The N picks go
// round-robin over the bins (an equal share per bin, as far as each bin holds tasks), and inside a bin
// round-robin over its keys, so a small sample covers every bin and answer kind the file holds. Inside a
// stratum the order is a seeded shuffle (sha256 of seed and task id), so the same file, N and seed give
// the same sample on every machine. The sample keeps the file's order.
import { createHash } from 'node:crypto';
import { binOf } from '../../../tasks/bins.ts';
import type { TaskRecord } from '../../../tasks/types.ts';

const rank = (seed: number, id: string) => createHash('sha256').update(`${seed}\0${id}`).digest('hex');

export function stratifiedSample<T extends Pick<TaskRecord, 'id' | 'tau'>>(records: T[], n: number, seed: number, key: (r: T) => string = () => ''): T[] {
  if (n >= records.length) return records;
  // bin → key → records (seeded order)
  const bins = new Map<number, Map<string, T[]>>();
  for (const r of records) {
    const b = binOf(r.tau);
    const byKey = bins.get(b) ?? new Map<string, T[]>();
    bins.set(b, byKey);
    const k = key(r);
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const queues = [...bins.keys()].sort((a, b) => a - b).map((b) => {
    const byKey = bins.get(b)!;
    const lists = [...byKey.keys()].sort().map((k) => byKey.get(k)!.slice().sort((x, y) => (rank(seed, x.id) < rank(seed, y.id) ? -1 : 1)));
    // Round-robin over the keys of this bin.
    const order: T[] = [];
    for (let i = 0; order.length < lists.reduce((s, l) => s + l.length, 0); i++) for (const l of lists) if (i < l.length) order.push(l[i]!);
    return order;
  });
  const picked = new Set<T>();
  for (let i = 0; picked.size < n; i++) {
    for (const q of queues) {
      if (i < q.length && picked.size < n) picked.add(q[i]!);
    }
  }
  return records.filter((r) => picked.has(r));
}
