// Shortcut solvers of `sale datasets audit` for deep-search (qa) tasks. None of them reasons; each is a
// fixed recipe a benchmark must defeat in its hard bins:
//  - one-shot: one BM25 search with the question's own text, open the top k hits (first page of each,
//    as the `open` tool shows it), answer with the best-matching candidate span (extract.ts);
//  - search-only: the same search (10 hits), read only the snippets, never open a page;
//  - no-corpus: no search at all. Yes/no: the majority answer of the suite's other yes/no questions;
//    a question naming its options: a seeded random pick among them; otherwise the majority answer of
//    the other questions of the same template (tags[1], else the answer kind), leave-one-out.
// A task is solved when the grader's exact match accepts the answer (scoreAnswer from grader.ts).
import { createHash } from 'node:crypto';
import type { QaPayload, Task } from '../../../tasks/types.ts';
import type { Corpus } from '../corpus.ts';
import { scoreAnswer } from '../grader.ts';
import { normaliseAnswer } from '../normalise.ts';
import type { SearchIndex } from '../search-index.ts';
import { fold, snippet } from '../text.ts';
import { DEFAULT_TOOL_SETTINGS, paginate } from '../tools.ts';
import { answerKind, extractAnswer, questionOptions } from './extract.ts';

/** What the audit needs of a deep-search task (a loaded Task or a generator's draft). */
export interface AuditQuestion {
  id: string;
  prompt: string;
  payload: QaPayload;
  tags?: string[];
}

export interface ShortcutAnswer {
  answer: string | null;
  solved: boolean;
  /** Documents the solver opened (one-shot only). */
  opened: number;
}

export const ONE_SHOT_K = 3;
export const SEARCH_ONLY_K = 10;

const gold = (q: AuditQuestion) => [q.payload.answer, ...q.payload.aliases];
const solvedBy = (q: AuditQuestion, answer: string | null) => answer !== null && answer.trim() !== '' && scoreAnswer(answer, gold(q)).exactMatch;

/** The task-free part of a question (the generator's authority note and similar boilerplate removed). */
export const questionText = (prompt: string) => prompt.replace(/\s*Where sources disagree[^.]*\.[^.]*\.?\s*$/i, '').trim();

/**
 * Reading-based answers: options by sentence match. Yes/no questions get no answer: string matching
 * cannot decide them, and guessing is the no-corpus solver's job (so the two measure different things).
 */
function readAnswer(q: AuditQuestion, texts: string[]): string | null {
  const question = questionText(q.prompt);
  const kind = answerKind(question);
  if (kind === 'yesno') return null;
  return extractAnswer(question, texts, kind, kind === 'options' ? questionOptions(question) : []);
}

export function oneShot(q: AuditQuestion, index: SearchIndex, corpus: Corpus, k = ONE_SHOT_K): ShortcutAnswer {
  const hits = index.search(questionText(q.prompt), k);
  const texts = hits.map((h) => paginate(corpus.byId.get(h.id)!.text, DEFAULT_TOOL_SETTINGS.pageChars)[0]!);
  const answer = readAnswer(q, texts);
  return { answer, solved: solvedBy(q, answer), opened: hits.length };
}

export function searchOnly(q: AuditQuestion, index: SearchIndex, corpus: Corpus, k = SEARCH_ONLY_K): ShortcutAnswer {
  const question = questionText(q.prompt);
  const hits = index.search(question, k);
  const qTerms = index.queryTerms(question);
  const texts = hits.map((h) => `${h.title}. ${snippet(corpus.byId.get(h.id)!.text, qTerms, DEFAULT_TOOL_SETTINGS.snippetChars)}`);
  const answer = readAnswer(q, texts);
  return { answer, solved: solvedBy(q, answer), opened: 0 };
}

const isYesNo = (q: AuditQuestion) => ['yes', 'no'].includes(normaliseAnswer(q.payload.answer));
const templateOf = (q: AuditQuestion) => q.tags?.[1] ?? answerKind(questionText(q.prompt));
const uniform = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest().readUInt32BE(0) / 2 ** 32;

/** The majority yes/no answer of the other yes/no questions (ties: yes). */
export function yesNoPriorFor(all: AuditQuestion[], exclude?: AuditQuestion): 'yes' | 'no' {
  let yes = 0;
  let no = 0;
  for (const q of all) {
    if (q === exclude || !isYesNo(q)) continue;
    if (normaliseAnswer(q.payload.answer) === 'yes') yes++;
    else no++;
  }
  return no > yes ? 'no' : 'yes';
}

/** The no-corpus answer of `q` given the rest of the suite (leave-one-out priors). */
export function noCorpus(q: AuditQuestion, all: AuditQuestion[], seed = 0): ShortcutAnswer & { chance: number } {
  const question = questionText(q.prompt);
  const kind = answerKind(question);
  let answer: string | null = null;
  let chance = 0;
  if (kind === 'yesno') {
    answer = yesNoPriorFor(all, q);
    chance = 0.5;
  } else if (kind === 'options') {
    const options = questionOptions(question);
    answer = options[Math.floor(uniform('no-corpus', String(seed), q.id) * options.length)]!;
    chance = 1 / options.length;
  } else {
    const template = templateOf(q);
    const counts = new Map<string, { n: number; text: string }>();
    for (const o of all) {
      if (o === q || templateOf(o) !== template || isYesNo(o)) continue;
      const key = normaliseAnswer(o.payload.answer);
      const c = counts.get(key) ?? { n: 0, text: o.payload.answer };
      c.n++;
      counts.set(key, c);
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))[0];
    answer = best ? best[1].text : null;
  }
  return { answer, solved: solvedBy(q, answer), opened: 0, chance };
}

/** AuditQuestion view of loaded tasks (qa tasks only). */
export function auditQuestions(tasks: Task[]): (AuditQuestion & { bin: number })[] {
  return tasks.filter((t) => t.payload.kind === 'qa').map((t) => ({ id: t.id, bin: t.bin, prompt: t.prompt, payload: t.payload as QaPayload, tags: t.tags ?? [] }));
}

export const foldedIncludes = (hay: string, needle: string) => fold(hay).includes(fold(needle));
