// The bundled deep-search suite and its generator (scripts/gen-deepsearch.ts): the committed files are
// exactly what the generator makes from its seed, the checks it runs fail loudly, and the data has the
// distractors and bins the suite promises.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_SEED, generate, mentions, TASK_FILES, type Generated } from '../scripts/gen-deepsearch/generate.ts';
import { nearNamesake } from '../scripts/gen-deepsearch/names.ts';
import { numberWords } from '../scripts/gen-deepsearch/questions.ts';
import { Rng } from '../scripts/gen-deepsearch/rng.ts';
import { TAU_CONSTANTS, tauOf } from '../scripts/gen-deepsearch/tau.ts';
import { auditDeepsearch } from '../src/suites/deepsearch/audit/index.ts';
import { loadCorpus } from '../src/suites/deepsearch/corpus.ts';
import { buildIndex } from '../src/suites/deepsearch/search-index.ts';
import { addDays, ageOn } from '../scripts/gen-deepsearch/calendar.ts';
import { binOf } from '../src/tasks/bins.ts';
import { loadTasks } from '../src/tasks/load.ts';
import type { QaPayload } from '../src/tasks/types.ts';

const DIR = fileURLToPath(new URL('../datasets/deepsearch/', import.meta.url));
const read = (rel: string) => readFileSync(`${DIR}${rel}`, 'utf8');

// One generation of the default seed, shared by the suites below (it takes a few seconds).
let g: Generated;
beforeAll(() => {
  g = generate(DEFAULT_SEED);
}, 300_000);

describe('deep-search generator building blocks', () => {
  it('the PRNG is deterministic per seed, stays in range and forks independent streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 200 }, () => a.int(3, 9));
    expect(Array.from({ length: 200 }, () => b.int(3, 9))).toEqual(xs);
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(9);
    expect(new Rng(43).u32()).not.toBe(new Rng(42).u32());
    expect(new Rng(42).fork('x').u32()).not.toBe(new Rng(42).fork('y').u32());
    expect(() => a.int(5, 4)).toThrow(/empty range/);
  });

  it('near-namesakes differ from the name by one small edit and avoid taken names', () => {
    const rng = new Rng(1);
    const taken = new Set(['Tellinec']);
    for (let i = 0; i < 30; i++) {
      const v = nearNamesake('Tellinek', rng, (w) => taken.has(w))!;
      expect(v).toBeDefined();
      expect(v).not.toBe('Tellinek');
      expect(v).not.toBe('Tellinec');
      expect(Math.abs(v.length - 'Tellinek'.length)).toBeLessThanOrEqual(1);
      expect(v[0]).toBe('T');
    }
    expect(nearNamesake('Tellinek', rng, () => true)).toBeUndefined();
  });

  it('ages count completed years (the birthday itself counts) and dates roll over months and leap years', () => {
    expect(ageOn({ y: 1800, m: 5, d: 10 }, { y: 1840, m: 5, d: 9 })).toBe(39);
    expect(ageOn({ y: 1800, m: 5, d: 10 }, { y: 1840, m: 5, d: 10 })).toBe(40);
    expect(addDays({ y: 1840, m: 2, d: 28 }, 1)).toEqual({ y: 1840, m: 2, d: 29 });
    expect(addDays({ y: 1900, m: 2, d: 28 }, 1)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(addDays({ y: 1850, m: 12, d: 31 }, 1)).toEqual({ y: 1851, m: 1, d: 1 });
  });

  it('numbers are written as words for aliases', () => {
    expect(numberWords(0)).toBe('zero');
    expect(numberWords(14)).toBe('fourteen');
    expect(numberWords(40)).toBe('forty');
    expect(numberWords(59)).toBe('fifty-nine');
    expect(numberWords(305)).toBe('three hundred and five');
  });

  it('answers are matched on word boundaries, so "one" is not found inside "stone"', () => {
    expect(mentions('a stone bridge', 'one')).toBe(false);
    expect(mentions('They had one child.', 'one')).toBe(true);
    expect(mentions('No. 45 Quay Row', 'No. 45')).toBe(true);
    expect(mentions('It cost 12,000 crowns.', '12,000')).toBe(true);
    expect(mentions('It cost 112,000 crowns.', '12,000')).toBe(false);
  });

  it('the reading-based τ puts each kind of question in its bin', () => {
    expect(TAU_CONSTANTS).toEqual({ readWpm: 238, skimWpm: 450, s: 0.04, o: 0.03, x: 0.25, r: 0.5, a: 0.5 });
    const w = { Q: 9, S: 1, D: 0, W: 0, N: 6, X: 0, R: 0, A: 0 };
    expect(tauOf(w)).toBeCloseTo(9 / 238 + 0.04 + 6 / 450, 2); // a snippet question: reading the question is most of it
    expect(binOf(tauOf(w))).toBe(0);
    expect(binOf(tauOf({ Q: 10, S: 1, D: 1, W: 150, N: 0, X: 0, R: 0, A: 0 }))).toBe(1); // one page, third paragraph
    expect(binOf(tauOf({ Q: 12, S: 2, D: 2, W: 160, N: 0, X: 0, R: 1, A: 0 }))).toBe(2); // two hops
    expect(binOf(tauOf({ Q: 30, S: 6, D: 7, W: 900, N: 0, X: 0, R: 6, A: 0 }))).toBe(3); // a yard's four ships, then the designer
    expect(binOf(tauOf({ Q: 35, S: 16, D: 18, W: 2250, N: 0, X: 1, R: 16, A: 4 }))).toBe(4); // designers' birthplaces, summed
  });
});

describe('the committed deep-search suite', () => {

  it('is exactly what the generator makes from the default seed (regenerate after changing the generator)', () => {
    expect(g.corpus === read('corpus.jsonl'), 'corpus.jsonl differs: run node --import tsx scripts/gen-deepsearch.ts').toBe(true);
    for (const f of TASK_FILES) expect(g.tasks[f] === read(`tasks/${f}`), `tasks/${f} differs`).toBe(true);
  });

  it('has ≥ 2,000 unique documents under 10 MB and ≥ 44 questions in every bin, loadable by the task loader', () => {
    const docs = read('corpus.jsonl').trim().split('\n').map((l) => JSON.parse(l) as { id: string; title: string; text: string; url: string });
    expect(docs.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(Buffer.byteLength(read('corpus.jsonl'))).toBeLessThan(10e6);
    const tasks = loadTasks([`${DIR}tasks`]);
    const perBin = [0, 1, 2, 3, 4].map((b) => tasks.filter((t) => t.bin === b).length);
    for (const n of perBin) expect(n).toBeGreaterThanOrEqual(44);
    const ids = new Set(docs.map((d) => d.id));
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const t of tasks) {
      const p = t.payload as QaPayload;
      expect(t.domain).toBe('deepsearch');
      for (const e of p.evidence) expect(ids.has(e), `${t.id}: ${e}`).toBe(true);
      if (!t.tags?.includes('computed')) {
        const found = [p.answer, ...p.aliases].some((a) => p.evidence.some((e) => mentions(byId.get(e)!.text, a)));
        expect(found, `${t.id}: answer not in evidence`).toBe(true);
      }
      if (t.bin === 4) expect(p.evidence.length, t.id).toBeGreaterThanOrEqual(5);
      expect(t.tau_source).toMatchObject({ kind: 'estimator', name: 'deepsearch-reading', version: '2' });
      expect((t.tau_source as { rationale: string }).rationale).toContain(`= ${t.tau.toFixed(2)} min`);
    }
  });

  it('authoritative pages are not always the gold ones: some questions start from shipping notes or minutes', () => {
    const wiki = (url: string) => url.startsWith('sale://wiki/');
    const nonWiki = g.questions.filter((q) => q.evidence.some((d) => !wiki(d.url)));
    expect(nonWiki.length).toBeGreaterThanOrEqual(6);
    expect(new Set(nonWiki.map((q) => q.template))).toEqual(new Set(['notes-ship-launched', 'minutes-opener-birthplace']));
    for (const q of nonWiki) {
      // The first hop is a mention document (no encyclopedia page records who arrived or spoke first);
      // it names the entity whose own page answers, and a reader who skips non-wiki pages has no way in.
      const [first, second] = q.evidence;
      expect(first!.role, q.prompt).toBe('mention');
      const next = first!.about!.kind === 'shipping' ? first!.about!.ship : first!.about!.opener;
      expect(second!.entity).toBe(next);
      expect(wiki(second!.url)).toBe(true);
      expect(mentions(first!.paras.join('\n\n'), next.name)).toBe(true);
      expect(q.prompt).not.toContain(next.name);
    }
  });

  it('holds the promised distractors: near-namesakes, marked conflicting duplicates, mention documents', () => {
    const docs = g.docs;
    const wikiUrls = new Set(docs.filter((d) => d.url.startsWith('sale://wiki/')).map((d) => d.url));
    const dups = docs.filter((d) => d.role === 'duplicate');
    expect(dups.length).toBeGreaterThanOrEqual(60);
    for (const d of dups) {
      const canonical = /\((sale:\/\/wiki\/[^)]+)\)/.exec(d.paras[0]!)?.[1];
      expect(canonical && wikiUrls.has(canonical), d.title).toBe(true);
      expect(d.paras[0]).toMatch(/authoritative|to be preferred/);
      const e = d.entity!;
      expect(e.conflict).toBeDefined();
      // The changed fact is on the duplicate and differs from the main page's value.
      const main = docs.find((m) => m.role === 'main' && m.entity === e)!;
      expect(d.facts.get(e.conflict!.fact)!.value).toBe(e.conflict!.wrongValue);
      expect(main.facts.get(e.conflict!.fact)!.value).not.toBe(e.conflict!.wrongValue);
      expect(d.paras.join(' ')).toContain(e.conflict!.wrongValue);
    }
    expect(g.stats.nearNamesakes).toBeGreaterThanOrEqual(50);
    const people = g.world.people.filter((p) => p.near);
    expect(people.some((p) => p.given === (p.near as typeof p).given && p.surname !== (p.near as typeof p).surname)).toBe(true);
    expect(docs.filter((d) => d.role === 'mention').length).toBeGreaterThanOrEqual(150);
    // Questions touch them: some read a fact a duplicate changes, some have near-namesakes on their path.
    expect(g.questions.filter((q) => q.tags.includes('conflicting-source')).length).toBeGreaterThan(10);
    for (const q of g.questions.filter((x) => x.tags.includes('conflicting-source'))) {
      const facts = { born: ['born', 'birthDate'], founded: ['founded'], launched: ['launched', 'launchDate'], tonnage: ['tonnage'], pop1900: ['pop1900'] } as Record<string, string[]>;
      const read = q.support.some((s) => s.doc.entity?.conflict && facts[s.doc.entity.conflict.fact]!.some((k) => s.doc.facts.get(k)?.value === s.value));
      expect(read, `${q.prompt}: tagged conflicting-source without reading the changed fact`).toBe(true);
    }
    expect(g.questions.filter((q) => q.tags.includes('near-namesake')).length).toBeGreaterThan(10);
  });

  it('another seed gives another world that passes the same checks', () => {
    const other = generate(7);
    expect(other.corpus).not.toBe(g.corpus);
    expect(other.stats.questionsPerBin.every((n) => n >= 44)).toBe(true);
    expect(other.stats.documents).toBeGreaterThanOrEqual(2000);
  }, 300_000);

  it('the checks fail loudly on a missing evidence id, a duplicate document id and a τ outside its bin', () => {
    const byBin = [0, 1, 2, 3, 4].map((b) => g.questions.filter((q) => q.bin === b));
    const records = TASK_FILES.map((f) => g.tasks[f].trim().split('\n').map((l) => JSON.parse(l)));
    const broken = structuredClone(records);
    broken[2]![0]!.payload.evidence = ['doc-99999'];
    expect(() => check(g.docs, byBin, broken)).toThrow(/deepsearch\/b3-001: evidence doc-99999 does not exist/);
    const twice = [...g.docs, { ...g.docs[0]!, url: 'sale://x/y' }];
    expect(() => check(twice, byBin, records)).toThrow(/duplicate document id doc-00001/);
    const heavy = byBin.map((qs) => qs.slice());
    heavy[0]![0] = { ...heavy[0]![0]!, work: { ...heavy[0]![0]!.work, R: 1 } };
    expect(() => check(g.docs, heavy, records)).toThrow(/b1-001: τ 0\.\d+ is outside bin 1/);
    expect(() => check(g.docs, byBin, records)).not.toThrow();
  });
});

describe('suite v2: shortcut-proof by construction, checked with the audit solvers', () => {

  it('no back-links: a person page names none of the works or organisations that name the person', () => {
    for (const p of g.world.people) {
      const page = g.docs.find((d) => d.role === 'main' && d.entity === p)!;
      const text = page.paras.join(' ');
      for (const x of [...p.works, ...p.founded]) expect(mentions(text, x.name), `${p.name} → ${x.name}`).toBe(false);
    }
  });

  it('organisation pages give the founder past the lead and never the founder\'s birthplace', () => {
    for (const o of g.world.orgs) {
      const page = g.docs.find((d) => d.role === 'main' && d.entity === o)!;
      expect(page.facts.get('founder')!.para, o.name).toBeGreaterThan(0);
      expect(page.paras.join(' '), o.name).not.toMatch(new RegExp(`${o.founder.name} was a [a-z ]+ from`));
    }
  });

  it('no text glitches; bins 4–5 read pages longer than one 2,000-character open', () => {
    expect(g.corpus).not.toMatch(/\ba (?:[aeiou])\w+ (?:bridge|innkeeper|orchard|oil|art|astronomical)/i);
    expect(g.corpus).not.toMatch(/one of one children|\ba innkeeper\b/);
    for (const q of g.questions.filter((x) => x.bin >= 3)) expect(q.evidence.some((d) => d.paras.join('\n\n').length > 2000), q.prompt).toBe(true);
  });

  it('yes/no answers are balanced, no prompt carries the authority note, and no entity is the subject of two bins', () => {
    const yes = g.questions.filter((q) => q.answer === 'yes').length;
    const no = g.questions.filter((q) => q.answer === 'no').length;
    expect(yes + no).toBeGreaterThan(0);
    expect(Math.abs(yes - no)).toBeLessThanOrEqual(1);
    expect(g.questions.every((q) => !/Where sources disagree/.test(q.prompt))).toBe(true);
    const owner = new Map<unknown, number>();
    for (const q of g.questions) for (const e of q.subjects) {
      expect(owner.get(e) ?? q.bin, e.name).toBe(q.bin);
      owner.set(e, q.bin);
    }
  });

  it('the audit of the committed suite: shortcuts non-increasing from bin 2 to 5, ≤ 10 % in bins 4–5, hops sufficient', () => {
    const tasks = loadTasks([`${DIR}tasks`]);
    const corpus = loadCorpus(`${DIR}corpus.jsonl`);
    const a = auditDeepsearch('deepsearch', tasks, corpus, buildIndex(corpus));
    for (const solver of ['one-shot', 'search-only', 'no-corpus'] as const) {
      const rate = (bin: string) => a.rows.find((r) => r.solver === solver && r.bin === bin)!.rate;
      const rates = ['le0.5', 'le2.5', 'le12.5', 'le60'].map(rate);
      for (let i = 1; i < rates.length; i++) expect(rates[i], `${solver}: ${rates.join(', ')}`).toBeLessThanOrEqual(rates[i - 1]!);
      if (solver !== 'no-corpus') for (const b of ['le12.5', 'le60']) expect(rate(b), `${solver} ${b}`).toBeLessThanOrEqual(0.1);
    }
    for (const r of a.rows.filter((x) => x.solver === 'no-corpus' && (x.bin === 'le12.5' || x.bin === 'le60'))) expect(r.low).toBeLessThanOrEqual((r.chance ?? 0) + 1e-9);
    for (const h of a.hops.filter((x) => x.bin >= 2 && x.checked)) expect(h.minOpens === null || h.minOpens >= h.hops, `${h.id}: ${h.minOpens} < ${h.hops}`).toBe(true);
  }, 120_000);
});
