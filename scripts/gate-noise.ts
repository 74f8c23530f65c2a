// Measure the gate's rerun noise τ from K reruns of the golden experiment with other engine seeds, and
// write it as noise.json beside the baseline (read by `sale bench check`).
//
//   node --import tsx scripts/gate-noise.ts OUT_FILE RUN_DIR RUN_DIR …   (≥ 3 runs; e.g. seeds 0–5)
//
// For every pair of runs (i < j) and every system, the gate's paired change Δ and its paired standard
// error SE (over tasks) are computed; with no real change E[Δ] = 0, so E[Δ²] = Var(Δ) and the rerun noise
// that the paired SE misses — chiefly retraining the routers and SALE on other training outcomes — is
// estimated per system and metric as τ² = max(0, U − mean(SE²)), where U is the upper 95 % confidence
// bound of E[Δ²]: ν·mean(Δ²)/χ²_{0.05}(ν) with ν = runs − 1 degrees of freedom (pairs share runs, so
// there are only runs − 1 independent contrasts). The bound, not the estimate: with a handful of runs the
// plain estimate is often 0 for a router whose retraining moves it by 15–20 points (measured: 19 % false
// alarms with it). scripts/gate-power.ts measures the false-alarm rate on other seeds.
import { normalQuantile } from '../src/metrics/normal.ts';
import { writeFileSync } from 'node:fs';
import type { GateNoise } from '../src/report/compare/check.ts';
import { check, loadAs, pairsOf } from './gate-stats.ts';

const [out, ...dirs] = process.argv.slice(2);
if (!out || dirs.length < 3) {
  process.stderr.write('usage: gate-noise.ts OUT_FILE RUN_DIR RUN_DIR RUN_DIR …  (three or more reruns with other engine seeds)\n');
  process.exit(2);
}
const runs = dirs.map((d) => loadAs(d));
const acc = new Map<string, { pass: number[][]; cost: number[][]; share: number[][] }>();
for (const [a, b] of pairsOf(runs)) {
  for (const s of check(a, b, null).systems) {
    if (s.status === 'missing') continue;
    const e = acc.get(s.system) ?? { pass: [], cost: [], share: [] };
    for (const k of ['pass', 'cost', 'share'] as const) if (Number.isFinite(s[k].delta)) e[k].push([s[k].delta, s[k].se]);
    acc.set(s.system, e);
  }
}
const nu = runs.length - 1;
// χ²_{0.05}(ν) by the Wilson–Hilferty approximation.
const z05 = normalQuantile(0.05);
const chi05 = nu * (1 - 2 / (9 * nu) + z05 * Math.sqrt(2 / (9 * nu))) ** 3;
const tau = (xs: number[][]) => {
  if (!xs.length) return 0;
  const meanD2 = xs.reduce((t, [d]) => t + d! ** 2, 0) / xs.length;
  const meanSe2 = xs.reduce((t, [, se]) => t + se! ** 2, 0) / xs.length;
  return Math.sqrt(Math.max(0, (nu * meanD2) / chi05 - meanSe2));
};
const noise: GateNoise = {
  method: `τ² = max(0, ν·mean Δ²/χ²_0.05(ν) − mean SE²), ν = ${nu}, over ${pairsOf(runs).length} pairs of ${runs.length} reruns with other engine seeds (scripts/gate-noise.ts)`,
  seeds: runs.map((r) => r.manifest.settings.seed),
  systems: Object.fromEntries([...acc].map(([s, e]) => [s, { pass: tau(e.pass), cost: tau(e.cost), share: tau(e.share) }])),
};
writeFileSync(out, `${JSON.stringify(noise, null, 2)}\n`);
for (const [s, v] of Object.entries(noise.systems)) process.stdout.write(`${s.padEnd(20)} τ pass ${v.pass.toFixed(2)} pts · cost ${v.cost.toFixed(2)} % · share ${v.share.toFixed(2)} pts\n`);
