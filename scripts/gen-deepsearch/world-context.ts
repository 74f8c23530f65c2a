// What every phase of buildWorld shares: the root RNG, the name registry and maker, the slug table and the
// names invented for people who appear only inside documents.
import type { NameMaker, NameRegistry } from './names.ts';
import type { Rng } from './rng.ts';
import type { Person } from './entities.ts';

export interface BuildContext {
  root: Rng;
  reg: NameRegistry;
  names: NameMaker;
  /** A unique slug for `name`, disambiguated with `hint` (then a counter) when taken. */
  slugFor: (name: string, hint: string) => string;
  /** Names invented for people who appear only inside documents (spouses, fictional characters). */
  extraNames: string[];
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function makeSlugFor(): (name: string, hint: string) => string {
  const slugs = new Set<string>();
  return (name: string, hint: string): string => {
    let s = slugify(name);
    if (slugs.has(s)) s = `${s}-${hint}`;
    let n = 2;
    const base = s;
    while (slugs.has(s)) s = `${base}-${n++}`;
    slugs.add(s);
    return s;
  };
}

/** Whether `p` is alive in `year` and aged between `lo` and `hi` (by birth year). */
export const aliveAged = (p: Person, year: number, lo: number, hi: number) => year - p.born.y >= lo && year - p.born.y <= hi && p.died >= year;
