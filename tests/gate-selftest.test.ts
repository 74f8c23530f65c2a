// The regression gate's self-test: deliberately injected regressions, each applied to a copy of the
// code, must make `sale bench check` exit 1 against a baseline made by the unchanged code, and an
// unchanged rerun must exit 0. The experiment is small (the coding suite, 32 tasks, every agent, sim
// provider, every baseline router and SALE with one task order replayed on the test split), and the
// baseline's outcome matrix is shared by every injection that only touches routing or SALE.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { INJECTIONS, type Injection } from './support/gate-injections.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MATRIX = ['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '32', '--seed', '0', '--concurrency', '8'];
const ROUTERS = ['bench', 'run', '--router', 'all,sale', '--orders', '1', '--train-frac', '0.25', '--split-seed', '0', '--seed', '0'];

/** A copy of the code (src, bin, configs) sharing node_modules and datasets, with one injection applied. */
function copyOfCode(base: string, injection?: Injection): string {
  const dir = join(base, injection ? injection.name.replace(/[^a-z0-9]+/gi, '-') : 'unchanged');
  mkdirSync(dir, { recursive: true });
  for (const p of ['src', 'bin', 'configs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  for (const p of ['node_modules', 'datasets']) symlinkSync(join(ROOT, p), join(dir, p));
  if (injection) {
    const file = join(dir, injection.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(injection.from)) throw new Error(`injection '${injection.name}': anchor not found in ${injection.file}`);
    writeFileSync(file, text.replace(injection.from, injection.to));
  }
  return dir;
}

async function sale(code: string, args: string[]) {
  const r = await execa('node', [join(code, 'bin', 'sale.js'), ...args], { reject: false, all: true, env: { FORCE_COLOR: '0' } });
  return { code: r.exitCode ?? -1, all: String(r.all) };
}

async function experiment(code: string, out: string, matrix?: string) {
  if (!matrix) {
    matrix = `${out}.matrix`;
    const m = await sale(code, [...MATRIX, '--out', matrix]);
    if (m.code !== 0) throw new Error(m.all);
  }
  const r = await sale(code, [...ROUTERS, '--replay', matrix, '--out', out]);
  if (r.code !== 0) throw new Error(r.all);
  return { run: out, matrix };
}

describe('gate self-test: injected regressions make `sale bench check` exit 1', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sale-gate-'));
  const unchanged = copyOfCode(tmp);
  let baseline: { run: string; matrix: string };
  beforeAll(async () => {
    baseline = await experiment(unchanged, join(tmp, 'baseline'));
  }, 300_000);

  const check = (candidate: string) => sale(unchanged, ['bench', 'check', '--baseline', baseline.run, '--candidate', candidate]);

  it('an unchanged rerun exits 0', async () => {
    const again = await experiment(unchanged, join(tmp, 'again'));
    const r = await check(again.run);
    expect(r.code, r.all).toBe(0);
  }, 300_000);

  it.each(INJECTIONS.map((i) => [i.name, i] as const))('%s: exit 1', async (_name, injection) => {
    const code = copyOfCode(tmp, injection);
    const out = join(tmp, `cand-${injection.name.replace(/[^a-z0-9]+/gi, '-')}`);
    const cand = await experiment(code, out, injection.stage === 'replay' ? baseline.matrix : undefined);
    const r = await check(cand.run);
    expect(r.code, r.all).toBe(1);
  }, 300_000);
});
