// FrugalGPT on a sim outcome matrix of the bundled suites (both suites, 48 tasks each round-robin over
// the τ bins, every agent): its trained scorer and budgeted thresholds must make a cascade that really
// decides — the share of answers it accepts differs between its stages (agents) and between τ bins —
// and that sits between the cheapest and the dearest agent in both pass@1 and cost on the test split.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../src/records/records.ts';
import { readRecords } from '../src/records/run-dir.ts';
import { saleInProcess } from './support/in-process.ts';

/** Per key: answers the cascade accepted at that stage / answers it scored there (the last stage always accepts, so it is left out). */
function acceptRates(records: AttemptRecord[], key: (r: AttemptRecord, agent: string) => string, last: string) {
  const tally = new Map<string, { accepted: number; seen: number }>();
  for (const r of records) {
    const attempts = r.route!.attempts;
    attempts.forEach((a, i) => {
      if (a.agent === last) return;
      const t = tally.get(key(r, a.agent)) ?? { accepted: 0, seen: 0 };
      t.seen++;
      if (i === attempts.length - 1) t.accepted++;
      tally.set(key(r, a.agent), t);
    });
  }
  return new Map([...tally].filter(([, t]) => t.seen >= 5).map(([k, t]) => [k, t.accepted / t.seen]));
}

const spread = (m: Map<string, number>) => Math.max(...m.values()) - Math.min(...m.values());

describe('FrugalGPT on the bundled suites (sim outcome matrix)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sale-frugal-'));
  let records: AttemptRecord[] = [];
  beforeAll(async () => {
    const m = await saleInProcess(['bench', 'matrix', '--suite', 'all', '--provider', 'sim', '--limit', '48', '--seed', '0', '--concurrency', '8', '--out', join(tmp, 'matrix')]);
    expect(m.code, m.stderr).toBe(0);
    const r = await saleInProcess(['bench', 'run', '--router', 'frugalgpt', '--replay', join(tmp, 'matrix'), '--train-frac', '0.25', '--split-seed', '0', '--seed', '0', '--out', join(tmp, 'routed')]);
    expect(r.code, r.stderr).toBe(0);
    records = readRecords(join(tmp, 'routed'));
  }, 300_000);

  const of = (system: string) => records.filter((r) => r.system === system);
  const pass1 = (rs: AttemptRecord[]) => rs.filter((r) => r.passed).length / rs.length;
  const cost = (rs: AttemptRecord[]) => rs.reduce((s, r) => s + r.costUsd, 0) / rs.length;

  it('accepts at different rates at different stages and τ bins', () => {
    const fg = of('router:frugalgpt');
    expect(fg.length).toBeGreaterThan(50);
    const byAgent = acceptRates(fg, (_r, agent) => agent, '32b');
    const byBin = acceptRates(fg, (r) => String(r.bin), '32b');
    // Some stage accepts and some answers are escalated: not "never accepts" nor "always the cheapest".
    expect(fg.some((r) => r.route!.attempts.length > 1)).toBe(true);
    expect(fg.some((r) => r.route!.attempts.length === 1)).toBe(true);
    expect(byAgent.size, JSON.stringify([...byAgent])).toBeGreaterThanOrEqual(2);
    expect(spread(byAgent), JSON.stringify([...byAgent])).toBeGreaterThanOrEqual(0.15);
    expect(byBin.size).toBeGreaterThanOrEqual(3);
    expect(spread(byBin), JSON.stringify([...byBin])).toBeGreaterThanOrEqual(0.15);
  });

  it('lies between 4b and 32b in pass@1 and in cost per task on the same test tasks', () => {
    const fg = of('router:frugalgpt');
    const small = of('agent:4b');
    const large = of('agent:32b');
    expect(small.map((r) => r.taskId).sort()).toEqual(fg.map((r) => r.taskId).sort());
    const summary = JSON.stringify({ pass: [pass1(small), pass1(fg), pass1(large)], cost: [cost(small), cost(fg), cost(large)] });
    expect(pass1(fg), summary).toBeGreaterThan(pass1(small));
    expect(pass1(fg), summary).toBeLessThanOrEqual(pass1(large));
    expect(cost(fg), summary).toBeGreaterThan(cost(small));
    expect(cost(fg), summary).toBeLessThan(cost(large));
  });
});
