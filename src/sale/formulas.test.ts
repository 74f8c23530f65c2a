// Every formula of the auction against values computed by hand.
import { describe, expect, it } from 'vitest';
import { planEntropy, topKTokenEntropy } from './entropy.ts';
import { fitNormaliser, judgesOf, normalise, rawCost, score, signedVector } from './features.ts';
import { parseJuryScore } from './jury-parse.ts';
import type { RawFeatures, Variant } from './types.ts';

const ln = Math.log;
const tok = (token: string, top: [string, number][]) => ({ token, logprob: top.find(([t]) => t === token)?.[1] ?? -9, top: top.map(([t, p]) => ({ token: t, logprob: ln(p) })) });

describe('entropy H(s)', () => {
  it('is the entropy of the top-k distribution, renormalised', () => {
    // p = (1/2, 1/4, 1/4): H = 1/2 ln 2 + 2 · 1/4 ln 4 = 1.5 ln 2.
    expect(topKTokenEntropy(tok('a', [['a', 0.5], ['b', 0.25], ['c', 0.25]]))).toBeCloseTo(1.5 * ln(2), 12);
    // Top-2 of (0.4, 0.2, tail 0.4) renormalises to (2/3, 1/3): H = ln 3 − 2/3 ln 2.
    expect(topKTokenEntropy(tok('a', [['a', 0.4], ['b', 0.2]]))).toBeCloseTo(ln(3) - (2 / 3) * ln(2), 12);
    // A certain token: 0.
    expect(topKTokenEntropy(tok('a', [['a', 1]]))).toBe(0);
  });

  it('counts the chosen token when the engine left it out of the alternatives', () => {
    // chosen 0.5, alternatives 0.25 and 0.25 → 1.5 ln 2 again.
    const t = { token: 'x', logprob: ln(0.5), top: [{ token: 'b', logprob: ln(0.25) }, { token: 'c', logprob: ln(0.25) }] };
    expect(topKTokenEntropy(t)).toBeCloseTo(1.5 * ln(2), 12);
  });

  it('averages over the plan tokens and labels the approximation; exact values win when the engine gives them', () => {
    const lp = [tok('a', [['a', 0.5], ['b', 0.5]]), tok('c', [['c', 1]])];
    expect(planEntropy({ logprobs: lp, logprobsTopK: 2 })).toEqual({ value: ln(2) / 2, kind: 'top-k', topK: 2, tokens: 2 });
    expect(planEntropy({ logprobs: lp, entropies: [1, 2, 3] })).toEqual({ value: 2, kind: 'exact', topK: null, tokens: 3 });
    const withExact = lp.map((l, i) => ({ ...l, entropy: [0.5, 1.5][i]! }));
    expect(planEntropy({ logprobs: withExact })).toMatchObject({ value: 1, kind: 'exact' });
    expect(planEntropy({})).toEqual({ value: null, kind: 'missing', topK: null, tokens: 0 });
  });
});

describe('jury score parsing', () => {
  it('reads the JSON score or the first integer 0–5', () => {
    expect(parseJuryScore('{"score": 4, "reason": "ok"}')).toBe(4);
    expect(parseJuryScore('```json\n{"score": "3", "reason": "fine"}\n```')).toBe(3);
    expect(parseJuryScore('<think>maybe 1</think>Score: 5.')).toBe(5);
    expect(parseJuryScore('I give it a 2 out of 5')).toBe(2);
    expect(parseJuryScore('0')).toBe(0);
  });

  it('calls anything else malformed', () => {
    expect(parseJuryScore('{"score": 7}')).toBeNull();
    expect(parseJuryScore('{"score": 3.5}')).toBeNull();
    expect(parseJuryScore('3.5 / 5')).toBeNull();
    expect(parseJuryScore('Score: 10/10')).toBeNull();
    expect(parseJuryScore('a fine plan')).toBeNull();
    expect(parseJuryScore('{"verdict": 4}')).toBe(4);
    expect(parseJuryScore('')).toBeNull();
  });
});

describe('cost and value', () => {
  const judges = ['4b', '8b'];
  const sale: Variant = { name: 'sale', memory: true, jury: 'all', entropy: true, cost: 'price-length' };
  const bids: RawFeatures[] = [
    { agent: '4b', price: 0.05, length: 200, entropy: 0.5, jury: { '4b': 5, '8b': 3 } },
    { agent: '8b', price: 0.09, length: 100, entropy: 1.5, jury: { '4b': 4, '8b': null } },
  ];

  it('normalises π·|s| and H over the training bids, γ by 5, and imputes a missing judge by the judges present', () => {
    const norm = fitNormaliser(bids, 'price-length');
    expect(norm).toEqual({ cost: { min: 9, max: 10 }, entropy: { min: 0.5, max: 1.5 } });
    expect(normalise(bids[0]!, norm, sale, judges)).toEqual({ cost: 1, entropy: 0, jury: { '4b': 1, '8b': 0.6 } });
    // 8b's own score is missing: imputed by the mean of the judges present (4b: 4/5).
    expect(normalise(bids[1]!, norm, sale, judges)).toEqual({ cost: 0, entropy: 1, jury: { '4b': 0.8, '8b': 0.8 } });
    // Test bids outside the training range are clipped to [0, 1].
    expect(normalise({ ...bids[0]!, length: 1000, entropy: 9 }, norm, sale, judges)).toMatchObject({ cost: 1, entropy: 1 });
  });

  it('C = w_c·c̃, V = w_h·h̃ + Σ w_j·γ̃_j, z = C − V', () => {
    const w = { cost: 0.4, entropy: 0.3, jury: { '4b': 0.2, '8b': 0.1 } };
    const s = score('4b', 0.05, { cost: 1, entropy: 0, jury: { '4b': 1, '8b': 0.6 } }, w);
    // C = 0.4; V = 0 + 0.2 + 0.06 = 0.26; z = 0.14.
    expect(s.C).toBeCloseTo(0.4, 12);
    expect(s.V).toBeCloseTo(0.26, 12);
    expect(s.z).toBeCloseTo(0.14, 12);
    // z = w·g with the signed vector g = [c̃, −h̃, −γ̃…].
    const g = signedVector({ cost: 1, entropy: 0, jury: { '4b': 1, '8b': 0.6 } }, judges);
    expect(0.4 * g[0]! + 0.3 * g[1]! + 0.2 * g[2]! + 0.1 * g[3]!).toBeCloseTo(s.z, 12);
  });

  it('the ablations change the cost feature and the jury asked', () => {
    expect(rawCost('price-length', 0.1, 300)).toBeCloseTo(30, 12);
    expect(rawCost('length', 0.1, 300)).toBe(300);
    expect(rawCost('price', 0.1, 300)).toBe(0.1);
    expect(judgesOf('all', '8b', ['4b', '8b', '14b'])).toEqual(['4b', '8b', '14b']);
    expect(judgesOf('self', '8b', ['4b', '8b', '14b'])).toEqual(['8b']);
    expect(judgesOf('peer', '8b', ['4b', '8b', '14b'])).toEqual(['4b', '14b']);
    expect(judgesOf('none', '8b', ['4b', '8b', '14b'])).toEqual([]);
    const norm = fitNormaliser(bids, 'price-length');
    // Self jury: only the bidder's own score counts, and fills every judge slot.
    expect(normalise(bids[0]!, norm, { ...sale, jury: 'self' }, judges).jury).toEqual({ '4b': 1, '8b': 1 });
    // Peer jury: the bidder's own score is ignored.
    expect(normalise(bids[0]!, norm, { ...sale, jury: 'peer' }, judges).jury).toEqual({ '4b': 0.6, '8b': 0.6 });
    // No price: |s| alone, normalised on the training lengths (100…200).
    expect(normalise(bids[0]!, fitNormaliser(bids, 'length'), { ...sale, cost: 'length' }, judges).cost).toBe(1);
    // A constant feature normalises to 0; a missing entropy too.
    expect(normalise({ ...bids[0]!, entropy: null }, { cost: { min: 5, max: 5 }, entropy: { min: 0, max: 1 } }, sale, judges)).toMatchObject({ cost: 0, entropy: 0 });
  });
});
