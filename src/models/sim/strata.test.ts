// Stratified latent draws (strata.ts): every task keeps its exact law (success probability per agent,
// correlation across agents), while the realised pass@1 of an agent in a bin scatters far less per seed.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { createSuites, suiteNames } from '../../suites/index.ts';
import { analyticTable, realisedTable } from './calibration-check.ts';
import { SimCalibration, type Domain } from './calibration.ts';

const config = loadConfig();
// One bin of 50 made-up coding tasks at different τ (bin ≤2.5: τ in (0.5, 2.5]).
const tasks = Array.from({ length: 50 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, domain: 'coding', tau: 0.55 + (1.9 * i) / 49 }));
const stratified = new SimCalibration({ ...config.sim, stratify: true }, tasks);
const independent = new SimCalibration({ ...config.sim, stratify: false }, tasks);
const agents = stratified.agents('coding');
const SEEDS = 400;

function outcomes(cal: SimCalibration): boolean[][][] {
  // [seed][task][agent]
  return Array.from({ length: SEEDS }, (_, seed) => tasks.map((t) => agents.map((a) => cal.solves('coding', a, t.id, t.tau, seed))));
}
const strat = outcomes(stratified);
const indep = outcomes(independent);

describe('SIMULATED latent strata', () => {
  it('keep each task\'s success probability per agent (over 400 seeds, within 4.5 binomial SE)', () => {
    let sumDev = 0;
    tasks.forEach((t, i) => {
      agents.forEach((a, j) => {
        const p = stratified.probability('coding', a, t.tau);
        const freq = strat.filter((s) => s[i]![j]).length / SEEDS;
        const se = Math.sqrt((p * (1 - p)) / SEEDS);
        expect(Math.abs(freq - p), `${a} ${t.id}`).toBeLessThan(4.5 * se + 1e-9);
        sumDev += freq - p;
      });
    });
    // No drift on average either.
    expect(Math.abs(sumDev / (tasks.length * agents.length))).toBeLessThan(0.01);
  });

  it('keep the correlation across agents (the shared difficulty) and the oracle', () => {
    const phi = (o: boolean[][][], a: number, b: number) => {
      let n11 = 0;
      let na = 0;
      let nb = 0;
      let n = 0;
      for (const s of o) for (const row of s) (n++, row[a] && na++, row[b] && nb++, row[a] && row[b] && n11++);
      const pa = na / n;
      const pb = nb / n;
      return (n11 / n - pa * pb) / Math.sqrt(pa * (1 - pa) * pb * (1 - pb));
    };
    const oracle = (o: boolean[][][]) => o.reduce((s, seed) => s + seed.filter((row) => row.some(Boolean)).length, 0) / (SEEDS * tasks.length);
    expect(Math.abs(phi(strat, 0, 3) - phi(indep, 0, 3))).toBeLessThan(0.04);
    expect(Math.abs(phi(strat, 1, 2) - phi(indep, 1, 2))).toBeLessThan(0.04);
    expect(phi(strat, 0, 3)).toBeGreaterThan(0.2);
    const expected = analyticTable(stratified, 'coding', tasks).oracle;
    expect(Math.abs(oracle(strat) - expected)).toBeLessThan(0.01);
  });

  it('shrink the seed-to-seed scatter of an agent\'s pass@1 in the bin to under half', () => {
    const sd = (o: boolean[][][], j: number) => {
      const xs = o.map((s) => s.filter((row) => row[j]).length / tasks.length);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
    };
    for (let j = 0; j < agents.length; j++) expect(sd(strat, j), agents[j]).toBeLessThan(0.5 * sd(indep, j));
  });

  it('memory lifts still act on the same latent: a success stays a success', () => {
    for (let seed = 0; seed < 50; seed++) {
      for (const t of tasks) if (stratified.solves('coding', '4b', t.id, t.tau, seed)) expect(stratified.solves('coding', '4b', t.id, t.tau, seed, 0.4)).toBe(true);
    }
  });
});

describe('sim calibration realised on the bundled tasks', () => {
  it('over 20 seeds, pass@1 of every agent in every bin is within ±2 points of its anchor, and the oracle of its target', () => {
    const all = createSuites(suiteNames(config), config).flatMap((s) => s.tasks);
    const cal = new SimCalibration(config.sim, all);
    for (const domain of Object.keys(config.sim.domains) as Domain[]) {
      const d = config.sim.domains[domain]!;
      const r = realisedTable(cal, domain, all, 20);
      for (const [agent, anchors] of Object.entries(d.anchors)) {
        r.perBin[agent]!.forEach((v, b) => {
          if (r.n[b]! > 0) expect(Math.abs(v - anchors[b]!), `${domain} ${agent} bin ${b}`).toBeLessThan(0.02);
        });
      }
      expect(Math.abs(r.oracle - d.oracle!), `${domain} oracle`).toBeLessThan(0.02);
    }
  });
});
