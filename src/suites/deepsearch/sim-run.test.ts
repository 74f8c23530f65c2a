// The deep-search suite end to end with the SIMULATED agents: the real agent loop, tools, grader,
// runner and tables on the fixture corpus.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { createModelClient } from '../../models/registry.ts';
import { writeRunTables } from '../../report/tables.ts';
import type { AttemptRecord } from '../../records/records.ts';
import { runBench } from '../../runner/run-bench.ts';
import { readRecords } from '../../records/run-dir.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import { createCodingSuite } from '../coding/index.ts';
import { createDeepsearchSuite } from './index.ts';
import { createAnswerJudge } from './judge.ts';
import { scoreAnswer } from './grader.ts';
import { deepsearchSimProtocol } from './sim-protocol.ts';

const config = loadConfig();
const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/deepsearch/', import.meta.url));
const tasks = loadTasks([join(FIXTURE, 'tasks')]);
const suite = createDeepsearchSuite('ds-mini', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-ds-run-'));
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

const toolSequence = (r: AttemptRecord) => r.trace.filter((e) => e.message.role === 'assistant').flatMap((e) => (e.message.toolCalls ?? []).map((c) => c.name));

describe('deep search with the sim provider', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmp();
    await runBench({
      suites: [suite],
      agents: config.agents,
      client: createModelClient('sim', { config, tasks, simProtocols: [deepsearchSimProtocol] }),
      sandbox,
      dir,
      resume: false,
      concurrency: 4,
      seed: 0,
      command: ['test'],
      fingerprintExtra: { sim: config.sim },
    });
  });

  it('plays search → open gold evidence → answer gold on success, search → open → wrong entity on failure', () => {
    const records = readRecords(dir);
    expect(records).toHaveLength(tasks.length * config.agents.length);
    const passed = records.filter((r) => r.passed);
    const failed = records.filter((r) => !r.passed);
    expect(passed.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of records) {
      const task = tasks.find((t) => t.id === r.taskId)!;
      if (task.payload.kind !== 'qa') throw new Error('fixture');
      expect(r.simulated).toBe(true);
      expect(r.domain).toBe('deepsearch');
      expect(r.stopReason).toBe('submitted');
      expect(r.submission!.kind).toBe('answer');
      const details = r.grade!.details as { evidenceRecall: number; opened: string[]; exactMatch: boolean; f1: number };
      // The first search's result reached the model as ranked hits.
      const searchResult = r.messages.find((m) => m.role === 'tool' && m.toolName === 'search')!;
      expect(searchResult.content).toMatch(/^Results for "/);
      if (r.passed) {
        expect(toolSequence(r)).toEqual(['search', ...task.payload.evidence.map(() => 'open'), 'answer']);
        expect(r.submission).toEqual({ kind: 'answer', text: task.payload.answer });
        expect(details.evidenceRecall).toBe(1);
        expect(details.opened).toEqual(task.payload.evidence);
        expect(r.grade!.score).toBe(1);
      } else {
        expect(toolSequence(r)).toEqual(['search', 'open', 'answer']);
        const text = (r.submission as { text: string }).text;
        expect(scoreAnswer(text, [task.payload.answer, ...task.payload.aliases]).exactMatch).toBe(false);
        expect(text).not.toBe('unknown');
        expect(details.opened).toHaveLength(1);
      }
      expect(r.usage.inputTokens).toBe(r.calls.reduce((s, c) => s + c.inputTokens, 0));
      expect(r.usage.inputTokens).toBeGreaterThan(0);
    }
  });

  it('is deterministic across runs and concurrency', async () => {
    const again = tmp();
    await runBench({
      suites: [suite],
      agents: config.agents,
      client: createModelClient('sim', { config, tasks, simProtocols: [deepsearchSimProtocol] }),
      sandbox,
      dir: again,
      resume: false,
      concurrency: 1,
      seed: 0,
      command: ['test'],
      fingerprintExtra: { sim: config.sim },
    });
    const key = (d: string) => readRecords(d).map((r) => [r.key, r.passed, JSON.stringify(r.submission), r.usage.inputTokens, r.usage.outputTokens]).sort();
    expect(key(again)).toEqual(key(dir));
  });

  it('writes the same tables as coding, plus the answer-quality section', () => {
    const tables = writeRunTables(dir);
    expect(tables.rows.every((r) => r.domain === 'deepsearch')).toBe(true);
    const csv = readFileSync(tables.files.csv, 'utf8');
    expect(csv).toMatch(/^SIMULATED,deepsearch,agent:4b,all,6,6,/m);
    const md = readFileSync(tables.files.markdown, 'utf8');
    expect(md).toMatch(/## deepsearch: pass@1/);
    expect(md).toMatch(/## deepsearch: answers \(exact match, token F1, evidence recall\)/);
    const json = JSON.parse(readFileSync(tables.files.json, 'utf8'));
    const all4b = json.answers.find((a: { system: string; bin: unknown }) => a.system === 'agent:4b' && a.bin === 'all');
    expect(all4b.graded).toBe(tasks.length);
    expect(all4b.exactMatch).toBeCloseTo(all4b.pass1, 10);
  });
});

describe('judge mode and several domains', () => {
  it('with a judge, records its verdicts and agreement; coding + deep search give the overall rows', async () => {
    const codingTasks = loadTasks([fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
    const coding = createCodingSuite('mini', config.suites.coding!, codingTasks);
    const client = createModelClient('sim', { config, tasks: [...codingTasks, ...tasks], simProtocols: [deepsearchSimProtocol] });
    const judge = createAnswerJudge({ client, agent: config.agents.find((a) => a.name === '32b')! });
    const dir = tmp();
    await runBench({
      suites: [coding, suite],
      agents: config.agents.slice(0, 2),
      client,
      sandbox,
      dir,
      resume: false,
      concurrency: 4,
      seed: 0,
      command: ['test'],
      fingerprintExtra: { sim: config.sim, judge: { agent: '32b' } },
      judge,
    });
    const records = readRecords(dir);
    const ds = records.filter((r) => r.domain === 'deepsearch');
    expect(ds).toHaveLength(tasks.length * 2);
    for (const r of ds) {
      const d = r.grade!.details as { judge: { match: boolean; reason: string; agent: string; usage: { outputTokens: number } }; passedBy: string; exactMatch: boolean };
      expect(d.judge.agent).toBe('32b');
      expect(d.judge.reason).toMatch(/^SIMULATED judge/);
      expect(d.judge.usage.outputTokens).toBeGreaterThan(0);
      expect(d.passedBy).toBe('judge');
      expect(r.passed).toBe(d.judge.match);
    }
    // Coding is graded as before, without the judge.
    expect(records.filter((r) => r.domain === 'coding').every((r) => !(r.grade!.details ?? {}).judge)).toBe(true);
    const tables = writeRunTables(dir);
    expect(new Set(tables.rows.map((r) => r.domain))).toEqual(new Set(['coding', 'deepsearch', 'all']));
    const md = readFileSync(tables.files.markdown, 'utf8');
    expect(md).toMatch(/## All domains: pass@1/);
    expect(md).toMatch(/judge\/rules agreement %/);
    const json = JSON.parse(readFileSync(tables.files.json, 'utf8'));
    for (const a of json.answers) expect(a.judged).toBe(a.graded);
  });
});
