import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load.ts';
import { ConfigError } from '../../../errors.ts';
import { loadTasks } from '../../../tasks/load.ts';
import { loadCorpus } from '../corpus.ts';
import { createDeepsearchSuite } from '../index.ts';
import { loadIndex } from '../search-index.ts';
import { validateDeepsearch } from '../validate.ts';
import { parseCsv } from './csv.ts';
import { convertHotpot, docIdFromTitle, importHotpotqa, importQa, joinSentences } from './index.ts';
import { answerItems, estimateHotpotTau, estimateQaTau } from './tau.ts';

const FIX = fileURLToPath(new URL('../../../../tests/fixtures/deepsearch/', import.meta.url));
const HOTPOT = join(FIX, 'import', 'hotpotqa-mini.json');
const CORPUS = join(FIX, 'corpus.jsonl');
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-ds-import-'));
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('hotpotqa importer', () => {
  it('pools and de-duplicates context paragraphs into a corpus, with evidence from supporting facts', () => {
    const out = tmp();
    const r = importHotpotqa(HOTPOT, { out });
    // 4 paragraphs of q1, Fenwick Sound from q2 (Calder Bay is the same text; Empty Page has none), and a
    // second text for "Kestrel Ferries" from q3.
    expect(r.documents).toBe(6);
    expect(r.tasks).toBe(3);
    expect(r.warnings.join(' ')).toMatch(/1 title\(s\) came with differing paragraph texts/);
    const corpus = loadCorpus(join(out, 'corpus.jsonl'));
    const kestrel = docIdFromTitle('Kestrel Ferries');
    expect(corpus.byId.get(kestrel)!.text).toBe('Kestrel Ferries is a ferry operator founded by Amos Wendell. It runs boats across the Marrow Strait.');
    expect(corpus.byId.get(`${kestrel}-v2`)!.text).toBe('Kestrel Ferries, a ferry operator, was founded by Amos Wendell and runs boats across the Marrow Strait.');
    const tasks = loadTasks([join(out, 'tasks')]);
    expect(tasks.map((t) => t.id)).toEqual(['hotpotqa/5f00aa0000000000000001', 'hotpotqa/5f00aa0000000000000002', 'hotpotqa/5f00aa0000000000000003']);
    const [t1, t2, t3] = tasks;
    expect(t1!.payload).toEqual({ kind: 'qa', answer: 'harbour pilot', aliases: [], evidence: [kestrel, docIdFromTitle('Amos Wendell')] });
    expect(t2!.payload).toMatchObject({ answer: 'yes', evidence: [docIdFromTitle('Calder Bay'), docIdFromTitle('Fenwick Sound')] });
    expect(t3!.payload).toMatchObject({ evidence: [`${kestrel}-v2`] });
    expect(t1!.tags).toEqual(['hotpotqa', 'bridge', 'hard', 'entity', 'real-world']);
    expect(t1!.source).toEqual({ dataset: 'hotpotqa', id: '5f00aa0000000000000001', license: 'CC BY-SA 4.0' });
    expect(t1!.tau_source).toMatchObject({ kind: 'estimator', name: 'hotpotqa-read', version: '3' });
    // q1: 12 question words / 200 + Kestrel Ferries named, fact in the snippet (search (1.35 + 0.28 × 15
    // characters + 1.1 + 2) s + 10 words / 250) + Amos Wendell not named (0.6 + open 0.1 + 16 words / 200) +
    // bridge 0.25 + typing 'harbour pilot' (1.35 + 0.28 × 13) s = 1.36, × hard 1.0.
    expect([t1!.tau, t2!.tau, t3!.tau]).toEqual([1.36, 0.41, 0.35]);
    expect(r.perBin).toEqual([0, 2, 1, 0, 0]);
    // The imported set loads as a suite (its corpus found beside the tasks) and validates.
    const config = loadConfig();
    const suite = createDeepsearchSuite('hotpotqa', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });
    expect(suite.corpus.file).toBe(join(out, 'corpus.jsonl'));
    const v = validateDeepsearch(tasks, suite.corpus, suite.index());
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => c.answerInEvidence)).toEqual([true, null, true]);
  });

  it('names the record index, the _id and the field of every problem, and writes nothing', () => {
    const good = JSON.parse(readFileSync(HOTPOT, 'utf8')) as Record<string, unknown>[];
    const bad = [
      good[0],
      { ...good[1], type: 'multi', supporting_facts: [['Nowhere', 0]] },
      { ...good[2], context: [['Kestrel Ferries', 'not a list']] },
      { ...good[0], _id: 'x4', answer: undefined },
      7,
    ];
    const problems = problemsOf(() => convertHotpot(JSON.stringify(bad), 'dev.json'));
    expect(problems).toEqual([
      `dev.json: [1] (_id 5f00aa0000000000000002): field 'type' must be "bridge" or "comparison", got "multi"`,
      `dev.json: [1] (_id 5f00aa0000000000000002): field 'supporting_facts[0]': title "Nowhere" is not in this question's context`,
      `dev.json: [2] (_id 5f00aa0000000000000003): field 'context[0]' must be [title, [sentences]]`,
      `dev.json: [2] (_id 5f00aa0000000000000003): field 'supporting_facts[0]': title "Kestrel Ferries" is not in this question's context`,
      `dev.json: [3] (_id x4): missing field 'answer'`,
      'dev.json: [4]: expected a JSON object, got number',
    ]);
    const out = tmp();
    writeFileSync(join(out, 'bad.json'), JSON.stringify(bad));
    expect(() => importHotpotqa(join(out, 'bad.json'), { out: join(out, 'o') })).toThrow(ConfigError);
    expect(() => readFileSync(join(out, 'o', 'corpus.jsonl'))).toThrow();
    expect(problemsOf(() => convertHotpot('[{"_id": 1', 'dev.json'))[0]).toMatch(/^dev\.json: not a valid JSON array/);
  });

  it('joins sentences the HotpotQA way and makes stable, distinct ids', () => {
    expect(joinSentences(['A b.', ' C d.', 'E f.', ''])).toBe('A b. C d. E f.');
    expect(docIdFromTitle('Up (film)')).toMatch(/^up-film-[0-9a-f]{8}$/);
    expect(docIdFromTitle('Up (film)')).not.toBe(docIdFromTitle('Up film'));
    expect(docIdFromTitle('Zoë')).toMatch(/^zoe-/);
    expect(docIdFromTitle('東京')).toMatch(/^doc-[0-9a-f]{8}$/);
  });
});

describe('qa importer', () => {
  const cacheDir = null;
  it('imports a SimpleQA-style CSV: answers found in the corpus become evidence, τ from the lookup estimator', () => {
    const out = tmp();
    const r = importQa(join(FIX, 'import', 'simpleqa-mini.csv'), { out, corpus: CORPUS, suite: 'simpleqa', cacheDir });
    expect(r.tasks).toBe(3);
    expect(readFileSync(join(out, 'corpus.jsonl'), 'utf8')).toBe(readFileSync(CORPUS, 'utf8'));
    const tasks = loadTasks([join(out, 'tasks')]);
    expect(tasks.map((t) => t.id)).toEqual(['simpleqa/1', 'simpleqa/2', 'simpleqa/3']);
    expect(tasks[2]!.prompt).toBe('Which treaty, signed in 1810,\nended the Salt War?');
    // "Port Aldry" is in several documents: at most 3 kept, the best BM25 match for the question first.
    expect(tasks[0]!.payload).toMatchObject({ answer: 'Port Aldry', aliases: [] });
    const ev0 = (tasks[0]!.payload as { evidence: string[] }).evidence;
    expect(ev0).toHaveLength(3);
    expect(ev0[0]).toBe('orrin-castelbrook');
    expect((tasks[1]!.payload as { evidence: string[] }).evidence).toEqual(['lake-quenmere']);
    expect((tasks[2]!.payload as { evidence: string[] }).evidence).toEqual(['history-of-velmora']);
    for (const t of tasks) expect(t.tau_source).toMatchObject({ kind: 'estimator', name: 'qa-lookup', version: '1' });
    expect(tasks.every((t) => t.tau <= 0.5)).toBe(true);
  });

  it('imports a PopQA-style JSONL: a JSON-list answer gives answer and aliases; ids from the id column', () => {
    const out = tmp();
    const r = importQa(join(FIX, 'import', 'popqa-mini.jsonl'), { out, corpus: CORPUS, suite: 'popqa', cacheDir });
    expect(r.tasks).toBe(2);
    const tasks = loadTasks([join(out, 'tasks')]);
    expect(tasks.map((t) => t.id)).toEqual(['popqa/101', 'popqa/102']);
    expect(tasks[0]!.payload).toMatchObject({ answer: 'novelist', aliases: ['writer'], evidence: ['mirelle-vantresca'] });
    expect(tasks[1]!.payload).toMatchObject({ answer: 'Mirelle Vantresca' });
    expect(tasks[1]!.source).toEqual({ dataset: 'popqa', id: '102' });
  });

  it('takes column names from flags, and aliases as JSON or |-separated text', () => {
    const dir = tmp();
    const file = join(dir, 'q.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ key: 'a', q: 'Which lake is deepest in Velmora?', gold: 'Quenmere', alts: 'Lake Quenmere|Quenmere lake' }),
        JSON.stringify({ key: 'b', q: 'Who painted Fog over Lake Orsay?', gold: 'Orrin Castelbrooke', alts: '["Castelbrooke"]' }),
      ].join('\n'),
    );
    importQa(file, { out: join(dir, 'o'), corpus: CORPUS, questionColumn: 'q', answerColumn: 'gold', aliasesColumn: 'alts', idColumn: 'key', cacheDir });
    const tasks = loadTasks([join(dir, 'o', 'tasks')]);
    expect(tasks.map((t) => [t.id, (t.payload as { aliases: string[] }).aliases])).toEqual([
      ['qa/a', ['Lake Quenmere', 'Quenmere lake']],
      ['qa/b', ['Castelbrooke']],
    ]);
    expect(problemsOf(() => importQa(file, { out: join(dir, 'p'), corpus: CORPUS, questionColumn: 'question', cacheDir }))[0]).toMatch(/no column 'question'/);
  });

  it('errors (file:line) when no document contains the answer, unless told to skip; errors on bad rows', () => {
    const dir = tmp();
    const file = join(dir, 'q.csv');
    writeFileSync(file, 'question,answer\nWhere was Orrin Castelbrook born?,Port Aldry\nWhat is the capital of Mars?,Olympus City\n,orphan\n');
    const problems = problemsOf(() => importQa(file, { out: join(dir, 'o'), corpus: CORPUS, cacheDir }));
    expect(problems).toEqual([`${file}:3 (id 2): no corpus document contains the answer "Olympus City"`, `${file}:4: column 'question' is empty or not text`]);
    const fixed = join(dir, 'q2.csv');
    writeFileSync(fixed, 'question,answer\nWhere was Orrin Castelbrook born?,Port Aldry\nWhat is the capital of Mars?,Olympus City\n');
    const r = importQa(fixed, { out: join(dir, 'o'), corpus: CORPUS, skipUnanswerable: true, cacheDir });
    expect(r.tasks).toBe(1);
    expect(r.warnings[0]).toMatch(/1 question\(s\) dropped/);
    writeFileSync(file, 'question,answer\n"unclosed,x\n');
    expect(problemsOf(() => importQa(file, { out: join(dir, 'x'), corpus: CORPUS, cacheDir }))[0]).toMatch(/q\.csv:2: a quoted field is never closed/);
  });
});

describe('csv reader and τ estimators', () => {
  it('reads quoted fields, escaped quotes, embedded newlines and CRLF, keeping start lines', () => {
    const { records } = parseCsv('a,b\r\n"x, ""y""","multi\nline"\r\n\r\nlast,\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'multi\nline'] },
      { line: 5, fields: ['last', ''] },
    ]);
    expect(parseCsv('a\tb\n1\t2', '\t').records[1]!.fields).toEqual(['1', '2']);
  });

  it('prices searches, documents and steps as documented', () => {
    const para = (title: string, n: number, facts: number[]) => ({ title, sentences: Array.from({ length: n }, () => 'one two three four five six seven eight nine ten'), facts });
    const q = 'Which lake is deeper, Lake Quenmere or Lake Dorrow?'; // 9 words
    // A named search: M + K per character typed + P + 2 s scanning, in minutes; typing the answer: M + K per character.
    const search = (title: string) => (1.35 + 0.28 * title.length + 1.1 + 2) / 60;
    const typed = (answer: string) => (1.35 + 0.28 * answer.length) / 60;
    const r2 = (x: number) => Math.round(100 * x) / 100;
    // comparison, both named, facts in the snippets: 9/200 + 2 searches + 2 × 10/250 + 0.1 + 0.25 (deeper) + the answer
    const cmp = 9 / 200 + search('Lake Quenmere') + search('Lake Dorrow') + 2 * (10 / 250) + 0.1 + 0.25 + typed('Lake Dorrow');
    expect(estimateHotpotTau({ type: 'comparison', level: 'hard', question: q, answer: 'Lake Dorrow', paragraphs: [para('Lake Quenmere', 3, [0]), para('Lake Dorrow (lake)', 3, [0])] }).tau).toBe(r2(cmp));
    // the same, medium: × 0.85
    expect(estimateHotpotTau({ type: 'comparison', level: 'medium', question: q, answer: 'Lake Dorrow', paragraphs: [para('Lake Quenmere', 3, [0]), para('Lake Dorrow', 3, [0])] }).tau).toBe(r2(cmp * 0.85));
    // bridge through an unnamed paragraph, facts in sentences 2 and 3: 0.6 + 0.1 + 40/200 + 0.1 (second fact)
    const bridge = estimateHotpotTau({ type: 'bridge', level: 'hard', question: 'Who founded the company that built Lake Quenmere dam?', answer: 'Orrin Vale', paragraphs: [para('Lake Quenmere', 3, [0]), para('Orrin Works', 6, [2, 3])] });
    expect(bridge.tau).toBe(r2(9 / 200 + search('Lake Quenmere') + 10 / 250 + 0.6 + 0.1 + 40 / 200 + 0.1 + 0.25 + typed('Orrin Vale')));
    expect(bridge.tau_source.rationale).toMatch(/bridge paragraph, read to sentence 4, 40 words, 2 fact\(s\)/);
    // A sentence past the listed facts that holds two of the question's words is read to; a list answer
    // costs 0.1 per item after the first.
    const deep = { title: 'Kim Arle', sentences: ['Kim Arle is a tennis player.', 'He was born in Tarn.', 'He won four singles titles in his career.'], facts: [0] };
    const diff = estimateHotpotTau({ type: 'bridge', level: 'hard', question: 'How many more singles titles did Kim Arle win than Lo Tess?', answer: 'two', paragraphs: [deep, { title: 'Lo Tess', sentences: ['Lo Tess won two singles titles.'], facts: [0] }] });
    expect(diff.tau_source.rationale).toMatch(/named paragraph \(search 8 characters\), read to sentence 3, 19 words/);
    const list = (answer: string) => estimateHotpotTau({ type: 'bridge', level: 'hard', question: 'Name two novels by Ada Rell.', answer, paragraphs: [para('Ada Rell', 2, [1])] }).tau;
    const two = '"Fen" (1901), "Marsh" (1903)';
    expect(list(two) - list('x'.repeat(two.length))).toBeCloseTo(0.1, 5);
    expect(answerItems('"Hotel" (1965), "Airport" (1968), "Wheels" (1971)')).toBe(3);
    expect(answerItems('Carondelet Canal')).toBe(1);
    expect(estimateQaTau('snippet').tau).toBe(0.1);
    expect(estimateQaTau('top10').tau).toBe(0.45);
    expect(estimateQaTau('rephrase').tau).toBe(1.25);
  });
});

describe('index cache shared by an import and its corpus copy', () => {
  it('the copied corpus has the same content hash, so its cached index is reused', () => {
    const out = tmp();
    const cache = tmp();
    expect(loadIndex(loadCorpus(CORPUS), { cacheDir: cache, noMemory: true }).source).toBe('built');
    importQa(join(FIX, 'import', 'popqa-mini.jsonl'), { out, corpus: CORPUS, cacheDir: cache });
    const copy = loadCorpus(join(out, 'corpus.jsonl'));
    expect(copy.hash).toBe(loadCorpus(CORPUS).hash);
    expect(loadIndex(copy, { cacheDir: cache, noMemory: true }).source).toBe('disk');
  });
});
