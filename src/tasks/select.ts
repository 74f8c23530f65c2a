import type { Task } from './types.ts';

/**
 * Choose the tasks of a run: keep the bins asked for, then, with a limit, take tasks round-robin over
 * the bins (in file order within each bin) so a small run still covers every bin.
 */
export function selectTasks(tasks: Task[], options: { bins?: number[]; limit?: number | null }): Task[] {
  const bins = options.bins ? new Set(options.bins) : undefined;
  const kept = bins ? tasks.filter((t) => bins.has(t.bin)) : tasks;
  if (options.limit == null || options.limit >= kept.length) return kept;
  const byBin = new Map<number, Task[]>();
  // Linear in the number of tasks (no copy per task): 100k tasks with --limit 1 answer at once.
  for (const t of kept) {
    const q = byBin.get(t.bin);
    if (q) q.push(t);
    else byBin.set(t.bin, [t]);
  }
  const queues = [...byBin.entries()].sort(([a], [b]) => a - b).map(([, ts]) => ts);
  const chosen = new Set<Task>();
  for (let i = 0; chosen.size < options.limit; i++) {
    for (const q of queues) {
      if (chosen.size >= options.limit) break;
      if (q[i]) chosen.add(q[i]!);
    }
  }
  return kept.filter((t) => chosen.has(t));
}
