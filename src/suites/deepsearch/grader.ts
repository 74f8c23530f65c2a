// Grading of deep-search answers.
//
// - Exact match (EM): the normalised answer equals the normalised gold answer or one of its aliases
//   (normalise.ts). When the gold is yes or no, an answer starting with a yes/no word is read as that word.
// - Token F1: the best F1 over the gold answer and its aliases, on normalised tokens. It is the grade's
//   `score`; EM is `passed` (pass@1), unless a judge is set.
// - Evidence recall: the share of gold evidence documents the agent opened (read from the trace).
// - Judge (optional, `--judge AGENT`): when a judge is set its verdict decides `passed`; EM and F1 stay
//   in the details, and judge/EM agreement is reported in the run tables. A judge that gives no usable
//   verdict (server error, unparseable reply) leaves EM in charge for that attempt
//   (details.passedBy says which decided). Empty or missing answers are failed without asking the judge.
//   The judge's own tokens are recorded in details.judge.usage and are NOT added to the attempt's usage or
//   cost: they are the price of evaluating, not of the system under test. The judge call uses seed 0 (the
//   attempt's seed is not part of the grader's inputs; the judge runs at its configured temperature, 0).
import type { AgentRun, Submission } from '../../agents/types.ts';
import type { QaPayload, Task } from '../../tasks/types.ts';
import type { Grade } from '../types.ts';
import type { AnswerJudge, JudgeVerdict } from './judge.ts';
import { answerTokens, normaliseAnswer, yesNo } from './normalise.ts';
import { openedDocIds } from './tools.ts';

export interface AnswerScore {
  exactMatch: boolean;
  f1: number;
  /** The gold string the answer matched (EM) or came closest to (F1). */
  closest: string;
  normalised: string;
}

function tokenF1(pred: string[], gold: string[]): number {
  if (pred.length === 0 || gold.length === 0) return pred.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / pred.length;
  const recall = common / gold.length;
  return (2 * precision * recall) / (precision + recall);
}

/** EM and token F1 of an answer against the gold answer and its aliases. */
export function scoreAnswer(answer: string, gold: string[]): AnswerScore {
  const predTokens = answerTokens(answer);
  const normalised = predTokens.join(' ');
  const predYesNo = yesNo(answer);
  let best: AnswerScore = { exactMatch: false, f1: 0, closest: gold[0] ?? '', normalised };
  for (const g of gold) {
    const goldTokens = answerTokens(g);
    const goldNorm = goldTokens.join(' ');
    const goldYesNo = goldNorm === 'yes' || goldNorm === 'no' ? goldNorm : null;
    const em = goldYesNo ? predYesNo === goldYesNo : normalised === goldNorm;
    const f1 = em ? 1 : goldYesNo ? 0 : tokenF1(predTokens, goldTokens);
    if (em && !best.exactMatch) best = { exactMatch: true, f1: 1, closest: g, normalised };
    else if (!best.exactMatch && f1 > best.f1) best = { exactMatch: false, f1, closest: g, normalised };
  }
  return best;
}

/** Share of gold evidence ids among the opened ones (1 when there is no gold evidence). */
export function evidenceRecall(opened: readonly string[], evidence: readonly string[]): number {
  if (evidence.length === 0) return 1;
  const set = new Set(opened);
  return evidence.filter((id) => set.has(id)).length / evidence.length;
}

export interface DeepsearchGradeContext {
  /** The agent's run: the opened documents are read from its trace. Without it, evidence recall is null. */
  run?: Pick<AgentRun, 'trace'>;
  judge?: AnswerJudge;
  /** Seed of the judge call. */
  seed?: number;
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s);

export async function gradeDeepsearch(task: Task, submission: Submission | null, ctx: DeepsearchGradeContext = {}): Promise<Grade> {
  if (task.payload.kind !== 'qa') throw new Error(`deep-search grader: task ${task.id} has a ${task.payload.kind} payload`);
  const p: QaPayload = task.payload;
  const gold = [p.answer, ...p.aliases];
  const opened = ctx.run ? openedDocIds(ctx.run.trace) : null;
  const recall = opened ? evidenceRecall(opened, p.evidence) : null;
  const found = opened ? p.evidence.filter((id) => opened.includes(id)).length : 0;
  const evidenceNote = opened ? `evidence ${found}/${p.evidence.length} opened` : 'evidence not tracked';
  const base = { gold: p.answer, evidence: p.evidence, opened, evidenceRecall: recall };
  const text = submission?.kind === 'answer' ? submission.text : submission?.kind === 'choice' ? submission.letter : null;
  if (text === null || text.trim() === '') {
    return {
      passed: false,
      score: 0,
      reason: `no answer submitted; ${evidenceNote}`,
      details: { ...base, answer: null, exactMatch: false, f1: 0, passedBy: 'exact-match' },
    };
  }
  const s = scoreAnswer(text, gold);
  let verdict: JudgeVerdict | undefined;
  if (ctx.judge) verdict = await ctx.judge.judge({ task, question: task.prompt, gold, answer: text, seed: ctx.seed ?? 0 });
  const byJudge = verdict !== undefined && verdict.match !== null;
  const passed = byJudge ? verdict!.match === true : s.exactMatch;
  const judgeNote = verdict
    ? verdict.match === null
      ? `; judge ${verdict.agent} gave no verdict (exact match decides)`
      : `; judge ${verdict.agent}: ${verdict.match ? 'match' : 'no match'}`
    : '';
  const head = s.exactMatch ? `answered ${quote(text)}: exact match` : `answered ${quote(text)}, expected ${quote(s.closest)}`;
  return {
    passed,
    score: s.f1,
    reason: `${head} (F1 ${s.f1.toFixed(2)}; ${evidenceNote})${judgeNote}`,
    details: {
      ...base,
      answer: text,
      normalised: s.normalised,
      exactMatch: s.exactMatch,
      f1: s.f1,
      closest: s.closest,
      passedBy: byJudge ? 'judge' : 'exact-match',
      ...(verdict ? { judge: verdict } : {}),
    },
  };
}

/** For tests and validation: does `text` contain the answer (or an alias) as a run of normalised tokens? */
export function containsAnswer(text: string, gold: string[]): boolean {
  const hay = ` ${normaliseAnswer(text)} `;
  return gold.some((g) => {
    const n = normaliseAnswer(g);
    return n !== '' && hay.includes(` ${n} `);
  });
}
