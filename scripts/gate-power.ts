// The gate's false-alarm rate and power, measured (README, "CI regression gate").
//
//   node --import tsx scripts/gate-power.ts NOISE_JSON RUN_DIR RUN_DIR …   (reruns with other engine seeds,
//                                                                        NOT the ones noise.json was fitted on)
//
// False alarms: every pair of runs (a, b) is checked as baseline a → candidate b with the fingerprint
// made equal (a nondeterministic engine); a pair "alarms" when the gate exits 1. Rate = alarms / pairs.
// Power, for each system and each run as baseline, with the candidate
//   PR mode      = the same run (the sim is deterministic: same seed, same code → same records), gated
//                  without noise (τ = 0), as scripts/ci-regression.sh does on pull requests; and
//   nightly mode = another run (engine seed differs: rerun noise on top), gated with the noise file,
// after injecting into that one system of the candidate either
//   a 10-point pass@1 drop: round(0.10·n) of the system's passed tasks, drawn at random, become failures; or
//   a 25 % cost rise: every task of the system costs 1.25 × as much;
// power = share of (baseline, candidate, system, draw) cases where the gate fails that system.
import { readFileSync } from 'node:fs';
import type { GateNoise } from '../src/report/compare/check.ts';
import type { LoadedRun } from '../src/report/compare/load.ts';
import { check, loadAs, pairsOf, rng } from './gate-stats.ts';

const [noiseFile, ...dirs] = process.argv.slice(2);
if (!noiseFile || dirs.length < 2) {
  process.stderr.write('usage: gate-power.ts NOISE_JSON RUN_DIR RUN_DIR …\n');
  process.exit(2);
}
const noise = JSON.parse(readFileSync(noiseFile, 'utf8')) as GateNoise;
const runs = dirs.map((d) => loadAs(d));
const pairs = pairsOf(runs);
let alarms = 0;
const alarmSystems: string[] = [];
for (const [a, b] of pairs) {
  const r = check(a, b, noise);
  if (r.exitCode === 1) {
    alarms++;
    alarmSystems.push(r.systems.filter((s) => s.status === 'fail' || s.status === 'missing').map((s) => s.system).join('+'));
  }
}
process.stdout.write(`false alarms: ${alarms} of ${pairs.length} seed pairs (${((100 * alarms) / pairs.length).toFixed(1)} %)${alarms ? ` — ${alarmSystems.join(', ')}` : ''}\n`);

type Injection = 'drop10' | 'cost25';
function inject(run: LoadedRun, system: string, kind: Injection, draw: () => number): LoadedRun {
  const mine = run.records.filter((r) => r.system === system);
  if (kind === 'cost25') return { ...run, records: run.records.map((r) => (r.system === system ? { ...r, costUsd: r.costUsd * 1.25 } : r)) };
  const passed = mine.filter((r) => r.passed).map((r) => r.key);
  const k = Math.min(passed.length, Math.round(0.1 * mine.length));
  for (let i = passed.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [passed[i], passed[j]] = [passed[j]!, passed[i]!];
  }
  const flip = new Set(passed.slice(0, k));
  return { ...run, records: run.records.map((r) => (flip.has(r.key) ? { ...r, passed: false, status: 'failed' } : r)) };
}

const systems = [...new Set(runs[0]!.records.map((r) => r.system))];
const draws = 3;
for (const mode of ['PR (same seed)', 'nightly (other seed)'] as const) {
  for (const kind of ['drop10', 'cost25'] as Injection[]) {
    const per: Record<string, { hit: number; n: number }> = {};
    let hit = 0;
    let n = 0;
    const cases = mode.startsWith('PR') ? runs.map((r) => [r, r] as const) : pairs;
    for (const [base, cand] of cases) {
      for (const system of systems) {
        for (let d = 0; d < (kind === 'drop10' ? draws : 1); d++) {
          const draw = rng(1000 * n + d + 7);
          const r = check(base, inject(cand, system, kind, draw), mode.startsWith('PR') ? null : noise);
          const s = r.systems.find((x) => x.system === system)!;
          const caught = kind === 'drop10' ? s.pass.status === 'fail' : s.cost.status === 'fail';
          per[system] ??= { hit: 0, n: 0 };
          per[system]!.n++;
          n++;
          if (caught) {
            per[system]!.hit++;
            hit++;
          }
        }
      }
    }
    const worst = Object.entries(per).sort((x, y) => x[1].hit / x[1].n - y[1].hit / y[1].n)[0]!;
    process.stdout.write(
      `power, ${mode}, ${kind === 'drop10' ? '10-point pass@1 drop' : '25 % cost rise'}: ${((100 * hit) / n).toFixed(1)} % of ${n} cases; lowest system ${worst[0]} ${((100 * worst[1].hit) / worst[1].n).toFixed(0)} %\n`,
    );
  }
}
