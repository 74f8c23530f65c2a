import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { FingerprintMismatchError } from '../errors.ts';
import { createModelClient } from '../models/registry.ts';
import { writeRunTables } from '../report/tables.ts';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { runBench, type BenchRunOptions } from './run-bench.ts';
import { readRecords, RECORDS } from '../records/run-dir.ts';

const config = loadConfig();
const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
const suite = createCodingSuite('mini', config.suites.coding!, tasks);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-run-'));
const options = (dir: string, over: Partial<BenchRunOptions> = {}): BenchRunOptions => ({
  suites: [suite],
  agents: config.agents,
  client: createModelClient('sim', { config, tasks }),
  sandbox,
  dir,
  resume: false,
  concurrency: 4,
  seed: 0,
  command: ['test'],
  fingerprintExtra: { sim: config.sim },
  ...over,
});
/** The columns of summary.csv that must not depend on interruptions (wall-clock columns dropped). */
const stableCsv = (dir: string) =>
  readFileSync(join(dir, 'summary.csv'), 'utf8')
    .split('\n')
    .map((l) => l.split(',').slice(0, -4).join(','))
    .join('\n');

describe('runBench with the sim provider', () => {
  let full: string;
  beforeAll(async () => {
    full = tmp();
    await runBench(options(full));
    writeRunTables(full);
  });

  it('records every agent on every task with engine counters, traces and a SIMULATED label', () => {
    const records = readRecords(full);
    expect(records).toHaveLength(tasks.length * 4);
    for (const r of records) {
      expect(r.simulated).toBe(true);
      expect(r.calls.length).toBeGreaterThan(0);
      expect(r.usage.inputTokens).toBe(r.calls.reduce((s, c) => s + c.inputTokens, 0));
      expect(r.costUsd).toBeCloseTo(((r.usage.inputTokens + r.usage.outputTokens) * config.agents.find((a) => a.name === r.agent)!.pricePerMTok) / 1e6, 12);
      expect(r.grade).not.toBeNull();
      expect(r.messages[0]!.role).toBe('system');
    }
    const manifest = JSON.parse(readFileSync(join(full, 'manifest.json'), 'utf8'));
    expect(manifest.label).toBe('SIMULATED');
    expect(manifest.status).toBe('complete');
    expect(manifest.fingerprint.prompts['mini/system.md']).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.sandbox.isolation).toBe(sandbox.isolation);
    expect(readFileSync(join(full, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(/^SIMULATED,coding,agent:4b,/);
    expect(readFileSync(join(full, 'summary.md'), 'utf8')).toMatch(/^# SIMULATED/);
  });

  it('is deterministic: a second run gives the same outcomes and tokens', async () => {
    const again = tmp();
    await runBench(options(again, { concurrency: 1 }));
    const key = (d: string) => readRecords(d).map((r) => [r.key, r.passed, r.usage.inputTokens, r.usage.outputTokens]).sort();
    expect(key(again)).toEqual(key(full));
  });

  it('an interrupted run resumes to the same tables, with no attempt lost or doubled', async () => {
    const dir = tmp();
    const controller = new AbortController();
    let seen = 0;
    const first = await runBench(
      options(dir, {
        concurrency: 1,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'attempt-finish' && ++seen === 7) controller.abort();
        },
      }),
    );
    expect(first.interrupted).toBe(true);
    expect(readRecords(dir)).toHaveLength(7);
    // A torn last line, as a SIGKILL mid-write leaves it.
    appendFileSync(join(dir, RECORDS), '{"v":1,"type":"attempt","key":"agent:');
    const events: string[] = [];
    const second = await runBench(options(dir, { resume: true, onEvent: (e) => events.push(e.type) }));
    expect(second.interrupted).toBe(false);
    const lines = readFileSync(join(dir, RECORDS), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(tasks.length * 4);
    expect(new Set(lines.map((l) => JSON.parse(l).key)).size).toBe(tasks.length * 4);
    writeRunTables(dir);
    expect(stableCsv(dir)).toBe(stableCsv(full));
  });

  it('refuses to resume across a fingerprint mismatch, naming the field', async () => {
    await expect(runBench(options(full, { resume: true, seed: 1 }))).rejects.toThrow(FingerprintMismatchError);
    await expect(runBench(options(full, { resume: true, seed: 1 }))).rejects.toThrow(/seeds/);
    await expect(runBench(options(full, { resume: true, agents: config.agents.slice(0, 2) }))).rejects.toThrow(/config/);
  });

  it('refuses to write a new run over an existing one', async () => {
    await expect(runBench(options(full))).rejects.toThrow(/already holds a run/);
  });

  it('retries infrastructure errors on resume instead of counting them as failures', async () => {
    const dir = tmp();
    await runBench(options(dir, { agents: config.agents.slice(0, 1) }));
    const recs = readRecords(dir);
    const broken = { ...recs[0]!, status: 'infra-error', passed: false, infraError: { kind: 'connection', message: 'x' } };
    appendFileSync(join(dir, RECORDS), `${JSON.stringify(broken)}\n`);
    const tables = writeRunTables(dir);
    expect(tables.rows.find((r) => r.bin === 'all')!.infraErrors).toBe(1);
    await runBench(options(dir, { agents: config.agents.slice(0, 1), resume: true }));
    const after = readRecords(dir);
    expect(after.find((r) => r.key === broken.key)!.status).not.toBe('infra-error');
    writeFileSync(join(dir, 'x'), '');
  });
});
