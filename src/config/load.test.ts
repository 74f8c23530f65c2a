import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR, loadConfig, normaliseHost } from './load.ts';
import { problemsOf } from '../../tests/support/config-error.ts';

function configCopy(edit?: (name: string, text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sale-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  if (edit) {
    for (const name of ['agents.yaml', 'ollama.yaml', 'suites.yaml', 'sim.yaml']) {
      const f = join(dir, name);
      writeFileSync(f, edit(name, readFileSync(f, 'utf8')));
    }
  }
  return dir;
}

describe('loadConfig', () => {
  it('loads the bundled configuration: four Qwen3 agents at the paper prices', () => {
    const c = loadConfig();
    expect(c.agents.map((a) => [a.name, a.model, a.pricePerMTok])).toEqual([
      ['4b', 'qwen3:4b', 0.05],
      ['8b', 'qwen3:8b', 0.09],
      ['14b', 'qwen3:14b', 0.16],
      ['32b', 'qwen3:32b', 0.36],
    ]);
    expect(c.agents[0]!.callTypes.execute.temperature).toBe(0);
    expect(c.agents[0]!.contextLength).toBeGreaterThan(2048);
  });

  it('names file, line and key path for a wrong value, and reports every problem at once', () => {
    const dir = configCopy((name, text) =>
      name === 'agents.yaml' ? text.replace('price_per_mtok: 0.09', 'price_per_mtok: cheap').replace('num_predict: 512 }', 'num_predict: 512, colour: red }') : text,
    );
    const problems = problemsOf(() => loadConfig(dir));
    expect(problems.some((p) => /agents\.yaml:\d+: agents\.8b\.price_per_mtok: .*number/i.test(p))).toBe(true);
    expect(problems.some((p) => /agents\.yaml:\d+: defaults\.call_types\.bid: unknown field.*'colour'/.test(p))).toBe(true);
  });

  it('names the line of a YAML syntax error', () => {
    const dir = configCopy((name, text) => (name === 'ollama.yaml' ? `${text}\nextra: [1, 2\n` : text));
    const problems = problemsOf(() => loadConfig(dir));
    expect(problems[0]).toMatch(/ollama\.yaml:\d+:\d+: YAML syntax error/);
    const dup = configCopy((name, text) => (name === 'ollama.yaml' ? `${text}\nretries: 2\n` : text));
    expect(problemsOf(() => loadConfig(dup))[0]).toMatch(/ollama\.yaml:\d+:\d+: YAML syntax error: Map keys must be unique/);
  });

  it('rejects unknown agents in --agents and keeps the order asked for', () => {
    expect(loadConfig(undefined, { agents: ['32b', '4b'] }).agents.map((a) => a.name)).toEqual(['32b', '4b']);
    expect(problemsOf(() => loadConfig(undefined, { agents: ['70b'] }))[0]).toMatch(/unknown agent\(s\) 70b/);
  });

  it('lets the host override the file, normalised the way Ollama reads OLLAMA_HOST', () => {
    expect(loadConfig(undefined, { host: 'gpu-box' }).ollama.host).toBe('http://gpu-box:11434');
    expect(normaliseHost('0.0.0.0:9999')).toBe('http://127.0.0.1:9999');
    expect(normaliseHost('https://x.example')).toBe('https://x.example');
  });
});
