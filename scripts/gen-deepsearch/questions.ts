// Question generation for the five τ bins. Templates (templates-*.ts) draw entities at random; an
// instance is kept only if its τ lands in the bin being filled and, for bins 3–5, it passes the
// MuSiQue-style filter below. Bins are filled round-robin over their templates up to QUESTIONS_PER_BIN.
//
// The filter (v2; the same solvers `sale datasets audit` runs, src/suites/deepsearch/audit):
//  - reject when one-shot (search the question, open the top 3, extract a span), search-only (snippets)
//    or no-corpus (priors over the questions kept so far) answers it correctly: a shortcut solves it with
//    fewer opens than its hops (one-shot's 3 opens count as fewer only for questions of 4+ hops; for
//    2- and 3-hop questions a one-shot success is still rejected, which is stricter than MuSiQue);
//  - reject when the fewest page opens that reach a gold page stating the answer is below its hops
//    (one page holds both the question's entity, or a page the question leads to directly, and the answer);
//  - reject when it uses an entity (person, organisation, ship, bridge, book, painting, event) that a
//    question of another bin already uses.
import type { BinIndex } from '../../src/tasks/bins.ts';
import { binOf } from '../../src/tasks/bins.ts';
import type { Corpus } from '../../src/suites/deepsearch/corpus.ts';
import { hopsOf, LinkGraph, minOpens, noCorpus, oneShot, searchOnly, type AuditQuestion } from '../../src/suites/deepsearch/audit/index.ts';
import type { SearchIndex } from '../../src/suites/deepsearch/search-index.ts';
import type { Doc } from './doc-builder.ts';
import { Builder, makeCtx, type Question, type Template } from './questions-core.ts';
import type { Rng } from './rng.ts';
import { tauOf } from './tau.ts';
import { hopTemplates } from './templates-hops.ts';
import { lookupTemplates } from './templates-read.ts';
import { researchTemplates } from './templates-research.ts';
import type { Entity, World } from './entities.ts';

export { numberWords, type Question } from './questions-core.ts';

export const QUESTIONS_PER_BIN = 44;
/** Bin 1 needs the evidence as the top hit of a search with the question's words; bin 2 within the top three. */
export const SEARCH_RANK_NEEDED: Partial<Record<BinIndex, number>> = { 0: 1, 1: 3 };
const PLACES = new Set(['town', 'province', 'river']);

export const auditView = (q: Question, id: string): AuditQuestion => ({
  id,
  prompt: q.prompt,
  payload: { kind: 'qa', answer: q.answer, aliases: q.aliases, evidence: q.evidence.map((d) => d.id) },
  tags: q.tags,
});

export function makeQuestions(w: World, docOf: Map<Entity, Doc>, root: Rng, corpus: Corpus, index: SearchIndex, mentions: Doc[] = []): Question[] {
  const c = makeCtx(w, docOf, root.fork('questions'), mentions);
  const { b1, b2 } = lookupTemplates(c);
  const { b4, b5 } = researchTemplates(c);
  const bins: [BinIndex, Template[]][] = [[0, b1], [1, b2], [2, hopTemplates(c)], [3, b4], [4, b5]];
  const graph = new LinkGraph(corpus);
  const owner = new Map<Entity, BinIndex>();
  const out: Question[] = [];
  const kept: AuditQuestion[] = [];
  for (const [bin, templates] of bins) {
    const made = new Map<string, number>();
    const rejected = new Map<string, number>();
    const reject = (why: string) => rejected.set(why, (rejected.get(why) ?? 0) + 1);
    const taus: number[] = [];
    const attempts = new Map<string, number>();
    let count = 0;
    const open = () => templates.filter((t) => (made.get(t.name) ?? 0) < t.count && (attempts.get(t.name) ?? 0) < 400);
    while (count < QUESTIONS_PER_BIN && open().length) {
      for (const t of open()) {
        if (count >= QUESTIONS_PER_BIN) break;
        // One kept question per template per round (or give up on the template after its attempts).
        for (;;) {
          const n = (attempts.get(t.name) ?? 0) + 1;
          attempts.set(t.name, n);
          if (n > 400) break;
          c.commitClaims(false);
          const b = new Builder(docOf);
          const d = t.make(b);
          if (!d) continue;
          // The entities a question is about: the first and the last of its path (not aggregation items).
          const path = [...b.entities];
          const subjects = [...new Set([path[0]!, path[path.length - 1]!])].filter((e) => !PLACES.has(e.kind));
          if (subjects.some((e) => owner.has(e) && owner.get(e) !== bin)) {
            reject('entity used in another bin');
            continue;
          }
          const q = b.finish(bin, t.name, d, subjects);
          if (binOf(tauOf(q.work)) !== bin) {
            if (taus.length < 200) taus.push(tauOf(q.work));
            reject('τ outside the bin');
            continue;
          }
          if (bin === 4 && q.evidence.length < 5) continue;
          const rank = SEARCH_RANK_NEEDED[bin];
          if (rank && !index.search(q.prompt, rank).some((h) => h.id === q.evidence[0]!.id)) {
            reject('not found by its own words');
            continue;
          }
          const view = auditView(q, `candidate-${bin}-${count}`);
          if (bin >= 2) {
            if (oneShot(view, index, corpus).solved) {
              reject('one-shot solves it');
              continue;
            }
            if (searchOnly(view, index, corpus).solved) {
              reject('search-only solves it');
              continue;
            }
            if (noCorpus(view, [...kept, view]).solved) {
              reject('no-corpus solves it');
              continue;
            }
            const h = minOpens(view, corpus, index, graph);
            if (h.checked && h.minOpens !== null && h.minOpens < hopsOf(view)) {
              reject('fewer opens than hops');
              continue;
            }
          }
          c.commitClaims(true);
          for (const e of subjects) owner.set(e, bin);
          if (q.answer === 'yes') c.balance.yes++;
          if (q.answer === 'no') c.balance.no++;
          out.push(q);
          kept.push(view);
          made.set(t.name, (made.get(t.name) ?? 0) + 1);
          count++;
          break;
        }
      }
    }
    if (count < QUESTIONS_PER_BIN) {
      const detail = templates.map((t) => `${t.name} ${made.get(t.name) ?? 0}`).join(', ');
      const why = [...rejected].map(([k, v]) => `${k} ${v}`).join(', ');
      throw new Error(`questions: bin ${bin + 1} has only ${count} of ${QUESTIONS_PER_BIN} questions (${detail}); rejected: ${why}; some τ outside: ${taus.slice(0, 20).join(', ')}`);
    }
  }
  return out;
}
