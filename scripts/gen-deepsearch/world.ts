// The fictional world behind the deep-search corpus: provinces, rivers, towns, people, organisations,
// ships, bridges, books, paintings and events, with dates and quantities that are consistent with each
// other (nobody designs a ship before birth or after death, a yard builds only after it is founded, …).
import { NameMaker, NameRegistry, nearNamesake } from './names.ts';
import type { Rng } from './rng.ts';

export interface YMD {
  y: number;
  m: number; // 1-12
  d: number;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}
export function fmtDate(d: YMD): string {
  return `${d.d} ${MONTHS[d.m - 1]} ${d.y}`;
}
/** Age in completed years on `on` of someone born on `born`. */
export function ageOn(born: YMD, on: YMD): number {
  let age = on.y - born.y;
  if (on.m < born.m || (on.m === born.m && on.d < born.d)) age--;
  return age;
}
/** The date `days` days after `d` (day 0 = d). */
export function addDays(d: YMD, days: number): YMD {
  let { y, m, d: day } = d;
  day += days;
  while (day > daysInMonth(y, m)) {
    day -= daysInMonth(y, m);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { y, m, d: day };
}

/** Every entity carries the slug of its canonical page (sale://wiki/<slug>) and, once rendered, its doc. */
export interface EntityBase {
  kind: string;
  name: string;
  slug: string;
  /** Another entity whose name differs by one letter (made on purpose as a distractor). */
  near?: EntityBase;
  /**
   * Set when a superseded or disputed second document about this entity exists: the key of the changed fact
   * and its wrong value as written on that document.
   */
  conflict?: { fact: string; wrongValue: string; source: 'almanac' | 'chronicle' };
}

export interface Province extends EntityBase {
  kind: 'province';
  capital?: Town;
  towns: Town[];
  motto: string;
}
export interface River extends EntityBase {
  kind: 'river';
  lengthKm: number;
  towns: Town[]; // source to mouth
  bridges: Bridge[];
  mouth: string;
}
export interface Town extends EntityBase {
  kind: 'town';
  province: Province;
  river: River;
  bank: 'left' | 'right';
  founded: number;
  charter: number;
  elevation: number;
  pop1900: number;
  distKm: number; // to the provincial capital
  trade: string;
  orgs: Org[];
  born: Person[];
}
export type Occupation =
  | 'shipwright' | 'captain' | 'engineer' | 'architect' | 'novelist' | 'poet' | 'painter' | 'merchant'
  | 'composer' | 'astronomer' | 'botanist' | 'cartographer' | 'politician';
export interface Person extends EntityBase {
  kind: 'person';
  given: string;
  surname: string;
  gender: 'f' | 'm';
  born: YMD;
  birthplace: Town;
  died: number;
  deathPlace: Town;
  occupation: Occupation;
  teacher?: Person;
  pupils: Person[];
  spouse: string;
  married: number;
  children: number;
  residence: { no: number; street: string; town: Town };
  award?: { name: string; year: number };
  parentTrade: string;
  siblings: number;
  founded: Org[];
  works: (Ship | Bridge | Book | Painting)[];
}
export type OrgKind =
  | 'shipyard' | 'press' | 'gallery' | 'academy' | 'trading company' | 'observatory' | 'orchestra' | 'bank' | 'newspaper' | 'botanical garden';
export interface Org extends EntityBase {
  kind: 'org';
  orgKind: OrgKind;
  founded: number;
  founder: Person;
  seat: Town;
  firstDirector: Person;
  staff: { count: number; year: number };
  dissolved?: number;
  ships: Ship[];
  books: Book[];
  paintings: Painting[];
}
export interface Ship extends EntityBase {
  kind: 'ship';
  shipType: string;
  launched: YMD;
  yard: Org;
  designer: Person;
  captain: Person;
  tonnage: number;
  lengthM: number;
  crew: number;
  guns: number;
  fate: { how: 'wrecked' | 'broken up' | 'burned' | 'sold'; year: number; where: Town };
}
export interface Bridge extends EntityBase {
  kind: 'bridge';
  river: River;
  town: Town;
  completed: number;
  begun: number;
  engineer: Person;
  lengthM: number;
  spans: number;
  material: string;
  costCrowns: number;
}
export interface Book extends EntityBase {
  kind: 'book';
  genre: string;
  author: Person;
  year: number;
  publisher: Org;
  pages: number;
  setting: Town;
  hero: string;
  copies: number;
}
export interface Painting extends EntityBase {
  kind: 'painting';
  painter: Person;
  year: number;
  gallery: Org;
  heightCm: number;
  widthCm: number;
  acquired: number;
  subject: string;
}
export interface WorldEvent extends EntityBase {
  kind: 'event';
  eventKind: 'flood' | 'fire' | 'expedition' | 'treaty' | 'fair' | 'storm';
  town: Town;
  start: YMD;
  days: number;
  leader: Person;
  count: number; // casualties, participants, ships lost … depending on the kind
}

export type Entity = Province | River | Town | Person | Org | Ship | Bridge | Book | Painting | WorldEvent;

export interface World {
  provinces: Province[];
  rivers: River[];
  towns: Town[];
  people: Person[];
  orgs: Org[];
  ships: Ship[];
  bridges: Bridge[];
  books: Book[];
  paintings: Painting[];
  events: WorldEvent[];
  /** Names invented for people who appear only inside documents (spouses, fictional characters). */
  extraNames: string[];
  awards: string[];
}

export const SIZES = {
  provinces: 8,
  rivers: 24,
  towns: 170,
  people: 830,
  /** Share of people whose name is a near-namesake of an earlier person (same given name, one letter changed in the surname). */
  nearPeople: 0.08,
  orgs: {
    shipyard: 55, press: 36, gallery: 18, academy: 16, 'trading company': 22, observatory: 10, orchestra: 14, bank: 14,
    newspaper: 20, 'botanical garden': 10,
  } as Record<OrgKind, number>,
  ships: 330,
  nearShips: 0.06,
  bridges: 115,
  books: 240,
  paintings: 120,
  events: 110,
} as const;

export const LAST_YEAR = 1934;

const OCCUPATION_WEIGHTS: readonly (readonly [Occupation, number])[] = [
  ['shipwright', 13], ['captain', 11], ['engineer', 9], ['architect', 4], ['novelist', 11], ['poet', 5], ['painter', 9],
  ['merchant', 12], ['composer', 4], ['astronomer', 4], ['botanist', 4], ['cartographer', 5], ['politician', 9],
];

const FOUNDER_OCCUPATIONS: Record<OrgKind, Occupation[]> = {
  shipyard: ['shipwright', 'merchant'],
  press: ['novelist', 'poet', 'merchant'],
  gallery: ['painter', 'merchant'],
  academy: ['astronomer', 'botanist', 'cartographer', 'politician'],
  'trading company': ['merchant', 'captain'],
  observatory: ['astronomer'],
  orchestra: ['composer'],
  bank: ['merchant', 'politician'],
  newspaper: ['novelist', 'politician', 'merchant'],
  'botanical garden': ['botanist'],
};

const TRADES = ['timber', 'salt', 'wool', 'grain', 'glass', 'river fish', 'copper', 'linen', 'pottery', 'leather', 'wine', 'slate'];
const PARENT_TRADES = ['ferryman', 'miller', 'weaver', 'schoolteacher', 'cooper', 'clerk', 'innkeeper', 'pilot', 'carpenter', 'glassblower', 'notary', 'rope-maker'];
const MOTTOS = ['Steady as the river', 'By oar and plough', 'Light over the water', 'The hills remember', 'Salt and silver', 'First to the ford', 'Slow roots, long shade', 'What the tide brings'];

function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function randomDate(rng: Rng, y: number): YMD {
  const m = rng.int(1, 12);
  return { y, m, d: rng.int(1, daysInMonth(y, m)) };
}

/** Build the world. Throws when a constraint cannot be met (which would be a generator bug). */
export function buildWorld(root: Rng): World {
  const reg = new NameRegistry();
  const names = new NameMaker(root.fork('names'));
  const slugs = new Set<string>();
  const slugFor = (name: string, hint: string): string => {
    let s = slugify(name);
    if (slugs.has(s)) s = `${s}-${hint}`;
    let n = 2;
    const base = s;
    while (slugs.has(s)) s = `${base}-${n++}`;
    slugs.add(s);
    return s;
  };

  // --- Provinces and rivers ------------------------------------------------------------------------
  const rg = root.fork('geography');
  const provinces: Province[] = [];
  for (let i = 0; i < SIZES.provinces; i++) {
    const name = reg.fresh(() => names.province(), 'province');
    provinces.push({ kind: 'province', name, slug: slugFor(name, 'province'), towns: [], motto: MOTTOS[i % MOTTOS.length]! });
  }
  const rivers: River[] = [];
  for (let i = 0; i < SIZES.rivers; i++) {
    const name = reg.fresh(() => names.river(), 'river');
    rivers.push({ kind: 'river', name, slug: slugFor(`${name} river`, 'river'), lengthKm: rg.int(40, 780), towns: [], bridges: [], mouth: '' });
  }

  // --- Towns ---------------------------------------------------------------------------------------
  const towns: Town[] = [];
  for (let i = 0; i < SIZES.towns; i++) {
    let name: string;
    // A few towns are near-namesakes of an earlier town.
    const base = towns.length > 20 && rg.chance(0.06) ? rg.pick(towns) : undefined;
    const near = base ? nearNamesake(base.name, rg, (w) => reg.has(w)) : undefined;
    if (near) {
      reg.add(near);
      name = near;
    } else name = reg.fresh(() => names.town(), 'town');
    const province = provinces[i % provinces.length]!;
    const river = i < rivers.length * 3 ? rivers[i % rivers.length]! : rg.pick(rivers);
    const founded = rg.int(1080, 1690);
    const town: Town = {
      kind: 'town',
      name,
      slug: slugFor(name, 'town'),
      province,
      river,
      bank: rg.chance(0.5) ? 'left' : 'right',
      founded,
      charter: Math.min(1850, founded + rg.int(40, 300)),
      elevation: rg.int(4, 860),
      pop1900: rg.chance(0.2) ? rg.int(20000, 260000) : rg.int(700, 19999),
      distKm: 0,
      trade: rg.pick(TRADES),
      orgs: [],
      born: [],
    };
    if (base && near) {
      town.near = base;
      base.near ??= town;
    }
    towns.push(town);
    province.towns.push(town);
    river.towns.push(town);
  }
  for (const p of provinces) {
    p.capital = p.towns.reduce((a, b) => (b.pop1900 > a.pop1900 ? b : a));
    for (const t of p.towns) t.distKm = t === p.capital ? 0 : rg.int(6, 240);
  }
  for (const r of rivers) {
    r.towns = rg.shuffle(r.towns);
    r.mouth = rg.chance(0.6) ? 'the Sea of Orvand' : `the ${rg.pick(rivers.filter((x) => x !== r)).name}`;
  }

  // --- People --------------------------------------------------------------------------------------
  const rp = root.fork('people');
  const people: Person[] = [];
  const extraNames: string[] = [];
  const streetNames: string[] = [];
  for (let i = 0; i < 60; i++) streetNames.push(`${reg.fresh(() => names.word2(), 'street')} ${rp.pick(['Street', 'Lane', 'Quay', 'Row', 'Square'])}`);
  const awards: string[] = [];
  for (let i = 0; i < 10; i++) awards.push(rp.chance(0.5) ? `Order of the ${reg.fresh(() => names.word2(), 'award')}` : `${reg.fresh(() => names.word2(), 'award')} Medal`);

  const personName = (gender: 'f' | 'm'): { given: string; surname: string; near?: Person } => {
    if (people.length > 40 && rp.chance(SIZES.nearPeople)) {
      const base = rp.pick(people);
      const sur = nearNamesake(base.surname, rp, (w) => reg.has(`${base.given} ${w}`) || reg.has(w));
      if (sur) {
        reg.add(`${base.given} ${sur}`);
        return { given: base.given, surname: sur, near: base };
      }
    }
    for (;;) {
      const given = names.given(gender);
      const surname = names.surname();
      const full = `${given} ${surname}`;
      // Surnames stay unique too (except near-namesakes), so a surname alone names one person.
      if (reg.has(full) || reg.has(surname) || people.some((p) => p.surname === surname)) continue;
      reg.add(full);
      return { given, surname };
    }
  };

  for (let i = 0; i < SIZES.people; i++) {
    const nm = personName(rp.chance(0.5) ? 'f' : 'm');
    const base = nm.near;
    const gender: 'f' | 'm' = base ? base.gender : rp.chance(0.5) ? 'f' : 'm';
    const occupation = base && rp.chance(0.7) ? base.occupation : rp.weighted(OCCUPATION_WEIGHTS);
    const by = rp.int(1640, 1870);
    const bornIn = rp.pick(towns.filter((t) => t.founded < by - 5));
    const died = Math.min(LAST_YEAR, by + rp.int(38, 92));
    const full = `${nm.given} ${nm.surname}`;
    const spouse = reg.fresh(() => `${names.given(gender === 'f' ? 'm' : 'f')} ${names.surname()}`, 'spouse');
    extraNames.push(spouse);
    const married = by + rp.int(20, 36);
    const p: Person = {
      kind: 'person',
      name: full,
      slug: slugFor(full, 'person'),
      given: nm.given,
      surname: nm.surname,
      gender,
      born: randomDate(rp, by),
      birthplace: bornIn,
      died,
      deathPlace: rp.chance(0.35) ? bornIn : rp.pick(towns.filter((t) => t.founded < died)),
      occupation,
      pupils: [],
      spouse,
      married: Math.min(married, died - 1),
      children: rp.int(0, 11),
      residence: { no: rp.int(2, 240), street: rp.pick(streetNames), town: rp.pick(towns.filter((t) => t.founded < Math.min(married, died - 1))) },
      parentTrade: rp.pick(PARENT_TRADES),
      siblings: rp.int(0, 9),
      founded: [],
      works: [],
    };
    if (died - by > 45 && rp.chance(0.55)) p.award = { name: rp.pick(awards), year: rp.int(by + 32, died - 1) };
    if (base) {
      p.near = base;
      base.near ??= p;
    }
    people.push(p);
    bornIn.born.push(p);
  }
  // Teachers: an older person of the same occupation, alive when the pupil was 18.
  for (const p of people) {
    if (!rp.chance(0.75)) continue;
    const cands = people.filter(
      (t) => t.occupation === p.occupation && t.born.y <= p.born.y - 15 && t.born.y >= p.born.y - 45 && t.died >= p.born.y + 18 && t !== p.near && p !== t.near,
    );
    if (cands.length) {
      p.teacher = rp.pick(cands);
      p.teacher.pupils.push(p);
    }
  }
  const aliveAged = (p: Person, year: number, lo: number, hi: number) => year - p.born.y >= lo && year - p.born.y <= hi && p.died >= year;

  // --- Organisations -------------------------------------------------------------------------------
  const ro = root.fork('orgs');
  const orgs: Org[] = [];
  const orgName = (kind: OrgKind, seat: Town): string => {
    const w = () => names.word2();
    const pattern: Record<OrgKind, () => string> = {
      shipyard: () => (ro.chance(0.5) ? `${w()} Shipworks` : `${w()} Shipyard`),
      press: () => `${w()} Press`,
      gallery: () => (ro.chance(0.5) ? `${w()} Gallery` : `${seat.name} Gallery of Art`),
      academy: () => (ro.chance(0.5) ? `Academy of ${seat.name}` : `${w()} Academy`),
      'trading company': () => `${w()} Trading Company`,
      observatory: () => (ro.chance(0.6) ? `${seat.name} Observatory` : `${w()} Observatory`),
      orchestra: () => (ro.chance(0.5) ? `${seat.name} Philharmonic` : `${w()} Orchestra`),
      bank: () => `${w()} Bank`,
      newspaper: () => (ro.chance(0.5) ? `${seat.name} Gazette` : `The ${w()} Courier`),
      'botanical garden': () => (ro.chance(0.5) ? `${seat.name} Botanical Garden` : `${w()} Botanical Garden`),
    };
    return reg.fresh(pattern[kind], kind);
  };
  for (const [kind, count] of Object.entries(SIZES.orgs) as [OrgKind, number][]) {
    for (let i = 0; i < count; i++) {
      let made = false;
      for (let attempt = 0; attempt < 200 && !made; attempt++) {
        const founder = ro.pick(people.filter((p) => FOUNDER_OCCUPATIONS[kind].includes(p.occupation)));
        const lo = founder.born.y + 25;
        const hi = Math.min(founder.died - 1, founder.born.y + 60, kind === 'shipyard' ? 1880 : 1900);
        if (hi < lo) continue;
        const founded = ro.int(lo, hi);
        const seats = towns.filter((t) => t.founded < founded - 10);
        if (!seats.length) continue;
        const seat = ro.chance(0.5) && founder.birthplace.founded < founded - 10 ? founder.birthplace : ro.pick(seats);
        const directors = people.filter((p) => p !== founder && aliveAged(p, founded, 25, 70));
        if (!directors.length) continue;
        // A staff figure from a year the organisation existed (before it was wound up).
        const dissolved = ro.chance(0.4) ? founded + ro.int(20, 160) : undefined;
        const lastOpen = dissolved !== undefined && dissolved < LAST_YEAR ? dissolved - 1 : LAST_YEAR;
        const staffYear = Math.min(lastOpen, founded + ro.int(5, 50));
        const org: Org = {
          kind: 'org',
          orgKind: kind,
          name: '',
          slug: '',
          founded,
          founder,
          seat,
          firstDirector: ro.pick(directors),
          staff: { count: kind === 'shipyard' || kind === 'bank' ? ro.int(40, 2600) : ro.int(8, 420), year: staffYear },
          ships: [],
          books: [],
          paintings: [],
        };
        if (dissolved !== undefined && dissolved < LAST_YEAR) org.dissolved = dissolved;
        org.name = orgName(kind, seat);
        org.slug = slugFor(org.name, 'org');
        orgs.push(org);
        founder.founded.push(org);
        seat.orgs.push(org);
        made = true;
      }
      if (!made) throw new Error(`world: could not place organisation ${kind} #${i}`);
    }
  }
  const byKind = (k: OrgKind) => orgs.filter((o) => o.orgKind === k);
  const openIn = (o: Org, year: number) => o.founded < year && (o.dissolved === undefined || o.dissolved > year);

  // --- Ships ---------------------------------------------------------------------------------------
  const rs = root.fork('ships');
  const ships: Ship[] = [];
  const SHIP_TYPES: [string, number, number][] = [
    ['frigate', 1650, 1860], ['brig', 1650, 1900], ['schooner', 1700, 1934], ['barque', 1700, 1920], ['merchant ship', 1650, 1934],
    ['steam packet', 1822, 1934], ['clipper', 1835, 1890], ['river ferry', 1650, 1934], ['survey ship', 1700, 1934], ['whaler', 1660, 1900],
  ];
  const shipyards = byKind('shipyard');
  for (let i = 0; i < SIZES.ships; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const yard = rs.pick(shipyards);
      const hiYear = Math.min(1928, (yard.dissolved ?? 1929) - 1);
      if (hiYear <= yard.founded + 1) continue;
      const year = rs.int(yard.founded + 1, hiYear);
      const designers = people.filter((p) => p.occupation === 'shipwright' && aliveAged(p, year, 24, 72));
      const captains = people.filter((p) => p.occupation === 'captain' && aliveAged(p, year, 24, 64));
      const types = SHIP_TYPES.filter(([, a, b]) => year >= a && year <= b);
      if (!designers.length || !captains.length) continue;
      let name: string;
      const base = ships.length > 30 && rs.chance(SIZES.nearShips) ? rs.pick(ships) : undefined;
      const near = base ? nearNamesake(base.name, rs, (w) => reg.has(w)) : undefined;
      if (near) {
        reg.add(near);
        name = near;
      } else name = reg.fresh(() => names.ship(), 'ship');
      const tonnage = rs.int(60, 2400);
      const launched = randomDate(rs, year);
      const fateYear = Math.min(LAST_YEAR, year + rs.int(3, 55));
      const shipType = rs.pick(types)[0];
      // Warships carry many guns, some merchantmen a few for defence, the rest none.
      const guns = shipType === 'frigate' ? rs.int(24, 44) : shipType === 'brig' ? rs.int(8, 18) : ['merchant ship', 'barque', 'clipper', 'whaler'].includes(shipType) && rs.chance(0.3) ? rs.int(2, 8) : 0;
      const ship: Ship = {
        kind: 'ship',
        name,
        slug: slugFor(`${name} ship`, 'ship'),
        shipType,
        launched,
        yard,
        designer: rs.pick(designers),
        captain: rs.pick(captains),
        tonnage,
        lengthM: Math.round(14 + Math.sqrt(tonnage) * 1.6 + rs.int(-4, 4)),
        crew: Math.max(6, Math.round(tonnage / rs.int(6, 14))),
        guns,
        fate: { how: rs.pick(['wrecked', 'broken up', 'burned', 'sold'] as const), year: fateYear, where: rs.pick(towns.filter((t) => t.founded < fateYear)) },
      };
      if (base && near) {
        ship.near = base;
        base.near ??= ship;
      }
      ships.push(ship);
      yard.ships.push(ship);
      ship.designer.works.push(ship);
      made = true;
    }
    if (!made) throw new Error(`world: could not place ship #${i}`);
  }
  for (const y of shipyards) y.ships.sort((a, b) => a.launched.y - b.launched.y || a.launched.m - b.launched.m || a.launched.d - b.launched.d);

  // --- Bridges -------------------------------------------------------------------------------------
  const rb = root.fork('bridges');
  const bridges: Bridge[] = [];
  for (let i = 0; i < SIZES.bridges; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const river = i < rivers.length * 2 ? rivers[i % rivers.length]! : rb.pick(rivers);
      const year = rb.int(1660, 1930);
      const sites = river.towns.filter((t) => t.founded < year - 20);
      const engineers = people.filter((p) => (p.occupation === 'engineer' || p.occupation === 'architect') && aliveAged(p, year, 26, 72));
      if (!sites.length || !engineers.length) continue;
      const materials = ['stone', 'timber', 'brick', ...(year >= 1790 ? ['cast-iron'] : []), ...(year >= 1870 ? ['steel', 'steel'] : [])];
      const spans = rb.int(1, 16);
      const name = reg.fresh(() => `${names.word2()} Bridge`, 'bridge');
      const bridge: Bridge = {
        kind: 'bridge',
        name,
        slug: slugFor(name, 'bridge'),
        river,
        town: rb.pick(sites),
        completed: year,
        begun: year - rb.int(1, 9),
        engineer: rb.pick(engineers),
        lengthM: spans * rb.int(12, 46) + rb.int(0, 20),
        spans,
        material: rb.pick(materials),
        costCrowns: rb.int(8, 900) * 1000,
      };
      bridges.push(bridge);
      river.bridges.push(bridge);
      bridge.engineer.works.push(bridge);
      made = true;
    }
    if (!made) throw new Error(`world: could not place bridge #${i}`);
  }
  for (const r of rivers) r.bridges.sort((a, b) => a.completed - b.completed);

  // --- Books ---------------------------------------------------------------------------------------
  const rk = root.fork('books');
  const books: Book[] = [];
  const NOUNS = ['Lanterns', 'Ledger', 'Orchard', 'Ferryman', 'Winter', 'Harbour', 'Salt Road', 'Glass House', 'Weir', 'Lighthouse', 'Cartographer', 'Tides', 'Bell Tower', 'Quarry', 'Mill', 'Ropewalk', 'Heron', 'Almanac', 'Sluice Gate', 'Embers'];
  const PLURAL_NOUNS = ['Lanterns', 'Ledgers', 'Letters', 'Winters', 'Harbours', 'Ferrymen', 'Songs', 'Sermons', 'Herons', 'Bells', 'Lighthouses', 'Orchards'];
  const GENRES: [string, Occupation[]][] = [
    ['novel', ['novelist']], ['collection of poems', ['poet']], ['memoir', ['captain', 'politician', 'merchant', 'engineer']],
    ['travel account', ['cartographer', 'captain', 'botanist']], ['treatise', ['astronomer', 'botanist', 'architect', 'shipwright']],
  ];
  const presses = byKind('press');
  for (let i = 0; i < SIZES.books; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const [genre, occs] = rk.weighted(GENRES.map((g, j) => [g, j === 0 ? 6 : j === 1 ? 3 : 1] as const));
      const author = rk.pick(people.filter((p) => occs.includes(p.occupation)));
      const year = rk.int(author.born.y + 20, Math.min(author.died, author.born.y + 80, 1930));
      const pubs = presses.filter((o) => openIn(o, year));
      if (!pubs.length) continue;
      const setting = rk.pick(towns.filter((t) => t.founded < year));
      const kind = rk.int(0, 3);
      const title = reg.fresh(() => {
        const noun = rk.pick(NOUNS);
        const word = names.word2();
        return kind === 0
          ? `The ${noun} of ${word}`
          : kind === 1
            ? `${word}'s ${noun}`
            : kind === 2
              ? `A ${rk.pick(['Summer', 'Winter', 'Spring', 'Year'])} in ${word}`
              : `${rk.pick(['Three', 'Seven', 'Twelve', 'Forty'])} ${rk.pick(PLURAL_NOUNS)} for ${word}`;
      }, 'book');
      const hero = reg.fresh(() => `${names.given(rk.chance(0.5) ? 'f' : 'm')} ${names.surname()}`, 'character');
      extraNames.push(hero);
      const book: Book = {
        kind: 'book',
        name: title,
        slug: slugFor(title, 'book'),
        genre,
        author,
        year,
        publisher: rk.pick(pubs),
        pages: rk.int(64, 880),
        setting,
        hero,
        copies: rk.int(3, 180) * 100,
      };
      books.push(book);
      book.publisher.books.push(book);
      author.works.push(book);
      made = true;
    }
    if (!made) throw new Error(`world: could not place book #${i}`);
  }

  // --- Paintings -----------------------------------------------------------------------------------
  const rq = root.fork('paintings');
  const paintings: Painting[] = [];
  const galleries = byKind('gallery');
  for (let i = 0; i < SIZES.paintings; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const painter = rq.pick(people.filter((p) => p.occupation === 'painter'));
      const year = rq.int(painter.born.y + 18, Math.min(painter.died, painter.born.y + 80, 1930));
      const gallery = rq.pick(galleries);
      // Acquired after it was painted, while the gallery existed.
      const firstYear = Math.max(year, gallery.founded) + 1;
      const lastYear = Math.min(LAST_YEAR, (gallery.dissolved ?? LAST_YEAR + 1) - 1);
      if (lastYear < firstYear) continue;
      const acquired = rq.int(firstYear, lastYear);
      const sitters = people.filter((p) => p !== painter && aliveAged(p, year, 8, 90));
      const placeable = towns.filter((t) => t.founded < year);
      let subject = '';
      const title = reg.fresh(() => {
        const kind = rq.int(0, 3);
        const town = rq.pick(placeable);
        if (kind === 0 && sitters.length) {
          const s = rq.pick(sitters);
          subject = `a portrait of ${s.name}`;
          return `Portrait of ${s.name}`;
        }
        if (kind === 1) {
          subject = `a view of ${town.name} seen from the ${town.river.name}`;
          return `View of ${town.name} from the ${town.river.name}`;
        }
        const noun = rq.pick(['Market Day', 'Evening Ferry', 'Harvest', 'Boat Builders', 'Lamplighters', 'Flood Water', 'Night Fair', 'Fog']);
        subject = `${noun.toLowerCase()} in ${town.name}`;
        return `${noun} at ${town.name}${rq.chance(0.5) ? '' : ` ${rq.pick(['I', 'II', 'III'])}`}`;
      }, 'painting');
      const painting: Painting = {
        kind: 'painting',
        name: title,
        slug: slugFor(title, 'painting'),
        painter,
        year,
        gallery,
        heightCm: rq.int(30, 260),
        widthCm: rq.int(30, 340),
        acquired,
        subject,
      };
      paintings.push(painting);
      gallery.paintings.push(painting);
      painter.works.push(painting);
      made = true;
    }
    if (!made) throw new Error(`world: could not place painting #${i}`);
  }

  // --- Events --------------------------------------------------------------------------------------
  const re = root.fork('events');
  const events: WorldEvent[] = [];
  const usedEventTowns = new Map<string, Set<string>>();
  const EVENT_LEADERS: Record<WorldEvent['eventKind'], Occupation[]> = {
    flood: ['engineer', 'politician'],
    fire: ['politician', 'architect'],
    expedition: ['cartographer', 'captain', 'botanist'],
    treaty: ['politician', 'merchant'],
    fair: ['merchant', 'politician'],
    storm: ['captain', 'politician'],
  };
  for (let i = 0; i < SIZES.events; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const eventKind = re.pick(['flood', 'fire', 'expedition', 'treaty', 'fair', 'storm'] as const);
      const town = re.pick(towns);
      const used = usedEventTowns.get(eventKind) ?? new Set<string>();
      if (used.has(town.name)) continue;
      const year = re.int(Math.max(town.founded + 20, 1660), 1930);
      const leaders = people.filter((p) => EVENT_LEADERS[eventKind].includes(p.occupation) && aliveAged(p, year, 25, 70));
      if (!leaders.length) continue;
      const leader = re.pick(leaders);
      const name =
        eventKind === 'flood'
          ? `Great Flood of ${town.name}`
          : eventKind === 'fire'
            ? `Great Fire of ${town.name}`
            : eventKind === 'expedition'
              ? `${leader.surname} Expedition`
              : eventKind === 'treaty'
                ? `Treaty of ${town.name}`
                : eventKind === 'fair'
                  ? `${town.name} Lantern Fair`
                  : `${town.name} Storm`;
      if (reg.has(name)) continue;
      reg.add(name);
      used.add(town.name);
      usedEventTowns.set(eventKind, used);
      const days = eventKind === 'expedition' ? re.int(30, 420) : eventKind === 'treaty' ? re.int(3, 60) : re.int(1, 40);
      events.push({
        kind: 'event',
        eventKind,
        name,
        slug: slugFor(name, 'event'),
        town,
        start: randomDate(re, year),
        days,
        leader,
        count: eventKind === 'fair' ? re.int(20, 400) : eventKind === 'expedition' ? re.int(6, 90) : eventKind === 'treaty' ? re.int(2, 9) : re.int(0, 300),
      });
      made = true;
    }
    if (!made) throw new Error(`world: could not place event #${i}`);
  }

  return { provinces, rivers, towns, people, orgs, ships, bridges, books, paintings, events, extraNames, awards };
}
