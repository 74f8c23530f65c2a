// `sale bench check`: a regression gate between a baseline and a candidate run of the same experiment.
//
// Rule. Each system is gated on all its tasks (every domain pooled), on three paired differences over
// the tasks both runs hold (candidate − baseline):
//   pass@1        d_t = s_t(candidate) − s_t(baseline), in points;           bad when it falls;
//   cost          Δ_t = cost_t(candidate) − cost_t(baseline), in % of the baseline's mean cost; bad when it rises;
//   largest share Δ_t = [candidate ran t on the largest agent] − [baseline did], in points; bad when it rises
//                 (not gated for single agents, fixed by definition).
// Its standard error is SE = √(sd²/n + τ²): sd²/n is the paired sampling error over tasks; τ is the
// system's rerun noise that the paired error does not show — retraining routers and SALE on other
// training outcomes shifts a whole system at once — measured from reruns with other engine seeds
// (scripts/gate-noise.ts → noise.json) and passed with --noise when the engine is nondeterministic
// (nightly runs on a real engine). Without it τ = 0: a deterministic engine (the sim, same seed) gives
// identical records for unchanged code, so every difference comes from the code under test. A metric FAILS when both
//   (1) its change is beyond the practical threshold (--max-drop points, --max-cost-rise %, --max-share-rise points), and
//   (2) it is significant: bad-direction change / SE > z, z = Φ⁻¹(1 − α/m), m = the number of gated
//       metrics (Bonferroni: a family-wise false-alarm rate ≤ α, default 0.05, over every system and metric).
// Beyond the threshold but not significant: a warning. A system the baseline has and the candidate lacks
// fails; systems new in the candidate are listed, not gated; a fingerprint that differs in any field is
// "not comparable" (exit 2). The fingerprint describes the experiment only, never fitted artefacts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalQuantile } from '../../metrics/normal.ts';
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
  /** Family-wise false-alarm rate over every gated metric (Bonferroni). */
  alpha: number;
}

export const DEFAULT_THRESHOLDS: CheckThresholds = { maxDrop: 2, maxCostRise: 5, maxShareRise: 5, alpha: 0.05 };

/** noise.json beside a baseline: per system, the rerun noise τ of each metric (points, %, points). */
export interface GateNoise {
  method: string;
  seeds: number[];
  systems: Record<string, { pass: number; cost: number; share: number }>;
}

export const NOISE_FILE = 'noise.json';

/**
 * A gated pseudo-system: every single agent's attempts together (paired attempt by attempt). A change
 * that costs each agent a few points — a grader that truncates long programs — is significant here
 * though it is not for any one agent.
 */
export const POOLED_AGENTS = 'agents (pooled)';

/** Read a noise.json (a file, or the folder holding one); null when there is none. */
export function readNoise(path: string): GateNoise | null {
  const file = existsSync(join(path, NOISE_FILE)) ? join(path, NOISE_FILE) : path;
  if (!existsSync(file) || !file.endsWith('.json')) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as GateNoise;
}

export type MetricStatus = 'ok' | 'warn' | 'fail' | 'n/a';

export interface MetricCheck {
  /** Baseline and candidate values on the paired tasks (pass@1 and share as fractions, cost in $ per task). */
  baseline: number;
  candidate: number;
  /** Paired change and its 95 % interval (± 1.96·SE), in points (pass@1, share) or % of baseline (cost). */
  delta: number;
  low: number;
  high: number;
  n: number;
  /** SE = √(paired sd²/n + τ²) and the rerun noise τ it includes. */
  se: number;
  tau: number;
  /** Bad-direction change / SE (∞ when SE = 0 and the change is bad). */
  z: number;
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
  /** The significance bar every metric had to clear: z = Φ⁻¹(1 − α/m) over m gated metrics. */
  zCritical: number;
  gatedMetrics: number;
  noise: { method: string; seeds: number[] } | null;
  mismatches: FieldMismatch[];
  systems: SystemCheck[];
  newSystems: string[];
  notes: string[];
  /** SIMULATED (or another run label) when either run carries one. */
  label: string | null;
}

const NA: MetricCheck = { baseline: Number.NaN, candidate: Number.NaN, delta: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0, se: Number.NaN, tau: 0, z: Number.NaN, status: 'n/a' };

/**
 * A paired metric in display units (`scale` turns a per-task difference into points or %): its change,
 * SE with the rerun noise τ, and the z of the bad direction (`sign` = 1: bad when it rises).
 */
function paired(cand: number[], base: number[], scale: number, tau: number, sign: 1 | -1): Omit<MetricCheck, 'baseline' | 'candidate' | 'status'> {
  const d = pairedDifference(cand, base);
  const seTasks = (scale * (d.high - d.mean)) / 1.96;
  const se = Math.sqrt(seTasks ** 2 + tau ** 2);
  const delta = scale * d.mean;
  const bad = sign * delta;
  const z = se > 0 ? bad / se : bad > 0 ? Infinity : 0;
  return { delta, low: delta - 1.96 * se, high: delta + 1.96 * se, n: d.n, se, tau, z };
}

/** ok / warn / fail: fail needs the bad-direction change beyond the threshold AND z beyond the bar. */
function judge(m: Omit<MetricCheck, 'status'>, threshold: number, sign: 1 | -1, zCritical: number): MetricStatus {
  if (Number.isNaN(m.delta)) return 'n/a';
  if (sign * m.delta <= threshold) return 'ok';
  return m.z > zCritical ? 'fail' : 'warn';
}

function largestAgentOf(run: LoadedRun): string | null {
  const agents = [...run.manifest.settings.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok);
  return agents.length ? agents[agents.length - 1]!.name : null;
}

type Gauged = Omit<MetricCheck, 'status'>;
interface Measured {
  domain: string;
  system: string;
  base: AttemptRecord[];
  both: (readonly [AttemptRecord, AttemptRecord])[];
  pass: Gauged & { onlyBaseline: number; onlyCandidate: number; mcnemarP: number };
  cost: Gauged | null;
  share: Gauged | null;
  infraErrors: { baseline: number; candidate: number };
}

function measureSystem(domain: string, system: string, base: AttemptRecord[], cand: AttemptRecord[], largest: string | null, noise: GateNoise['systems'][string] | undefined): Measured {
  const key = (r: AttemptRecord) => `${r.system}|${r.domain}|${r.taskId}`;
  const candByTask = new Map(cand.map((r) => [key(r), r]));
  const both = base.filter((r) => candByTask.has(key(r))).map((r) => [r, candByTask.get(key(r))!] as const);
  const graded = both.filter(([b, c]) => b.status !== 'infra-error' && c.status !== 'infra-error');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
  const sB = graded.map(([b]) => (b.passed ? 1 : 0));
  const sC = graded.map(([, c]) => (c.passed ? 1 : 0));
  const onlyBaseline = graded.filter(([b, c]) => b.passed && !c.passed).length;
  const onlyCandidate = graded.filter(([b, c]) => !b.passed && c.passed).length;
  const pass = { baseline: mean(sB), candidate: mean(sC), ...paired(sC, sB, 100, noise?.pass ?? 0, -1), onlyBaseline, onlyCandidate, mcnemarP: mcnemarExact(onlyCandidate, onlyBaseline) };
  const cB = both.map(([b]) => b.costUsd);
  const cC = both.map(([, c]) => c.costUsd);
  const baseCost = mean(cB);
  const cost = baseCost > 0 ? { baseline: baseCost, candidate: mean(cC), ...paired(cC, cB, 100 / baseCost, noise?.cost ?? 0, 1) } : null;
  let share: Gauged | null = null;
  if (largest && !system.startsWith('agent:') && system !== POOLED_AGENTS) {
    const lB = both.map(([b]) => (b.agent === largest ? 1 : 0));
    const lC = both.map(([, c]) => (c.agent === largest ? 1 : 0));
    share = { baseline: mean(lB), candidate: mean(lC), ...paired(lC, lB, 100, noise?.share ?? 0, 1) };
  }
  const infraErrors = { baseline: base.filter((r) => r.status === 'infra-error').length, candidate: cand.filter((r) => r.status === 'infra-error').length };
  return { domain, system, base, both, pass, cost, share, infraErrors };
}

function judgeSystem(m: Measured, t: CheckThresholds, zCritical: number): SystemCheck {
  const pass = { ...m.pass, status: judge(m.pass, t.maxDrop, -1, zCritical) };
  const cost: MetricCheck = m.cost ? { ...m.cost, status: judge(m.cost, t.maxCostRise, 1, zCritical) } : NA;
  const share: MetricCheck = m.share ? { ...m.share, status: judge(m.share, t.maxShareRise, 1, zCritical) } : NA;
  const statuses = [pass.status, cost.status, share.status];
  const status: SystemCheck['status'] = m.both.length === 0 ? 'missing' : statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'ok';
  return { domain: m.domain, system: m.system, status, baselineTasks: m.base.length, missingTasks: m.base.length - m.both.length, infraErrors: m.infraErrors, pass, cost, share };
}

/** Gate a candidate run against a baseline; `noise` (rerun noise τ per system) for nondeterministic engines. */
export function checkRuns(baseline: LoadedRun, candidate: LoadedRun, thresholds: CheckThresholds = DEFAULT_THRESHOLDS, noise: GateNoise | null = null): CheckResult {
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
    zCritical: Number.NaN,
    gatedMetrics: 0,
    noise: noise ? { method: noise.method, seeds: noise.seeds } : null,
    mismatches,
    systems: [],
    newSystems: [],
    notes: [],
    label,
  };
  if (mismatches.length) return { ...result, verdict: 'not-comparable', exitCode: 2 };

  const bySystem = (rs: AttemptRecord[]) => {
    const m = new Map<string, AttemptRecord[]>();
    for (const r of rs) {
      const g = m.get(r.system);
      if (g) g.push(r);
      else m.set(r.system, [r]);
    }
    return m;
  };
  const b = bySystem(baseline.records);
  const c = bySystem(candidate.records);
  const agents = [...baseline.manifest.settings.agents].sort((x, y) => x.pricePerMTok - y.pricePerMTok);
  const domains = [...new Set(baseline.records.map((r) => r.domain))].sort();
  const domain = domains.length === 1 ? domains[0]! : 'all';
  const measured = systemOrder([...b.keys()], agents).map((s) => measureSystem(domain, s, b.get(s)!, c.get(s) ?? [], largest, noise?.systems[s]));
  const single = (rs: AttemptRecord[]) => rs.filter((r) => r.system.startsWith('agent:') && !r.system.includes('@'));
  if (new Set(single(baseline.records).map((r) => r.system)).size > 1)
    measured.push(measureSystem(domain, POOLED_AGENTS, single(baseline.records), single(candidate.records), largest, noise?.systems[POOLED_AGENTS]));
  const gated = measured.reduce((n, m) => n + (m.both.length ? 1 : 0) + (m.cost ? 1 : 0) + (m.share ? 1 : 0), 0);
  result.gatedMetrics = gated;
  result.zCritical = normalQuantile(1 - thresholds.alpha / Math.max(1, gated));
  result.systems = measured.map((m) => judgeSystem(m, thresholds, result.zCritical));
  result.newSystems = [...c.keys()].filter((k) => !b.has(k)).sort();
  for (const s of result.systems) {
    if (s.missingTasks > 0 && s.status !== 'missing') result.notes.push(`${s.system}: the candidate lacks ${s.missingTasks} of the baseline's ${s.baselineTasks} tasks; compared on the rest.`);
    if (s.infraErrors.candidate > s.infraErrors.baseline) result.notes.push(`${s.system}: infrastructure errors rose from ${s.infraErrors.baseline} to ${s.infraErrors.candidate} (excluded from pass@1).`);
  }
  if (result.newSystems.length) result.notes.push(`New in the candidate, not gated (refresh the baseline to gate them): ${result.newSystems.join(', ')}.`);
  if (baseline.records.length === 0) result.notes.push('The baseline holds no records: nothing was compared.');
  const failed = result.systems.some((s) => s.status === 'fail' || s.status === 'missing');
  return failed ? { ...result, verdict: 'fail', exitCode: 1 } : result;
}

/** The result for machines (`--json`): NaN becomes null. */
export function checkJson(r: CheckResult): string {
  return `${JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
