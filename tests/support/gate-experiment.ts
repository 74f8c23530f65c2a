// The gate self-test's small experiments (tests/gate-selftest.test.ts; their power is measured by
// scripts/gate-selftest-power.ts): both suites, SELFTEST_LIMIT tasks each round-robin over some τ bins,
// every agent, the sim provider; then every baseline router and SALE (one task order) replayed on the test
// split. The gate checks both runs of an experiment — the outcome matrix (every agent on every task: a
// change in the agents' runs shows there on all tasks, not only the test split) and the routed run — and
// an injected regression counts as caught when either check exits 1.
//
// Which bins depends on where an injection acts (SELFTEST_BINS): injections into the agents' runs
// ('matrix' stage) are made over bins 4–5, where nearly every reference program is longer than the 250
// characters a truncating grader keeps (83 of 88 bundled ones, against 9 of 44 in bin 3), so that
// injection has passes to break; injections into routing and SALE ('replay' stage) over bins 3–5, where
// agents pass often enough that a SALE which always picks the cheapest agent loses many of them (over
// bins 4–5 alone SALE falls only from 26 to 14 %, not significant on 66 tasks).
//
// SALE runs with fixed weights in which the jury is its only value signal (cost 0.3, jury 0.7, entropy
// 0): with weights fitted on this experiment's few training tasks the fit may give the jury ≈ 0 weight,
// and then a SALE that ignores its jury is no regression at all. This is a setting of the experiment in
// the copies' configs/sale.yaml; the working tree's configuration is unchanged.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { checkRuns, type CheckResult } from '../../src/report/compare/check.ts';
import { loadRun } from '../../src/report/compare/load.ts';

export const SELFTEST_LIMIT = 45;
export type Stage = 'matrix' | 'replay';
export const SELFTEST_BINS: Record<Stage, string> = { matrix: 'b4,b5', replay: 'b3,b4,b5' };
export const matrixArgs = (stage: Stage, seed: number, limit = SELFTEST_LIMIT) => ['bench', 'matrix', '--suite', 'all', '--provider', 'sim', '--bins', SELFTEST_BINS[stage], '--limit', String(limit), '--seed', String(seed), '--concurrency', '8'];
export const ROUTER_ARGS = ['bench', 'run', '--router', 'all,sale', '--orders', '1', '--train-frac', '0.25', '--split-seed', '0', '--seed', '0'];

/** The experiment's configuration, applied to a copy's configs/ folder (see the header). */
export function configureSelfTest(configs: string): void {
  const file = join(configs, 'sale.yaml');
  const sale = (parse(readFileSync(file, 'utf8')) ?? {}) as { weights?: Record<string, unknown> };
  sale.weights = { ...sale.weights, method: 'fixed', fixed: { cost: 0.3, entropy: 0, jury: 0.7 } };
  writeFileSync(file, stringify(sale));
}

/** `sale ARGS` with the CLI of the code copy `code`. */
export async function sale(code: string, args: string[]): Promise<{ code: number; all: string }> {
  const r = await execa('node', [join(code, 'bin', 'sale.js'), ...args], { reject: false, all: true, env: { FORCE_COLOR: '0' } });
  return { code: r.exitCode ?? -1, all: String(r.all) };
}

export interface Experiment {
  matrix: string;
  routed: string;
}

/** Make the `stage` experiment with the code at `code` into `out` (+ `out`.matrix); `matrix` reuses an outcome matrix. */
export async function experiment(code: string, out: string, stage: Stage, opts: { seed?: number; limit?: number; matrix?: string } = {}): Promise<Experiment> {
  let matrix = opts.matrix;
  if (!matrix) {
    matrix = `${out}.matrix`;
    const m = await sale(code, [...matrixArgs(stage, opts.seed ?? 0, opts.limit), '--out', matrix]);
    if (m.code !== 0) throw new Error(m.all);
  }
  const r = await sale(code, [...ROUTER_ARGS, '--replay', matrix, '--out', out]);
  if (r.code !== 0) throw new Error(r.all);
  return { matrix, routed: out };
}

export interface GateVerdict {
  /** 1 when either check fails, else the larger exit code. */
  exitCode: number;
  matrix: CheckResult;
  routed: CheckResult;
}

/** The gate on both runs of the experiment (in process: the same `checkRuns` as `sale bench check`). */
export function gate(base: Experiment, cand: Experiment): GateVerdict {
  const matrix = checkRuns(loadRun(base.matrix), loadRun(cand.matrix));
  const routed = checkRuns(loadRun(base.routed), loadRun(cand.routed));
  const exitCode = matrix.exitCode === 1 || routed.exitCode === 1 ? 1 : Math.max(matrix.exitCode, routed.exitCode);
  return { exitCode, matrix, routed };
}

/** One line per failing metric: `run system metric Δ (z / bar)`. */
export function failures(v: GateVerdict): string[] {
  const out: string[] = [];
  for (const [name, r] of [['matrix', v.matrix], ['routed', v.routed]] as const) {
    for (const s of r.systems) {
      for (const k of ['pass', 'cost', 'share'] as const) {
        const m = s[k];
        if (m.status === 'fail') out.push(`${name} ${s.system} ${k} ${m.delta.toFixed(1)} (z ${m.z.toFixed(1)} > ${r.zCritical.toFixed(2)})`);
      }
      if (s.status === 'missing') out.push(`${name} ${s.system} missing`);
    }
  }
  return out;
}
