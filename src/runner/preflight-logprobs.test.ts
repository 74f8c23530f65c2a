// SALE's preflight: a run that needs log-probabilities (the auction's entropy) stops before any task when
// the Ollama server is older than the version that returns them, naming the fix; a new enough server runs.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startOllamaTestServer } from '../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../config/load.ts';
import { createModelClient } from '../models/registry.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { CapabilityError } from './preflight.ts';
import { runBench } from './run-bench.ts';

const MINI = fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url));
const sandbox = { isolation: 'rlimit', warnings: [] } as unknown as Sandbox;

describe('preflight for log-probabilities', () => {
  for (const [version, refused] of [['0.6.0', true], ['0.12.11', false]] as const) {
    it(`Ollama ${version}: ${refused ? 'refused before any task, with the upgrade fix' : 'passes the preflight'}`, async () => {
      const server = await startOllamaTestServer({ version });
      try {
        const config = loadConfig(undefined, { host: server.url, agents: ['4b'] });
        const tasks = loadTasks([MINI]).slice(0, 1);
        const dir = join(mkdtempSync(join(tmpdir(), 'sale-lp-')), 'run');
        const run = runBench({
          suites: [createCodingSuite('mini', config.suites.coding!, tasks)],
          agents: config.agents,
          client: createModelClient('ollama', { config, tasks }),
          sandbox,
          dir,
          resume: false,
          concurrency: 1,
          seed: 0,
          command: ['test'],
          requiredCapabilities: ['logprobs'],
          // Stop right after the preflight: no system has a task.
          systems: [{ name: 'agent:none', accepts: () => false, run: async () => Promise.reject(new Error('unreachable')) }],
        });
        if (refused) {
          const e = await run.then(() => null, (err: unknown) => err);
          expect(e).toBeInstanceOf(CapabilityError);
          expect(String((e as Error).message)).toMatch(/does not support logprobs \(Ollama 0\.6\.0 < 0\.12\.11\)/);
          expect((e as CapabilityError).fix).toMatch(/upgrade Ollama/);
          expect(existsSync(dir)).toBe(false);
        } else {
          await expect(run).resolves.toBeDefined();
        }
        expect(server.requests.chat).toHaveLength(0);
      } finally {
        await server.close();
      }
    });
  }
});
