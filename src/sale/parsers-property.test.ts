// Property tests of SALE's reply parsers: the judge's 0–5 score, plan cleaning and stream names never
// throw on arbitrary replies, and return only what their contracts allow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPlan } from './calls.ts';
import { parseJuryScore } from './jury-parse.ts';
import { parseStreamSystem, streamSystem } from './orders.ts';

const reply = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ score: fc.oneof(fc.integer({ min: -3, max: 9 }), fc.double(), fc.string()), reason: fc.string() }).map((o) => `<think>${'x'}</think>${JSON.stringify(o)}`),
  fc.tuple(fc.string(), fc.integer({ min: -10, max: 10 }), fc.string()).map(([a, n, b]) => `${a} ${n} ${b}`),
);

describe('SALE parsers (property)', () => {
  it('a judge score is an integer from 0 to 5 or null, never a throw', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const s = parseJuryScore(r);
        if (s !== null) {
          expect(Number.isInteger(s)).toBe(true);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a JSON score field is read exactly when it is an integer 0–5', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10 }), fc.string().filter((s) => !s.includes('}')), (n, reason) => {
        expect(parseJuryScore(JSON.stringify({ score: n, reason }))).toBe(n >= 0 && n <= 5 ? n : null);
      }),
      { numRuns: 300 },
    );
  });

  it('a plan is cleaned to at most max characters, without think blocks', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat({ max: 500 }), (a, b, max) => {
        const { text, cut } = cleanPlan(`<think>${a}</think>${b}`, max);
        expect(text.length).toBeLessThanOrEqual(max);
        expect(cut).toBe(b.trim().length > max);
      }),
      { numRuns: 300 },
    );
  });

  it('stream system names round-trip; any other string is null', () => {
    fc.assert(
      fc.property(fc.constantFrom('sale', 'sale-no-memory', 'sale-no-jury'), fc.nat(), fc.string(), (v, o, junk) => {
        expect(parseStreamSystem(streamSystem(v, o))).toEqual({ variant: v, order: o });
        const p = parseStreamSystem(junk);
        if (p) expect(streamSystem(p.variant, p.order)).toBe(junk);
      }),
      { numRuns: 300 },
    );
  });
});
