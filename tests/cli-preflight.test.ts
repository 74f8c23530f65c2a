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

  it('a refusal no retry can fix stops the run after its first attempt: exit 1, records kept, the fix and the resume command', async () => {
    const refusing = await startOllamaTestServer({
      models: [{ name: 'qwen3:4b' }],
      // The model lists tools, yet the server refuses them (a template without tool support, say).
      defaultReply: { httpError: { status: 400, error: 'registry.ollama.ai/library/qwen3:4b does not support tools' } },
    });
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'sale-failfast-')), 'run');
      const r = await sale(['bench', 'run', '--provider', 'ollama', '--host', refusing.url, '--agents', '4b', '--tasks', MINI, '--out', out, '--concurrency', '1']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/run stopped early: .*does not support tools/);
      expect(r.stderr).toMatch(new RegExp(`fix: .*then resume with: sale bench run --resume ${out}`));
      expect(refusing.requests.chat).toHaveLength(1);
      expect(existsSync(join(out, 'records.jsonl'))).toBe(true);
    } finally {
      await refusing.close();
    }
  });
});
