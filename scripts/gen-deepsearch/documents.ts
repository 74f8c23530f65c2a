// Renders the world as encyclopedia-style documents: several paragraphs of prose with the facts embedded
// in sentences. Every fact a question may need is registered with the paragraph it sits in, so the
// question generator knows how deep a reader has to go (the τ formula's paragraph term).
import { fmtDate } from './calendar.ts';
import {
  bookLater, bookReception, bookWriting, bridgeBuild, bridgeLater, bridgeSetting, eventAftermath, eventBackground, eventDetail,
  paintingLegacy, shipLegacy, shipVoyages, orgHistory, orgLater, paintingDesc,
  paintingHistory, personCareer, personEarly, personLater, personLegacy, personPrivate, shipBuild, shipService, townCulture,
  townEconomy, townGeography, townHistory, type PersonVoice, type PlaceVoice,
} from './prose.ts';
import { orgLong, personLong, shipLong, townLong } from './prose-long.ts';
import type { Rng } from './rng.ts';
import type {
  Book, Bridge, Entity, Org, OrgKind, Painting, Person, Province, River, Ship, Town, World, WorldEvent,
} from './entities.ts';

export interface Fact {
  /** Paragraph index (0 = the lead). */
  para: number;
  /** The literal text of the value as it appears in the document. */
  value: string;
}

export interface Doc {
  /** Assigned after all documents exist (ids are shuffled so they do not reveal the kind of document). */
  id: string;
  title: string;
  url: string;
  paras: string[];
  facts: Map<string, Fact>;
  role: 'main' | 'duplicate' | 'mention';
  entity?: Entity;
  /** Mention documents: what a question may read from them (src: mentions.ts). */
  about?: MentionAbout;
}

/** What a mention document records, for questions whose first hop is that document (not an encyclopedia page). */
export type MentionAbout =
  | { kind: 'shipping'; town: Town; year: number; season: string; cargo: string; ship: Ship }
  | { kind: 'minutes'; org: Org; year: number; month: string; topic: string; opener: Person };

export const docText = (d: Doc) => d.paras.join('\n\n');

export const fmtInt = (n: number) => n.toLocaleString('en-US');
/** "a shipwright", "an innkeeper". */
export const aAn = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export const smallWord = (n: number) => SMALL[n] ?? String(n);

const OCC_DESC: Record<Person['occupation'], string> = {
  shipwright: 'shipwright', captain: 'sea captain', engineer: 'civil engineer', architect: 'architect', novelist: 'novelist', poet: 'poet',
  painter: 'painter', merchant: 'merchant', composer: 'composer', astronomer: 'astronomer', botanist: 'botanist',
  cartographer: 'cartographer', politician: 'politician',
};
export const occupationText = (p: Person) => OCC_DESC[p.occupation];

const ORG_DESC: Record<OrgKind, string> = {
  shipyard: 'shipyard', press: 'publishing house', gallery: 'art gallery', academy: 'learned academy', 'trading company': 'trading company',
  observatory: 'astronomical observatory', orchestra: 'orchestra', bank: 'bank', newspaper: 'newspaper', 'botanical garden': 'botanical garden',
};
export const orgKindText = (o: Org) => ORG_DESC[o.orgKind];

const pr = (p: Person) =>
  p.gender === 'f' ? { s: 'she', S: 'She', o: 'her', p: 'her', P: 'Her' } : { s: 'he', S: 'He', o: 'him', p: 'his', P: 'His' };

/** "A, B and C" */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const theShip = (s: Ship) => `the ${s.name}`;
/** Organisation names that read naturally after "the" ("the Kelvor Press"); names starting with "The" keep theirs. */
export const theOrg = (o: Org) => (o.name.startsWith('The ') ? o.name : `the ${o.name}`);
export const TheOrg = (o: Org) => (o.name.startsWith('The ') ? o.name : `The ${o.name}`);

class DocBuilder {
  paras: string[][] = [[]];
  facts = new Map<string, Fact>();
  constructor(readonly rng: Rng) {}
  /** Start a new paragraph. */
  p(): this {
    if (this.paras[this.paras.length - 1]!.length) this.paras.push([]);
    return this;
  }
  s(sentence: string): this {
    this.paras[this.paras.length - 1]!.push(sentence);
    return this;
  }
  /** A sentence carrying a registered fact; the value must occur in the sentence. */
  f(key: string, value: string, sentence: string): this {
    if (!sentence.includes(value)) throw new Error(`document builder: fact ${key}='${value}' not in sentence "${sentence}"`);
    if (this.facts.has(key)) throw new Error(`document builder: fact ${key} registered twice`);
    this.facts.set(key, { para: this.paras.length - 1, value });
    return this.s(sentence);
  }
  /** One or more filler sentences drawn from a pool (distinct). */
  fill(pool: string[], n = 1): this {
    const used = new Set(this.paras.flat());
    for (const x of this.rng.sample(pool.filter((x) => !used.has(x)), n)) this.s(x);
    return this;
  }
  build(title: string, url: string, role: Doc['role'], entity?: Entity): Doc {
    const paras = this.paras.filter((p) => p.length).map((p) => p.join(' '));
    return { id: '', title, url, paras, facts: this.facts, role, entity };
  }
}

export const wikiUrl = (slug: string) => `sale://wiki/${slug}`;

// ---------------------------------------------------------------------------------------------------
// People

function personDoc(p: Person, w: World, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  const x = pr(p);
  const occ = occupationText(p);
  const v: PersonVoice = {
    S: x.S, s: x.s, o: x.o, p: x.p, P: x.P, name: p.name, surname: p.surname, home: p.birthplace.name,
    // Another town for filler sentences; it existed before the person was born (childhood visits, archives).
    river: p.birthplace.river.name, town: rng.pick(w.towns.filter((t) => t.founded < p.born.y)).name, occ,
  };
  // The province of birth is deliberately not in the lead: it is on the town's page (one more hop).
  b.f('born', String(p.born.y), `${p.name} (born ${fmtDate(p.born)} in ${p.birthplace.name}; died ${p.died}) was ${aAn(occ)}.`);
  b.facts.set('birthDate', { para: 0, value: fmtDate(p.born) });
  b.facts.set('birthplace', { para: 0, value: p.birthplace.name });
  b.facts.set('died', { para: 0, value: String(p.died) });
  b.facts.set('occupation', { para: 0, value: occ });
  // v2: no back-links. A person's page does not name the works, organisations or pupils that name the
  // person (those pages link here), so a question's first entity and its answer never share a page.
  b.s(`${x.S} is remembered in ${p.birthplace.name} as one of the town's more capable ${occ}s.`);

  b.p();
  b.s(p.siblings === 0 ? `${x.S} was the only child of ${aAn(p.parentTrade)}.` : `${x.S} was one of ${smallWord(p.siblings + 1)} children of ${aAn(p.parentTrade)}.`);
  b.fill(personEarly(v), 3);
  if (p.teacher) b.f('teacher', p.teacher.name, `${x.S} trained under the ${occupationText(p.teacher)} ${p.teacher.name}, who remained a friend for life.`);
  else b.s(`${x.S} was largely self-taught, a point ${x.s} liked to make in later years.`);

  b.p();
  b.fill(personCareer(v), 4);

  b.p();
  b.fill(personLong(), 4);
  b.p();
  b.fill(personLong(), 4);

  b.p();
  b.f('spouse', p.spouse, `In ${p.married} ${x.s} married ${p.spouse}.`);
  b.f(
    'children',
    smallWord(p.children),
    p.children === 0 ? `The couple had no children.` : `They had ${smallWord(p.children)} ${p.children === 1 ? 'child' : 'children'}.`,
  );
  b.f('house', String(p.residence.no), `For many years the family lived at No. ${p.residence.no} ${p.residence.street} in ${p.residence.town.name}, a house that still stands.`);
  b.fill(personPrivate(v), 3);

  b.p();
  if (p.award) b.f('award', String(p.award.year), `In ${p.award.year} ${x.s} received the ${p.award.name}.`);
  b.fill(personLater(v), 4);

  b.p();
  b.f('deathPlace', p.deathPlace.name, `${p.name} died at ${p.deathPlace.name} in ${p.died}.`);
  b.fill(personLegacy(v), 2);
  return b.build(p.name, wikiUrl(p.slug), 'main', p);
}

// ---------------------------------------------------------------------------------------------------
// Towns, provinces, rivers

function townDoc(t: Town, w: World, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  const prov = t.province.name;
  const v: PlaceVoice = { name: t.name, river: t.river.name, province: prov, trade: t.trade };
  b.f('province', prov, `${t.name} is a town in the province of ${prov}, on the ${t.bank} bank of the river ${t.river.name}.`);
  b.facts.set('river', { para: 0, value: t.river.name });
  b.f('founded', String(t.founded), `It was founded in ${t.founded}${t.slug === t.province.capital!.slug ? ' and is the provincial capital' : ''}.`);

  b.p();
  b.f('charter', String(t.charter), `${t.name} received its town charter in ${t.charter}.`);
  b.fill(townHistory(v), 3);
  const events = w.events.filter((e) => e.town.slug === t.slug);
  if (events.length) b.s(`The town's history includes the ${listText(events.map((e) => e.name))}.`);

  b.p();
  b.f('elevation', String(t.elevation), `${t.name} lies at an elevation of ${t.elevation} metres${t.distKm ? `, ${t.distKm} kilometres from the provincial capital, ${t.province.capital!.name}` : ''}.`);
  const bridges = w.bridges.filter((x) => x.town.slug === t.slug);
  if (bridges.length) b.s(`The ${t.river.name} is crossed here by the ${listText(bridges.map((x) => x.name))}.`);
  b.fill(townGeography(v), 2);

  b.p();
  b.s(`The town's prosperity was built on the ${t.trade} trade.`);
  b.fill(townEconomy(v), 2);

  b.p();
  b.fill(townLong(), 4);
  b.p();
  b.fill(townLong(), 4);

  b.p();
  b.f('pop1900', fmtInt(t.pop1900), `At the census of 1900 ${t.name} had ${fmtInt(t.pop1900)} inhabitants.`);
  b.fill(townCulture(v), 2);

  return b.build(t.name, wikiUrl(t.slug), 'main', t);
}

function provinceDoc(p: Province, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  b.f('capital', p.capital!.name, `${p.name} is one of the eight provinces of the Orvand lowlands. Its capital is ${p.capital!.name}.`);
  b.s(`The provincial motto is "${p.motto}".`);
  b.p();
  b.s(`Its towns include ${listText(p.towns.map((t) => t.name))}.`);
  b.p();
  b.fill([
    `The province is governed by an elected assembly that meets in the capital each autumn.`,
    `Its economy rests on river trade, farming and small manufacturing.`,
    `The provincial archive holds charters going back several centuries.`,
    `The province is divided into districts, each with its own magistrate.`,
  ], 3);
  return b.build(`${p.name} (province)`, wikiUrl(p.slug), 'main', p);
}

function riverDoc(r: River, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  const provs = [...new Set(r.towns.map((t) => t.province.name))];
  b.f('length', String(r.lengthKm), `The ${r.name} is a river of ${listText(provs)}, ${r.lengthKm} kilometres long, flowing into ${r.mouth}.`);
  b.p();
  if (r.towns.length) b.s(`From its source it passes ${listText(r.towns.map((t) => t.name))}.`);
  b.fill([
    `Its upper course runs through narrow wooded valleys.`,
    `Barges could once reach far upstream when the water was high.`,
    `Several mills used its current; a few of the weirs survive.`,
    `Its tributaries drain a wide area of upland pasture.`,
  ], 2);
  b.p();
  b.fill([
    `The river freezes over in hard winters, and skating races were held on it in the past.`,
    `Its fish were an important food source for the riverside towns.`,
    `Navigation improvements in the last century straightened several bends.`,
    `Floods remain a danger in the lower valley.`,
    `Towpaths run along much of its length.`,
  ], 3);
  b.p();
  if (r.bridges.length) {
    const listed = rng.shuffle(r.bridges).map((x) => `the ${x.name}`);
    b.f('bridges', listed[0]!.slice(4), `The river is crossed by ${r.bridges.length === 1 ? 'one bridge described in this encyclopedia' : `${smallWord(r.bridges.length)} bridges described in this encyclopedia`}: ${listText(listed)}.`);
  } else b.s(`No bridge of note crosses it; ferries serve the towns along its banks.`);
  return b.build(`${r.name} (river)`, wikiUrl(r.slug), 'main', r);
}

// ---------------------------------------------------------------------------------------------------
// Organisations

function orgDoc(o: Org, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  const was = o.dissolved ? 'was' : 'is';
  b.f('founded', String(o.founded), `${TheOrg(o)} ${was} ${aAn(orgKindText(o))} in ${o.seat.name}, founded in ${o.founded}.`);
  b.facts.set('seat', { para: 0, value: o.seat.name });

  b.p();
  b.fill(orgHistory(o.seat.name), 3);
  // v2: the founder is named past the lead, and the founder's birthplace is only on the founder's page.
  b.f('founder', o.founder.name, `Its founder was the ${occupationText(o.founder)} ${o.founder.name}.`);

  b.p();
  b.f('director', o.firstDirector.name, `Its first director was ${o.firstDirector.name}.`);
  b.fill(orgLater(o.seat.name).slice(0, 5), 3);

  b.p();
  b.fill(orgLong(), 4);
  b.p();
  b.fill(orgLong(), 4);

  b.p();
  if (o.orgKind === 'shipyard') {
    if (o.ships.length) b.f('ships', o.ships[0]!.name, `The yard built ${o.ships.length === 1 ? 'one ship described in this encyclopedia' : `${smallWord(o.ships.length)} ships described in this encyclopedia`}: ${listText(o.ships.map(theShip))}.`);
    else b.s(`None of the vessels built at the yard is described in this encyclopedia.`);
  } else if (o.orgKind === 'press') {
    if (o.books.length) b.f('books', o.books[0]!.name, `Books it published include ${listText(o.books.slice(0, 10).map((k) => k.name))}.`);
  } else if (o.orgKind === 'gallery') {
    if (o.paintings.length) b.f('paintings', o.paintings[0]!.name, `Its collection includes ${listText(o.paintings.slice(0, 10).map((k) => k.name))}.`);
  }
  b.fill(orgLater(o.seat.name).slice(5), 2);

  b.p();
  const unit = o.orgKind === 'academy' || o.orgKind === 'orchestra' ? 'members' : 'people';
  const verb = unit === 'members' ? 'had' : 'employed';
  b.f('staff', fmtInt(o.staff.count), `In ${o.staff.year} it ${verb} ${fmtInt(o.staff.count)} ${unit}.`);
  if (o.dissolved) b.f('dissolved', String(o.dissolved), `It was wound up in ${o.dissolved}.`);
  else b.s(`It remains active.`);
  return b.build(o.name, wikiUrl(o.slug), 'main', o);
}

// ---------------------------------------------------------------------------------------------------
// Works

function shipDoc(s: Ship, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  b.f('launched', String(s.launched.y), `The ${s.name} was ${aAn(s.shipType)} launched on ${fmtDate(s.launched)} at ${theOrg(s.yard)} in ${s.yard.seat.name}.`);
  b.facts.set('launchDate', { para: 0, value: fmtDate(s.launched) });
  b.facts.set('yard', { para: 0, value: s.yard.name });
  b.p();
  b.f('designer', s.designer.name, `She was designed by the shipwright ${s.designer.name}.`);
  b.fill(shipBuild(), 3);
  b.p();
  b.fill(shipLong(), 4);
  b.p();
  b.fill(shipLong(), 4);
  b.p();
  b.f('tonnage', fmtInt(s.tonnage), `She measured ${fmtInt(s.tonnage)} tons burthen and was ${s.lengthM} metres long.`);
  b.facts.set('length', { para: b.paras.length - 1, value: String(s.lengthM) });
  b.f('crew', String(s.crew), `Her crew numbered ${s.crew}${s.guns ? `, and she carried ${s.guns} guns` : ''}.`);
  b.s(`Her hull was sheathed below the waterline, and she was rigged as ${s.shipType === 'steam packet' ? 'a steamer with auxiliary sails' : aAn(s.shipType)}.`);
  b.p();
  b.f('captain', s.captain.name, `Her first master was Captain ${s.captain.name}.`);
  b.fill(shipService(), 3);
  b.p();
  b.fill(shipVoyages(), 3);
  b.p();
  const fate =
    s.fate.how === 'wrecked'
      ? `The ${s.name} was wrecked near ${s.fate.where.name} in ${s.fate.year}.`
      : s.fate.how === 'broken up'
        ? `The ${s.name} was broken up at ${s.fate.where.name} in ${s.fate.year}.`
        : s.fate.how === 'burned'
          ? `The ${s.name} was destroyed by fire at ${s.fate.where.name} in ${s.fate.year}.`
          : `The ${s.name} was sold at ${s.fate.where.name} in ${s.fate.year} and disappears from the records.`;
  b.f('fate', String(s.fate.year), fate);
  b.fill(shipLegacy(), 2);
  return b.build(`${s.name} (ship)`, wikiUrl(s.slug), 'main', s);
}

function bridgeDoc(x: Bridge, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  b.f('completed', String(x.completed), `The ${x.name} is ${aAn(x.material)} bridge across the river ${x.river.name} at ${x.town.name}, in the province of ${x.town.province.name}. It was completed in ${x.completed}.`);
  b.facts.set('river', { para: 0, value: x.river.name });
  b.facts.set('town', { para: 0, value: x.town.name });
  b.p();
  b.f('engineer', x.engineer.name, `Work began in ${x.begun} to designs by the ${occupationText(x.engineer)} ${x.engineer.name}.`);
  b.fill([
    `The site had been served by a ferry for generations.`,
    `Merchants of the town had petitioned for a bridge for many years.`,
    `The council raised part of the cost through a toll.`,
    `Two earlier designs had been rejected as too costly.`,
  ], 2);
  b.p();
  b.fill(bridgeBuild(), 3);
  b.p();
  b.f('lengthM', String(x.lengthM), `The bridge is ${x.lengthM} metres long and has ${smallWord(x.spans)} ${x.spans === 1 ? 'span' : 'spans'}.`);
  b.facts.set('spans', { para: 3, value: smallWord(x.spans) });
  b.f('cost', fmtInt(x.costCrowns), `It cost ${fmtInt(x.costCrowns)} crowns.`);
  b.fill(bridgeSetting(), 2);
  b.p();
  b.fill(bridgeLater(), 3);
  return b.build(x.name, wikiUrl(x.slug), 'main', x);
}

function bookDoc(k: Book, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  b.f('year', String(k.year), `${k.name} is ${aAn(k.genre)} by ${k.author.name}, first published in ${k.year}.`);
  b.facts.set('author', { para: 0, value: k.author.name });
  b.p();
  if (k.genre === 'novel')
    b.s(`The story follows ${k.hero}, who returns to ${k.setting.name} after many years away.`).fill([
      `An inheritance, a disputed boundary and a flood drive the plot.`,
      `The town itself is drawn in close detail.`,
      `Much of the action takes place over a single winter.`,
      `The ending divided its first readers.`,
      `A subplot concerns a ferryman and his debts.`,
      `The narrator's voice is dry and often comic.`,
    ], 3);
  else if (k.genre === 'collection of poems')
    b.s(`The poems move between ${k.setting.name} and the open sea.`).fill([
      `Several are addressed to a friend identified only by initials.`,
      `The longest poem runs to some four hundred lines.`,
      `Many are written in an old ballad metre.`,
      `A group of short poems describes the seasons on the river.`,
    ], 3);
  else
    b.s(`The book draws on the author's own experience and has much to say about ${k.setting.name}.`).fill([
      `It mixes narrative with tables and sketches.`,
      `It was written in the evenings over several years.`,
      `Later historians have relied on it heavily.`,
      `Its maps were drawn by the author.`,
    ], 3);
  b.p();
  b.fill(bookWriting(), 3);
  b.f('publisher', k.publisher.name, `The first edition was brought out by ${theOrg(k.publisher)}.`);
  b.p();
  b.fill(bookReception(), 3);
  b.p();
  b.f('pages', String(k.pages), `The first edition ran to ${k.pages} pages, in a printing of ${fmtInt(k.copies)} copies.`);
  b.fill([`It was bound in plain boards with a paper label.`, `Some copies were issued with a folding map.`, `The type was set by hand.`, `A cheaper edition followed within a few years.`], 2);
  b.p();
  b.fill(bookLater(), 3);
  return b.build(k.name, wikiUrl(k.slug), 'main', k);
}

function paintingDoc(x: Painting, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  b.f('year', String(x.year), `${x.name} is an oil painting by ${x.painter.name}, completed in ${x.year}.`);
  b.facts.set('painter', { para: 0, value: x.painter.name });
  b.p();
  b.s(`It shows ${x.subject}.`);
  b.fill(paintingDesc(), 3);
  b.p();
  b.fill(paintingHistory(), 3);
  b.p();
  b.f('size', `${x.heightCm} by ${x.widthCm}`, `The canvas measures ${x.heightCm} by ${x.widthCm} centimetres.`);
  b.f('acquired', String(x.acquired), `It entered the collection of ${theOrg(x.gallery)} in ${x.gallery.seat.name} in ${x.acquired}.`);
  b.facts.set('gallery', { para: 3, value: x.gallery.name });
  b.p();
  b.fill(paintingLegacy(), 3);
  return b.build(x.name, wikiUrl(x.slug), 'main', x);
}

const EVENT_DESC: Record<WorldEvent['eventKind'], string> = {
  flood: 'flood of the river', fire: 'town fire', expedition: 'surveying expedition', treaty: 'trade treaty negotiated and signed',
  fair: 'fair, held for the first time', storm: 'storm',
};

function eventDoc(e: WorldEvent, rng: Rng): Doc {
  const b = new DocBuilder(rng);
  const where = e.eventKind === 'expedition' ? `that set out from ${e.town.name}` : `at ${e.town.name}`;
  b.f('year', String(e.start.y), `The ${e.name} was ${aAn(EVENT_DESC[e.eventKind])} ${where} in ${e.start.y}.`);
  b.fill([
    `It is one of the best documented episodes in the history of ${e.town.province.name}.`,
    `Contemporary accounts of it differ in the details.`,
  ]);
  b.p();
  b.fill(eventBackground(e.town.name), 3);
  b.p();
  b.f('start', fmtDate(e.start), `It began on ${fmtDate(e.start)} and lasted ${e.days} ${e.days === 1 ? 'day' : 'days'}.`);
  b.facts.set('days', { para: 2, value: String(e.days) });
  b.p();
  const lead =
    e.eventKind === 'expedition'
      ? `It was led by the ${occupationText(e.leader)} ${e.leader.name}.`
      : e.eventKind === 'treaty'
        ? `The chief negotiator was ${e.leader.name}.`
        : e.eventKind === 'fair'
          ? `It was organised by ${e.leader.name}.`
          : `The relief effort was directed by ${e.leader.name}.`;
  b.f('leader', e.leader.name, lead);
  b.fill(eventDetail(e.town.name), 2);
  b.fill(eventAftermath(e.town.name).slice(3), 2);
  b.p();
  const countText =
    e.eventKind === 'expedition'
      ? `The party numbered ${e.count}.`
      : e.eventKind === 'treaty'
        ? `It was signed by ${e.count} delegations.`
        : e.eventKind === 'fair'
          ? `${e.count} stalls were counted on the first day.`
          : e.count === 0
            ? `The official count of lives lost was 0.`
            : `${e.count} people lost their lives.`;
  b.f('count', String(e.count), countText);
  b.fill(eventAftermath(e.town.name).slice(0, 3), 2);
  return b.build(e.name, wikiUrl(e.slug), 'main', e);
}

/** The canonical (main) document of each entity. */
export function renderMain(e: Entity, w: World, rng: Rng): Doc {
  const r = rng.fork(`doc:${e.kind}:${e.slug}`);
  switch (e.kind) {
    case 'person': return personDoc(e, w, r);
    case 'town': return townDoc(e, w, r);
    case 'province': return provinceDoc(e, r);
    case 'river': return riverDoc(e, r);
    case 'org': return orgDoc(e, r);
    case 'ship': return shipDoc(e, r);
    case 'bridge': return bridgeDoc(e, r);
    case 'book': return bookDoc(e, r);
    case 'painting': return paintingDoc(e, r);
    case 'event': return eventDoc(e, r);
  }
}

/**
 * A superseded or disputed near-duplicate of an entity's page: the same text with one fact changed,
 * opening with a note that says which source is authoritative.
 */
export function renderDuplicate(e: Entity, changed: Entity, w: World, rng: Rng): Doc {
  const c = e.conflict!;
  const main = renderMain(changed, w, rng); // same fork label → same filler sentences, one fact different
  const note =
    c.source === 'almanac'
      ? `This entry is reproduced from the 1902 edition of the Provincial Almanac. Several of its figures were corrected in later editions; the encyclopedia's main article on ${e.name} (${wikiUrl(e.slug)}) is the authoritative account.`
      : `This account follows a family chronicle whose dates are disputed by historians. Where it disagrees with the encyclopedia's main article on ${e.name} (${wikiUrl(e.slug)}), the main article is to be preferred.`;
  // Keep the first paragraphs, at least up to the one holding the changed fact.
  const changedAt = main.facts.get(c.fact)?.para;
  if (changedAt === undefined || !main.paras[changedAt]!.includes(c.wrongValue))
    throw new Error(`duplicate of ${e.name}: the changed fact ${c.fact}='${c.wrongValue}' is not on the page`);
  const keep = main.paras.slice(0, Math.max(Math.min(main.paras.length, 4), changedAt + 1));
  const facts = new Map<string, Fact>();
  for (const [k, f] of main.facts) if (f.para < keep.length) facts.set(k, { para: f.para + 1, value: f.value });
  const label = c.source === 'almanac' ? 'Provincial Almanac, 1902' : 'family chronicle';
  return {
    id: '',
    title: `${main.title} (${label})`,
    url: `sale://${c.source === 'almanac' ? 'almanac-1902' : 'chronicles'}/${e.slug}`,
    paras: [note, ...keep],
    facts,
    role: 'duplicate',
    entity: e,
  };
}
