// Grading of deep-search answers.
//
// - Rules (answer-rules.ts): yes/no (strict), exact, alias, unit, date, containment without a rival. The
//   rule that accepted the answer is named in the reason; this is `passed` (pass@1) unless a judge is set.
// - Exact match (EM): the normalised answer equals the normalised gold or an alias (details.exactMatch;
//   the run tables' EM column).
// - Token F1: the best F1 over the gold answer and its aliases, on normalised tokens. It is the grade's
//   `score`. HotpotQA's official F1 is in details.officialF1.
// - Evidence recall: the share of gold evidence documents the agent opened (read from the trace).
// - Judge (optional, `--judge AGENT`): when a judge is set its verdict decides `passed`; the rules, EM and
//   F1 stay in the details, and judge/rules agreement is reported in the run tables. A judge that gives no
//   usable verdict (server error, unparseable reply) leaves the rules in charge for that attempt
//   (details.passedBy says which decided). Empty or missing answers are failed without asking the judge.
//   The judge's own tokens are recorded in details.judge.usage and are NOT added to the attempt's usage or
//   cost: they are the price of evaluating, not of the system under test. The judge call uses seed 0 (the
//   attempt's seed is not part of the grader's inputs; the judge runs at its configured temperature, 0).
import type { AgentRun, Submission } from '../../agents/types.ts';
import type { QaPayload, Task } from '../../tasks/types.ts';
import type { Grade } from '../types.ts';
import type { AnswerJudge, JudgeVerdict } from './judge.ts';
import { scoreAnswer } from './answer-rules.ts';
import { openedDocIds } from './tools.ts';

export { containsAnswer, scoreAnswer, type AnswerRule, type AnswerScore } from './answer-rules.ts';

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
      details: { ...base, answer: null, rule: null, exactMatch: false, f1: 0, officialF1: 0, passedBy: 'rules' },
    };
  }
  const s = scoreAnswer(text, gold, task.prompt);
  let verdict: JudgeVerdict | undefined;
  if (ctx.judge) verdict = await ctx.judge.judge({ task, question: task.prompt, gold, answer: text, seed: ctx.seed ?? 0 });
  const byJudge = verdict !== undefined && verdict.match !== null;
  const passed = byJudge ? verdict!.match === true : s.match;
  const judgeNote = verdict
    ? verdict.match === null
      ? `; judge ${verdict.agent} gave no verdict (the rules decide)`
      : `; judge ${verdict.agent}: ${verdict.match ? 'match' : 'no match'}`
    : '';
  const head = s.match
    ? `answered ${quote(text)}: ${s.rule} match${s.rule === 'exact' || s.rule === 'yes/no' ? '' : ` (${quote(s.closest)})`}`
    : `answered ${quote(text)}, expected ${quote(s.closest)}${s.refused ? ` (not accepted: ${s.refused})` : ''}`;
  return {
    passed,
    score: s.f1,
    reason: `${head} (F1 ${s.f1.toFixed(2)}; ${evidenceNote})${judgeNote}`,
    details: {
      ...base,
      answer: text,
      normalised: s.normalised,
      rule: s.rule,
      exactMatch: s.exactMatch,
      f1: s.f1,
      officialF1: s.officialF1,
      closest: s.closest,
      passedBy: byJudge ? 'judge' : 'rules',
      ...(verdict ? { judge: verdict } : {}),
    },
  };
}
