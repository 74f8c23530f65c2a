// `sale datasets audit` through the real binary: JSON rows, the files it writes, --max-shortcut's exit
// code, and a bad flag as one line naming it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sale } from './support/cli.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-audit-'));
type Row = { suite: string; solver: string; bin: string; n: number; solved: number; rate: number };

describe('sale datasets audit', () => {
  it('prints {solver, bin, n, solved, rate} rows for a deep-search import and writes CSV and Markdown', async () => {
    const out = tmp();
    const r = await sale(['datasets', 'audit', join(FIX, 'deepsearch', 'tasks'), '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(new Set(rows.map((x) => x.solver))).toEqual(new Set(['one-shot', 'search-only', 'no-corpus']));
    for (const x of rows) {
      expect(['le0.1', 'le0.5', 'le2.5', 'le12.5', 'le60']).toContain(x.bin);
      expect(x.rate).toBeCloseTo(x.solved / x.n);
    }
    expect(readFileSync(join(out, 'audit.csv'), 'utf8')).toMatch(/^suite,solver,bin,n,solved,rate,low,high,chance\n/);
    expect(readFileSync(join(out, 'audit.md'), 'utf8')).toMatch(/\| suite \| solver \| τ≤0.1 \|/);
    expect(existsSync(join(out, 'hops.csv'))).toBe(true);
  });

  it('exits 1 when a shortcut solves more of a bin than --max-shortcut allows, 0 when within it', async () => {
    const out = tmp();
    const over = await sale(['datasets', 'audit', join(FIX, 'deepsearch', 'tasks'), '--max-shortcut', '0', '--out', out]);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/one-shot solves \d+\/\d+ \(\d+%\) of bin le[\d.]+, more than --max-shortcut 0/);
    const ok = await sale(['datasets', 'audit', join(FIX, 'deepsearch', 'tasks'), '--max-shortcut', '1', '--out', out]);
    expect(ok.code).toBe(0);
  });

  it('audits coding tasks with the stub and examples shortcuts', async () => {
    const r = await sale(['datasets', 'audit', join(FIX, 'mini-coding.jsonl'), '--json', '--out', tmp()]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    const stub = rows.filter((x) => x.solver === 'stub');
    expect(stub.length).toBeGreaterThan(0);
    expect(stub.every((x) => x.solved === 0)).toBe(true);
  });

  it('a bad --max-shortcut is one line naming the flag, exit 2', async () => {
    const r = await sale(['datasets', 'audit', join(FIX, 'deepsearch', 'tasks'), '--max-shortcut', 'lots', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-shortcut: 'lots' is not a number between 0 and 1/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
