import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { ConfigError } from '../errors.ts';
import { createModelClient } from '../models/registry.ts';
import type { ChatRequest } from '../models/types.ts';
import { createSandbox } from '../sandbox/index.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { ROUTERS } from '../routers/registry.ts';
import { liveRouterSystems } from './live-routers.ts';
import { runBench } from './run-bench.ts';

const config = loadConfig();
const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
const suite = createCodingSuite('mini', config.suites.coding!, tasks);

describe('live routing', () => {
  it('runs only the routed agents, paying for every cascade attempt', async () => {
    // FrugalGPT is trained (its scorer needs training outcomes); this test is about live payment, so a
    // stand-in cascade that always runs 4b then 8b takes its place.
    const original = ROUTERS.frugalgpt!;
    ROUTERS.frugalgpt = {
      ...original,
      trained: false,
      factory: () => ({ name: 'frugalgpt', route: async (_t, execute) => ({ attempts: [await execute('4b'), await execute('8b')] }) }),
    };
    const sim = createModelClient('sim', { config, tasks });
    const seen: string[] = [];
    const client = { ...sim, chat: (r: ChatRequest) => (seen.push(`${r.meta.agent}|${r.meta.taskId}`), sim.chat(r)) };
    const ext = await liveRouterSystems({ config, suites: [suite], bins: undefined, limit: null, routers: ['random', 'frugalgpt'], trainFrac: 0, splitSeed: 0, seed: 0, params: {} }).finally(() => (ROUTERS.frugalgpt = original));
    const result = await runBench({
      suites: [suite], agents: config.agents, client, sandbox: await createSandbox(), dir: join(mkdtempSync(join(tmpdir(), 'sale-live-')), 'run'),
      resume: false, concurrency: 2, seed: 0, command: [], systems: ext.systems, fingerprintExtra: ext.fingerprintExtra,
    });
    expect(result.records.map((r) => r.system).sort()).toEqual([...tasks.map(() => 'router:frugalgpt'), ...tasks.map(() => 'router:random')].sort());
    const ranAgents = new Set(seen);
    for (const r of result.records) {
      const attempts = r.route!.attempts;
      expect(r.route!.replayed).toBe(false);
      if (r.system === 'router:random') expect(attempts).toHaveLength(1);
      else expect(attempts.map((a) => a.agent)).toEqual(['4b', '8b', '14b', '32b'].slice(0, attempts.length));
      expect(r.costUsd).toBeCloseTo(attempts.reduce((s, a) => s + a.costUsd, 0), 15);
      for (const a of attempts) expect(ranAgents.has(`${a.agent}|${r.taskId}`)).toBe(true);
    }
    // Nothing else ran: every model call belongs to an attempt some router paid for.
    const paid = new Set(result.records.flatMap((r) => r.route!.attempts.map((a) => `${a.agent}|${r.taskId}`)));
    expect([...ranAgents].every((k) => paid.has(k))).toBe(true);
  });

  it('refuses a trained router without training outcomes, and the oracle live', async () => {
    const base = { config, suites: [suite], bins: undefined, limit: null, trainFrac: 0.4, splitSeed: 0, seed: 0, params: {} };
    await expect(liveRouterSystems({ ...base, routers: ['knn'] })).rejects.toThrow(ConfigError);
    await expect(liveRouterSystems({ ...base, routers: ['frugalgpt'] })).rejects.toThrow(ConfigError);
    await expect(liveRouterSystems({ ...base, routers: ['oracle'] })).rejects.toMatchObject({ fix: expect.stringMatching(/--replay/) });
  });
});
