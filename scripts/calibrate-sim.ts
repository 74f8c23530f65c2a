// Re-derives the sim provider's shared_difficulty (ρ) so that the simulated oracle pass@1 (some agent
// solves the task) lands near the paper's figures, and prints the per-bin pass@1 the calibration gives.
// Usage: node --import tsx scripts/calibrate-sim.ts
import { loadConfig } from '../src/config/load.ts';
import { SimCalibration, type Domain } from '../src/models/sim/calibration.ts';
import { BIN_EDGES } from '../src/tasks/bins.ts';

const ORACLE_TARGET: Record<Domain, number> = { coding: 0.684, deepsearch: 0.779 };
/** The paper's tasks per bin (SALE.md §1), used to weight the all-bins figure. */
const PAPER_BIN_SIZES: Record<Domain, number[]> = { coding: [80, 79, 80, 81, 79], deepsearch: [80, 80, 80, 82, 32] };
const PER_BIN = 4000;

/** τ spread log-uniformly over each bin (bin 1 from 0.02 min). */
function syntheticTaus(bin: number): number[] {
  const lo = bin === 0 ? 0.02 : BIN_EDGES[bin - 1]!;
  const hi = BIN_EDGES[bin]!;
  return Array.from({ length: PER_BIN }, (_, i) => Math.exp(Math.log(lo) + ((i + 0.5) / PER_BIN) * (Math.log(hi) - Math.log(lo))));
}

function measure(cal: SimCalibration, domain: Domain, agents: string[]) {
  const perAgent = Object.fromEntries(agents.map((a) => [a, [] as number[]]));
  const oracle: number[] = [];
  for (let bin = 0; bin < 5; bin++) {
    const taus = syntheticTaus(bin);
    let any = 0;
    const wins = Object.fromEntries(agents.map((a) => [a, 0]));
    taus.forEach((tau, i) => {
      let solved = false;
      for (const a of agents) {
        if (cal.solves(domain, a, `cal-${bin}-${i}`, tau, 0)) {
          wins[a]!++;
          solved = true;
        }
      }
      if (solved) any++;
    });
    for (const a of agents) perAgent[a]!.push(wins[a]! / taus.length);
    oracle.push(any / taus.length);
  }
  const w = PAPER_BIN_SIZES[domain];
  const all = (xs: number[]) => xs.reduce((s, x, i) => s + x * w[i]!, 0) / w.reduce((a, b) => a + b, 0);
  return { perAgent, oracle, oracleAll: all(oracle), all };
}

const config = loadConfig();
for (const domain of ['coding', 'deepsearch'] as Domain[]) {
  const base = config.sim;
  const agents = Object.keys(base.domains[domain]!.anchors);
  let lo = 0;
  let hi = 0.99;
  for (let it = 0; it < 12; it++) {
    const mid = (lo + hi) / 2;
    const cal = new SimCalibration({ ...base, domains: { ...base.domains, [domain]: { ...base.domains[domain]!, shared_difficulty: mid } } });
    // More shared difficulty → fewer tasks solved by anyone.
    if (measure(cal, domain, agents).oracleAll > ORACLE_TARGET[domain]) lo = mid;
    else hi = mid;
  }
  const rho = (lo + hi) / 2;
  const cal = new SimCalibration({ ...base, domains: { ...base.domains, [domain]: { ...base.domains[domain]!, shared_difficulty: rho } } });
  const m = measure(cal, domain, agents);
  console.log(`${domain}: shared_difficulty ≈ ${rho.toFixed(2)} → oracle ${(100 * m.oracleAll).toFixed(1)} % (target ${100 * ORACLE_TARGET[domain]})`);
  for (const a of agents) {
    const anchors = base.domains[domain]!.anchors[a]!;
    console.log(`  ${a.padEnd(4)} sim ${m.perAgent[a]!.map((p) => (100 * p).toFixed(1).padStart(5)).join(' ')} | anchors ${anchors.map((p) => (100 * p).toFixed(1).padStart(5)).join(' ')} | all ${(100 * m.all(m.perAgent[a]!)).toFixed(1)}`);
  }
  console.log(`  oracle per bin ${m.oracle.map((p) => (100 * p).toFixed(1)).join(' ')}`);
}
