// Answer normalisation for exact match and token F1 (deep-search grading).
//
// In order:
//  1. Unicode compatibility form, diacritics folded, lower case; curly quotes made straight.
//  2. Dates become one ISO token: "3 March 1843", "3rd of March, 1843", "March 3, 1843", "Mar. 3 1843",
//     "1843-03-03" and "1843/3/3" → "1843-03-03"; "March 1843" → "1843-03"; "3 March" / "March 3" →
//     "--03-03". Day/month orders are only read from month names (never "3/4/1843", which is ambiguous).
//  3. Thousands separators dropped between digits ("1,000" → "1000"); apostrophes deleted ("O'Neil" →
//     "oneil", "Smith's" → "smiths"); every other punctuation mark is a space.
//  4. Tokens: ISO dates, numbers (decimals kept: "3.50" → "3.5"; "007" → "7"; "3rd" → "3"), words.
//     Ordinal words ("third") are left as words: "second" is as often a unit of time as a number.
//  5. Articles a, an, the dropped.
//  6. Number words become digits: zero…nineteen, the tens, hundred, thousand, million, billion, with
//     "and" inside ("one hundred and five" → "105", "twenty-one" → "21", "two thousand and three" →
//     "2003", "5 million" → "5000000"). A run that is not one number ("nineteen eighty-four") is split
//     where a new number must start ("19 84").
//  7. Whitespace collapsed.
// Yes/no: an answer whose first token is yes/yeah/yep/true/correct (or no/nope/false/incorrect) counts as
// "yes" (or "no") when the gold answer is yes or no; see `yesNo`.

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{3,4})';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: string, m: number, d?: string) => {
  const year = y.padStart(4, '0');
  return d === undefined ? ` ${year}-${pad(m)} ` : ` ${year}-${pad(m)}-${pad(Number(d))} `;
};
const validDay = (d: string) => Number(d) >= 1 && Number(d) <= 31;

const DATE_RULES: [RegExp, (...g: string[]) => string | null][] = [
  // 3 March 1843, 3rd of March, 1843
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'), (d, m, y) => (validDay(d!) ? iso(y!, MONTHS[m!]!, d) : null)],
  // March 3, 1843; March 3rd 1843
  [new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'g'), (m, d, y) => (validDay(d!) ? iso(y!, MONTHS[m!]!, d) : null)],
  // 1843-03-03, 1843/3/3, 1843.03.03
  [/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g, (y, m, d) => (Number(m) >= 1 && Number(m) <= 12 && validDay(d!) ? iso(y!, Number(m), d) : null)],
  // March 1843, March, 1843
  [new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'g'), (m, y) => iso(y!, MONTHS[m!]!)],
  // 1843-03 (year-month)
  [/\b(\d{4})-(\d{1,2})\b(?!-)/g, (y, m) => (Number(m) >= 1 && Number(m) <= 12 ? iso(y!, Number(m)) : null)],
  // 3 March; March 3 (no year)
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'gu'), (d, m) => (validDay(d!) ? ` --${pad(MONTHS[m!]!)}-${pad(Number(d))} ` : null)],
  [new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?!\\s*\\d)`, 'g'), (m, d) => (validDay(d!) ? ` --${pad(MONTHS[m!]!)}-${pad(Number(d))} ` : null)],
];

function normaliseDates(s: string): string {
  let out = s;
  for (const [re, fn] of DATE_RULES) out = out.replace(re, (whole, ...groups: unknown[]) => fn(...(groups.slice(0, -2) as string[])) ?? whole);
  return out;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const TOKEN = /--\d{2}-\d{2}|\d{4}-\d{2}(?:-\d{2})?|\d+\.\d+|[\p{L}\p{N}]+/gu;

function canonicalNumber(t: string): string {
  const ord = /^(\d+)(?:st|nd|rd|th)$/.exec(t);
  if (ord) return String(Number(ord[1]));
  if (/^\d+(?:\.\d+)?$/.test(t)) return String(Number(t));
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
      // "3 hundred": a digit token just before starts the number.
      const lead = !active && out.length && /^\d+$/.test(out[out.length - 1]!) ? Number(out.pop()!) : null;
      current = (lead ?? (active ? current || 1 : 1)) * 100;
      active = true;
      sawHundred = true;
      continue;
    }
    const scale = SCALES[t];
    if (scale !== undefined) {
      if (!active && out.length && /^\d+(?:\.\d+)?$/.test(out[out.length - 1]!)) {
        // "5 million", "1.5 billion"
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

/** The normalised tokens of an answer. */
export function answerTokens(text: string): string[] {
  let s = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2010-\u2015]/g, '-');
  s = normaliseDates(s);
  s = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/'/g, '');
  const raw = s.match(TOKEN) ?? [];
  const tokens = raw.map(canonicalNumber).filter((t) => t !== 'a' && t !== 'an' && t !== 'the');
  return mergeNumbers(tokens);
}

/** The normalised form of an answer: its tokens joined by single spaces. */
export function normaliseAnswer(text: string): string {
  return answerTokens(text).join(' ');
}

const YES = new Set(['yes', 'yeah', 'yep', 'true', 'correct', 'y']);
const NO = new Set(['no', 'nope', 'false', 'incorrect', 'n']);

/** 'yes' / 'no' when the text is (or starts with) a yes/no word, else null. */
export function yesNo(text: string): 'yes' | 'no' | null {
  const first = answerTokens(text)[0];
  if (first === undefined) return null;
  if (YES.has(first)) return 'yes';
  if (NO.has(first)) return 'no';
  return null;
}
