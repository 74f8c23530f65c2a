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
 * Estimator `hotpotqa-read`, version 2 (HotpotQA distractor / fullwiki records; replaces hotpotqa-hops v1,
 * which gave every hard question 1.76 or 2.08 minutes, so a whole dev file landed in one bin)
 *   Priced from what each record holds, in minutes:
 *   - reading the question at 200 words a minute;
 *   - per supporting paragraph (in order of first mention in supporting_facts):
 *       a search: 0.15 when the paragraph's title is named in the question (type the name, scan the hits;
 *       the same price as in qa-lookup below),
 *       0.6 when it is not (a bridge entity: work it out from what was read, search, usually rephrase once);
 *       when every fact needed is in its first sentence, which the search snippet shows: reading that
 *       sentence at 250 words a minute (a snippet is scanned); otherwise opening it (0.1) and reading it up
 *       to its last supporting sentence at 200 words a minute (careful reading for a fact);
 *       0.1 for each supporting sentence after the first (finding and combining more facts);
 *   - the operation: bridge 0.25 (carry the entity into the next step), comparison 0.1 (compare two facts);
 *     + 0.25 when the question compares dates or quantities ("first", "older", "longer", …), + 0.5 when it
 *     asks for a difference ("how many more", "how many years");
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

export const HOTPOTQA_TAU_ESTIMATOR = { name: 'hotpotqa-read', version: '2' } as const;
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
  /** Supporting paragraphs in order of first mention. */
  paragraphs: { title: string; sentences: string[]; facts: number[] }[];
}

export const READ_WPM = 200;
const SEARCH_NAMED = MIN_PER_SEARCH;
export const SNIPPET_WPM = 250;
const SEARCH_BRIDGE = 0.6;
const OPEN = 0.1;
const EXTRA_FACT = 0.1;
const OP_BRIDGE = 0.25;
const OP_COMPARE = 0.1;
const OP_QUANTITY = 0.25;
const OP_DIFFERENCE = 0.5;
const QUANTITY_WORDS = /\b(?:first|earlier|earliest|later|latest|last|older|oldest|younger|youngest|more|most|less|least|fewer|longer|longest|shorter|larger|largest|bigger|biggest|smaller|higher|highest|taller|tallest|lower|before|after|recently|newer|newest|sooner|deeper|deepest|wider|widest|heavier|heaviest|faster|fastest|slower|greater|populous)\b/i;
const DIFFERENCE_WORDS = /\bhow (?:many|much) (?:more|fewer|less|years|longer|older|younger|earlier|later|bigger|larger)\b|\bdifference\b/i;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
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
  for (const p of f.paragraphs) {
    const named = titleNamed(p.title, f.question);
    const last = Math.min(Math.max(0, ...p.facts), Math.max(0, p.sentences.length - 1));
    const read = p.sentences.slice(0, last + 1).reduce((n, s) => n + words(s), 0);
    const facts = new Set(p.facts).size;
    const inSnippet = last === 0;
    minutes += (named ? SEARCH_NAMED : SEARCH_BRIDGE) + (inSnippet ? read / SNIPPET_WPM : OPEN + read / READ_WPM) + EXTRA_FACT * Math.max(0, facts - 1);
    parts.push(`${named ? 'named' : 'bridge'} paragraph${last === 0 ? ' (fact in snippet)' : ''}, ${read} words, ${facts} fact(s)`);
  }
  minutes += f.type === 'bridge' ? OP_BRIDGE : OP_COMPARE;
  const difference = DIFFERENCE_WORDS.test(f.question);
  const quantity = !difference && QUANTITY_WORDS.test(f.question);
  if (difference) minutes += OP_DIFFERENCE;
  if (quantity) minutes += OP_QUANTITY;
  const op = `${f.type}${difference ? ' + difference' : quantity ? ' + compare quantities' : ''}`;
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
