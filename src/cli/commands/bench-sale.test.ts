// `sale bench run --router sale` through the real binary (sim provider): the run completes on a clean
// directory with 5 orders, writes SALE's rows, ablation rows, the learning curve and the auction log,
// resumes after a crash to the same tables, and replays beside the routers on an outcome matrix.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sale } from '../../../tests/support/cli.ts';

/** A CSV file as rows keyed by the header (quoted fields with commas or doubled quotes handled). */
function csv(file: string): Record<string, string>[] {
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].filter((m) => m.index! < line.length || m[1] !== '').map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('sale bench run --router sale (sim)', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'sale-cli-')), 'run');

  it('completes with 5 orders and writes the SALE row, the ablation row, the learning curve and the auction log', async () => {
    const r = await sale(['bench', 'run', '--suite', 'coding', '--router', 'sale', '--provider', 'sim', '--orders', '5', '--limit', '20', '--no-memory', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SALE on the test split/);
    const rows = csv(join(dir, 'sale.csv'));
    const all = rows.filter((x) => x.bin === 'all');
    expect(all.map((x) => x.variant)).toEqual(['sale', 'sale-no-memory']);
    expect(all.every((x) => x.orders === '5' && x.label === 'SIMULATED')).toBe(true);
    const test = Number(all[0]!.tasks);
    expect(test).toBeGreaterThan(10);
    // One auction per (variant, order, test task), and one record each.
    expect(lines(join(dir, 'auctions.jsonl'))).toHaveLength(2 * 5 * test);
    const systems = new Set(lines(join(dir, 'records.jsonl')).map((l) => (JSON.parse(l) as { system: string }).system));
    expect([...systems].sort()).toEqual(['sale-no-memory@o1', 'sale-no-memory@o2', 'sale-no-memory@o3', 'sale-no-memory@o4', 'sale-no-memory@o5', 'sale@o1', 'sale@o2', 'sale@o3', 'sale@o4', 'sale@o5']);
    // Overhead reported apart, as a share of all tokens.
    expect(Number(all[0]!.overhead_token_share)).toBeGreaterThan(0);
    expect(Number(all[0]!.overhead_cost_usd_mean) + Number(all[0]!.execution_cost_usd_mean)).toBeCloseTo(Number(all[0]!.cost_usd_mean), 9);
    // The learning curve, with and without memory, reaches position = test tasks.
    const curve = csv(join(dir, 'learning-curve.csv'));
    expect(new Set(curve.map((c) => c.curve))).toEqual(new Set(['with-memory', 'without-memory']));
    expect(Math.max(...curve.map((c) => Number(c.position)))).toBe(test);
    expect(csv(join(dir, 'calibration.csv')).length).toBeGreaterThan(0);
    expect(csv(join(dir, 'workload-by-bin.csv')).length).toBeGreaterThan(0);
    const weights = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8')) as { method: string; split: { train: string[] }; variants: Record<string, { fit: { report: { system: string; utility: number }[]; cv: { chosen: string } } }> };
    expect(weights.method).toBe('utility');
    // The default fit (utility, cross-validated) is never behind always-largest on its own training tasks.
    const fit = weights.variants.sale!.fit;
    const row = (s: string) => fit.report.find((r) => r.system === s)!.utility;
    expect(row('sale')).toBeGreaterThanOrEqual(row('largest'));
    expect(fit.cv.chosen).toMatch(/^(utility@|minimax-margin)/);
    // The training ids are in the manifest (fitted weights are outputs, not part of the fingerprint).
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { routing: { split: { train: string[] } }; label: string };
    expect(manifest.routing.split.train).toEqual(weights.split.train);
    expect(manifest.label).toBe('SIMULATED');
    expect(readFileSync(join(dir, 'sale.md'), 'utf8')).toMatch(/SIMULATED — SALE/);
    expect(existsSync(join(dir, 'training', 'manifest.json'))).toBe(true);
    // The artefacts every SALE run writes (issue 14), and the fit report in sale.md.
    for (const f of ['sale-overhead.csv', 'sale-overhead.md', 'sale-shapley.json', 'sale-confusion.csv', 'sale-plan-length.csv', 'learning-curve.svg', 'learning-curve.png']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'sale.md'), 'utf8')).toMatch(/Fit report — sale/);
    expect(readFileSync(join(dir, 'sale.md'), 'utf8')).not.toMatch(/plan-free/);
  }, 60_000);

  it('a run killed half-way resumes with --resume DIR alone to the same tables', async () => {
    const before = readFileSync(join(dir, 'sale.csv'), 'utf8');
    // Lose the last half of the records and the last third of the auctions (and a torn line).
    const rec = lines(join(dir, 'records.jsonl'));
    writeFileSync(join(dir, 'records.jsonl'), `${rec.slice(0, rec.length / 2).join('\n')}\n{"v":1,"ty`);
    const auc = lines(join(dir, 'auctions.jsonl'));
    writeFileSync(join(dir, 'auctions.jsonl'), `${auc.slice(0, Math.floor((2 * auc.length) / 3)).join('\n')}\n{"v":1`);
    const r = await sale(['bench', 'run', '--resume', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming/);
    expect(readFileSync(join(dir, 'sale.csv'), 'utf8')).toBe(before);
    // The resume state is the ordinary manifest's flags; SALE keeps no file of its own for it.
    expect(existsSync(join(dir, 'sale-run.json'))).toBe(false);
    expect((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { flags: Record<string, unknown> }).flags).toMatchObject({ router: 'sale', orders: '5', memory: false });
  }, 60_000);

  it('a SALE run killed during its training sub-run resumes with --resume DIR alone to the same tables', async () => {
    const other = join(mkdtempSync(join(tmpdir(), 'sale-cli-')), 'run');
    const first = await sale(['bench', 'run', '--suite', 'coding', '--router', 'sale', '--provider', 'sim', '--orders', '2', '--limit', '20', '--jury', 'self', '--out', other]);
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(join(other, 'sale.csv'), 'utf8');
    // As if killed before the SALE part started: no manifest of its own yet, half the training records, the training manifest still running.
    for (const f of ['manifest.json', 'records.jsonl', 'auctions.jsonl', 'memory.jsonl', 'weights.json', 'aux-calls.jsonl', 'sale.csv']) rmSync(join(other, f), { force: true });
    const training = join(other, 'training');
    const rec = lines(join(training, 'records.jsonl'));
    writeFileSync(join(training, 'records.jsonl'), `${rec.slice(0, rec.length / 2).join('\n')}\n{"v":2,"ty`);
    const m = JSON.parse(readFileSync(join(training, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(training, 'manifest.json'), JSON.stringify({ ...m, status: 'interrupted' }));
    // Resuming the training sub-run alone is refused with the command that works.
    const wrong = await sale(['bench', 'run', '--resume', training]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`sale bench run --resume ${other}`);
    const r = await sale(['bench', 'run', '--resume', other]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(other, 'sale.csv'), 'utf8')).toBe(before);
  }, 90_000);

  it('replays beside the routers on an outcome matrix: SALE rows in routers.md with the oracle gap', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sale-cli-'));
    const m = await sale(['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '20', '--out', join(root, 'matrix')]);
    expect(m.code, m.stderr).toBe(0);
    const out = join(root, 'routers');
    const r = await sale(['bench', 'run', '--router', 'all,sale', '--replay', join(root, 'matrix'), '--orders', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const routers = csv(join(out, 'routers.csv')).filter((x) => x.bin === 'all');
    const names = routers.map((x) => x.system);
    expect(names).toEqual(expect.arrayContaining(['agent:32b', 'router:oracle', 'router:wtp', 'sale@o1', 'sale@o2']));
    const saleRow = routers.find((x) => x.system === 'sale@o1')!;
    // The matrix holds every agent's outcome: the oracle gap and relative cost are defined.
    expect(Number.isNaN(Number(saleRow.gap_to_oracle))).toBe(false);
    const saleAll = csv(join(out, 'sale.csv')).find((x) => x.bin === 'all')!;
    expect(Number(saleAll.relative_cost)).toBeGreaterThan(0);
    expect(csv(join(out, 'calibration.csv')).every((c) => c.outcomes === 'matrix')).toBe(true);
    // A replay says its executions were plan-free; with every agent's outcome, the Shapley values and the confusion matrix fill.
    expect(readFileSync(join(out, 'sale.md'), 'utf8')).toMatch(/Replayed on a plan-free outcome matrix/);
    const sh = JSON.parse(readFileSync(join(out, 'sale-shapley.json'), 'utf8')) as { rows: { auctions: number; value: Record<string, number>; full: number }[] };
    expect(sh.rows[0]!.auctions).toBeGreaterThan(0);
    // Efficiency: the Shapley values add up to v(all agents).
    expect(Object.values(sh.rows[0]!.value).reduce((a, b) => a + b, 0)).toBeCloseTo(sh.rows[0]!.full, 9);
    expect(csv(join(out, 'sale-confusion.csv')).reduce((n, c) => n + Number(c.count), 0)).toBeGreaterThan(0);
  }, 60_000);

  it('refuses SALE options without --router sale', async () => {
    const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'sim', '--no-memory', '--limit', '4', '--out', join(mkdtempSync(join(tmpdir(), 'sale-cli-')), 'x')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SALE options[\s\S]*--router sale/);
  });
});
