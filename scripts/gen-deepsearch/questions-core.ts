// Shared pieces of the question templates: the Question record, answers and aliases, the Builder that
// records what a question reads (gold evidence, how far into each page, the literal values), and the
// context (world, shuffled entity lists, helpers) every template file receives.
import type { BinIndex } from '../../src/tasks/bins.ts';
import { fmtDate, type YMD } from './calendar.ts';
import { docText, type Doc } from './doc-builder.ts';
import { fmtInt, occupationText, theOrg } from './doc-text.ts';
import type { Rng } from './rng.ts';
import { wordCount, type Work } from './tau.ts';
import type { Entity, Org, Person, Ship, World } from './entities.ts';

export interface Question {
  bin: BinIndex;
  template: string;
  /** Kind of reasoning, also written as a tag: lookup, deep-read, bridge, comparison, multi-hop, aggregation, research. */
  shape: string;
  prompt: string;
  answer: string;
  aliases: string[];
  evidence: Doc[];
  tags: string[];
  work: Work;
  /** What a reader does, in words, for the τ rationale. */
  why: string;
  /** Values that must occur in the given evidence documents (the inputs of computed answers, too). */
  support: { doc: Doc; value: string }[];
  computed: boolean;
  /** Entities the question is about (not shared across bins). */
  subjects: Entity[];
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for 0 ≤ n < 1000. */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` and ${numberWords(rest)}` : ''}`;
}

export interface Ans {
  answer: string;
  aliases: string[];
}
export const uniq = (answer: string, aliases: string[]): Ans => ({
  answer,
  aliases: [...new Set(aliases.filter((a) => a && a.toLowerCase() !== answer.toLowerCase()))],
});
export const yearAns = (y: number, date?: YMD): Ans => uniq(String(y), [`the year ${y}`, `in ${y}`, ...(date ? [fmtDate(date)] : [])]);
/** A count or quantity: digits (with and without thousands separators), words below 1000, optional unit. */
export function numAns(n: number, unit?: [string, string], unitFirst = false): Ans {
  const digits = String(n);
  const forms = [fmtInt(n), digits, ...(n >= 1000 ? [fmtInt(n).replace(/,/g, ' ')] : []), ...(n < 1000 ? [numberWords(n)] : [])];
  const withUnit = unit ? forms.map((f) => `${f} ${n === 1 ? unit[0] : unit[1]}`) : [];
  const answer = unit && unitFirst ? withUnit[0]! : fmtInt(n);
  return uniq(answer, [...forms, ...withUnit]);
}

export interface Draft {
  prompt: string;
  ans: Ans;
  R: number;
  A: number;
  why: string;
  shape: string;
  computed?: boolean;
  /** Snippet questions: one search, no document opened. */
  snippet?: boolean;
  /** Length of the chain of pages from the question to the answer, when it is not the number of evidence pages. */
  hops?: number;
  /** Searches beyond one per evidence page (e.g. trying a description). */
  extraSearches?: number;
}

/** The fact keys a conflicting duplicate changes (conflict.fact → keys a question may read). */
const CONFLICT_KEYS: Record<string, string[]> = { born: ['born', 'birthDate'], founded: ['founded'], launched: ['launched', 'launchDate'], tonnage: ['tonnage'], pop1900: ['pop1900'] };
const PAGE_CHARS = 2000;

export class Builder {
  readonly uses = new Map<Doc, number>();
  readonly entities = new Set<Entity>();
  readonly support: { doc: Doc; value: string }[] = [];
  /** A conflicting duplicate changes a fact this question reads. */
  conflictRead = false;
  constructor(private readonly docOf: Map<Entity, Doc>) {}

  /** Read fact `key` from entity `e`'s main page; returns its value as written there. */
  need(e: Entity, key: string): string {
    const doc = this.docOf.get(e);
    if (!doc) throw new Error(`questions: no document for ${e.kind} ${e.name}`);
    const f = doc.facts.get(key);
    if (!f) throw new Error(`questions: fact '${key}' not registered on the page of ${e.name}`);
    this.uses.set(doc, Math.max(this.uses.get(doc) ?? 0, f.para));
    this.entities.add(e);
    this.support.push({ doc, value: f.value });
    if (e.conflict && CONFLICT_KEYS[e.conflict.fact]?.includes(key)) this.conflictRead = true;
    return f.value;
  }
  /**
   * Read fact `key` from a document that is not an entity's encyclopedia page (a mention document: shipping
   * notes, minutes): gold evidence that the authority rule does not point to.
   */
  needDoc(doc: Doc, key: string): string {
    const f = doc.facts.get(key);
    if (!f) throw new Error(`questions: fact '${key}' not registered on ${doc.title}`);
    this.uses.set(doc, Math.max(this.uses.get(doc) ?? 0, f.para));
    this.support.push({ doc, value: f.value });
    return f.value;
  }
  para(e: Entity, key: string): number {
    return this.docOf.get(e)!.facts.get(key)!.para;
  }

  finish(bin: BinIndex, template: string, d: Draft, subjects: Entity[]): Question {
    const evidence = [...this.uses.keys()];
    let W = 0;
    let D = 0;
    let N = 0;
    if (d.snippet) {
      const lead = docText(evidence[0]!);
      const at = lead.indexOf(this.support[0]!.value);
      N = wordCount(lead.slice(0, at + this.support[0]!.value.length));
    } else {
      for (const [doc, para] of this.uses) {
        const upTo = doc.paras.slice(0, para + 1).join('\n\n');
        W += wordCount(upTo);
        D += Math.max(1, Math.ceil(upTo.length / PAGE_CHARS));
      }
    }
    let X = 0;
    let near = false;
    for (const e of this.entities) {
      if (e.near) {
        X++;
        near = true;
      }
      if (e.conflict) X++;
    }
    const work: Work = { Q: wordCount(d.prompt), S: (d.snippet ? 1 : evidence.length) + (d.extraSearches ?? 0), D, W, N, X, R: d.R, A: d.A };
    const allTags = [d.shape, template];
    if (d.computed) allTags.push('computed');
    if (near) allTags.push('near-namesake');
    // v2: tagged only when a duplicate changes a fact the question reads (and so, read from it, the answer).
    if (this.conflictRead) allTags.push('conflicting-source');
    if (d.hops) allTags.push(`hops-${d.hops}`);
    return {
      bin, template, shape: d.shape, prompt: d.prompt, answer: d.ans.answer, aliases: d.ans.aliases, evidence, tags: allTags, work,
      why: d.why, support: this.support, computed: !!d.computed, subjects,
    };
  }
}

export type Template = { name: string; count: number; make: (b: Builder) => Draft | null };

/** Everything a template file needs. */
export interface Ctx {
  w: World;
  docOf: Map<Entity, Doc>;
  /** Mention documents that record a fact of their own (Doc.about). */
  mentions: Doc[];
  rng: Rng;
  claim: (key: string) => boolean;
  /** After each draft: keep its claims (the question was kept) or drop them. */
  commitClaims: (keep: boolean) => void;
  any: <T>(xs: T[]) => T;
  people: Person[];
  ships: Ship[];
  orgs: Org[];
  yards: Org[];
  towns: World['towns'];
  bridges: World['bridges'];
  books: World['books'];
  paintings: World['paintings'];
  events: World['events'];
  P: (p: Person) => string;
  personAns: (p: Person) => Ans;
  orgAns: (o: Org) => Ans;
  townAns: (name: string) => Ans;
  provAns: (name: string) => Ans;
  shipAns: (s: Ship) => Ans;
  text: (e: Entity) => string;
  leadOf: (e: Entity) => string;
  words: (s: string) => RegExp;
  /** Kept yes/no questions so far (comparisons ask for the rarer answer). */
  balance: { yes: number; no: number };
}

export function makeCtx(w: World, docOf: Map<Entity, Doc>, rng: Rng, mentions: Doc[] = []): Ctx {
  const usedKeys = new Set<string>();
  // A template claims its key while it drafts; the claim is kept only when the question is (commitClaims).
  const claim = (key: string) => {
    if (usedKeys.has(key)) return false;
    pending.push(key);
    return true;
  };
  const pending: string[] = [];
  const personAns = (p: Person): Ans => {
    const shared = w.people.filter((q) => q.surname === p.surname).length > 1;
    return uniq(p.name, shared ? [] : [p.surname]);
  };
  return {
    w, docOf, mentions: mentions.filter((d) => d.about), rng, claim,
    commitClaims: (keep: boolean) => {
      if (keep) for (const k of pending) usedKeys.add(k);
      pending.length = 0;
    },
    any: <T,>(xs: T[]) => rng.pick(xs),
    people: rng.shuffle(w.people),
    ships: rng.shuffle(w.ships),
    orgs: rng.shuffle(w.orgs),
    yards: w.orgs.filter((o) => o.orgKind === 'shipyard'),
    towns: rng.shuffle(w.towns),
    bridges: rng.shuffle(w.bridges),
    books: rng.shuffle(w.books),
    paintings: rng.shuffle(w.paintings),
    events: rng.shuffle(w.events),
    P: (p: Person) => `the ${occupationText(p)} ${p.name}`,
    personAns,
    orgAns: (o: Org) => uniq(o.name, [theOrg(o), o.name.replace(/^The /, '')]),
    townAns: (name: string) => uniq(name, [`the town of ${name}`]),
    provAns: (name: string) => uniq(name, [`${name} province`, `the province of ${name}`]),
    shipAns: (s: Ship) => uniq(s.name, [`the ${s.name}`]),
    text: (e: Entity) => docText(docOf.get(e)!),
    leadOf: (e: Entity) => docOf.get(e)!.paras[0]!,
    balance: { yes: 0, no: 0 },
    words: (s: string) => new RegExp(`\\b${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'),
  };
}
