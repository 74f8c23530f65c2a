// Small text helpers shared by the document renderers and the question templates: numbers, articles,
// lists, occupation and organisation descriptions, pronouns.
import type { Org, OrgKind, Person, Ship } from './entities.ts';

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

/** A person's pronouns: s/S subject, o object, p/P possessive. */
export const pr = (p: Person) =>
  p.gender === 'f' ? { s: 'she', S: 'She', o: 'her', p: 'her', P: 'Her' } : { s: 'he', S: 'He', o: 'him', p: 'his', P: 'His' };

/** "A, B and C" */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const theShip = (s: Ship) => `the ${s.name}`;
/** Organisation names that read naturally after "the" ("the Kelvor Press"); names starting with "The" keep theirs. */
export const theOrg = (o: Org) => (o.name.startsWith('The ') ? o.name : `the ${o.name}`);
export const TheOrg = (o: Org) => (o.name.startsWith('The ') ? o.name : `The ${o.name}`);
