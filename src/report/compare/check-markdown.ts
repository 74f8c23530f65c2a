// Markdown of `sale bench check`: the full table (stdout) and the short summary for a pull-request
// comment (--summary): verdict first, failing systems first, one line each.
import { displayName } from './analysis.ts';
import type { CheckResult, MetricCheck, SystemCheck } from './check.ts';

const fmt = (x: number, digits = 1, sign = true) => (Number.isFinite(x) ? `${sign && x > 0 ? '+' : ''}${x.toFixed(digits)}` : '—');
const interval = (m: MetricCheck) => (m.status === 'n/a' ? '—' : `${fmt(m.delta)} [${fmt(m.low)}, ${fmt(m.high)}]`);
const ICON: Record<string, string> = { ok: '✅', warn: '⚠️', fail: '❌', missing: '❌ missing', 'n/a': '' };
const RANK: Record<SystemCheck['status'], number> = { missing: 0, fail: 0, warn: 1, ok: 2 };
const zText = (z: number) => (z === Infinity ? '∞' : fmt(z, 1, false));
const flag = (m: MetricCheck) => (m.status === 'fail' ? ' ❌' : m.status === 'warn' ? ' ⚠️' : '');

function headline(r: CheckResult): string {
  const head = r.verdict === 'pass' ? '✅ no regression' : r.verdict === 'fail' ? '❌ regression' : '⚠️ runs not comparable';
  return `## sale bench check: ${head}${r.label ? ` (${r.label})` : ''}`;
}

function rule(r: CheckResult): string {
  const largest = r.largestAgent ?? 'largest agent';
  const t = r.thresholds;
  return `A metric fails when its change is beyond the threshold (pass@1 −${t.maxDrop} pts · cost +${t.maxCostRise} % · ${largest} share +${t.maxShareRise} pts) **and** significant: change / SE > ${fmt(r.zCritical, 2, false)} (family-wise α = ${t.alpha} over ${r.gatedMetrics} gated metrics; SE = √(paired sd²/n + τ²), τ = rerun noise ${r.noise ? `from ${r.noise.seeds.length} engine seeds (--noise)` : '0 (deterministic engine; pass --noise for a nondeterministic one)'}).`;
}

function notComparable(r: CheckResult, out: string[]): string {
  out.push('The run fingerprints differ in something other than the code under test, so the runs did not measure the same thing:', '');
  for (const m of r.mismatches) out.push(`- **${m.field}**: ${m.values.map((v) => `${v.runId} = \`${v.value}\``).join(' · ')}`);
  out.push('', 'If the change is intended (new dataset, prompts, models, seeds or configuration), refresh the baseline: `scripts/refresh-golden.sh`.');
  return `${out.join('\n')}\n`;
}

/** The full Markdown report (every system, every metric). */
export function checkMarkdown(r: CheckResult): string {
  const out: string[] = [headline(r), ''];
  out.push(`Baseline \`${r.baseline.runId}\` (sale ${r.baseline.version}) → candidate \`${r.candidate.runId}\` (sale ${r.candidate.version}).`);
  if (r.label === 'SIMULATED') out.push('The runs use the `sim` provider (a seeded test double): this gates the harness, not any model.');
  out.push('');
  if (r.verdict === 'not-comparable') return notComparable(r, out);
  const largest = r.largestAgent ?? 'largest agent';
  out.push(rule(r), '');
  out.push(`| system | tasks | pass@1 % base → cand | Δ pass@1 pts [±1.96 SE] | McNemar p | Δ cost % [±1.96 SE] | Δ ${largest} share pts [±1.96 SE] | status |`);
  out.push('|---|---:|---|---|---:|---|---|---|');
  for (const s of [...r.systems].sort((a, b) => RANK[a.status] - RANK[b.status])) {
    if (s.status === 'missing') {
      out.push(`| ${displayName(s.system)} | 0 / ${s.baselineTasks} | — | — | — | — | — | ❌ missing from candidate |`);
      continue;
    }
    out.push(
      `| ${displayName(s.system)} | ${s.pass.n} | ${fmt(100 * s.pass.baseline, 1, false)} → ${fmt(100 * s.pass.candidate, 1, false)} | ${interval(s.pass)}${flag(s.pass)} | ${Number.isFinite(s.pass.mcnemarP) ? s.pass.mcnemarP.toPrecision(3) : '—'} | ${interval(s.cost)}${flag(s.cost)} | ${interval(s.share)}${flag(s.share)} | ${ICON[s.status]} |`,
    );
  }
  out.push('');
  for (const n of r.notes) out.push(`- ${n}`);
  if (r.notes.length) out.push('');
  return `${out.join('\n')}\n`;
}

/** The short summary for a pull-request comment: verdict, then failing systems first, one line each. */
export function checkSummary(r: CheckResult): string {
  const out: string[] = [headline(r), ''];
  if (r.verdict === 'not-comparable') return notComparable(r, out);
  const bad = [...r.systems].filter((s) => s.status !== 'ok').sort((a, b) => RANK[a.status] - RANK[b.status]);
  const what = (s: SystemCheck) => {
    if (s.status === 'missing') return 'missing from the candidate';
    const parts: string[] = [];
    if (s.pass.status === 'fail' || s.pass.status === 'warn') parts.push(`pass@1 ${fmt(100 * s.pass.baseline, 1, false)} → ${fmt(100 * s.pass.candidate, 1, false)} % (${fmt(s.pass.delta)} pts, z ${zText(s.pass.z)})`);
    if (s.cost.status === 'fail' || s.cost.status === 'warn') parts.push(`cost ${fmt(s.cost.delta)} % (z ${zText(s.cost.z)})`);
    if (s.share.status === 'fail' || s.share.status === 'warn') parts.push(`${r.largestAgent ?? 'largest'} share ${fmt(s.share.delta)} pts (z ${zText(s.share.z)})`);
    return parts.join(' · ');
  };
  for (const s of bad) out.push(`- ${s.status === 'warn' ? '⚠️' : '❌'} **${displayName(s.system)}**: ${what(s)}`);
  const ok = r.systems.length - bad.length;
  out.push(`- ✅ ${ok} of ${r.systems.length} systems unchanged within the gate`);
  out.push('', `<sub>${rule(r)} Baseline \`${r.baseline.runId}\` → candidate \`${r.candidate.runId}\`${r.label === 'SIMULATED' ? '; SIMULATED: gates the harness, not a model' : ''}.</sub>`);
  for (const n of r.notes.slice(0, 3)) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}
