// Measure the gate's rerun noise τ from K reruns of the golden experiment with other engine seeds, and
// write it as noise.json beside the baseline (read by `sale bench check`).
//
//   node --import tsx scripts/gate-noise.ts OUT_FILE RUN_DIR RUN_DIR …   (≥ 3 runs; e.g. seeds 0–5)
//
// For every pair of runs (i < j) and every system, the gate's paired change Δ and its paired standard
// error SE (over tasks) are computed; with no real change E[Δ] = 0, so E[Δ²] = Var(Δ) and the rerun noise
// that the paired SE misses — chiefly retraining the routers and SALE on other training outcomes — is
// τ² = max(0, mean(Δ²) − mean(SE²)), per system and metric. Pairs share runs, so they are not
// independent; τ is an estimate, and scripts/gate-power.ts measures the false-alarm rate on other seeds.
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
const tau = (xs: number[][]) => (xs.length ? Math.sqrt(Math.max(0, xs.reduce((t, [d, se]) => t + d! ** 2 - se! ** 2, 0) / xs.length)) : 0);
const noise: GateNoise = {
  method: `τ² = max(0, mean Δ² − mean SE²) over ${pairsOf(runs).length} pairs of ${runs.length} reruns with other engine seeds (scripts/gate-noise.ts)`,
  seeds: runs.map((r) => r.manifest.settings.seed),
  systems: Object.fromEntries([...acc].map(([s, e]) => [s, { pass: tau(e.pass), cost: tau(e.cost), share: tau(e.share) }])),
};
writeFileSync(out, `${JSON.stringify(noise, null, 2)}\n`);
for (const [s, v] of Object.entries(noise.systems)) process.stdout.write(`${s.padEnd(20)} τ pass ${v.pass.toFixed(2)} pts · cost ${v.cost.toFixed(2)} % · share ${v.share.toFixed(2)} pts\n`);
