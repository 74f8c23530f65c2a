// How the SIMULATED agents play SALE's auction calls: bids, jury scores and refinements.
// EVERYTHING HERE IS SIMULATED: the plans are placeholders, their features are synthetic.
//
// Each plan gets a hidden quality x that carries a configurable share of information about whether its
// author would solve the task. With m = Φ⁻¹(p_a(τ)) − Φ⁻¹(u_{a,t}) (positive exactly when the agent's
// latent draw succeeds; calibration.ts) and noise ε from a hash of (seed, agent, task):
//     x = s·m + √(1 − s²)·ε,     s = signal strength (0 = plans say nothing, 1 = everything).
// Memory (sale.yaml `sim.memory_gain`, g): a refinement shown relevant earlier auctions LIFTS the refining
// agent's success probability on the task, p' = p + g·r·(1 − p), with relevance r = min(1, Σ sim / k)
// (Σ sim adds up the similarities of the pairs in the refinement prompt; each pair's heading states it).
// The refined plan's margin is recomputed with p' (same latent draw u, same noise ε), so memory can change
// the winner (a better-looking plan) AND the outcome: the plan carries its lift in its tag, and when its
// author executes it (sim-client.ts) success is u < p'. More, and more similar, past auctions give a larger
// lift, so the memory's effect grows along the stream and depends on the order. x then drives the
// synthetic features the auction reads:
// - length |s|: follows the length of the author's execution trace with the paper's rank correlation (0.39
//   by default) and is a little shorter for better plans (plan-length.ts, sim.yaml `plan_length`);
// - entropy: per-token top-k log-probabilities whose renormalised entropy averages 0.9 + 0.3·x nats
//   (higher is better, as the paper finds), clipped into (0.05, ln k − 0.05);
// - a judge j's score: round(2.5 + x + σ_j·ν), clipped to 0–5, with σ_j = 0.4 + (1 − mean pass rate of j)
//   (stronger agents judge with less noise); 3 % of judge replies are malformed (no number), to exercise
//   the retry. The judge reads x from a "[SIMULATED plan · signal x · lineage id]" tag at the end of the
//   plan text (the lineage, an opaque hash of agent and task, keys the judge's noise so a refined plan is
//   judged with its bid's noise); a plan without a tag (written by a real model) counts as x = 0.
// All draws are deterministic in (seed, agent, task, plan).
import type { Task } from '../../tasks/types.ts';
import type { ChatRequest, TokenLogprob, TopLogprob } from '../types.ts';
import type { Domain, SimCalibration } from './calibration.ts';
import { PlanLengths } from './plan-length.ts';
import { hashNormal, hashUniform, probit } from './random.ts';

export { probit } from './random.ts';

export interface AuctionSimSettings {
  signalStrength: number;
  memoryGain: number;
  /** Pairs that give the full memory gain (SALE's k). */
  k: number;
}

export const DEFAULT_AUCTION_SIM: AuctionSimSettings = { signalStrength: 0.5, memoryGain: 0.5, k: 8 };

/** The heading each earlier auction gets in SALE's refinement prompt (src/sale/prompts.ts renderPairs). */
const PAIR_HEADING = /^### Earlier task \d+ \(similarity (-?\d+(?:\.\d+)?)\)/gm;
export const TAG = /\[SIMULATED plan · signal ([+-]?\d+(?:\.\d+)?) · lineage ([0-9a-f]+)(?: · lift (\d+(?:\.\d+)?))?\]/;

/** An opaque id shared by an agent's bid and its refinement on a task (the bidder's name stays hidden). */
export const lineage = (seed: number, agent: string, taskId: string) => Math.floor(hashUniform('sale-lineage', seed, agent, taskId) * 2 ** 32).toString(16);

/** Is this one of SALE's auction calls? A plan judge asks for a JSON `score` (the deep-search answer judge asks for `match`). */
export function isAuctionCall(request: ChatRequest): boolean {
  const t = request.meta.callType;
  if (t === 'bid' || t === 'refine') return true;
  const f = request.options.format;
  return t === 'judge' && typeof f === 'object' && f !== null && 'properties' in f && typeof (f as { properties?: Record<string, unknown> }).properties?.score === 'object';
}

/** Entropy (nats) of a top-k distribution with mass 1 − r on the chosen token and r spread evenly on k − 1 others. */
function spreadEntropy(r: number, k: number): number {
  const h1 = r < 1 ? -(1 - r) * Math.log(1 - r) : 0;
  const h2 = r > 0 ? -r * Math.log(r / (k - 1)) : 0;
  return h1 + h2;
}

/** Top-k alternatives whose renormalised entropy is `h` (bisection on the spread mass). */
function alternativesFor(h: number, k: number, token: string): TopLogprob[] {
  let lo = 0;
  let hi = (k - 1) / k;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (spreadEntropy(mid, k) < h) lo = mid;
    else hi = mid;
  }
  const r = (lo + hi) / 2;
  const out: TopLogprob[] = [{ token, logprob: Math.log(1 - r) }];
  for (let j = 1; j < k; j++) out.push({ token: `${token}~${j}`, logprob: Math.log(r / (k - 1)) });
  return out;
}

export interface AuctionStep {
  content: string;
  outputTokens: number;
  logprobs?: TokenLogprob[];
  logprobsTopK?: number;
}

/** The latent margin m of an agent on a task (> 0 exactly when the simulated agent solves it). */
export function latentMargin(cal: SimCalibration, task: Task, agent: string, seed: number): number {
  const domain = task.domain as Domain;
  return probit(cal.probability(domain, agent, task.tau)) - probit(cal.latent(domain, agent, task.id, seed));
}

function planStep(request: ChatRequest, task: Task, cal: SimCalibration, settings: AuctionSimSettings, lengths: PlanLengths): AuctionStep {
  const { agent, seed, callType } = request.meta;
  const domain = task.domain as Domain;
  const s = settings.signalStrength;
  let lift = 0;
  if (callType === 'refine') {
    const prompt = request.messages.map((x) => x.content).join('\n');
    const similarity = [...prompt.matchAll(PAIR_HEADING)].reduce((sum, m) => sum + Math.max(0, Number(m[1])), 0);
    lift = settings.memoryGain * Math.min(1, similarity / Math.max(1, settings.k));
  }
  const m = probit(cal.liftedProbability(domain, agent, task.tau, lift)) - probit(cal.latent(domain, agent, task.id, seed));
  // The same noise for the bid and its refinement: refining improves the agent's plan, it does not draw a
  // fresh one (which would hand cheap agents a second lottery ticket).
  const eps = hashNormal('sale-plan', seed, agent, task.id);
  const x = s * m + Math.sqrt(Math.max(0, 1 - s * s)) * eps;
  // The plan's length follows its author's execution trace length with the paper's rank correlation and is a
  // little shorter for better plans, through the part of x that does not depend on τ (plan-length.ts).
  const quality = s * -probit(cal.latent(domain, agent, task.id, seed)) + Math.sqrt(Math.max(0, 1 - s * s)) * eps;
  const eta = hashNormal('sale-plan-length', seed, agent, task.id);
  const length = Math.max(30, Math.min(request.options.numPredict, Math.round(lengths.length(domain, task.tau, agent, task.id, seed, quality, eta))));
  const steps = task.domain === 'deepsearch'
    ? ['Pick the entities the question names and what it asks for.', 'Search for each, open the most relevant documents, note the facts.', 'Cross-check the answer in a second source before answering.', 'Answer with the short form asked for.']
    : ['Restate the specification and the expected input and output.', 'Write the function, keeping edge cases in mind (empty input, bounds).', 'Run it with run_python on the examples and on edge cases.', 'Fix what fails, then submit the complete code.'];
  const content = [
    `${callType === 'refine' ? 'Refined plan' : 'Plan'} (SIMULATED):`,
    ...steps.map((t, i) => `${i + 1}. ${t}`),
    `[SIMULATED plan · signal ${x >= 0 ? '+' : ''}${x.toFixed(3)} · lineage ${lineage(seed, agent, task.id)}${lift > 0 ? ` · lift ${lift.toFixed(4)}` : ''}]`,
  ].join('\n');
  const k = request.options.topLogprobs ?? 0;
  if (k <= 0) return { content, outputTokens: length };
  const kk = Math.max(2, k);
  const h = Math.min(Math.log(kk) - 0.05, Math.max(0.05, 0.9 + 0.3 * x));
  // Two token levels around the mean (variety), each a shared list of alternatives.
  const levels = [Math.max(0.02, h * 0.7), Math.min(Math.log(kk) - 0.01, 2 * h - Math.max(0.02, h * 0.7))].map((lv) => alternativesFor(lv, kk, '▁plan'));
  const logprobs: TokenLogprob[] = [];
  for (let i = 0; i < length; i++) {
    const top = levels[i % 2]!;
    logprobs.push({ token: '▁plan', logprob: top[0]!.logprob, top });
  }
  return { content, outputTokens: length, logprobs, logprobsTopK: kk };
}

function judgeStep(request: ChatRequest, task: Task, cal: SimCalibration): AuctionStep {
  const { agent, seed, turn } = request.meta;
  const prompt = request.messages.map((x) => x.content).join('\n');
  const tag = TAG.exec(prompt);
  const x = Number(tag?.[1] ?? 0);
  // Judge noise follows the plan's lineage: a refined plan is judged with its bid's noise, so only its
  // sharper signal moves its scores (no second lottery ticket).
  const planKey = tag?.[2] ?? prompt.length;
  if (hashUniform('sale-judge-malformed', seed, agent, task.id, planKey, turn) < 0.03) {
    return { content: 'SIMULATED judge: the plan looks reasonable overall.', outputTokens: 12 };
  }
  const anchors = cal.file.domains[task.domain]?.anchors[agent] ?? [0.5];
  const meanPass = anchors.reduce((s, v) => s + v, 0) / anchors.length;
  const sigma = 0.4 + (1 - meanPass);
  const nu = hashNormal('sale-judge', seed, agent, task.id, planKey);
  const score = Math.max(0, Math.min(5, Math.round(2.5 + x + sigma * nu)));
  return { content: JSON.stringify({ score, reason: `SIMULATED judge (noise ${sigma.toFixed(2)})` }), outputTokens: 24 };
}

export function simAuctionStep(request: ChatRequest, task: Task, cal: SimCalibration, settings: AuctionSimSettings, lengths: PlanLengths = new PlanLengths(cal.file, [])): AuctionStep {
  return request.meta.callType === 'judge' ? judgeStep(request, task, cal) : planStep(request, task, cal, settings, lengths);
}
