// Replay never writes into its input folder, and `--router all --replay` promises zero model calls.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { AGENTS, writeSyntheticMatrix } from '../../tests/support/synthetic-matrix.ts';
import { runRouters } from '../runner/run-routers.ts';
import { wantsSale } from '../cli/commands/bench-sale.ts';

describe('replay and its input folder', () => {
  it('writes matrix.csv into the output folder and leaves the matrix folder untouched', async () => {
    const tasks = [...Array(12).keys()].map((i) => ({ id: `t${i}`, bin: i % 5, text: `task ${i}`, passed: { '4b': i % 2 === 0, '32b': true } }));
    const matrix = writeSyntheticMatrix(tasks, AGENTS);
    const before = readdirSync(matrix).map((f) => [f, statSync(join(matrix, f)).mtimeMs]);
    const out = join(mkdtempSync(join(tmpdir(), 'sale-replay-')), 'run');
    await runRouters({ matrixDir: matrix, routers: ['random', 'oracle'], out, trainFrac: 0.25, splitSeed: 0, seed: 0, params: {}, command: [] });
    expect(readdirSync(matrix).map((f) => [f, statSync(join(matrix, f)).mtimeMs])).toEqual(before);
    expect(readdirSync(out)).toContain('matrix.csv');
  });
});

describe('--router all with --replay', () => {
  const cmd = new Command();
  it('means every baseline router and no SALE (whose auctions are live calls)', () => {
    expect(wantsSale({ router: 'all', replay: '/m' } as never, cmd)).toBe(false);
    expect(wantsSale({ router: 'all,sale', replay: '/m' } as never, cmd)).toBe(true);
    expect(wantsSale({ router: 'all' } as never, cmd)).toBe(true); // live: all includes SALE
  });
});
