import { describe, expect, it } from 'vitest';
import { stratifiedSample } from './sample.ts';

// 20 tasks in bin ≤0.5 (the first 20 of the file), 3 in ≤2.5, 1 in ≤12.5: file order would take only bin ≤0.5.
const records = [
  ...Array.from({ length: 20 }, (_, i) => ({ id: `t/${i}`, tau: 0.3, kind: i < 16 ? 'entity' : 'yes-no' })),
  ...[20, 21, 22].map((i) => ({ id: `t/${i}`, tau: 2, kind: 'entity' })),
  { id: 't/23', tau: 5, kind: 'number' },
];

describe('stratifiedSample (--limit)', () => {
  it('takes round-robin over the bins, not the first N', () => {
    const s = stratifiedSample(records, 6, 0);
    // picks: ≤0.5, ≤2.5, ≤12.5, then ≤0.5, ≤2.5 (≤12.5 is empty), then ≤0.5
    expect(s.filter((r) => r.tau === 0.3)).toHaveLength(3);
    expect(s.filter((r) => r.tau === 2)).toHaveLength(2);
    expect(s.filter((r) => r.tau === 5)).toHaveLength(1);
  });

  it('inside a bin, round-robin over the keys: a rare answer kind is in a small sample', () => {
    const s = stratifiedSample(records, 4, 0, (r) => r.kind);
    expect(s.filter((r) => r.tau === 0.3).map((r) => r.kind).sort()).toEqual(['entity', 'yes-no']);
  });

  it('is seeded, deterministic, keeps file order, and returns everything when N is not smaller', () => {
    expect(stratifiedSample(records, 5, 7)).toEqual(stratifiedSample(records, 5, 7));
    const seeds = new Set([0, 1, 2, 3, 4, 5].map((seed) => stratifiedSample(records, 5, seed).map((r) => r.id).join(',')));
    expect(seeds.size).toBeGreaterThan(1);
    const s = stratifiedSample(records, 5, 3);
    expect(s.map((r) => records.indexOf(r))).toEqual([...s.map((r) => records.indexOf(r))].sort((a, b) => a - b));
    expect(stratifiedSample(records, 24, 0)).toBe(records);
  });
});
