import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/records.ts';
import { analyzeDomain } from './analysis.ts';
import { fingerprintMismatches, mergeRuns } from './load.ts';
import { ORACLE_SYSTEM, oracleRecords } from './oracle.ts';
import { AGENTS, rec, run } from './test-fixtures.ts';

// Four tasks, three agents and one router; costs chosen so every number below is computed by hand.
//        4b          8b          32b         router:x
// t1   pass $1     pass $2     pass $8     8b pass $2
// t2   fail $1     pass $2     pass $8     8b pass $2
// t3   fail $1     fail $2     pass $8     32b pass $8
// t4   fail $1     fail $3     fail $8     4b fail $1
const outcome: Record<string, [boolean, number][]> = {
  'agent:4b': [[true, 1], [false, 1], [false, 1], [false, 1]],
  'agent:8b': [[true, 2], [true, 2], [false, 2], [false, 3]],
  'agent:32b': [[true, 8], [true, 8], [true, 8], [false, 8]],
};
const routerAgents = ['8b', '8b', '32b', '4b'];
const routerOutcome: [boolean, number][] = [[true, 2], [true, 2], [true, 8], [false, 1]];

function records(): AttemptRecord[] {
  const out: AttemptRecord[] = [];
  for (const [system, rows] of Object.entries(outcome))
    rows.forEach(([passed, costUsd], i) => out.push(rec({ system, taskId: `t${i + 1}`, passed, costUsd, bin: i % 2, tau: i % 2 ? 1 : 0.1 })));
  routerOutcome.forEach(([passed, costUsd], i) => out.push(rec({ system: 'router:x', agent: routerAgents[i]!, taskId: `t${i + 1}`, passed, costUsd, bin: i % 2, tau: i % 2 ? 1 : 0.1 })));
  return out;
}
const agents = AGENTS.map(({ name, model, pricePerMTok }) => ({ name, model, pricePerMTok }));

describe('oracle', () => {
  it('takes the cheapest agent that solved each task, the cheapest attempt when none did', () => {
    const o = oracleRecords(records(), agents, 'coding');
    expect(o.map((r) => [r.taskId, r.agent, r.passed, r.system])).toEqual([
      ['t1', '4b', true, ORACLE_SYSTEM],
      ['t2', '8b', true, ORACLE_SYSTEM],
      ['t3', '32b', true, ORACLE_SYSTEM],
      ['t4', '4b', false, ORACLE_SYSTEM],
    ]);
  });
  it('covers only tasks every agent attempted, and needs every agent of the pool', () => {
    const rs = records().filter((r) => !(r.system === 'agent:8b' && r.taskId === 't4'));
    expect(oracleRecords(rs, agents, 'coding').map((r) => r.taskId)).toEqual(['t1', 't2', 't3']);
    expect(oracleRecords(records().filter((r) => r.system !== 'agent:8b'), agents, 'coding')).toEqual([]);
  });
});

describe('analyzeDomain', () => {
  const a = analyzeDomain(records(), 'coding', agents, { reps: 50, seed: 1 });
  const p = (s: string) => a.overall.find((x) => x.system === s)!;

  it('orders systems agents → routers → oracle and finds the largest and weakest agent', () => {
    expect(a.systems).toEqual(['agent:4b', 'agent:8b', 'agent:32b', 'router:x', 'oracle']);
    expect([a.weakest, a.largest]).toEqual(['agent:4b', 'agent:32b']);
    expect(a.oracle).toBe(true);
  });
  it('pass@1, cost per task, relative cost and largest-agent share', () => {
    expect([p('oracle').pass1, p('oracle').costPerTask, p('oracle').relativeCost, p('oracle').largestShare]).toEqual([0.75, 3, 0.375, 0.25]);
    expect([p('router:x').pass1, p('router:x').costPerTask, p('router:x').largestShare]).toEqual([0.75, 3.25, 0.25]);
    expect(p('agent:8b').costPerTask).toBe(2.25);
    expect(p('router:x').workloadShare).toEqual({ '4b': 0.25, '8b': 0.5, '32b': 0.25 });
    expect(p('agent:32b').costPerTaskLow).toBe(8);
  });
  it('frontier: the router dominates 32b alone; the oracle is left out', () => {
    expect(a.frontier).toEqual(['agent:4b', 'agent:8b', 'router:x']);
  });
  it('AIQ and APGR by hand', () => {
    expect(a.aiqRange).toEqual([1, 8]);
    // hull (1,.25)→(3.25,.75)→(8,.75): 2.25·0.5 + 4.75·0.75 over 7
    expect(a.aiq['router:x']).toBeCloseTo(4.6875 / 7, 12);
    // agents (1,.25)→(2.25,.5)→(8,.75): 1.25·0.375 + 5.75·0.625 over 7
    expect(a.aiq.agents).toBeCloseTo(4.0625 / 7, 12);
    // (0,.25)→(.25,.75)→(1,.75): AUC 0.6875 → (0.6875 − 0.25)/0.5
    expect(a.apgr['router:x']).toBeCloseTo(0.875, 12);
    expect(a.apgr['agent:8b']).toBeUndefined();
  });
  it('documents the random baseline: a uniform random choice of agent, mean pass@1 at share 1/|agents|', () => {
    // mean pass@1 (0.25 + 0.5 + 0.75)/3 = 0.5 at share 1/3: AUC (0.25+0.5)/2·1/3 + (0.5+0.75)/2·2/3 = 0.541667
    expect(a.randomBaseline!.pass1).toBeCloseTo(0.5, 12);
    expect(a.randomBaseline!.share).toBeCloseTo(1 / 3, 12);
    expect(a.randomBaseline!.apgr).toBeCloseTo((0.125 + 1.25 / 3 - 0.25) / 0.5, 12);
  });
  it('a replayed router:oracle counts as the oracle (the report does not say "No oracle")', () => {
    const rs = records();
    const replayed = oracleRecords(rs, agents, 'coding').map((r) => ({ ...r, system: 'router:oracle', key: `router:oracle|${r.taskId}` }));
    const b = analyzeDomain([...rs, ...replayed], 'coding', agents, { reps: 20, seed: 1 });
    expect(b.oracle).toBe(true);
    expect(b.systems.filter((s) => s.includes('oracle'))).toEqual(['router:oracle']);
  });
  it('paired differences against the largest agent with McNemar', () => {
    const d4 = a.paired.find((d) => d.system === 'agent:4b')!;
    expect([d4.n, d4.mean, d4.b, d4.c, d4.mcnemarP]).toEqual([4, -0.5, 0, 2, 0.5]);
    const dr = a.paired.find((d) => d.system === 'router:x')!;
    expect([dr.mean, dr.low, dr.high, dr.mcnemarP]).toEqual([0, 0, 0, 1]);
    expect(a.paired.some((d) => d.system === 'agent:32b')).toBe(false);
  });
  it('has a time-horizon fit for every system and per-bin τ points', () => {
    expect(Object.keys(a.horizons).sort()).toEqual([...a.systems].sort());
    expect(a.binTau.find((b) => b.system === 'agent:32b' && b.bin === 1)).toMatchObject({ pass1: 0.5, n: 2, tau: 1 });
  });
});

describe('loading several runs', () => {
  it('renames a system a later run repeats, and names differing fingerprint fields', () => {
    const a = run('a', [rec({ system: 'agent:4b', taskId: 't1' })]);
    const b = run('b', [rec({ system: 'agent:4b', taskId: 't1' }), rec({ system: 'router:y', taskId: 't1' })], { seeds: [1] });
    const m = mergeRuns([a, b]);
    expect(m.renamed).toEqual([{ from: 'agent:4b', to: 'agent:4b@b', runId: 'b' }]);
    expect([...new Set(m.records.map((r) => r.system))]).toEqual(['agent:4b', 'agent:4b@b', 'router:y']);
    expect(m.agents.map((x) => x.name)).toEqual(['4b', '8b', '32b']);
    expect(fingerprintMismatches([a, b], ['dataset', 'seeds']).map((x) => x.field)).toEqual(['seeds']);
    expect(fingerprintMismatches([a, b], ['dataset'])).toEqual([]);
  });
});
