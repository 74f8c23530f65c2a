// The document record (paragraphs plus the facts registered in them) and the builder the renderers use:
// every fact a question may need is registered with the paragraph it sits in.
import type { Entity, Org, Person, Ship, Town } from './entities.ts';
import type { Rng } from './rng.ts';

export interface Fact {
  /** Paragraph index (0 = the lead). */
  para: number;
  /** The literal text of the value as it appears in the document. */
  value: string;
}

export interface Doc {
  /** Assigned after all documents exist (ids are shuffled so they do not reveal the kind of document). */
  id: string;
  title: string;
  url: string;
  paras: string[];
  facts: Map<string, Fact>;
  role: 'main' | 'duplicate' | 'mention';
  entity?: Entity;
  /** Mention documents: what a question may read from them (src: mentions.ts). */
  about?: MentionAbout;
}

/** What a mention document records, for questions whose first hop is that document (not an encyclopedia page). */
export type MentionAbout =
  | { kind: 'shipping'; town: Town; year: number; season: string; cargo: string; ship: Ship }
  | { kind: 'minutes'; org: Org; year: number; month: string; topic: string; opener: Person };

export const docText = (d: Doc) => d.paras.join('\n\n');

export class DocBuilder {
  paras: string[][] = [[]];
  facts = new Map<string, Fact>();
  constructor(readonly rng: Rng) {}
  /** Start a new paragraph. */
  p(): this {
    if (this.paras[this.paras.length - 1]!.length) this.paras.push([]);
    return this;
  }
  s(sentence: string): this {
    this.paras[this.paras.length - 1]!.push(sentence);
    return this;
  }
  /** A sentence carrying a registered fact; the value must occur in the sentence. */
  f(key: string, value: string, sentence: string): this {
    if (!sentence.includes(value)) throw new Error(`document builder: fact ${key}='${value}' not in sentence "${sentence}"`);
    if (this.facts.has(key)) throw new Error(`document builder: fact ${key} registered twice`);
    this.facts.set(key, { para: this.paras.length - 1, value });
    return this.s(sentence);
  }
  /** One or more filler sentences drawn from a pool (distinct). */
  fill(pool: string[], n = 1): this {
    const used = new Set(this.paras.flat());
    for (const x of this.rng.sample(pool.filter((x) => !used.has(x)), n)) this.s(x);
    return this;
  }
  build(title: string, url: string, role: Doc['role'], entity?: Entity): Doc {
    const paras = this.paras.filter((p) => p.length).map((p) => p.join(' '));
    return { id: '', title, url, paras, facts: this.facts, role, entity };
  }
}

export const wikiUrl = (slug: string) => `sale://wiki/${slug}`;
