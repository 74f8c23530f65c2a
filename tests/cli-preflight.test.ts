// `sale bench run` against a model without tool support: exit 1 before any task, naming model and fix.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from './support/cli.ts';
import { startOllamaTestServer, type OllamaTestServer } from './support/ollama-test-server.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini-coding.jsonl', import.meta.url));

describe('sale bench run preflight', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer({ models: [{ name: 'qwen3:4b', capabilities: ['completion'] }] });
  });
  afterAll(() => server.close());

  it('a model without tool support exits 1 before any task runs, naming the model and the fix', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sale-preflight-')), 'run');
    const r = await sale(['bench', 'run', '--provider', 'ollama', '--host', server.url, '--agents', '4b', '--tasks', MINI, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model 'qwen3:4b' \(agent 4b\) does not support tools/);
    expect(r.stderr).toMatch(/fix: use a tool-capable model/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(server.requests.chat).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });
});
