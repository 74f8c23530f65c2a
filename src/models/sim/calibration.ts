// Success model of the simulated agents. See configs/sim.yaml for the derivation of the numbers.
// EVERYTHING THE SIM PRODUCES IS SIMULATED: a demonstration of the mechanism, never evidence.
//
// Per agent a, p_a(τ) = σ(α_a + β_a·ln τ + δ_{a,bin(τ)}): the logistic (α, β) is fitted to the five anchors
// at each bin's representative τ (its shape inside a bin), and the per-bin offset δ is solved, at load
// time, over the τ of the tasks actually loaded, so that the MEAN of p_a over the loaded tasks of a bin
// equals the anchor exactly (bundled tasks sit anywhere in their bin, not at the representative τ).
// Successes are correlated by a shared task difficulty: a solves t iff u_{a,t} < p_a(τ_t) with
// u = Φ(√ρ·z_t + √(1−ρ)·e_{a,t}); ρ is solved so that the EXPECTED oracle over the loaded tasks
// (P(some agent solves), an integral over z) equals the domain's `oracle` target.
import type { SimFile } from '../../config/types.ts';
import { binOf } from '../../tasks/bins.ts';
import { hashNormal, normalCdf, probit } from './random.ts';
import { LatentStrata } from './strata.ts';

export type Domain = 'coding' | 'deepsearch';

/** p(τ) = σ(alpha + beta · ln τ) for one agent in one domain. */
export interface Logistic {
  alpha: number;
  beta: number;
}

/** What the calibration needs to know of a loaded task. */
export interface CalibrationTask {
  id: string;
  domain: string;
  tau: number;
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

/** Bisection for a monotone function: the x in [lo, hi] where f(x) = target (f increasing unless `decreasing`). */
function solve(f: (x: number) => number, target: number, lo: number, hi: number, decreasing = false, iters = 40): number {
  for (let i = 0; i < iters; i++) {
    const mid = (lo + hi) / 2;
    const below = f(mid) < target;
    if (below !== decreasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Standard normal grid for the oracle integral over the shared difficulty z (Simpson, [−7, 7]). */
const Z_GRID = (() => {
  const n = 140;
  const h = 14 / n;
  return Array.from({ length: n + 1 }, (_, i) => {
    const z = -7 + i * h;
    const simpson = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    return { z, w: ((simpson * h) / 3) * Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI) };
  });
})();

/** P(some agent solves) for one task whose agents' success probabilities are ps, with shared-difficulty share ρ. */
export function expectedOracle(ps: readonly number[], rho: number): number {
  if (rho <= 0) return 1 - ps.reduce((q, p) => q * (1 - p), 1);
  const r = Math.min(rho, 0.9999);
  const sr = Math.sqrt(r);
  const sn = Math.sqrt(1 - r);
  const thresholds = ps.map(probit);
  let allFail = 0;
  for (const { z, w } of Z_GRID) {
    let q = 1;
    for (const t of thresholds) q *= 1 - normalCdf((t - sr * z) / sn);
    allFail += w * q;
  }
  return 1 - allFail;
}

/**
 * Tasks per bin the calibration solves over. Beyond it (imported suites of 100k tasks), an evenly spaced
 * sample of the bin's τ quantiles stands in for the bin: the solved offsets and ρ move by far less than
 * the realised noise, and a 100k-task file calibrates in milliseconds instead of 40 s. It depends only on
 * the loaded tasks, never on the selection, so `--limit` and shards see the same calibration.
 */
export const CALIBRATION_SAMPLE = 250;

export function atMostPerBin<T extends { tau: number }>(tasks: readonly T[], n: number): T[] {
  const byBin = new Map<number, T[]>();
  for (const t of tasks) {
    const b = binOf(t.tau);
    const list = byBin.get(b);
    if (list) list.push(t);
    else byBin.set(b, [t]);
  }
  const out: T[] = [];
  for (const b of [...byBin.keys()].sort()) {
    const list = byBin.get(b)!;
    if (list.length <= n) {
      out.push(...list);
      continue;
    }
    const sorted = [...list].sort((x, y) => x.tau - y.tau);
    for (let i = 0; i < n; i++) out.push(sorted[Math.floor(((i + 0.5) * sorted.length) / n)]!);
  }
  return out;
}

export class SimCalibration {
  private readonly curves = new Map<string, Logistic>();
  /** Per (domain/agent, bin) offset δ on the logit scale, solved over the loaded tasks. */
  private readonly offsets = new Map<string, number[]>();
  private readonly rhos = new Map<string, number>();
  /** Latin-hypercube latent draws within each loaded (domain, bin) (strata.ts); absent when `stratify` is off. */
  private readonly strata: LatentStrata | undefined;

  constructor(
    readonly file: SimFile,
    tasks: readonly CalibrationTask[] = [],
  ) {
    for (const [domain, d] of Object.entries(file.domains)) {
      const mine = atMostPerBin(tasks.filter((t) => t.domain === domain), CALIBRATION_SAMPLE);
      const byBin = [0, 1, 2, 3, 4].map((b) => mine.filter((t) => binOf(t.tau) === b).map((t) => Math.log(t.tau)));
      for (const [agent, anchors] of Object.entries(d.anchors)) {
        const c = fitLogistic(file.bin_tau, anchors);
        this.curves.set(`${domain}/${agent}`, c);
        const offsets = byBin.map((lns, b) => {
          if (!lns.length) return 0;
          const target = Math.min(0.999, Math.max(0.001, anchors[b]!));
          const mean = (delta: number) => lns.reduce((s, x) => s + sigmoid(c.alpha + c.beta * x + delta), 0) / lns.length;
          return solve(mean, target, -20, 20);
        });
        this.offsets.set(`${domain}/${agent}`, offsets);
      }
      this.rhos.set(domain, this.solveRho(domain as Domain, mine, d.oracle, d.shared_difficulty));
    }
    // Every loaded task (not only the calibration sample) takes part in the strata of its bin.
    this.strata = file.stratify === false ? undefined : new LatentStrata(tasks, { threshold: (d, a, tau) => probit(this.probability(d as Domain, a, tau)), rho: (d) => this.rho(d as Domain) });
  }

  private solveRho(domain: Domain, tasks: readonly CalibrationTask[], oracle: number | undefined, fallback: number | undefined): number {
    if (oracle === undefined || !tasks.length) return fallback ?? 0.5;
    const agents = this.agents(domain);
    const ps = tasks.map((t) => agents.map((a) => this.probability(domain, a, t.tau)));
    const mean = (rho: number) => ps.reduce((s, p) => s + expectedOracle(p, rho), 0) / ps.length;
    // The expected oracle falls as ρ grows (agents fail together); targets outside the reachable range clamp.
    return solve(mean, oracle, 0, 0.999, true, 30);
  }

  agents(domain: Domain): string[] {
    return Object.keys(this.file.domains[domain]?.anchors ?? {});
  }

  /** The shared-difficulty share ρ in use for a domain (solved from the oracle target when tasks are loaded). */
  rho(domain: Domain): number {
    return this.rhos.get(domain) ?? this.file.domains[domain]?.shared_difficulty ?? 0.5;
  }

  curve(domain: Domain, agent: string): Logistic {
    const c = this.curves.get(`${domain}/${agent}`);
    if (!c) throw new Error(`sim: no calibration for agent '${agent}' in domain '${domain}' (configs/sim.yaml)`);
    return c;
  }

  probability(domain: Domain, agent: string, tau: number): number {
    const c = this.curve(domain, agent);
    const delta = this.offsets.get(`${domain}/${agent}`)?.[binOf(tau)] ?? 0;
    return sigmoid(c.alpha + c.beta * Math.log(tau) + delta);
  }

  /** The success probability after a refinement that lifts it by `lift` ∈ [0, 1] of the remaining gap. */
  liftedProbability(domain: Domain, agent: string, tau: number, lift: number): number {
    const p = this.probability(domain, agent, tau);
    return p + Math.min(1, Math.max(0, lift)) * (1 - p);
  }

  /**
   * The latent draw u ∈ (0, 1) of an agent on a task: a shared task difficulty mixed with agent noise,
   * so tasks that are hard for one agent tend to be hard for all. Success iff u < p. z and e are
   * stratified within the task's loaded bin (strata.ts: each still exactly standard normal).
   */
  latent(domain: Domain, agent: string, taskId: string, seed: number): number {
    const rho = this.rho(domain);
    const z = this.strata?.z(domain, taskId, seed) ?? hashNormal('task', seed, taskId);
    const e = this.strata?.e(domain, agent, taskId, seed) ?? hashNormal('agent', seed, agent, taskId);
    return normalCdf(Math.sqrt(rho) * z + Math.sqrt(1 - rho) * e);
  }

  /** Does the simulated agent solve this task (optionally with a memory lift)? Deterministic in (seed, agent, task). */
  solves(domain: Domain, agent: string, taskId: string, tau: number, seed: number, lift = 0): boolean {
    return this.latent(domain, agent, taskId, seed) < this.liftedProbability(domain, agent, tau, lift);
  }
}
