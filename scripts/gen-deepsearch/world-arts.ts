// buildWorld phases: books (by authors of a fitting occupation, from a press open that year) and paintings
// (by painters, acquired by a gallery after they were painted and while the gallery existed).
import { LAST_YEAR, SIZES, type Book, type Occupation, type Org, type Painting, type Person, type Town } from './entities.ts';
import { aliveAged, type BuildContext } from './world-context.ts';
import { byKind, openIn } from './world-orgs.ts';

export function buildBooks(ctx: BuildContext, towns: Town[], people: Person[], orgs: Org[]): Book[] {
  const { root, reg, names, slugFor, extraNames } = ctx;
  const rk = root.fork('books');
  const books: Book[] = [];
  const NOUNS = ['Lanterns', 'Ledger', 'Orchard', 'Ferryman', 'Winter', 'Harbour', 'Salt Road', 'Glass House', 'Weir', 'Lighthouse', 'Cartographer', 'Tides', 'Bell Tower', 'Quarry', 'Mill', 'Ropewalk', 'Heron', 'Almanac', 'Sluice Gate', 'Embers'];
  const PLURAL_NOUNS = ['Lanterns', 'Ledgers', 'Letters', 'Winters', 'Harbours', 'Ferrymen', 'Songs', 'Sermons', 'Herons', 'Bells', 'Lighthouses', 'Orchards'];
  const GENRES: [string, Occupation[]][] = [
    ['novel', ['novelist']], ['collection of poems', ['poet']], ['memoir', ['captain', 'politician', 'merchant', 'engineer']],
    ['travel account', ['cartographer', 'captain', 'botanist']], ['treatise', ['astronomer', 'botanist', 'architect', 'shipwright']],
  ];
  const presses = byKind(orgs, 'press');
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
  return books;
}

export function buildPaintings(ctx: BuildContext, towns: Town[], people: Person[], orgs: Org[]): Painting[] {
  const { root, reg, slugFor } = ctx;
  const rq = root.fork('paintings');
  const paintings: Painting[] = [];
  const galleries = byKind(orgs, 'gallery');
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
  return paintings;
}
