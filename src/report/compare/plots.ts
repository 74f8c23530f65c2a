// The five vega-lite specs of `sale bench compare` for one domain (METRICS.md, plots). Pure: analysis in,
// spec out. Rendering to SVG and PNG is render.ts; the drawn points are plot-data.ts; the scatter layers
// and label placement are scatter.ts and label-layout.ts; workload and horizon are plots-time.ts.
import type { TopLevelSpec } from 'vega-lite';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { displayName, type DomainAnalysis } from './analysis.ts';
import { logDomain, logTicks, plotColours, plotFrontier, plotPoints, type PlotPoint } from './plot-data.ts';
import { horizonSpec, workloadSpec } from './plots-time.ts';
import { baseConfig, plotTitle, styleOf, type PlotContext } from './plot-style.ts';
import { scatterLayers, scatterRows, type Axis } from './scatter.ts';

export { STAR_PATH } from './plot-data.ts';
export { FONT_STACK, type PlotContext } from './plot-style.ts';
export { horizonSpec, workloadSpec } from './plots-time.ts';

export const PLOT_NAMES = ['pareto', 'share', 'bins', 'workload', 'horizon'] as const;
export type PlotName = (typeof PLOT_NAMES)[number];

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const COST_FORMAT = '$~g';

const costAxis = (points: PlotPoint[], title: string): Axis => {
  const domain = logDomain(points.flatMap((p) => [p.cost, p.costLo, p.costHi]));
  return { field: 'cost', title, log: true, domain, values: logTicks(...domain), format: COST_FORMAT };
};

const numberedNote = (notes: string[]) => (notes.length ? [`numbered labels: ${[...new Set(notes)].join(', ')}`] : []);
const INTERVALS = 'thin bars: 95 % intervals (pass@1 Wilson, cost bootstrap)';
const saleNote = (points: PlotPoint[]) => {
  const sale = points.find((p) => p.orders > 1);
  return sale ? [`■ SALE: mean over ${sale.orders} task orders, thick bar ± sd over orders`] : [];
};

function geometry(ctx: PlotContext) {
  return styleOf(ctx) === 'paper' ? { width: 440, height: 300, style: 'paper' as const } : { width: 600, height: 400, style: 'screen' as const };
}

/** (a) Pareto: cost per task (log) against pass@1, the non-dominated frontier as a step line. */
export function paretoSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const g = geometry(ctx);
  const points = plotPoints(a, 'all', ctx).filter((p) => p.cost > 0);
  const axis = costAxis(points, 'cost per task (US$, log scale)');
  const colours = plotColours(a, ctx);
  const { rows, notes } = scatterRows(points, axis, { ...g, names: colours.domain }, plotFrontier(points));
  const legendNotes = ['dashed step: non-dominated frontier (oracle excluded) · ○ agents alone · ◆ routers · ★ oracle', INTERVALS, ...saleNote(points), ...numberedNote(notes)];
  return {
    $schema: SCHEMA,
    title: plotTitle(ctx, a.domain, 'cost vs pass@1 (Pareto)', legendNotes),
    width: g.width,
    height: g.height,
    config: baseConfig(g.style),
    data: { values: rows },
    layer: scatterLayers(axis, colours, g.style),
    resolve: { scale: { shape: 'shared', color: 'shared' } },
  } as unknown as TopLevelSpec;
}

/** (b) pass@1 against the largest agent's workload share (RouteLLM), with the straight weak→strong mix for reference. */
export function shareSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const g = geometry(ctx);
  const points = plotPoints(a, 'all', ctx).filter((p) => Number.isFinite(p.share));
  const weak = a.overall.find((p) => p.system === a.weakest);
  const strong = a.overall.find((p) => p.system === a.largest);
  const largest = a.largest ? displayName(a.largest) : 'largest agent';
  const axis: Axis = { field: 'share', title: `share of tasks run by ${largest}`, log: false, domain: [-0.05, 1.05], values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: '.0%' };
  const colours = plotColours(a, ctx);
  const { rows, notes } = scatterRows(points, axis, { ...g, names: colours.domain }, []);
  const mix = weak && strong ? [{ layer: 'mix', x: 0, pass: weak.pass1 }, { layer: 'mix', x: 1, pass: strong.pass1 }] : [];
  const layers = scatterLayers(axis, colours, g.style);
  const mixLayer = { name: 'random_mix', transform: [{ filter: "datum.layer === 'mix'" }], mark: { type: 'line', strokeDash: [6, 4], color: '#777' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'pass', type: 'quantitative' } } };
  return {
    $schema: SCHEMA,
    title: plotTitle(ctx, a.domain, `pass@1 vs ${largest} workload share`, [
      `dashed: random mix of ${a.weakest ? displayName(a.weakest) : 'weakest'} and ${largest} (APGR 0.5)${a.randomBaseline ? `; uniform random agent: pass@1 ${(100 * a.randomBaseline.pass1).toFixed(1)} % at share ${(100 * a.randomBaseline.share).toFixed(0)} %, APGR ${a.randomBaseline.apgr.toFixed(3)}` : ''} · bars: 95 % Wilson interval`,
      ...saleNote(points),
      ...numberedNote(notes),
    ]),
    width: g.width,
    height: g.height,
    config: baseConfig(g.style),
    data: { values: [...rows, ...mix] },
    layer: [mixLayer, ...layers],
  } as unknown as TopLevelSpec;
}

/** (c) Small multiples: the cost–pass@1 plane once per τ bin, on one shared cost scale. */
export function binsSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const style = styleOf(ctx);
  const g = style === 'paper' ? { width: 170, height: 190, style } : { width: 230, height: 260, style };
  const points = plotPoints(a, 'bins', ctx).filter((p) => p.cost > 0);
  const axis = { ...costAxis(points, 'cost per task (US$, log)'), values: [] as number[] };
  axis.values = logTicks(axis.domain[0], axis.domain[1], 4);
  const colours = plotColours(a, ctx);
  const rows: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const bins = [...new Set(points.map((p) => p.bin as number))].sort((x, y) => x - y);
  for (const bin of bins) {
    const panel = { bin: `τ ${BIN_LABELS[bin]} min`, binIndex: bin };
    const inBin = points.filter((p) => p.bin === bin).map((p) => ({ ...p }));
    const out = scatterRows(inBin, axis, { ...g, names: colours.domain }, plotFrontier(inBin), panel);
    rows.push(...out.rows);
    notes.push(...out.notes);
  }
  return {
    $schema: SCHEMA,
    title: plotTitle(ctx, a.domain, 'cost vs pass@1 per τ bin', ['one panel per human solve-time bin, shared scales · dashed: frontier in the bin', INTERVALS, ...saleNote(points), ...numberedNote(notes)]),
    config: baseConfig(style),
    data: { values: rows },
    facet: { column: { field: 'bin', type: 'ordinal', title: null, sort: { field: 'binIndex' } } },
    spec: { width: g.width, height: g.height, layer: scatterLayers(axis, colours, style) },
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as unknown as TopLevelSpec;
}

export function buildSpecs(a: DomainAnalysis, ctx: PlotContext): Record<PlotName, TopLevelSpec> {
  return { pareto: paretoSpec(a, ctx), share: shareSpec(a, ctx), bins: binsSpec(a, ctx), workload: workloadSpec(a, ctx), horizon: horizonSpec(a, ctx) };
}
