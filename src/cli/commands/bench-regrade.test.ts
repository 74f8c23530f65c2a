// `sale bench regrade`: a finished run graded again with today's graders, zero model calls.
// The run folder is built here by hand: records graded by an older, stricter grader.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/records.ts';
import { ConfigError } from '../../errors.ts';
import { regradeRun } from './bench-regrade.ts';

const qa = (id: string, prompt: string, answer: string) => ({
  id, suite: 'deepsearch', domain: 'deepsearch', prompt, tau: 1, tau_source: { kind: 'annotated', rationale: 'test' },
  payload: { kind: 'qa', answer, aliases: [], evidence: ['d1'] },
});
const TASKS = [
  qa('r/born', 'In what year was Mara Quillon born?', '1962'),
  qa('r/tower', 'How tall is the Sarn Tower?', '427 metres'),
  qa('r/same', 'Are both lakes deep?', 'no'),
  qa('r/judged', 'Who built the Halden Bridge?', 'Mara Quillon'),
  { id: 'r/add', suite: 'coding', domain: 'coding', prompt: 'Add two numbers.', tau: 0.3, tau_source: { kind: 'annotated', rationale: 'test' },
    payload: { kind: 'function', entry_point: 'add', tests: ['assert add(1, 2) == 3', 'assert add(-1, 1) == 0'], reference: 'def add(a, b):\n    return a + b\n' } },
];

function attempt(taskId: string, submission: AttemptRecord['submission'], passed: boolean, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  const task = TASKS.find((t) => t.id === taskId)!;
  return {
    v: 1, type: 'attempt', key: `agent:4b|${taskId}`, system: 'agent:4b', agent: '4b', model: 'qwen3:4b', taskId, suite: task.suite, domain: task.domain as 'coding',
    bin: 2, tau: 1, status: passed ? 'passed' : 'failed', passed, stopReason: 'submitted',
    grade: { passed, score: passed ? 1 : 0, reason: passed ? 'old: exact match' : 'old: no match' }, infraError: null, submission,
    usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.001, timings: { gpuSeconds: 1, loadSeconds: 0, wallMs: 5 },
    health: { truncatedCalls: 0, lengthStops: 0, emptyReplies: 0 }, calls: [], messages: [], trace: [], simulated: true,
    startedAt: '2026-12-01T00:00:00Z', finishedAt: '2026-12-01T00:00:01Z', ...extra,
  };
}

function makeRun(): { run: string; tasks: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sale-regrade-'));
  const run = join(dir, 'run1');
  mkdirSync(run);
  const tasks = join(dir, 'tasks.jsonl');
  writeFileSync(tasks, TASKS.map((t) => JSON.stringify(t)).join('\n') + '\n');
  const manifest = {
    format: 'sale-run', version: 1, runId: 'run1', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', status: 'complete', label: 'SIMULATED',
    command: ['bench', 'run', '--tasks', tasks, '--provider', 'sim'],
    fingerprint: { config: 'x', dataset: 'y', prompts: {}, models: {}, think: {}, seeds: [0], provider: 'sim' },
    settings: { provider: 'sim', endpoint: 'sim', suites: ['deepsearch', 'coding'], agents: [{ name: '4b', model: 'qwen3:4b', pricePerMTok: 0.05, contextLength: 32768, think: {} }], bins: [0, 1, 2, 3, 4], limit: null, seed: 0, concurrency: 1, taskIds: TASKS.map((t) => t.id) },
    models: {}, sandbox: { isolation: 'bwrap', warnings: [] }, code: { name: 'sale', version: '0', node: 'v20' },
  };
  writeFileSync(join(run, 'manifest.json'), JSON.stringify(manifest));
  const judged = { match: false, reason: 'recorded: different person', agent: 'judge32', model: 'qwen3:32b' };
  const records = [
    attempt('r/born', { kind: 'answer', text: 'December 10, 1962' }, false),
    attempt('r/tower', { kind: 'answer', text: '427 m' }, false),
    attempt('r/same', { kind: 'answer', text: 'No information found' }, true),
    attempt('r/judged', { kind: 'answer', text: 'Mara Quillon' }, false, { grade: { passed: false, score: 1, reason: 'old', details: { judge: judged } } }),
    attempt('r/add', { kind: 'code', code: 'def add(a, b):\n    return a + b\n' }, true),
    { ...attempt('r/add', null, false), key: 'agent:32b|r/add', system: 'agent:32b', status: 'infra-error', grade: null, infraError: { kind: 'timeout', message: 'x' } },
  ];
  writeFileSync(join(run, 'records.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { run, tasks };
}

describe('bench regrade', () => {
  it('regrades into a new folder, lists the changed verdicts and writes tables; the run folder is untouched', async () => {
    const { run } = makeRun();
    const before = readFileSync(join(run, 'records.jsonl'), 'utf8');
    const r = await regradeRun(run, {});
    expect(r.out).not.toBe(run);
    expect(readFileSync(join(run, 'records.jsonl'), 'utf8')).toBe(before);
    expect(existsSync(join(run, 'summary.csv'))).toBe(false);
    expect(r.changed.map((c) => [c.taskId, c.before.passed, c.after.passed])).toEqual([
      ['r/born', false, true], // a year inside a full date
      ['r/tower', false, true], // unit synonym
      ['r/same', true, false], // an abstention is not "no"
    ]);
    // The recorded judge verdict is reused (no call): it still decides.
    const judged = r.records.find((x) => x.taskId === 'r/judged')!;
    expect(judged.passed).toBe(false);
    expect(judged.grade!.details).toMatchObject({ passedBy: 'judge', rule: 'exact' });
    // Code ran in the sandbox again; the infra error is copied unchanged.
    expect(r.records.find((x) => x.key === 'agent:4b|r/add')!.grade!.reason).toBe('2/2 tests passed');
    expect(r.records.find((x) => x.key === 'agent:32b|r/add')).toMatchObject({ status: 'infra-error', grade: null });
    for (const f of ['records.jsonl', 'manifest.json', 'summary.csv', 'summary.md', 'changed-verdicts.csv', 'changed-verdicts.jsonl', 'regrade.json']) expect(existsSync(join(r.out, f)), f).toBe(true);
    expect(readFileSync(join(r.out, 'changed-verdicts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(r.out, 'regrade.json'), 'utf8'))).toMatchObject({ changed: 3, regraded: 5, modelCalls: 0 });
    const rewritten = readFileSync(join(r.out, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AttemptRecord);
    expect(rewritten.find((x) => x.taskId === 'r/born')).toMatchObject({ passed: true, status: 'passed' });
  });

  it('writes into the run folder only when --out names it, keeping the old records beside', async () => {
    const { run } = makeRun();
    const r = await regradeRun(run, { out: run });
    expect(r.out).toBe(run);
    const files = (await import('node:fs')).readdirSync(run);
    expect(files.some((f) => /^records\.before-regrade-.*\.jsonl$/.test(f))).toBe(true);
    expect(existsSync(join(run, 'summary.csv'))).toBe(true);
  });

  it('refuses an existing non-empty --out and tasks it cannot find', async () => {
    const { run } = makeRun();
    const other = mkdtempSync(join(tmpdir(), 'sale-regrade-out-'));
    writeFileSync(join(other, 'x'), '');
    await expect(regradeRun(run, { out: other })).rejects.toThrow(/exists and is not empty/);
    const lone = join(mkdtempSync(join(tmpdir(), 'sale-regrade-t-')), 't.jsonl');
    writeFileSync(lone, `${JSON.stringify(TASKS[0])}\n`);
    const e = await regradeRun(run, { tasks: lone }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toMatch(/task\(s\) of the run are not in the tasks found: r\/tower/);
  });
});
