import { describe, expect, it } from 'vitest';
import type { Task } from '../tasks/types.ts';
import { selectTasks } from '../tasks/select.ts';

/** n tasks over the five bins; every read of `bin` is counted (the work selection does per task). */
function counted(n: number) {
  const reads = { n: 0 };
  const tasks = Array.from({ length: n }, (_, i) => {
    const bin = i % 5;
    return Object.defineProperty({ id: `t${i}` } as unknown as Task, 'bin', {
      get() {
        reads.n++;
        return bin;
      },
    });
  });
  return { tasks, reads };
}

describe('task selection', () => {
  it('takes tasks round-robin over the bins, in file order, keeping file order in the result', () => {
    const { tasks } = counted(23);
    expect(selectTasks(tasks, { limit: 7 }).map((t) => t.id)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
    expect(selectTasks(tasks, { limit: 3, bins: [1, 3] }).map((t) => t.id)).toEqual(['t1', 't3', 't6']);
    expect(selectTasks(tasks, { bins: [4] })).toHaveLength(4);
    expect(selectTasks(tasks, { limit: 100 })).toHaveLength(23);
  });

  it('is linear: work per task stays constant from 10k to 100k tasks (no copy of a bin per task)', () => {
    const perTask = [10_000, 100_000].map((n) => {
      const { tasks, reads } = counted(n);
      const picked = selectTasks(tasks, { limit: 1, bins: [0, 1, 2, 3, 4] });
      expect(picked).toHaveLength(1);
      return reads.n / n;
    });
    expect(perTask[0]).toBeLessThanOrEqual(3);
    expect(perTask[1]).toBeCloseTo(perTask[0]!, 2);
  });

  it('200k tasks in one bin select without a copy per task (a quadratic selection would not finish)', () => {
    // 200k tasks in one bin: copying the bin per task is 2·10^10 element copies, hours; linear is ~0.1 s.
    const tasks = Array.from({ length: 200_000 }, (_, i) => ({ id: `t${i}`, bin: 2 }) as unknown as Task);
    expect(selectTasks(tasks, { limit: 1 }).map((t) => t.id)).toEqual(['t0']);
  }, 20_000);
});
