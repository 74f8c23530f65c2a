// Answer extraction for the shortcut solvers of `sale datasets audit`: what kind of answer a question
// asks for (read from its wording only), the options it names, and candidate answer spans in a text.
// Deliberately simple and fixed: a shortcut that needs no model and no understanding. A bin a shortcut
// like this solves is a bin whose τ overstates its difficulty.
import { fold, processTerm, splitWords } from '../text.ts';

export type AnswerKind = 'yesno' | 'options' | 'year' | 'number' | 'person' | 'name';

const YESNO = /\banswer yes or no\b|^(?:is|was|were|did|does|do|has|had|are|can|could)\b/i;
const NUMBER = /\bhow (?:many|much|old|long|far|tall|high)\b|\b(?:combined|total|sum|difference|population|tonnage|elevation|length|cost)\b/i;
const YEAR = /\b(?:what|which) year\b|\bwhen\b/i;
const PERSON = /^\s*(?:who|whom)\b|\bwho\b[^?]*\?\s*$/i;

/** Spans of capitalised words ("Kelvor Press", "Greosul Fomane"), allowing "of", "de", "van" inside. */
export function capitalisedSpans(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b[A-Z][\p{L}'’-]+(?:\s+(?:(?:of|de|van|the|on)\s+)?[A-Z][\p{L}'’-]+)*/gu)) out.push(m[0]);
  return out;
}

const LEADING = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'Of', 'Which', 'Who', 'What', 'Was', 'Is', 'Did', 'How', 'Counting', 'Among', 'Find', 'Take', 'Where', 'When', 'He', 'She', 'His', 'Her', 'It', 'They', 'Its', 'For', 'By', 'After', 'Before', 'During', 'From', 'Some', 'One']);

/** A span without a sentence-initial function word ("In Dorvik" → "Dorvik"). */
function trimSpan(s: string): string {
  const parts = s.split(/\s+/);
  while (parts.length > 1 && LEADING.has(parts[0]!)) parts.shift();
  return LEADING.has(parts[0]!) ? '' : parts.join(' ');
}

/** The options a question names: "A or B?", "A, B or C", "Which of the three: A, B and C". */
export function questionOptions(question: string): string[] {
  if (!/\bor\b/.test(question) && !/\bwhich of the\b/i.test(question)) return [];
  if (YESNO.test(question)) return [];
  const m = /,\s*([^,?]+(?:,\s*[^,?]+)*\s+or\s+[^?]+)\?/.exec(question) ?? /:\s*([^?]+)\?/.exec(question);
  const list = m ? m[1]! : '';
  const spans = capitalisedSpans(list).map(trimSpan).filter(Boolean);
  return spans.length >= 2 ? [...new Set(spans)] : [];
}

export function answerKind(question: string): AnswerKind {
  if (YESNO.test(question.trim())) return 'yesno';
  if (questionOptions(question).length >= 2) return 'options';
  if (YEAR.test(question)) return 'year';
  if (NUMBER.test(question)) return 'number';
  if (PERSON.test(question)) return 'person';
  return 'name';
}

const SMALL_NUMBERS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** Candidate spans of a kind in a sentence, in order of appearance. */
export function candidates(sentence: string, kind: AnswerKind): string[] {
  switch (kind) {
    case 'year':
      return [...sentence.matchAll(/\b1[0-9]{3}\b/g)].map((m) => m[0]);
    case 'number': {
      const out: { at: number; s: string }[] = [];
      for (const m of sentence.matchAll(/\b\d{1,3}(?:,\d{3})+\b|\b\d+\b/g)) out.push({ at: m.index, s: m[0] });
      for (const m of sentence.matchAll(new RegExp(`\\b(?:${SMALL_NUMBERS.join('|')})\\b`, 'gi'))) out.push({ at: m.index, s: m[0] });
      return out.sort((a, b) => a.at - b.at).map((x) => x.s);
    }
    case 'person':
      return capitalisedSpans(sentence).map(trimSpan).filter((s) => s.split(' ').length >= 2);
    default:
      return capitalisedSpans(sentence).map(trimSpan).filter(Boolean);
  }
}

export const sentences = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());

/** Distinct index terms of a text (stemmed, stop words dropped). */
export function termSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of splitWords(text)) {
    const t = processTerm(w);
    if (t) out.add(t);
  }
  return out;
}

const MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
const lowerWords = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
/** A sentence word matches a question term when one is a prefix of the other (died ~ die, founder ~ founded). */
const near = (a: string, b: string) => a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a));

/**
 * The answer a string-matching reader would give: rank the sentences of `texts` (in order) by how many
 * of the question's terms they hold; in the best sentence that has one, return the candidate of the
 * wanted kind that the question does not itself contain, nearest (in words) to a question term.
 * `options`: restrict to these (the option named in the best sentence wins).
 */
export function extractAnswer(question: string, texts: string[], kind: AnswerKind, options: string[] = []): string | null {
  const q = termSet(question);
  const qWords = new Set(lowerWords(question));
  const ranked: { s: string; score: number; order: number }[] = [];
  let order = 0;
  for (const t of texts) {
    for (const s of sentences(t)) {
      let score = 0;
      for (const term of termSet(s)) if (q.has(term)) score++;
      ranked.push({ s, score, order: order++ });
    }
  }
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  const qTerms = [...q];
  for (const { s, score } of ranked) {
    if (score === 0) break;
    if (kind === 'options') {
      const hit = options.find((o) => fold(s).includes(fold(o)));
      if (hit) return hit;
      continue;
    }
    const w = lowerWords(s);
    const anchors = w.map((x, i) => (qTerms.some((t) => near(x, t)) ? i : -1)).filter((i) => i >= 0);
    let best = { c: '', d: Infinity };
    for (const c of candidates(s, kind)) {
      if (MONTHS.has(c)) continue;
      const cw = lowerWords(c);
      if (cw.every((x) => qWords.has(x))) continue;
      const at = w.indexOf(cw[0]!);
      const d = Math.min(...anchors.filter((i) => i < at || i >= at + cw.length).map((i) => Math.abs(i - at)), 1e9);
      if (d < best.d || (best.c === '' && d === Infinity)) best = { c, d };
    }
    if (best.c) return best.c;
  }
  return null;
}
