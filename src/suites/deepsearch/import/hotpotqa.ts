// Import the official HotpotQA JSON (distractor or fullwiki dev/train: a list of {_id, question, answer,
// type, level, supporting_facts: [[title, sentence index]], context: [[title, [sentences]]]}) into a
// deep-search corpus and tasks.
//
// Corpus: every context paragraph of every question, pooled and de-duplicated by title (text = the
// sentences joined; a sentence that does not begin with whitespace is joined with one space). When one
// title comes with different texts in different questions, each distinct text is its own document
// (id suffix -v2, -v3, …) so that every question keeps exactly the paragraphs it was written against.
// Evidence: the documents of the titles named in supporting_facts, in order of first mention.
// τ: estimator hotpotqa-read v3 (tau.ts), or a τ file's value. Tags: hotpotqa, type, level, the answer
// kind (answer-kind.ts) and real-world (the suite then uses the real-world system prompt).
// Keys are read by name; their order does not matter.
import type { TaskRecord } from '../../../tasks/types.ts';
import { ConfigError } from '../../../errors.ts';
import { asObject, Fields, readJsonRecords } from '../../coding/import/common.ts';
import type { CorpusDoc } from '../corpus.ts';
import { docIdFromTitle, readInput, safeId, validSuiteName, writeImport, type DeepsearchImportResult } from './common.ts';
import { annotatedFromFile } from '../../coding/import/tau-estimator.ts';
import { stratifiedSample } from '../../coding/import/sample.ts';
import { answerKind } from './answer-kind.ts';
import { estimateHotpotTau, LEVEL_FACTOR } from './tau.ts';

export interface HotpotImportOptions {
  out: string;
  /** Suite name written into the tasks and naming the task file (default 'hotpotqa'). */
  suite?: string;
  /** τ by task id or HotpotQA _id (from --tau-file), overriding the estimator. */
  tauOverrides?: Map<string, number>;
  tauFileName?: string;
  /** Keep a seeded stratified sample of this many questions (sample.ts). */
  limit?: number;
  seed?: number;
}

/** Paragraph text from HotpotQA sentences. */
export function joinSentences(sentences: string[]): string {
  let out = '';
  for (const s of sentences) {
    if (s === '') continue;
    out += out === '' || /^\s/.test(s) ? s : ` ${s}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

interface Parsed {
  docs: CorpusDoc[];
  records: TaskRecord[];
  warnings: string[];
  /** Task id → the ids of every context document of its question. */
  context: Map<string, string[]>;
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Convert HotpotQA JSON text; throws a ConfigError naming `file: [index] (_id …): field` for every problem. */
export function convertHotpot(text: string, file: string, suite = 'hotpotqa', tau: Pick<HotpotImportOptions, 'tauOverrides' | 'tauFileName'> = {}): Parsed {
  validSuiteName(suite);
  const problems: string[] = [];
  const warnings: string[] = [];
  const { records: raw } = readJsonRecords(text, file, problems);
  // title → its distinct texts, each with its id
  const byTitle = new Map<string, { text: string; id: string }[]>();
  const docs: CorpusDoc[] = [];
  const records: TaskRecord[] = [];
  let variants = 0;
  let badIndices = 0;
  const docFor = (title: string, body: string): string => {
    const list = byTitle.get(title) ?? [];
    const same = list.find((v) => v.text === body);
    if (same) return same.id;
    const base = docIdFromTitle(title);
    const id = list.length === 0 ? base : `${base}-v${list.length + 1}`;
    if (list.length) variants++;
    list.push({ text: body, id });
    byTitle.set(title, list);
    docs.push({ id, title, text: body });
    return id;
  };
  const seenIds = new Set<string>();
  const context = new Map<string, string[]>();
  const usedOverrides = new Set<string>();

  for (const rec of raw) {
    const obj = asObject(rec, problems);
    if (!obj) continue;
    const f = new Fields(rec.where, obj, problems);
    const qid = f.string('_id', { nonEmpty: true });
    if (qid !== undefined) f.setLabel(`_id ${qid}`);
    const question = f.string('question', { nonEmpty: true });
    const answer = f.string('answer', { nonEmpty: true });
    const type = f.string('type');
    const level = f.string('level');
    if (type !== undefined && type !== 'bridge' && type !== 'comparison') f.problem(`field 'type' must be "bridge" or "comparison", got ${JSON.stringify(type)}`);
    if (level !== undefined && !(level in LEVEL_FACTOR)) f.problem(`field 'level' must be "easy", "medium" or "hard", got ${JSON.stringify(level)}`);

    // context: [[title, [sentences]]]
    const paragraphs = new Map<string, string[]>();
    if (!f.has('context')) f.problem("missing field 'context'");
    else if (!Array.isArray(obj.context)) f.problem(`field 'context' must be a list of [title, [sentences]], got ${describe(obj.context)}`);
    else {
      obj.context.forEach((entry: unknown, i: number) => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
          f.problem(`field 'context[${i}]' must be [title, [sentences]]`);
          return;
        }
        const [title, sentences] = entry as [string, unknown[]];
        const bad = sentences.findIndex((s) => typeof s !== 'string');
        if (bad !== -1) {
          f.problem(`field 'context[${i}][1][${bad}]' must be a string, got ${describe(sentences[bad])}`);
          return;
        }
        if (title.trim() === '') {
          f.problem(`field 'context[${i}][0]' (the title) is empty`);
          return;
        }
        if (!paragraphs.has(title)) paragraphs.set(title, sentences as string[]);
      });
    }

    // supporting_facts: [[title, sentence index]]
    const evidenceTitles: string[] = [];
    const factsOf = new Map<string, number[]>();
    if (!f.has('supporting_facts')) f.problem("missing field 'supporting_facts'");
    else if (!Array.isArray(obj.supporting_facts)) f.problem(`field 'supporting_facts' must be a list of [title, sentence index], got ${describe(obj.supporting_facts)}`);
    else {
      obj.supporting_facts.forEach((fact: unknown, j: number) => {
        if (!Array.isArray(fact) || fact.length !== 2 || typeof fact[0] !== 'string' || !Number.isInteger(fact[1]) || (fact[1] as number) < 0) {
          f.problem(`field 'supporting_facts[${j}]' must be [title, sentence index]`);
          return;
        }
        const [title, idx] = fact as [string, number];
        const sentences = paragraphs.get(title);
        if (!sentences) {
          if (Array.isArray(obj.context)) f.problem(`field 'supporting_facts[${j}]': title ${JSON.stringify(title)} is not in this question's context`);
          return;
        }
        // Sentence indices past the paragraph's end occur in the official files: counted, not fatal.
        if (idx >= sentences.length) badIndices++;
        if (!evidenceTitles.includes(title)) evidenceTitles.push(title);
        factsOf.set(title, [...(factsOf.get(title) ?? []), idx]);
      });
      if (obj.supporting_facts.length === 0) f.problem("field 'supporting_facts' is an empty list");
    }

    if (qid === undefined || question === undefined || answer === undefined || type === undefined || level === undefined) continue;
    if (problems.some((p) => p.startsWith(f.at))) continue;

    const ids = new Map<string, string>();
    for (const [title, sentences] of paragraphs) {
      const body = joinSentences(sentences);
      if (body === '') {
        if (evidenceTitles.includes(title)) f.problem(`supporting paragraph ${JSON.stringify(title)} has no text`);
        continue;
      }
      ids.set(title, docFor(title, body));
    }
    const evidence = evidenceTitles.map((t) => ids.get(t)).filter((x): x is string => Boolean(x));
    if (evidence.length !== evidenceTitles.length) continue;
    const id = `${suite}/${safeId(qid)}`;
    if (seenIds.has(id)) {
      f.problem(`duplicate _id (task id ${id})`);
      continue;
    }
    seenIds.add(id);
    const estimate = estimateHotpotTau({
      type: type as 'bridge' | 'comparison',
      level: level as keyof typeof LEVEL_FACTOR,
      question,
      answer,
      paragraphs: evidenceTitles.map((t) => ({ title: t, sentences: paragraphs.get(t)!, facts: factsOf.get(t)! })),
    });
    const overrideKey = [id, qid].find((k) => tau.tauOverrides?.has(k));
    if (overrideKey) usedOverrides.add(overrideKey);
    const chosen = overrideKey ? { tau: tau.tauOverrides!.get(overrideKey)!, tau_source: annotatedFromFile(tau.tauFileName ?? 'τ file') } : estimate;
    context.set(id, [...ids.values()]);
    records.push({
      id,
      suite,
      domain: 'deepsearch',
      prompt: question.trim(),
      ...chosen,
      payload: { kind: 'qa', answer: answer.trim(), aliases: [], evidence },
      source: { dataset: 'hotpotqa', id: qid, license: 'CC BY-SA 4.0' },
      tags: ['hotpotqa', type, level, answerKind(answer), 'real-world'],
    });
  }
  const stray = [...(tau.tauOverrides?.keys() ?? [])].filter((k) => !usedOverrides.has(k));
  if (stray.length) problems.push(`${tau.tauFileName ?? 'τ file'}: ${stray.length} id(s) match no imported question: ${stray.slice(0, 10).map((k) => `'${k}'`).join(', ')}`);
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the HotpotQA file at the records named above; nothing was written' });
  if (variants) warnings.push(`${variants} title(s) came with differing paragraph texts: kept as separate documents (-v2, …)`);
  if (badIndices) warnings.push(`${badIndices} supporting fact(s) point past the end of their paragraph (kept: the paragraph is still the evidence)`);
  return { docs, records, warnings, context };
}

export function importHotpotqa(file: string, options: HotpotImportOptions): DeepsearchImportResult {
  const suite = options.suite ?? 'hotpotqa';
  const parsed = convertHotpot(readInput(file, 'HotpotQA file'), file, suite, options);
  let { records, docs } = parsed;
  const warnings = [...parsed.warnings];
  if (options.limit !== undefined && options.limit < records.length) {
    records = stratifiedSample(records, options.limit, options.seed ?? 0, (r) => `${r.tags?.[1]}/${r.tags?.[3]}`);
    // The corpus keeps every context paragraph (gold and distractors) of the questions kept.
    const keep = new Set(records.flatMap((r) => parsed.context.get(r.id) ?? []));
    docs = docs.filter((d) => keep.has(d.id));
    warnings.push(`--limit ${options.limit}: kept a stratified sample (seed ${options.seed ?? 0}) of ${records.length} of ${parsed.records.length} questions`);
  }
  return writeImport(options.out, suite, records, { docs }, warnings, file);
}
