// The fictional world behind the deep-search corpus: provinces, rivers, towns, people, organisations,
// ships, bridges, books, paintings and events, with dates and quantities that are consistent with each
// other (nobody designs a ship before birth or after death, a yard builds only after it is founded, …).
import type { World } from './entities.ts';
import { NameMaker, NameRegistry } from './names.ts';
import type { Rng } from './rng.ts';
import { makeSlugFor, type BuildContext } from './world-context.ts';
import { buildBooks, buildPaintings } from './world-arts.ts';
import { buildEvents } from './world-events.ts';
import { buildGeography } from './world-geo.ts';
import { buildOrgs } from './world-orgs.ts';
import { buildPeople } from './world-people.ts';
import { buildBridges, buildShips } from './world-works.ts';

/** Build the world. Throws when a constraint cannot be met (which would be a generator bug). */
export function buildWorld(root: Rng): World {
  // The phases run in this order and each forks its own stream from `root`; they share the name registry and
  // the name maker, so reordering them would change the generated suite.
  const ctx: BuildContext = { root, reg: new NameRegistry(), names: new NameMaker(root.fork('names')), slugFor: makeSlugFor(), extraNames: [] };
  const { provinces, rivers, towns } = buildGeography(ctx);
  const { people, awards } = buildPeople(ctx, towns);
  const orgs = buildOrgs(ctx, towns, people);
  const ships = buildShips(ctx, towns, people, orgs);
  const bridges = buildBridges(ctx, rivers, people);
  const books = buildBooks(ctx, towns, people, orgs);
  const paintings = buildPaintings(ctx, towns, people, orgs);
  const events = buildEvents(ctx, towns, people);
  return { provinces, rivers, towns, people, orgs, ships, bridges, books, paintings, events, extraNames: ctx.extraNames, awards };
}
