// SIMULATED plan lengths: their Spearman correlation with the author's trace length is the documented dial.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { spearman } from '../../report/sale-context.ts';
import { PlanLengths, gaussianPearson, traceLogSteps } from './plan-length.ts';
import { hashNormal } from './random.ts';
import { traceSteps } from './sim-client.ts';

const config = loadConfig();
// 2,000 made-up deep-search tasks spread over the five τ bins (log-uniform from 0.02 to 55).
const tasks = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, domain: 'deepsearch', tau: Math.exp(Math.log(0.02) + (Math.log(55 / 0.02) * (i + 0.5)) / 2000) }));

function sample(targetSpearman: number, quality: number) {
  const file = { ...config.sim, plan_length: { ...config.sim.plan_length, trace_spearman: targetSpearman, quality } };
  const lengths = new PlanLengths(file, tasks);
  const plan: number[] = [];
  const steps: number[] = [];
  const rounded: number[] = [];
  for (const t of tasks) {
    const agent = ['4b', '8b', '14b', '32b'][Number(t.id.slice(1)) % 4]!;
    plan.push(lengths.length(t.domain, t.tau, agent, t.id, 0, hashNormal('q', t.id), hashNormal('eta', t.id)));
    steps.push(traceLogSteps(file.tokens, t.tau, agent, t.id, 0));
    rounded.push(traceSteps(file.tokens, t, agent, 0));
  }
  return { plan, steps, rounded };
}

describe('SIMULATED plan lengths', () => {
  it('r = 2·sin(π·ρ_S/6): the Gaussian Pearson behind a Spearman', () => {
    expect(gaussianPearson(0.39)).toBeCloseTo(0.4057, 3);
    expect(gaussianPearson(1)).toBeCloseTo(1, 9);
    expect(gaussianPearson(0)).toBe(0);
  });

  it('plan length vs trace length: Spearman at the configured value (default 0.39, the paper) whatever the quality link', () => {
    expect(config.sim.plan_length.trace_spearman).toBe(0.39);
    for (const target of [0.39, 0.8, 0.1]) {
      for (const quality of [0, 0.5, 2]) {
        const { plan, steps } = sample(target, quality);
        // 2,000 pairs: the SE of a Spearman near 0.4 is ≈ 0.02.
        expect(Math.abs(spearman(plan, steps) - target), `target ${target}, quality ${quality}`).toBeLessThan(0.06);
      }
    }
  });

  it('whole trace steps lower it only a little, and lengths stay in the bid budget', () => {
    const { plan, rounded } = sample(0.39, 0.5);
    const rho = spearman(plan, rounded);
    expect(rho).toBeGreaterThan(0.3);
    expect(rho).toBeLessThan(0.42);
    const sorted = [...plan].sort((a, b) => a - b);
    expect(sorted[Math.floor(0.025 * sorted.length)]!).toBeGreaterThan(60);
    expect(sorted[Math.floor(0.975 * sorted.length)]!).toBeLessThan(400);
  });
});
