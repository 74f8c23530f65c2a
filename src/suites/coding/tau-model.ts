// τ of the bundled coding tasks: estimator `coding-reading`, version 1 (importers use import/tau-estimator.ts).
//
//   τ = read + solve   (minutes, rounded to 0.01, at most 60)
//
//   read   words of the prompt (and of the options of a multiple-choice question) at 200 words per minute,
//          code fences not counted as words. 200 wpm is below the 238 wpm adults average on non-fiction
//          prose (Brysbaert 2019), since task text mixes prose, code and examples that must be read exactly.
//   solve  multiple choice: 0.01 min (0.6 s) per line of the snippet traced.
//          functions: the work annotated per task when the suite was written — a one-line function 0.2–0.5
//          by kind (direct builtin, comprehension or slicing, an edge case that needs care); short functions
//          0.2 per reference line + 0.3 per tricky edge case; interview-medium 0.4 per line + 1.5 per
//          algorithmic idea; hard 0.6 per line + 5 per non-obvious idea — without the old per-bin base
//          (0.5, 3, 15 minutes), which stood for reading and orienting, now measured by `read`, and with a
//          test allowance for running the examples and edge cases (short 0.2, medium 1.5, hard 8).
//
// Where read + solve exceeds 60 minutes the task is out of HST-Bench's range; τ is set to 60 and the
// rationale says so. Each task's tau_source.rationale shows its numbers; codingTauCheck recomputes them.
export const CODING_TAU_ESTIMATOR = { name: 'coding-reading', version: '1' } as const;
export const CODING_TAU = { readWpm: 200, traceMinPerLine: 0.01, test: { short: 0.2, medium: 1.5, hard: 8 }, maxTau: 60 } as const;

/** Words a reader reads: whitespace-separated tokens, code fences ("```python") not counted. */
export const readingWords = (text: string) => (text.replace(/```\w*/g, ' ').match(/\S+/g) ?? []).length;

export function readMinutes(prompt: string, options?: Record<string, string>): { words: number; minutes: number } {
  const words = readingWords(prompt) + (options ? Object.values(options).reduce((a, o) => a + readingWords(o), 0) : 0);
  return { words, minutes: words / CODING_TAU.readWpm };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export function codingTau(read: number, solve: number): { tau: number; capped: boolean } {
  const raw = round2(read + solve);
  return raw > CODING_TAU.maxTau ? { tau: CODING_TAU.maxTau, capped: true } : { tau: Math.max(0.01, raw), capped: false };
}

/** The rationale text: "τ = read 43 words / 200 wpm (0.22) + solve 0.40 (why) = 0.62 min". */
export function codingRationale(words: number, read: number, solve: number, why: string): string {
  const { tau, capped } = codingTau(read, solve);
  const sum = round2(read + solve);
  return `τ = read ${words} words / ${CODING_TAU.readWpm} wpm (${read.toFixed(2)}) + solve ${solve.toFixed(2)} (${why}) = ${sum.toFixed(2)} min${capped ? `, above HST-Bench's 60-minute range: τ = ${tau}` : ''}`;
}

/** Re-derive τ from a rationale and the task text; null when the rationale is not of this estimator's form. */
export function codingTauCheck(prompt: string, options: Record<string, string> | undefined, rationale: string): number | null {
  const m = /^τ = read (\d+) words \/ 200 wpm \([\d.]+\) \+ solve ([\d.]+) /.exec(rationale);
  if (!m) return null;
  const { words, minutes } = readMinutes(prompt, options);
  if (words !== Number(m[1])) return null;
  return codingTau(minutes, Number(m[2])).tau;
}
