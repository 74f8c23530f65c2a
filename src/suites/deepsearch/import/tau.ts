/**
 * τ (human solve time, minutes) for imported deep-search tasks.
 *
 * Both estimators count what a person does with the same tools as the agent (keyword search over the
 * corpus, reading documents) and price each action:
 *
 *     τ = 0.15 × S  +  0.30 × D  +  0.20 × R          (minutes, before any factor)
 *
 *   S = searches typed and scanned (0.15 min = 9 s each: type a query, scan ten titles and snippets);
 *   D = documents opened and read for the fact (0.30 min = 18 s each: a Wikipedia-intro-sized paragraph
 *       of ~80–120 words, skimmed at ~300 words a minute, plus locating the fact);
 *   R = reasoning steps: carrying a fact into the next search (bridge), comparing two values, or doing
 *       arithmetic (0.20 min = 12 s each).
 * τ is rounded to 0.01 and clamped to [0.05, 60].
 *
 * Estimator `hotpotqa-read`, version 3 (HotpotQA distractor / fullwiki records; v1 gave every hard question
 * 1.76 or 2.08 minutes; v2 priced reading, but put a real dev sample all in one bin because it trusted the
 * supporting-fact indices for where a reader stops, and a search cost the same whatever was typed)
 *   Priced from what each record holds, in minutes; typing and decisions after the keystroke-level model
 *   (Card, Moran & Newell 1980: K = 0.28 s a keystroke for an average typist, M = 1.35 s a mental
 *   preparation, P = 1.1 s to point and click):
 *   - reading the question at 200 words a minute;
 *   - per supporting paragraph (in order of first mention in supporting_facts):
 *       a search: when the paragraph's title is named in the question, M + K per character of the title
 *       typed + P + 2 s to scan the hits; when it is not (a bridge entity: work it out from what was
 *       read, search, usually rephrase once) 0.6;
 *       the sentence a reader must reach: the last supporting sentence, or a later one that holds two or
 *       more of the question's content words (not words of the supporting titles) — the question says
 *       what to look for even where the listed facts stop early (converted files list sentence 0 when
 *       they do not know; comparisons need a value that is not the answer);
 *       when that is the first sentence, which the search snippet shows: reading it at 250 words a minute
 *       (a snippet is scanned); otherwise opening the page (0.1) and reading up to that sentence at 200
 *       words a minute (careful reading for a fact);
 *       0.1 for each supporting sentence after the first (finding and combining more facts);
 *   - the operation: bridge 0.25 (carry the entity into the next step), comparison 0.1 (compare two facts);
 *     + 0.25 when the question compares dates or quantities ("first", "older", "longer", "closer", …),
 *     + 0.5 when it asks for a difference ("how many more", "how many years");
 *   - the answer: 0.1 for each item of a list answer after the first (items counted by their "(year)" or
 *     quoted titles), and typing it: M + K per character;
 *   - × level: easy 0.5 (HotpotQA's easy questions are single-hop: one of the paragraphs suffices),
 *     medium 0.85, hard 1.0.
 *   `--tau-file` overrides τ for the tasks it names (by task id or HotpotQA _id).
 *
 * Estimator `qa-lookup`, version 1 (short-answer sets: SimpleQA, PopQA, …; one fact)
 *   Measured against the corpus with the suite's own BM25 index and the question's own text:
 *   - the top hit is an evidence document and its snippet already shows the answer:
 *     S = 1, D = 0 → 0.15, then capped at 0.10 (a one-search lookup; bin ≤0.1);
 *   - an evidence document is in the top 10: S = 1, D = 1 → 0.45 (bin ≤0.5);
 *   - otherwise the searcher must rephrase: S = 3, D = 2, R = 1 → 1.25 (bin ≤2.5).
 */
import { TAU_MAX } from '../../../tasks/bins.ts';
import type { TauSource } from '../../../tasks/types.ts';

export const MIN_PER_SEARCH = 0.15;
export const MIN_PER_DOCUMENT = 0.3;
export const MIN_PER_STEP = 0.2;
const TAU_MIN = 0.05;

export const HOTPOTQA_TAU_ESTIMATOR = { name: 'hotpotqa-read', version: '3' } as const;
export const QA_TAU_ESTIMATOR = { name: 'qa-lookup', version: '1' } as const;
export const LEVEL_FACTOR = { easy: 0.5, medium: 0.85, hard: 1.0 } as const;

const clamp = (x: number) => Math.min(TAU_MAX, Math.max(TAU_MIN, x));
/** Minutes of the actions, in hundredths (integers, so rounding is exact: 1.30 × 0.35 = 0.455 → 0.46). */
const hundredths = (s: number, d: number, r: number) => Math.round(100 * MIN_PER_SEARCH) * s + Math.round(100 * MIN_PER_DOCUMENT) * d + Math.round(100 * MIN_PER_STEP) * r;
const round = (minutesHundredths: number, factor = 1) => clamp(Math.round((minutesHundredths * Math.round(factor * 100)) / 100) / 100);

export interface TauEstimate {
  tau: number;
  tau_source: TauSource;
}

export interface HotpotFeatures {
  type: 'bridge' | 'comparison';
  level: keyof typeof LEVEL_FACTOR;
  question: string;
  /** The gold answer (its length and list items are priced). */
  answer: string;
  /** Supporting paragraphs in order of first mention. */
  paragraphs: { title: string; sentences: string[]; facts: number[] }[];
}

export const READ_WPM = 200;
/** Keystroke-level model operators, in seconds (Card, Moran & Newell 1980). */
export const KLM = { keystroke: 0.28, mental: 1.35, point: 1.1 } as const;
const SCAN_HITS_S = 2;
export const SNIPPET_WPM = 250;
const SEARCH_BRIDGE = 0.6;
const OPEN = 0.1;
const EXTRA_FACT = 0.1;
const OP_BRIDGE = 0.25;
const OP_COMPARE = 0.1;
const OP_QUANTITY = 0.25;
const OP_DIFFERENCE = 0.5;
const QUANTITY_WORDS = /\b(?:closer|closest|farther|nearer|nearest|first|earlier|earliest|later|latest|last|older|oldest|younger|youngest|more|most|less|least|fewer|longer|longest|shorter|larger|largest|bigger|biggest|smaller|higher|highest|taller|tallest|lower|before|after|recently|newer|newest|sooner|deeper|deepest|wider|widest|heavier|heaviest|faster|fastest|slower|greater|populous)\b/i;
const DIFFERENCE_WORDS = /\bhow (?:many|much) (?:more|fewer|less|years|longer|older|younger|earlier|later|bigger|larger)\b|\bdifference\b/i;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const STOP = new Set(
  'a an the of and or in on at to for by with from is are was were be been being did does do what which who whom whose when where why how many much more most than that this these those both same their there its it as into type kind have has had share shared common name named one two three first same other another'.split(' '),
);
const stem = (w: string) => folded(w).replace(/(?:es|s)$/, '');
const contentWords = (s: string) => (s.match(/\p{L}+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w.toLowerCase())).map(stem);
/** Items of a list answer: its "(year)" groups or quoted titles (1 for a plain answer). */
export function answerItems(answer: string): number {
  const years = answer.match(/\(\d{3,4}\)/g)?.length ?? 0;
  const quoted = Math.floor((answer.match(/"/g)?.length ?? 0) / 2);
  return Math.max(1, years, quoted);
}
/** The sentence a reader must reach: the last listed fact, or a later sentence holding ≥ 2 of the question's words. */
function sentenceToReach(sentences: string[], facts: number[], lookFor: Set<string>): number {
  let last = Math.min(Math.max(0, ...facts), Math.max(0, sentences.length - 1));
  let best = 1;
  sentences.forEach((s, i) => {
    const have = new Set(contentWords(s));
    const hits = [...lookFor].filter((w) => have.has(w)).length;
    if (hits > best) {
      best = hits;
      if (i > last) last = i;
    }
  });
  return last;
}
const folded = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
/** Is a paragraph's title (without a parenthetical like "(film)") named in the question? */
export function titleNamed(title: string, question: string): boolean {
  const core = folded(title.replace(/\s*\([^)]*\)\s*$/, '')).trim();
  return core !== '' && folded(question).includes(core);
}

export function estimateHotpotTau(f: HotpotFeatures): TauEstimate {
  const parts: string[] = [];
  let minutes = words(f.question) / READ_WPM;
  parts.push(`question ${words(f.question)} words`);
  const titleWords = new Set(f.paragraphs.flatMap((p) => contentWords(p.title)));
  const lookFor = new Set(contentWords(f.question).filter((w) => !titleWords.has(w)));
  for (const p of f.paragraphs) {
    const named = titleNamed(p.title, f.question);
    const typed = p.title.replace(/\s*\([^)]*\)\s*$/, '').length;
    const search = named ? (KLM.mental + KLM.keystroke * typed + KLM.point + SCAN_HITS_S) / 60 : SEARCH_BRIDGE;
    const last = sentenceToReach(p.sentences, p.facts, lookFor);
    const read = p.sentences.slice(0, last + 1).reduce((n, s) => n + words(s), 0);
    const facts = new Set(p.facts).size;
    const inSnippet = last === 0;
    minutes += search + (inSnippet ? read / SNIPPET_WPM : OPEN + read / READ_WPM) + EXTRA_FACT * Math.max(0, facts - 1);
    parts.push(`${named ? `named paragraph (search ${typed} characters)` : 'bridge paragraph'}${inSnippet ? ', fact in snippet' : `, read to sentence ${last + 1}`}, ${read} words, ${facts} fact(s)`);
  }
  minutes += f.type === 'bridge' ? OP_BRIDGE : OP_COMPARE;
  const difference = DIFFERENCE_WORDS.test(f.question);
  const quantity = !difference && QUANTITY_WORDS.test(f.question);
  if (difference) minutes += OP_DIFFERENCE;
  if (quantity) minutes += OP_QUANTITY;
  const items = answerItems(f.answer);
  minutes += EXTRA_FACT * (items - 1) + (KLM.mental + KLM.keystroke * f.answer.length) / 60;
  const op = `${f.type}${difference ? ' + difference' : quantity ? ' + compare quantities' : ''}${items > 1 ? `, ${items} answer items` : ''}, answer typed (${f.answer.length} characters)`;
  const factor = LEVEL_FACTOR[f.level];
  const tau = clamp(Math.round(minutes * factor * 100) / 100);
  return {
    tau,
    tau_source: { kind: 'estimator', ...HOTPOTQA_TAU_ESTIMATOR, rationale: `${parts.join('; ')}; ${op}: ${minutes.toFixed(2)} min × ${f.level} ${factor}` },
  };
}

export type LookupKind = 'snippet' | 'top10' | 'rephrase';

export function estimateQaTau(kind: LookupKind): TauEstimate {
  const [tau, why] =
    kind === 'snippet'
      ? [0.1, 'the top search hit for the question is an evidence document whose snippet shows the answer (1 search)']
      : kind === 'top10'
        ? [round(hundredths(1, 1, 0)), 'an evidence document is in the top 10 hits for the question (1 search, 1 document)']
        : [round(hundredths(3, 2, 1)), 'no evidence document in the top 10 for the question (3 searches, 2 documents, 1 step)'];
  return { tau, tau_source: { kind: 'estimator', ...QA_TAU_ESTIMATOR, rationale: why } };
}
