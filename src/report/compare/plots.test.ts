import { describe, expect, it } from 'vitest';
import { analyzeDomain } from './analysis.ts';
import { buildSpecs, PLOT_NAMES, STAR_PATH, systemColours } from './plots.ts';
import { AGENTS, rec } from './test-fixtures.ts';

const agents = AGENTS.map(({ name, model, pricePerMTok }) => ({ name, model, pricePerMTok }));
const records = ['t1', 't2', 't3', 't4'].flatMap((taskId, i) => [
  rec({ system: 'agent:4b', taskId, passed: i === 0, costUsd: 1, bin: i % 2, tau: i % 2 ? 1 : 0.1 }),
  rec({ system: 'agent:8b', taskId, passed: i < 2, costUsd: 2, bin: i % 2, tau: i % 2 ? 1 : 0.1 }),
  rec({ system: 'agent:32b', taskId, passed: i < 3, costUsd: 8, bin: i % 2, tau: i % 2 ? 1 : 0.1 }),
  rec({ system: 'router:x', agent: i < 2 ? '8b' : '32b', taskId, passed: i < 3, costUsd: i < 2 ? 2 : 8, bin: i % 2, tau: i % 2 ? 1 : 0.1 }),
]);
const a = analyzeDomain(records, 'coding', agents, { reps: 20 });
const text = (x: unknown) => JSON.stringify(x);

describe('plot specs', () => {
  it('every title says SIMULATED for simulated runs, and only then', () => {
    const sim = buildSpecs(a, { label: 'SIMULATED', subtitle: 'run r' });
    const real = buildSpecs(a, { label: null, subtitle: 'run r' });
    for (const name of PLOT_NAMES) {
      expect(text((sim[name] as { title: unknown }).title), name).toMatch(/"text":"SIMULATED — coding: /);
      expect(text(real[name]), name).not.toMatch(/SIMULATED/);
    }
  });
  it('the Pareto plot draws the frontier as a step line, agents hollow, the oracle as a star, with log cost', () => {
    const spec = buildSpecs(a, { label: null, subtitle: '' }).pareto as unknown as { layer: Record<string, any>[] };
    const frontier = spec.layer[0]!;
    expect(frontier.mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    expect(frontier.data.values.map((v: { system: string }) => v.system)).toEqual(['4b', '8b', 'router:x']);
    expect(text(spec)).toContain('"type":"log"');
    const hollow = spec.layer.find((l) => l.transform?.[0]?.filter === "datum.kind === 'agent'")!;
    expect(hollow.mark.filled).toBe(false);
    expect(text(spec)).toContain(STAR_PATH);
  });
  it('one colour per system, the same in every plot', () => {
    const c = systemColours(a);
    expect(c.domain).toEqual(['4b', '8b', '32b', 'router:x', 'oracle']);
    expect(new Set(c.range).size).toBe(5);
  });
  it('the workload plot shows routers and the oracle, not single agents', () => {
    const spec = buildSpecs(a, { label: null, subtitle: '' }).workload as unknown as { data: { values: { system: string }[] } };
    expect([...new Set(spec.data.values.map((v) => v.system))]).toEqual(['router:x', 'oracle']);
  });
  it('the horizon plot has a fitted curve per system and marks the 50 %/80 % levels', () => {
    const spec = buildSpecs(a, { label: null, subtitle: '' }).horizon as unknown as { layer: { data: { values: { system?: string; p: number }[] } }[] };
    expect(spec.layer[0]!.data.values.map((v) => v.p)).toEqual([0.5, 0.8]);
    expect(new Set(spec.layer[1]!.data.values.map((v) => v.system))).toEqual(new Set(['4b', '8b', '32b', 'router:x', 'oracle']));
  });
});
