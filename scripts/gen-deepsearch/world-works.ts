// buildWorld phases: ships (built by a yard while it was open, designed and captained by living people) and
// bridges (engineered by a living engineer or architect, at a town on their river).
import { randomDate } from './calendar.ts';
import { LAST_YEAR, SIZES, type Bridge, type Org, type Person, type River, type Ship, type Town } from './entities.ts';
import { nearNamesake } from './names.ts';
import { aliveAged, type BuildContext } from './world-context.ts';
import { byKind } from './world-orgs.ts';

export function buildShips(ctx: BuildContext, towns: Town[], people: Person[], orgs: Org[]): Ship[] {
  const { root, reg, names, slugFor } = ctx;
  const rs = root.fork('ships');
  const ships: Ship[] = [];
  const SHIP_TYPES: [string, number, number][] = [
    ['frigate', 1650, 1860], ['brig', 1650, 1900], ['schooner', 1700, 1934], ['barque', 1700, 1920], ['merchant ship', 1650, 1934],
    ['steam packet', 1822, 1934], ['clipper', 1835, 1890], ['river ferry', 1650, 1934], ['survey ship', 1700, 1934], ['whaler', 1660, 1900],
  ];
  const shipyards = byKind(orgs, 'shipyard');
  for (let i = 0; i < SIZES.ships; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const yard = rs.pick(shipyards);
      const hiYear = Math.min(1928, (yard.dissolved ?? 1929) - 1);
      if (hiYear <= yard.founded + 1) continue;
      const year = rs.int(yard.founded + 1, hiYear);
      const designers = people.filter((p) => p.occupation === 'shipwright' && aliveAged(p, year, 24, 72));
      const captains = people.filter((p) => p.occupation === 'captain' && aliveAged(p, year, 24, 64));
      const types = SHIP_TYPES.filter(([, a, b]) => year >= a && year <= b);
      if (!designers.length || !captains.length) continue;
      let name: string;
      const base = ships.length > 30 && rs.chance(SIZES.nearShips) ? rs.pick(ships) : undefined;
      const near = base ? nearNamesake(base.name, rs, (w) => reg.has(w)) : undefined;
      if (near) {
        reg.add(near);
        name = near;
      } else name = reg.fresh(() => names.ship(), 'ship');
      const tonnage = rs.int(60, 2400);
      const launched = randomDate(rs, year);
      const fateYear = Math.min(LAST_YEAR, year + rs.int(3, 55));
      const shipType = rs.pick(types)[0];
      // Warships carry many guns, some merchantmen a few for defence, the rest none.
      const guns = shipType === 'frigate' ? rs.int(24, 44) : shipType === 'brig' ? rs.int(8, 18) : ['merchant ship', 'barque', 'clipper', 'whaler'].includes(shipType) && rs.chance(0.3) ? rs.int(2, 8) : 0;
      const ship: Ship = {
        kind: 'ship',
        name,
        slug: slugFor(`${name} ship`, 'ship'),
        shipType,
        launched,
        yard,
        designer: rs.pick(designers),
        captain: rs.pick(captains),
        tonnage,
        lengthM: Math.round(14 + Math.sqrt(tonnage) * 1.6 + rs.int(-4, 4)),
        crew: Math.max(6, Math.round(tonnage / rs.int(6, 14))),
        guns,
        fate: { how: rs.pick(['wrecked', 'broken up', 'burned', 'sold'] as const), year: fateYear, where: rs.pick(towns.filter((t) => t.founded < fateYear)) },
      };
      if (base && near) {
        ship.near = base;
        base.near ??= ship;
      }
      ships.push(ship);
      yard.ships.push(ship);
      ship.designer.works.push(ship);
      made = true;
    }
    if (!made) throw new Error(`world: could not place ship #${i}`);
  }
  for (const y of shipyards) y.ships.sort((a, b) => a.launched.y - b.launched.y || a.launched.m - b.launched.m || a.launched.d - b.launched.d);
  return ships;
}

export function buildBridges(ctx: BuildContext, rivers: River[], people: Person[]): Bridge[] {
  const { root, reg, names, slugFor } = ctx;
  const rb = root.fork('bridges');
  const bridges: Bridge[] = [];
  for (let i = 0; i < SIZES.bridges; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const river = i < rivers.length * 2 ? rivers[i % rivers.length]! : rb.pick(rivers);
      const year = rb.int(1660, 1930);
      const sites = river.towns.filter((t) => t.founded < year - 20);
      const engineers = people.filter((p) => (p.occupation === 'engineer' || p.occupation === 'architect') && aliveAged(p, year, 26, 72));
      if (!sites.length || !engineers.length) continue;
      const materials = ['stone', 'timber', 'brick', ...(year >= 1790 ? ['cast-iron'] : []), ...(year >= 1870 ? ['steel', 'steel'] : [])];
      const spans = rb.int(1, 16);
      const name = reg.fresh(() => `${names.word2()} Bridge`, 'bridge');
      const bridge: Bridge = {
        kind: 'bridge',
        name,
        slug: slugFor(name, 'bridge'),
        river,
        town: rb.pick(sites),
        completed: year,
        begun: year - rb.int(1, 9),
        engineer: rb.pick(engineers),
        lengthM: spans * rb.int(12, 46) + rb.int(0, 20),
        spans,
        material: rb.pick(materials),
        costCrowns: rb.int(8, 900) * 1000,
      };
      bridges.push(bridge);
      river.bridges.push(bridge);
      bridge.engineer.works.push(bridge);
      made = true;
    }
    if (!made) throw new Error(`world: could not place bridge #${i}`);
  }
  for (const r of rivers) r.bridges.sort((a, b) => a.completed - b.completed);
  return bridges;
}
