// The cost–pass@1 (and share–pass@1) scatter shared by the pareto, share and bins plots: both 95 %
// intervals as thin bars, SALE's order spread (mean ± sd over orders) as a thick translucent bar,
// the frontier as a step line above the bars, and collision-free labels with leader lines. Scales are
// explicit (no nice, no padding), so label positions computed in pixels map back to data exactly.
import { layoutLabels, type Box } from './label-layout.ts';
import { STAR_PATH, type Colours, type PlotPoint, type PlotStyle } from './plot-data.ts';

export interface Axis {
  field: 'cost' | 'share';
  title: string;
  log: boolean;
  domain: [number, number];
  values: number[];
  format: string;
}

export interface ScatterGeometry {
  width: number;
  height: number;
  style: PlotStyle;
  /** Systems in legend order: a label with no room shows its position in this list. */
  names?: string[];
}

const SHAPES = { domain: ['agent', 'router', 'sale', 'oracle'], range: ['circle', 'diamond', 'square', STAR_PATH] };
const Y_DOMAIN: [number, number] = [0, 1];

export const labelFont = (style: PlotStyle) => (style === 'paper' ? 9 : 10);
export const markerSize = (style: PlotStyle) => (style === 'paper' ? 90 : 140);

function scaleOf(axis: Axis, width: number) {
  const [lo, hi] = axis.domain;
  const t = axis.log ? (v: number) => (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v: number) => (v - lo) / (hi - lo);
  const inv = axis.log ? (f: number) => Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : (f: number) => lo + f * (hi - lo);
  return { px: (v: number) => t(v) * width, data: (px: number) => inv(px / width) };
}

/** Rows (tagged by `layer`) for one panel: intervals, points, frontier, labels and leaders. */
export function scatterRows(points: PlotPoint[], axis: Axis, g: ScatterGeometry, frontier: PlotPoint[], panel: Record<string, unknown> = {}) {
  const x = scaleOf(axis, g.width);
  const yPx = (v: number) => g.height - ((v - Y_DOMAIN[0]) / (Y_DOMAIN[1] - Y_DOMAIN[0])) * g.height;
  const yData = (px: number) => Y_DOMAIN[0] + ((g.height - px) / g.height) * (Y_DOMAIN[1] - Y_DOMAIN[0]);
  const xv = (p: PlotPoint) => (axis.field === 'cost' ? p.cost : p.share);
  const drawn = points.filter((p) => Number.isFinite(xv(p)) && (!axis.log || xv(p) > 0));
  const rows: Record<string, unknown>[] = [];
  const soft: Box[] = [];
  for (const p of drawn) {
    const base = { ...panel, system: p.system, kind: p.kind, x: xv(p), pass: p.pass, lo: p.lo, hi: p.hi, cost: p.cost, costLo: p.costLo, costHi: p.costHi, n: p.n, orders: p.orders };
    rows.push({ ...base, layer: 'point' });
    rows.push({ ...base, layer: 'ybar', y0: p.lo, y1: p.hi });
    soft.push({ x0: x.px(xv(p)) - 1.5, x1: x.px(xv(p)) + 1.5, y0: yPx(p.hi), y1: yPx(p.lo) });
    if (axis.field === 'cost') {
      rows.push({ ...base, layer: 'xbar', x0: p.costLo, x1: p.costHi });
      soft.push({ x0: x.px(p.costLo), x1: x.px(p.costHi), y0: yPx(p.pass) - 1.5, y1: yPx(p.pass) + 1.5 });
    }
    if (p.orders > 1) {
      rows.push({ ...base, layer: 'ysd', y0: Math.max(0, p.pass - p.passSd), y1: Math.min(1, p.pass + p.passSd), passSd: p.passSd });
      if (axis.field === 'cost') rows.push({ ...base, layer: 'xsd', x0: Math.max(axis.domain[0], p.cost - p.costSd), x1: p.cost + p.costSd, costSd: p.costSd });
    }
  }
  frontier.forEach((p, i) => rows.push({ ...panel, layer: 'frontier', x: xv(p), pass: p.pass, order: i }));
  // The frontier's steps (step-after: across at this point's pass@1, then up at the next point's cost).
  const lines: Box[] = [];
  for (let i = 0; i + 1 < frontier.length; i++) {
    const [a, b] = [frontier[i]!, frontier[i + 1]!];
    const [x0, x1, y0, y1] = [x.px(xv(a)), x.px(xv(b)), yPx(a.pass), yPx(b.pass)];
    lines.push({ x0, x1, y0: y0 - 1.5, y1: y0 + 1.5 }, { x0: x1 - 1.5, x1: x1 + 1.5, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  }
  const anchors = drawn.map((p) => ({ x: x.px(xv(p)), y: yPx(p.pass), text: p.system, ...(g.names?.includes(p.system) ? { short: String(g.names.indexOf(p.system) + 1) } : {}) }));
  const placed = layoutLabels(anchors, { width: g.width, height: g.height, fontSize: labelFont(g.style), radius: Math.sqrt(markerSize(g.style)) / 2 + 1, soft, lines });
  const notes: string[] = [];
  for (const l of placed) {
    const p = drawn[l.index]!;
    rows.push({ ...panel, layer: `label-${l.align}`, x: x.data(l.x), pass: yData(l.y), text: l.text, system: p.system });
    if (l.leader) rows.push({ ...panel, layer: 'leader', x: xv(p), pass: p.pass, x0: x.data(l.lx), y0: yData(l.ly), system: p.system });
    if (l.numbered) notes.push(`${l.text} = ${p.system}`);
  }
  return { rows, notes };
}

/** The layers drawing scatterRows' rows. */
export function scatterLayers(axis: Axis, colours: Colours, style: PlotStyle) {
  const scale = { type: axis.log ? 'log' : 'linear', domain: axis.domain, nice: false, padding: 0, ...(axis.log ? {} : { zero: false }) };
  const xEnc = { field: 'x', type: 'quantitative', title: axis.title, scale, axis: { values: axis.values, format: axis.format, labelOverlap: false, grid: true } };
  const yEnc = { field: 'pass', type: 'quantitative', title: 'pass@1 (95 % Wilson interval)', scale: { domain: Y_DOMAIN, nice: false, zero: false, padding: 0 }, axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
  const color = { field: 'system', type: 'nominal', scale: colours, title: 'system', sort: colours.domain, legend: { symbolType: 'circle', symbolOpacity: 1 } };
  const only = (layer: string) => [{ filter: `datum.layer === '${layer}'` }];
  const tooltip = [
    { field: 'system', title: 'system' },
    { field: 'pass', title: 'pass@1', format: '.1%' },
    { field: 'lo', title: 'pass@1 95 % low', format: '.1%' },
    { field: 'hi', title: 'pass@1 95 % high', format: '.1%' },
    { field: 'cost', title: 'cost per task ($)', format: '.3~e' },
    { field: 'costLo', title: 'cost 95 % low ($)', format: '.3~e' },
    { field: 'costHi', title: 'cost 95 % high ($)', format: '.3~e' },
    { field: 'n', title: 'graded tasks' },
  ];
  const text = (align: string) => ({
    name: `point_labels_${align}`,
    transform: only(`label-${align}`),
    mark: { type: 'text', align, baseline: 'middle', fontSize: labelFont(style), color: '#222' },
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'pass', type: 'quantitative' }, text: { field: 'text' } },
  });
  const size = markerSize(style);
  return [
    { name: 'interval_pass', transform: only('ybar'), mark: { type: 'rule', strokeWidth: 1.2, opacity: 0.55 }, encoding: { x: xEnc, y: { ...yEnc, field: 'y0' }, y2: { field: 'y1' }, color } },
    { name: 'interval_cost', transform: only('xbar'), mark: { type: 'rule', strokeWidth: 1.2, opacity: 0.55 }, encoding: { y: yEnc, x: { ...xEnc, field: 'x0' }, x2: { field: 'x1' }, color } },
    { name: 'order_spread_pass', transform: only('ysd'), mark: { type: 'rule', strokeWidth: 6, opacity: 0.3 }, encoding: { x: xEnc, y: { ...yEnc, field: 'y0' }, y2: { field: 'y1' }, color } },
    { name: 'order_spread_cost', transform: only('xsd'), mark: { type: 'rule', strokeWidth: 6, opacity: 0.3 }, encoding: { y: yEnc, x: { ...xEnc, field: 'x0' }, x2: { field: 'x1' }, color } },
    { name: 'frontier', transform: only('frontier'), mark: { type: 'line', interpolate: 'step-after', strokeDash: [6, 3], color: '#333', strokeWidth: 1.8 }, encoding: { x: xEnc, y: yEnc, order: { field: 'order', type: 'quantitative' } } },
    { name: 'leaders', transform: only('leader'), mark: { type: 'rule', strokeWidth: 0.7, color: '#777' }, encoding: { x: xEnc, y: yEnc, x2: { field: 'x0' }, y2: { field: 'y0' } } },
    {
      name: 'points_agent',
      transform: [{ filter: "datum.layer === 'point' && datum.kind === 'agent'" }],
      mark: { type: 'point', filled: false, strokeWidth: 2.4, size, opacity: 1 },
      encoding: { x: xEnc, y: yEnc, color, shape: { field: 'kind', type: 'nominal', scale: SHAPES, title: 'kind' }, tooltip },
    },
    {
      name: 'points_other',
      transform: [{ filter: "datum.layer === 'point' && datum.kind !== 'agent'" }],
      mark: { type: 'point', filled: true, opacity: 1, size: size * 1.4, stroke: '#fff', strokeWidth: 0.8 },
      encoding: { x: xEnc, y: yEnc, color, shape: { field: 'kind', type: 'nominal', scale: SHAPES, title: 'kind' }, tooltip },
    },
    text('left'),
    text('right'),
    text('center'),
  ];
}
