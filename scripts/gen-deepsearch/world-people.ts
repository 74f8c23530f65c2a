// buildWorld phase: people (with near-namesakes, spouses, residences and awards) and their teachers.
import { randomDate } from './calendar.ts';
import { LAST_YEAR, SIZES, type Occupation, type Person, type Town } from './entities.ts';
import { nearNamesake } from './names.ts';
import type { BuildContext } from './world-context.ts';

const OCCUPATION_WEIGHTS: readonly (readonly [Occupation, number])[] = [
  ['shipwright', 13], ['captain', 11], ['engineer', 9], ['architect', 4], ['novelist', 11], ['poet', 5], ['painter', 9],
  ['merchant', 12], ['composer', 4], ['astronomer', 4], ['botanist', 4], ['cartographer', 5], ['politician', 9],
];

const PARENT_TRADES = ['ferryman', 'miller', 'weaver', 'schoolteacher', 'cooper', 'clerk', 'innkeeper', 'pilot', 'carpenter', 'glassblower', 'notary', 'rope-maker'];

export function buildPeople(ctx: BuildContext, towns: Town[]): { people: Person[]; awards: string[] } {
  const { root, reg, names, slugFor, extraNames } = ctx;
  const rp = root.fork('people');
  const people: Person[] = [];
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
  return { people, awards };
}
