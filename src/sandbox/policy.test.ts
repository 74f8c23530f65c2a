// The CLI refuses model-written code on a level that misses guarantees, before anything is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, sale } from '../../tests/support/cli.ts';
import { detectIsolation } from './index.ts';

const rlimitWorks = await detectIsolation({ isolation: 'rlimit' }).then(() => true, () => false);

describe.skipIf(!rlimitWorks)('sale bench run on the rlimit level', () => {
  it('refuses a real provider without --unsafe: one error line with the fix, non-zero exit, no run folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sale-policy-'));
    try {
      const out = path.join(dir, 'run');
      const host = `http://127.0.0.1:${await freePort()}`;
      const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'ollama', '--host', host, '--isolation', 'rlimit', '--limit', '1', '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^error: sandbox isolation 'rlimit' cannot stop model-written code from reading project files/m);
      expect(r.stderr).toMatch(/--isolation rlimit --unsafe/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(out)).toBe(false);
      // With --unsafe the sandbox is accepted and the run goes on to the provider (nothing listens there).
      const unsafe = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'ollama', '--host', host, '--isolation', 'rlimit', '--unsafe', '--limit', '1', '--out', out]);
      expect(unsafe.stderr).not.toMatch(/cannot stop model-written code/);
      expect(unsafe.stderr).toMatch(/cannot reach Ollama/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('lets the sim provider (project code only) use it, with a notice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sale-policy-'));
    try {
      const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'sim', '--isolation', 'rlimit', '--limit', '1', '--agents', '4b', '--out', path.join(dir, 'run')]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/runs only code the project ships/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
