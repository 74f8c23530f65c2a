// How long a SIMULATED plan is, and how that relates to the length of its author's execution trace.
//
// The paper reports a Spearman correlation of 0.39 between a plan's length and its execution trace's
// length: related, far from tied. The sim makes that relation a dial (configs/sim.yaml `plan_length`):
// - the trace of agent a on task t has log S = ln(steps_base) + steps_exponent·ln τ + σ·n − σ²/2 agent steps
//   (n standard normal from a hash; sim-client.ts rounds it to whole steps);
// - its normal score q = Φ⁻¹(F(log S)), F the distribution of log S over the domain's loaded tasks (a
//   mixture over their τ, computed exactly), is standard normal;
// - the plan's length is  L = median_tokens · exp(sigma · w),  w = r·q + √(1−r²)·ξ, ξ standard normal and
//   independent of q, so (w, q) is a bivariate normal pair with correlation r;
// - a Gaussian pair with Pearson r has Spearman (6/π)·arcsin(r/2), so r = 2·sin(π·ρ_S/6) puts the
//   population Spearman of plan length with trace length at ρ_S = `trace_spearman` exactly (0.39 →
//   r = 0.406). Realised values come out a little lower: whole steps tie, a trace's tokens also depend on
//   the task's prompt, and the winners are a selected subset.
// - "better plans are a little shorter": ξ = (η − κ·x⊥)/√(1+κ²) with κ = `quality`, η noise and
//   x⊥ = s·(−Φ⁻¹(u)) + √(1−s²)·ε the part of the plan's hidden quality that does not depend on τ (u the
//   agent's latent draw, ε the plan noise; auction-protocol.ts). x⊥ is standard normal and independent of
//   τ and of the trace noise, so this link leaves the Spearman above unchanged.
import type { SimFile } from '../../config/types.ts';
import { CALIBRATION_SAMPLE, atMostPerBin } from './calibration.ts';
import { hashNormal, normalCdf, probit } from './random.ts';

type Tokens = SimFile['tokens'];

/** Log of the (unrounded) agent steps of a trace: the law sim-client.ts's traceSteps rounds. */
export function traceLogSteps(tok: Tokens, tau: number, agent: string, taskId: string, seed: number): number {
  return Math.log(tok.steps_base) + tok.steps_exponent * Math.log(tau) + tok.steps_sigma * hashNormal('trace-steps', seed, agent, taskId) - tok.steps_sigma ** 2 / 2;
}

/** The Pearson correlation of a Gaussian pair whose Spearman correlation is `spearman`. */
export const gaussianPearson = (spearman: number) => 2 * Math.sin((Math.PI * spearman) / 6);

export class PlanLengths {
  /** Per domain: ln τ of the loaded tasks (at most CALIBRATION_SAMPLE per bin). */
  private readonly lnTau = new Map<string, number[]>();

  constructor(
    readonly file: SimFile,
    tasks: readonly { domain: string; tau: number }[],
  ) {
    for (const d of new Set(tasks.map((t) => t.domain))) {
      this.lnTau.set(d, atMostPerBin(tasks.filter((t) => t.domain === d), CALIBRATION_SAMPLE).map((t) => Math.log(t.tau)));
    }
  }

  /** q: the normal score of the trace's length among the domain's loaded tasks (τ alone when none are loaded). */
  traceScore(domain: string, tau: number, agent: string, taskId: string, seed: number): number {
    const tok = this.file.tokens;
    const y = traceLogSteps(tok, tau, agent, taskId, seed);
    const sigma = Math.max(1e-3, tok.steps_sigma);
    const shift = Math.log(tok.steps_base) - tok.steps_sigma ** 2 / 2;
    const lns = this.lnTau.get(domain);
    if (!lns?.length) return (y - shift - tok.steps_exponent * Math.log(tau)) / sigma;
    const F = lns.reduce((s, l) => s + normalCdf((y - shift - tok.steps_exponent * l) / sigma), 0) / lns.length;
    return probit(F);
  }

  /**
   * The plan's length in tokens (before the caller's num_predict cap). `quality` is x⊥: standard normal,
   * higher = a better plan; `noise` η: standard normal.
   */
  length(domain: string, tau: number, agent: string, taskId: string, seed: number, quality: number, noise: number): number {
    const p = this.file.plan_length;
    const r = gaussianPearson(p.trace_spearman);
    const xi = (noise - p.quality * quality) / Math.sqrt(1 + p.quality ** 2);
    const w = r * this.traceScore(domain, tau, agent, taskId, seed) + Math.sqrt(1 - r * r) * xi;
    return p.median_tokens * Math.exp(p.sigma * w);
  }
}
