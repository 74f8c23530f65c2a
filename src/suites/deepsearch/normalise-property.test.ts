// Property tests of the answer normaliser: arbitrary text never throws, the normal form is stable
// (normalising twice changes nothing) and case, articles and spacing do not matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerTokens, normaliseAnswer, yesNo } from './normalise.ts';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('The 1,000 km', 'twenty-one', '3.50 $', 'yes.', 'No!', 'ｆｕｌｌ ｗｉｄｔｈ', 'Ǆemal', 'İstanbul'));

describe('answer normaliser (property)', () => {
  it('never throws; tokens are non-empty and the form is their join', () => {
    fc.assert(
      fc.property(text, (t) => {
        const tokens = answerTokens(t);
        for (const k of tokens) expect(k.length).toBeGreaterThan(0);
        expect(normaliseAnswer(t)).toBe(tokens.join(' '));
        expect([null, 'yes', 'no']).toContain(yesNo(t));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = normaliseAnswer(t);
        expect(normaliseAnswer(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores letter case, a leading article and extra spacing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/), (t) => {
        expect(normaliseAnswer(`  The ${t.toUpperCase()}  `)).toBe(normaliseAnswer(t));
      }),
      { numRuns: 300 },
    );
  });
});
