// Encyclopedia pages for towns, provinces, rivers and the events that happened at towns.
import { fmtDate } from './calendar.ts';
import { DocBuilder, wikiUrl, type Doc } from './doc-builder.ts';
import { aAn, fmtInt, listText, occupationText, smallWord } from './doc-text.ts';
import type { Province, River, Town, World, WorldEvent } from './entities.ts';
import { eventAftermath, eventBackground, eventDetail, townCulture, townEconomy, townGeography, townHistory, type PlaceVoice } from './prose-places.ts';
import { townLong } from './prose-long.ts';
import type { Rng } from './rng.ts';

export function townDoc(t: Town, w: World, rng: Rng): Doc {
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

export function provinceDoc(p: Province, rng: Rng): Doc {
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

export function riverDoc(r: River, rng: Rng): Doc {
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

const EVENT_DESC: Record<WorldEvent['eventKind'], string> = {
  flood: 'flood of the river', fire: 'town fire', expedition: 'surveying expedition', treaty: 'trade treaty negotiated and signed',
  fair: 'fair, held for the first time', storm: 'storm',
};

export function eventDoc(e: WorldEvent, rng: Rng): Doc {
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
