import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../src/config/load.ts';
import { freePort, sale } from './support/cli.ts';
import { startOllamaTestServer, type OllamaTestServer } from './support/ollama-test-server.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini-coding.jsonl', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-cli-'));

describe('sale CLI', () => {
  it('every command has --help with an example', async () => {
    for (const cmd of [['bench', 'run'], ['datasets', 'list'], ['datasets', 'validate'], ['datasets', 'import'], ['models', 'check']]) {
      const r = await sale([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Example/);
    }
  });

  it('a malformed task file stops before anything runs, naming file and line', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(MINI, 'utf8').split('\n')[0]}\n{"id": "x", "suite": "mini"\n`);
    const out = join(dir, 'run');
    const r = await sale(['bench', 'run', '--provider', 'sim', '--tasks', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it('bad YAML in the configuration stops with file:line and key', async () => {
    const dir = tmp();
    cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
    const f = join(dir, 'agents.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('context_length: 32768', 'context_length: big'));
    const r = await sale(['bench', 'run', '--provider', 'sim', '--config', dir, '--tasks', MINI, '--out', join(dir, 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agents\.yaml:\d+: defaults\.context_length: /);
    expect(existsSync(join(dir, 'run'))).toBe(false);
  });

  it('an unknown flag value names the flag and the valid choices', async () => {
    const r = await sale(['bench', 'run', '--provider', 'magic', '--tasks', MINI]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown provider 'magic'/);
    expect(r.stderr).toMatch(/use one of: ollama, .*sim/);
    const b = await sale(['bench', 'run', '--provider', 'sim', '--bins', '7', '--tasks', MINI]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--bins: unknown bin '7'/);
  });

  it('without --provider and without Ollama it stops and names --provider sim, within seconds', async () => {
    const port = await freePort();
    const r = await sale(['bench', 'run', '--tasks', MINI, '--out', join(tmp(), 'run')], { env: { OLLAMA_HOST: `127.0.0.1:${port}` } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(r.stderr).toMatch(/--provider sim/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('--provider ollama against a port where nothing listens exits non-zero within seconds, naming host and fix', async () => {
    const port = await freePort();
    const r = await sale(['bench', 'run', '--provider', 'ollama', '--host', `127.0.0.1:${port}`, '--tasks', MINI, '--out', join(tmp(), 'run')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(r.stderr).toMatch(/ollama serve|OLLAMA_HOST/);
    expect(r.ms).toBeLessThan(15_000);
  });

  describe('against the Ollama test server', () => {
    let server: OllamaTestServer;
    beforeAll(async () => {
      server = await startOllamaTestServer({ models: [{ name: 'qwen3:4b' }, { name: 'qwen3:14b', capabilities: ['completion'] }] });
    });
    afterAll(() => server.close());

    it('a missing model stops the run with `ollama pull`', async () => {
      const r = await sale(['bench', 'run', '--provider', 'ollama', '--host', server.url, '--agents', '4b,8b', '--tasks', MINI, '--out', join(tmp(), 'run')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/model 'qwen3:8b'.*not installed/);
      expect(r.stderr).toMatch(/ollama pull qwen3:8b/);
    });

    it('models check shows presence, digest, context and capabilities, and the fix', async () => {
      const r = await sale(['models', 'check', '--host', server.url]);
      expect(r.code).toBe(1);
      const line = (agent: string) => r.stdout.split('\n').find((l) => l.startsWith(agent.padEnd(7)))!;
      expect(line('4b')).toMatch(/qwen3:4b\s+yes\s+[0-9a-f]{12}\s+[0-9a-f]{12}\s+40960\s+32768\s+yes\s+yes/);
      expect(line('14b')).toMatch(/yes\s+[0-9a-f]{12}.*no\s+no/);
      expect(line('8b')).toMatch(/qwen3:8b\s+no/);
      expect(r.stdout).toMatch(/fix: ollama pull qwen3:8b/);
      expect(r.stdout).toMatch(/missing: tools \(a run stops before its first task\)/);
      // Piped (no colour codes): every column starts where its header does.
      expect(r.stdout).not.toMatch(/\x1b\[/);
      const lines = r.stdout.split('\n');
      const header = lines.find((l) => l.startsWith('agent'))!;
      for (const [col, value] of [['present', /yes|no/], ['tools', /yes|no|—/], ['thinking', /yes|no|—/]] as const) {
        const at = header.indexOf(col);
        for (const agent of ['4b', '14b', '8b']) expect(line(agent).slice(at), `${agent} ${col}`).toMatch(new RegExp(`^(${value.source})`));
      }
      expect(line('4b').indexOf('40960') + 5).toBe(header.indexOf('context') + 'context'.length);
    });
  });

  it('imports MBPP and HumanEval files into tasks that validate and run', async () => {
    const dir = tmp();
    const fixtures = fileURLToPath(new URL('../src/suites/coding/import/__fixtures__/', import.meta.url));
    const mbpp = await sale(['datasets', 'import', 'mbpp', join(fixtures, 'mbpp-original.jsonl'), '--out', `${dir}/`]);
    expect(mbpp.code, mbpp.stderr).toBe(0);
    expect(mbpp.stdout).toMatch(/wrote \d+ tasks to .*mbpp\.jsonl/);
    const he = await sale(['datasets', 'import', 'humaneval', join(fixtures, 'humaneval.jsonl'), '--out', join(dir, 'he.jsonl')]);
    expect(he.code, he.stderr).toBe(0);
    const v = await sale(['datasets', 'validate', '--reference', dir]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/references: (\d+)\/\1 tasks ok/);
    const run = await sale(['bench', 'run', '--provider', 'sim', '--agents', '4b', '--tasks', join(dir, 'he.jsonl'), '--out', join(dir, 'run')]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'run', 'summary.csv'), 'utf8')).toMatch(/SIMULATED,coding,agent:4b,all/);
  });

  it('a run killed with SIGKILL resumes to the same tables as an uninterrupted run', async () => {
    const dir = tmp();
    const args = ['bench', 'run', '--provider', 'sim', '--suite', 'coding', '--limit', '30', '--concurrency', '1'];
    const whole = await sale([...args, '--out', join(dir, 'whole')]);
    expect(whole.code, whole.stderr).toBe(0);
    const { execa } = await import('execa');
    const { SALE_BIN } = await import('./support/cli.ts');
    const child = execa('node', [SALE_BIN, ...args, '--out', join(dir, 'killed')], { reject: false });
    const records = join(dir, 'killed', 'records.jsonl');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (existsSync(records) && readFileSync(records, 'utf8').split('\n').length > 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await child;
    const before = readFileSync(records, 'utf8').split('\n').filter(Boolean).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(120);
    const resumed = await sale(['bench', 'run', '--resume', join(dir, 'killed')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: \d+ attempts already recorded/);
    const keys = readFileSync(records, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).key as string);
    expect(keys).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);
    const stable = (d: string) =>
      readFileSync(join(d, 'summary.csv'), 'utf8').split('\n').map((l) => l.split(',').slice(0, -4).join(',')).join('\n');
    expect(stable(join(dir, 'killed'))).toBe(stable(join(dir, 'whole')));
  }, 120_000);
});
