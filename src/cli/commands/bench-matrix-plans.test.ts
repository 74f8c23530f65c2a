// `sale bench matrix --with-plans` through the real binary (sim provider): every agent bids its plan and
// executes with it in the prompt; the fingerprint says so; a SALE replay scores those plan-conditioned
// executions (read from the matrix, no execution call made) and says which plan each followed; a replay
// on a plan-free matrix says it is plan-free.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/records.ts';
import type { SaleDetails } from '../../sale/record.ts';
import { sale } from '../../../tests/support/cli.ts';

const records = (dir: string) => readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AttemptRecord);
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { fingerprint: { config: string }; flags?: Record<string, unknown> };

describe('sale bench matrix --with-plans (sim)', () => {
  const root = mkdtempSync(join(tmpdir(), 'sale-plans-'));
  const plans = join(root, 'plans');
  const plain = join(root, 'plain');

  it('records every agent\'s execution with its own bid plan in the prompt; the fingerprint differs from a plan-free matrix', async () => {
    const [p, q] = await Promise.all([
      sale(['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '20', '--with-plans', '--out', plans]),
      sale(['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '20', '--out', plain]),
    ]);
    expect(p.code, p.stderr).toBe(0);
    expect(q.code, q.stderr).toBe(0);
    const recs = records(plans);
    expect(recs).toHaveLength(4 * 20);
    for (const r of recs) {
      expect(r.plan, r.key).toBeDefined();
      expect(r.plan!.text).toMatch(/SIMULATED plan/);
      // The plan is in the execution's prompt, and its bid call's counters are kept apart from the execution's.
      expect(r.messages.find((m) => m.role === 'user')!.content).toContain(`Your plan for this task:\n${r.plan!.text}`);
      expect(r.plan!.bid.outputTokens).toBe(r.plan!.lengthTokens);
      expect(r.calls.every((c) => c.callType === 'execute')).toBe(true);
    }
    // Each agent's plan is its own (the lineage in the SIMULATED tag differs by agent).
    const one = recs.filter((r) => r.taskId === recs[0]!.taskId);
    expect(new Set(one.map((r) => r.plan!.sha)).size).toBe(4);
    for (const r of records(plain)) expect(r.plan).toBeUndefined();
    expect(manifest(plans).fingerprint.config).not.toBe(manifest(plain).fingerprint.config);
    expect(manifest(plans).flags?.withPlans).toBe(true);
  }, 120_000);

  it('a SALE replay scores the plan-conditioned executions, read from the matrix, and says so', async () => {
    const out = join(root, 'replay');
    const r = await sale(['bench', 'run', '--router', 'wtp,sale', '--replay', plans, '--orders', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const matrix = new Map(records(plans).map((x) => [`${x.agent}|${x.taskId}`, x]));
    const sales = records(out).filter((x) => x.system.startsWith('sale@'));
    expect(sales.length).toBeGreaterThan(0);
    const kinds = { same: 0, bid: 0 };
    for (const s of sales) {
      const d = s.route!.details!.sale as SaleDetails;
      const m = matrix.get(`${s.agent}|${s.taskId}`)!;
      // No execution was run: the record's execution is the matrix's, call for call.
      expect(s.calls.filter((c) => c.callType === 'execute')).toEqual(m.calls);
      expect(s.startedAt).toBe(m.startedAt);
      expect(s.passed).toBe(m.passed);
      expect(s.plan).toBeUndefined();
      expect(['same', 'bid']).toContain(d.execution.plan);
      // A winning bid is exactly the plan the matrix's execution followed; a refined winner is not.
      expect(d.execution.plan).toBe(d.refinedWinner ? 'bid' : 'same');
      kinds[d.execution.plan as 'same' | 'bid']++;
    }
    expect(kinds.same).toBeGreaterThan(0);
    const md = readFileSync(join(out, 'sale.md'), 'utf8');
    expect(md).toContain('Replayed on a plan-conditioned outcome matrix');
    expect(md).toContain(`${kinds.same} of ${sales.length} winners executed exactly the plan that won`);
    expect(md).not.toMatch(/plan-free/);
    expect(readFileSync(join(out, 'routers.md'), 'utf8')).toMatch(/executions are plan-conditioned/);
  }, 180_000);

  it('a replay on a plan-free matrix says so in routers.md', async () => {
    const out = join(root, 'plain-replay');
    const r = await sale(['bench', 'run', '--router', 'random', '--replay', plain, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'routers.md'), 'utf8')).toMatch(/executions are plan-free/);
  }, 60_000);
});
