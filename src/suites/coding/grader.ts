import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Submission } from '../../agents/types.ts';
import type { Sandbox, SandboxLimits, SandboxResult } from '../../sandbox/types.ts';
import type { FunctionPayload, Task } from '../../tasks/types.ts';
import type { Grade } from '../types.ts';
import { acquireHarness, harnessFailure, releaseHarness, type HarnessReport } from './harness-pool.ts';

// Grading of function tasks (threat model: grading-threat-model.md beside this file). Two processes:
//   - the solution server (solution-server.py + solution.py) runs in the sandbox and only answers
//     "call f with these plain-data arguments" requests;
//   - the harness (grade-protocol.py + grade-harness.py; harness-pool.ts) runs outside the sandbox
//     as a plain child process; it alone receives the tests, evaluates them, and sends the verdicts
//     on its own stdout, which the sandboxed code cannot reach.
// This module relays the requests and answers between the two, line by line, and caps the answers.
const SERVER = readFileSync(fileURLToPath(new URL('./solution-server.py', import.meta.url)), 'utf8');
/** Bytes of answers one grading run may send before it is stopped (its output is a flood). */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Extra wall-clock time the trusted harness gets beyond the sandbox's own limit. */
const HARNESS_GRACE_MS = 10_000;
/** A sandbox run ending like this decides the grade whatever the tests said. */
const LIMIT_STATUSES = /^(timeout|memory limit|cpu limit|output limit|killed by )/;

export interface TestVerdict {
  ok: boolean;
  error?: string;
}

export interface FunctionTestReport {
  /** The program could not be loaded (syntax error, exception at import). */
  loadError: string | null;
  results: TestVerdict[];
  /** Why the run produced no usable report (timeout, memory limit, crash), else null. */
  failure: string | null;
  sandboxStatus: string;
  durationMs: number;
}

/** Run a function task's hidden tests against some code, each test judged apart. */
export async function runFunctionTests(sandbox: Sandbox, payload: FunctionPayload, code: string, limits?: Partial<SandboxLimits>): Promise<FunctionTestReport> {
  const python = sandbox.python?.executable ?? 'python3';
  const { harness, job } = acquireHarness(python);
  let toSolution: NodeJS.WritableStream | null = null;
  const early: string[] = [];
  let report: HarnessReport | null = null;
  let harnessError: string | null = null;
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));
  harness.start(job, { entry_point: payload.entry_point, setup: payload.test_setup ?? '', tests: payload.tests }, {
    onRequest: (line) => (toSolution ? toSolution.write(`${line}\n`) : early.push(line)),
    onReport: (r) => {
      report = r;
      toSolution?.end();
      settle();
    },
    onExit: (why) => {
      harnessError = why;
      toSolution?.end();
      settle();
    },
  });

  let result: SandboxResult;
  try {
    result = await sandbox.runPython({
      code: SERVER,
      ...(limits ? { limits } : {}),
      files: { 'solution.py': code, ...(payload.solution_setup ? { 'solution_setup.py': payload.solution_setup } : {}) },
      attach: (io) => {
        toSolution = io.stdin;
        for (const l of early.splice(0)) io.stdin.write(`${l}\n`);
        if (report || harnessError) io.stdin.end();
        let sent = 0;
        let partial: Buffer[] = [];
        io.stdout.on('data', (c: Buffer) => {
          sent += c.length;
          if (sent > MAX_ANSWER_BYTES) return io.kill();
          // Split into lines scanning each byte once (an answer can be megabytes long).
          let from = 0;
          for (let nl = c.indexOf(10); nl >= 0; nl = c.indexOf(10, from)) {
            partial.push(c.subarray(from, nl));
            harness.solutionLine(job, Buffer.concat(partial).toString('utf8'));
            partial = [];
            from = nl + 1;
          }
          if (from < c.length) partial.push(c.subarray(from));
        });
      },
    });
  } catch (e) {
    harness.kill(); // mid-job: never reuse it
    throw e;
  } finally {
    if (!harness.dead) harness.solutionEnded(job);
  }
  const limit = limits?.timeoutMs ?? sandboxWallLimit(sandbox);
  const killer = setTimeout(() => harness.kill(), limit + HARNESS_GRACE_MS);
  await finished.finally(() => clearTimeout(killer));
  const base = { sandboxStatus: result.status, durationMs: result.durationMs };
  const final = report as HarnessReport | null;
  if (final) releaseHarness(python, harness);
  if (LIMIT_STATUSES.test(result.status)) return { loadError: null, results: [], failure: result.status, ...base };
  if (!final) throw harnessFailure(harnessError ?? 'no report');
  return { loadError: final.load_error, results: final.results, failure: null, ...base };
}

/** A grading run that hit the wall-clock limit is run once more with this many times the limit. */
export const WALL_RETRY_FACTOR = 3;

function sandboxWallLimit(sandbox: Sandbox): number {
  return (sandbox as { limits?: { timeoutMs: number } }).limits?.timeoutMs ?? 10_000;
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
  let report = await runFunctionTests(sandbox, p, submission.code);
  let retried = false;
  if (report.failure === 'timeout') {
    // The wall-clock limit guards against a hung run; how slow is too slow is the CPU limit's call
    // (RLIMIT_CPU, unchanged). A run that hit the wall limit without using up its CPU may only have been
    // starved by a loaded machine, which must not decide a verdict: grade it once more with
    // WALL_RETRY_FACTOR × the wall limit. A solution that spins still dies of the CPU limit; one that
    // sleeps or blocks still times out.
    retried = true;
    report = await runFunctionTests(sandbox, p, submission.code, { timeoutMs: WALL_RETRY_FACTOR * sandboxWallLimit(sandbox) });
  }
  if (report.failure) return { passed: false, score: 0, reason: `grading run failed: ${report.failure}`, details: { ...report } };
  if (report.loadError) return { passed: false, score: 0, reason: `solution failed to load: ${report.loadError}`, details: { ...report } };
  const passedTests = report.results.filter((r) => r.ok).length;
  const total = p.tests.length;
  const firstFailure = report.results.findIndex((r) => !r.ok);
  return {
    passed: passedTests === total,
    score: total ? passedTests / total : 0,
    reason: `${passedTests}/${total} tests passed${firstFailure >= 0 ? `; first failure: test ${firstFailure}: ${report.results[firstFailure]!.error ?? ''}` : ''}`,
    details: { tests: report.results, durationMs: report.durationMs, ...(retried ? { retriedAfterWallTimeout: true } : {}) },
  };
}
