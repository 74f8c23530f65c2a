// The regression gate's self-test: six deliberately injected regressions, each applied to a copy of the
// code, must make `sale bench check` exit 1 against a baseline made by the unchanged code, and an
// unchanged rerun must exit 0. The experiments (tests/support/gate-experiment.ts) are small: both suites,
// 45 tasks each from τ bins 4–5 (injections into the agents' runs) or 3–5 (into routing and SALE, which
// reuse the baseline's outcome matrix), every agent, sim provider, then every baseline router and SALE
// (one task order, fixed weights in which the jury matters) replayed on the test split. The gate checks
// both runs of an experiment — the outcome matrix and the routed run — and an injection counts as caught
// when either check exits 1.
// How reliably this size catches each injection (other engine seeds): scripts/gate-selftest-power.ts,
// README "CI regression gate".
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configureSelfTest, experiment, sale, type Experiment, type Stage } from './support/gate-experiment.ts';

const STAGES: Stage[] = ['matrix', 'replay'];
import { copyOfCode, INJECTIONS } from './support/gate-injections.ts';

describe('gate self-test: injected regressions make `sale bench check` exit 1', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sale-gate-'));
  const unchanged = copyOfCode(tmp, undefined, configureSelfTest);
  const baseline = new Map<Stage, Experiment>();
  beforeAll(async () => {
    for (const stage of STAGES) baseline.set(stage, await experiment(unchanged, join(tmp, `baseline-${stage}`), stage));
  }, 600_000);

  /** `sale bench check` on both runs; exit 1 when either check fails, else the larger exit code. */
  async function gate(base: Experiment, cand: Experiment) {
    const matrix = await sale(unchanged, ['bench', 'check', '--baseline', base.matrix, '--candidate', cand.matrix]);
    const routed = await sale(unchanged, ['bench', 'check', '--baseline', base.routed, '--candidate', cand.routed]);
    const code = matrix.code === 1 || routed.code === 1 ? 1 : Math.max(matrix.code, routed.code);
    return { code, all: `matrix check (exit ${matrix.code}):\n${matrix.all}\nrouted check (exit ${routed.code}):\n${routed.all}` };
  }

  it.each(STAGES)('an unchanged rerun of the %s-stage experiment exits 0 on both runs', async (stage) => {
    const again = await experiment(copyOfCode(join(tmp, `rerun-${stage}`), undefined, configureSelfTest), join(tmp, `again-${stage}`), stage);
    const r = await gate(baseline.get(stage)!, again);
    expect(r.code, r.all).toBe(0);
  }, 600_000);

  it('the experiment runs SALE with the self-test weights; the working tree keeps its own configuration', () => {
    const weights = JSON.parse(readFileSync(join(baseline.get('replay')!.routed, 'weights.json'), 'utf8')) as { method: string };
    expect(weights.method).toBe('fixed');
    const own = parse(readFileSync(fileURLToPath(new URL('../configs/sale.yaml', import.meta.url)), 'utf8')) as { weights?: { method?: string } };
    expect(own.weights?.method).not.toBe('fixed');
  });

  it.each(INJECTIONS.map((i) => [i.name, i] as const))('%s: exit 1', async (_name, injection) => {
    const base = baseline.get(injection.stage)!;
    const code = copyOfCode(tmp, injection, configureSelfTest);
    const out = join(tmp, `cand-${injection.name.replace(/[^a-z0-9]+/gi, '-')}`);
    const cand = await experiment(code, out, injection.stage, injection.stage === 'replay' ? { matrix: base.matrix } : {});
    const r = await gate(base, cand);
    expect(r.code, r.all).toBe(1);
  }, 600_000);
});
