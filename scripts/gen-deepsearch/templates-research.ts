// Templates of bins 4 (τ ≤ 12.5) and 5 (τ ≤ 60), BrowseComp-style: the first entity is described by
// attributes (a shipyard by its town and founding year, a bridge by its river, material and decade, a
// river by a town on it), never named; the description's constraints must be intersected; the wording
// paraphrases the pages ("established", "dates from"); the answer sits at the end of a chain of three or
// more pages or is computed from many. An instance lands in the bin its τ falls in (see questions.ts).
import { ageOn } from './calendar.ts';
import type { Doc } from './doc-builder.ts';
import { fmtInt, occupationText } from './doc-text.ts';
import { numAns, yearAns, type Ctx, type Template } from './questions-core.ts';
import type { Org, Person, Town } from './entities.ts';

export function researchTemplates(c: Ctx): { b4: Template[]; b5: Template[] } {
  const { any, claim, yards, orgs, bridges, towns, rng, townAns, w } = c;
  const galleries = orgs.filter((o) => o.orgKind === 'gallery');
  /** A shipyard described by its town and founding year (unique among the yards of the world). */
  const yardDesc = (y: Org) => {
    if (yards.filter((o) => o.seat === y.seat && o.founded === y.founded).length !== 1) return null;
    return rng.pick([`the shipyard founded in ${y.founded} at ${y.seat.name}`, `the yard established at ${y.seat.name} in ${y.founded}`, `the ${y.seat.name} shipbuilding firm that dates from ${y.founded}`]);
  };
  const distinct = <T,>(xs: T[]) => [...new Set(xs)];

  const heaviestDesignerBirthplace: Template = { name: 'yard-heaviest-designer-birthplace', count: 14, make: (b) => {
    const y = any(yards);
    const n = y.ships.length;
    const desc = yardDesc(y);
    if (!desc || n < 3 || n > 7) return null;
    const sorted = [...y.ships].sort((a, x) => x.tonnage - a.tonnage);
    const s = sorted[0]!;
    const d = s.designer;
    if (s.tonnage === sorted[1]!.tonnage || d.birthplace === y.seat || !claim(`b45:${y.slug}`)) return null;
    b.need(y, 'ships');
    for (const x of y.ships) b.need(x, 'tonnage');
    b.need(s, 'designer');
    b.need(d, 'birthplace');
    return { prompt: `Among the ships built at ${desc}, take the one with the greatest tonnage. In which town was the shipwright who designed her born?`, ans: townAns(d.birthplace.name), R: n + 2, A: 0, hops: 3, shape: 'multi-hop', why: `find the yard (${y.name}); its page lists ${n} ships; their pages give the tonnages (${y.ships.map((x) => fmtInt(x.tonnage)).join(', ')}), the largest being the ${s.name}, designed by ${d.name}, born at ${d.birthplace.name}` };
  } };

  const bridgeTeacherBirthplace: Template = { name: 'bridge-designer-teacher-birthplace', count: 14, make: (b) => {
    const x = any(bridges);
    const t = x.engineer.teacher;
    const decade = Math.floor(x.completed / 10) * 10;
    const r = x.river;
    if (!t || r.bridges.length < 3 || r.bridges.length > 7 || r.bridges.filter((o) => Math.floor(o.completed / 10) * 10 === decade).length !== 1) return null;
    if (!claim(`b45:${x.slug}`)) return null;
    b.need(r, 'bridges');
    for (const o of r.bridges) b.need(o, 'completed');
    b.need(x, 'engineer');
    b.need(x.engineer, 'teacher');
    b.need(t, 'birthplace');
    return { prompt: `One ${x.material} bridge across the ${r.name} was finished in the ${decade}s. The engineer behind it had trained under ${occupationText(t).startsWith('a') ? 'an' : 'a'} ${occupationText(t)}. Where was that teacher born?`, ans: townAns(t.birthplace.name), R: r.bridges.length + 3, A: 0, hops: 3, shape: 'multi-hop', why: `the ${r.name}'s page lists ${r.bridges.length} bridges; their pages give completion years (${r.bridges.map((o) => o.completed).join(', ')}); the ${x.name} (${x.completed}) was designed by ${x.engineer.name}, who trained under ${t.name}, born at ${t.birthplace.name}` };
  } };

  const galleryFirstPainterDied: Template = { name: 'gallery-first-acquisition-painter-died', count: 14, make: (b) => {
    const g = any(galleries);
    const n = g.paintings.length;
    if (n < 3 || n > 8 || galleries.filter((o) => o.seat === g.seat && o.founded === g.founded).length !== 1) return null;
    const sorted = [...g.paintings].sort((a, x) => a.acquired - x.acquired);
    const first = sorted[0]!;
    if (first.acquired === sorted[1]!.acquired || !claim(`b45:${g.slug}`)) return null;
    b.need(g, 'paintings');
    for (const x of g.paintings) b.need(x, 'acquired');
    b.need(first, 'painter');
    b.need(first.painter, 'died');
    return { prompt: `The art gallery that opened at ${g.seat.name} in ${g.founded} owns several paintings. Which year saw the death of the painter of the one it acquired earliest?`, ans: yearAns(first.painter.died), R: n + 2, A: 0, hops: 3, shape: 'multi-hop', why: `the gallery's page lists ${n} paintings; their pages give acquisition years (${g.paintings.map((x) => x.acquired).join(', ')}); the earliest, ${first.name}, is by ${first.painter.name}, who died in ${first.painter.died}` };
  } };

  const tonnageFounderLifetime: Template = { name: 'yard-tonnage-founder-lifetime', count: 14, make: (b) => {
    const y = any(yards);
    const n = y.ships.length;
    const desc = yardDesc(y);
    const died = y.founder.died;
    if (!desc || n < 3 || n > 10 || y.ships.some((s) => s.launched.y === died)) return null;
    const inc = y.ships.filter((s) => s.launched.y < died);
    if (inc.length < 2 || !claim(`b45:${y.slug}`)) return null;
    b.need(y, 'founder');
    b.need(y, 'ships');
    b.need(y.founder, 'died');
    for (const s of y.ships) b.need(s, 'launched');
    for (const s of inc) b.need(s, 'tonnage');
    const sum = inc.reduce((a, s) => a + s.tonnage, 0);
    return { prompt: `What was the combined tonnage, in tons burthen, of the ships built at ${desc} that were launched while the person who founded it was still alive?`, ans: numAns(sum, ['ton', 'tons']), R: n + 2, A: inc.length - 1, computed: true, shape: 'research', why: `the yard's page gives founder ${y.founder.name} (died ${died}) and ${n} ships; their pages give launch years ${y.ships.map((s) => s.launched.y).join(', ')}; the ${inc.length} launched earlier weigh ${inc.map((s) => fmtInt(s.tonnage)).join(' + ')} = ${fmtInt(sum)} tons` };
  } };

  const designersBirthplacesPopulation: Template = { name: 'yard-designers-birthplaces-population', count: 20, make: (b) => {
    const y = any(yards);
    const n = y.ships.length;
    const desc = yardDesc(y);
    if (!desc || n < 3 || n > 7 || !claim(`b45:${y.slug}`)) return null;
    const ds: Person[] = distinct(y.ships.map((s) => s.designer));
    const ts: Town[] = distinct(ds.map((d) => d.birthplace));
    if (ts.length < 2) return null;
    b.need(y, 'ships');
    for (const s of y.ships) b.need(s, 'designer');
    for (const d of ds) b.need(d, 'birthplace');
    for (const t of ts) b.need(t, 'pop1900');
    const sum = ts.reduce((a, t) => a + t.pop1900, 0);
    return { prompt: `Consider every ship built at ${desc} and the towns where their designers were born. What was the combined population of those towns, each counted once, at the census of 1900?`, ans: numAns(sum, ['inhabitant', 'inhabitants']), R: n + ds.length + ts.length + 1, A: ts.length - 1, computed: true, shape: 'research', why: `the yard's page lists ${n} ships; their pages name ${ds.length} designers (${ds.map((d) => d.name).join(', ')}), born at ${ts.map((t) => t.name).join(', ')}; census figures ${ts.map((t) => fmtInt(t.pop1900)).join(' + ')} = ${fmtInt(sum)}` };
  } };

  const riverBridgesByDesignerAge: Template = { name: 'river-bridges-length-designers-born-before', count: 14, make: (b) => {
    const t = any(towns);
    const r = t.river;
    const n = r.bridges.length;
    if (n < 3 || n > 8) return null;
    const years = distinct(r.bridges.map((x) => x.engineer.born.y)).sort((a, x) => a - x);
    if (years.length < 2) return null;
    const i = rng.int(1, years.length - 1);
    if (years[i]! - years[i - 1]! < 2) return null;
    const cut = rng.int(years[i - 1]! + 1, years[i]!);
    const inc = r.bridges.filter((x) => x.engineer.born.y < cut);
    if (!claim(`b45:${r.slug}`)) return null;
    b.need(t, 'river');
    b.need(r, 'bridges');
    for (const x of r.bridges) b.need(x, 'engineer');
    for (const e of distinct(r.bridges.map((x) => x.engineer))) b.need(e, 'born');
    for (const x of inc) b.need(x, 'lengthM');
    const sum = inc.reduce((a, x) => a + x.lengthM, 0);
    return { prompt: `Take the river that flows past ${t.name}. What is the total length, in metres, of the bridges across it whose designers were born before ${cut}?`, ans: numAns(sum, ['metre', 'metres'], true), R: 2 * n + 2, A: Math.max(0, inc.length - 1), computed: true, shape: 'research', why: `${t.name} stands on the ${r.name}, whose page lists ${n} bridges; their designers were born ${r.bridges.map((x) => x.engineer.born.y).join(', ')}; ${inc.length} before ${cut}, lengths ${inc.map((x) => x.lengthM).join(' + ')} = ${sum} metres` };
  } };

  const presses = orgs.filter((o) => o.orgKind === 'press');
  const pressLongestAuthorBorn: Template = { name: 'press-longest-book-author-born', count: 14, make: (b) => {
    const o = any(presses);
    const n = o.books.length;
    if (n < 3 || n > 8 || presses.filter((x) => x.seat === o.seat && x.founded === o.founded).length !== 1) return null;
    const sorted = [...o.books].sort((a, x) => x.pages - a.pages);
    const top = sorted[0]!;
    if (top.pages === sorted[1]!.pages || !claim(`b45:${o.slug}`)) return null;
    b.need(o, 'books');
    for (const k of o.books) b.need(k, 'pages');
    b.need(top, 'author');
    b.need(top.author, 'born');
    return { prompt: `Of the books brought out by the publishing house set up at ${o.seat.name} in ${o.founded}, take the one whose first edition had the most pages. When was its author born? Give the year.`, ans: yearAns(top.author.born.y, top.author.born), R: n + 2, A: 0, hops: 3, shape: 'multi-hop', why: `the press's page lists ${n} books; their pages give page counts (${o.books.map((k) => k.pages).join(', ')}); the longest, ${top.name}, is by ${top.author.name}, born ${top.author.born.y}` };
  } };

  const eventLeaderTeacherBirthplace: Template = { name: 'event-leader-teacher-birthplace', count: 14, make: (b) => {
    const e = any(c.events);
    const t = e.leader.teacher;
    const decade = Math.floor(e.start.y / 10) * 10;
    if (!t || c.events.filter((x) => x.eventKind === e.eventKind && x.town === e.town && Math.floor(x.start.y / 10) * 10 === decade).length !== 1) return null;
    if (t.birthplace === e.town || !claim(`b45:${e.slug}`)) return null;
    b.need(e, 'year');
    b.need(e, 'leader');
    b.need(e.leader, 'teacher');
    b.need(t, 'birthplace');
    const what = { flood: 'a flood', fire: 'a great fire', storm: 'a storm', expedition: 'an expedition that set out from there', treaty: 'a treaty signed there', fair: 'the first of a series of fairs' }[e.eventKind];
    const role = { flood: 'directed the relief work', fire: 'directed the relief work', storm: 'directed the relief work', expedition: 'led it', treaty: 'led the negotiations', fair: 'organised it' }[e.eventKind];
    return { prompt: `In the ${decade}s ${e.town.name} saw ${what}. The person who ${role} had been taught by someone else. In which town was that teacher born?`, ans: townAns(t.birthplace.name), R: 3, A: 0, hops: 3, extraSearches: 1, shape: 'multi-hop', why: `the ${e.name} (${e.start.y}) page names ${e.leader.name}, whose page names the teacher ${t.name}, born at ${t.birthplace.name}` };
  } };

  // Yards are few (55) and bin 5 needs most of them: bin 4 takes at most 6 + 4 yard questions.
  const b4 = [{ ...heaviestDesignerBirthplace, count: 6 }, bridgeTeacherBirthplace, galleryFirstPainterDied, { ...tonnageFounderLifetime, count: 4 }, pressLongestAuthorBorn, eventLeaderTeacherBirthplace];
  const captainsBirthplacesPopulation: Template = { name: 'yard-masters-birthplaces-population', count: 20, make: (b) => {
    const y = any(yards);
    const n = y.ships.length;
    const desc = yardDesc(y);
    if (!desc || n < 3 || n > 7 || !claim(`b5cap:${y.slug}`)) return null;
    const ms: Person[] = distinct(y.ships.map((s) => s.captain));
    const ts: Town[] = distinct(ms.map((m) => m.birthplace));
    if (ts.length < 2) return null;
    b.need(y, 'ships');
    for (const s of y.ships) b.need(s, 'captain');
    for (const m of ms) b.need(m, 'birthplace');
    for (const t of ts) b.need(t, 'pop1900');
    const sum = ts.reduce((a, t) => a + t.pop1900, 0);
    return { prompt: `Every ship built at ${desc} had a first master. Add up the 1900 census populations of the towns those masters were born in, counting each town once. What is the total?`, ans: numAns(sum, ['inhabitant', 'inhabitants']), R: n + ms.length + ts.length + 1, A: ts.length - 1, computed: true, shape: 'research', why: `the yard's page lists ${n} ships; their pages name ${ms.length} first masters (${ms.map((m) => m.name).join(', ')}), born at ${ts.map((t) => t.name).join(', ')}; census figures ${ts.map((t) => fmtInt(t.pop1900)).join(' + ')} = ${fmtInt(sum)}` };
  } };

  const youngDesigners: Template = { name: 'yard-ships-designer-under-age', count: 20, make: (b) => {
    const y = any(yards);
    const n = y.ships.length;
    const desc = yardDesc(y);
    if (!desc || n < 4 || n > 10 || !claim(`b5age:${y.slug}`)) return null;
    const ages = y.ships.map((s) => ageOn(s.designer.born, s.launched));
    const limit = rng.pick([35, 40, 45, 50]);
    if (ages.some((a) => a === limit)) return null;
    const k = ages.filter((a) => a < limit).length;
    b.need(y, 'ships');
    for (const s of y.ships) {
      b.need(s, 'launchDate');
      b.need(s, 'designer');
    }
    for (const d of distinct(y.ships.map((s) => s.designer))) b.need(d, 'birthDate');
    return { prompt: `How many of the ships built at ${desc} were launched when the shipwright who designed them was not yet ${limit} years old?`, ans: numAns(k), R: 2 * n + 1, A: n, computed: true, shape: 'research', why: `the yard's page lists ${n} ships; their pages give launch dates and designers; the designers' pages give birth dates; ages at launch ${ages.join(', ')}; ${k} under ${limit}` };
  } };

  const b5 = [designersBirthplacesPopulation, riverBridgesByDesignerAge, tonnageFounderLifetime, captainsBirthplacesPopulation, youngDesigners];
  void w;
  return { b4, b5 };
}

export type { Doc };
