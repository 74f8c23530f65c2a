// buildWorld phase: organisations (shipyards, presses, galleries, …), each founded by a living person of a
// fitting occupation in a town that already existed.
import { LAST_YEAR, SIZES, type Occupation, type Org, type OrgKind, type Person, type Town } from './entities.ts';
import { aliveAged, type BuildContext } from './world-context.ts';

const FOUNDER_OCCUPATIONS: Record<OrgKind, Occupation[]> = {
  shipyard: ['shipwright', 'merchant'],
  press: ['novelist', 'poet', 'merchant'],
  gallery: ['painter', 'merchant'],
  academy: ['astronomer', 'botanist', 'cartographer', 'politician'],
  'trading company': ['merchant', 'captain'],
  observatory: ['astronomer'],
  orchestra: ['composer'],
  bank: ['merchant', 'politician'],
  newspaper: ['novelist', 'politician', 'merchant'],
  'botanical garden': ['botanist'],
};

export function buildOrgs(ctx: BuildContext, towns: Town[], people: Person[]): Org[] {
  const { root, reg, names, slugFor } = ctx;
  const ro = root.fork('orgs');
  const orgs: Org[] = [];
  const orgName = (kind: OrgKind, seat: Town): string => {
    const w = () => names.word2();
    const pattern: Record<OrgKind, () => string> = {
      shipyard: () => (ro.chance(0.5) ? `${w()} Shipworks` : `${w()} Shipyard`),
      press: () => `${w()} Press`,
      gallery: () => (ro.chance(0.5) ? `${w()} Gallery` : `${seat.name} Gallery of Art`),
      academy: () => (ro.chance(0.5) ? `Academy of ${seat.name}` : `${w()} Academy`),
      'trading company': () => `${w()} Trading Company`,
      observatory: () => (ro.chance(0.6) ? `${seat.name} Observatory` : `${w()} Observatory`),
      orchestra: () => (ro.chance(0.5) ? `${seat.name} Philharmonic` : `${w()} Orchestra`),
      bank: () => `${w()} Bank`,
      newspaper: () => (ro.chance(0.5) ? `${seat.name} Gazette` : `The ${w()} Courier`),
      'botanical garden': () => (ro.chance(0.5) ? `${seat.name} Botanical Garden` : `${w()} Botanical Garden`),
    };
    return reg.fresh(pattern[kind], kind);
  };
  for (const [kind, count] of Object.entries(SIZES.orgs) as [OrgKind, number][]) {
    for (let i = 0; i < count; i++) {
      let made = false;
      for (let attempt = 0; attempt < 200 && !made; attempt++) {
        const founder = ro.pick(people.filter((p) => FOUNDER_OCCUPATIONS[kind].includes(p.occupation)));
        const lo = founder.born.y + 25;
        const hi = Math.min(founder.died - 1, founder.born.y + 60, kind === 'shipyard' ? 1880 : 1900);
        if (hi < lo) continue;
        const founded = ro.int(lo, hi);
        const seats = towns.filter((t) => t.founded < founded - 10);
        if (!seats.length) continue;
        const seat = ro.chance(0.5) && founder.birthplace.founded < founded - 10 ? founder.birthplace : ro.pick(seats);
        const directors = people.filter((p) => p !== founder && aliveAged(p, founded, 25, 70));
        if (!directors.length) continue;
        // A staff figure from a year the organisation existed (before it was wound up).
        const dissolved = ro.chance(0.4) ? founded + ro.int(20, 160) : undefined;
        const lastOpen = dissolved !== undefined && dissolved < LAST_YEAR ? dissolved - 1 : LAST_YEAR;
        const staffYear = Math.min(lastOpen, founded + ro.int(5, 50));
        const org: Org = {
          kind: 'org',
          orgKind: kind,
          name: '',
          slug: '',
          founded,
          founder,
          seat,
          firstDirector: ro.pick(directors),
          staff: { count: kind === 'shipyard' || kind === 'bank' ? ro.int(40, 2600) : ro.int(8, 420), year: staffYear },
          ships: [],
          books: [],
          paintings: [],
        };
        if (dissolved !== undefined && dissolved < LAST_YEAR) org.dissolved = dissolved;
        org.name = orgName(kind, seat);
        org.slug = slugFor(org.name, 'org');
        orgs.push(org);
        founder.founded.push(org);
        seat.orgs.push(org);
        made = true;
      }
      if (!made) throw new Error(`world: could not place organisation ${kind} #${i}`);
    }
  }
  return orgs;
}

export const byKind = (orgs: Org[], k: OrgKind) => orgs.filter((o) => o.orgKind === k);
export const openIn = (o: Org, year: number) => o.founded < year && (o.dissolved === undefined || o.dissolved > year);
