import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { createSuites, suiteNames } from '../../suites/index.ts';
import { analyticTable } from './calibration-check.ts';
import { SimCalibration, expectedOracle, fitLogistic, successProbability, type Domain } from './calibration.ts';
import { hashNormal } from './random.ts';
import { normalCdf } from './random.ts';

describe('sim calibration', () => {
  it('fitLogistic recovers an exact logistic in ln τ', () => {
    const taus = [0.05, 0.2, 1, 5, 25];
    const ps = taus.map((t) => 1 / (1 + Math.exp(-(0.4 - 0.9 * Math.log(t)))));
    const fit = fitLogistic(taus, ps);
    expect(fit.alpha).toBeCloseTo(0.4, 6);
    expect(fit.beta).toBeCloseTo(-0.9, 6);
    expect(successProbability(fit, 1)).toBeCloseTo(ps[2]!, 6);
  });

  it('normalCdf matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });

  const cal = new SimCalibration(loadConfig().sim);

  it('is deterministic in (seed, agent, task) and changes with the seed', () => {
    const a = [...Array(200).keys()].map((i) => cal.solves('coding', '8b', `t${i}`, 1, 0));
    const b = [...Array(200).keys()].map((i) => cal.solves('coding', '8b', `t${i}`, 1, 0));
    const c = [...Array(200).keys()].map((i) => cal.solves('coding', '8b', `t${i}`, 1, 1));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('falls with τ and rises with model size, near the anchors', () => {
    const rate = (agent: string, tau: number) => {
      let k = 0;
      for (let i = 0; i < 3000; i++) if (cal.solves('coding', agent, `r${i}`, tau, 7)) k++;
      return k / 3000;
    };
    expect(rate('32b', 0.05)).toBeGreaterThan(rate('32b', 27));
    expect(rate('32b', 1.1)).toBeGreaterThan(rate('4b', 1.1));
    // 32B in the easiest bin: paper 95.0 %.
    expect(rate('32b', 0.05)).toBeGreaterThan(0.9);
    // 4B / 32B ratio: ≈ 0.9 at the easiest bin, far lower at the hardest (paper ≈ 0.2).
    expect(rate('4b', 0.05) / rate('32b', 0.05)).toBeGreaterThan(0.85);
    expect(rate('4b', 27) / rate('32b', 27)).toBeLessThan(0.4);
  });

  it('correlates agents through shared difficulty: the oracle is far below independent draws', () => {
    const agents = ['4b', '8b', '14b', '32b'];
    let any = 0;
    let indep = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const tau = 5.6;
      if (agents.some((a) => cal.solves('coding', a, `o${i}`, tau, 3))) any++;
      indep += 1 - agents.reduce((q, a) => q * (1 - cal.probability('coding', a, tau)), 1);
    }
    expect(any / n).toBeLessThan(indep / n - 0.1);
  });

  it('expectedOracle: independent agents at ρ = 0, one agent at ρ → 1, and matches a Monte Carlo draw in between', () => {
    expect(expectedOracle([0.5, 0.5], 0)).toBeCloseTo(0.75, 9);
    expect(Math.abs(expectedOracle([0.3, 0.6], 0.9999) - 0.6)).toBeLessThan(0.02);
    const ps = [0.2, 0.4, 0.7];
    const rho = 0.5;
    let any = 0;
    const n = 20000;
    const thresholds = ps.map((p) => normalInv(p));
    for (let i = 0; i < n; i++) {
      const z = hashNormal('mc', i);
      if (thresholds.some((t, a) => Math.sqrt(rho) * z + Math.sqrt(1 - rho) * hashNormal('mc', i, a) < t)) any++;
    }
    expect(Math.abs(any / n - expectedOracle(ps, rho))).toBeLessThan(0.012);
  });

  it('on the bundled tasks, expected pass@1 per agent and bin equals the anchors (±0.5 point) and the oracle its target', () => {
    const config = loadConfig();
    const tasks = createSuites(suiteNames(config), config).flatMap((s) => s.tasks);
    const bundled = new SimCalibration(config.sim, tasks);
    for (const domain of Object.keys(config.sim.domains) as Domain[]) {
      const d = config.sim.domains[domain]!;
      const t = analyticTable(bundled, domain, tasks);
      expect(t.n.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const [agent, anchors] of Object.entries(d.anchors)) {
        t.perBin[agent]!.forEach((v, b) => {
          if (t.n[b]! > 0) expect(Math.abs(v - anchors[b]!), `${domain} ${agent} bin ${b}`).toBeLessThan(0.005);
        });
      }
      expect(Math.abs(t.oracle - d.oracle!)).toBeLessThan(0.005);
    }
  });

  it('a memory lift raises success monotonically: never turns a success into a failure', () => {
    for (let i = 0; i < 300; i++) {
      const before = cal.solves('coding', '4b', `m${i}`, 5, 0);
      const after = cal.solves('coding', '4b', `m${i}`, 5, 0, 0.5);
      if (before) expect(after).toBe(true);
    }
    expect(cal.liftedProbability('coding', '4b', 5, 0.5)).toBeCloseTo(cal.probability('coding', '4b', 5) + 0.5 * (1 - cal.probability('coding', '4b', 5)), 12);
  });
});

/** Inverse normal CDF by bisection on normalCdf (test helper, independent of the code under test). */
function normalInv(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('calibration of a large imported suite', () => {
  it('solves over at most CALIBRATION_SAMPLE tasks per bin, spread over the bin\'s τ quantiles', async () => {
    const { atMostPerBin, CALIBRATION_SAMPLE } = await import('./calibration.ts');
    const tasks = Array.from({ length: 3000 }, (_, i) => ({ tau: 0.6 + (i / 3000) * 1.8 }));
    const small = [{ tau: 0.05 }, { tau: 0.08 }];
    const picked = atMostPerBin([...tasks, ...small], CALIBRATION_SAMPLE);
    expect(picked.filter((t) => t.tau <= 0.1)).toHaveLength(2);
    const big = picked.filter((t) => t.tau > 0.5).map((t) => t.tau);
    expect(big).toHaveLength(CALIBRATION_SAMPLE);
    expect(Math.min(...big)).toBeLessThan(0.61);
    expect(Math.max(...big)).toBeGreaterThan(2.39);
  });
});
