import { describe, expect, it } from 'vitest';
import { analyzeDomain } from './analysis.ts';
import { checkSystems, logTicks, plotColours, plotPoints } from './plot-data.ts';
import { buildSpecs, PLOT_NAMES, STAR_PATH } from './plots.ts';
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
    const spec = buildSpecs(a, { label: null, subtitle: '' }).pareto as unknown as { layer: Record<string, any>[]; data: { values: Record<string, any>[] } };
    const frontier = spec.layer.find((l) => l.name === 'frontier')!;
    expect(frontier.mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    const steps = spec.data.values.filter((v) => v.layer === 'frontier').sort((x, y) => x.order - y.order);
    expect(steps.map((v) => v.x)).toEqual([1, 2, 5]);
    expect(text(spec)).toContain('"type":"log"');
    const hollow = spec.layer.find((l) => l.name === 'points_agent')!;
    expect(hollow.mark.filled).toBe(false);
    expect(text(spec)).toContain(STAR_PATH);
  });
  it('agents are shades of one blue, light to dark by size; routers and the oracle get distinct colours', () => {
    const c = plotColours(a);
    expect(c.domain).toEqual(['4b', '8b', '32b', 'x', 'oracle']);
    expect(new Set(c.range).size).toBe(5);
    const blue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
      return { blueish: b > r && b >= g, lum: 0.3 * r + 0.59 * g + 0.11 * b };
    };
    const agents = c.range.slice(0, 3).map(blue);
    expect(agents.every((x) => x.blueish)).toBe(true);
    expect(agents[0]!.lum).toBeGreaterThan(agents[1]!.lum);
    expect(agents[1]!.lum).toBeGreaterThan(agents[2]!.lum);
    expect(blue(c.range[3]!).blueish).toBe(false);
  });
  it('SALE orders merge into one point: mean over orders with their standard deviation', () => {
    const orders = ['t1', 't2', 't3', 't4'].flatMap((taskId, i) => [
      rec({ system: 'sale@o1', agent: '4b', taskId, passed: i < 1, costUsd: 1 }),
      rec({ system: 'sale@o2', agent: '4b', taskId, passed: i < 3, costUsd: 3 }),
    ]);
    const b = analyzeDomain([...records, ...orders], 'coding', agents, { reps: 20 });
    const sale = plotPoints(b, 'all').filter((p) => p.system === 'sale');
    expect(sale).toHaveLength(1);
    expect(sale[0]).toMatchObject({ kind: 'sale', orders: 2, pass: 0.5, cost: 2 });
    expect(sale[0]!.passSd).toBeCloseTo(Math.SQRT2 * 0.25, 6);
    expect(plotColours(b).domain.filter((s) => s.startsWith('sale'))).toEqual(['sale']);
  });
  it('--systems keeps only the named systems in every plot and names unknown ones', () => {
    const specs = buildSpecs(a, { label: null, subtitle: '', systems: ['4b', 'router:x'] });
    const drawn = (spec: unknown) => new Set(((spec as { data: { values: { system?: string }[] } }).data.values.map((v) => v.system).filter(Boolean)));
    expect(drawn(specs.pareto)).toEqual(new Set(['4b', 'x']));
    expect(drawn(specs.horizon)).toEqual(new Set(['4b', 'x']));
    expect(() => checkSystems([a], ['4b', 'nope'])).toThrow(/--systems: no system named nope/);
    expect(() => checkSystems([a], ['x', 'agent:32b'])).not.toThrow();
  });
  it('paper style is smaller than screen and drops the run line from the subtitle', () => {
    const paper = buildSpecs(a, { label: null, subtitle: 'run r', style: 'paper' }).pareto as unknown as { width: number; title: { subtitle: string[] } };
    const screen = buildSpecs(a, { label: null, subtitle: 'run r', style: 'screen' }).pareto as unknown as { width: number; title: { subtitle: string[] } };
    expect(paper.width).toBeLessThan(screen.width);
    expect(screen.title.subtitle[0]).toBe('run r');
    expect(paper.title.subtitle).not.toContain('run r');
  });
  it('log ticks: 1-2-5 steps inside the range, at least three', () => {
    expect(logTicks(0.00015, 0.003)).toEqual([0.0002, 0.0003, 0.0005, 0.0007, 0.001, 0.002, 0.003]);
    expect(logTicks(1e-5, 1)).toEqual([1e-5, 1e-4, 0.001, 0.01, 0.1, 1]);
    expect(logTicks(0.05, 0.2).length).toBeGreaterThanOrEqual(3);
  });
  it('the workload plot shows routers and the oracle, not single agents', () => {
    const spec = buildSpecs(a, { label: null, subtitle: '' }).workload as unknown as { data: { values: { system: string }[] } };
    expect([...new Set(spec.data.values.map((v) => v.system))]).toEqual(['x', 'oracle']);
  });
  it('the horizon plot draws each fit only over the τ range observed, with the 50 % point and its interval', () => {
    const spec = buildSpecs(a, { label: null, subtitle: '' }).horizon as unknown as { data: { values: Record<string, any>[] } };
    const curves = spec.data.values.filter((v) => v.layer === 'curve');
    expect(new Set(curves.map((v) => v.system))).toEqual(new Set(['4b', '8b', '32b', 'x', 'oracle']));
    expect(Math.min(...curves.map((v) => v.tau))).toBeCloseTo(0.1, 9);
    expect(Math.max(...curves.map((v) => v.tau))).toBeCloseTo(1, 9);
    for (const h of spec.data.values.filter((v) => v.layer === 'h50')) {
      expect(h.p).toBe(0.5);
      expect(h.low).toBeLessThanOrEqual(h.tau);
      expect(h.high).toBeGreaterThanOrEqual(h.tau);
    }
  });
});
