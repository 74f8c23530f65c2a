// Tokenisation of the search index and the snippets shown with search hits.
//
// Terms: Unicode letters and digits (diacritics folded, lower case), common English function words
// dropped, and a light plural stemmer (cities → city, boxes → box, rivers → river) so a question's
// wording finds a document's. No heavier stemming: names are most of what deep-search queries hold,
// and aggressive stemmers conflate them. Changing anything here changes search results: bump
// TOKENISER_VERSION (it keys the index cache and goes into the run fingerprint).
export const TOKENISER_VERSION = '1';

const STOP_WORDS = new Set(
  (
    'a an the and or but nor of in on at to for from by with without into onto over under about as is are was were be been being ' +
    'am do does did doing done has have had having it its this that these those there here which who whom whose what when where why how ' +
    'i me my we our you your he him his she her they them their not no so than then too very can could would should will shall may might ' +
    'must s t d ll m o re ve y also if because while after before during between both each few more most other some such only own same ' +
    'just any all'
  ).split(' '),
);

/** Fold diacritics and case: "Zoë" → "zoe". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A light plural stemmer (see the file header). */
export function stem(term: string): string {
  if (term.length <= 3 || /^\d/.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (/(?:x|z|ch|sh)es$/.test(term)) return term.slice(0, -2);
  if (term.endsWith('s') && !/(?:ss|us|is|os)$/.test(term)) return term.slice(0, -1);
  return term;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Split text into raw words (no folding): minisearch's `tokenize`. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** One raw word → its index term, or null for a stop word: minisearch's `processTerm`. */
export function processTerm(word: string): string | null {
  const t = fold(word);
  if (t === '' || STOP_WORDS.has(t)) return null;
  return stem(t);
}

/** The index terms of a text, in order (duplicates kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) {
    const t = processTerm(w);
    if (t) out.push(t);
  }
  return out;
}

/** Content words of a question, in order, without duplicates (for simple queries). */
export function keywords(text: string, max = 10): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of splitWords(text)) {
    const t = processTerm(w);
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * The passage of `text` (about `width` characters) that holds the most distinct query terms, cut at
 * word boundaries and marked with "…" where it was cut. Without any match: the start of the text.
 */
export function snippet(text: string, queryTerms: Iterable<string>, width = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const wanted = new Set(queryTerms);
  const hits: { at: number; term: string }[] = [];
  for (const m of flat.matchAll(WORD)) {
    const t = processTerm(m[0]);
    if (t && wanted.has(t)) hits.push({ at: m.index, term: t });
  }
  let start = 0;
  if (hits.length) {
    // Each hit is a candidate window start (with a little lead-in); score = distinct terms inside.
    let best = -1;
    for (let i = 0; i < hits.length; i++) {
      const from = hits[i]!.at;
      const distinct = new Set<string>();
      let count = 0;
      for (let j = i; j < hits.length && hits[j]!.at < from + width - 20; j++) {
        distinct.add(hits[j]!.term);
        count++;
      }
      const score = distinct.size * 1000 + count;
      if (score > best) {
        best = score;
        start = Math.max(0, from - Math.floor(width / 5));
      }
    }
  }
  start = Math.min(start, Math.max(0, flat.length - width));
  let end = Math.min(flat.length, start + width);
  // Snap to word boundaries.
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < start + 30) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
