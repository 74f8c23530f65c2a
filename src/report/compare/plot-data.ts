// What the plots draw, derived from a DomainAnalysis (pure): one point per system with both intervals,
// SALE's orders merged into one point with an order spread, the `--systems` filter, the colour scheme
// (agents: sequential shades of one hue; routers: distinct categorical colours) and readable log ticks.
import { paretoFrontier } from '../../metrics/frontier.ts';
import { ConfigError } from '../../errors.ts';
import { displayName, type DomainAnalysis, type SystemPoint } from './analysis.ts';

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

export type PlotKind = 'agent' | 'router' | 'sale' | 'oracle';
export type PlotStyle = 'paper' | 'screen';

export interface PlotOptions {
  /** Systems to draw (display names, `agent:` names, or a SALE family such as `sale`); all when absent. */
  systems?: string[];
  style?: PlotStyle;
}

export interface PlotPoint {
  /** Display name: `8b`, `router:wtp`, `sale` (orders merged), `oracle`. */
  system: string;
  kind: PlotKind;
  bin: 'all' | number;
  cost: number;
  costLo: number;
  costHi: number;
  pass: number;
  lo: number;
  hi: number;
  share: number;
  n: number;
  /** SALE families: number of orders merged and the standard deviation over orders (0 otherwise). */
  orders: number;
  passSd: number;
  costSd: number;
}

/** `sale@o3` → `sale`, `sale-no-memory@o1` → `sale-no-memory`; null for anything else. */
export function saleFamily(system: string): string | null {
  const m = /^(sale[\w-]*)@o\d+$/.exec(system);
  return m ? m[1]! : null;
}

/** The name a system is drawn under: `8b`, `wtp` (the shape says router), `sale` for every SALE order. */
export const plotName = (system: string) => saleFamily(system) ?? displayName(system).replace(/^router:/, '');

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

function kindOf(p: SystemPoint): PlotKind {
  if (saleFamily(p.system)) return 'sale';
  return p.kind;
}

/** Merge a group of SystemPoints (one system, or one SALE family's orders) into one PlotPoint. */
function merge(group: SystemPoint[]): PlotPoint {
  const first = group[0]!;
  const pick = (f: (p: SystemPoint) => number) => mean(group.map(f));
  return {
    system: plotName(first.system),
    kind: kindOf(first),
    bin: first.bin,
    cost: pick((p) => p.costPerTask),
    costLo: pick((p) => p.costPerTaskLow),
    costHi: pick((p) => p.costPerTaskHigh),
    pass: pick((p) => p.pass1),
    lo: pick((p) => p.ciLow),
    hi: pick((p) => p.ciHigh),
    share: pick((p) => p.largestShare),
    n: first.graded,
    orders: group.length,
    passSd: sd(group.map((p) => p.pass1)),
    costSd: sd(group.map((p) => p.costPerTask)),
  };
}

/** The systems a domain draws, in display order, SALE orders merged into their family. */
export function plotSystems(a: DomainAnalysis): string[] {
  return [...new Set(a.systems.map(plotName))];
}

/** Check `--systems` names against what the runs hold: one line naming the unknown ones and the valid names. */
export function checkSystems(analyses: readonly DomainAnalysis[], wanted: readonly string[] | undefined): void {
  if (!wanted?.length) return;
  const known = new Set(analyses.flatMap((a) => plotSystems(a)));
  const unknown = wanted.filter((w) => !known.has(plotName(w)));
  if (unknown.length) throw new ConfigError([`--systems: no system named ${unknown.join(', ')} in these runs`], { fix: `use some of: ${[...known].join(', ')}` });
}

/** Points for one bin ('all' = overall), merged and filtered. Points without graded attempts are left out. */
export function plotPoints(a: DomainAnalysis, bin: 'all' | 'bins', options: PlotOptions = {}): PlotPoint[] {
  const source = bin === 'all' ? a.overall : a.byBin;
  const wanted = options.systems?.length ? new Set(options.systems.map(plotName)) : null;
  const groups = new Map<string, SystemPoint[]>();
  for (const p of source) {
    if (p.graded === 0) continue;
    const name = plotName(p.system);
    if (wanted && !wanted.has(name)) continue;
    const key = `${name}\u0000${p.bin}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map(merge);
}

/** The non-dominated frontier of the drawn points (oracle excluded: no one can deploy it), cheapest first. */
export function plotFrontier(points: readonly PlotPoint[]): PlotPoint[] {
  const deployable = points.filter((p) => p.kind !== 'oracle' && p.cost > 0);
  return paretoFrontier(deployable.map((p) => ({ p, cost: p.cost, quality: p.pass }))).map((x) => x.p);
}

// Agents: light to dark blue by size (ColorBrewer Blues, spaced for print). Routers: Tableau-10 without
// its blue and yellow (kept for agents and the oracle). SALE: near-black; the oracle: gold.
const BLUES: Record<number, string[]> = {
  1: ['#2166ac'],
  2: ['#6baed6', '#08306b'],
  3: ['#6baed6', '#2171b5', '#08306b'],
  4: ['#9ecae1', '#4a98c9', '#1b62a5', '#08306b'],
  5: ['#b3d3e8', '#6baed6', '#3182bd', '#1b5a9c', '#08306b'],
};
const ROUTERS = ['#f58518', '#54a24b', '#e45756', '#b279a2', '#9d755d', '#72b7b2', '#ff9da6', '#bab0ac', '#8c6d31', '#17becf'];
const SALE = ['#222222', '#7f2704', '#54278f', '#00441b'];
export const ORACLE_COLOUR = '#c9a100';

export interface Colours {
  domain: string[];
  range: string[];
}

/** One colour per drawn system, stable across a domain's plots. */
export function plotColours(a: DomainAnalysis, options: PlotOptions = {}): Colours {
  const names = plotSystems(a).filter((s) => !options.systems?.length || options.systems.map(plotName).includes(s));
  const kinds = new Map(a.overall.map((p) => [plotName(p.system), kindOf(p)] as const));
  const agents = names.filter((s) => kinds.get(s) === 'agent');
  const blues = BLUES[agents.length] ?? agents.map((_, i) => BLUES[5]![Math.min(4, Math.round((i * 4) / Math.max(1, agents.length - 1)))]!);
  let r = 0;
  let s = 0;
  const range = names.map((n) => {
    const k = kinds.get(n);
    if (k === 'agent') return blues[agents.indexOf(n)]!;
    if (k === 'oracle') return ORACLE_COLOUR;
    if (k === 'sale') return SALE[s++ % SALE.length]!;
    return ROUTERS[r++ % ROUTERS.length]!;
  });
  return { domain: names, range };
}

/** Tick values for a log axis over [lo, hi]: 1-2-5 per decade, thinned to at most `max`, at least the decade ends. */
export function logTicks(lo: number, hi: number, max = 7): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const inRange = (mults: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of mults) {
        const v = Number((m * 10 ** e).toPrecision(6));
        if (v >= lo && v <= hi) out.push(v);
      }
    return out;
  };
  for (const mults of [[1, 2, 3, 5, 7], [1, 2, 5], [1, 3], [1]]) {
    const t = inRange(mults);
    if (t.length <= max && t.length >= 3) return t;
    if (mults.length === 1) return t.length ? t : [lo, hi];
  }
  return [lo, hi];
}

/** A log domain around values, widened by `pad` (a factor) on each side. */
export function logDomain(values: number[], pad = 1.35): [number, number] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (!v.length) return [1e-4, 1e-2];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return hi / lo < 1.5 ? [lo / 2, hi * 2] : [lo / pad, hi * pad];
}
