// Templates of bins 1 and 2: one page. Bin 1 (τ ≤ 0.1): a fact in the first words of an entity's page,
// read off the search snippet. Bin 2 (τ ≤ 0.5): a fact in a later paragraph of one page (not in its lead).
import type { Entity } from './entities.ts';
import { fmtInt, smallWord, theOrg } from './doc-text.ts';
import { numAns, numberWords, uniq, yearAns, type Ctx, type Template } from './questions-core.ts';

export function lookupTemplates(c: Ctx): { b1: Template[]; b2: Template[] } {
  const { any, claim, people, ships, orgs, towns, bridges, books, paintings, events, P, personAns, orgAns, townAns, provAns, text, leadOf, words, docOf } = c;
  /** A snippet fact: within the first 220 characters of the page, on an entity with no conflicting duplicate. */
  const snippetOk = (e: Entity, value: string) => !e.conflict && text(e).slice(0, 220).includes(value);
  const b1: Template[] = [
    { name: 'person-born', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`born:${p.slug}`) || !snippetOk(p, String(p.born.y))) return null;
      b.need(p, 'born');
      return { prompt: `In what year was ${P(p)} born?`, ans: yearAns(p.born.y, p.born), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the birth year is in the first sentence of ${p.name}'s page, shown in the top hit's snippet` };
    } },
    { name: 'person-birthplace', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`birthplace:${p.slug}`) || !snippetOk(p, p.birthplace.name)) return null;
      b.need(p, 'birthplace');
      return { prompt: `In which town was ${P(p)} born?`, ans: townAns(p.birthplace.name), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the birthplace is in the first sentence of ${p.name}'s page` };
    } },
    { name: 'person-died', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`died:${p.slug}`) || !snippetOk(p, String(p.died))) return null;
      b.need(p, 'died');
      return { prompt: `In what year did ${P(p)} die?`, ans: yearAns(p.died), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the death year is in the first sentence of ${p.name}'s page` };
    } },
    { name: 'town-province', count: 6, make: (b) => {
      const t = any(towns);
      if (!claim(`province:${t.slug}`) || !snippetOk(t, t.province.name)) return null;
      b.need(t, 'province');
      return { prompt: `In which province is the town of ${t.name}?`, ans: provAns(t.province.name), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the province is in the first sentence of ${t.name}'s page` };
    } },
    { name: 'town-river', count: 6, make: (b) => {
      const t = any(towns);
      if (!claim(`river:${t.slug}`) || !snippetOk(t, t.river.name)) return null;
      b.need(t, 'river');
      return { prompt: `On which river does the town of ${t.name} stand?`, ans: uniq(t.river.name, [`the ${t.river.name}`, `the ${t.river.name} river`, `${t.river.name} river`, `the river ${t.river.name}`]), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the river is in the first sentence of ${t.name}'s page` };
    } },
    { name: 'org-founded', count: 6, make: (b) => {
      const o = any(orgs);
      if (!claim(`founded:${o.slug}`) || !snippetOk(o, String(o.founded))) return null;
      b.need(o, 'founded');
      return { prompt: `In what year was ${theOrg(o)} founded?`, ans: yearAns(o.founded), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the founding year is in the first sentence of the ${o.name} page` };
    } },
    { name: 'ship-launched', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`launched:${s.slug}`) || !snippetOk(s, String(s.launched.y))) return null;
      b.need(s, 'launched');
      return { prompt: `In what year was the ${s.shipType} ${s.name} launched?`, ans: yearAns(s.launched.y, s.launched), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the launch date is in the first sentence of the ${s.name}'s page` };
    } },
    { name: 'ship-yard', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`yard:${s.slug}`) || !snippetOk(s, s.yard.name)) return null;
      b.need(s, 'yard');
      return { prompt: `At which shipyard was the ${s.shipType} ${s.name} built?`, ans: orgAns(s.yard), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the shipyard is named in the first sentence of the ${s.name}'s page` };
    } },
    { name: 'bridge-river', count: 6, make: (b) => {
      const x = any(bridges);
      if (!claim(`river:${x.slug}`) || !snippetOk(x, x.river.name)) return null;
      b.need(x, 'river');
      return { prompt: `Which river does the ${x.name} cross?`, ans: uniq(x.river.name, [`the ${x.river.name}`, `the ${x.river.name} river`, `the river ${x.river.name}`]), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the river is in the first sentence of the ${x.name} page` };
    } },
    { name: 'bridge-completed', count: 6, make: (b) => {
      const x = any(bridges);
      if (!claim(`completed:${x.slug}`) || !snippetOk(x, String(x.completed))) return null;
      b.need(x, 'completed');
      return { prompt: `In what year was the ${x.name} completed?`, ans: yearAns(x.completed), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the completion year is in the opening lines of the ${x.name} page` };
    } },
    { name: 'book-author', count: 6, make: (b) => {
      const k = any(books);
      if (!claim(`author:${k.slug}`) || !snippetOk(k, k.author.name)) return null;
      b.need(k, 'author');
      return { prompt: `Who wrote the ${k.genre} ${k.name}?`, ans: personAns(k.author), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the author is named in the first sentence of the page on ${k.name}` };
    } },
    { name: 'book-year', count: 6, make: (b) => {
      const k = any(books);
      if (!claim(`year:${k.slug}`) || !snippetOk(k, String(k.year))) return null;
      b.need(k, 'year');
      return { prompt: `In what year was the ${k.genre} ${k.name} first published?`, ans: yearAns(k.year), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the year is in the first sentence of the page on ${k.name}` };
    } },
    { name: 'painting-painter', count: 6, make: (b) => {
      const x = any(paintings);
      if (!claim(`painter:${x.slug}`) || !snippetOk(x, x.painter.name)) return null;
      b.need(x, 'painter');
      return { prompt: `Who painted ${x.name}?`, ans: personAns(x.painter), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the painter is named in the first sentence of the page on ${x.name}` };
    } },
    { name: 'event-year', count: 6, make: (b) => {
      const e = any(events);
      if (!claim(`year:${e.slug}`) || !snippetOk(e, String(e.start.y))) return null;
      b.need(e, 'year');
      return { prompt: `In what year did the ${e.name} take place?`, ans: yearAns(e.start.y), R: 0, A: 0, snippet: true, shape: 'lookup', why: `the year is in the first sentence of the ${e.name} page` };
    } },
  ];

  // Bin 2 (τ ≤ 0.5): one document, the fact in a later paragraph (not in the lead).
  /** The value must sit in paragraph ≥ 2 and not occur in the lead at all. */
  const deepOk = (e: Entity, key: string, value: string) => {
    const f = docOf.get(e)!.facts.get(key);
    return !!f && f.para >= 2 && !words(value).test(leadOf(e));
  };
  const b2: Template[] = [
    { name: 'person-children', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`children:${p.slug}`) || !deepOk(p, 'children', smallWord(p.children))) return null;
      b.need(p, 'children');
      const ans = p.children === 0 ? uniq('0', ['none', 'no children', 'zero']) : numAns(p.children, ['child', 'children']);
      return { prompt: `How many children did ${P(p)} have?`, ans, R: 0, A: 0, shape: 'deep-read', why: `the number of children is in paragraph ${b.para(p, 'children') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-house', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`house:${p.slug}`) || !deepOk(p, 'house', String(p.residence.no))) return null;
      b.need(p, 'house');
      const n = p.residence.no;
      return { prompt: `At what house number on ${p.residence.street} did the family of ${P(p)} live for many years?`, ans: uniq(String(n), [`No. ${n}`, `number ${n}`, `no ${n}`, numberWords(n)]), R: 0, A: 0, shape: 'deep-read', why: `the address is in paragraph ${b.para(p, 'house') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-award', count: 6, make: (b) => {
      const p = any(people);
      if (!p.award || !claim(`award:${p.slug}`) || !deepOk(p, 'award', String(p.award.year))) return null;
      b.need(p, 'award');
      return { prompt: `In what year did ${P(p)} receive the ${p.award.name}?`, ans: yearAns(p.award.year), R: 0, A: 0, shape: 'deep-read', why: `the award is in paragraph ${b.para(p, 'award') + 1} of ${p.name}'s page` };
    } },
    { name: 'person-deathplace', count: 6, make: (b) => {
      const p = any(people);
      if (p.deathPlace === p.birthplace || !claim(`deathPlace:${p.slug}`) || !deepOk(p, 'deathPlace', p.deathPlace.name)) return null;
      b.need(p, 'deathPlace');
      return { prompt: `In which town did ${P(p)} die?`, ans: townAns(p.deathPlace.name), R: 0, A: 0, shape: 'deep-read', why: `the place of death is in the last paragraph (${b.para(p, 'deathPlace') + 1}) of ${p.name}'s page` };
    } },
    { name: 'person-spouse', count: 6, make: (b) => {
      const p = any(people);
      if (!claim(`spouse:${p.slug}`) || !deepOk(p, 'spouse', p.spouse)) return null;
      b.need(p, 'spouse');
      return { prompt: `Whom did ${P(p)} marry?`, ans: uniq(p.spouse, []), R: 0, A: 0, shape: 'deep-read', why: `the marriage is in paragraph ${b.para(p, 'spouse') + 1} of ${p.name}'s page` };
    } },
    { name: 'ship-tonnage', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`tonnage:${s.slug}`) || !deepOk(s, 'tonnage', fmtInt(s.tonnage))) return null;
      b.need(s, 'tonnage');
      return { prompt: `What was the tonnage of the ${s.shipType} ${s.name}, in tons burthen?`, ans: numAns(s.tonnage, ['ton', 'tons']), R: 0, A: 0, shape: 'deep-read', why: `the tonnage is in paragraph ${b.para(s, 'tonnage') + 1} of the ${s.name}'s page` };
    } },
    { name: 'ship-captain', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`captain:${s.slug}`) || !deepOk(s, 'captain', s.captain.name)) return null;
      b.need(s, 'captain');
      const a = personAns(s.captain);
      return { prompt: `Who was the first master of the ${s.shipType} ${s.name}?`, ans: uniq(a.answer, [...a.aliases, `Captain ${s.captain.name}`]), R: 0, A: 0, shape: 'deep-read', why: `the first master is named in paragraph ${b.para(s, 'captain') + 1} of the ${s.name}'s page` };
    } },
    { name: 'ship-fate', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`fate:${s.slug}`) || !deepOk(s, 'fate', String(s.fate.year))) return null;
      b.need(s, 'fate');
      const verb = { wrecked: 'wrecked', 'broken up': 'broken up', burned: 'destroyed by fire', sold: 'sold' }[s.fate.how];
      return { prompt: `In what year was the ${s.shipType} ${s.name} ${verb}?`, ans: yearAns(s.fate.year), R: 0, A: 0, shape: 'deep-read', why: `the ship's fate is in the last paragraph (${b.para(s, 'fate') + 1}) of its page` };
    } },
    { name: 'bridge-length', count: 6, make: (b) => {
      const x = any(bridges);
      if (!claim(`length:${x.slug}`) || !deepOk(x, 'lengthM', String(x.lengthM))) return null;
      b.need(x, 'lengthM');
      return { prompt: `How long is the ${x.name}, in metres?`, ans: numAns(x.lengthM, ['metre', 'metres'], true), R: 0, A: 0, shape: 'deep-read', why: `the length is in paragraph ${b.para(x, 'lengthM') + 1} of the ${x.name} page` };
    } },
    { name: 'bridge-cost', count: 6, make: (b) => {
      const x = any(bridges);
      if (!claim(`cost:${x.slug}`) || !deepOk(x, 'cost', fmtInt(x.costCrowns))) return null;
      b.need(x, 'cost');
      return { prompt: `How many crowns did the ${x.name} cost?`, ans: numAns(x.costCrowns, ['crown', 'crowns']), R: 0, A: 0, shape: 'deep-read', why: `the cost is in paragraph ${b.para(x, 'cost') + 1} of the ${x.name} page` };
    } },
    { name: 'org-director', count: 6, make: (b) => {
      const o = any(orgs);
      if (o.firstDirector === o.founder || !claim(`director:${o.slug}`) || !deepOk(o, 'director', o.firstDirector.name)) return null;
      b.need(o, 'director');
      return { prompt: `Who was the first director of ${theOrg(o)}?`, ans: personAns(o.firstDirector), R: 0, A: 0, shape: 'deep-read', why: `the first director is named in paragraph ${b.para(o, 'director') + 1} of the ${o.name} page` };
    } },
    { name: 'org-staff', count: 6, make: (b) => {
      const o = any(orgs);
      if (!claim(`staff:${o.slug}`) || !deepOk(o, 'staff', fmtInt(o.staff.count))) return null;
      b.need(o, 'staff');
      const members = o.orgKind === 'academy' || o.orgKind === 'orchestra';
      return { prompt: members ? `How many members did ${theOrg(o)} have in ${o.staff.year}?` : `How many people did ${theOrg(o)} employ in ${o.staff.year}?`, ans: numAns(o.staff.count), R: 0, A: 0, shape: 'deep-read', why: `the figure is in paragraph ${b.para(o, 'staff') + 1} of the ${o.name} page` };
    } },
    { name: 'town-pop', count: 6, make: (b) => {
      const t = any(towns);
      if (!claim(`pop:${t.slug}`) || !deepOk(t, 'pop1900', fmtInt(t.pop1900))) return null;
      b.need(t, 'pop1900');
      return { prompt: `What was the population of ${t.name} at the census of 1900?`, ans: numAns(t.pop1900, ['inhabitant', 'inhabitants']), R: 0, A: 0, shape: 'deep-read', why: `the census figure is in paragraph ${b.para(t, 'pop1900') + 1} of ${t.name}'s page` };
    } },
    { name: 'town-elevation', count: 6, make: (b) => {
      const t = any(towns);
      if (!claim(`elevation:${t.slug}`) || !deepOk(t, 'elevation', String(t.elevation))) return null;
      b.need(t, 'elevation');
      return { prompt: `At what elevation, in metres, does ${t.name} lie?`, ans: numAns(t.elevation, ['metre', 'metres'], true), R: 0, A: 0, shape: 'deep-read', why: `the elevation is in paragraph ${b.para(t, 'elevation') + 1} of ${t.name}'s page` };
    } },
    { name: 'book-pages', count: 6, make: (b) => {
      const k = any(books);
      if (!claim(`pages:${k.slug}`) || !deepOk(k, 'pages', String(k.pages))) return null;
      b.need(k, 'pages');
      return { prompt: `How many pages did the first edition of ${k.name} have?`, ans: numAns(k.pages, ['page', 'pages']), R: 0, A: 0, shape: 'deep-read', why: `the page count is in paragraph ${b.para(k, 'pages') + 1} of the page on ${k.name}` };
    } },
    { name: 'painting-acquired', count: 6, make: (b) => {
      const x = any(paintings);
      if (!claim(`acquired:${x.slug}`) || !deepOk(x, 'acquired', String(x.acquired))) return null;
      b.need(x, 'acquired');
      return { prompt: `In what year did the painting ${x.name} enter the collection of the gallery that holds it?`, ans: yearAns(x.acquired), R: 0, A: 0, shape: 'deep-read', why: `the acquisition is in paragraph ${b.para(x, 'acquired') + 1} of the page on ${x.name}` };
    } },
    { name: 'event-days', count: 6, make: (b) => {
      const e = any(events);
      if (!claim(`days:${e.slug}`) || !deepOk(e, 'days', String(e.days))) return null;
      b.need(e, 'days');
      return { prompt: e.eventKind === 'treaty' ? `For how many days was the ${e.name} negotiated?` : `How many days did the ${e.name} last?`, ans: numAns(e.days, ['day', 'days']), R: 0, A: 0, shape: 'deep-read', why: `the duration is in paragraph ${b.para(e, 'days') + 1} of the ${e.name} page` };
    } },
    { name: 'event-count', count: 6, make: (b) => {
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

  return { b1, b2 };
}
