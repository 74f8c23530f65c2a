// The winner and refinement rules on constructed bids.
import { describe, expect, it } from 'vitest';
import type { AuctionAgent, Scored } from './types.ts';
import { argminBid, finalWinner, refiners } from './winner.ts';

const agents: AuctionAgent[] = [
  { name: '4b', pricePerMTok: 0.05 },
  { name: '8b', pricePerMTok: 0.09 },
  { name: '14b', pricePerMTok: 0.16 },
  { name: '32b', pricePerMTok: 0.36 },
];
const price = (a: string) => agents.find((x) => x.name === a)!.pricePerMTok;
const bid = (agent: string, z: number): Scored => ({ agent, price: price(agent), C: 0, V: -z, z });

describe('provisional winner', () => {
  it('is the lowest C − V', () => {
    expect(argminBid([bid('4b', 0.3), bid('8b', -0.1), bid('14b', 0.2), bid('32b', 0)])!.agent).toBe('8b');
  });

  it('breaks an exact tie for the cheaper agent, whatever the order of the bids', () => {
    expect(argminBid([bid('32b', -0.2), bid('14b', -0.2), bid('8b', 0.1)])!.agent).toBe('14b');
    expect(argminBid([bid('14b', -0.2), bid('32b', -0.2)])!.agent).toBe('14b');
    // Same price (an ablation can make that happen): the name decides, deterministically.
    expect(argminBid([{ ...bid('8b', 0), agent: 'b' }, { ...bid('8b', 0), agent: 'a' }])!.agent).toBe('a');
  });
});

describe('refinement', () => {
  it('only agents strictly cheaper than the provisional winner refine, cheapest first', () => {
    expect(refiners(agents, bid('14b', 0)).map((a) => a.name)).toEqual(['4b', '8b']);
    expect(refiners(agents, bid('32b', 0)).map((a) => a.name)).toEqual(['4b', '8b', '14b']);
    // An agent as dear as the winner does not refine.
    expect(refiners([...agents, { name: '14b-bis', pricePerMTok: 0.16 }], bid('14b', 0)).map((a) => a.name)).toEqual(['4b', '8b']);
  });

  it('no cheaper agent: nobody refines and the provisional winner stands', () => {
    expect(refiners(agents, bid('4b', -1))).toEqual([]);
    const d = finalWinner(bid('4b', -1), []);
    expect(d).toEqual({ winner: bid('4b', -1), replaced: false, bestRefined: undefined });
  });

  it('the best refined bid replaces the provisional winner only when its C − V is strictly lower', () => {
    const prov = bid('32b', -0.1);
    const d = finalWinner(prov, [bid('8b', -0.3), bid('4b', -0.2)]);
    expect(d.winner.agent).toBe('8b');
    expect(d.replaced).toBe(true);
    // Equal to the provisional winner's: it stands.
    const tie = finalWinner(prov, [bid('4b', -0.1)]);
    expect(tie.winner.agent).toBe('32b');
    expect(tie.replaced).toBe(false);
    expect(tie.bestRefined!.agent).toBe('4b');
    // Worse: it stands.
    expect(finalWinner(prov, [bid('4b', 0.5), bid('8b', 0)]).winner.agent).toBe('32b');
  });

  it('among refined bids tied on C − V the cheaper one is taken', () => {
    const d = finalWinner(bid('32b', 0), [bid('14b', -0.4), bid('4b', -0.4), bid('8b', -0.4)]);
    expect(d.winner.agent).toBe('4b');
  });
});
