// configs/sale.yaml: validated like the other configuration files, optional (defaults without it).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR, loadConfig } from '../config/load.ts';
import { ConfigError } from '../errors.ts';

function configWith(sale: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'sale-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  if (sale === null) rmSync(join(dir, 'sale.yaml'));
  else writeFileSync(join(dir, 'sale.yaml'), sale);
  return dir;
}

const problems = (dir: string) => {
  try {
    loadConfig(dir);
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
};

describe('configs/sale.yaml', () => {
  it('the bundled file holds the documented defaults', () => {
    const s = loadConfig().sale;
    expect(s).toMatchObject({ train_frac: 0.2, orders: 5, k: 8, jury: 'all', embedder: 'tfidf', weights: { method: 'utility', lambda: 5, cv_folds: 5 }, plan: { max_chars: 2400 } });
    expect(readFileSync(join(DEFAULT_CONFIG_DIR, 'sale.yaml'), 'utf8')).toMatch(/minimax-milp/);
  });

  it('is optional: without it the same defaults apply', () => {
    expect(loadConfig(configWith(null)).sale).toEqual(loadConfig().sale);
  });

  it('reports every problem with file and line', () => {
    const p = problems(configWith('orders: 0\njury: everyone\nweights:\n  method: fixed\nplan: { max_chars: 10, colour: red }\n'));
    expect(p.some((x) => /sale\.yaml:1: orders/.test(x))).toBe(true);
    expect(p.some((x) => /sale\.yaml:2: jury/.test(x))).toBe(true);
    expect(p.some((x) => /sale\.yaml:\d+: weights(\.fixed)?: .*method: fixed needs weights\.fixed/.test(x))).toBe(true);
    expect(p.some((x) => /sale\.yaml:5: plan: unknown field.*colour/.test(x))).toBe(true);
    expect(p.some((x) => /sale\.yaml:5: plan\.max_chars/.test(x))).toBe(true);
  });

  it('accepts fixed weights with a jury weight per judge', () => {
    const s = loadConfig(configWith('weights:\n  method: fixed\n  fixed: { cost: 0.2, entropy: 0.4, jury: { 4b: 0.1, 32b: 0.3 } }\n')).sale;
    expect(s.weights.fixed).toEqual({ cost: 0.2, entropy: 0.4, jury: { '4b': 0.1, '32b': 0.3 } });
  });
});
