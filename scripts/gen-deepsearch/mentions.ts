// Documents that mention entities without stating the facts questions ask about: shipping notes,
// exhibition catalogues, minutes of meetings, booksellers' lists and town walks. They put the entities'
// names into many more documents, so a search by name alone does not land on the right page, and a
// reader must open the entity's own page for the fact. Everything they say is consistent with the world.
// Two kinds also record a fact no encyclopedia page states — which ship arrived first with which cargo
// (shipping notes) and who opened a meeting's discussion (minutes) — so some questions' first hop is a
// page that is not the authoritative encyclopedia (Doc.about; templates-hops.ts).
import type { Doc } from './doc-builder.ts';
import { listText, occupationText, theOrg, TheOrg } from './doc-text.ts';
import type { Rng } from './rng.ts';
import type { Org, Person, World } from './entities.ts';

export const MENTION_COUNTS = { shipping: 50, catalogue: 30, minutes: 40, booklist: 30, walk: 30 } as const;

function doc(title: string, url: string, paras: string[]): Doc {
  return { id: '', title, url, paras, facts: new Map(), role: 'mention' };
}

export function renderMentions(w: World, root: Rng): Doc[] {
  const rng = root.fork('mentions');
  const out: Doc[] = [];
  const titles = new Set<string>();
  const urls = new Set<string>();
  const push = (d: Doc) => {
    if (titles.has(d.title) || urls.has(d.url)) return false;
    titles.add(d.title);
    urls.add(d.url);
    out.push(d);
    return true;
  };
  const adult = (p: Person, y: number) => y - p.born.y >= 20 && p.died >= y;
  const open = (o: Org, y: number) => o.founded < y && (o.dissolved === undefined || o.dissolved > y);

  // Shipping notes: ships afloat in a given year, seen at a town.
  for (let i = 0, tries = 0; i < MENTION_COUNTS.shipping && tries < 5000; tries++) {
    const y = rng.int(1700, 1925);
    const afloat = w.ships.filter((s) => s.launched.y < y && s.fate.year > y);
    if (afloat.length < 3) continue;
    const town = rng.pick(w.towns.filter((t) => t.founded < y));
    const seen = rng.sample(afloat, rng.int(3, 5));
    const cargo = ['salt', 'timber', 'grain', 'wool', 'slate', 'wine', 'copper ore', 'linen'];
    let firstCargo = '';
    const lines = seen.map((s, j) =>
      j === 0
        ? `The ${s.name} came in on the morning tide with ${(firstCargo = rng.pick(cargo))} and is expected to sail again within the week.`
        : rng.pick([
            `The ${s.name} lies at the outer quay, waiting for a cargo.`,
            `The ${s.name} is reported in good order after a rough passage.`,
            `The ${s.name} took on water and stores and sailed for the coast.`,
            `The ${s.name} is under repair after striking a sandbank.`,
          ]),
    );
    const season = rng.pick(['spring', 'summer', 'autumn', 'winter']);
    const d = doc(`Shipping notes from ${town.name}, ${season} ${y}`, `sale://notes/shipping-${town.slug}-${season}-${y}`, [
      `The following notes on shipping at ${town.name} were collected for the ${season} of ${y} from harbour-master's reports.`,
      lines.join(' '),
      rng.pick([
        `Pilots report that the channel has shifted and that masters should take soundings.`,
        `The harbour dues were unchanged this season.`,
        `Ice closed the upper river for nine days.`,
      ]),
    ]);
    d.facts.set('arrival', { para: 1, value: seen[0]!.name });
    d.about = { kind: 'shipping', town, year: y, season, cargo: firstCargo, ship: seen[0]! };
    if (push(d)) i++;
  }

  // Exhibition catalogues: paintings finished by that year, shown at a gallery open that year.
  const galleries = w.orgs.filter((o) => o.orgKind === 'gallery');
  for (let i = 0, tries = 0; i < MENTION_COUNTS.catalogue && tries < 5000; tries++) {
    const y = rng.int(1720, 1930);
    const g = rng.pick(galleries);
    if (!open(g, y)) continue;
    const shown = w.paintings.filter((p) => p.year < y);
    if (shown.length < 4) continue;
    const pick = rng.sample(shown, rng.int(4, 7));
    const entries = pick.map((p, j) => `No. ${j + 1}: ${p.name}, by ${p.painter.name}.`).join(' ');
    const d = doc(`Catalogue of the ${g.name} exhibition of ${y}`, `sale://catalogues/${g.slug}-${y}`, [
      `${TheOrg(g)} held an exhibition of loaned and owned pictures in ${y}. The catalogue lists the following works.`,
      entries,
      `Lenders are thanked in a note at the end of the catalogue; several asked not to be named.`,
    ]);
    if (push(d)) i++;
  }

  // Minutes of meetings: people alive and adult that year.
  const learned = w.orgs.filter((o) => ['academy', 'observatory', 'botanical garden', 'orchestra', 'trading company', 'bank'].includes(o.orgKind));
  for (let i = 0, tries = 0; i < MENTION_COUNTS.minutes && tries < 5000; tries++) {
    const y = rng.int(1700, 1930);
    const o = rng.pick(learned);
    if (!open(o, y)) continue;
    const present = rng.sample(w.people.filter((p) => adult(p, y)), rng.int(3, 6));
    if (present.length < 3) continue;
    const [a, b] = present;
    const topic = rng.pick(['the state of the river channel', 'a proposal for a new building', 'the accounts of the previous year', 'a survey of the coast', 'the prices of timber', 'the winter lectures']);
    const month = rng.pick(['March', 'June', 'October', 'December']);
    const d = doc(`Minutes of ${theOrg(o)}, ${month} ${y}`, `sale://minutes/${o.slug}-${month.toLowerCase()}-${y}`, [
      `Minutes of a meeting of ${theOrg(o)} held at ${o.seat.name} in ${y}.`,
      `Present: ${listText(present.map((p) => `${p.name} (${occupationText(p)})`))}.`,
      `${a!.name} opened the discussion on ${topic}. ${b!.name} objected that the question had been raised before without result. After some debate the matter was referred to a committee.`,
      `The meeting closed with thanks to the host.`,
    ]);
    d.facts.set('opener', { para: 2, value: a!.name });
    d.about = { kind: 'minutes', org: o, year: y, month, topic, opener: a! };
    if (push(d)) i++;
  }

  // Booksellers' lists: books in print by that year.
  for (let i = 0, tries = 0; i < MENTION_COUNTS.booklist && tries < 5000; tries++) {
    const y = rng.int(1720, 1930);
    const inPrint = w.books.filter((k) => k.year < y);
    if (inPrint.length < 5) continue;
    const town = rng.pick(w.towns.filter((t) => t.founded < y));
    const pick = rng.sample(inPrint, rng.int(5, 8));
    const entries = pick.map((k) => `${k.name} (${k.author.name}), ${rng.int(2, 30)} shillings.`).join(' ');
    const d = doc(`A bookseller's list, ${town.name}, ${y}`, `sale://lists/books-${town.slug}-${y}`, [
      `A list of books offered for sale by a bookseller at ${town.name} in ${y}. Prices are for bound copies.`,
      entries,
      `Orders from the country are sent by the river packet.`,
    ]);
    if (push(d)) i++;
  }

  // Town walks: a guide's route past bridges, institutions and memorials.
  for (let i = 0, tries = 0; i < MENTION_COUNTS.walk && tries < 5000; tries++) {
    const town = rng.pick(w.towns);
    const bridges = w.bridges.filter((b) => b.town === town);
    if (!bridges.length && !town.orgs.length && !town.born.length) continue;
    const parts: string[] = [`This walk around ${town.name} takes about two hours at an easy pace and starts at the old market square.`];
    if (town.orgs.length) parts.push(`From the square, follow the main street past ${theOrg(rng.pick(town.orgs))}, whose front was rebuilt in the last century.`);
    if (bridges.length) parts.push(`Cross the ${town.river.name} by the ${rng.pick(bridges).name} and turn left along the towpath.`);
    else parts.push(`Walk down to the ${town.river.name} and follow the towpath upstream.`);
    const notable = rng.sample(town.born, 2);
    if (notable.length) parts.push(`On the way back, look for the plaques honouring ${listText(notable.map((p) => `the ${occupationText(p)} ${p.name}`))}.`);
    parts.push(`The walk ends at the ferry steps, where there are benches and a view downriver.`);
    const d = doc(`A walk through ${town.name}`, `sale://walks/${town.slug}`, [parts.slice(0, 2).join(' '), parts.slice(2).join(' ')]);
    if (push(d)) i++;
  }
  return out;
}
