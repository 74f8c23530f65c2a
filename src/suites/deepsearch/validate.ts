// Reference checks of deep-search tasks (`sale datasets validate --reference`):
//  - every gold evidence id exists in the corpus;
//  - the gold answer (or an alias) occurs, normalised, in the evidence documents' titles or texts
//    (skipped for tasks tagged "computed", whose answer is derived — a difference of dates, a sum — and for
//    yes/no answers, which no document states);
//  - BM25 recall@10 of the gold evidence when searching with the question's own text, per bin: how much of
//    the evidence a single naive search already finds (high in the easy bins, low in the multi-hop ones).
import { BIN_LABELS } from '../../tasks/bins.ts';
import type { Task } from '../../tasks/types.ts';
import type { Corpus } from './corpus.ts';
import { containsAnswer } from './grader.ts';
import { normaliseAnswer } from './normalise.ts';
import type { SearchIndex } from './search-index.ts';

export const RECALL_K = 10;

export interface DeepsearchTaskCheck {
  taskId: string;
  bin: number;
  where: string;
  missingEvidence: string[];
  /** true / false, or null when skipped (computed or yes/no answers, or missing evidence). */
  answerInEvidence: boolean | null;
  /** Share of the gold evidence in the top RECALL_K hits for the question. */
  recallAt10: number;
  problems: string[];
}

export interface DeepsearchBinRow {
  bin: number | 'all';
  tasks: number;
  failed: number;
  answerChecked: number;
  meanRecallAt10: number;
  /** Share of tasks with all their evidence in the top RECALL_K. */
  fullRecallAt10: number;
}

export interface DeepsearchValidation {
  checks: DeepsearchTaskCheck[];
  bins: DeepsearchBinRow[];
  ok: boolean;
}

export function validateDeepsearch(tasks: Task[], corpus: Corpus, index: SearchIndex): DeepsearchValidation {
  const checks: DeepsearchTaskCheck[] = [];
  for (const t of tasks) {
    if (t.payload.kind !== 'qa') continue;
    const p = t.payload;
    const where = `${t.origin.file}:${t.origin.line}`;
    const problems: string[] = [];
    const missingEvidence = p.evidence.filter((id) => !corpus.byId.has(id));
    for (const id of missingEvidence) problems.push(`evidence id '${id}' is not in the corpus`);
    const gold = [p.answer, ...p.aliases];
    const yesNo = gold.some((g) => ['yes', 'no'].includes(normaliseAnswer(g)));
    let answerInEvidence: boolean | null = null;
    if (!missingEvidence.length && !t.tags?.includes('computed') && !yesNo) {
      const text = p.evidence.map((id) => `${corpus.byId.get(id)!.title}\n${corpus.byId.get(id)!.text}`).join('\n\n');
      answerInEvidence = containsAnswer(text, gold);
      if (!answerInEvidence) problems.push(`the answer ${JSON.stringify(p.answer)}${p.aliases.length ? ' (nor an alias)' : ''} occurs in none of its evidence documents`);
    }
    const hits = new Set(index.search(t.prompt, RECALL_K).map((h) => h.id));
    const recallAt10 = p.evidence.filter((id) => hits.has(id)).length / p.evidence.length;
    checks.push({ taskId: t.id, bin: t.bin, where, missingEvidence, answerInEvidence, recallAt10, problems });
  }
  const row = (bin: number | 'all', cs: DeepsearchTaskCheck[]): DeepsearchBinRow => ({
    bin,
    tasks: cs.length,
    failed: cs.filter((c) => c.problems.length).length,
    answerChecked: cs.filter((c) => c.answerInEvidence !== null).length,
    meanRecallAt10: cs.length ? cs.reduce((s, c) => s + c.recallAt10, 0) / cs.length : Number.NaN,
    fullRecallAt10: cs.length ? cs.filter((c) => c.recallAt10 === 1).length / cs.length : Number.NaN,
  });
  const bins: DeepsearchBinRow[] = [];
  for (const b of [0, 1, 2, 3, 4]) {
    const cs = checks.filter((c) => c.bin === b);
    if (cs.length) bins.push(row(b, cs));
  }
  bins.push(row('all', checks));
  return { checks, bins, ok: checks.every((c) => c.problems.length === 0) };
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}`);

/** The per-bin table as text. */
export function formatDeepsearchValidation(v: DeepsearchValidation): string {
  const head = ['bin', 'tasks', 'problems', 'answer checked', `recall@${RECALL_K} %`, `all evidence @${RECALL_K} %`];
  const rows = v.bins.map((b) => [b.bin === 'all' ? 'all' : `τ ${BIN_LABELS[b.bin]}`, String(b.tasks), String(b.failed), String(b.answerChecked), pct(b.meanRecallAt10), pct(b.fullRecallAt10)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
