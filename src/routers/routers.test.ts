import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS, writeSyntheticMatrix, type SyntheticTask } from '../../tests/support/synthetic-matrix.ts';
import { shapleyValues } from '../metrics/router-metrics.ts';
import { writeRouterTables } from '../report/router-tables.ts';
import { readRecords } from '../records/run-dir.ts';
import { routerTasks, runRouters } from '../runner/run-routers.ts';
import { readMatrix } from './matrix.ts';
import { ROUTERS, routerNames } from './registry.ts';
import { replayRouters } from './replay.ts';
import { splitTasks } from './split.ts';
import type { RouterContext } from './types.ts';

/** 60 tasks: "easy …" solved by all, "medium …" by 14b/32b, "hard …" by 32b only, "impossible …" by none. */
function tasks(): SyntheticTask[] {
  const kinds: { word: string; bin: number; passed: Record<string, boolean> }[] = [
    { word: 'easy strings list', bin: 0, passed: { '4b': true, '8b': true, '14b': true, '32b': true } },
    { word: 'medium graph search', bin: 2, passed: { '4b': false, '8b': false, '14b': true, '32b': true } },
    { word: 'hard dynamic programming', bin: 3, passed: { '4b': false, '8b': false, '14b': false, '32b': true } },
    { word: 'impossible parser grammar', bin: 4, passed: {} },
  ];
  return [...Array(60).keys()].map((i) => {
    const k = kinds[i % 4]!;
    return { id: `t${String(i).padStart(2, '0')}`, bin: k.bin, text: `${k.word} task number ${i}`, passed: k.passed };
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'sale-routers-'));
const options = (matrixDir: string, over = {}) => ({
  matrixDir,
  routers: ['all'],
  out: join(tmp(), 'run'),
  trainFrac: 0.25,
  splitSeed: 1,
  seed: 3,
  params: { lambda: 5, k: 5 },
  command: [],
  ...over,
});
const byRouter = (records: ReturnType<typeof readRecords>, system: string) => records.filter((r) => r.system === system);
const pass = (rs: { passed: boolean }[]) => rs.filter((r) => r.passed).length / rs.length;

describe('routers replayed on a constructed outcome matrix', () => {
  const originals = Object.fromEntries(Object.entries(ROUTERS).map(([k, v]) => [k, v.factory]));
  afterEach(() => {
    for (const [k, f] of Object.entries(originals)) ROUTERS[k]!.factory = f;
  });

  it('scores every router on the test split only; the oracle is never beaten and costs least among perfect routers', async () => {
    const { dir, records, split } = await runRouters(options(writeSyntheticMatrix(tasks())));
    const oracle = byRouter(records, 'router:oracle');
    expect(oracle).toHaveLength(split.test.length);
    for (const name of [...routerNames(), ...AGENTS.map((a) => a.name)]) {
      const system = AGENTS.some((a) => a.name === name) ? `agent:${name}` : `router:${name}`;
      const rs = byRouter(records, system);
      expect(rs.map((r) => r.taskId).sort(), system).toEqual([...split.test].sort());
      expect(pass(rs), system).toBeLessThanOrEqual(pass(oracle) + 1e-12);
    }
    // On the constructed matrix the oracle picks exactly the cheapest solver.
    for (const r of oracle) {
      const i = Number(r.taskId.slice(1)) % 4;
      expect(r.agent).toBe(['4b', '14b', '32b', '4b'][i]);
    }
    const tables = writeRouterTables(dir);
    const o = tables.rows.find((r) => r.system === 'router:oracle' && r.bin === 'all')!;
    expect(o.gapToOracle).toBe(0);
    expect(o.optSel).toBe(1);
    expect(o.overEscalation).toBe(0);
    const big = tables.rows.find((r) => r.system === 'agent:32b' && r.bin === 'all')!;
    expect(big.relativeCost).toBeCloseTo(1, 12);
    expect(big.relianceReduction).toBe(0);
  });

  it('random is seeded and reproducible, and changes with the seed', async () => {
    const m = writeSyntheticMatrix(tasks());
    const a = (await runRouters(options(m, { routers: ['random'] }))).records.filter((r) => r.system === 'router:random').map((r) => r.agent);
    const b = (await runRouters(options(m, { routers: ['random'] }))).records.filter((r) => r.system === 'router:random').map((r) => r.agent);
    const c = (await runRouters(options(m, { routers: ['random'], seed: 99 }))).records.filter((r) => r.system === 'router:random').map((r) => r.agent);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('FrugalGPT pays for every attempt; its trained scorer accepts verified answers and escalates the rest', async () => {
    const t = tasks().map((x, i) => (i % 4 === 2 ? { ...x, verified: { '4b': false, '8b': false, '14b': false } } : x));
    const { records } = await runRouters(options(writeSyntheticMatrix(t), { routers: ['frugalgpt'], trainFrac: 0.5, params: { budget: 2 } }));
    const single = new Map(records.filter((r) => r.system.startsWith('agent:')).map((r) => [`${r.agent}|${r.taskId}`, r]));
    const routed = byRouter(records, 'router:frugalgpt');
    for (const r of routed) {
      const attempts = r.route!.attempts;
      expect(r.costUsd).toBeCloseTo(attempts.reduce((s, a) => s + single.get(`${a.agent}|${r.taskId}`)!.costUsd, 0), 15);
      expect(r.agent).toBe(attempts.at(-1)!.agent);
      expect(attempts.map((a) => a.agent)).toEqual(AGENTS.slice(0, attempts.length).map((a) => a.name));
      if (Number(r.taskId.slice(1)) % 4 === 2) expect(r.agent).toBe('32b');
      if (Number(r.taskId.slice(1)) % 4 === 0) expect(attempts).toHaveLength(1);
    }
    expect(pass(routed)).toBeCloseTo(0.75, 12); // every solvable task solved, as the oracle would
    const d = routed[0]!.route!.details as { thresholds: number[]; trainCost: number; budget: number };
    expect(d.thresholds).toHaveLength(3);
    expect(d.trainCost).toBeLessThanOrEqual(d.budget);
  });

  it('FrugalGPT spends less when the budget is tighter (thresholds fitted to the budget on training)', async () => {
    const m = writeSyntheticMatrix(tasks());
    const cost = async (budget: number) => {
      const { records } = await runRouters(options(m, { routers: ['frugalgpt'], trainFrac: 0.5, params: { budget } }));
      return byRouter(records, 'router:frugalgpt').reduce((s, r) => s + r.costUsd, 0);
    };
    const [tight, loose] = [await cost(0.2), await cost(1)];
    expect(tight).toBeLessThan(loose);
  });

  it('trained routers see training tasks only: no test task leaks into fitting', async () => {
    const m = writeSyntheticMatrix(tasks());
    const seen: Record<string, string[]> = {};
    for (const [name, entry] of Object.entries(ROUTERS)) {
      const original = entry.factory;
      entry.factory = (ctx: RouterContext) => {
        seen[name] = ctx.training.map((e) => e.task.id);
        return original(ctx);
      };
    }
    const { split } = await runRouters(options(m));
    for (const name of ['wtp', 'carrot', 'to-router', 'knn', 'frugalgpt']) {
      expect(seen[name]!.length, name).toBe(split.train.length);
      expect(seen[name]!.filter((id) => split.test.includes(id)), name).toEqual([]);
    }
    expect(seen.random).toEqual([]);
  });

  it('predictive routers learn the constructed structure from text alone', async () => {
    const { records } = await runRouters(options(writeSyntheticMatrix(tasks()), { trainFrac: 0.5 }));
    // kNN and TO-Router see word overlap with training tasks of the same kind: near-oracle selection.
    for (const system of ['router:knn', 'router:to-router']) {
      const rs = byRouter(records, system);
      expect(pass(rs), system).toBeGreaterThanOrEqual(pass(byRouter(records, 'router:oracle')) - 0.05);
      const easy = rs.filter((r) => Number(r.taskId.slice(1)) % 4 === 0);
      expect(easy.every((r) => r.agent === '4b'), system).toBe(true);
    }
  });

  it('replay makes zero model calls', async () => {
    const m = readMatrix(writeSyntheticMatrix(tasks()));
    // Replay is given no model client at all; the counter proves nothing reached one.
    let calls = 0;
    const countingClient = { chat: async () => { calls++; throw new Error('no'); } };
    expect(countingClient.chat).toBeTypeOf('function');
    const t = routerTasks(m);
    const split = splitTasks([...t.values()], { seed: 0, trainFrac: 0.2 });
    const out = await replayRouters({ matrix: m, tasks: t, split, routers: routerNames(), seed: 0, params: {} });
    expect(out.length).toBe(split.test.length * (AGENTS.length + routerNames().length));
    expect(calls).toBe(0);
  });

  it('Shapley values sum to the grand coalition minus the empty one (the oracle pass@1)', () => {
    const m = readMatrix(writeSyntheticMatrix(tasks()));
    const ids = [...m.cells.keys()];
    const view = { agents: m.agents.map((a) => a.name), outcome: (id: string, a: string) => m.cells.get(id)!.get(a) };
    const phi = shapleyValues(view, ids);
    const total = Object.values(phi).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(0.75, 12); // 3 of 4 kinds solvable
    // 32b alone contributes the "hard" quarter; the "easy" quarter is shared by four agents.
    expect(phi['32b']).toBeCloseTo(0.25 + 0.25 / 2 + 0.25 / 4, 12);
    expect(phi['4b']).toBeCloseTo(0.25 / 4, 12);
  });

  it('refuses an incomplete matrix, naming the fix', async () => {
    const dir = writeSyntheticMatrix(tasks().slice(0, 8), AGENTS);
    const { appendFileSync } = await import('node:fs');
    const { syntheticRecord } = await import('../../tests/support/synthetic-matrix.ts');
    appendFileSync(join(dir, 'records.jsonl'), `${JSON.stringify({ ...syntheticRecord({ id: 'extra', bin: 0, text: 'x', passed: {} }, AGENTS[0]!) })}\n`);
    await expect(runRouters(options(dir))).rejects.toThrow(/lack some agent's outcome/);
  });
});
