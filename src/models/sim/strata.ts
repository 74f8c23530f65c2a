// Stratified latent draws of the SIMULATED agents (variance reduction, configs/sim.yaml `stratify`).
//
// A simulated agent a solves task t iff u = Φ(√ρ·z_t + √(1−ρ)·e_{a,t}) < p_a(τ_t) (calibration.ts). Drawn
// independently per task, the realised pass@1 of one agent in one τ bin of 44–68 tasks scatters with a
// standard error of ≈ 5–6 points per seed (≈ 1.7 over a 20-seed mean). Two changes make the draws of a
// bin hang together while every task's own law stays exactly the same:
// 1. The shared difficulty z is a Latin-hypercube sample within each loaded (domain, bin): for a seed, the
//    bin's n tasks get a seeded random permutation of the strata 0 … n−1 and z_t = Φ⁻¹((k_t + U_t)/n), U_t
//    uniform from a hash of (seed, task). (k + U)/n is exactly uniform, so z_t is exactly standard normal.
// 2. Given z, agent a succeeds on t with probability q_t = Φ((Φ⁻¹(p_t) − √ρ·z_t)/√(1−ρ)). The agent's own
//    noise is drawn by SYSTEMATIC SAMPLING over the bin: tasks in a seeded random order, intervals of
//    length q_t laid end to end, points U + m (m integer, one seeded uniform U per agent × bin × seed).
//    A task succeeds iff a point falls in its interval; then v_t = the point's offset in the interval
//    (uniform on [0, q_t)), otherwise v_t is uniform on [q_t, 1) from a hash. So v_t is exactly uniform
//    and independent of z_t, e_{a,t} = Φ⁻¹(v_t) is exactly standard normal, and success ⇔ v_t < q_t ⇔ u < p.
// Each task's joint law over agents — its success probability per agent, the shared difficulty that
// correlates agents (hence the expected oracle), the latent margin SALE's simulated bids read, and the
// memory lift (success iff u < p′) — is unchanged. Only the dependence ACROSS tasks of a bin changes: given
// z, an agent solves ⌊Σq⌋ or ⌈Σq⌉ of the bin's tasks, so what is left of the seed-to-seed scatter comes
// from z, which the Latin hypercube spreads. Plain systematic sampling of outcomes (no latent) would
// keep the marginals but lose the cross-agent correlation and the margin; this keeps both.
// Tasks that were not loaded (tests asking about made-up ids) fall back to independent draws.
import { binOf } from '../../tasks/bins.ts';
import { hashUniform, normalCdf, probit } from './random.ts';

export interface StrataTask {
  id: string;
  domain: string;
  tau: number;
}

/** What the strata need of the calibration: Φ⁻¹(p_a(τ)) and the shared-difficulty share ρ. */
export interface StrataModel {
  threshold(domain: string, agent: string, tau: number): number;
  rho(domain: string): number;
}

export class LatentStrata {
  /** `${domain}|${taskId}` → its group key (`${domain}|${bin}`). */
  private readonly home = new Map<string, string>();
  /** Group key → its tasks (sorted by id, so the draws never depend on the load order). */
  private readonly groups = new Map<string, StrataTask[]>();
  /** `${group}|${seed}` → task id → z. */
  private readonly zs = new Map<string, Map<string, number>>();
  /** `${group}|${seed}|${agent}` → task id → e. */
  private readonly es = new Map<string, Map<string, number>>();

  constructor(
    tasks: readonly StrataTask[],
    private readonly model: StrataModel,
  ) {
    for (const t of tasks) {
      const key = `${t.domain}|${t.id}`;
      if (this.home.has(key)) continue;
      const group = `${t.domain}|${binOf(t.tau)}`;
      this.home.set(key, group);
      const list = this.groups.get(group);
      if (list) list.push(t);
      else this.groups.set(group, [t]);
    }
    for (const list of this.groups.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The shared difficulty z_t, or undefined for a task that was not loaded. */
  z(domain: string, taskId: string, seed: number): number | undefined {
    const group = this.home.get(`${domain}|${taskId}`);
    return group === undefined ? undefined : this.zOf(group, seed).get(taskId);
  }

  /** The agent's own noise e_{a,t}, or undefined for a task that was not loaded. */
  e(domain: string, agent: string, taskId: string, seed: number): number | undefined {
    const group = this.home.get(`${domain}|${taskId}`);
    if (group === undefined) return undefined;
    const key = `${group}|${seed}|${agent}`;
    let es = this.es.get(key);
    if (!es) {
      es = this.systematic(group, seed, agent);
      this.es.set(key, es);
    }
    return es.get(taskId);
  }

  /** A seeded random order of a group's tasks. */
  private order(group: string, seed: number, salt: string): StrataTask[] {
    return this.groups
      .get(group)!
      .map((t) => ({ t, h: hashUniform('stratum', salt, seed, group, t.id) }))
      .sort((a, b) => a.h - b.h || (a.t.id < b.t.id ? -1 : 1))
      .map((x) => x.t);
  }

  private zOf(group: string, seed: number): Map<string, number> {
    const key = `${group}|${seed}`;
    let zs = this.zs.get(key);
    if (!zs) {
      const order = this.order(group, seed, 'z');
      zs = new Map(order.map((t, k) => [t.id, probit((k + hashUniform('stratum-jitter', seed, t.id)) / order.length)]));
      this.zs.set(key, zs);
    }
    return zs;
  }

  private systematic(group: string, seed: number, agent: string): Map<string, number> {
    const domain = group.slice(0, group.lastIndexOf('|'));
    const rho = Math.min(0.9999, Math.max(0, this.model.rho(domain)));
    const zs = this.zOf(group, seed);
    const start = hashUniform('systematic-start', seed, agent, group);
    const out = new Map<string, number>();
    let lo = 0;
    for (const t of this.order(group, seed, `e|${agent}`)) {
      const q = normalCdf((this.model.threshold(domain, agent, t.tau) - Math.sqrt(rho) * zs.get(t.id)!) / Math.sqrt(1 - rho));
      // The first point U + m at or after lo; success iff it falls before lo + q.
      const point = start + Math.ceil(lo - start);
      const v = point < lo + q ? point - lo : q + (1 - q) * hashUniform('systematic-miss', seed, agent, t.id);
      out.set(t.id, probit(v));
      lo += q;
    }
    return out;
  }
}
