// Answer normalisation for deep-search grading (rules, containment and token F1).
//
// In order:
//  1. Unicode compatibility form, diacritics folded, lower case; curly quotes made straight.
//  2. Dates are found and split into day / month / year tokens in one canonical order, so that
//     "3 March 1843", "3rd of March, 1843", "March 3, 1843", "Mar. 3 1843", "1843-03-03" and "1843/3/3" all
//     become "3 march 1843"; "March 1843" and "1843-03" → "march 1843"; "3 March" / "March 3" → "3 march".
//     Split tokens let "1962" be found in "December 10, 1962" (containment) and give it F1 0.5 there,
//     as HotpotQA's official script does. Day/month orders are only read from month names (never
//     "3/4/1843", which is ambiguous). The tokens of one date share a `group` (see `tokenise`).
//  3. Thousands separators dropped between digits ("1,000" → "1000"); apostrophes deleted ("O'Neil" →
//     "oneil"); every other punctuation mark is a space.
//  4. Tokens: numbers (decimals kept: "3.50" → "3.5"; "007" → "7"; "3rd" → "3"), words. Ordinal words
//     ("third") stay words: "second" is as often a unit of time as a number.
//  5. Articles a, an, the dropped.
//  6. Number words become digits: zero…nineteen, the tens, hundred, thousand, million, billion, with
//     "and" inside ("one hundred and five" → "105", "twenty-one" → "21", "5 million" → "5000000"). A run
//     that is not one number ("nineteen eighty-four") is split where a new number must start ("19 84").
//  7. A unit word right after a number becomes its canonical symbol ("427 metres", "427 meters" and
//     "427 m" → "427 m"; "1754 tons" → "1754 ton"; "12 per cent" → "12 %"); see units.ts.
// Yes/no answers are read by `yesNo` (strict: an explicit yes or no, or a negated statement; "N/A",
// "unknown", "No information found" and "yes and no" are neither).
import { canonicalUnit, GLUED_UNITS } from './units.ts';

// A unit glued to its number ("427m"), ending where the answer's tokens end (not at \b: '_' is a word character there but not a token one).
const GLUED = new RegExp(`(\\d)(${GLUED_UNITS.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{3,4})';

export interface DateParts {
  day?: number;
  month?: number;
  year?: number;
}
const validDay = (d: string) => Number(d) >= 1 && Number(d) <= 31;
const validMonth = (m: string) => Number(m) >= 1 && Number(m) <= 12;

const DATE_RULES: [RegExp, (...g: string[]) => DateParts | null][] = [
  // 3 March 1843, 3rd of March, 1843
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'), (d, m, y) => (validDay(d!) ? { day: +d!, month: MONTHS[m!]!, year: +y! } : null)],
  // March 3, 1843; March 3rd 1843
  [new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'g'), (m, d, y) => (validDay(d!) ? { day: +d!, month: MONTHS[m!]!, year: +y! } : null)],
  // 1843-03-03, 1843/3/3, 1843.03.03
  [/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g, (y, m, d) => (validMonth(m!) && validDay(d!) ? { day: +d!, month: +m!, year: +y! } : null)],
  // March 1843, March, 1843
  [new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'g'), (m, y) => ({ month: MONTHS[m!]!, year: +y! })],
  // 1843-03 (year-month)
  [/\b(\d{4})-(\d{1,2})\b(?!-)/g, (y, m) => (validMonth(m!) ? { month: +m!, year: +y! } : null)],
  // 3 March; March 3 (no year)
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'gu'), (d, m) => (validDay(d!) ? { day: +d!, month: MONTHS[m!]! } : null)],
  [new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?!\\s*\\d)`, 'g'), (m, d) => (validDay(d!) ? { day: +d!, month: MONTHS[m!]! } : null)],
];

type Segment = { text: string } | { date: DateParts };

function splitDates(s: string): Segment[] {
  let segs: Segment[] = [{ text: s }];
  for (const [re, fn] of DATE_RULES) {
    const next: Segment[] = [];
    for (const seg of segs) {
      if (!('text' in seg)) {
        next.push(seg);
        continue;
      }
      let last = 0;
      for (const m of seg.text.matchAll(re)) {
        const parts = fn(...(m.slice(1) as string[]));
        if (!parts) continue;
        next.push({ text: seg.text.slice(last, m.index) });
        next.push({ date: parts });
        last = m.index + m[0].length;
      }
      next.push({ text: seg.text.slice(last) });
    }
    segs = next;
  }
  return segs;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const TOKEN = /\d+\.\d+|%|[\p{L}\p{N}]+/gu;
export const isNumber = (t: string) => /^\d+(?:\.\d+)?$/.test(t);

function canonicalNumber(t: string): string {
  const ord = /^(\d+)(?:st|nd|rd|th)$/.exec(t);
  if (ord) return String(Number(ord[1]));
  if (isNumber(t)) return String(Number(t));
  return t;
}

/** Merge runs of number words (and digits followed by a scale word) into digit tokens. */
function mergeNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  let total = 0;
  let current = 0;
  let active = false;
  let sawHundred = false;
  const flush = () => {
    if (active) out.push(String(total + current));
    total = 0;
    current = 0;
    active = false;
    sawHundred = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const small = UNITS[t] ?? TENS[t];
    if (small !== undefined) {
      const lastTwo = current % 100;
      const fits = !active || lastTwo === 0 || (small < 10 && lastTwo >= 20 && lastTwo % 10 === 0);
      if (!fits) flush();
      current += small;
      active = true;
      continue;
    }
    if (t === 'hundred') {
      if (active && current % 100 === 0 && current !== 0) flush();
      const lead = !active && out.length && /^\d+$/.test(out[out.length - 1]!) ? Number(out.pop()!) : null;
      current = (lead ?? (active ? current || 1 : 1)) * 100;
      active = true;
      sawHundred = true;
      continue;
    }
    const scale = SCALES[t];
    if (scale !== undefined) {
      if (!active && out.length && isNumber(out[out.length - 1]!)) {
        out.push(String(Number(out.pop()!) * scale));
        continue;
      }
      total += (active ? current || 1 : 1) * scale;
      current = 0;
      active = true;
      continue;
    }
    if (t === 'and' && active && (sawHundred || total > 0)) {
      const next = tokens[i + 1];
      if (next !== undefined && (UNITS[next] !== undefined || TENS[next] !== undefined)) continue;
    }
    flush();
    out.push(t);
  }
  flush();
  return out;
}

/** Canonical unit symbols after numbers ("427 metres" → "427 m"; "per cent" → "%"). */
function canonicalUnits(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > 0 && isNumber(out[out.length - 1] ?? '')) {
      if (t === 'per' && tokens[i + 1] === 'cent') {
        out.push('%');
        i++;
        continue;
      }
      const u = canonicalUnit(t);
      if (u) {
        out.push(u);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

function textTokens(s: string): string[] {
  let x = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1').replace(/'/g, '');
  x = x.replace(GLUED, '$1 $2');
  x = x.replace(/(\d)\s*(?:per\s*cent|percent)\b/g, '$1 %');
  const raw = x.match(TOKEN) ?? [];
  return raw.map(canonicalNumber).filter((t) => t !== 'a' && t !== 'an' && t !== 'the');
}

/** One normalised token; the tokens of one date share a group number (from 1), others have group 0. */
export interface Tok {
  t: string;
  group: number;
  kind: 'word' | 'num' | 'day' | 'month' | 'year';
}

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-');
}

/** The normalised tokens of an answer, with date groups and kinds. */
export function tokenise(text: string): Tok[] {
  const out: Tok[] = [];
  let group = 0;
  let pending: string[] = [];
  const flushText = () => {
    for (const t of canonicalUnits(mergeNumbers(pending))) out.push({ t, group: 0, kind: isNumber(t) ? 'num' : 'word' });
    pending = [];
  };
  for (const seg of splitDates(foldText(text))) {
    if ('text' in seg) {
      pending.push(...textTokens(seg.text));
      continue;
    }
    flushText();
    group++;
    const d = seg.date;
    if (d.day !== undefined) out.push({ t: String(d.day), group, kind: 'day' });
    if (d.month !== undefined) out.push({ t: MONTH_NAMES[d.month - 1]!, group, kind: 'month' });
    if (d.year !== undefined) out.push({ t: String(d.year), group, kind: 'year' });
  }
  flushText();
  return out;
}

/** The normalised tokens of an answer. */
export function answerTokens(text: string): string[] {
  return tokenise(text).map((t) => t.t);
}

/** The normalised form of an answer: its tokens joined by single spaces. */
export function normaliseAnswer(text: string): string {
  return answerTokens(text).join(' ');
}

const YES = new Set(['yes', 'yeah', 'yep', 'yup', 'true', 'correct', 'affirmative']);
const NO = new Set(['no', 'nope', 'false', 'incorrect', 'negative']);
export const NEGATION = new Set(['not', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'isnt', 'wasnt', 'arent', 'werent', 'dont', 'doesnt', 'didnt', 'hasnt', 'havent', 'hadnt', 'cannot', 'cant', 'wont', 'wouldnt', 'couldnt', 'shouldnt']);
/** Answers that decline to answer: never read as yes or no. */
const ABSTAIN = [
  /^(?:n ?a|none|unknown|unclear|undetermined|uncertain|unsure|noanswer|null|nil|tbd|idk)$/,
  /\b(?:no|not enough|insufficient|without) (?:information|info|data|evidence|answer|result|results|record|records|mention|match|matches)\b/,
  /\bnot (?:found|known|sure|certain|clear|stated|mentioned|specified|given|available|determinable|determined|enough)\b/,
  /\b(?:cannot|cant|could not|couldnt|unable to|impossible to) (?:be )?(?:determine|determined|tell|find|found|say|answer|confirm|verify|know)\b/,
  /\bi (?:do not|dont) know\b/,
  /\b(?:no one|nobody) knows\b/,
];

/**
 * 'yes' / 'no' when the answer says so, else null. Strict:
 *  - an explicit yes word (yes, true, correct, …) or no word (no, false, incorrect, …) decides, wherever it
 *    is in a short answer — but an answer holding both ("Yes and no", "yes or no") is neither;
 *  - without one, a negated statement ("It was not", "Neither of them", "They aren't") is no; an
 *    affirmative statement without yes ("They are both American") is neither (left to the judge);
 *  - abstentions ("N/A", "unknown", "No information found", "cannot be determined") are neither.
 */
export function yesNo(text: string): 'yes' | 'no' | null {
  const words = (foldText(text).replace(/'/g, '').match(/[\p{L}\p{N}]+/gu) ?? []).filter(Boolean);
  if (words.length === 0) return null;
  const flat = words.join(' ');
  if (ABSTAIN.some((re) => re.test(flat))) return null;
  const hasYes = words.some((w) => YES.has(w));
  const hasNo = words.some((w) => NO.has(w));
  if (hasYes && hasNo) return null;
  if (hasYes) return words.some((w) => NEGATION.has(w)) && !YES.has(words[0]!) ? null : 'yes';
  if (hasNo) return 'no';
  if (words.length === 1 && words[0] === 'y') return 'yes';
  if (words.length === 1 && words[0] === 'n') return 'no';
  if (words.some((w) => NEGATION.has(w))) return 'no';
  return null;
}

/** The date parts written in a text's group `group` (from `tokenise`). */
export function dateOf(tokens: Tok[], group: number): DateParts {
  const parts: DateParts = {};
  for (const t of tokens) {
    if (t.group !== group) continue;
    if (t.kind === 'day') parts.day = Number(t.t);
    else if (t.kind === 'month') parts.month = MONTH_NAMES.indexOf(t.t as (typeof MONTH_NAMES)[number]) + 1;
    else if (t.kind === 'year') parts.year = Number(t.t);
  }
  return parts;
}
