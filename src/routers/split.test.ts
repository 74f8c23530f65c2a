import { describe, expect, it } from 'vitest';
import { splitTasks } from './split.ts';

const tasks = [...Array(100).keys()].map((i) => ({ id: `t${i}`, domain: i < 60 ? 'coding' : 'deepsearch', bin: i % 5 }));

describe('splitTasks', () => {
  it('is seeded, disjoint, complete and stratified by domain × bin', () => {
    const s = splitTasks(tasks, { seed: 1, trainFrac: 0.2 });
    expect(s.train.length + s.test.length).toBe(100);
    expect(s.train.filter((id) => s.test.includes(id))).toEqual([]);
    for (const d of ['coding', 'deepsearch']) {
      for (let b = 0; b < 5; b++) {
        const stratum = tasks.filter((t) => t.domain === d && t.bin === b);
        const inTrain = stratum.filter((t) => s.train.includes(t.id)).length;
        expect(inTrain).toBe(Math.round(0.2 * stratum.length));
      }
    }
    expect(splitTasks([...tasks].reverse(), { seed: 1, trainFrac: 0.2 })).toEqual(s);
    expect(splitTasks(tasks, { seed: 2, trainFrac: 0.2 }).train).not.toEqual(s.train);
  });
  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitTasks(tasks, { seed: 0, trainFrac: 1 })).toThrow(RangeError);
  });
});
