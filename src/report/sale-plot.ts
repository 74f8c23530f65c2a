// SALE's learning curve as a plot (learning-curve.svg / .png), through the same vega-lite → SVG → PNG
// path as `sale bench compare` (compare/render.ts): the cumulative share of tasks each agent won along
// the stream, with memory (final winners, solid) and without (provisional winners, dashed), one panel per
// variant × domain.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { AUCTIONS } from '../sale/log.ts';
import { context } from './sale-context.ts';
import { learningCurve, type CurvePoint } from './sale-curves.ts';

export function learningCurveSpec(points: readonly CurvePoint[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: points.map((p) => ({ panel: `${p.variant} · ${p.domain}`, curve: p.curve, position: p.position + 1, agent: p.agent, share: p.share })) },
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 2,
    spec: {
      width: 320,
      height: 180,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'position', type: 'quantitative', title: 'task position in the stream' },
        y: { field: 'share', type: 'quantitative', title: 'cumulative share of tasks won', axis: { format: '%' }, scale: { domain: [0, 1] } },
        color: { field: 'agent', type: 'nominal', title: 'agent' },
        strokeDash: { field: 'curve', type: 'nominal', title: 'memory', scale: { domain: ['with-memory', 'without-memory'], range: [[1, 0], [4, 3]] } },
      },
    },
  } as TopLevelSpec;
}

/** Writes learning-curve.svg and learning-curve.png into a SALE run directory; undefined when it has no auctions. */
export async function writeLearningCurvePlot(dir: string): Promise<{ svg: string; png: string } | undefined> {
  if (!existsSync(join(dir, AUCTIONS))) return undefined;
  const ctx = context(dir);
  const points = learningCurve(ctx);
  if (!points.length) return undefined;
  const label = ctx.manifest.label ? `${ctx.manifest.label} — ` : '';
  // Loaded here, not at start-up: vega, vega-lite and resvg cost a third of `sale bench run`'s start.
  const { specToSvg, svgToPng } = await import('./compare/render.ts');
  const svg = await specToSvg(learningCurveSpec(points, `${label}SALE learning curve (mean over orders)`));
  const files = { svg: join(dir, 'learning-curve.svg'), png: join(dir, 'learning-curve.png') };
  writeFileSync(files.svg, svg);
  writeFileSync(files.png, svgToPng(svg));
  return files;
}
