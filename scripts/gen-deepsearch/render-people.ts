// Encyclopedia pages for people and organisations.
import { fmtDate } from './calendar.ts';
import { DocBuilder, wikiUrl, type Doc } from './doc-builder.ts';
import { aAn, fmtInt, listText, occupationText, orgKindText, pr, smallWord, theShip, TheOrg } from './doc-text.ts';
import type { Org, Person, World } from './entities.ts';
import { orgHistory, orgLater, personCareer, personEarly, personLater, personLegacy, personPrivate, type PersonVoice } from './prose-people.ts';
import { orgLong, personLong } from './prose-long.ts';
import type { Rng } from './rng.ts';

export function personDoc(p: Person, w: World, rng: Rng): Doc {
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

export function orgDoc(o: Org, rng: Rng): Doc {
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
