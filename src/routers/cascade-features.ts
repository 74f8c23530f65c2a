// What FrugalGPT's scorer may look at after an agent answered: the task text and the agent's final
// answer and trace — never the grade. Numeric features, standardised on the training split.
// Deviation (README): FrugalGPT fine-tunes a DistilBERT regressor on (query, answer) text; we fit an
// L2 logistic regression on these hand-made features. The code's text and length are left out on
// purpose: the sim's wrong programs are recognisable by their shape (a test-double artefact), and a
// scorer that learnt that would look better than any real one.
import type { AttemptRecord } from '../records/records.ts';
import type { RouterTask } from './types.ts';

export const CASCADE_FEATURES = [
  'submitted',
  'tool_calls',
  'python_runs',
  'last_run_ok',
  'any_run_error',
  'searches',
  'opens',
  'answer_in_opened_doc',
  'answer_words',
  'multiple_choice',
  'output_tokens',
  'length_stop',
  'empty_reply',
  'prompt_chars',
  'coding',
] as const;

const log1p = (x: number) => Math.log(1 + Math.max(0, x));

export function cascadeFeatures(task: RouterTask, r: AttemptRecord): Float64Array {
  const tools = r.trace.filter((e) => e.message.role === 'tool');
  const runs = tools.filter((e) => e.message.toolName === 'run_python');
  const ok = (e: (typeof tools)[number]) => e.details?.status === 'ok' || /^exit status: ok/.test(e.message.content);
  const opens = tools.filter((e) => e.message.toolName === 'open');
  const sub = r.submission;
  const answer = sub?.kind === 'answer' ? sub.text.trim().toLowerCase() : '';
  return Float64Array.from([
    r.stopReason === 'submitted' && sub ? 1 : 0,
    log1p(tools.length),
    log1p(runs.length),
    runs.length && ok(runs.at(-1)!) ? 1 : 0,
    runs.some((e) => !ok(e)) ? 1 : 0,
    log1p(tools.filter((e) => e.message.toolName === 'search').length),
    log1p(opens.length),
    answer && opens.some((e) => e.message.content.toLowerCase().includes(answer)) ? 1 : 0,
    log1p(answer ? answer.split(/\s+/).length : 0),
    sub?.kind === 'choice' ? 1 : 0,
    log1p(r.usage.outputTokens),
    r.health.lengthStops > 0 ? 1 : 0,
    r.health.emptyReplies > 0 ? 1 : 0,
    log1p(task.text.length),
    task.domain === 'coding' ? 1 : 0,
  ]);
}

/** Per-feature mean and standard deviation on the training rows (sd 1 where a feature is constant). */
export function standardiser(rows: readonly Float64Array[]): (x: Float64Array) => Float64Array {
  const d = rows[0]?.length ?? CASCADE_FEATURES.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d).fill(1);
  if (rows.length) {
    for (const r of rows) for (let i = 0; i < d; i++) mean[i] = mean[i]! + r[i]! / rows.length;
    for (let i = 0; i < d; i++) {
      const v = rows.reduce((s, r) => s + (r[i]! - mean[i]!) ** 2, 0) / rows.length;
      sd[i] = v > 1e-12 ? Math.sqrt(v) : 1;
    }
  }
  return (x) => x.map((v, i) => (v - mean[i]!) / sd[i]!);
}
