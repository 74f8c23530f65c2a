// τ for the bundled deep-search questions: estimator `deepsearch-reading`, version 2.
//
//   τ = Q/238 + s·S + o·D + W/450 + N/450 + x·X + r·R + a·A   (minutes, rounded to 0.01)
//
//   Q  words of the question, read carefully at 238 words per minute (the mean silent reading rate of
//      adults for non-fiction in Brysbaert's 2019 meta-analysis of 190 studies)
//   S  searches: one per page the reader has to find (one for a snippet question)
//   D  `open` calls: one per page opened, plus one per further 2,000-character page needed to reach the fact
//   W  words of opened pages read to reach each needed fact (from the top of the page to the end of the
//      paragraph holding the deepest fact needed from it), skimmed at 450 wpm (a reader looking for a kind
//      of fact — a year, a name — skims; 450 is the low end of reported skimming rates)
//   N  words of a search snippet read up to the answer (snippet questions only), at the same rate
//   X  distractors: near-namesakes and superseded or disputed duplicates on the path, each ruled out
//   R  reasoning steps: each hop (choose the next query from what a page said), each comparison, each
//      item checked in an aggregation, and the final selection
//   A  arithmetic and date operations, done on paper and checked
//
// Constants (minutes): s = 0.04 (type a name and glance at the hit titles, ≈ 2.4 s), o = 0.03 (open a page
// and find one's place, ≈ 2 s), x = 0.25, r = 0.5 (30 s: decide what the page means for the question and
// write the next query), a = 0.5 (30 s per addition, subtraction or age from two dates, with a check).
// These are stated assumptions, not measurements of people; the README compares them with published timings.
export const TAU_CONSTANTS = { readWpm: 238, skimWpm: 450, s: 0.04, o: 0.03, x: 0.25, r: 0.5, a: 0.5 } as const;
export const TAU_ESTIMATOR = { name: 'deepsearch-reading', version: '2' } as const;

export interface Work {
  /** Words of the question. */
  Q: number;
  S: number;
  D: number;
  /** Words read in opened pages. */
  W: number;
  /** Words of snippets read. */
  N: number;
  X: number;
  R: number;
  A: number;
}

export function tauOf(w: Work): number {
  const c = TAU_CONSTANTS;
  const raw = w.Q / c.readWpm + c.s * w.S + c.o * w.D + (w.W + w.N) / c.skimWpm + c.x * w.X + c.r * w.R + c.a * w.A;
  return Math.max(0.01, Math.round(raw * 100) / 100);
}

/** The formula with this question's numbers, for the task's τ rationale. */
export function tauArithmetic(w: Work): string {
  const c = TAU_CONSTANTS;
  const f = (x: number) => x.toFixed(2);
  const parts = [
    `${w.Q} question words / ${c.readWpm} wpm`,
    `${f(c.s)}×${w.S} searches`,
    `${f(c.o)}×${w.D} opens`,
    `${w.W + w.N} words skimmed${w.N ? ' (snippet)' : ''} / ${c.skimWpm} wpm`,
    ...(w.X ? [`${f(c.x)}×${w.X} distractors`] : []),
    ...(w.R ? [`${f(c.r)}×${w.R} reasoning steps`] : []),
    ...(w.A ? [`${f(c.a)}×${w.A} arithmetic/date operations`] : []),
  ];
  return `τ = ${parts.join(' + ')} = ${tauOf(w).toFixed(2)} min`;
}

export const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;
