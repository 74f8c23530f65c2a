// `sale bench sensitivity`: at signal 0 the bids say nothing about success, so SALE can be no better than
// the best fixed single agent (within the sampling error); the grid points differ only in the sim: block.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG_DIR, PROJECT_ROOT } from '../../config/load.ts';
import { passSe, sweep } from './sweep.ts';

const out = mkdtempSync(join(tmpdir(), 'sale-sensitivity-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('sale bench sensitivity', () => {
  it('at signal 0, SALE is no better than the best fixed single agent (within 1.96 s.e.)', async () => {
    const calls: string[][] = [];
    const points = await sweep({
      configDir: DEFAULT_CONFIG_DIR,
      out,
      suite: 'coding',
      limit: 40,
      orders: 1,
      seed: 0,
      signals: [0],
      gains: [0.5],
      sale: async (args) => {
        calls.push(args);
        await execa(process.execPath, [resolve(PROJECT_ROOT, 'bin/sale.js'), ...args], { cwd: PROJECT_ROOT, stdout: 'ignore', stderr: 'ignore' });
      },
    });
    expect(calls.map((c) => c[1])).toEqual(['matrix', 'run']);
    // The grid point's configuration differs only in its sim: block.
    const cfg = parse(readFileSync(join(out, 'configs', 's0-g0.5', 'sale.yaml'), 'utf8'));
    const base = parse(readFileSync(join(DEFAULT_CONFIG_DIR, 'sale.yaml'), 'utf8'));
    expect(cfg.sim).toEqual({ signal_strength: 0, memory_gain: 0.5 });
    expect({ ...cfg, sim: undefined }).toEqual({ ...base, sim: undefined });
    const [p] = points;
    expect(p!.tasks).toBeGreaterThan(20);
    expect(p!.pass1).toBeLessThanOrEqual(p!.bestSingle.pass1 + 1.96 * passSe(p!.bestSingle.pass1, p!.tasks));
    expect(p!.largestCostUsd).toBeGreaterThan(0);
  }, 240_000);
});
