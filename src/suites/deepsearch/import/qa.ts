// Import a short-answer question set (SimpleQA, PopQA and the like: JSONL, a JSON list, CSV or TSV with a
// question and an answer column) against an existing corpus.
//
// Columns: --question-column (default: the first of question, problem, query, prompt), --answer-column
// (answer, answers, possible_answers, gold_answer, obj), --aliases-column (aliases, answer_aliases; optional),
// --id-column (id, _id, qid, question_id; else the row number). An answer cell holding a JSON list (PopQA's
// possible_answers) gives the answer (first) and aliases (the rest); an aliases cell is a JSON list or a
// '|'-separated string.
//
// Evidence rule (qa-evidence v1): the corpus documents whose title or text contains the answer or an alias
// as a run of whole normalised tokens (the grader's normalisation: case, punctuation, articles, numbers
// and dates); when more than --max-evidence (default 3) do, those ranking highest for the question's own
// text under the suite's BM25 index are kept (then corpus order). A question whose answer no document
// contains is an error naming its line (or, with --skip-unanswerable, dropped and counted).
// τ: estimator qa-lookup v1 (tau.ts). The corpus is copied byte for byte to DIR/corpus.jsonl so that
// `bench run --tasks DIR/tasks` finds it (and the index cache, keyed by content, is shared).
import { extname } from 'node:path';
import { ConfigError } from '../../../errors.ts';
import type { TaskRecord } from '../../../tasks/types.ts';
import { asObject, readJsonRecords } from '../../coding/import/common.ts';
import { loadCorpus, type Corpus } from '../corpus.ts';
import { answerTokens } from '../normalise.ts';
import { loadIndex, type SearchIndex } from '../search-index.ts';
import { snippet } from '../text.ts';
import { parseCsv } from './csv.ts';
import { readInput, safeId, validSuiteName, writeImport, type DeepsearchImportResult } from './common.ts';
import { stratifiedSample } from '../../coding/import/sample.ts';
import { answerKind } from './answer-kind.ts';
import { estimateQaTau, type LookupKind } from './tau.ts';

export interface QaImportOptions {
  out: string;
  corpus: string;
  suite?: string;
  questionColumn?: string;
  answerColumn?: string;
  aliasesColumn?: string;
  idColumn?: string;
  maxEvidence?: number;
  skipUnanswerable?: boolean;
  /** Index cache folder (tests); default the project's. */
  cacheDir?: string | null;
  /** The corpus describes the real world: tag the tasks real-world (the suite's real-world system prompt). */
  realWorld?: boolean;
  /** Keep a seeded stratified sample of this many questions (by bin, then answer kind; see sample.ts). */
  limit?: number;
  seed?: number;
}

const DEFAULT_COLUMNS = {
  question: ['question', 'problem', 'query', 'prompt'],
  answer: ['answer', 'answers', 'possible_answers', 'gold_answer', 'obj'],
  aliases: ['aliases', 'answer_aliases'],
  id: ['id', '_id', 'qid', 'question_id'],
};

interface Row {
  where: string;
  values: Record<string, unknown>;
  index: number;
}

/** Rows of the input, each located by file:line (JSONL, CSV, TSV) or file: [index] (JSON list). */
function readRows(text: string, file: string, problems: string[]): Row[] {
  const ext = extname(file).toLowerCase();
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (ext === '.csv' || ext === '.tsv' || (first !== '{' && first !== '[')) {
    const { records, error } = parseCsv(text, ext === '.tsv' ? '\t' : ',');
    if (error) problems.push(`${file}:${error.line}: ${error.message}`);
    const [header, ...body] = records;
    if (!header) {
      problems.push(`${file}: no header row`);
      return [];
    }
    const names = header.fields.map((h) => h.trim());
    return body.map((r, i) => {
      if (r.fields.length !== names.length) problems.push(`${file}:${r.line}: ${r.fields.length} fields, but the header has ${names.length}`);
      return { where: `${file}:${r.line}`, values: Object.fromEntries(names.map((n, j) => [n, r.fields[j] ?? ''])), index: i };
    });
  }
  const { records } = readJsonRecords(text, file, problems);
  const rows: Row[] = [];
  records.forEach((rec, i) => {
    const obj = asObject(rec, problems);
    if (obj) rows.push({ where: rec.where, values: obj, index: i });
  });
  return rows;
}

function pickColumn(kind: keyof typeof DEFAULT_COLUMNS, given: string | undefined, rows: Row[], file: string, required: boolean): string | null {
  const present = new Set(rows.flatMap((r) => Object.keys(r.values)));
  if (given !== undefined) {
    if (!present.has(given)) throw new ConfigError([`${file}: no column '${given}' (given by --${kind}-column); columns: ${[...present].join(', ')}`]);
    return given;
  }
  const found = DEFAULT_COLUMNS[kind].find((c) => present.has(c));
  if (!found && required) {
    throw new ConfigError([`${file}: no ${kind} column (looked for ${DEFAULT_COLUMNS[kind].join(', ')}); columns: ${[...present].join(', ')}`], {
      fix: `name it with --${kind}-column`,
    });
  }
  return found ?? null;
}

/** A cell as a list of strings: a JSON list (as a value or as text), else one string ('|'-split when `split`). */
function cellStrings(v: unknown, split: boolean): string[] | null {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' || typeof x === 'number') ? v.map((x) => String(x).trim()).filter(Boolean) : null;
  if (typeof v === 'number') return [String(v)];
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t.startsWith('[')) {
    try {
      return cellStrings(JSON.parse(t), false);
    } catch {
      // not JSON: a literal answer that starts with '['
    }
  }
  if (t === '') return [];
  return split ? t.split('|').map((s) => s.trim()).filter(Boolean) : [t];
}

/** Documents containing a token run, found through a token → documents map. */
class AnswerFinder {
  private readonly hay: string[];
  private readonly postings = new Map<string, number[]>();
  constructor(corpus: Corpus) {
    this.hay = corpus.docs.map((d, i) => {
      const tokens = answerTokens(`${d.title}\n${d.text}`);
      for (const t of new Set(tokens)) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
      return ` ${tokens.join(' ')} `;
    });
  }

  containing(answer: string): number[] {
    const tokens = answerTokens(answer);
    if (tokens.length === 0) return [];
    let rarest: number[] | undefined;
    for (const t of tokens) {
      const list = this.postings.get(t) ?? [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    const needle = ` ${tokens.join(' ')} `;
    return (rarest ?? []).filter((i) => this.hay[i]!.includes(needle));
  }
}

function lookupKind(index: SearchIndex, question: string, evidence: string[], gold: string[]): LookupKind {
  const hits = index.search(question, 10);
  if (hits.length === 0) return 'rephrase';
  const top = hits[0]!;
  if (evidence.includes(top.id)) {
    const snip = snippet(index.corpus.byId.get(top.id)!.text, index.queryTerms(question));
    const hay = ` ${answerTokens(snip).join(' ')} `;
    if (gold.some((g) => hay.includes(` ${answerTokens(g).join(' ')} `))) return 'snippet';
  }
  return hits.some((h) => evidence.includes(h.id)) ? 'top10' : 'rephrase';
}

export function convertQa(text: string, file: string, corpus: Corpus, index: SearchIndex, options: Omit<QaImportOptions, 'out' | 'corpus'>) {
  const suite = options.suite ?? 'qa';
  validSuiteName(suite);
  const maxEvidence = options.maxEvidence ?? 3;
  const problems: string[] = [];
  const warnings: string[] = [];
  const rows = readRows(text, file, problems);
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the input file; nothing was written' });
  const qCol = pickColumn('question', options.questionColumn, rows, file, true)!;
  const aCol = pickColumn('answer', options.answerColumn, rows, file, true)!;
  const alCol = pickColumn('aliases', options.aliasesColumn, rows, file, false);
  const idCol = pickColumn('id', options.idColumn, rows, file, false);
  const finder = new AnswerFinder(corpus);
  const records: TaskRecord[] = [];
  const seen = new Map<string, string>();
  let skipped = 0;
  for (const row of rows) {
    const v = row.values;
    const question = typeof v[qCol] === 'string' ? (v[qCol] as string).trim() : '';
    if (!question) {
      problems.push(`${row.where}: column '${qCol}' is ${v[qCol] === undefined ? 'missing' : 'empty or not text'}`);
      continue;
    }
    const answers = cellStrings(v[aCol], false);
    if (answers === null || answers.length === 0) {
      problems.push(`${row.where}: column '${aCol}' must hold an answer (text, or a JSON list of texts)`);
      continue;
    }
    const extra = alCol ? cellStrings(v[alCol], true) : [];
    if (extra === null) {
      problems.push(`${row.where}: column '${alCol}' must be a JSON list or '|'-separated text`);
      continue;
    }
    const [answer, ...rest] = answers;
    const aliases = [...new Set([...rest, ...extra])].filter((a) => a !== answer);
    const rawId = idCol && v[idCol] !== undefined && String(v[idCol]).trim() !== '' ? String(v[idCol]).trim() : String(row.index + 1);
    const id = `${suite}/${safeId(rawId)}`;
    const prev = seen.get(id);
    if (prev) {
      problems.push(`${row.where}: duplicate id '${rawId}' (first at ${prev})`);
      continue;
    }
    seen.set(id, row.where);
    const gold = [answer!, ...aliases];
    const candidates = [...new Set(gold.flatMap((g) => finder.containing(g)))].sort((a, b) => a - b).map((i) => corpus.docs[i]!.id);
    if (candidates.length === 0) {
      if (options.skipUnanswerable) skipped++;
      else problems.push(`${row.where} (id ${rawId}): no corpus document contains the answer ${JSON.stringify(answer)}${aliases.length ? ' or an alias' : ''}`);
      continue;
    }
    let evidence = candidates;
    if (candidates.length > maxEvidence) {
      const set = new Set(candidates);
      const ranked = index.search(question, maxEvidence, (docId) => set.has(docId)).map((h) => h.id);
      evidence = [...ranked, ...candidates.filter((c) => !ranked.includes(c))].slice(0, maxEvidence);
    }
    const tau = estimateQaTau(lookupKind(index, question, evidence, gold));
    records.push({
      id,
      suite,
      domain: 'deepsearch',
      prompt: question,
      ...tau,
      payload: { kind: 'qa', answer: answer!, aliases, evidence },
      source: { dataset: suite, id: rawId },
      tags: ['qa-import', answerKind(answer!), ...(options.realWorld ? ['real-world'] : [])],
    });
  }
  if (problems.length) {
    throw new ConfigError(problems, {
      fix: problems.some((p) => p.includes('no corpus document contains'))
        ? 'use a corpus that holds the answers, or pass --skip-unanswerable to drop those questions; nothing was written'
        : 'correct the input file; nothing was written',
    });
  }
  if (skipped) warnings.push(`${skipped} question(s) dropped: no corpus document contains their answer (--skip-unanswerable)`);
  return { records, warnings };
}

export function importQa(file: string, options: QaImportOptions): DeepsearchImportResult {
  const suite = options.suite ?? 'qa';
  const corpus = loadCorpus(options.corpus);
  const { index } = loadIndex(corpus, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
  const converted = convertQa(readInput(file, 'question file'), file, corpus, index, options);
  let { records } = converted;
  const warnings = [...converted.warnings];
  if (options.limit !== undefined && options.limit < records.length) {
    records = stratifiedSample(records, options.limit, options.seed ?? 0, (r) => r.tags?.[1] ?? '');
    warnings.push(`--limit ${options.limit}: kept a stratified sample (seed ${options.seed ?? 0}) of ${records.length} of ${converted.records.length} questions`);
  }
  return writeImport(options.out, suite, records, { copyFrom: corpus.file, documents: corpus.docs.length }, warnings, file);
}
