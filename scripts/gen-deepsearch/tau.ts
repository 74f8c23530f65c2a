// τ for the bundled deep-search questions: estimator `deepsearch-steps`, version 1.
//
//   τ = a·S + b·D + p·P + k·X + c·R + d·A   (minutes, rounded to 0.01)
//
//   S  searches             one per evidence document (one for a snippet question)
//   D  documents opened     every evidence document, except in snippet questions (the answer is in the snippet)
//   P  paragraphs skimmed   per opened document, the paragraphs before the deepest fact needed from it
//   X  distractors          near-namesakes and superseded/disputed duplicates of the entities on the path,
//                           each of which a careful reader has to rule out
//   R  reasoning steps      each hop from one document's fact to the next entity, each comparison, each item
//                           checked in an aggregation, and the final count or selection of an aggregation
//   A  arithmetic and date operations   each subtraction, sum, or age computed from two dates
//
// The constants are chosen so each kind of question lands in its bin (checked by the generator): a search
// with a glance at the hits is a few seconds, opening and orienting in a page six, skimming a paragraph two
// and a half; connecting one fact to the next (choosing the next query, checking it is the right entity)
// takes a minute and a half; an arithmetic or date step, done on paper and checked, two and a half.
export const TAU_CONSTANTS = { a: 0.06, b: 0.1, p: 0.04, k: 0.02, c: 1.5, d: 2.5 } as const;
export const TAU_ESTIMATOR = { name: 'deepsearch-steps', version: '1' } as const;

export interface Work {
  S: number;
  D: number;
  P: number;
  X: number;
  R: number;
  A: number;
}

export function tauOf(w: Work): number {
  const { a, b, p, k, c, d } = TAU_CONSTANTS;
  const raw = a * w.S + b * w.D + p * w.P + k * w.X + c * w.R + d * w.A;
  return Math.round(raw * 100) / 100;
}

/** The formula with this question's numbers, e.g. "0.06×1 S + 0.10×0 D + … = 0.08 min". */
export function tauArithmetic(w: Work): string {
  const { a, b, p, k, c, d } = TAU_CONSTANTS;
  const f = (x: number) => x.toFixed(2);
  return (
    `τ = ${f(a)}×${w.S} searches + ${f(b)}×${w.D} documents + ${f(p)}×${w.P} paragraphs + ${f(k)}×${w.X} distractors` +
    ` + ${f(c)}×${w.R} reasoning steps + ${f(d)}×${w.A} arithmetic/date operations = ${tauOf(w).toFixed(2)} min`
  );
}
