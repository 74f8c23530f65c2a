// Question templates for the five τ bins. Every template reads its facts through `need`, which records the
// document (gold evidence), how deep in it the fact sits (the τ paragraph term) and the literal value
// (checked later to occur in that document). Templates draw entities at random and keep an instance only
// if it meets the template's conditions and its τ lands in the intended bin.
import type { BinIndex } from '../../src/tasks/bins.ts';
import { binOf } from '../../src/tasks/bins.ts';
import { docText, fmtInt, occupationText, smallWord, theOrg, type Doc } from './documents.ts';
import type { Rng } from './rng.ts';
import { tauOf, type Work } from './tau.ts';
import { ageOn, fmtDate, type Entity, type Org, type Person, type Ship, type World, type YMD } from './world.ts';

export interface Question {
  bin: BinIndex;
  template: string;
  /** Kind of reasoning, also written as a tag: lookup, deep-read, bridge, comparison, multi-hop, aggregation, research. */
  shape: string;
  prompt: string;
  answer: string;
  aliases: string[];
  evidence: Doc[];
  tags: string[];
  work: Work;
  /** What a reader does, in words, for the τ rationale. */
  why: string;
  /** Values that must occur in the given evidence documents (the inputs of computed answers, too). */
  support: { doc: Doc; value: string }[];
  computed: boolean;
}

/**
 * The note added to prompts whose entities have a superseded or disputed second document (decision: only
 * those prompts carry it, so the rule is stated where it matters; the duplicates also say it themselves).
 */
export const AUTHORITY_NOTE = 'Where sources disagree, rely on the main encyclopedia article (its url begins with sale://wiki/).';

// ---------------------------------------------------------------------------------------------------
// Answers and aliases

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for 0 ≤ n < 1000. */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` and ${numberWords(rest)}` : ''}`;
}

interface Ans {
  answer: string;
  aliases: string[];
}
const uniq = (answer: string, aliases: string[]): Ans => ({
  answer,
  aliases: [...new Set(aliases.filter((a) => a && a.toLowerCase() !== answer.toLowerCase()))],
});
const yearAns = (y: number, date?: YMD): Ans =>
  uniq(String(y), [`the year ${y}`, `in ${y}`, ...(date ? [fmtDate(date)] : [])]);
/** A count or quantity: digits (with and without thousands separators), words below 1000, optional unit. */
function numAns(n: number, unit?: [string, string], unitFirst = false): Ans {
  const digits = String(n);
  const forms = [fmtInt(n), digits, ...(n >= 1000 ? [fmtInt(n).replace(/,/g, ' ')] : []), ...(n < 1000 ? [numberWords(n)] : [])];
  const withUnit = unit ? forms.map((f) => `${f} ${n === 1 ? unit[0] : unit[1]}`) : [];
  const answer = unit && unitFirst ? withUnit[0]! : fmtInt(n);
  return uniq(answer, [...forms, ...withUnit]);
}

// ---------------------------------------------------------------------------------------------------

interface Draft {
  prompt: string;
  ans: Ans;
  R: number;
  A: number;
  why: string;
  shape: string;
  computed?: boolean;
  /** Snippet questions: one search, no document opened. */
  snippet?: boolean;
}

class Builder {
  readonly uses = new Map<Doc, number>();
  readonly entities = new Set<Entity>();
  readonly support: { doc: Doc; value: string }[] = [];
  constructor(private readonly docOf: Map<Entity, Doc>) {}

  /** Read fact `key` from entity `e`'s main page; returns its value as written there. */
  need(e: Entity, key: string): string {
    const doc = this.docOf.get(e);
    if (!doc) throw new Error(`questions: no document for ${e.kind} ${e.name}`);
    const f = doc.facts.get(key);
    if (!f) throw new Error(`questions: fact '${key}' not registered on the page of ${e.name}`);
    this.uses.set(doc, Math.max(this.uses.get(doc) ?? 0, f.para));
    this.entities.add(e);
    this.support.push({ doc, value: f.value });
    return f.value;
  }
  para(e: Entity, key: string): number {
    return this.docOf.get(e)!.facts.get(key)!.para;
  }

  finish(bin: BinIndex, template: string, d: Draft, tags: string[] = []): Question {
    const evidence = [...this.uses.keys()];
    const P = d.snippet ? 0 : [...this.uses.values()].reduce((s, x) => s + x, 0);
    let X = 0;
    let conflict = false;
    let near = false;
    for (const e of this.entities) {
      if (e.near) {
        X++;
        near = true;
      }
      if (e.conflict) {
        X++;
        conflict = true;
      }
    }
    const work: Work = { S: d.snippet ? 1 : evidence.length, D: d.snippet ? 0 : evidence.length, P, X, R: d.R, A: d.A };
    const allTags = [d.shape, template, ...tags];
    if (d.computed) allTags.push('computed');
    if (near) allTags.push('near-namesake');
    if (conflict) allTags.push('conflicting-source');
    return {
      bin,
      template,
      shape: d.shape,
      prompt: conflict ? `${d.prompt} ${AUTHORITY_NOTE}` : d.prompt,
      answer: d.ans.answer,
      aliases: d.ans.aliases,
      evidence,
      tags: allTags,
      work,
      why: d.why,
      support: this.support,
      computed: !!d.computed,
    };
  }
}

type Template = { name: string; count: number; make: (b: Builder) => Draft | null };

const the = (s: Ship) => `the ${s.name}`;

/** Ranked documents for a query (a BM25 index over the corpus); used to keep bins 1 and 2 searchable. */
export type Searcher = (query: string, k: number) => Doc[];

/** Bin 1 needs the evidence as the top hit of a search with the question's words; bin 2 within the top three. */
export const SEARCH_RANK_NEEDED: Partial<Record<BinIndex, number>> = { 0: 1, 1: 3 };

export function makeQuestions(w: World, docOf: Map<Entity, Doc>, root: Rng, search: Searcher): Question[] {
  const rng = root.fork('questions');
  const usedKeys = new Set<string>();
  const claim = (key: string) => {
    if (usedKeys.has(key)) return false;
    usedKeys.add(key);
    return true;
  };
  const P = (p: Person) => `the ${occupationText(p)} ${p.name}`;
  const personAns = (p: Person): Ans => {
    const shared = w.people.filter((q) => q.surname === p.surname).length > 1;
    return uniq(p.name, shared ? [] : [p.surname]);
  };
  const orgAns = (o: Org): Ans => uniq(o.name, [theOrg(o), o.name.replace(/^The /, '')]);
  const townAns = (name: string): Ans => uniq(name, [`the town of ${name}`]);
  const provAns = (name: string): Ans => uniq(name, [`${name} province`, `the province of ${name}`]);
  const shipAns = (s: Ship): Ans => uniq(s.name, [the(s)]);
  const text = (e: Entity) => docText(docOf.get(e)!);
  const leadOf = (e: Entity) => docOf.get(e)!.paras[0]!;
  const words = (s: string) => new RegExp(`\\b${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');

  const people = rng.shuffle(w.people);
  const ships = rng.shuffle(w.ships);
  const orgs = rng.shuffle(w.orgs);
  const towns = rng.shuffle(w.towns);
  const bridges = rng.shuffle(w.bridges);
  const books = rng.shuffle(w.books);
  const paintings = rng.shuffle(w.paintings);
  const events = rng.shuffle(w.events);
  const yards = w.orgs.filter((o) => o.orgKind === 'shipyard');
  const any = <T,>(xs: T[]) => rng.pick(xs);

  // -------------------------------------------------------------------------------------------------
  // Bin 1 (τ ≤ 0.1): one fact in the lead sentence of the entity's page, read from the search snippet.
  /** A snippet fact: within the first 220 characters of the page, on an entity with no conflicting duplicate. */
  const snippetOk = (e: Entity, value: string) => !e.conflict && text(e).slice(0, 220).includes(value);
  const b1: Template[] = [
    { name: 'person-born', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`born:${p.slug}`) || !snippetOk(p, String(p.born.y))) return null;
      b.need(p, 'born');
      return { prompt: `In what year was ${P(p)} born?`, ans: yearAns(p.born.y, p.born), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the birth year is in the first sentence of ${p.name}'s page, shown in the top hit's snippet` };
    } },
    { name: 'person-birthplace', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`birthplace:${p.slug}`) || !snippetOk(p, p.birthplace.name)) return null;
      b.need(p, 'birthplace');
      return { prompt: `In which town was ${P(p)} born?`, ans: townAns(p.birthplace.name), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the birthplace is in the first sentence of ${p.name}'s page` };
    } },
    { name: 'person-died', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`died:${p.slug}`) || !snippetOk(p, String(p.died))) return null;
      b.need(p, 'died');
      return { prompt: `In what year did ${P(p)} die?`, ans: yearAns(p.died), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the death year is in the first sentence of ${p.name}'s page` };
    } },
    { name: 'town-province', count: 3, make: (b) => {
      const t = any(towns);
      if (!claim(`province:${t.slug}`) || !snippetOk(t, t.province.name)) return null;
      b.need(t, 'province');
      return { prompt: `In which province is the town of ${t.name}?`, ans: provAns(t.province.name), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the province is in the first sentence of ${t.name}'s page` };
    } },
    { name: 'town-river', count: 3, make: (b) => {
      const t = any(towns);
      if (!claim(`river:${t.slug}`) || !snippetOk(t, t.river.name)) return null;
      b.need(t, 'river');
      return { prompt: `On which river does the town of ${t.name} stand?`, ans: uniq(t.river.name, [`the ${t.river.name}`, `the ${t.river.name} river`, `${t.river.name} river`, `the river ${t.river.name}`]), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the river is in the first sentence of ${t.name}'s page` };
    } },
    { name: 'org-founded', count: 3, make: (b) => {
      const o = any(orgs);
      if (!claim(`founded:${o.slug}`) || !snippetOk(o, String(o.founded))) return null;
      b.need(o, 'founded');
      return { prompt: `In what year was ${theOrg(o)} founded?`, ans: yearAns(o.founded), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the founding year is in the first sentence of the ${o.name} page` };
    } },
    { name: 'org-founder', count: 3, make: (b) => {
      const o = any(orgs);
      if (!claim(`founder:${o.slug}`) || !snippetOk(o, o.founder.name)) return null;
      b.need(o, 'founder');
      return { prompt: `Who founded ${theOrg(o)}?`, ans: personAns(o.founder), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the founder is named in the first sentence of the ${o.name} page` };
    } },
    { name: 'ship-launched', count: 3, make: (b) => {
      const s = any(ships);
      if (!claim(`launched:${s.slug}`) || !snippetOk(s, String(s.launched.y))) return null;
      b.need(s, 'launched');
      return { prompt: `In what year was the ${s.shipType} ${s.name} launched?`, ans: yearAns(s.launched.y, s.launched), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the launch date is in the first sentence of the ${s.name}'s page` };
    } },
    { name: 'ship-yard', count: 3, make: (b) => {
      const s = any(ships);
      if (!claim(`yard:${s.slug}`) || !snippetOk(s, s.yard.name)) return null;
      b.need(s, 'yard');
      return { prompt: `At which shipyard was the ${s.shipType} ${s.name} built?`, ans: orgAns(s.yard), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the shipyard is named in the first sentence of the ${s.name}'s page` };
    } },
    { name: 'bridge-river', count: 3, make: (b) => {
      const x = any(bridges);
      if (!claim(`river:${x.slug}`) || !snippetOk(x, x.river.name)) return null;
      b.need(x, 'river');
      return { prompt: `Which river does the ${x.name} cross?`, ans: uniq(x.river.name, [`the ${x.river.name}`, `the ${x.river.name} river`, `the river ${x.river.name}`]), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the river is in the first sentence of the ${x.name} page` };
    } },
    { name: 'bridge-completed', count: 3, make: (b) => {
      const x = any(bridges);
      if (!claim(`completed:${x.slug}`) || !snippetOk(x, String(x.completed))) return null;
      b.need(x, 'completed');
      return { prompt: `In what year was the ${x.name} completed?`, ans: yearAns(x.completed), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the completion year is in the opening lines of the ${x.name} page` };
    } },
    { name: 'book-author', count: 3, make: (b) => {
      const k = any(books);
      if (!claim(`author:${k.slug}`) || !snippetOk(k, k.author.name)) return null;
      b.need(k, 'author');
      return { prompt: `Who wrote the ${k.genre} ${k.name}?`, ans: personAns(k.author), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the author is named in the first sentence of the page on ${k.name}` };
    } },
    { name: 'book-year', count: 3, make: (b) => {
      const k = any(books);
      if (!claim(`year:${k.slug}`) || !snippetOk(k, String(k.year))) return null;
      b.need(k, 'year');
      return { prompt: `In what year was the ${k.genre} ${k.name} first published?`, ans: yearAns(k.year), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the year is in the first sentence of the page on ${k.name}` };
    } },
    { name: 'painting-painter', count: 3, make: (b) => {
      const x = any(paintings);
      if (!claim(`painter:${x.slug}`) || !snippetOk(x, x.painter.name)) return null;
      b.need(x, 'painter');
      return { prompt: `Who painted ${x.name}?`, ans: personAns(x.painter), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the painter is named in the first sentence of the page on ${x.name}` };
    } },
    { name: 'event-year', count: 2, make: (b) => {
      const e = any(events);
      if (!claim(`year:${e.slug}`) || !snippetOk(e, String(e.start.y))) return null;
      b.need(e, 'year');
      return { prompt: `In what year did the ${e.name} take place?`, ans: yearAns(e.start.y), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the year is in the first sentence of the ${e.name} page` };
    } },
  ];

  // -------------------------------------------------------------------------------------------------
  // Bin 2 (τ ≤ 0.5): one document, the fact in a later paragraph (not in the lead).
  /** The value must sit in paragraph ≥ 2 and not occur in the lead at all. */
  const deepOk = (e: Entity, key: string, value: string) => {
    const f = docOf.get(e)!.facts.get(key);
    return !!f && f.para >= 2 && !words(value).test(leadOf(e));
  };
  const b2: Template[] = [
    { name: 'person-children', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`children:${p.slug}`) || !deepOk(p, 'children', smallWord(p.children))) return null;
      b.need(p, 'children');
      const ans = p.children === 0 ? uniq('0', ['none', 'no children', 'zero']) : numAns(p.children, ['child', 'children']);
      return { prompt: `How many children did ${P(p)} have?`, ans, R: 0, A: 0, shape: 'deep-read', why: `the number of children is in paragraph ${b.para(p, 'children') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-house', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`house:${p.slug}`) || !deepOk(p, 'house', String(p.residence.no))) return null;
      b.need(p, 'house');
      const n = p.residence.no;
      return { prompt: `At what house number on ${p.residence.street} did the family of ${P(p)} live for many years?`, ans: uniq(String(n), [`No. ${n}`, `number ${n}`, `no ${n}`, numberWords(n)]), R: 0, A: 0, shape: 'deep-read', why: `the address is in paragraph ${b.para(p, 'house') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-award', count: 3, make: (b) => {
      const p = any(people);
      if (!p.award || !claim(`award:${p.slug}`) || !deepOk(p, 'award', String(p.award.year))) return null;
      b.need(p, 'award');
      return { prompt: `In what year did ${P(p)} receive the ${p.award.name}?`, ans: yearAns(p.award.year), R: 0, A: 0, shape: 'deep-read', why: `the award is in paragraph ${b.para(p, 'award') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-deathplace', count: 3, make: (b) => {
      const p = any(people);
      if (p.deathPlace === p.birthplace || !claim(`deathPlace:${p.slug}`) || !deepOk(p, 'deathPlace', p.deathPlace.name)) return null;
      b.need(p, 'deathPlace');
      return { prompt: `In which town did ${P(p)} die?`, ans: townAns(p.deathPlace.name), R: 0, A: 0, shape: 'deep-read', why: `the place of death is in the last paragraph (${b.para(p, 'deathPlace') + 1}) of ${p.name}'s page` };
    } },
    { name: 'person-spouse', count: 3, make: (b) => {
      const p = any(people);
      if (!claim(`spouse:${p.slug}`) || !deepOk(p, 'spouse', p.spouse)) return null;
      b.need(p, 'spouse');
      return { prompt: `Whom did ${P(p)} marry?`, ans: uniq(p.spouse, []), R: 0, A: 0, shape: 'deep-read', why: `the marriage is in paragraph ${b.para(p, 'spouse') + 1} of ${p.name}'s page` };
    } },
    { name: 'ship-tonnage', count: 3, make: (b) => {
      const s = any(ships);
      if (!claim(`tonnage:${s.slug}`) || !deepOk(s, 'tonnage', fmtInt(s.tonnage))) return null;
      b.need(s, 'tonnage');
      return { prompt: `What was the tonnage of the ${s.shipType} ${s.name}, in tons burthen?`, ans: numAns(s.tonnage, ['ton', 'tons']), R: 0, A: 0, shape: 'deep-read', why: `the tonnage is in paragraph ${b.para(s, 'tonnage') + 1} of the ${s.name}'s page` };
    } },
    { name: 'ship-captain', count: 3, make: (b) => {
      const s = any(ships);
      if (!claim(`captain:${s.slug}`) || !deepOk(s, 'captain', s.captain.name)) return null;
      b.need(s, 'captain');
      const a = personAns(s.captain);
      return { prompt: `Who was the first master of the ${s.shipType} ${s.name}?`, ans: uniq(a.answer, [...a.aliases, `Captain ${s.captain.name}`]), R: 0, A: 0, shape: 'deep-read', why: `the first master is named in paragraph ${b.para(s, 'captain') + 1} of the ${s.name}'s page` };
    } },
    { name: 'ship-fate', count: 3, make: (b) => {
      const s = any(ships);
      if (!claim(`fate:${s.slug}`) || !deepOk(s, 'fate', String(s.fate.year))) return null;
      b.need(s, 'fate');
      const verb = { wrecked: 'wrecked', 'broken up': 'broken up', burned: 'destroyed by fire', sold: 'sold' }[s.fate.how];
      return { prompt: `In what year was the ${s.shipType} ${s.name} ${verb}?`, ans: yearAns(s.fate.year), R: 0, A: 0, shape: 'deep-read', why: `the ship's fate is in the last paragraph (${b.para(s, 'fate') + 1}) of its page` };
    } },
    { name: 'bridge-length', count: 2, make: (b) => {
      const x = any(bridges);
      if (!claim(`length:${x.slug}`) || !deepOk(x, 'lengthM', String(x.lengthM))) return null;
      b.need(x, 'lengthM');
      return { prompt: `How long is the ${x.name}, in metres?`, ans: numAns(x.lengthM, ['metre', 'metres'], true), R: 0, A: 0, shape: 'deep-read', why: `the length is in paragraph ${b.para(x, 'lengthM') + 1} of the ${x.name} page` };
    } },
    { name: 'bridge-cost', count: 2, make: (b) => {
      const x = any(bridges);
      if (!claim(`cost:${x.slug}`) || !deepOk(x, 'cost', fmtInt(x.costCrowns))) return null;
      b.need(x, 'cost');
      return { prompt: `How many crowns did the ${x.name} cost?`, ans: numAns(x.costCrowns, ['crown', 'crowns']), R: 0, A: 0, shape: 'deep-read', why: `the cost is in paragraph ${b.para(x, 'cost') + 1} of the ${x.name} page` };
    } },
    { name: 'org-director', count: 2, make: (b) => {
      const o = any(orgs);
      if (o.firstDirector === o.founder || !claim(`director:${o.slug}`) || !deepOk(o, 'director', o.firstDirector.name)) return null;
      b.need(o, 'director');
      return { prompt: `Who was the first director of ${theOrg(o)}?`, ans: personAns(o.firstDirector), R: 0, A: 0, shape: 'deep-read', why: `the first director is named in paragraph ${b.para(o, 'director') + 1} of the ${o.name} page` };
    } },
    { name: 'org-staff', count: 2, make: (b) => {
      const o = any(orgs);
      if (!claim(`staff:${o.slug}`) || !deepOk(o, 'staff', fmtInt(o.staff.count))) return null;
      b.need(o, 'staff');
      const members = o.orgKind === 'academy' || o.orgKind === 'orchestra';
      return { prompt: members ? `How many members did ${theOrg(o)} have in ${o.staff.year}?` : `How many people did ${theOrg(o)} employ in ${o.staff.year}?`, ans: numAns(o.staff.count), R: 0, A: 0, shape: 'deep-read', why: `the figure is in paragraph ${b.para(o, 'staff') + 1} of the ${o.name} page` };
    } },
    { name: 'town-pop', count: 2, make: (b) => {
      const t = any(towns);
      if (!claim(`pop:${t.slug}`) || !deepOk(t, 'pop1900', fmtInt(t.pop1900))) return null;
      b.need(t, 'pop1900');
      return { prompt: `What was the population of ${t.name} at the census of 1900?`, ans: numAns(t.pop1900, ['inhabitant', 'inhabitants']), R: 0, A: 0, shape: 'deep-read', why: `the census figure is in paragraph ${b.para(t, 'pop1900') + 1} of ${t.name}'s page` };
    } },
    { name: 'town-elevation', count: 2, make: (b) => {
      const t = any(towns);
      if (!claim(`elevation:${t.slug}`) || !deepOk(t, 'elevation', String(t.elevation))) return null;
      b.need(t, 'elevation');
      return { prompt: `At what elevation, in metres, does ${t.name} lie?`, ans: numAns(t.elevation, ['metre', 'metres'], true), R: 0, A: 0, shape: 'deep-read', why: `the elevation is in paragraph ${b.para(t, 'elevation') + 1} of ${t.name}'s page` };
    } },
    { name: 'book-pages', count: 2, make: (b) => {
      const k = any(books);
      if (!claim(`pages:${k.slug}`) || !deepOk(k, 'pages', String(k.pages))) return null;
      b.need(k, 'pages');
      return { prompt: `How many pages did the first edition of ${k.name} have?`, ans: numAns(k.pages, ['page', 'pages']), R: 0, A: 0, shape: 'deep-read', why: `the page count is in paragraph ${b.para(k, 'pages') + 1} of the page on ${k.name}` };
    } },
    { name: 'painting-acquired', count: 2, make: (b) => {
      const x = any(paintings);
      if (!claim(`acquired:${x.slug}`) || !deepOk(x, 'acquired', String(x.acquired))) return null;
      b.need(x, 'acquired');
      return { prompt: `In what year did the painting ${x.name} enter the collection of the gallery that holds it?`, ans: yearAns(x.acquired), R: 0, A: 0, shape: 'deep-read', why: `the acquisition is in paragraph ${b.para(x, 'acquired') + 1} of the page on ${x.name}` };
    } },
    { name: 'event-days', count: 2, make: (b) => {
      const e = any(events);
      if (!claim(`days:${e.slug}`) || !deepOk(e, 'days', String(e.days))) return null;
      b.need(e, 'days');
      return { prompt: e.eventKind === 'treaty' ? `For how many days was the ${e.name} negotiated?` : `How many days did the ${e.name} last?`, ans: numAns(e.days, ['day', 'days']), R: 0, A: 0, shape: 'deep-read', why: `the duration is in paragraph ${b.para(e, 'days') + 1} of the ${e.name} page` };
    } },
    { name: 'event-count', count: 2, make: (b) => {
      const e = any(events);
      if (e.count === 0 || !claim(`count:${e.slug}`) || !deepOk(e, 'count', String(e.count))) return null;
      b.need(e, 'count');
      const prompt = {
        flood: `How many people lost their lives in the ${e.name}?`,
        fire: `How many people lost their lives in the ${e.name}?`,
        storm: `How many people lost their lives in the ${e.name}?`,
        expedition: `How many people made up the party of the ${e.name}?`,
        treaty: `How many delegations signed the ${e.name}?`,
        fair: `How many stalls were counted on the first day of the first ${e.name}?`,
      }[e.eventKind];
      return { prompt, ans: numAns(e.count), R: 0, A: 0, shape: 'deep-read', why: `the figure is in paragraph ${b.para(e, 'count') + 1} of the ${e.name} page` };
    } },
  ];

  // -------------------------------------------------------------------------------------------------
  // Bin 3 (τ ≤ 2.5): two hops (a bridge entity between question and answer) or a comparison of two pages.
  const leaderRole = (e: (typeof events)[number]) =>
    ({
      expedition: `the leader of the ${e.name}`,
      treaty: `the chief negotiator of the ${e.name}`,
      fair: `the organiser of the first ${e.name}`,
      flood: `the person who directed the relief effort during the ${e.name}`,
      fire: `the person who directed the relief effort during the ${e.name}`,
      storm: `the person who directed the relief effort during the ${e.name}`,
    })[e.eventKind];
  const b3: Template[] = [
    { name: 'org-founder-birthplace', count: 4, make: (b) => {
      const o = any(orgs);
      if (!claim(`b3:${o.slug}`)) return null;
      b.need(o, 'founder');
      b.need(o.founder, 'birthplace');
      return { prompt: `In which town was the founder of ${theOrg(o)} born?`, ans: townAns(o.founder.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `${o.name} page → founder ${o.founder.name} → that person's page gives the birthplace` };
    } },
    { name: 'book-author-born', count: 4, make: (b) => {
      const k = any(books);
      if (!claim(`b3:${k.slug}`)) return null;
      b.need(k, 'author');
      b.need(k.author, 'born');
      return { prompt: `In what year was the author of ${k.name} born?`, ans: yearAns(k.author.born.y, k.author.born), R: 1, A: 0, shape: 'bridge', why: `page on ${k.name} → author ${k.author.name} → birth year on the author's page` };
    } },
    { name: 'ship-designer-birthplace', count: 4, make: (b) => {
      const s = any(ships);
      if (!claim(`b3:${s.slug}`)) return null;
      b.need(s, 'designer');
      b.need(s.designer, 'birthplace');
      return { prompt: `In which town was the designer of the ${s.shipType} ${s.name} born?`, ans: townAns(s.designer.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `the ${s.name}'s page → designer ${s.designer.name} → birthplace on the designer's page` };
    } },
    { name: 'painting-painter-died', count: 4, make: (b) => {
      const x = any(paintings);
      if (!claim(`b3:${x.slug}`)) return null;
      b.need(x, 'painter');
      b.need(x.painter, 'died');
      return { prompt: `In what year did the painter of ${x.name} die?`, ans: yearAns(x.painter.died), R: 1, A: 0, shape: 'bridge', why: `page on ${x.name} → painter ${x.painter.name} → death year on the painter's page` };
    } },
    { name: 'bridge-engineer-born', count: 4, make: (b) => {
      const x = any(bridges);
      if (!claim(`b3:${x.slug}`)) return null;
      b.need(x, 'engineer');
      b.need(x.engineer, 'born');
      return { prompt: `In what year was the designer of the ${x.name} born?`, ans: yearAns(x.engineer.born.y, x.engineer.born), R: 1, A: 0, shape: 'bridge', why: `the ${x.name} page → designer ${x.engineer.name} → birth year on that page` };
    } },
    { name: 'org-seat-river', count: 4, make: (b) => {
      const o = any(orgs);
      if (!claim(`b3river:${o.slug}`)) return null;
      b.need(o, 'seat');
      b.need(o.seat, 'river');
      return { prompt: `On which river stands the town where ${theOrg(o)} ${o.dissolved ? 'was' : 'is'} based?`, ans: uniq(o.seat.river.name, [`the ${o.seat.river.name}`, `the ${o.seat.river.name} river`, `the river ${o.seat.river.name}`]), R: 1, A: 0, shape: 'bridge', why: `the ${o.name} page → seat ${o.seat.name} → river on the town's page` };
    } },
    { name: 'ship-built-province', count: 4, make: (b) => {
      const s = any(ships);
      if (!claim(`b3prov:${s.slug}`)) return null;
      b.need(s, 'launched');
      b.need(s.yard.seat, 'province');
      return { prompt: `In which province was the ${s.shipType} ${s.name} built?`, ans: provAns(s.yard.seat.province.name), R: 1, A: 0, shape: 'bridge', why: `the ${s.name}'s page → built in ${s.yard.seat.name} → province on the town's page` };
    } },
    { name: 'event-leader-birthplace', count: 4, make: (b) => {
      const e = any(events);
      if (!claim(`b3:${e.slug}`)) return null;
      b.need(e, 'leader');
      b.need(e.leader, 'birthplace');
      return { prompt: `In which town was ${leaderRole(e)} born?`, ans: townAns(e.leader.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `the ${e.name} page → ${e.leader.name} → birthplace on that person's page` };
    } },
    { name: 'compare-founded', count: 3, make: (b) => {
      const o1 = any(orgs);
      const o2 = any(orgs.filter((o) => o.orgKind === o1.orgKind && o !== o1));
      if (!o2 || o1.founded === o2.founded || !claim(`cmpf:${[o1.slug, o2.slug].sort().join('|')}`)) return null;
      b.need(o1, 'founded');
      b.need(o2, 'founded');
      const first = o1.founded < o2.founded ? o1 : o2;
      return { prompt: `Which was founded earlier, ${theOrg(o1)} or ${theOrg(o2)}?`, ans: orgAns(first), R: 1, A: 0, shape: 'comparison', why: `founding years on both pages (${o1.founded} and ${o2.founded}), compared` };
    } },
    { name: 'compare-born', count: 3, make: (b) => {
      const p1 = any(people);
      const p2 = any(people.filter((p) => p.occupation === p1.occupation && p !== p1));
      if (!p2 || p1.born.y === p2.born.y || !claim(`cmpb:${[p1.slug, p2.slug].sort().join('|')}`)) return null;
      b.need(p1, 'born');
      b.need(p2, 'born');
      const first = p1.born.y < p2.born.y ? p1 : p2;
      return { prompt: `Who was born first, ${P(p1)} or ${P(p2)}?`, ans: personAns(first), R: 1, A: 0, shape: 'comparison', why: `birth years on both pages (${p1.born.y} and ${p2.born.y}), compared` };
    } },
    { name: 'compare-bridge-length', count: 3, make: (b) => {
      const x1 = any(bridges);
      const x2 = any(bridges.filter((x) => x !== x1));
      if (!x2 || x1.lengthM === x2.lengthM || !claim(`cmpl:${[x1.slug, x2.slug].sort().join('|')}`)) return null;
      b.need(x1, 'lengthM');
      b.need(x2, 'lengthM');
      const longer = x1.lengthM > x2.lengthM ? x1 : x2;
      return { prompt: `Which is longer, the ${x1.name} or the ${x2.name}?`, ans: uniq(longer.name, [`the ${longer.name}`]), R: 1, A: 0, shape: 'comparison', why: `lengths in paragraph 4 of both pages (${x1.lengthM} and ${x2.lengthM} metres), compared` };
    } },
    { name: 'compare-launch-yesno', count: 3, make: (b) => {
      const s1 = any(ships);
      const s2 = any(ships.filter((s) => s !== s1));
      if (!s2 || s1.launched.y === s2.launched.y || !claim(`cmps:${[s1.slug, s2.slug].sort().join('|')}`)) return null;
      b.need(s1, 'launched');
      b.need(s2, 'launched');
      // A yes/no answer does not occur in the corpus: it is tagged `computed`, its inputs are checked instead.
      const yes = s1.launched.y < s2.launched.y;
      return { prompt: `Was the ${s1.name} launched before the ${s2.name}? Answer yes or no.`, ans: uniq(yes ? 'yes' : 'no', []), R: 1, A: 0, computed: true, shape: 'comparison', why: `launch dates on both pages (${s1.launched.y} and ${s2.launched.y}), compared` };
    } },
  ];

  // -------------------------------------------------------------------------------------------------
  // Bin 4 (τ ≤ 12.5): three or four hops, or aggregation over several pages.
  /**
   * A year strictly between two consecutive distinct values of `years`, so "before Y" never meets an item of
   * year Y itself (which would make the count depend on reading "before 1820" as before 1 January 1820).
   */
  const splitYear = (years: number[]): { year: number; below: number } | null => {
    const sorted = [...years].sort((a, c) => a - c);
    const gaps: number[] = [];
    for (let i = 1; i < sorted.length; i++) if (sorted[i]! - sorted[i - 1]! >= 2) gaps.push(i);
    if (!gaps.length) return null;
    const i = rng.pick(gaps);
    return { year: rng.int(sorted[i - 1]! + 1, sorted[i]! - 1), below: i };
  };
  const b4: Template[] = [
    { name: 'ship-designer-province', count: 5, make: (b) => {
      const s = any(ships);
      if (!claim(`b4:${s.slug}`)) return null;
      b.need(s, 'designer');
      b.need(s.designer, 'birthplace');
      b.need(s.designer.birthplace, 'province');
      return { prompt: `In which province was the designer of the ${s.shipType} ${s.name} born?`, ans: provAns(s.designer.birthplace.province.name), R: 2, A: 0, shape: 'multi-hop', why: `the ${s.name}'s page → designer ${s.designer.name} → birthplace ${s.designer.birthplace.name} → province on the town's page` };
    } },
    { name: 'book-publisher-founder-province', count: 5, make: (b) => {
      const k = any(books);
      const f = k.publisher.founder;
      if (f === k.author || !claim(`b4:${k.slug}`)) return null;
      b.need(k, 'publisher');
      b.need(k.publisher, 'founder');
      b.need(f, 'birthplace');
      b.need(f.birthplace, 'province');
      return { prompt: `In which province was the founder of the publisher of ${k.name} born?`, ans: provAns(f.birthplace.province.name), R: 3, A: 0, shape: 'multi-hop', why: `page on ${k.name} → publisher ${k.publisher.name} → founder ${f.name} → birthplace ${f.birthplace.name} → province on the town's page` };
    } },
    { name: 'painting-gallery-founder-born', count: 5, make: (b) => {
      const x = any(paintings);
      const f = x.gallery.founder;
      if (f === x.painter || !claim(`b4:${x.slug}`)) return null;
      b.need(x, 'gallery');
      b.need(x.gallery, 'founder');
      b.need(f, 'born');
      return { prompt: `In what year was the founder of the gallery that holds ${x.name} born?`, ans: yearAns(f.born.y, f.born), R: 2, A: 0, shape: 'multi-hop', why: `page on ${x.name} → ${x.gallery.name} → founder ${f.name} → birth year on that page` };
    } },
    { name: 'bridge-engineer-teacher-birthplace', count: 5, make: (b) => {
      const x = any(bridges);
      const t = x.engineer.teacher;
      if (!t || !claim(`b4:${x.slug}`)) return null;
      b.need(x, 'engineer');
      b.need(x.engineer, 'teacher');
      b.need(t, 'birthplace');
      return { prompt: `In which town was the teacher of the designer of the ${x.name} born?`, ans: townAns(t.birthplace.name), R: 2, A: 0, shape: 'multi-hop', why: `the ${x.name} page → designer ${x.engineer.name} → teacher ${t.name} → birthplace on the teacher's page` };
    } },
    { name: 'ship-captain-province', count: 4, make: (b) => {
      const s = any(ships);
      if (!claim(`b4cap:${s.slug}`)) return null;
      b.need(s, 'captain');
      b.need(s.captain, 'birthplace');
      b.need(s.captain.birthplace, 'province');
      return { prompt: `In which province was the first master of the ${s.shipType} ${s.name} born?`, ans: provAns(s.captain.birthplace.province.name), R: 2, A: 0, shape: 'multi-hop', why: `the ${s.name}'s page → first master ${s.captain.name} → birthplace ${s.captain.birthplace.name} → province on the town's page` };
    } },
    { name: 'ship-yard-years', count: 5, make: (b) => {
      const s = any(ships);
      if (!claim(`b4yrs:${s.slug}`)) return null;
      b.need(s, 'launched');
      b.need(s.yard, 'founded');
      const n = s.launched.y - s.yard.founded;
      return { prompt: `How many years after its shipyard was founded was the ${s.shipType} ${s.name} launched?`, ans: numAns(n, ['year', 'years']), R: 1, A: 1, computed: true, shape: 'multi-hop', why: `the ${s.name}'s page → ${s.yard.name} (launched ${s.launched.y}) → founded ${s.yard.founded} on the yard's page; ${s.launched.y} − ${s.yard.founded} = ${n}` };
    } },
    { name: 'yard-count-before', count: 5, make: (b) => {
      const y = any(yards);
      const n = y.ships.length;
      if (n < 3 || n > 6) return null;
      const split = splitYear(y.ships.map((s) => s.launched.y));
      if (!split || !claim(`b4cnt:${y.slug}`)) return null;
      b.need(y, 'ships');
      for (const s of y.ships) b.need(s, 'launched');
      return { prompt: `How many of the ships built at ${theOrg(y)} were launched before ${split.year}?`, ans: numAns(split.below), R: n + 1, A: 0, computed: true, shape: 'aggregation', why: `the yard's page lists ${n} ships; each ship's page gives its launch year (${y.ships.map((s) => s.launched.y).join(', ')}); ${split.below} are before ${split.year}` };
    } },
    { name: 'river-count-before', count: 5, make: (b) => {
      const r = any(w.rivers);
      const n = r.bridges.length;
      if (n < 3 || n > 6) return null;
      const split = splitYear(r.bridges.map((x) => x.completed));
      if (!split || !claim(`b4cnt:${r.slug}`)) return null;
      b.need(r, 'bridges');
      for (const x of r.bridges) b.need(x, 'completed');
      return { prompt: `How many of the bridges across the ${r.name} were completed before ${split.year}?`, ans: numAns(split.below), R: n + 1, A: 0, computed: true, shape: 'aggregation', why: `the river's page lists ${n} bridges; each bridge's page gives its completion year (${r.bridges.map((x) => x.completed).join(', ')}); ${split.below} are before ${split.year}` };
    } },
    { name: 'yard-max-tonnage', count: 5, make: (b) => {
      const y = any(yards);
      const n = y.ships.length;
      if (n < 3 || n > 5) return null;
      const sorted = [...y.ships].sort((a, c) => c.tonnage - a.tonnage);
      if (sorted[0]!.tonnage === sorted[1]!.tonnage || !claim(`b4max:${y.slug}`)) return null;
      b.need(y, 'ships');
      for (const s of y.ships) b.need(s, 'tonnage');
      return { prompt: `Of the ships built at ${theOrg(y)}, which had the greatest tonnage?`, ans: shipAns(sorted[0]!), R: n + 1, A: 0, shape: 'aggregation', why: `the yard's page lists ${n} ships; each ship's page gives its tonnage (${y.ships.map((s) => s.tonnage).join(', ')}); the largest is the ${sorted[0]!.name}` };
    } },
  ];

  // -------------------------------------------------------------------------------------------------
  // Bin 5 (τ ≤ 60): multi-step research over five or more documents with date or arithmetic reasoning.
  const b5: Template[] = [
    { name: 'yards-count-diff', count: 8, make: (b) => {
      const y1 = any(yards);
      const y2 = any(yards.filter((y) => y !== y1));
      if (!y2 || y1.ships.length < 2 || y2.ships.length < 2) return null;
      const total = y1.ships.length + y2.ships.length;
      if (total < 5 || total > 10) return null;
      const all = [...y1.ships, ...y2.ships].map((s) => s.launched.y);
      const lo = Math.min(...all);
      const hi = Math.max(...all);
      const cands: { year: number; c1: number; c2: number }[] = [];
      for (let yr = lo + 1; yr <= hi; yr++) {
        if (all.includes(yr)) continue;
        const c1 = y1.ships.filter((s) => s.launched.y < yr).length;
        const c2 = y2.ships.filter((s) => s.launched.y < yr).length;
        if (c1 !== c2 && (c1 > 0 || c2 > 0)) cands.push({ year: yr, c1, c2 });
      }
      if (!cands.length || !claim(`b5diff:${[y1.slug, y2.slug].sort().join('|')}`)) return null;
      const { year, c1, c2 } = rng.pick(cands);
      const [more, less, cm, cl] = c1 > c2 ? [y1, y2, c1, c2] : [y2, y1, c2, c1];
      b.need(more, 'ships');
      b.need(less, 'ships');
      for (const s of [...more.ships, ...less.ships]) b.need(s, 'launched');
      return { prompt: `Counting only ships launched before ${year}, how many more ships were built at ${theOrg(more)} than at ${theOrg(less)}?`, ans: numAns(cm - cl), R: total + 2, A: 1, computed: true, shape: 'research', why: `both yards' pages list their ships (${more.ships.length} and ${less.ships.length}); each ship's page gives its launch year; ${cm} and ${cl} are before ${year}; ${cm} − ${cl} = ${cm - cl}` };
    } },
    { name: 'yard-heaviest-designer-age', count: 8, make: (b) => {
      const y = any(yards);
      const n = y.ships.length;
      if (n < 4 || n > 8) return null;
      const sorted = [...y.ships].sort((a, c) => c.tonnage - a.tonnage);
      const s = sorted[0]!;
      if (s.tonnage === sorted[1]!.tonnage || !claim(`b5age:${y.slug}`)) return null;
      b.need(y, 'ships');
      for (const x of y.ships) b.need(x, 'tonnage');
      b.need(s, 'launchDate');
      b.need(s, 'designer');
      b.need(s.designer, 'birthDate');
      const age = ageOn(s.designer.born, s.launched);
      return { prompt: `Among the ships built at ${theOrg(y)}, take the one with the greatest tonnage. How old, in completed years, was its designer on the day it was launched?`, ans: numAns(age, ['year', 'years']), R: n + 2, A: 1, computed: true, shape: 'research', why: `the yard's page lists ${n} ships; their pages give the tonnages, the largest being the ${s.name} (${fmtInt(s.tonnage)} tons), launched ${fmtDate(s.launched)} and designed by ${s.designer.name}, born ${fmtDate(s.designer.born)}: age ${age}` };
    } },
    { name: 'oldest-founder', count: 8, make: (b) => {
      const trio = rng.sample(orgs, 3);
      const founders = new Set(trio.map((o) => o.founder));
      if (founders.size < 3 || !claim(`b5old:${trio.map((o) => o.slug).sort().join('|')}`)) return null;
      const ages = trio.map((o) => ({ o, age: o.founded - o.founder.born.y })).sort((a, c) => c.age - a.age);
      // Only founding years are known, so ages are ±1; a gap of two years keeps the oldest unambiguous.
      if (ages[0]!.age - ages[1]!.age < 2) return null;
      for (const o of trio) {
        b.need(o, 'founded');
        b.need(o, 'founder');
        b.need(o.founder, 'born');
      }
      const top = ages[0]!.o.founder;
      return { prompt: `${trio.map((o) => theOrg(o)).join(', ').replace(/^the/, 'The').replace(/, ([^,]*)$/, ' and $1')} were each founded by one person. Which of the three founders was the oldest at the time of founding?`, ans: personAns(top), R: 5, A: 3, shape: 'research', why: `three organisation pages give founder and year, three founder pages give birth years; ages at founding ${ages.map((a) => `${a.o.founder.name} ${a.o.founded}−${a.o.founder.born.y}=${a.age}`).join(', ')}` };
    } },
    { name: 'designers-birthplaces-population', count: 7, make: (b) => {
      const trio = rng.sample(ships, 3);
      const ds = trio.map((s) => s.designer);
      if (new Set(ds).size < 3 || new Set(ds.map((d) => d.birthplace)).size < 3) return null;
      if (!claim(`b5pop:${trio.map((s) => s.slug).sort().join('|')}`)) return null;
      for (const s of trio) {
        b.need(s, 'designer');
        b.need(s.designer, 'birthplace');
        b.need(s.designer.birthplace, 'pop1900');
      }
      const pops = ds.map((d) => d.birthplace.pop1900);
      const sum = pops.reduce((a, c) => a + c, 0);
      return { prompt: `Find the towns where the designers of the ${trio[0]!.name}, the ${trio[1]!.name} and the ${trio[2]!.name} were born. What was their combined population at the census of 1900?`, ans: numAns(sum, ['inhabitant', 'inhabitants']), R: 6, A: 2, computed: true, shape: 'research', why: `three ship pages → designers ${ds.map((d) => d.name).join(', ')} → birthplaces ${ds.map((d) => d.birthplace.name).join(', ')} → census figures ${pops.map(fmtInt).join(' + ')} = ${fmtInt(sum)}` };
    } },
    { name: 'river-bridges-length-before-org', count: 6, make: (b) => {
      const r = any(w.rivers);
      const n = r.bridges.length;
      if (n < 3 || n > 8) return null;
      const years = r.bridges.map((x) => x.completed);
      const cands = orgs.filter((o) => !years.includes(o.founded) && years.filter((y) => y < o.founded).length >= 2);
      if (!cands.length) return null;
      const o = any(cands);
      if (!claim(`b5len:${r.slug}`)) return null;
      const inc = r.bridges.filter((x) => x.completed < o.founded);
      b.need(r, 'bridges');
      b.need(o, 'founded');
      for (const x of r.bridges) b.need(x, 'completed');
      for (const x of inc) b.need(x, 'lengthM');
      const sum = inc.reduce((a, x) => a + x.lengthM, 0);
      return { prompt: `What is the total length, in metres, of the bridges across the ${r.name} that were completed before ${theOrg(o)} was founded?`, ans: numAns(sum, ['metre', 'metres'], true), R: n + 1, A: inc.length - 1, computed: true, shape: 'research', why: `${o.name} founded ${o.founded}; the river's page lists ${n} bridges, completed ${years.join(', ')}; ${inc.length} are earlier, lengths ${inc.map((x) => x.lengthM).join(' + ')} = ${sum} metres` };
    } },
    { name: 'yard-tonnage-founder-lifetime', count: 7, make: (b) => {
      const y = any(yards);
      const n = y.ships.length;
      const died = y.founder.died;
      if (n < 3 || n > 8 || y.ships.some((s) => s.launched.y === died)) return null;
      const inc = y.ships.filter((s) => s.launched.y < died);
      if (inc.length < 2 || !claim(`b5ton:${y.slug}`)) return null;
      b.need(y, 'founder');
      b.need(y, 'ships');
      b.need(y.founder, 'died');
      for (const s of y.ships) b.need(s, 'launched');
      for (const s of inc) b.need(s, 'tonnage');
      const sum = inc.reduce((a, s) => a + s.tonnage, 0);
      return { prompt: `What was the combined tonnage, in tons burthen, of the ships built at ${theOrg(y)} that were launched while the yard's founder was still alive?`, ans: numAns(sum, ['ton', 'tons']), R: n + 2, A: inc.length - 1, computed: true, shape: 'research', why: `the yard's page gives founder ${y.founder.name} (died ${died}) and ${n} ships; their pages give launch years ${y.ships.map((s) => s.launched.y).join(', ')}; the ${inc.length} launched earlier weigh ${inc.map((s) => fmtInt(s.tonnage)).join(' + ')} = ${fmtInt(sum)} tons` };
    } },
  ];

  // -------------------------------------------------------------------------------------------------
  const bins: [BinIndex, Template[]][] = [[0, b1], [1, b2], [2, b3], [3, b4], [4, b5]];
  const out: Question[] = [];
  for (const [bin, templates] of bins) {
    for (const t of templates) {
      let made = 0;
      for (let attempt = 0; made < t.count && attempt < 4000; attempt++) {
        const b = new Builder(docOf);
        const d = t.make(b);
        if (!d) continue;
        const q = b.finish(bin, t.name, d);
        if (binOf(tauOf(q.work)) !== bin) continue; // this instance is too light or too heavy for the bin
        if (bin === 4 && q.evidence.length < 5) continue;
        const rank = SEARCH_RANK_NEEDED[bin];
        if (rank && !search(q.prompt, rank).includes(q.evidence[0]!)) continue; // a near-namesake or similar title outranks it
        out.push(q);
        made++;
      }
      if (made < t.count) throw new Error(`questions: template ${t.name} made only ${made} of ${t.count} questions for bin ${bin + 1}`);
    }
  }
  return out;
}
