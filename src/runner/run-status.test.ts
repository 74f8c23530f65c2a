// The run folder never lies: a crash says `failed` and why, never `complete`; a locked folder is refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { createModelClient } from '../models/registry.ts';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { agentsAlone, runBench, type BenchRunOptions } from './run-bench.ts';
import { MANIFEST, readManifest, readRecords, RECORDS } from '../records/run-dir.ts';
import { LOCK_FILE, RunLockedError } from './run-lock.ts';

const config = loadConfig();
const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).slice(0, 4);
const suite = createCodingSuite('mini', config.suites.coding!, tasks);
const agents = config.agents.slice(0, 2);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-status-'));
const options = (dir: string, over: Partial<BenchRunOptions> = {}): BenchRunOptions => ({
  suites: [suite],
  agents,
  client: createModelClient('sim', { config, tasks }),
  sandbox,
  dir,
  resume: false,
  concurrency: 2,
  seed: 0,
  command: ['test'],
  fingerprintExtra: { sim: config.sim },
  ...over,
});

describe('run status', () => {
  it.skipIf(!existsSync('/dev/full'))('a full disk ends the run `failed` with the reason; after space is freed it resumes to `complete`', async () => {
    const dir = tmp();
    symlinkSync('/dev/full', join(dir, RECORDS)); // every record write fails with ENOSPC
    await expect(runBench(options(dir))).rejects.toMatchObject({ code: 'ENOSPC' });
    const m = readManifest(dir);
    expect(m.status).toBe('failed');
    expect(m.failure?.reason).toMatch(/ENOSPC/);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    rmSync(join(dir, RECORDS));
    writeFileSync(join(dir, RECORDS), '');
    const resumed = await runBench(options(dir, { resume: true }));
    expect(resumed.manifest.status).toBe('complete');
    expect(resumed.manifest.failure).toBeUndefined();
    expect(readRecords(dir)).toHaveLength(tasks.length * agents.length);
  });

  it('a system that throws ends the run `failed`, never `complete`, and records nothing for it', async () => {
    const dir = tmp();
    const systems = [
      ...agentsAlone(agents),
      { name: 'router:broken', run: async () => Promise.reject(new TypeError('cannot read properties of undefined')) },
    ];
    await expect(runBench(options(dir, { systems, concurrency: 1 }))).rejects.toThrow(TypeError);
    const m = readManifest(dir);
    expect(m.status).toBe('failed');
    expect(m.failure?.reason).toMatch(/cannot read properties/);
    expect(readRecords(dir).some((r) => r.system === 'router:broken')).toBe(false);
  });

  it('a folder another live process writes is refused before anything is written', async () => {
    const dir = tmp();
    const child = execa('sleep', ['30']);
    try {
      writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ pid: child.pid, host: hostname(), startedAt: 'x' })}\n`);
      await expect(runBench(options(dir))).rejects.toBeInstanceOf(RunLockedError);
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    } finally {
      child.kill('SIGKILL');
      await child.catch(() => undefined);
    }
  });

  it('a model that is missing leaves no folder behind', async () => {
    const parent = tmp();
    const dir = join(parent, 'run');
    const client = createModelClient('sim', { config, tasks });
    const missing = { ...client, describe: async (model: string) => ({ model, present: false }) } as typeof client;
    await expect(runBench(options(dir, { client: missing }))).rejects.toThrow(/not installed/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a resume at another isolation level is refused like any fingerprint change', async () => {
    const dir = tmp();
    await runBench(options(dir));
    const other = { ...sandbox, isolation: sandbox.isolation === 'rlimit' ? 'unshare' : 'rlimit' } as Sandbox;
    await expect(runBench(options(dir, { resume: true, sandbox: other }))).rejects.toThrow(/fingerprints differ in isolation/);
    expect(readManifest(dir).status).toBe('complete');
    expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).fingerprint.isolation).toBe(sandbox.isolation);
  });
});
