// Success model of the simulated agents. See configs/sim.yaml for the derivation of the numbers.
import type { SimFile } from '../../config/types.ts';
import { hashNormal, normalCdf } from './random.ts';

export type Domain = 'coding' | 'deepsearch';

/** p(τ) = σ(alpha + beta · ln τ) for one agent in one domain. */
export interface Logistic {
  alpha: number;
  beta: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Least-squares fit of logit(p) = alpha + beta · ln τ to anchor points (p clipped to [0.005, 0.995]).
 * Closed form: ordinary linear regression in (ln τ, logit p).
 */
export function fitLogistic(taus: readonly number[], ps: readonly number[]): Logistic {
  const xs = taus.map(Math.log);
  const ys = ps.map((p) => logit(Math.min(0.995, Math.max(0.005, p))));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const beta = sxx === 0 ? 0 : sxy / sxx;
  return { alpha: my - beta * mx, beta };
}

export function successProbability(curve: Logistic, tau: number): number {
  return sigmoid(curve.alpha + curve.beta * Math.log(tau));
}

export class SimCalibration {
  private readonly curves = new Map<string, Logistic>();
  constructor(readonly file: SimFile) {
    for (const [domain, d] of Object.entries(file.domains)) {
      for (const [agent, anchors] of Object.entries(d.anchors)) {
        this.curves.set(`${domain}/${agent}`, fitLogistic(file.bin_tau, anchors));
      }
    }
  }

  agents(domain: Domain): string[] {
    return Object.keys(this.file.domains[domain]?.anchors ?? {});
  }

  curve(domain: Domain, agent: string): Logistic {
    const c = this.curves.get(`${domain}/${agent}`);
    if (!c) throw new Error(`sim: no calibration for agent '${agent}' in domain '${domain}' (configs/sim.yaml)`);
    return c;
  }

  probability(domain: Domain, agent: string, tau: number): number {
    return successProbability(this.curve(domain, agent), tau);
  }

  /**
   * The latent draw u ∈ (0, 1) of an agent on a task: a shared task difficulty mixed with agent noise,
   * so tasks that are hard for one agent tend to be hard for all. Success iff u < p.
   */
  latent(domain: Domain, agent: string, taskId: string, seed: number): number {
    const rho = this.file.domains[domain]?.shared_difficulty ?? 0;
    const z = hashNormal('task', seed, taskId);
    const e = hashNormal('agent', seed, agent, taskId);
    return normalCdf(Math.sqrt(rho) * z + Math.sqrt(1 - rho) * e);
  }

  /** Does the simulated agent solve this task? Deterministic in (seed, agent, task). */
  solves(domain: Domain, agent: string, taskId: string, tau: number, seed: number): boolean {
    return this.latent(domain, agent, taskId, seed) < this.probability(domain, agent, tau);
  }
}
