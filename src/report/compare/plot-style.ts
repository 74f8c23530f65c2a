// Fonts, sizes and titles shared by every plot, for the two styles: `screen` (large, run ids under the
// title) and `paper` (compact, only the notes that explain the marks).
import type { PlotOptions, PlotStyle } from './plot-data.ts';

/** Fonts the specs ask for, most preferred first; render.ts makes resvg find one of them. */
export const FONT_STACK = 'DejaVu Sans, Liberation Sans, Noto Sans, Arial, Helvetica, sans-serif';

export interface PlotContext extends PlotOptions {
  /** SIMULATED (or another run label) leads every title; null for real runs. */
  label: string | null;
  /** Shown under each title: run ids and task counts. */
  subtitle: string;
}

export const styleOf = (ctx: PlotContext): PlotStyle => ctx.style ?? 'screen';

/** Title with the run label first; `paper` keeps only the notes that explain the marks. */
export function plotTitle(ctx: PlotContext, domain: string, text: string, notes: string[]) {
  const paper = styleOf(ctx) === 'paper';
  return {
    text: `${ctx.label ? `${ctx.label} — ` : ''}${domain}: ${text}`,
    subtitle: paper ? notes : [ctx.subtitle, ...notes],
    anchor: 'start' as const,
    fontSize: paper ? 12 : 15,
    subtitleFontSize: paper ? 9 : 11,
    subtitleColor: '#444',
  };
}

export function baseConfig(style: PlotStyle) {
  const s = style === 'paper' ? 9 : 11;
  return {
    font: FONT_STACK,
    background: 'white',
    view: { stroke: '#bbb' },
    axis: { labelFontSize: s, titleFontSize: s + 1, gridColor: '#eee', tickColor: '#888', domainColor: '#888' },
    legend: { labelFontSize: s, titleFontSize: s + 1, symbolSize: style === 'paper' ? 60 : 90 },
    header: { labelFontSize: s + 1 },
  };
}

