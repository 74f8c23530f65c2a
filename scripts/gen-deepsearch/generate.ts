// Orchestrates the deep-search generator: world → documents (main pages, conflicting duplicates, mention
// documents) → shuffled document ids → questions → checks → JSONL text. Pure: returns the files' text,
// the caller writes them. Every check throws (the generator fails loudly rather than write a bad suite).
import { BIN_EDGES, binOf } from '../../src/tasks/bins.ts';
import { formatZodIssues, taskRecordSchema } from '../../src/tasks/schema.ts';
import type { TaskRecord } from '../../src/tasks/types.ts';
import type { Entity, World } from './entities.ts';
import { docText, type Doc } from './doc-builder.ts';
import { fmtInt } from './doc-text.ts';
import { renderDuplicate, renderMain } from './documents.ts';
import { renderMentions } from './mentions.ts';
import { parseCorpus } from '../../src/suites/deepsearch/corpus.ts';
import { buildIndex } from '../../src/suites/deepsearch/search-index.ts';
import { makeQuestions, QUESTIONS_PER_BIN, type Question } from './questions.ts';
import { Rng } from './rng.ts';
import { TAU_ESTIMATOR, tauArithmetic, tauOf } from './tau.ts';
import { buildWorld } from './world.ts';

export const DEFAULT_SEED = 1729;

/** How many entities of each kind get a superseded or disputed second page with one fact changed. */
export const CONFLICTS = { person: 40, org: 20, ship: 20, town: 10 } as const;

/** Task files, one per bin (the suite config points at the tasks/ folder; the corpus sits beside it). */
export const TASK_FILES = ['b1-lookup.jsonl', 'b2-deep-read.jsonl', 'b3-two-hops.jsonl', 'b4-multi-hop.jsonl', 'b5-research.jsonl'] as const;
export const MIN_PER_BIN = QUESTIONS_PER_BIN;
/** Snippet questions must have the answer within this many characters of the start of the page. */
export const SNIPPET_CHARS = 220;

export interface Generated {
  corpus: string;
  tasks: Record<(typeof TASK_FILES)[number], string>;
  stats: {
    seed: number;
    documents: number;
    byRole: Record<Doc['role'], number>;
    corpusBytes: number;
    questionsPerBin: number[];
    nearNamesakes: number;
    conflicts: number;
    tauRange: [number, number][];
  };
  /** For tests and reports. */
  world: World;
  docs: Doc[];
  questions: Question[];
}

function addConflicts(w: World, rng: Rng): Map<Entity, Entity> {
  const changed = new Map<Entity, Entity>();
  const r = rng.fork('conflicts');
  // A 1902 almanac cannot know later dates: entities with facts after 1901 get the disputed family chronicle.
  const source = (latest: number) => (latest > 1901 ? 'chronicle' : r.pick(['almanac', 'chronicle'] as const));
  // People with works or organisations are more likely to be on a question's path.
  const notable = w.people.filter((p) => p.works.length || p.founded.length);
  for (const p of r.sample(notable, CONFLICTS.person)) {
    const delta = r.pick([-3, -2, -1, 1, 2, 3]);
    p.conflict = { fact: 'born', wrongValue: String(p.born.y + delta), source: source(p.died) };
    changed.set(p, { ...p, born: { ...p.born, y: p.born.y + delta } });
  }
  for (const o of r.sample(w.orgs, CONFLICTS.org)) {
    const delta = r.pick([-6, -4, -3, -2, 2, 3, 5]);
    o.conflict = { fact: 'founded', wrongValue: String(o.founded + delta), source: source(Math.max(o.founded, o.staff.year, o.dissolved ?? 0)) };
    changed.set(o, { ...o, founded: o.founded + delta });
  }
  for (const s of r.sample(w.ships, CONFLICTS.ship)) {
    if (r.chance(0.5)) {
      const delta = r.pick([-2, -1, 1, 2]);
      s.conflict = { fact: 'launched', wrongValue: String(s.launched.y + delta), source: source(s.fate.year) };
      changed.set(s, { ...s, launched: { ...s.launched, d: Math.min(s.launched.d, 28), y: s.launched.y + delta } });
    } else {
      const t = s.tonnage + r.pick([-120, -60, -40, 40, 80, 150]);
      const wrong = Math.max(30, t);
      s.conflict = { fact: 'tonnage', wrongValue: fmtInt(wrong), source: source(s.fate.year) };
      changed.set(s, { ...s, tonnage: wrong });
    }
  }
  for (const t of r.sample(w.towns, CONFLICTS.town)) {
    const p = Math.round(t.pop1900 * r.pick([0.8, 0.9, 1.1, 1.25]));
    t.conflict = { fact: 'pop1900', wrongValue: fmtInt(p), source: 'almanac' };
    changed.set(t, { ...t, pop1900: p });
  }
  return changed;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Case-insensitive match on word boundaries (so "one" does not match inside "stone"). */
export function mentions(text: string, value: string): boolean {
  const v = value.trim();
  if (!v) return false;
  const left = /^\w/.test(v) ? '\\b' : '';
  const right = /\w$/.test(v) ? '\\b' : '';
  return new RegExp(`${left}${escapeRe(v)}${right}`, 'i').test(text);
}

export function generate(seed = DEFAULT_SEED): Generated {
  const root = new Rng(seed);
  const world = buildWorld(root.fork('world'));
  const changed = addConflicts(world, root);

  const entities: Entity[] = [
    ...world.provinces, ...world.rivers, ...world.towns, ...world.people, ...world.orgs, ...world.ships, ...world.bridges,
    ...world.books, ...world.paintings, ...world.events,
  ];
  const renderRng = root.fork('render');
  const docOf = new Map<Entity, Doc>();
  const docs: Doc[] = [];
  for (const e of entities) {
    const d = renderMain(e, world, renderRng);
    docOf.set(e, d);
    docs.push(d);
  }
  for (const [e, c] of changed) docs.push(renderDuplicate(e, c as Entity, world, renderRng));
  docs.push(...renderMentions(world, root));

  // Ids in a shuffled order, so an id says nothing about the kind of document.
  const order = root.fork('ids').shuffle(docs);
  order.forEach((d, i) => (d.id = `doc-${String(i + 1).padStart(5, '0')}`));
  const sortedDocs = [...docs].sort((a, b) => a.id.localeCompare(b.id));

  // The suite's own BM25 index (src/suites/deepsearch/search-index.ts) over the corpus as it will be
  // written, so the generator's filters see the search results agents and `sale datasets audit` see.
  const corpusText = sortedDocs.map((d) => JSON.stringify({ id: d.id, title: d.title, text: docText(d), url: d.url })).join('\n') + '\n';
  const suiteCorpus = parseCorpus(corpusText, 'corpus.jsonl');
  const index = buildIndex(suiteCorpus);
  const questions = makeQuestions(world, docOf, root, suiteCorpus, index, docs.filter((d) => d.role === 'mention'));
  const byBin: Question[][] = [[], [], [], [], []];
  for (const q of questions) byBin[q.bin]!.push(q);

  const records: TaskRecord[][] = byBin.map((qs, bin) =>
    qs.map((q, i) => ({
      id: `deepsearch/b${bin + 1}-${String(i + 1).padStart(3, '0')}`,
      suite: 'deepsearch',
      domain: 'deepsearch' as const,
      prompt: q.prompt,
      tau: tauOf(q.work),
      tau_source: { kind: 'estimator' as const, ...TAU_ESTIMATOR, rationale: `${tauArithmetic(q.work)}. ${q.why}.` },
      payload: { kind: 'qa' as const, answer: q.answer, aliases: q.aliases, evidence: q.evidence.map((d) => d.id) },
      tags: q.tags,
    })),
  );

  check(sortedDocs, byBin, records);

  const corpus = corpusText;
  const tasks = Object.fromEntries(TASK_FILES.map((f, i) => [f, records[i]!.map((r) => JSON.stringify(r)).join('\n') + '\n'])) as Generated['tasks'];
  const byRole = { main: 0, duplicate: 0, mention: 0 };
  for (const d of docs) byRole[d.role]++;
  const named = [...world.people, ...world.ships, ...world.towns];
  return {
    corpus,
    tasks,
    stats: {
      seed,
      documents: docs.length,
      byRole,
      corpusBytes: Buffer.byteLength(corpus),
      questionsPerBin: byBin.map((qs) => qs.length),
      nearNamesakes: new Set(named.filter((e) => e.near).map((e) => [e.slug, e.near!.slug].sort().join('|'))).size,
      conflicts: changed.size,
      tauRange: records.map((rs) => [Math.min(...rs.map((r) => r.tau)), Math.max(...rs.map((r) => r.tau))] as [number, number]),
    },
    world,
    docs: sortedDocs,
    questions,
  };
}

/** Every check the brief asks for; throws with every problem listed. Exported for tests. */
export function check(docs: Doc[], byBin: Question[][], records: TaskRecord[][]): void {
  const problems: string[] = [];
  const byId = new Map<string, Doc>();
  const urls = new Set<string>();
  for (const d of docs) {
    if (byId.has(d.id)) problems.push(`duplicate document id ${d.id}`);
    byId.set(d.id, d);
    if (urls.has(d.url)) problems.push(`duplicate url ${d.url} (${d.id})`);
    urls.add(d.url);
    if (!d.title || !docText(d)) problems.push(`${d.id}: empty title or text`);
  }
  if (docs.length < 2000) problems.push(`only ${docs.length} documents (need ≥ 2000)`);
  const taskIds = new Set<string>();
  const prompts = new Set<string>();
  byBin.forEach((qs, bin) => {
    if (qs.length < MIN_PER_BIN) problems.push(`bin ${bin + 1}: ${qs.length} questions (need ≥ ${MIN_PER_BIN})`);
    qs.forEach((q, i) => {
      const r = records[bin]![i]!;
      const where = r.id;
      if (taskIds.has(r.id)) problems.push(`${where}: duplicate task id`);
      taskIds.add(r.id);
      if (prompts.has(q.prompt)) problems.push(`${where}: duplicate prompt`);
      prompts.add(q.prompt);
      const parsed = taskRecordSchema.safeParse(r);
      if (!parsed.success) problems.push(...formatZodIssues(parsed.error).map((m) => `${where}: ${m}`));
      for (const id of (r.payload as { evidence: string[] }).evidence) if (!byId.has(id)) problems.push(`${where}: evidence ${id} does not exist`);
      if (new Set(q.evidence).size !== q.evidence.length) problems.push(`${where}: evidence listed twice`);
      for (const s of q.support) if (!mentions(docText(s.doc), s.value)) problems.push(`${where}: '${s.value}' is not in evidence ${s.doc.id}`);
      if (!q.computed) {
        const texts = q.evidence.map(docText);
        if (![q.answer, ...q.aliases].some((a) => texts.some((t) => mentions(t, a)))) problems.push(`${where}: neither the answer '${q.answer}' nor an alias occurs in its evidence`);
      }
      if (q.computed !== q.tags.includes('computed')) problems.push(`${where}: computed flag and tag disagree`);
      const tau = tauOf(q.work);
      if (binOf(tau) !== bin) problems.push(`${where}: τ ${tau} is outside bin ${bin + 1} (≤ ${BIN_EDGES[bin]})`);
      if (bin === 0) {
        const lead = docText(q.evidence[0]!).slice(0, SNIPPET_CHARS);
        if (q.evidence.length !== 1 || !mentions(lead, q.support[0]!.value)) problems.push(`${where}: snippet question whose fact is not in the first ${SNIPPET_CHARS} characters`);
      }
      if (bin === 1 && (q.evidence.length !== 1 || [...q.evidence[0]!.facts.values()].every((f) => f.para < 2 || f.value !== q.support[0]!.value))) problems.push(`${where}: one-document question whose fact is not deep in the page`);
      if (bin === 2 && q.evidence.length !== 2) problems.push(`${where}: two-hop question with ${q.evidence.length} documents`);
      if (bin === 3 && q.evidence.length < 3) problems.push(`${where}: multi-hop question with ${q.evidence.length} documents`);
      if (bin === 4 && q.evidence.length < 5) problems.push(`${where}: research question with fewer than five documents`);
      for (const a of q.aliases) if (!a.trim()) problems.push(`${where}: empty alias`);
    });
  });
  if (problems.length) throw new Error(`deep-search generator: ${problems.length} problem(s):\n  ${problems.slice(0, 60).join('\n  ')}`);
}
