// Renders the world as encyclopedia-style documents: several paragraphs of prose with the facts embedded
// in sentences. Every fact a question may need is registered with the paragraph it sits in, so the
// question generator knows how deep a reader has to go (the τ formula's paragraph term). One renderer per
// entity kind lives in render-people.ts, render-places.ts and render-works.ts (builder: doc-builder.ts).
import { wikiUrl, type Doc, type Fact } from './doc-builder.ts';
import type { Entity, World } from './entities.ts';
import { orgDoc, personDoc } from './render-people.ts';
import { eventDoc, provinceDoc, riverDoc, townDoc } from './render-places.ts';
import { bookDoc, bridgeDoc, paintingDoc, shipDoc } from './render-works.ts';
import type { Rng } from './rng.ts';

/** The canonical (main) document of each entity. */
export function renderMain(e: Entity, w: World, rng: Rng): Doc {
  const r = rng.fork(`doc:${e.kind}:${e.slug}`);
  switch (e.kind) {
    case 'person': return personDoc(e, w, r);
    case 'town': return townDoc(e, w, r);
    case 'province': return provinceDoc(e, r);
    case 'river': return riverDoc(e, r);
    case 'org': return orgDoc(e, r);
    case 'ship': return shipDoc(e, r);
    case 'bridge': return bridgeDoc(e, r);
    case 'book': return bookDoc(e, r);
    case 'painting': return paintingDoc(e, r);
    case 'event': return eventDoc(e, r);
  }
}

/**
 * A superseded or disputed near-duplicate of an entity's page: the same text with one fact changed,
 * opening with a note that says which source is authoritative.
 */
export function renderDuplicate(e: Entity, changed: Entity, w: World, rng: Rng): Doc {
  const c = e.conflict!;
  const main = renderMain(changed, w, rng); // same fork label → same filler sentences, one fact different
  const note =
    c.source === 'almanac'
      ? `This entry is reproduced from the 1902 edition of the Provincial Almanac. Several of its figures were corrected in later editions; the encyclopedia's main article on ${e.name} (${wikiUrl(e.slug)}) is the authoritative account.`
      : `This account follows a family chronicle whose dates are disputed by historians. Where it disagrees with the encyclopedia's main article on ${e.name} (${wikiUrl(e.slug)}), the main article is to be preferred.`;
  // Keep the first paragraphs, at least up to the one holding the changed fact.
  const changedAt = main.facts.get(c.fact)?.para;
  if (changedAt === undefined || !main.paras[changedAt]!.includes(c.wrongValue))
    throw new Error(`duplicate of ${e.name}: the changed fact ${c.fact}='${c.wrongValue}' is not on the page`);
  const keep = main.paras.slice(0, Math.max(Math.min(main.paras.length, 4), changedAt + 1));
  const facts = new Map<string, Fact>();
  for (const [k, f] of main.facts) if (f.para < keep.length) facts.set(k, { para: f.para + 1, value: f.value });
  const label = c.source === 'almanac' ? 'Provincial Almanac, 1902' : 'family chronicle';
  return {
    id: '',
    title: `${main.title} (${label})`,
    url: `sale://${c.source === 'almanac' ? 'almanac-1902' : 'chronicles'}/${e.slug}`,
    paras: [note, ...keep],
    facts,
    role: 'duplicate',
    entity: e,
  };
}
