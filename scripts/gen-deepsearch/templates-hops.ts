// Templates of bin 3 (τ ≤ 2.5): two hops through a named entity (the first page names the bridge entity
// past its lead; the second page states the answer and does not name the first entity), and yes/no
// comparisons of two pages whose answers alternate yes, no, yes, … (balanced by construction). Two
// templates start from a page that is not the authoritative encyclopedia (shipping notes, minutes of a
// meeting): the fact of their first hop is on no `sale://wiki/` page, so a reader who ignores every other
// source cannot answer them.
import type { MentionAbout } from './doc-builder.ts';
import { theOrg } from './doc-text.ts';
import { uniq, yearAns, type Ctx, type Template } from './questions-core.ts';

export function hopTemplates(c: Ctx): Template[] {
  const { any, claim, people, ships, orgs, bridges, books, paintings, events, P, townAns, provAns } = c;
  /**
   * The yes/no answer the next comparison should have: whichever the kept questions have fewer of (no on a
   * tie, so the count stays balanced: no, yes, no, yes, …).
   */
  const want = () => c.balance.yes < c.balance.no;
  // Bin 3 (τ ≤ 2.5): two hops (a bridge entity between question and answer) or a comparison of two pages.
  const leaderRole = (e: (typeof c.events)[number]) =>
    ({
      expedition: `the leader of the ${e.name}`,
      treaty: `the chief negotiator of the ${e.name}`,
      fair: `the organiser of the first ${e.name}`,
      flood: `the person who directed the relief effort during the ${e.name}`,
      fire: `the person who directed the relief effort during the ${e.name}`,
      storm: `the person who directed the relief effort during the ${e.name}`,
    })[e.eventKind];
  const about = <K extends MentionAbout['kind']>(kind: K) => {
    const docs = c.mentions.filter((d) => d.about?.kind === kind);
    if (!docs.length) return null;
    const d = any(docs);
    return { d, a: d.about as Extract<MentionAbout, { kind: K }> };
  };
  const b3: Template[] = [
    { name: 'notes-ship-launched', count: 6, make: (b) => {
      const m = about('shipping');
      if (!m || !claim(`b3notes:${m.d.url}`) || !claim(`b3:${m.a.ship.slug}`)) return null;
      const { d, a } = m;
      b.needDoc(d, 'arrival');
      b.need(a.ship, 'launched');
      return { prompt: `The harbour-master's shipping notes from ${a.town.name} for the ${a.season} of ${a.year} record a ship that came in on the morning tide with ${a.cargo}. In what year was that ship launched?`, ans: yearAns(a.ship.launched.y, a.ship.launched), R: 1, A: 0, shape: 'bridge', why: `the shipping notes (not an encyclopedia page) name the ${a.ship.name} → launch year on the ship's page` };
    } },
    { name: 'minutes-opener-birthplace', count: 6, make: (b) => {
      const m = about('minutes');
      if (!m || !claim(`b3minutes:${m.d.url}`) || !claim(`b3:${m.a.opener.slug}`)) return null;
      const { d, a } = m;
      b.needDoc(d, 'opener');
      b.need(a.opener, 'birthplace');
      return { prompt: `In which town was the person born who opened the discussion on ${a.topic} at the ${a.month} ${a.year} meeting of ${theOrg(a.org)}?`, ans: townAns(a.opener.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `the minutes of the meeting (not an encyclopedia page) name ${a.opener.name} → birthplace on that person's page` };
    } },
    { name: 'org-founder-birthplace', count: 6, make: (b) => {
      const o = any(orgs);
      if (!claim(`b3:${o.slug}`)) return null;
      b.need(o, 'founder');
      b.need(o.founder, 'birthplace');
      return { prompt: `In which town was the founder of ${theOrg(o)} born?`, ans: townAns(o.founder.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `${o.name} page → founder ${o.founder.name} → that person's page gives the birthplace` };
    } },
    { name: 'book-author-born', count: 6, make: (b) => {
      const k = any(books);
      if (!claim(`b3:${k.slug}`)) return null;
      b.need(k, 'author');
      b.need(k.author, 'born');
      return { prompt: `In what year was the author of ${k.name} born?`, ans: yearAns(k.author.born.y, k.author.born), R: 1, A: 0, shape: 'bridge', why: `page on ${k.name} → author ${k.author.name} → birth year on the author's page` };
    } },
    { name: 'ship-designer-birthplace', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`b3:${s.slug}`)) return null;
      b.need(s, 'designer');
      b.need(s.designer, 'birthplace');
      return { prompt: `In which town was the designer of the ${s.shipType} ${s.name} born?`, ans: townAns(s.designer.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `the ${s.name}'s page → designer ${s.designer.name} → birthplace on the designer's page` };
    } },
    { name: 'painting-painter-died', count: 6, make: (b) => {
      const x = any(paintings);
      if (!claim(`b3:${x.slug}`)) return null;
      b.need(x, 'painter');
      b.need(x.painter, 'died');
      return { prompt: `In what year did the painter of ${x.name} die?`, ans: yearAns(x.painter.died), R: 1, A: 0, shape: 'bridge', why: `page on ${x.name} → painter ${x.painter.name} → death year on the painter's page` };
    } },
    { name: 'bridge-engineer-born', count: 6, make: (b) => {
      const x = any(bridges);
      if (!claim(`b3:${x.slug}`)) return null;
      b.need(x, 'engineer');
      b.need(x.engineer, 'born');
      return { prompt: `In what year was the designer of the ${x.name} born?`, ans: yearAns(x.engineer.born.y, x.engineer.born), R: 1, A: 0, shape: 'bridge', why: `the ${x.name} page → designer ${x.engineer.name} → birth year on that page` };
    } },
    { name: 'org-seat-river', count: 6, make: (b) => {
      const o = any(orgs);
      if (!claim(`b3river:${o.slug}`)) return null;
      b.need(o, 'seat');
      b.need(o.seat, 'river');
      return { prompt: `On which river stands the town where ${theOrg(o)} ${o.dissolved ? 'was' : 'is'} based?`, ans: uniq(o.seat.river.name, [`the ${o.seat.river.name}`, `the ${o.seat.river.name} river`, `the river ${o.seat.river.name}`]), R: 1, A: 0, shape: 'bridge', why: `the ${o.name} page → seat ${o.seat.name} → river on the town's page` };
    } },
    { name: 'ship-built-province', count: 6, make: (b) => {
      const s = any(ships);
      if (!claim(`b3prov:${s.slug}`)) return null;
      b.need(s, 'launched');
      b.need(s.yard.seat, 'province');
      return { prompt: `In which province was the ${s.shipType} ${s.name} built?`, ans: provAns(s.yard.seat.province.name), R: 1, A: 0, shape: 'bridge', why: `the ${s.name}'s page → built in ${s.yard.seat.name} → province on the town's page` };
    } },
    { name: 'event-leader-birthplace', count: 6, make: (b) => {
      const e = any(events);
      if (!claim(`b3:${e.slug}`)) return null;
      b.need(e, 'leader');
      b.need(e.leader, 'birthplace');
      return { prompt: `In which town was ${leaderRole(e)} born?`, ans: townAns(e.leader.birthplace.name), R: 1, A: 0, shape: 'bridge', why: `the ${e.name} page → ${e.leader.name} → birthplace on that person's page` };
    } },
    { name: 'compare-launch-yesno', count: 6, make: (b) => {
      const s1 = any(ships);
      const s2 = any(ships.filter((s) => s !== s1 && s.launched.y !== s1.launched.y));
      if (!s2 || !claim(`cmps:${[s1.slug, s2.slug].sort().join('|')}`)) return null;
      const [first, second] = (s1.launched.y < s2.launched.y) === want() ? [s1, s2] : [s2, s1];
      b.need(first, 'launched');
      b.need(second, 'launched');
      const yes = first.launched.y < second.launched.y;
      return { prompt: `Was the ${first.shipType} ${first.name} launched before the ${second.shipType} ${second.name}? Answer yes or no.`, ans: uniq(yes ? 'yes' : 'no', []), R: 1, A: 0, computed: true, shape: 'comparison', why: `launch dates on both pages (${first.launched.y} and ${second.launched.y}), compared` };
    } },
    { name: 'compare-born-yesno', count: 6, make: (b) => {
      const p1 = any(people);
      const p2 = any(people.filter((p) => p.occupation === p1.occupation && p !== p1 && p.born.y !== p1.born.y));
      if (!p2 || !claim(`cmpb:${[p1.slug, p2.slug].sort().join('|')}`)) return null;
      const [first, second] = (p1.born.y < p2.born.y) === want() ? [p1, p2] : [p2, p1];
      b.need(first, 'born');
      b.need(second, 'born');
      const yes = first.born.y < second.born.y;
      return { prompt: `Was ${P(first)} born before ${P(second)}? Answer yes or no.`, ans: uniq(yes ? 'yes' : 'no', []), R: 1, A: 0, computed: true, shape: 'comparison', why: `birth years on both pages (${first.born.y} and ${second.born.y}), compared` };
    } },
    { name: 'compare-founded-yesno', count: 6, make: (b) => {
      const o1 = any(orgs);
      const o2 = any(orgs.filter((o) => o.orgKind === o1.orgKind && o !== o1 && o.founded !== o1.founded));
      if (!o2 || !claim(`cmpf:${[o1.slug, o2.slug].sort().join('|')}`)) return null;
      const [first, second] = (o1.founded < o2.founded) === want() ? [o1, o2] : [o2, o1];
      b.need(first, 'founded');
      b.need(second, 'founded');
      const yes = first.founded < second.founded;
      return { prompt: `Was ${theOrg(first)} founded before ${theOrg(second)}? Answer yes or no.`, ans: uniq(yes ? 'yes' : 'no', []), R: 1, A: 0, computed: true, shape: 'comparison', why: `founding years on both pages (${first.founded} and ${second.founded}), compared` };
    } },
  ];
  return b3;
}

