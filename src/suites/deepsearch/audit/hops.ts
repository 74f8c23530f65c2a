// Hop sufficiency for `sale datasets audit`: for a multi-hop question, the fewest page opens that reach
// a gold page stating the answer. A reader starts from the hits of one search with the question's text
// and the pages of entities the question names; from an opened page it can reach (search for) every
// entity whose title the page mentions. Breadth-first over pages, each open costs one.
//
// A question is checked when it has two or more evidence pages and its answer is a string that occurs in
// one of them but not in the question (not a count, sum, yes/no or a pick among named options: those need
// every evidence page by construction). It is sufficient when min opens ≥ its hops (evidence pages, or the
// N of a `hops-N` tag: the chain length of a question that also reads a list of candidates).
import type { Corpus, CorpusDoc } from '../corpus.ts';
import { containsAnswer } from '../grader.ts';
import type { SearchIndex } from '../search-index.ts';
import { fold } from '../text.ts';
import { questionText, type AuditQuestion } from './solvers.ts';

const MAX_TITLE_WORDS = 6;
const words = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
/** "Fieth (ship)" → "fieth"; "Lyard Karant (Provincial Almanac, 1902)" → "lyard karant". */
const titleKey = (title: string) => words(title.replace(/\s*\([^)]*\)\s*$/, '')).join(' ');

/** Which pages mention which titles (computed lazily, once per page). */
export class LinkGraph {
  private readonly byTitle = new Map<string, string[]>();
  private readonly links = new Map<string, string[]>();
  constructor(readonly corpus: Corpus) {
    for (const d of corpus.docs) {
      const k = titleKey(d.title);
      // One- and two-letter keys and very common words would link everything to everything.
      if (k.length < 4) continue;
      const list = this.byTitle.get(k) ?? [];
      list.push(d.id);
      this.byTitle.set(k, list);
    }
  }

  /** Ids of the pages whose titles occur in `text`. */
  mentioned(text: string, self?: string): string[] {
    const w = words(text);
    const out = new Set<string>();
    for (let i = 0; i < w.length; i++) {
      let key = '';
      for (let n = 1; n <= MAX_TITLE_WORDS && i + n <= w.length; n++) {
        key = n === 1 ? w[i]! : `${key} ${w[i + n - 1]}`;
        const ids = this.byTitle.get(key);
        if (ids) for (const id of ids) if (id !== self) out.add(id);
      }
    }
    return [...out];
  }

  linksOf(doc: CorpusDoc): string[] {
    let l = this.links.get(doc.id);
    if (!l) this.links.set(doc.id, (l = this.mentioned(`${doc.title} ${doc.text}`, doc.id)));
    return l;
  }
}

export interface HopResult {
  id: string;
  /** Evidence pages (the hops the question claims). */
  hops: number;
  /** Fewest opens reaching a gold page that states the answer; null = not reached within the limit. */
  minOpens: number | null;
  /** false when the question is not a multi-hop question with a string answer (see the file header). */
  checked: boolean;
  /** The pages of one shortest path. */
  path: string[];
}

export const START_K = 10;

export function hopCheckable(q: AuditQuestion, corpus: Corpus): boolean {
  const p = q.payload;
  if (p.evidence.length < 2 || q.tags?.includes('computed')) return false;
  const gold = [p.answer, ...p.aliases];
  if (containsAnswer(questionText(q.prompt), gold)) return false;
  return p.evidence.some((id) => {
    const d = corpus.byId.get(id);
    return d ? containsAnswer(`${d.title}\n${d.text}`, gold) : false;
  });
}

/** The hops a question claims: its `hops-N` tag when it has one (a chain inside a wider aggregation), else its evidence pages. */
export function hopsOf(q: AuditQuestion): number {
  const tag = q.tags?.map((t) => /^hops-(\d+)$/.exec(t)).find(Boolean);
  return tag ? Number(tag[1]) : q.payload.evidence.length;
}

export function minOpens(q: AuditQuestion, corpus: Corpus, index: SearchIndex, graph: LinkGraph, maxOpens = 8): HopResult {
  const p = q.payload;
  const base = { id: q.id, hops: hopsOf(q) };
  if (!hopCheckable(q, corpus)) return { ...base, minOpens: null, checked: false, path: [] };
  const gold = [p.answer, ...p.aliases];
  const goal = new Set(p.evidence.filter((id) => containsAnswer(`${corpus.byId.get(id)!.title}\n${corpus.byId.get(id)!.text}`, gold)));
  const question = questionText(q.prompt);
  const start = [...new Set([...index.search(question, START_K).map((h) => h.id), ...graph.mentioned(question)])];
  const parent = new Map<string, string | null>();
  let frontier = start.filter((id) => corpus.byId.has(id));
  for (const id of frontier) parent.set(id, null);
  for (let depth = 1; depth <= maxOpens && frontier.length; depth++) {
    const hit = frontier.find((id) => goal.has(id));
    if (hit) {
      const path: string[] = [];
      for (let at: string | null | undefined = hit; at; at = parent.get(at)) path.unshift(at);
      return { ...base, minOpens: depth, checked: true, path };
    }
    const next: string[] = [];
    for (const id of frontier) {
      for (const to of graph.linksOf(corpus.byId.get(id)!)) {
        if (parent.has(to)) continue;
        parent.set(to, id);
        next.push(to);
      }
    }
    frontier = next;
  }
  return { ...base, minOpens: null, checked: true, path: [] };
}
