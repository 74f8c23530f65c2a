// Cost and value of a bid (SALE.md §3–§4), as pure functions:
//   C = w_c · π(a)·|s|        V = w_h · H(s) + Σ_j w_j · γ_j(s)        z = C − V (lowest wins)
// on features normalised to [0, 1]. Decisions where the paper is silent:
// - π(a)·|s| and H(s) are min–max normalised over the training bids and clipped to [0, 1] on test bids
//   (a constant feature normalises to 0); jury scores have their own fixed scale and are divided by 5.
// - A judge's missing score (malformed twice) — and, for the self/peer juries, a judge that was not
//   asked — is imputed by the mean of the judges present on that plan, so V averages over the judges
//   present as SALE.md §4 says while every judge keeps its own weight. No judge present → 0.
// - A missing entropy (an engine without log-probabilities) normalises to 0.
// - The ablations change the cost feature (no price: |s|; no length: π(a)) or drop terms (their
//   weights are then 0 and refitted without them).
import type { CostKind, JuryMode, NormalFeatures, Normaliser, RawFeatures, Scored, Variant, Weights } from './types.ts';

export function rawCost(kind: CostKind, price: number, length: number): number {
  return kind === 'price-length' ? price * length : kind === 'length' ? length : price;
}

/** Which judges score a plan under a jury mode. */
export function judgesOf(mode: JuryMode, bidder: string, judges: readonly string[]): string[] {
  if (mode === 'all') return [...judges];
  if (mode === 'self') return judges.filter((j) => j === bidder);
  if (mode === 'peer') return judges.filter((j) => j !== bidder);
  if (mode.startsWith('only:')) return judges.filter((j) => j === mode.slice(5));
  if (mode.startsWith('without:')) return judges.filter((j) => j !== mode.slice(8));
  return [];
}

const range = (xs: number[]) => (xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : { min: 0, max: 0 });

/** Fit the normaliser on the training bids of a variant. */
export function fitNormaliser(bids: RawFeatures[], cost: CostKind): Normaliser {
  return {
    cost: range(bids.map((b) => rawCost(cost, b.price, b.length))),
    entropy: range(bids.map((b) => b.entropy).filter((h): h is number => h !== null)),
  };
}

const unit = (x: number, r: { min: number; max: number }) => (r.max > r.min ? Math.min(1, Math.max(0, (x - r.min) / (r.max - r.min))) : 0);

export function normalise(bid: RawFeatures, norm: Normaliser, variant: Pick<Variant, 'cost' | 'jury'>, judges: readonly string[]): NormalFeatures {
  const asked = judgesOf(variant.jury, bid.agent, judges);
  const present = asked.map((j) => bid.jury[j]).filter((s): s is number => typeof s === 'number').map((s) => s / 5);
  const fill = present.length ? present.reduce((s, x) => s + x, 0) / present.length : 0;
  const jury: Record<string, number> = {};
  for (const j of judges) {
    const s = asked.includes(j) ? bid.jury[j] : undefined;
    jury[j] = typeof s === 'number' ? s / 5 : fill;
  }
  return {
    cost: unit(rawCost(variant.cost, bid.price, bid.length), norm.cost),
    entropy: bid.entropy === null ? 0 : unit(bid.entropy, norm.entropy),
    jury,
  };
}

/** C, V and z = C − V of one bid. */
export function score(agent: string, price: number, f: NormalFeatures, w: Weights): Scored {
  const C = w.cost * f.cost;
  let V = w.entropy * f.entropy;
  for (const [j, wj] of Object.entries(w.jury)) V += wj * (f.jury[j] ?? 0);
  return { agent, price, C, V, z: C - V };
}

/**
 * The feature vector g with z = w·g, in the weight order [cost, entropy, jury judges…]. The weight
 * fit (weights.ts) works on it.
 */
export function signedVector(f: NormalFeatures, judges: readonly string[]): number[] {
  return [f.cost, -f.entropy, ...judges.map((j) => -(f.jury[j] ?? 0))];
}

export function weightVector(w: Weights, judges: readonly string[]): number[] {
  return [w.cost, w.entropy, ...judges.map((j) => w.jury[j] ?? 0)];
}

export function weightsFromVector(v: number[], judges: readonly string[]): Weights {
  return { cost: v[0] ?? 0, entropy: v[1] ?? 0, jury: Object.fromEntries(judges.map((j, i) => [j, v[2 + i] ?? 0])) };
}

/** Which weights a variant may use (the others are held at 0). */
export function activeWeights(variant: Pick<Variant, 'entropy' | 'jury'>, judges: readonly string[]): boolean[] {
  // A single-judge jury uses only that judge's weight; leave-one-out holds the left-out judge's at 0.
  const uses = (j: string) => (variant.jury.startsWith('only:') ? j === variant.jury.slice(5) : variant.jury.startsWith('without:') ? j !== variant.jury.slice(8) : variant.jury !== 'none');
  return [true, variant.entropy, ...judges.map(uses)];
}
