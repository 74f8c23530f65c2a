import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/records.ts';
import { checkMarkdown, checkSummary } from './check-markdown.ts';
import { checkJson, checkRuns, DEFAULT_THRESHOLDS } from './check.ts';
import { rec, run } from './test-fixtures.ts';

const N = 40;
// Deterministic but varied outcomes and costs: agents alone and a router over 40 tasks.
function baseRecords(): AttemptRecord[] {
  const out: AttemptRecord[] = [];
  for (let i = 0; i < N; i++) {
    const taskId = `t${i}`;
    const bin = i % 4;
    const tau = [0.05, 0.3, 2, 10][bin]!;
    out.push(rec({ system: 'agent:4b', taskId, bin, tau, passed: i % 3 === 0, costUsd: 1 + (i % 5) * 0.1 }));
    out.push(rec({ system: 'agent:32b', taskId, bin, tau, passed: i % 4 !== 3, costUsd: 7 + (i % 3) }));
    const agent = i % 5 === 0 ? '32b' : '4b';
    out.push(rec({ system: 'router:x', agent, taskId, bin, tau, passed: i % 2 === 0, costUsd: agent === '32b' ? 8 : 1 + (i % 7) * 0.1 }));
  }
  return out;
}
const edit = (rs: AttemptRecord[], f: (r: AttemptRecord) => AttemptRecord) => rs.map((r) => f({ ...r }));

describe('sale bench check (pure)', () => {
  it('a run against itself passes (exit 0) with zero deltas', () => {
    const r = checkRuns(run('base', baseRecords()), run('cand', baseRecords()));
    expect(r.exitCode).toBe(0);
    expect(r.verdict).toBe('pass');
    expect(r.systems.map((s) => s.system)).toEqual(['agent:4b', 'agent:32b', 'router:x', 'agents (pooled)']);
    for (const s of r.systems) {
      expect(s.status).toBe('ok');
      expect([s.pass.delta, s.pass.low, s.pass.high, s.cost.delta]).toEqual([0, 0, 0, 0]);
    }
    expect(r.systems.find((s) => s.system === 'agent:4b')!.share.status).toBe('n/a');
    expect(r.systems.find((s) => s.system === 'router:x')!.share.delta).toBe(0);
  });

  it('every pass of one system flipped to a fail: exit 1, that system fails on pass@1', () => {
    const cand = edit(baseRecords(), (r) => (r.system === 'router:x' && r.passed ? { ...r, passed: false, status: 'failed' } : r));
    const r = checkRuns(run('base', baseRecords()), run('cand', cand));
    expect(r.exitCode).toBe(1);
    const s = r.systems.find((x) => x.system === 'router:x')!;
    expect(s.status).toBe('fail');
    expect(s.pass.status).toBe('fail');
    expect(s.pass.delta).toBe(-50);
    expect(s.pass.z).toBeGreaterThan(r.zCritical);
    expect([s.pass.onlyBaseline, s.pass.onlyCandidate]).toEqual([20, 0]);
    expect(s.pass.mcnemarP).toBeCloseTo(2 / 2 ** 20, 15);
    expect(r.systems.filter((x) => x.status !== 'ok').map((x) => x.system)).toEqual(['router:x']);
    expect(checkMarkdown(r)).toMatch(/❌ regression/);
    // The PR-comment summary is short and names the failing system first.
    const summary = checkSummary(r);
    expect(summary.split('\n')[2]).toMatch(/^- ❌ \*\*router:x\*\*: pass@1 50\.0 → 0\.0 %/);
    expect(summary).toMatch(/3 of 4 systems unchanged/);
    expect(summary.split('\n').length).toBeLessThan(10);
  });

  it('one task lost (noise): beyond the 2-point threshold but not significant, so it warns and passes', () => {
    const cand = edit(baseRecords(), (r) => (r.system === 'router:x' && r.taskId === 't0' ? { ...r, passed: false, status: 'failed' } : r));
    const r = checkRuns(run('base', baseRecords()), run('cand', cand));
    const s = r.systems.find((x) => x.system === 'router:x')!;
    expect(s.pass.delta).toBe(-2.5);
    expect(s.pass.z).toBeLessThan(r.zCritical);
    expect(s.pass.status).toBe('warn');
    expect(r.exitCode).toBe(0);
  });

  it('significance bar: Bonferroni over every gated metric; the rerun noise τ of noise.json widens the SE', () => {
    const r = checkRuns(run('base', baseRecords()), run('cand', baseRecords()));
    expect(r.gatedMetrics).toBe(4 + 4 + 1); // pass@1 and cost of three systems and the pooled agents, share of the router
    expect(r.zCritical).toBeCloseTo(2.54, 2); // Φ⁻¹(1 − 0.05/9)
    // Eight of the router's 20 passes lost: z ≈ 3.1 without noise, under the bar with τ = 10 points.
    const cand = edit(baseRecords(), (x) => (x.system === 'router:x' && x.passed && Number(x.taskId.slice(1)) < 16 ? { ...x, passed: false } : x));
    const quiet = checkRuns(run('base', baseRecords()), run('cand', cand), DEFAULT_THRESHOLDS, null);
    expect(quiet.exitCode).toBe(1);
    const noisy = checkRuns(run('base', baseRecords()), run('cand', cand), DEFAULT_THRESHOLDS, { method: 'test', seeds: [1, 2], systems: { 'router:x': { pass: 10, cost: 0, share: 0 } } });
    const s = noisy.systems.find((x) => x.system === 'router:x')!;
    expect(s.pass.tau).toBe(10);
    expect(s.pass.se).toBeGreaterThan(10);
    expect(noisy.exitCode).toBe(0);
  });

  it('drops in every agent: the pooled agents (every agent\'s attempts paired together) fail', () => {
    // Each agent loses 5 of its passes (≈ 12 points of 40 tasks for 4b, fewer for 32b's 30 passes).
    const lost = (r: AttemptRecord) => r.system.startsWith('agent:') && r.passed && Number(r.taskId.slice(1)) < 20;
    const cand = edit(baseRecords(), (r) => (lost(r) ? { ...r, passed: false, status: 'failed' } : r));
    const r = checkRuns(run('base', baseRecords()), run('cand', cand));
    const pooled = r.systems.find((x) => x.system === 'agents (pooled)')!;
    expect(pooled.pass.status).toBe('fail');
    expect(pooled.pass.n).toBe(2 * N);
    expect(r.exitCode).toBe(1);
  });

  it('cost up 50 % fails; up 3 % (under the 5 % threshold) passes', () => {
    const dearer = (k: number) => edit(baseRecords(), (r) => (r.system === 'router:x' ? { ...r, costUsd: r.costUsd * k } : r));
    const big = checkRuns(run('base', baseRecords()), run('cand', dearer(1.5)));
    expect(big.exitCode).toBe(1);
    const s = big.systems.find((x) => x.system === 'router:x')!;
    expect(s.cost.delta).toBeCloseTo(50, 9);
    expect(s.cost.status).toBe('fail');
    expect(s.pass.status).toBe('ok');
    expect(checkRuns(run('base', baseRecords()), run('cand', dearer(1.03))).exitCode).toBe(0);
  });

  it("the largest agent's share rising by 30 points fails; 2.5 points passes", () => {
    const escalate = (every: number) => edit(baseRecords(), (r) => (r.system === 'router:x' && Number(r.taskId.slice(1)) % every === 1 ? { ...r, agent: '32b' } : r));
    const r = checkRuns(run('base', baseRecords()), run('cand', escalate(3)));
    const s = r.systems.find((x) => x.system === 'router:x')!;
    expect(s.share.status).toBe('fail');
    expect(s.share.delta).toBeGreaterThan(5);
    expect(r.exitCode).toBe(1);
    const one = edit(baseRecords(), (x) => (x.system === 'router:x' && x.taskId === 't1' ? { ...x, agent: '32b' } : x));
    expect(checkRuns(run('base', baseRecords()), run('cand', one)).exitCode).toBe(0);
  });

  it('fingerprints that differ in anything but the code: exit 2, naming the field', () => {
    for (const [field, value] of [['dataset', 'other'], ['prompts', { 'coding/system.md': 'q' }], ['models', { '4b': 'm5' }], ['seeds', [1]], ['config', 'c2']] as const) {
      const r = checkRuns(run('base', baseRecords()), run('cand', baseRecords(), { [field]: value }));
      expect(r.exitCode, field).toBe(2);
      expect(r.verdict).toBe('not-comparable');
      expect(r.mismatches.map((m) => m.field)).toEqual([field]);
      expect(checkMarkdown(r)).toContain(`**${field}**`);
    }
    // The code version is not part of the fingerprint.
    const newer = run('cand', baseRecords());
    newer.manifest.code.version = '9.9.9';
    expect(checkRuns(run('base', baseRecords()), newer).exitCode).toBe(0);
  });

  it('a system missing from the candidate fails; a new one is listed, not gated', () => {
    const missing = checkRuns(run('base', baseRecords()), run('cand', baseRecords().filter((r) => r.system !== 'router:x')));
    expect(missing.exitCode).toBe(1);
    expect(missing.systems.find((s) => s.system === 'router:x')!.status).toBe('missing');
    const extra = checkRuns(run('base', baseRecords()), run('cand', [...baseRecords(), rec({ system: 'sale', taskId: 't0', passed: false })]));
    expect(extra.exitCode).toBe(0);
    expect(extra.newSystems).toEqual(['sale']);
    expect(extra.notes.join(' ')).toMatch(/not gated/);
  });

  it('pairs on shared tasks only and notes the gap; JSON turns NaN into null', () => {
    const r = checkRuns(run('base', baseRecords()), run('cand', baseRecords().filter((x) => x.taskId !== 't3')));
    expect(r.systems[0]!.missingTasks).toBe(1);
    expect(r.systems[0]!.pass.n).toBe(N - 1);
    expect(r.notes.join(' ')).toMatch(/lacks 1 of the baseline's 40 tasks/);
    const json = JSON.parse(checkJson(r)) as { systems: { share: { delta: number | null } }[] };
    expect(json.systems[0]!.share.delta).toBeNull();
  });
});
