// HotpotQA's official answer metrics (hotpot_evaluate_v1.py: normalize_answer, exact_match_score,
// f1_score), ported line for line so that imported HotpotQA runs can be compared with published numbers.
//
//   normalize_answer: lower case; delete every character of Python's string.punctuation; replace the
//   articles a/an/the (whole words) with a space; collapse white space.
//   f1_score: a prediction or gold that normalises to yes / no / noanswer scores 0 unless both are equal;
//   otherwise the F1 of the bags of tokens.
// Python's `\b` and `str.split()` are Unicode-aware; the word-boundary lookarounds below match them.
// The grader's own F1 (answer-rules.ts) differs on purpose where this one is unfair (dates are split the
// same way here already, because the official script splits on white space; but number words, units and
// diacritics are not normalised here, and a rival comparison option keeps its partial credit here).

const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

export function hotpotNormalize(s: string): string {
  const lower = s.toLowerCase();
  const noPunc = [...lower].filter((ch) => !PUNCTUATION.has(ch)).join('');
  const noArticles = noPunc.replace(/(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu, ' ');
  return noArticles.split(/\s+/u).filter(Boolean).join(' ');
}

export function hotpotExactMatch(prediction: string, gold: string): boolean {
  return hotpotNormalize(prediction) === hotpotNormalize(gold);
}

const SPECIAL = new Set(['yes', 'no', 'noanswer']);

export function hotpotF1(prediction: string, gold: string): number {
  const p = hotpotNormalize(prediction);
  const g = hotpotNormalize(gold);
  if (SPECIAL.has(p) && p !== g) return 0;
  if (SPECIAL.has(g) && p !== g) return 0;
  const pt = p.split(' ').filter(Boolean);
  const gt = g.split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of gt) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of pt) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      same++;
      counts.set(t, n - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / pt.length;
  const recall = same / gt.length;
  return (2 * precision * recall) / (precision + recall);
}
