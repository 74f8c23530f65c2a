// The entity types of the fictional world (what buildWorld returns) and the sizes it is built to.
import type { YMD } from './calendar.ts';

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
