// Sharded runs: three shards of a simulated outcome matrix, merged, equal the unsharded run byte for
// byte in their summary files; shards of different experiments, a missing shard and a doubled shard
// are refused with a clear message and nothing written. Plus the shard assignment's stratification.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignShards, parseShard } from '../src/runner/shard.ts';
import { sale } from './support/cli.ts';

const base = ['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '10'];

describe('bench run --shard and bench merge', () => {
  const root = mkdtempSync(join(tmpdir(), 'sale-shard-'));
  const shard = (i: number, extra: string[] = []) => join(root, `s${i}${extra.length ? '-x' : ''}`);
  beforeAll(async () => {
    const runs = await Promise.all([
      ...[1, 2, 3].map((i) => sale([...base, '--shard', `${i}/3`, '--out', shard(i)])),
      sale([...base, '--out', join(root, 'full', 'run')]),
      sale([...base, '--seed', '9', '--shard', '3/3', '--out', shard(3, ['x'])]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('the merged shards equal the unsharded run in every summary file, byte for byte', async () => {
    const out = join(root, 'merged', 'run');
    const r = await sale(['bench', 'merge', shard(1), shard(2), shard(3), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['summary.csv', 'summary.md', 'summary.json', 'matrix.csv']) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(root, 'full', 'run', f), 'utf8'));
    }
    const lines = (d: string) => readFileSync(join(d, 'records.jsonl'), 'utf8').trim().split('\n').length;
    expect([1, 2, 3].map((i) => lines(shard(i))).reduce((a, b) => a + b)).toBe(lines(out));
    expect(Math.max(...[1, 2, 3].map((i) => lines(shard(i)))) - Math.min(...[1, 2, 3].map((i) => lines(shard(i))))).toBeLessThanOrEqual(4);
  });

  it('refuses shards of another experiment, a missing shard and a doubled one, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [[shard(1), shard(2), shard(3, ['x'])], /a different experiment .*fingerprints differ/],
      [[shard(1), shard(3)], /shard 2\/3 is missing/],
      [[shard(1), shard(1), shard(3)], /shard 1\/3 twice/],
      [[shard(1), join(root, 'full', 'run')], /not a shard/],
    ];
    await Promise.all(
      cases.map(async ([dirs, message], i) => {
        const out = join(root, `bad-${i}`);
        const r = await sale(['bench', 'merge', ...dirs, '--out', out]);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      }),
    );
  });

  it('resuming a shard as another shard is refused', async () => {
    const r = await sale([...base, '--shard', '2/3', '--resume', shard(1)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/ran as shard 1\/3/);
  });
});

describe('shard assignment', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0', '']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('gives every shard the same share of each agent and bin (±1), whatever the input order', () => {
    const items = ['4b', '32b'].flatMap((system) => Array.from({ length: 50 }, (_, i) => ({ system, taskId: `t${String(i).padStart(2, '0')}`, bin: i % 5 })));
    const to = assignShards(items, 3);
    for (const system of ['4b', '32b']) {
      for (let bin = 0; bin < 5; bin++) {
        const counts = [1, 2, 3].map((s) => items.filter((it, i) => it.system === system && it.bin === bin && to[i] === s).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
    const shuffled = [...items].reverse();
    const again = assignShards(shuffled, 3);
    const key = (it: { system: string; taskId: string }) => `${it.system}|${it.taskId}`;
    const first = new Map(items.map((it, i) => [key(it), to[i]]));
    shuffled.forEach((it, i) => expect(again[i]).toBe(first.get(key(it))));
  });
});
