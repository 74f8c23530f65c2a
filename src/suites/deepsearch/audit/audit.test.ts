// The shortcut solvers and hop sufficiency of `sale datasets audit`, on a hand-made corpus where the
// right result of each is known.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../tasks/types.ts';
import { corpusToJsonl, parseCorpus, type CorpusDoc } from '../corpus.ts';
import { buildIndex } from '../search-index.ts';
import { answerKind, extractAnswer, questionOptions } from './extract.ts';
import { auditDeepsearch, hopsOf, LinkGraph, minOpens, noCorpus, oneShot, rowsOf, searchOnly, type AuditQuestion } from './index.ts';

const docs: CorpusDoc[] = [
  { id: 'ship', title: 'Keldra (ship)', text: 'The Keldra was a brig launched on 2 May 1810 at the Varn Shipyard.\n\nShe was designed by the shipwright Tomas Orrel.', url: 'sale://wiki/keldra' },
  { id: 'orrel', title: 'Tomas Orrel', text: 'Tomas Orrel (born 4 June 1770 in Dunmere; died 1831) was a shipwright.', url: 'sale://wiki/tomas-orrel' },
  { id: 'dunmere', title: 'Dunmere', text: 'Dunmere lies in Astel, on the river Olm.', url: 'sale://wiki/dunmere' },
  { id: 'varn', title: 'Varn Shipyard', text: 'The Varn Shipyard is a shipyard in Pellas, founded in 1790.', url: 'sale://wiki/varn' },
  // A shortcut page: names the ship and its designer's birthplace together.
  { id: 'notes', title: 'Harbour notes', text: 'The brig Keldra, whose designer came from Dunmere, sailed today.', url: 'sale://notes/1' },
];
const corpus = parseCorpus(corpusToJsonl(docs), 'mini.jsonl');
const index = buildIndex(corpus);
const q = (id: string, prompt: string, answer: string, evidence: string[], tags: string[] = []): AuditQuestion => ({ id, prompt, payload: { kind: 'qa', answer, aliases: [], evidence }, tags });

describe('answer extraction', () => {
  it('reads the kind of answer from the wording and the options a question names', () => {
    expect(answerKind('In what year was the Keldra launched?')).toBe('year');
    expect(answerKind('How many ships did the yard build?')).toBe('number');
    expect(answerKind('Who designed the Keldra?')).toBe('person');
    expect(answerKind('Was the Keldra launched before the Orm? Answer yes or no.')).toBe('yesno');
    expect(questionOptions('Which was founded earlier, the Varn Shipyard or the Kelso Works?')).toEqual(['Varn Shipyard', 'Kelso Works']);
    expect(answerKind('Which was founded earlier, the Varn Shipyard or the Kelso Works?')).toBe('options');
  });

  it('picks the span of the wanted kind nearest the question words, never one the question holds', () => {
    const text = 'Tomas Orrel (born 4 June 1770 in Dunmere; died 1831) was a shipwright.';
    expect(extractAnswer('In which town was Tomas Orrel born?', [text], 'name')).toBe('Dunmere');
    expect(extractAnswer('In what year did Tomas Orrel die?', [text], 'year')).toBe('1831');
    expect(extractAnswer('Who was the captain of the Orm?', [text], 'person')).toBeNull();
  });
});

describe('shortcut solvers', () => {
  it('one-shot solves a fact on the top hit and fails a question whose answer needs a second page', () => {
    expect(oneShot(q('a', 'In what year was the brig Keldra launched?', '1810', ['ship']), index, corpus).solved).toBe(true);
    expect(oneShot(q('b', 'Which province holds the home town of the designer of the brig Keldra?', 'Astel', ['ship', 'orrel', 'dunmere']), index, corpus).solved).toBe(false);
  });

  it('search-only reads snippets, never opens, and does not guess yes or no', () => {
    const r = searchOnly(q('a', 'In what year was the brig Keldra launched?', '1810', ['ship']), index, corpus);
    expect(r).toMatchObject({ solved: true, opened: 0 });
    expect(searchOnly(q('y', 'Was the Keldra launched before 1800? Answer yes or no.', 'no', ['ship']), index, corpus).answer).toBeNull();
  });

  it('no-corpus uses leave-one-out priors: yes/no majority, a seeded pick among named options, the template majority', () => {
    const yn = [q('1', 'Is A older? Answer yes or no.', 'yes', []), q('2', 'Is B older? Answer yes or no.', 'yes', []), q('3', 'Is C older? Answer yes or no.', 'no', [])];
    expect(noCorpus(yn[2]!, yn)).toMatchObject({ answer: 'yes', solved: false, chance: 0.5 });
    expect(noCorpus(yn[0]!, yn).answer).toBe('yes'); // the others: one yes, one no → tie → yes
    const opt = q('o', 'Which was founded earlier, the Varn Shipyard or the Kelso Works?', 'Varn Shipyard', []);
    const picked = noCorpus(opt, [opt], 3);
    expect(['Varn Shipyard', 'Kelso Works']).toContain(picked.answer);
    expect(picked.chance).toBe(0.5);
    expect(noCorpus(opt, [opt], 3).answer).toBe(picked.answer); // deterministic per seed
    const tpl = ['Astel', 'Astel', 'Olm'].map((a, i) => q(`t${i}`, `In which province is town ${i}?`, a, [], ['lookup', 'town-province']));
    expect(noCorpus(tpl[0]!, tpl)).toMatchObject({ answer: 'Astel', solved: true, chance: 0 });
    expect(noCorpus(tpl[2]!, tpl).solved).toBe(false);
  });
});

describe('hop sufficiency', () => {
  const graph = new LinkGraph(corpus);
  it('follows the pages a page names: ship → designer → town is three opens, two through the harbour notes', () => {
    const question = q('p', 'Which province holds the home town of the designer of the brig Keldra?', 'Astel', ['ship', 'orrel', 'dunmere']);
    // The notes name the ship and the designer's town together: a collapsed hop.
    expect(minOpens(question, corpus, index, graph)).toMatchObject({ checked: true, hops: 3, minOpens: 2, path: ['notes', 'dunmere'] });
    const clean = parseCorpus(corpusToJsonl(docs.slice(0, 4)), 'clean.jsonl');
    expect(minOpens(question, clean, buildIndex(clean), new LinkGraph(clean))).toMatchObject({ minOpens: 3, path: ['ship', 'orrel', 'dunmere'] });
  });

  it('finds the collapsed hop when the first page already states the answer', () => {
    const shortcut = [...docs.slice(0, 4), { ...docs[0]!, text: `${docs[0]!.text} He was born in Dunmere.` }].slice(1);
    const c2 = parseCorpus(corpusToJsonl(shortcut), 'mini2.jsonl');
    const h = minOpens(q('t', 'In which town was the designer of the brig Keldra born?', 'Dunmere', ['ship', 'orrel']), c2, buildIndex(c2), new LinkGraph(c2));
    expect(h.minOpens).toBe(1);
    expect(h.hops).toBe(2);
  });

  it('skips computed answers and answers the question names; a hops-N tag overrides the evidence count', () => {
    expect(minOpens(q('c', 'How many years after 1790 was the Keldra launched?', '20', ['ship', 'varn'], ['research', 'x', 'computed']), corpus, index, graph).checked).toBe(false);
    expect(hopsOf(q('h', 'x', 'y', ['a', 'b', 'c', 'd'], ['multi-hop', 'x', 'hops-3']))).toBe(3);
  });
});

describe('audit rows', () => {
  it('one row per solver and bin, with a Wilson interval, keyed le0.1 … le60', () => {
    const rows = rowsOf('s', 'one-shot', [{ bin: 0, solved: true }, { bin: 0, solved: false }, { bin: 4, solved: false }]);
    expect(rows.map((r) => [r.bin, r.n, r.solved, r.rate])).toEqual([['le0.1', 2, 1, 0.5], ['le60', 1, 0, 0]]);
    expect(rows[0]!.low).toBeGreaterThan(0);
    expect(rows[0]!.high).toBeLessThan(1);
  });

  it('audits loaded tasks end to end', () => {
    const task = (id: string, bin: 0 | 2, prompt: string, answer: string, evidence: string[]): Task => ({
      id, suite: 'm', domain: 'deepsearch', prompt, tau: bin === 0 ? 0.05 : 1, tau_source: { kind: 'annotated', rationale: 'x' },
      payload: { kind: 'qa', answer, aliases: [], evidence }, bin, origin: { file: 'm.jsonl', line: 1 },
    });
    const a = auditDeepsearch('m', [task('a', 0, 'In what year was the brig Keldra launched?', '1810', ['ship']), task('b', 2, 'Which province holds the home town of the designer of the brig Keldra?', 'Astel', ['ship', 'orrel', 'dunmere'])], corpus, index);
    const get = (solver: string, bin: string) => a.rows.find((r) => r.solver === solver && r.bin === bin)!;
    expect(get('one-shot', 'le0.1').solved).toBe(1);
    expect(get('one-shot', 'le2.5').solved).toBe(0);
    expect(a.hops.find((h) => h.id === 'b')).toMatchObject({ minOpens: 2, hops: 3 }); // via the harbour notes
  });
});
