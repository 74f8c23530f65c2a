// The five vega-lite specs of `sale bench compare` for one domain (METRICS.md, plots). Pure: analysis in,
// spec out. Rendering to SVG and PNG is render.ts.
import type { TopLevelSpec } from 'vega-lite';
import { predictLogistic } from '../../metrics/stats.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { displayName, type DomainAnalysis, type SystemPoint } from './analysis.ts';

export const PLOT_NAMES = ['pareto', 'share', 'bins', 'workload', 'horizon'] as const;
export type PlotName = (typeof PLOT_NAMES)[number];

/** Fonts the specs ask for, most preferred first; render.ts makes resvg find one of them. */
export const FONT_STACK = 'DejaVu Sans, Liberation Sans, Noto Sans, Arial, Helvetica, sans-serif';

/** A five-pointed star in the unit square vega expects of custom symbol paths. */
export const STAR_PATH = (() => {
  const pts: string[] = [];
  for (let k = 0; k < 10; k++) {
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    const r = k % 2 === 0 ? 1 : 0.42;
    pts.push(`${(r * Math.cos(angle)).toFixed(3)},${(r * Math.sin(angle)).toFixed(3)}`);
  }
  return `M${pts.join('L')}Z`;
})();

const AGENT_COLOURS = ['#7fb8dc', '#4292c6', '#1f64a8', '#08306b', '#9ecae1', '#2171b5'];
const ROUTER_COLOURS = ['#e45756', '#54a24b', '#b279a2', '#f58518', '#9d755d', '#72b7b2', '#ff9da6', '#eeca3b', '#bab0ac', '#4c78a8'];
const ORACLE_COLOUR = '#c9a100';

export interface PlotContext {
  /** SIMULATED (or another run label) leads every title; null for real runs. */
  label: string | null;
  /** Shown under each title: run ids and task counts. */
  subtitle: string;
}

/** One colour per system, stable across the five plots: blues by agent size, warm colours for routers, gold for the oracle. */
export function systemColours(a: DomainAnalysis): { domain: string[]; range: string[] } {
  let ai = 0;
  let ri = 0;
  const range = a.systems.map((s) => {
    const kind = a.overall.find((p) => p.system === s)!.kind;
    if (kind === 'oracle') return ORACLE_COLOUR;
    if (kind === 'agent') return AGENT_COLOURS[ai++ % AGENT_COLOURS.length]!;
    return ROUTER_COLOURS[ri++ % ROUTER_COLOURS.length]!;
  });
  return { domain: a.systems.map(displayName), range };
}

const title = (ctx: PlotContext, domain: string, text: string) => ({
  text: `${ctx.label ? `${ctx.label} — ` : ''}${domain}: ${text}`,
  subtitle: ctx.subtitle,
  anchor: 'start' as const,
  fontSize: 15,
  subtitleFontSize: 11,
});

const baseConfig = { font: FONT_STACK, view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12 } };

const KIND_SHAPES = { domain: ['agent', 'router', 'oracle'], range: ['circle', 'diamond', STAR_PATH] };

const pointRow = (p: SystemPoint) => ({
  system: displayName(p.system),
  kind: p.kind,
  cost: p.costPerTask,
  pass: p.pass1,
  lo: p.ciLow,
  hi: p.ciHigh,
  share: p.largestShare,
  n: p.graded,
  bin: p.bin === 'all' ? 'all' : `τ ${BIN_LABELS[p.bin]} min`,
  binIndex: p.bin === 'all' ? 99 : p.bin,
});

/** Layers shared by the cost–pass@1 plots: 95 % bars, hollow circles for agents, filled marks for the rest. */
function markerLayers(x: { field: string; title: string; scale?: Record<string, unknown>; axis?: Record<string, unknown> }, colours: ReturnType<typeof systemColours>) {
  const color = { field: 'system', type: 'nominal', scale: colours, title: 'system', sort: colours.domain };
  const y = { field: 'pass', type: 'quantitative', title: 'pass@1 (95 % Wilson interval)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const xEnc = { type: 'quantitative', ...x };
  return [
    { mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: xEnc, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
    {
      transform: [{ filter: "datum.kind === 'agent'" }],
      mark: { type: 'point', filled: false, strokeWidth: 2.5, size: 130 },
      encoding: { x: xEnc, y, color, shape: { field: 'kind', type: 'nominal', scale: KIND_SHAPES, title: 'kind' } },
    },
    {
      transform: [{ filter: "datum.kind !== 'agent'" }],
      mark: { type: 'point', filled: true, opacity: 1, size: 220, stroke: '#333', strokeWidth: 0.7 },
      encoding: { x: xEnc, y, color, shape: { field: 'kind', type: 'nominal', scale: KIND_SHAPES, title: 'kind' } },
    },
  ];
}

const labelLayer = (xField: string) => ({
  mark: { type: 'text', align: 'left', dx: 9, dy: -7, fontSize: 10, color: '#333' },
  encoding: { x: { field: xField, type: 'quantitative' }, y: { field: 'pass', type: 'quantitative' }, text: { field: 'system' } },
});

const COST_AXIS = { format: '.1~e', labelOverlap: 'greedy' as const };

/** (a) Pareto: cost per task (log) against pass@1, the non-dominated frontier as a step line. */
export function paretoSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const colours = systemColours(a);
  const rows = a.overall.filter((p) => p.graded > 0 && p.costPerTask > 0).map(pointRow);
  const frontier = a.frontier.map((s) => rows.find((r) => r.system === displayName(s))).filter((r) => r !== undefined);
  const x = { field: 'cost', title: 'cost per task ($, log scale)', scale: { type: 'log', nice: false, padding: 24 }, axis: COST_AXIS };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title(ctx, a.domain, 'cost vs pass@1 (Pareto)'), subtitle: [ctx.subtitle, 'dashed step: non-dominated frontier (oracle excluded) · ○ agents alone · ★ oracle'] },
    width: 560,
    height: 380,
    config: baseConfig,
    data: { values: rows },
    layer: [
      {
        data: { values: frontier },
        mark: { type: 'line', interpolate: 'step-after', strokeDash: [6, 4], color: '#555', strokeWidth: 1.5 },
        encoding: { x: { field: 'cost', type: 'quantitative', scale: x.scale }, y: { field: 'pass', type: 'quantitative' } },
      },
      ...markerLayers(x, colours),
      labelLayer('cost'),
    ],
    resolve: { scale: { shape: 'shared', color: 'shared' } },
  } as unknown as TopLevelSpec;
}

/** (b) pass@1 against the largest agent's workload share (RouteLLM), with the straight weak→strong mix for reference. */
export function shareSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const colours = systemColours(a);
  const rows = a.overall.filter((p) => p.graded > 0 && Number.isFinite(p.largestShare)).map(pointRow);
  const weak = a.overall.find((p) => p.system === a.weakest);
  const strong = a.overall.find((p) => p.system === a.largest);
  const mix = weak && strong ? [{ share: 0, pass: weak.pass1 }, { share: 1, pass: strong.pass1 }] : [];
  const largest = a.largest ? displayName(a.largest) : 'largest agent';
  const x = { field: 'share', title: `share of tasks run by ${largest}`, scale: { domain: [-0.04, 1.04], nice: false }, axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title(ctx, a.domain, `pass@1 vs ${largest} workload share`), subtitle: [ctx.subtitle, `dashed: random mix of ${a.weakest ? displayName(a.weakest) : 'weakest'} and ${largest} (APGR 0.5)${a.randomBaseline ? `; uniform random agent: pass@1 ${(100 * a.randomBaseline.pass1).toFixed(1)} % at share ${(100 * a.randomBaseline.share).toFixed(0)} %, APGR ${a.randomBaseline.apgr.toFixed(3)}` : ''}`] },
    width: 560,
    height: 380,
    config: baseConfig,
    data: { values: rows },
    layer: [
      { data: { values: mix }, mark: { type: 'line', strokeDash: [6, 4], color: '#777' }, encoding: { x: { field: 'share', type: 'quantitative' }, y: { field: 'pass', type: 'quantitative' } } },
      ...markerLayers(x, colours),
      labelLayer('share'),
    ],
  } as unknown as TopLevelSpec;
}

/** (c) Small multiples: the cost–pass@1 plane once per τ bin. */
export function binsSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const colours = systemColours(a);
  const rows = a.byBin.filter((p) => p.graded > 0 && p.costPerTask > 0).map(pointRow);
  const x = { field: 'cost', title: 'cost per task ($, log)', scale: { type: 'log', nice: false, padding: 12 }, axis: { ...COST_AXIS, labelAngle: -40, tickCount: 4 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title(ctx, a.domain, 'cost vs pass@1 per τ bin'), subtitle: [ctx.subtitle, 'one panel per human solve-time bin · bars: 95 % Wilson interval'] },
    config: baseConfig,
    data: { values: rows },
    facet: { column: { field: 'bin', type: 'ordinal', title: null, sort: { field: 'binIndex' }, header: { labelFontSize: 12 } } },
    spec: { width: 190, height: 230, layer: markerLayers(x, colours) },
    resolve: { scale: { x: 'independent' } },
  } as unknown as TopLevelSpec;
}

/** (d) Stacked workload-share bars per τ bin, one panel per router (agents alone when there is none). */
export function workloadSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const routed = a.systems.filter((s) => !s.startsWith('agent:'));
  const shown = routed.length ? routed : a.systems;
  const agentNames = a.agents.map((x) => x.name);
  const rows = [...a.byBin, ...a.overall]
    .filter((p) => shown.includes(p.system))
    .flatMap((p) =>
      agentNames.map((agent, i) => ({
        system: displayName(p.system),
        bin: p.bin === 'all' ? 'all' : BIN_LABELS[p.bin],
        binIndex: p.bin === 'all' ? 99 : p.bin,
        agent,
        agentIndex: i,
        share: p.workloadShare[agent] ?? 0,
        tasks: p.tasks,
      })),
    );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title(ctx, a.domain, 'workload share per τ bin'), subtitle: [ctx.subtitle, 'share of tasks each agent executed; x: τ bin upper edge (minutes)'] },
    config: baseConfig,
    data: { values: rows },
    facet: { column: { field: 'system', type: 'nominal', title: null, sort: shown.map(displayName), header: { labelFontSize: 12 } } },
    spec: {
      width: 170,
      height: 230,
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'bin', type: 'ordinal', title: 'τ bin (min)', sort: { field: 'binIndex' }, axis: { labelAngle: 0 } },
        y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'workload share', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color: { field: 'agent', type: 'nominal', title: 'executing agent', scale: { domain: agentNames, range: AGENT_COLOURS.slice(0, agentNames.length) }, sort: agentNames },
        order: { field: 'agentIndex', type: 'quantitative' },
      },
    },
  } as unknown as TopLevelSpec;
}

/** (e) pass@1 against log τ: observed pass@1 per bin, the logistic fit per system, 50 % and 80 % horizons marked. */
export function horizonSpec(a: DomainAnalysis, ctx: PlotContext): TopLevelSpec {
  const colours = systemColours(a);
  const taus = a.binTau.map((p) => p.tau);
  const lo = taus.length ? Math.min(...taus) / 2 : 0.05;
  const hi = taus.length ? Math.min(Math.max(...taus) * 2, 120) : 60;
  const curves: { system: string; tau: number; p: number }[] = [];
  const marks: { system: string; tau: number; p: number; level: string }[] = [];
  for (const s of a.systems) {
    const h = a.horizons[s];
    if (!h || !Number.isFinite(h.fit.slope)) continue;
    for (let i = 0; i <= 60; i++) {
      const tau = lo * (hi / lo) ** (i / 60);
      curves.push({ system: displayName(s), tau, p: predictLogistic(h.fit, Math.log2(tau)) });
    }
    for (const hz of h.horizons) if (hz.tau >= lo && hz.tau <= hi) marks.push({ system: displayName(s), tau: hz.tau, p: hz.p, level: `${Math.round(hz.p * 100)} % horizon` });
  }
  const colour = { field: 'system', type: 'nominal', scale: colours, title: 'system', sort: colours.domain };
  const x = { field: 'tau', type: 'quantitative', title: 'human solve time τ (minutes, log scale)', scale: { type: 'log', domain: [lo, hi], nice: false } };
  const y = { field: 'p', type: 'quantitative', title: 'pass@1 / fitted success', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { ...title(ctx, a.domain, 'pass@1 vs τ with logistic fits'), subtitle: [ctx.subtitle, 'lines: logistic fit of success on log2 τ · dots: observed pass@1 per bin · ▼ / ▲: 50 % / 80 % time horizons'] },
    width: 560,
    height: 380,
    config: baseConfig,
    layer: [
      { data: { values: [{ p: 0.5 }, { p: 0.8 }] }, mark: { type: 'rule', strokeDash: [3, 3], color: '#999' }, encoding: { y: { field: 'p', type: 'quantitative' } } },
      { data: { values: curves }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y, color: colour } },
      {
        data: { values: a.binTau.map((p) => ({ system: displayName(p.system), tau: p.tau, p: p.pass1, n: p.n })) },
        mark: { type: 'point', filled: true, opacity: 0.75, size: 70, clip: true },
        encoding: { x, y, color: colour, tooltip: [{ field: 'system' }, { field: 'n', title: 'tasks in bin' }] },
      },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 150, stroke: '#222', strokeWidth: 0.8, clip: true },
        encoding: {
          x,
          y,
          color: colour,
          shape: { field: 'level', type: 'nominal', title: 'marker', scale: { domain: ['50 % horizon', '80 % horizon'], range: ['triangle-down', 'triangle-up'] } },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

export function buildSpecs(a: DomainAnalysis, ctx: PlotContext): Record<PlotName, TopLevelSpec> {
  return { pareto: paretoSpec(a, ctx), share: shareSpec(a, ctx), bins: binsSpec(a, ctx), workload: workloadSpec(a, ctx), horizon: horizonSpec(a, ctx) };
}
