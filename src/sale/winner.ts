// Who wins an auction (SALE.md §3, steps 4–6), as pure functions on scored bids:
// - provisional winner î = argmin_i (C_i − V_i); ties go to the cheaper agent (then the name, so the
//   rule is total and deterministic). Ties are exact equality of z: no tolerance is applied.
// - the agents strictly cheaper than î (π(a) < π(a_î)) may refine; an agent as dear as î does not.
// - the best refined bid (the same argmin, cheapest first on ties) replaces î only if its C − V is
//   strictly lower than î's; otherwise î stands.
import type { AuctionAgent, Scored } from './types.ts';

export function better(a: Scored, b: Scored): boolean {
  if (a.z !== b.z) return a.z < b.z;
  if (a.price !== b.price) return a.price < b.price;
  return a.agent < b.agent;
}

export function argminBid<T extends Scored>(bids: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const b of bids) if (!best || better(b, best)) best = b;
  return best;
}

/** Agents strictly cheaper than the provisional winner, cheapest first. */
export function refiners(agents: readonly AuctionAgent[], provisional: Scored): AuctionAgent[] {
  return agents.filter((a) => a.pricePerMTok < provisional.price).sort((a, b) => a.pricePerMTok - b.pricePerMTok || (a.name < b.name ? -1 : 1));
}

export interface FinalDecision<T extends Scored> {
  winner: T;
  /** True when a refined bid replaced the provisional winner. */
  replaced: boolean;
  bestRefined: T | undefined;
}

export function finalWinner<T extends Scored>(provisional: T, refined: readonly T[]): FinalDecision<T> {
  const best = argminBid(refined);
  if (best && best.z < provisional.z) return { winner: best, replaced: true, bestRefined: best };
  return { winner: provisional, replaced: false, bestRefined: best };
}
