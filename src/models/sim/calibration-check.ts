// Expected (analytic) and realised (over seeds) pass@1 per agent and bin, and the oracle, of the sim
// calibration over a set of loaded tasks. Used by scripts/calibrate-sim.ts and calibration.test.ts.
import { binOf } from '../../tasks/bins.ts';
import { expectedOracle, type CalibrationTask, type Domain, type SimCalibration } from './calibration.ts';

export interface CalibrationTable {
  domain: Domain;
  /** Tasks per bin. */
  n: number[];
  /** agent → pass@1 per bin (NaN for an empty bin) and over all loaded tasks. */
  perBin: Record<string, number[]>;
  all: Record<string, number>;
  oracle: number;
}

const byBin = (tasks: readonly CalibrationTask[]) => [0, 1, 2, 3, 4].map((b) => tasks.filter((t) => binOf(t.tau) === b));

/** The expectation: mean success probability per bin, and the expected oracle, over the tasks. */
export function analyticTable(cal: SimCalibration, domain: Domain, tasks: readonly CalibrationTask[]): CalibrationTable {
  const mine = tasks.filter((t) => t.domain === domain);
  const bins = byBin(mine);
  const agents = cal.agents(domain);
  const perBin: Record<string, number[]> = {};
  const all: Record<string, number> = {};
  for (const a of agents) {
    perBin[a] = bins.map((ts) => (ts.length ? ts.reduce((s, t) => s + cal.probability(domain, a, t.tau), 0) / ts.length : Number.NaN));
    all[a] = mine.reduce((s, t) => s + cal.probability(domain, a, t.tau), 0) / Math.max(1, mine.length);
  }
  const rho = cal.rho(domain);
  const oracle = mine.reduce((s, t) => s + expectedOracle(agents.map((a) => cal.probability(domain, a, t.tau)), rho), 0) / Math.max(1, mine.length);
  return { domain, n: bins.map((b) => b.length), perBin, all, oracle };
}

/** The realised values, averaged over seeds 0 … seeds − 1. */
export function realisedTable(cal: SimCalibration, domain: Domain, tasks: readonly CalibrationTask[], seeds: number): CalibrationTable {
  const mine = tasks.filter((t) => t.domain === domain);
  const bins = byBin(mine);
  const agents = cal.agents(domain);
  const perBin: Record<string, number[]> = Object.fromEntries(agents.map((a) => [a, [0, 0, 0, 0, 0]]));
  const all: Record<string, number> = Object.fromEntries(agents.map((a) => [a, 0]));
  let oracle = 0;
  for (let seed = 0; seed < seeds; seed++) {
    bins.forEach((ts, b) => {
      for (const t of ts) {
        let any = false;
        for (const a of agents) {
          if (cal.solves(domain, a, t.id, t.tau, seed)) {
            perBin[a]![b]! += 1 / (ts.length * seeds);
            all[a]! += 1 / (mine.length * seeds);
            any = true;
          }
        }
        if (any) oracle += 1 / (mine.length * seeds);
      }
    });
  }
  for (const a of agents) perBin[a] = perBin[a]!.map((v, b) => (bins[b]!.length ? v : Number.NaN));
  return { domain, n: bins.map((b) => b.length), perBin, all, oracle };
}

export function formatTable(t: CalibrationTable, anchors: Record<string, readonly number[]>, label: string): string {
  const pct = (v: number) => (Number.isNaN(v) ? '   —' : (100 * v).toFixed(1).padStart(5));
  const lines = [`${t.domain} (${label}; tasks per bin ${t.n.join(' / ')}): oracle ${pct(t.oracle)} %`];
  for (const [a, row] of Object.entries(t.perBin)) {
    lines.push(`  ${a.padEnd(4)} ${row.map(pct).join(' ')} | anchors ${(anchors[a] ?? []).map(pct).join(' ')} | all loaded ${pct(t.all[a]!)}`);
  }
  return lines.join('\n');
}
