// The rules that decide whether a deep-search answer is right (without a judge), in order:
//
//   yes/no       the gold is yes or no: the answer must say the same, strictly (normalise.ts `yesNo`).
//   exact        the normalised answer equals the normalised gold answer;
//   alias        … or one of its aliases;
//   unit         the answer's quantity equals the gold's: "427 m" = "427 metres", "1,754 tons" = "1754 tons
//                burthen" (a qualifier after the unit is ignored), "1,401 ft" ≈ "427 m" (within 1 %), or the
//                bare number of a gold quantity ("427" for "427 metres");
//   date         the gold is a date and the answer holds a date with the same parts at the gold's
//                precision ("December 10, 1962" for "1962"; not "1962" for "December 10, 1962");
//   containment  the answer holds the gold's tokens as one run ("64 years old" for "64", "Captain Bosek" for
//                "Bosek") and no rival appears: no other option the question names ("…, X or Y?"), no other
//                number or date, no hedge or negation ("or", "not", "neither"), and at most
//                MAX_EXTRA_TOKENS more tokens than the gold; or the answer is the gold minus words the
//                question itself states ("3" for "three singles titles" when the question asks "how many
//                more singles titles"), and no rival option holds it.
// Token F1 (the grade's score) is computed on the same normalised tokens, so a date's day, month and
// year are separate tokens, as in HotpotQA's official script (hotpot-f1.ts, also reported). Deviation:
// an answer that names another option of a comparison question ("Which is older, X or Y?") gets F1 0,
// not the official script's partial credit for shared words ("Lake X" vs "Lake Y" → 0.5).
import { hotpotF1, hotpotNormalize } from './hotpot-f1.ts';
import { NEGATION, normaliseAnswer, tokenise, yesNo, type Tok } from './normalise.ts';
import { isUnitSymbol, sameQuantity } from './units.ts';

export type AnswerRule = 'exact' | 'alias' | 'unit' | 'date' | 'containment' | 'yes/no';

export const MAX_EXTRA_TOKENS = 8;
const HEDGES = new Set([...NEGATION, 'or', 'either', 'maybe', 'perhaps', 'possibly', 'probably', 'unlikely', 'except', 'instead', 'rather', 'nt']);
/** Words that may follow a unit without changing the quantity ("1754 tons burthen", "427 m high"). */
const QUALIFIERS = new Set(['burthen', 'bm', 'high', 'tall', 'long', 'deep', 'wide', 'old', 'away', 'approximately', 'about', 'around', 'roughly', 'in', 'total', 'length', 'height']);

/** "X of GOLD" names X, not the gold ("Minutes of the Danel Bank"), unless X only says what the gold is. */
const OF_WORDS = new Set(['of', 'for']);
const DESCRIPTORS = new Set(['city', 'town', 'village', 'county', 'state', 'province', 'region', 'kingdom', 'republic', 'island', 'isle', 'borough', 'municipality', 'district', 'country', 'nation', 'port', 'parish', 'commune', 'duchy', 'empire', 'principality', 'territory', 'realm']);

export interface AnswerScore {
  /** Whether the rules accept the answer. */
  match: boolean;
  /** The rule that accepted it (null when none did). */
  rule: AnswerRule | null;
  /** The normalised answer equals the normalised gold or an alias (strict exact match). */
  exactMatch: boolean;
  /** Token F1 on the normalised tokens (best over the gold and its aliases; see the header). */
  f1: number;
  /** HotpotQA's official F1 (best over the gold and its aliases). */
  officialF1: number;
  /** The gold string the answer matched or came closest to. */
  closest: string;
  normalised: string;
  /** Why a containment was refused, when it was (a rival, a hedge, too long). */
  refused?: string;
}

function tokenF1(pred: string[], gold: string[]): number {
  if (pred.length === 0 || gold.length === 0) return pred.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / pred.length;
  const recall = common / gold.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Start indices where `needle` occurs as a run of tokens in `hay`. */
export function runsOf(hay: string[], needle: string[]): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((t, j) => hay[i + j] === t)) out.push(i);
  return out;
}

/**
 * The options a comparison question names: "Which is older, the Lakeview Inn or Dunmere Castle?",
 * "Which musician, A or B, is …?", "…: A, B or C?". Empty when the question names none.
 */
export function questionOptions(question: string): string[] {
  const q = question.replace(/\s+/g, ' ').trim();
  const at = q.toLowerCase().lastIndexOf(' or ');
  if (at < 0) return [];
  const right = q.slice(at + 4).split(/[,;:?]/)[0]!.trim();
  const before = q.slice(0, at).split(/[,;:]/).map((c) => c.trim());
  if (before.length > 1 && before[before.length - 1] === '') before.pop(); // "A, B, or C"
  const opts: string[] = [right];
  for (let i = before.length - 1; i >= 0; i--) {
    const chunk = before[i]!;
    const words = chunk.split(' ').length;
    const last = i === before.length - 1;
    if (last && i === 0 && words > 6) {
      // No comma before the options: keep the last capitalised words ("Is Karjiang or Sherpi Kangri taller?").
      const m = /((?:[A-Z0-9][\p{L}\p{N}'.-]*\s?)+)$/u.exec(chunk);
      if (m) opts.push(m[1]!.trim());
      break;
    }
    if (QUESTION_WORD.test(chunk) || (!last && words > 6)) break;
    opts.push(chunk);
  }
  return opts.filter((o) => o !== '' && o.split(' ').length <= 10);
}

const QUESTION_WORD = /^(?:which|who|whom|whose|what|where|when|why|how|is|are|was|were|do|does|did|has|have|had|can|could|will|would|in|on)\b/i;
const toks = (s: string) => tokenise(s);
const texts = (ts: Tok[]) => ts.map((t) => t.t);

/** Quantities (number + canonical unit) in a token list; a number without unit has unit ''. */
function quantities(ts: Tok[]): { value: number; unit: string; at: number }[] {
  const out: { value: number; unit: string; at: number }[] = [];
  ts.forEach((t, i) => {
    if (t.kind !== 'num') return;
    const next = ts[i + 1]?.t;
    out.push({ value: Number(t.t), unit: next !== undefined && isUnitSymbol(next) ? next : '', at: i });
  });
  return out;
}

function unitMatch(pred: Tok[], gold: Tok[]): boolean {
  const gq = quantities(gold);
  if (gq.length !== 1 || gq[0]!.unit === '') return false;
  // The gold is one quantity (words after it are qualifiers), the answer must hold exactly one.
  if (gold.slice(gq[0]!.at + 2).some((t) => !QUALIFIERS.has(t.t))) return false;
  const pq = quantities(pred);
  if (pq.length !== 1 || pred.some((t) => t.group > 0)) return false;
  const p = pq[0]!;
  const rest = pred.filter((_, i) => i !== p.at && !(p.unit && i === p.at + 1));
  if (rest.some((t) => !QUALIFIERS.has(t.t))) return false;
  return p.unit === '' ? p.value === gq[0]!.value : sameQuantity(p, gq[0]!);
}

/** Is the gold (a run of tokens) in the answer with no rival, hedge, or too much else? Returns why not. */
function containment(pred: Tok[], gold: Tok[], rivals: string[][]): { ok: true; date: boolean } | { ok: false; why: string } | null {
  const p = texts(pred);
  const g = texts(gold);
  const at = runsOf(p, g)[0];
  if (at === undefined) return null;
  if (p.length > g.length + MAX_EXTRA_TOKENS) return { ok: false, why: `the answer has more than ${MAX_EXTRA_TOKENS} words beyond the gold` };
  const hedge = p.find((t, i) => (i < at || i >= at + g.length) && HEDGES.has(t));
  if (hedge) return { ok: false, why: `the answer hedges or negates ("${hedge}")` };
  if (at >= 1 && OF_WORDS.has(p[at - 1]!) && !(at >= 2 && DESCRIPTORS.has(p[at - 2]!))) {
    return { ok: false, why: `the answer names something of the gold ("${p.slice(0, at).join(' ')} …"), not the gold` };
  }
  const rival = rivals.find((r) => runsOf(p, r).some((i) => i + r.length <= at || i >= at + g.length));
  if (rival) return { ok: false, why: `the answer also names the other option "${rival.join(' ')}"` };
  // Groups of dates the gold run touches: their other parts belong to the same date, not rivals.
  const groups = new Set(pred.slice(at, at + g.length).map((t) => t.group).filter((x) => x > 0));
  const goldHasNumber = gold.some((t) => t.kind !== 'word');
  if (goldHasNumber) {
    const other = pred.find((t, i) => (i < at || i >= at + g.length) && t.kind !== 'word' && !groups.has(t.group));
    if (other) return { ok: false, why: `the answer also holds another number or date ("${other.t}")` };
  }
  return { ok: true, date: groups.size > 0 || gold.some((t) => t.group > 0) };
}

/** Score an answer against the gold answer and its aliases (`question` names the rivals, if any). */
export function scoreAnswer(answer: string, gold: string[], question = ''): AnswerScore {
  const pred = toks(answer);
  const p = texts(pred);
  const normalised = p.join(' ');
  const officialF1 = Math.max(0, ...gold.map((g) => hotpotF1(answer, g)));
  const base = { officialF1, normalised };
  const goldYesNo = gold.map((g) => normaliseAnswer(g)).find((g) => g === 'yes' || g === 'no');
  if (goldYesNo) {
    const said = yesNo(answer);
    const ok = said === goldYesNo;
    return { ...base, match: ok, rule: ok ? 'yes/no' : null, exactMatch: ok && normalised === goldYesNo, f1: ok ? 1 : 0, closest: gold[0] ?? '' };
  }
  const goldToks = gold.map(toks);
  const goldNorm = goldToks.map((g) => texts(g).join(' '));
  // Rival options: those the question names that neither hold the gold nor are held by it.
  const rivals = questionOptions(question)
    .map((o) => texts(toks(o)))
    .filter((o) => o.length > 0 && goldToks.every((g) => runsOf(o, texts(g)).length === 0 && runsOf(texts(g), o).length === 0));
  const namesRival = rivals.some((r) => runsOf(p, r).length > 0) && !goldToks.some((g) => runsOf(p, texts(g)).length > 0);
  let bestF1 = 0;
  let closest = gold[0] ?? '';
  goldToks.forEach((g, i) => {
    const f = namesRival ? 0 : tokenF1(p, texts(g));
    if (f > bestF1) [bestF1, closest] = [f, gold[i]!];
  });
  const exact = goldNorm.findIndex((g) => g !== '' && g === normalised);
  if (exact >= 0) {
    // Equal only once units or dates are normalised: say which rule made them equal.
    const g = goldToks[exact]!;
    const raw = hotpotNormalize(answer) === hotpotNormalize(gold[exact]!);
    const rule: AnswerRule = raw ? (exact === 0 ? 'exact' : 'alias') : g.some((t) => t.group > 0) ? 'date' : g.some((t) => isUnitSymbol(t.t)) ? 'unit' : exact === 0 ? 'exact' : 'alias';
    return { ...base, match: true, rule, exactMatch: true, f1: 1, closest: gold[exact]! };
  }
  const none = { ...base, match: false, rule: null, exactMatch: false, f1: bestF1, closest };
  if (namesRival) return { ...none, refused: 'the answer names another option of the question' };
  for (let i = 0; i < goldToks.length; i++) {
    if (unitMatch(pred, goldToks[i]!)) return { ...base, match: true, rule: 'unit', exactMatch: false, f1: bestF1, closest: gold[i]! };
  }
  let refused: string | undefined;
  for (let i = 0; i < goldToks.length; i++) {
    const c = containment(pred, goldToks[i]!, rivals);
    if (c === null) continue;
    if (c.ok) return { ...base, match: true, rule: c.date ? 'date' : 'containment', exactMatch: false, f1: bestF1, closest: gold[i]! };
    refused ??= c.why;
  }
  // The gold minus words the question already states: "3" for "three singles titles" when the question
  // asks "How many more singles titles …?"; never a part that a rival option also holds ("Lake").
  const asked = new Set(texts(toks(question)));
  for (let i = 0; i < goldToks.length && p.length > 0; i++) {
    const g = texts(goldToks[i]!);
    const at = runsOf(g, p)[0];
    if (at === undefined || p.length >= g.length) continue;
    const missing = [...g.slice(0, at), ...g.slice(at + p.length)];
    if (missing.every((t) => asked.has(t)) && !rivals.some((r) => runsOf(r, p).length > 0)) {
      return { ...base, match: true, rule: 'containment', exactMatch: false, f1: bestF1, closest: gold[i]! };
    }
  }
  return refused ? { ...none, refused } : none;
}

/** Does `text` contain the answer (or an alias) as a run of normalised tokens? (validation, audits) */
export function containsAnswer(text: string, gold: string[]): boolean {
  const hay = texts(toks(text));
  return gold.some((g) => {
    const n = texts(toks(g));
    if (n.length && runsOf(hay, n).length > 0) return true;
    // A gold quantity written with another unit synonym or a qualifier ("1754 tons burthen").
    const q = quantities(toks(g));
    return q.length === 1 && q[0]!.unit !== '' && runsOf(hay, [String(q[0]!.value), q[0]!.unit]).length > 0;
  });
}

