// `sale grade TASKS ANSWERS`: one verdict per answers line, in input order, with the rule or the tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sale } from '../../../tests/support/cli.ts';
import { problemsOf } from '../../../tests/support/config-error.ts';
import { parseTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { parseAnswers } from './grade-answers.ts';

const RECORDS = [
  { id: 'g/born', suite: 'deepsearch', domain: 'deepsearch', prompt: 'In what year was Mara Quillon born?', tau: 1, tau_source: { kind: 'annotated', rationale: 't' }, payload: { kind: 'qa', answer: '1962', aliases: [], evidence: ['d'] } },
  { id: 'g/lake', suite: 'deepsearch', domain: 'deepsearch', prompt: 'Which is deeper, Lake Quenmere or Lake Dorrow?', tau: 1, tau_source: { kind: 'annotated', rationale: 't' }, payload: { kind: 'qa', answer: 'Lake Quenmere', aliases: [], evidence: ['d'] } },
  { id: 'g/yn', suite: 'deepsearch', domain: 'deepsearch', prompt: 'Are both lakes deep?', tau: 1, tau_source: { kind: 'annotated', rationale: 't' }, payload: { kind: 'qa', answer: 'no', aliases: [], evidence: ['d'] } },
  { id: 'g/mc', suite: 'coding', domain: 'coding', prompt: 'What does len([1, 2]) return?', tau: 0.2, tau_source: { kind: 'annotated', rationale: 't' }, payload: { kind: 'multiple_choice', options: { A: '1', B: '2' }, answer: 'B' } },
  { id: 'g/add', suite: 'coding', domain: 'coding', prompt: 'Add.', tau: 0.3, tau_source: { kind: 'annotated', rationale: 't' }, payload: { kind: 'function', entry_point: 'add', tests: ['assert add(1, 2) == 3', 'assert add(1, 0) == 1'], reference: 'def add(a, b):\n    return a + b\n' } },
];
const TEXT = RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n';
const byId = new Map<string, Task>(parseTasks(TEXT, 'tasks.jsonl').map((t) => [t.id, t]));

function files(answers: unknown[] | string) {
  const dir = mkdtempSync(join(tmpdir(), 'sale-grade-'));
  writeFileSync(join(dir, 'tasks.jsonl'), TEXT);
  writeFileSync(join(dir, 'answers.jsonl'), typeof answers === 'string' ? answers : answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return { dir, tasks: join(dir, 'tasks.jsonl'), answers: join(dir, 'answers.jsonl') };
}

describe('parseAnswers', () => {
  it('names file:line for every bad line and grades nothing', () => {
    const text = ['{"id": "g/born", "answer": "1962"}', '{"id": "nope", "answer": "x"}', 'not json', '{"id": "g/add", "answer": "def add"}', '{"id": "g/born", "answer": 5}', '[1]', '{"id": "g/born", "text": "x"}'].join('\n');
    expect(problemsOf(() => parseAnswers(text, 'a.jsonl', byId))).toEqual([
      "a.jsonl:2: unknown task id 'nope' (not in the tasks given)",
      expect.stringMatching(/^a\.jsonl:3: not valid JSON/),
      `a.jsonl:4: task 'g/add' is a function task: give "code", not "answer"`,
      "a.jsonl:5: field 'answer' must be a string, got number",
      'a.jsonl:6: expected a JSON object {"id", "answer"} or {"id", "code"}, got a list',
      "a.jsonl:7: unknown field(s) 'text' (use \"answer\" or \"code\")",
    ]);
    expect(problemsOf(() => parseAnswers('\n\n', 'a.jsonl', byId))[0]).toMatch(/no answers/);
  });
});

describe('sale grade', () => {
  it('--json: one object per input line, in order, ids repeating, with the rule or the tests', async () => {
    const f = files([
      { id: 'g/born', answer: 'December 10, 1962' },
      { id: 'g/lake', answer: 'Lake Dorrow' },
      { id: 'g/yn', answer: 'It was not' },
      { id: 'g/yn', answer: 'N/A' },
      { id: 'g/mc', answer: 'B' },
      { id: 'g/add', code: 'def add(a, b):\n    return a - b\n' },
      { id: 'g/born', answer: '1962' },
    ]);
    const r = await sale(['grade', f.tasks, f.answers, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => [o.line, o.id, o.passed])).toEqual([
      [1, 'g/born', true], [2, 'g/lake', false], [3, 'g/yn', true], [4, 'g/yn', false], [5, 'g/mc', true], [6, 'g/add', false], [7, 'g/born', true],
    ]);
    expect(out.map((o) => o.rule)).toEqual(['date', null, 'yes/no', null, undefined, undefined, 'exact']);
    expect(out[1]!.score).toBe(0); // the other option of the question: no partial credit
    expect(out[5]!.reason).toMatch(/^1\/2 tests passed.*per test: fail ok$/);
    expect(out[5]!.tests).toHaveLength(2);
  });

  it('prints one line per answer with file:line, and fails bad input with one clear message, no stack trace', async () => {
    const f = files([{ id: 'g/born', answer: '1962' }, { id: 'g/lake', answer: 'Lake Quenmere, not Lake Dorrow' }]);
    const ok = await sale(['grade', f.tasks, f.answers], { cwd: f.dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^answers\.jsonl:1 {2}g\/born {2}PASS {2}answered "1962": exact match/m);
    expect(ok.stdout).toMatch(/^answers\.jsonl:2 {2}g\/lake {2}FAIL .*not accepted/m);
    expect(ok.stdout).toMatch(/^1\/2 passed$/m);
    const bad = files('{"id": "zz", "answer": "1"}\n');
    const r = await sale(['grade', bad.tasks, bad.answers], { cwd: bad.dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/answers\.jsonl:1: unknown task id 'zz'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--judge: the judge (here the sim provider) decides, and the reason says so', async () => {
    const f = files([{ id: 'g/born', answer: '1962' }]);
    const r = await sale(['grade', f.tasks, f.answers, '--judge', '4b', '--provider', 'sim', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim()) as Record<string, unknown>).toMatchObject({ passed: true, reason: expect.stringMatching(/judge 4b: match/) });
    expect(r.stderr).toMatch(/SIMULATED/);
  });
});
