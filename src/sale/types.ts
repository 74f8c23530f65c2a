// SALE's shared types: a bid's raw features, the weights, the variants (ablations) and an auction's
// result as it is logged. The auction itself is pure functions over these (features.ts, winner.ts);
// model calls live in calls.ts, orchestration in auction.ts and stream.ts.
import type { CallRecord } from '../agents/types.ts';

/** Who judges a plan: every agent (the paper), only its bidder, every agent but its bidder, or nobody. */
/** Who judges: every agent, the bidder, everyone but the bidder, nobody, one agent alone, every agent but one. */
export type JuryMode = 'all' | 'self' | 'peer' | 'none' | `only:${string}` | `without:${string}`;

/** What the cost feature C multiplies: π(a)·|s| (the paper), |s| alone (no price) or π(a) alone (no length). */
export type CostKind = 'price-length' | 'length' | 'price';

/** One system of the auction family: SALE itself or one ablation. */
export interface Variant {
  /** System name stem: "sale", "sale-no-memory", "sale-jury-self", … (records use `${name}@o${order}`). */
  name: string;
  memory: boolean;
  jury: JuryMode;
  entropy: boolean;
  cost: CostKind;
}

/** An agent as the auction sees it. */
export interface AuctionAgent {
  name: string;
  pricePerMTok: number;
}

/** A bid's raw (un-normalised) features. */
export interface RawFeatures {
  agent: string;
  /** $ per million tokens. */
  price: number;
  /** |s|: the plan's length in tokens (the engine's output counter of the bid or refine call). */
  length: number;
  /** H(s) in nats; null when the engine returned no log-probabilities. */
  entropy: number | null;
  /** Judge → integer score 0–5; null = asked but missing after a retry; absent = not asked. */
  jury: Record<string, number | null>;
}

/** Min and max of the unbounded features over the training bids (jury scores have their own scale, 0–5). */
export interface Normaliser {
  cost: { min: number; max: number };
  entropy: { min: number; max: number };
}

/** Features in [0, 1]. */
export interface NormalFeatures {
  cost: number;
  entropy: number;
  /** Judge → γ/5, missing judges imputed by the mean of the judges present (0 when none is). */
  jury: Record<string, number>;
}

/** w = (w_c, w_h, w_1..w_|A|): non-negative, summing to 1. */
export interface Weights {
  cost: number;
  entropy: number;
  jury: Record<string, number>;
}

export interface Scored {
  agent: string;
  price: number;
  C: number;
  V: number;
  /** C − V: the auction picks the lowest. */
  z: number;
}

/** A model call the auction paid for (bids, jury, refinement): the auction overhead. */
export interface OverheadCall {
  callType: 'bid' | 'judge' | 'refine';
  agent: string;
  call: CallRecord;
  costUsd: number;
  /** Served from the run's cache of identical calls (an earlier order or ablation made it). */
  reused: boolean;
}

/** A plan offered in an auction: a bid or a refined bid. */
export interface Plan {
  agent: string;
  text: string;
  sha: string;
  lengthTokens: number;
  entropy: number | null;
  /** 'top-k' = entropy of the renormalised top-k distribution (an approximation); 'exact' = full distribution. */
  entropyKind: 'top-k' | 'exact' | 'missing';
  topK: number | null;
  /** The plan text was cut at plan.max_chars. */
  cut: boolean;
  calls: OverheadCall[];
}

export interface JuryScore {
  judge: string;
  score: number | null;
  /** Replies read (two when the first was malformed). */
  replies: string[];
  calls: OverheadCall[];
}
