// Encyclopedia pages for works: ships, bridges, books and paintings.
import { fmtDate } from './calendar.ts';
import { DocBuilder, wikiUrl, type Doc } from './doc-builder.ts';
import { aAn, fmtInt, occupationText, smallWord, theOrg } from './doc-text.ts';
import type { Book, Bridge, Painting, Ship } from './entities.ts';
import {
  bookLater, bookReception, bookWriting, bridgeBuild, bridgeLater, bridgeSetting, paintingDesc, paintingHistory, paintingLegacy,
  shipBuild, shipLegacy, shipService, shipVoyages,
} from './prose-works.ts';
import { shipLong } from './prose-long.ts';
import type { Rng } from './rng.ts';

export function shipDoc(s: Ship, rng: Rng): Doc {
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

export function bridgeDoc(x: Bridge, rng: Rng): Doc {
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

export function bookDoc(k: Book, rng: Rng): Doc {
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

export function paintingDoc(x: Painting, rng: Rng): Doc {
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
