// `sale datasets audit` for deep-search tasks: the three shortcut solvers per bin, and hop sufficiency.
import type { Task } from '../../../tasks/types.ts';
import type { Corpus } from '../corpus.ts';
import type { SearchIndex } from '../search-index.ts';
import { LinkGraph, minOpens, type HopResult } from './hops.ts';
import { rowsOf, type AuditRow } from './rows.ts';
import { auditQuestions, noCorpus, oneShot, searchOnly } from './solvers.ts';

export { LinkGraph, minOpens, hopCheckable, hopsOf, type HopResult } from './hops.ts';
export { oneShot, searchOnly, noCorpus, yesNoPriorFor, questionText, type AuditQuestion } from './solvers.ts';
export { rowsOf, type AuditRow, type SolverName } from './rows.ts';

export interface DeepsearchAudit {
  rows: AuditRow[];
  hops: (HopResult & { bin: number })[];
  /** Per task and solver: the answer given (for the Markdown report's examples). */
  answers: { id: string; bin: number; solver: string; answer: string | null; solved: boolean }[];
}

export function auditDeepsearch(suite: string, tasks: Task[], corpus: Corpus, index: SearchIndex, seed = 0): DeepsearchAudit {
  const qs = auditQuestions(tasks);
  const graph = new LinkGraph(corpus);
  const answers: DeepsearchAudit['answers'] = [];
  const run = (solver: 'one-shot' | 'search-only' | 'no-corpus') =>
    qs.map((q) => {
      const r = solver === 'one-shot' ? oneShot(q, index, corpus) : solver === 'search-only' ? searchOnly(q, index, corpus) : noCorpus(q, qs, seed);
      answers.push({ id: q.id, bin: q.bin, solver, answer: r.answer, solved: r.solved });
      return { bin: q.bin, solved: r.solved, ...('chance' in r ? { chance: r.chance as number } : {}) };
    });
  const rows = [...rowsOf(suite, 'one-shot', run('one-shot')), ...rowsOf(suite, 'search-only', run('search-only')), ...rowsOf(suite, 'no-corpus', run('no-corpus'))];
  const hops = qs.map((q) => ({ ...minOpens(q, corpus, index, graph), bin: q.bin }));
  return { rows, hops, answers };
}
