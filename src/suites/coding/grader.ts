import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Submission } from '../../agents/types.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { FunctionPayload, Task } from '../../tasks/types.ts';
import type { Grade } from '../types.ts';

const HARNESS = readFileSync(fileURLToPath(new URL('./grade-harness.py', import.meta.url)), 'utf8');

export interface TestVerdict {
  ok: boolean;
  error?: string;
}

export interface FunctionTestReport {
  /** The program could not be loaded (syntax error, exception at import). */
  loadError: string | null;
  results: TestVerdict[];
  /** Why the harness produced no report (timeout, memory limit, crash), else null. */
  failure: string | null;
  sandboxStatus: string;
  durationMs: number;
}

/** Run a function task's hidden tests against some code, each test judged apart. */
export async function runFunctionTests(sandbox: Sandbox, payload: FunctionPayload, code: string): Promise<FunctionTestReport> {
  const marker = `__SALE_REPORT_${randomBytes(12).toString('hex')}__`;
  const result = await sandbox.runPython({
    code: HARNESS,
    args: [marker],
    files: { 'solution.py': code, 'setup.py': payload.test_setup ?? '', 'tests.json': JSON.stringify(payload.tests) },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith(marker));
  if (!line) {
    return {
      loadError: null,
      results: [],
      failure: result.status === 'ok' ? 'the program ended without a test report (did it call os._exit?)' : result.status,
      sandboxStatus: result.status,
      durationMs: result.durationMs,
    };
  }
  const report = JSON.parse(line.slice(marker.length)) as { load_error: string | null; results: TestVerdict[] };
  return { loadError: report.load_error, results: report.results, failure: null, sandboxStatus: result.status, durationMs: result.durationMs };
}

export function normaliseLetter(text: string): string | null {
  const m = /^\s*\(?([A-Za-z])\)?\s*[.):]?\s*$/.exec(text) ?? /\b(?:answer|option)\s*(?:is|:)?\s*\(?([A-Z])\)?\b/i.exec(text);
  return m ? m[1]!.toUpperCase() : null;
}

/** Grade a coding submission: hidden tests for functions, the letter for multiple choice. */
export async function gradeCoding(task: Task, submission: Submission | null, sandbox: Sandbox): Promise<Grade> {
  const p = task.payload;
  if (!submission) return { passed: false, score: 0, reason: 'no submission' };
  if (p.kind === 'multiple_choice') {
    const letter = submission.kind === 'choice' ? submission.letter.toUpperCase() : submission.kind === 'answer' ? normaliseLetter(submission.text) : null;
    const passed = letter === p.answer;
    return { passed, score: passed ? 1 : 0, reason: `answered ${letter ?? '(no letter)'}, correct ${p.answer}`, details: { letter } };
  }
  if (p.kind !== 'function') throw new Error(`coding grader: task ${task.id} has a ${p.kind} payload`);
  if (submission.kind !== 'code') return { passed: false, score: 0, reason: `submitted ${submission.kind}, expected code` };
  const report = await runFunctionTests(sandbox, p, submission.code);
  if (report.failure) return { passed: false, score: 0, reason: `grading run failed: ${report.failure}`, details: { ...report } };
  if (report.loadError) return { passed: false, score: 0, reason: `solution failed to load: ${report.loadError}`, details: { ...report } };
  const passedTests = report.results.filter((r) => r.ok).length;
  const total = p.tests.length;
  const firstFailure = report.results.findIndex((r) => !r.ok);
  return {
    passed: passedTests === total,
    score: total ? passedTests / total : 0,
    reason: `${passedTests}/${total} tests passed${firstFailure >= 0 ? `; first failure: test ${firstFailure}: ${report.results[firstFailure]!.error ?? ''}` : ''}`,
    details: { tests: report.results, durationMs: report.durationMs },
  };
}
