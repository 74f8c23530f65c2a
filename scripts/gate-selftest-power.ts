// How reliably the gate self-test's small experiments (tests/support/gate-experiment.ts) catch each
// injected regression (tests/support/gate-injections.ts): the experiment is made with the unchanged code
// and with each injection, for several engine seeds (each seed draws other outcomes, so another
// experiment of the same size), and the gate is run on both of its runs. Prints, per injection, how many
// seeds caught it and the smallest margin z / bar of its strongest failing metric.
//
//   node --import tsx scripts/gate-selftest-power.ts [--seeds 0,1,2] [--limit N] [--only SUBSTRING]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configureSelfTest, experiment, failures, gate, type Experiment, type GateVerdict, type Stage } from '../tests/support/gate-experiment.ts';
import { copyOfCode, INJECTIONS } from '../tests/support/gate-injections.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '0' }, limit: { type: 'string' }, only: { type: 'string' } } });
const seeds = values.seeds.split(',').map(Number);
const limit = values.limit ? Number(values.limit) : undefined;
const injections = INJECTIONS.filter((i) => !values.only || i.name.includes(values.only));

/** The strongest failing metric's z over its bar (≥ 1 = caught); 0 when nothing failed. */
function margin(v: GateVerdict): number {
  let best = 0;
  for (const r of [v.matrix, v.routed])
    for (const s of r.systems) for (const k of ['pass', 'cost', 'share'] as const) if (s[k].status === 'fail') best = Math.max(best, Math.min(s[k].z, 99) / r.zCritical);
  return best;
}

const tally = new Map<string, { caught: number; margins: number[] }>();
const t0 = Date.now();
for (const seed of seeds) {
  const tmp = mkdtempSync(join(tmpdir(), `sale-gate-power-${seed}-`));
  const opts = { seed, limit };
  const unchanged = copyOfCode(tmp, undefined, configureSelfTest);
  const bases = new Map<Stage, Experiment>();
  for (const inj of injections) {
    if (!bases.has(inj.stage)) bases.set(inj.stage, await experiment(unchanged, join(tmp, `baseline-${inj.stage}`), inj.stage, opts));
    const base = bases.get(inj.stage)!;
    const out = join(tmp, `cand-${inj.name.replace(/[^a-z0-9]+/gi, '-')}`);
    const cand = await experiment(copyOfCode(tmp, inj, configureSelfTest), out, inj.stage, { ...opts, matrix: inj.stage === 'replay' ? base.matrix : undefined });
    const v = gate(base, cand);
    const e = tally.get(inj.name) ?? { caught: 0, margins: [] };
    if (v.exitCode === 1) e.caught++;
    e.margins.push(margin(v));
    tally.set(inj.name, e);
    process.stdout.write(`seed ${seed} · ${inj.name}: exit ${v.exitCode}; ${failures(v).join('; ') || 'nothing failed'}\n`);
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(`\n${seeds.length} seed(s), limit ${limit ?? 'default'}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
for (const [name, e] of tally) process.stdout.write(`${name}: caught ${e.caught}/${seeds.length}; smallest margin z/bar ${Math.min(...e.margins).toFixed(2)}\n`);
