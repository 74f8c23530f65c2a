// buildWorld phase: provinces, rivers and the towns along them.
import { nearNamesake } from './names.ts';
import { SIZES, type Province, type River, type Town } from './entities.ts';
import type { BuildContext } from './world-context.ts';

const TRADES = ['timber', 'salt', 'wool', 'grain', 'glass', 'river fish', 'copper', 'linen', 'pottery', 'leather', 'wine', 'slate'];
const MOTTOS = ['Steady as the river', 'By oar and plough', 'Light over the water', 'The hills remember', 'Salt and silver', 'First to the ford', 'Slow roots, long shade', 'What the tide brings'];

export function buildGeography(ctx: BuildContext): { provinces: Province[]; rivers: River[]; towns: Town[] } {
  const { root, reg, names, slugFor } = ctx;
  const rg = root.fork('geography');
  const provinces: Province[] = [];
  for (let i = 0; i < SIZES.provinces; i++) {
    const name = reg.fresh(() => names.province(), 'province');
    provinces.push({ kind: 'province', name, slug: slugFor(name, 'province'), towns: [], motto: MOTTOS[i % MOTTOS.length]! });
  }
  const rivers: River[] = [];
  for (let i = 0; i < SIZES.rivers; i++) {
    const name = reg.fresh(() => names.river(), 'river');
    rivers.push({ kind: 'river', name, slug: slugFor(`${name} river`, 'river'), lengthKm: rg.int(40, 780), towns: [], bridges: [], mouth: '' });
  }

  // --- Towns ---------------------------------------------------------------------------------------
  const towns: Town[] = [];
  for (let i = 0; i < SIZES.towns; i++) {
    let name: string;
    // A few towns are near-namesakes of an earlier town.
    const base = towns.length > 20 && rg.chance(0.06) ? rg.pick(towns) : undefined;
    const near = base ? nearNamesake(base.name, rg, (w) => reg.has(w)) : undefined;
    if (near) {
      reg.add(near);
      name = near;
    } else name = reg.fresh(() => names.town(), 'town');
    const province = provinces[i % provinces.length]!;
    const river = i < rivers.length * 3 ? rivers[i % rivers.length]! : rg.pick(rivers);
    const founded = rg.int(1080, 1690);
    const town: Town = {
      kind: 'town',
      name,
      slug: slugFor(name, 'town'),
      province,
      river,
      bank: rg.chance(0.5) ? 'left' : 'right',
      founded,
      charter: Math.min(1850, founded + rg.int(40, 300)),
      elevation: rg.int(4, 860),
      pop1900: rg.chance(0.2) ? rg.int(20000, 260000) : rg.int(700, 19999),
      distKm: 0,
      trade: rg.pick(TRADES),
      orgs: [],
      born: [],
    };
    if (base && near) {
      town.near = base;
      base.near ??= town;
    }
    towns.push(town);
    province.towns.push(town);
    river.towns.push(town);
  }
  for (const p of provinces) {
    p.capital = p.towns.reduce((a, b) => (b.pop1900 > a.pop1900 ? b : a));
    for (const t of p.towns) t.distKm = t === p.capital ? 0 : rg.int(6, 240);
  }
  for (const r of rivers) {
    r.towns = rg.shuffle(r.towns);
    r.mouth = rg.chance(0.6) ? 'the Sea of Orvand' : `the ${rg.pick(rivers.filter((x) => x !== r)).name}`;
  }
  return { provinces, rivers, towns };
}
