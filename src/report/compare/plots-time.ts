// Workload shares per τ bin and pass@1 against τ with logistic fits (the time-horizon plot).
import type { TopLevelSpec } from 'vega-lite';
import { predictLogistic } from '../../metrics/horizons.ts';
import { wilson } from '../../metrics/wilson.ts';
import { BIN_EDGES } from '../../tasks/bins.ts';
import type { DomainAnalysis } from './analysis.ts';
import { logTicks, plotColours, plotName, plotSystems, type PlotKind } from './plot-data.ts';
import { baseConfig, plotTitle, styleOf, type PlotContext } from './plot-style.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const AGENT_BLUES = ['#9ecae1', '#4a98c9', '#1b62a5', '#08306b', '#b3d3e8', '#3182bd'];

const wanted = (ctx: PlotContext) => (ctx.systems?.length ? new Set(ctx.systems.map(plotName)) : null);

/** (d) Stacked workload-share bars per τ bin, one panel per router (agents alone when there is none); SALE orders averaged. */
export function workloadSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const style = styleOf(ctx);
  const keep = wanted(ctx);
  const routed = a.systems.filter((s) => !s.startsWith('agent:') && (!keep || keep.has(plotName(s))));
  const shown = routed.length ? routed : a.systems.filter((s) => !keep || keep.has(plotName(s)));
  const agentNames = a.agents.map((x) => x.name);
  const groups = new Map<string, { system: string; bin: string; binIndex: number; agent: string; agentIndex: number; shares: number[] }>();
  for (const p of [...a.byBin, ...a.overall]) {
    if (!shown.includes(p.system)) continue;
    const bin = p.bin === 'all' ? 'all' : String(BIN_EDGES[p.bin]);
    agentNames.forEach((agent, i) => {
      const key = `${plotName(p.system)}|${bin}|${agent}`;
      const g = groups.get(key) ?? { system: plotName(p.system), bin, binIndex: p.bin === 'all' ? 99 : p.bin, agent, agentIndex: i, shares: [] };
      g.shares.push(p.workloadShare[agent] ?? 0);
      groups.set(key, g);
    });
  }
  const rows = [...groups.values()].map(({ shares, ...g }) => ({ ...g, share: shares.reduce((s, x) => s + x, 0) / shares.length }));
  const panels = [...new Set(shown.map(plotName))];
  const w = style === 'paper' ? 150 : 190;
  return {
    $schema: SCHEMA,
    title: plotTitle(ctx, a.domain, 'workload share per τ bin', ['share of tasks each agent executed · x: τ bin upper edge (minutes) · SALE: mean over task orders']),
    config: baseConfig(style),
    data: { values: rows },
    facet: { field: 'system', type: 'nominal', title: null, sort: panels },
    columns: Math.min(4, panels.length),
    spec: {
      width: w,
      height: style === 'paper' ? 150 : 190,
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'bin', type: 'ordinal', title: 'τ bin ≤ (min)', sort: { field: 'binIndex' }, axis: { labelAngle: 0, labelOverlap: false } },
        y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'workload share', axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] }, scale: { domain: [0, 1] } },
        color: { field: 'agent', type: 'nominal', title: 'executing agent', scale: { domain: agentNames, range: AGENT_BLUES.slice(0, agentNames.length) }, sort: agentNames },
        order: { field: 'agentIndex', type: 'quantitative' },
        tooltip: [{ field: 'system' }, { field: 'bin', title: 'τ bin ≤' }, { field: 'agent' }, { field: 'share', format: '.1%' }],
      },
    },
  } as unknown as TopLevelSpec;
}

const groupOf = (k: PlotKind) => (k === 'agent' ? 'agents alone' : 'routers, SALE and oracle');

/**
 * (e) pass@1 against log τ: per system, the logistic fit drawn only over the τ range it was observed on,
 * observed pass@1 per bin with its Wilson interval (dodged so bars do not hide each other), and the 50 %
 * horizon as ▼ with its bootstrap interval. Two panels: agents alone, and everything routed.
 * SALE families: curves averaged over orders, τ50 the geometric mean, its interval the union over orders.
 */
export function horizonSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const style = styleOf(ctx);
  const keep = wanted(ctx);
  const names = plotSystems(a).filter((s) => !keep || keep.has(s));
  const colours = plotColours(a, ctx);
  const kinds = new Map(a.overall.map((p) => [plotName(p.system), p.kind === 'agent' ? 'agent' : p.system.includes('@o') ? 'sale' : p.kind] as const));
  const members = (name: string) => a.systems.filter((s) => plotName(s) === name && a.horizons[s] && Number.isFinite(a.horizons[s]!.fit.slope));
  const rows: Record<string, unknown>[] = [];
  const all: number[] = [];
  let censored = 0;
  const hRows = new Map<string, number>();
  names.forEach((name, idx) => {
    const ms = members(name);
    if (!ms.length) return;
    const group = groupOf(kinds.get(name) ?? 'router');
    const hs = ms.map((s) => a.horizons[s]!);
    const lo = Math.min(...hs.map((h) => h.tauRange[0]));
    const hi = Math.max(...hs.map((h) => h.tauRange[1]));
    all.push(lo, hi);
    for (let i = 0; i <= 40; i++) {
      const tau = lo * (hi / lo) ** (i / 40);
      rows.push({ layer: 'curve', group, system: name, tau, p: hs.reduce((s, h) => s + predictLogistic(h.fit, Math.log2(tau)), 0) / hs.length });
    }
    const h50 = hs.map((h) => h.horizons.find((x) => x.p === 0.5)).filter((x) => x !== undefined);
    if (h50.length && h50.every((h) => h.censored === null && Number.isFinite(h.tau) && h.tau > 0)) {
      const tau = Math.exp(h50.reduce((s, h) => s + Math.log(h.tau), 0) / h50.length);
      const low = Math.max(lo, Math.min(...h50.map((h) => h.low)));
      const high = Math.min(hi, Math.max(...h50.map((h) => h.high)));
      // Interval bars stack under the 50 % line, one row per system of the panel, so none hides another.
      const row = (hRows.get(group) ?? 0) + 1;
      hRows.set(group, row);
      rows.push({ layer: 'h50', group, system: name, tau, p: 0.5, barY: 0.5 - 0.022 * row, low: Math.min(low, tau), high: Math.max(high, tau), tauLow: Math.min(...h50.map((h) => h.low)), tauHigh: Math.max(...h50.map((h) => h.high)) });
    } else censored++;
    // Observed pass@1 per bin, pooled over a family's orders, dodged by a small factor per system.
    const dodge = 1.07 ** (idx - (names.length - 1) / 2);
    for (const bin of [...new Set(a.binTau.filter((p) => ms.includes(p.system)).map((p) => p.bin))]) {
      const pts = a.binTau.filter((p) => ms.includes(p.system) && p.bin === bin);
      const n = pts.reduce((s, p) => s + p.n, 0);
      const k = pts.reduce((s, p) => s + Math.round(p.pass1 * p.n), 0);
      const tau = Math.exp(pts.reduce((s, p) => s + Math.log(p.tau), 0) / pts.length) * dodge;
      const w = wilson(k, n);
      rows.push({ layer: 'obs', group, system: name, tau, p: k / n, lo: w.low, hi: w.high, n });
    }
  });
  const domain: [number, number] = all.length ? [Math.min(...all) / 1.5, Math.max(...all) * 1.5] : [0.05, 60];
  const x = { field: 'tau', type: 'quantitative', title: 'human solve time τ (minutes, log scale)', scale: { type: 'log', domain, nice: false }, axis: { values: logTicks(domain[0], domain[1], 6), format: '~g', labelOverlap: false } };
  const y = { field: 'p', type: 'quantitative', title: 'pass@1 / fitted success', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const color = { field: 'system', type: 'nominal', scale: colours, title: 'system', sort: colours.domain, legend: { symbolOpacity: 1 } };
  const only = (l: string) => [{ filter: `datum.layer === '${l}'` }];
  const groups = [...new Set(rows.map((r) => r.group as string))];
  const width = style === 'paper' ? 300 : 400;
  return {
    $schema: SCHEMA,
    title: plotTitle(ctx, a.domain, 'pass@1 vs τ with logistic fits', [
      'lines: logistic fit of success on log2 τ, over the τ range observed · dots: pass@1 per bin with 95 % Wilson bars',
      `▼: 50 % time horizon; the bar under the 50 % line: its bootstrap 95 % interval${censored ? ` (${censored} system${censored > 1 ? 's' : ''} without ▼: horizon outside the observed τ range)` : ''}`,
    ]),
    config: baseConfig(style),
    data: { values: [...rows, ...groups.map((group) => ({ layer: 'half', group, p: 0.5 }))] },
    facet: { column: { field: 'group', type: 'nominal', title: null, sort: ['agents alone', 'routers, SALE and oracle'] } },
    spec: {
      width,
      height: style === 'paper' ? 240 : 320,
      layer: [
        { transform: only('half'), mark: { type: 'rule', strokeDash: [3, 3], color: '#999' }, encoding: { y: { field: 'p', type: 'quantitative' } } },
        { name: 'observed_bars', transform: only('obs'), mark: { type: 'rule', strokeWidth: 1, opacity: 0.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
        { name: 'curves', transform: only('curve'), mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, detail: { field: 'system' } } },
        { name: 'observed', transform: only('obs'), mark: { type: 'point', filled: true, size: 30, opacity: 0.85 }, encoding: { x, y, color, tooltip: [{ field: 'system' }, { field: 'p', title: 'pass@1', format: '.1%' }, { field: 'n', title: 'tasks in bin' }] } },
        { name: 'horizon_interval', transform: only('h50'), mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.8 }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' }, y: { ...y, field: 'barY' }, color } },
        { name: 'horizon_stem', transform: only('h50'), mark: { type: 'rule', strokeWidth: 0.8, strokeDash: [2, 2] }, encoding: { x, y: { ...y, field: 'barY' }, y2: { field: 'p' }, color } },
        {
          name: 'horizon_50',
          transform: only('h50'),
          mark: { type: 'point', shape: 'triangle-down', filled: true, size: 130, stroke: '#222', strokeWidth: 0.8 },
          encoding: { x, y, color, tooltip: [{ field: 'system' }, { field: 'tau', title: 'τ50 (min)', format: '.3~g' }, { field: 'tauLow', title: '95 % low', format: '.3~g' }, { field: 'tauHigh', title: '95 % high', format: '.3~g' }] },
        },
      ],
    },
  } as unknown as TopLevelSpec;
}
