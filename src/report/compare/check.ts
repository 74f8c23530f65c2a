// `sale bench check`: a regression gate between a baseline and a candidate run of the same experiment.
//
// Rule (the issue asks that noise never fail a build): every gated metric is a paired difference over
// the tasks both runs hold, with a 95 % interval mean ± 1.96·sd/√n, and a metric fails only when the
// WHOLE interval lies beyond its threshold:
//   pass@1        d_t = s_t(candidate) − s_t(baseline) in points; fails when the upper bound < −max-drop.
//   cost          Δ_t = cost_t(candidate) − cost_t(baseline), divided by the baseline's mean cost per task,
//                 in %; fails when the lower bound > max-cost-rise.
//   largest share Δ_t = [candidate ran the task on the largest agent] − [baseline did], in points; fails
//                 when the lower bound > max-share-rise. Not gated for single agents (fixed by definition).
// A metric whose point estimate is beyond the threshold but whose interval is not is reported as a
// warning and does not fail. Decisions where the issue is silent: a system the baseline has and the
// candidate lacks fails the check (the code under test stopped producing it); systems new in the
// candidate are listed, not gated; a fingerprint that differs in any field is "not comparable" (exit 2).
import { mcnemarExact, pairedDifference } from '../../metrics/stats.ts';
import type { AttemptRecord } from '../../records/records.ts';
import { displayName, systemOrder } from './analysis.ts';
import { fingerprintMismatches, type FieldMismatch, type LoadedRun } from './load.ts';

export interface CheckThresholds {
  /** Largest tolerated pass@1 drop, in percentage points. */
  maxDrop: number;
  /** Largest tolerated cost rise, in % of the baseline's cost. */
  maxCostRise: number;
  /** Largest tolerated rise of the largest agent's workload share, in percentage points. */
  maxShareRise: number;
}

export const DEFAULT_THRESHOLDS: CheckThresholds = { maxDrop: 2, maxCostRise: 5, maxShareRise: 5 };

export type MetricStatus = 'ok' | 'warn' | 'fail' | 'n/a';

export interface MetricCheck {
  /** Baseline and candidate values on the paired tasks (pass@1 and share as fractions, cost in $ per task). */
  baseline: number;
  candidate: number;
  /** Paired change and its 95 % interval, in points (pass@1, share) or % of baseline (cost). */
  delta: number;
  low: number;
  high: number;
  n: number;
  status: MetricStatus;
}

export interface SystemCheck {
  domain: string;
  system: string;
  status: 'ok' | 'warn' | 'fail' | 'missing';
  /** Tasks of the system in the baseline, and how many of them the candidate lacks. */
  baselineTasks: number;
  missingTasks: number;
  infraErrors: { baseline: number; candidate: number };
  pass: MetricCheck & { onlyBaseline: number; onlyCandidate: number; mcnemarP: number };
  cost: MetricCheck;
  share: MetricCheck;
}

export interface CheckResult {
  verdict: 'pass' | 'fail' | 'not-comparable';
  exitCode: 0 | 1 | 2;
  baseline: { runId: string; dir: string; version: string };
  candidate: { runId: string; dir: string; version: string };
  thresholds: CheckThresholds;
  largestAgent: string | null;
  mismatches: FieldMismatch[];
  systems: SystemCheck[];
  newSystems: string[];
  notes: string[];
  /** SIMULATED (or another run label) when either run carries one. */
  label: string | null;
}

const NA: MetricCheck = { baseline: Number.NaN, candidate: Number.NaN, delta: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0, status: 'n/a' };

/** ok / warn / fail for a change that is bad when it goes up (`sign` = 1) or down (`sign` = −1). */
function judge(delta: number, low: number, high: number, threshold: number, sign: 1 | -1): MetricStatus {
  if (Number.isNaN(delta)) return 'n/a';
  const worstSide = sign === 1 ? low : -high; // the bound nearest to "no change"
  const estimate = sign * delta;
  if (Number.isFinite(worstSide) && worstSide > threshold) return 'fail';
  if (estimate > threshold) return 'warn';
  return 'ok';
}

function largestAgentOf(run: LoadedRun): string | null {
  const agents = [...run.manifest.settings.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok);
  return agents.length ? agents[agents.length - 1]!.name : null;
}

function checkSystem(domain: string, system: string, base: AttemptRecord[], cand: AttemptRecord[], largest: string | null, t: CheckThresholds): SystemCheck {
  const candByTask = new Map(cand.map((r) => [r.taskId, r]));
  const both = base.filter((r) => candByTask.has(r.taskId)).map((r) => [r, candByTask.get(r.taskId)!] as const);
  const graded = both.filter(([b, c]) => b.status !== 'infra-error' && c.status !== 'infra-error');

  const sB = graded.map(([b]) => (b.passed ? 1 : 0));
  const sC = graded.map(([, c]) => (c.passed ? 1 : 0));
  const d = pairedDifference(sC, sB);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
  const onlyBaseline = graded.filter(([b, c]) => b.passed && !c.passed).length;
  const onlyCandidate = graded.filter(([b, c]) => !b.passed && c.passed).length;
  const pass = {
    baseline: mean(sB),
    candidate: mean(sC),
    delta: 100 * d.mean,
    low: 100 * d.low,
    high: 100 * d.high,
    n: d.n,
    status: judge(100 * d.mean, 100 * d.low, 100 * d.high, t.maxDrop, -1),
    onlyBaseline,
    onlyCandidate,
    mcnemarP: mcnemarExact(onlyCandidate, onlyBaseline),
  };

  const cB = both.map(([b]) => b.costUsd);
  const cC = both.map(([, c]) => c.costUsd);
  const baseCost = mean(cB);
  let cost: MetricCheck = NA;
  if (baseCost > 0) {
    const dc = pairedDifference(cC, cB);
    const rel = (x: number) => (100 * x) / baseCost;
    cost = { baseline: baseCost, candidate: mean(cC), delta: rel(dc.mean), low: rel(dc.low), high: rel(dc.high), n: dc.n, status: judge(rel(dc.mean), rel(dc.low), rel(dc.high), t.maxCostRise, 1) };
  }

  let share: MetricCheck = NA;
  if (largest && !system.startsWith('agent:')) {
    const lB = both.map(([b]) => (b.agent === largest ? 1 : 0));
    const lC = both.map(([, c]) => (c.agent === largest ? 1 : 0));
    const ds = pairedDifference(lC, lB);
    share = { baseline: mean(lB), candidate: mean(lC), delta: 100 * ds.mean, low: 100 * ds.low, high: 100 * ds.high, n: ds.n, status: judge(100 * ds.mean, 100 * ds.low, 100 * ds.high, t.maxShareRise, 1) };
  }

  const statuses = [pass.status, cost.status, share.status];
  const status: SystemCheck['status'] = both.length === 0 ? 'missing' : statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'ok';
  return {
    domain,
    system,
    status,
    baselineTasks: base.length,
    missingTasks: base.length - both.length,
    infraErrors: { baseline: base.filter((r) => r.status === 'infra-error').length, candidate: cand.filter((r) => r.status === 'infra-error').length },
    pass,
    cost,
    share,
  };
}

export function checkRuns(baseline: LoadedRun, candidate: LoadedRun, thresholds: CheckThresholds = DEFAULT_THRESHOLDS): CheckResult {
  const info = (r: LoadedRun) => ({ runId: r.manifest.runId, dir: r.dir, version: r.manifest.code.version });
  const mismatches = fingerprintMismatches([baseline, candidate]);
  const largest = largestAgentOf(baseline);
  const label = [baseline.manifest.label, candidate.manifest.label].includes('SIMULATED') ? 'SIMULATED' : (baseline.manifest.label ?? candidate.manifest.label ?? null);
  const result: CheckResult = {
    verdict: 'pass',
    exitCode: 0,
    baseline: info(baseline),
    candidate: info(candidate),
    thresholds,
    largestAgent: largest,
    mismatches,
    systems: [],
    newSystems: [],
    notes: [],
    label,
  };
  if (mismatches.length) return { ...result, verdict: 'not-comparable', exitCode: 2 };

  const groups = (rs: AttemptRecord[]) => {
    const m = new Map<string, AttemptRecord[]>();
    for (const r of rs) {
      const k = `${r.domain}\u0000${r.system}`;
      const g = m.get(k);
      if (g) g.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const b = groups(baseline.records);
  const c = groups(candidate.records);
  const agents = [...baseline.manifest.settings.agents].sort((x, y) => x.pricePerMTok - y.pricePerMTok);
  const domains = [...new Set(baseline.records.map((r) => r.domain))].sort();
  const keys = domains.flatMap((dom) =>
    systemOrder(
      [...new Set(baseline.records.filter((r) => r.domain === dom).map((r) => r.system))],
      agents,
    ).map((s) => `${dom}\u0000${s}`),
  );
  for (const k of keys) {
    const [domain, system] = k.split('\u0000') as [string, string];
    result.systems.push(checkSystem(domain, system, b.get(k)!, c.get(k) ?? [], largest, thresholds));
  }
  result.newSystems = [...c.keys()].filter((k) => !b.has(k)).map((k) => k.replace('\u0000', ' / ')).sort();
  for (const s of result.systems) {
    if (s.missingTasks > 0 && s.status !== 'missing') result.notes.push(`${s.domain} / ${s.system}: the candidate lacks ${s.missingTasks} of the baseline's ${s.baselineTasks} tasks; compared on the rest.`);
    if (s.infraErrors.candidate > s.infraErrors.baseline) result.notes.push(`${s.domain} / ${s.system}: infrastructure errors rose from ${s.infraErrors.baseline} to ${s.infraErrors.candidate} (excluded from pass@1).`);
  }
  if (result.newSystems.length) result.notes.push(`New in the candidate, not gated (refresh the baseline to gate them): ${result.newSystems.join(', ')}.`);
  if (baseline.records.length === 0) result.notes.push('The baseline holds no records: nothing was compared.');
  const failed = result.systems.some((s) => s.status === 'fail' || s.status === 'missing');
  return failed ? { ...result, verdict: 'fail', exitCode: 1 } : result;
}

const fmt = (x: number, digits = 1, sign = true) => (Number.isFinite(x) ? `${sign && x > 0 ? '+' : ''}${x.toFixed(digits)}` : '—');
const interval = (m: MetricCheck) => (m.status === 'n/a' ? '—' : `${fmt(m.delta)} [${fmt(m.low)}, ${fmt(m.high)}]`);
const ICON: Record<string, string> = { ok: '✅', warn: '⚠️', fail: '❌', missing: '❌ missing', 'n/a': '' };

/** A Markdown summary fit for a pull-request comment. */
export function checkMarkdown(r: CheckResult): string {
  const out: string[] = [];
  const head = r.verdict === 'pass' ? '✅ no regression' : r.verdict === 'fail' ? '❌ regression' : '⚠️ runs not comparable';
  out.push(`## sale bench check: ${head}${r.label ? ` (${r.label})` : ''}`);
  out.push('');
  out.push(`Baseline \`${r.baseline.runId}\` (sale ${r.baseline.version}) → candidate \`${r.candidate.runId}\` (sale ${r.candidate.version}).`);
  if (r.label === 'SIMULATED') out.push('The runs use the `sim` provider (a seeded test double): this gates the harness, not any model.');
  out.push('');
  if (r.verdict === 'not-comparable') {
    out.push('The run fingerprints differ in something other than the code under test, so the runs did not measure the same thing:');
    out.push('');
    for (const m of r.mismatches) out.push(`- **${m.field}**: ${m.values.map((v) => `${v.runId} = \`${v.value}\``).join(' · ')}`);
    out.push('');
    out.push('If the change is intended (new dataset, prompts, models, seeds or configuration), refresh the baseline: `scripts/refresh-golden.sh`.');
    return `${out.join('\n')}\n`;
  }
  const largest = r.largestAgent ?? 'largest agent';
  out.push(
    `Fails when a 95 % paired interval lies wholly beyond a threshold: pass@1 drop > ${r.thresholds.maxDrop} points · cost rise > ${r.thresholds.maxCostRise} % · ${largest} share rise > ${r.thresholds.maxShareRise} points.`,
  );
  out.push('');
  out.push(`| domain | system | tasks | pass@1 % base → cand | Δ pass@1 pts [95 % CI] | McNemar p | Δ cost % [95 % CI] | Δ ${largest} share pts [95 % CI] | status |`);
  out.push('|---|---|---:|---|---|---:|---|---|---|');
  for (const s of r.systems) {
    if (s.status === 'missing') {
      out.push(`| ${s.domain} | ${displayName(s.system)} | 0 / ${s.baselineTasks} | — | — | — | — | — | ❌ missing from candidate |`);
      continue;
    }
    const flag = (m: MetricCheck) => (m.status === 'fail' ? ' ❌' : m.status === 'warn' ? ' ⚠️' : '');
    out.push(
      `| ${s.domain} | ${displayName(s.system)} | ${s.pass.n} | ${fmt(100 * s.pass.baseline, 1, false)} → ${fmt(100 * s.pass.candidate, 1, false)} | ${interval(s.pass)}${flag(s.pass)} | ${Number.isFinite(s.pass.mcnemarP) ? s.pass.mcnemarP.toPrecision(3) : '—'} | ${interval(s.cost)}${flag(s.cost)} | ${interval(s.share)}${flag(s.share)} | ${ICON[s.status]} |`,
    );
  }
  out.push('');
  for (const n of r.notes) out.push(`- ${n}`);
  if (r.notes.length) out.push('');
  out.push('<details><summary>How to read this</summary>');
  out.push('');
  out.push(
    'Each Δ is a paired difference over the tasks both runs hold (candidate − baseline): mean and 95 % interval mean ± 1.96·sd/√n. pass@1 and the largest agent’s share are in percentage points, cost in % of the baseline’s cost. ❌ = the whole interval lies beyond the threshold (a real regression, not noise); ⚠️ = the estimate is beyond it but the interval is not (not failing). McNemar p: exact two-sided test on tasks only one run solved.',
  );
  out.push('');
  out.push('</details>');
  return `${out.join('\n')}\n`;
}

/** The result for machines (`--json`): NaN becomes null. */
export function checkJson(r: CheckResult): string {
  return `${JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
