// The core of `sale grade`: read an answers file (JSON Lines of {"id", "answer"} or {"id", "code"}),
// check every line against the tasks, then grade each line with the suite's own grader, in input order.
// Ids may repeat (several answers to one task); each line gets its own verdict.
import { relative } from 'node:path';
import pLimit from 'p-limit';
import type { Submission, TraceEvent } from '../../agents/types.ts';
import { ConfigError } from '../../errors.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { gradeCoding } from '../../suites/coding/grader.ts';
import { gradeDeepsearch } from '../../suites/deepsearch/grader.ts';
import type { AnswerJudge } from '../../suites/deepsearch/judge.ts';
import type { Grade } from '../../suites/types.ts';
import type { Task } from '../../tasks/types.ts';

export interface AnswerLine {
  line: number;
  id: string;
  submission: Submission;
}

export interface LineVerdict {
  line: number;
  id: string;
  passed: boolean;
  score: number;
  reason: string;
  /** Deep search: the rule that accepted the answer (exact, alias, unit, date, containment, yes/no), or null. */
  rule?: string | null;
  /** Coding functions: one verdict per hidden test. */
  tests?: { ok: boolean; error?: string }[];
}

const display = (file: string) => relative(process.cwd(), file) || file;
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Parse and check every line; throws one ConfigError naming file:line for every problem. */
export function parseAnswers(text: string, file: string, tasks: Map<string, Task>): AnswerLine[] {
  const problems: string[] = [];
  const out: AnswerLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const where = `${display(file)}:${i + 1}`;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      problems.push(`${where}: not valid JSON (${(e as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: expected a JSON object {"id", "answer"} or {"id", "code"}, got ${describe(value)}`);
    const obj = value as Record<string, unknown>;
    if (typeof obj.id !== 'string' || obj.id === '') return void problems.push(`${where}: field 'id' must be a non-empty string, got ${describe(obj.id)}`);
    const task = tasks.get(obj.id);
    if (!task) return void problems.push(`${where}: unknown task id '${obj.id}' (not in the tasks given)`);
    const unknown = Object.keys(obj).filter((k) => k !== 'id' && k !== 'answer' && k !== 'code');
    if (unknown.length) return void problems.push(`${where}: unknown field(s) ${unknown.map((k) => `'${k}'`).join(', ')} (use "answer" or "code")`);
    const wants = task.payload.kind === 'function' ? 'code' : 'answer';
    const other = wants === 'code' ? 'answer' : 'code';
    if (other in obj) return void problems.push(`${where}: task '${obj.id}' is a ${task.payload.kind} task: give "${wants}", not "${other}"`);
    const v = obj[wants];
    if (typeof v !== 'string') return void problems.push(`${where}: field '${wants}' must be a string, got ${describe(v)}`);
    out.push({ line: i + 1, id: obj.id, submission: wants === 'code' ? { kind: 'code', code: v } : { kind: 'answer', text: v } });
  });
  if (out.length === 0 && problems.length === 0) problems.push(`${display(file)}: no answers (expected JSON Lines of {"id", "answer"} or {"id", "code"})`);
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the answers file at the lines named above; nothing was graded' });
  return out;
}

export interface GradeContext {
  /** Needed when any line is code for a function task. */
  sandbox?: Sandbox;
  judge?: AnswerJudge;
  /** Sandbox runs in flight at once (default 2). */
  concurrency?: number;
}

/** The grade of one submission by its task's grader. */
export async function gradeSubmission(task: Task, submission: Submission | null, ctx: GradeContext & { trace?: TraceEvent[] }): Promise<Grade> {
  if (task.domain === 'deepsearch') {
    return gradeDeepsearch(task, submission, { ...(ctx.trace ? { run: { trace: ctx.trace } } : {}), ...(ctx.judge ? { judge: ctx.judge } : {}) });
  }
  if (task.payload.kind === 'function' && submission?.kind === 'code' && !ctx.sandbox) throw new Error('coding grader: no sandbox');
  return gradeCoding(task, submission, ctx.sandbox as Sandbox);
}

function verdictOf(a: AnswerLine, g: Grade): LineVerdict {
  const details = g.details ?? {};
  const tests = Array.isArray(details.tests) ? (details.tests as { ok: boolean; error?: string }[]) : undefined;
  const perTest = tests && tests.length > 1 && tests.length <= 30 ? `; per test: ${tests.map((t) => (t.ok ? 'ok' : 'fail')).join(' ')}` : '';
  return {
    line: a.line,
    id: a.id,
    passed: g.passed,
    score: g.score,
    reason: `${g.reason}${perTest}`,
    ...('rule' in details ? { rule: details.rule as string | null } : {}),
    ...(tests ? { tests } : {}),
  };
}

/** Grade every line (sandbox runs a few at a time); the verdicts come back in input order. */
export async function gradeAnswers(lines: AnswerLine[], tasks: Map<string, Task>, ctx: GradeContext): Promise<LineVerdict[]> {
  const limit = pLimit(ctx.concurrency ?? 2);
  return Promise.all(lines.map((a) => limit(async () => verdictOf(a, await gradeSubmission(tasks.get(a.id)!, a.submission, ctx)))));
}

/** One text line per verdict: "file:line  id  PASS|FAIL  reason". */
export function formatVerdict(file: string, v: LineVerdict): string {
  return `${display(file)}:${v.line}  ${v.id}  ${v.passed ? 'PASS' : 'FAIL'}  ${v.reason}`;
}
