// buildWorld phase: events (floods, fires, expeditions, treaties, fairs, storms) at towns, led by a living
// person of a fitting occupation; one event of each kind per town at most.
import { randomDate } from './calendar.ts';
import { SIZES, type Occupation, type Person, type Town, type WorldEvent } from './entities.ts';
import { aliveAged, type BuildContext } from './world-context.ts';

export function buildEvents(ctx: BuildContext, towns: Town[], people: Person[]): WorldEvent[] {
  const { root, reg, slugFor } = ctx;
  const re = root.fork('events');
  const events: WorldEvent[] = [];
  const usedEventTowns = new Map<string, Set<string>>();
  const EVENT_LEADERS: Record<WorldEvent['eventKind'], Occupation[]> = {
    flood: ['engineer', 'politician'],
    fire: ['politician', 'architect'],
    expedition: ['cartographer', 'captain', 'botanist'],
    treaty: ['politician', 'merchant'],
    fair: ['merchant', 'politician'],
    storm: ['captain', 'politician'],
  };
  for (let i = 0; i < SIZES.events; i++) {
    let made = false;
    for (let attempt = 0; attempt < 300 && !made; attempt++) {
      const eventKind = re.pick(['flood', 'fire', 'expedition', 'treaty', 'fair', 'storm'] as const);
      const town = re.pick(towns);
      const used = usedEventTowns.get(eventKind) ?? new Set<string>();
      if (used.has(town.name)) continue;
      const year = re.int(Math.max(town.founded + 20, 1660), 1930);
      const leaders = people.filter((p) => EVENT_LEADERS[eventKind].includes(p.occupation) && aliveAged(p, year, 25, 70));
      if (!leaders.length) continue;
      const leader = re.pick(leaders);
      const name =
        eventKind === 'flood'
          ? `Great Flood of ${town.name}`
          : eventKind === 'fire'
            ? `Great Fire of ${town.name}`
            : eventKind === 'expedition'
              ? `${leader.surname} Expedition`
              : eventKind === 'treaty'
                ? `Treaty of ${town.name}`
                : eventKind === 'fair'
                  ? `${town.name} Lantern Fair`
                  : `${town.name} Storm`;
      if (reg.has(name)) continue;
      reg.add(name);
      used.add(town.name);
      usedEventTowns.set(eventKind, used);
      const days = eventKind === 'expedition' ? re.int(30, 420) : eventKind === 'treaty' ? re.int(3, 60) : re.int(1, 40);
      events.push({
        kind: 'event',
        eventKind,
        name,
        slug: slugFor(name, 'event'),
        town,
        start: randomDate(re, year),
        days,
        leader,
        count: eventKind === 'fair' ? re.int(20, 400) : eventKind === 'expedition' ? re.int(6, 90) : eventKind === 'treaty' ? re.int(2, 9) : re.int(0, 300),
      });
      made = true;
    }
    if (!made) throw new Error(`world: could not place event #${i}`);
  }
  return events;
}
