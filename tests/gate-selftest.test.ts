// The regression gate's self-test: deliberately injected regressions, each applied to a copy of the
// code, must make `sale bench check` exit 1 against a baseline made by the unchanged code, and an
// unchanged rerun must exit 0. The experiment is small (the coding suite, 32 tasks, every agent, sim
// provider, every baseline router and SALE with one task order replayed on the test split), and the
// baseline's outcome matrix is shared by every injection that only touches routing or SALE. Only the
// injections this small experiment can see run here (tests/support/gate-injections.ts says which and
// why); the others are checked at the golden size with scripts/gate-selftest.sh.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfCode, INJECTIONS } from './support/gate-injections.ts';

const MATRIX = ['bench', 'matrix', '--suite', 'coding', '--provider', 'sim', '--limit', '32', '--seed', '0', '--concurrency', '8'];
const ROUTERS = ['bench', 'run', '--router', 'all,sale', '--orders', '1', '--train-frac', '0.25', '--split-seed', '0', '--seed', '0'];

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
  }, 600_000);

  const check = (candidate: string) => sale(unchanged, ['bench', 'check', '--baseline', baseline.run, '--candidate', candidate]);

  it('an unchanged rerun exits 0', async () => {
    const again = await experiment(copyOfCode(join(tmp, 'rerun')), join(tmp, 'again'));
    const r = await check(again.run);
    expect(r.code, r.all).toBe(0);
  }, 600_000);

  it.each(INJECTIONS.filter((i) => i.smallExperiment).map((i) => [i.name, i] as const))('%s: exit 1', async (_name, injection) => {
    const code = copyOfCode(tmp, injection);
    const out = join(tmp, `cand-${injection.name.replace(/[^a-z0-9]+/gi, '-')}`);
    const cand = await experiment(code, out, injection.stage === 'replay' ? baseline.matrix : undefined);
    const r = await check(cand.run);
    expect(r.code, r.all).toBe(1);
  }, 600_000);
});
