// `sale bench sensitivity` output: sensitivity.csv and a heat map (sensitivity.svg/.png, vega-lite through
// compare/render.ts) of SALE's pass@1 relative to the largest agent alone over the sim's signal strength ×
// memory gain grid, each cell labelled with pass@1, cost relative to the largest agent, and its share.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { TopLevelSpec } from 'vega-lite';
import type { SweepPoint } from '../sale/sensitivity/sweep.ts';
import { specToSvg, svgToPng } from './compare/render.ts';

export function sensitivitySpec(points: readonly SweepPoint[], title: string): TopLevelSpec {
  const values = points.map((p) => ({
    signal: p.signal,
    gain: p.gain,
    delta: 100 * (p.pass1 - p.largestPass1),
    label: `${(100 * p.pass1).toFixed(1)} % · ${(p.costUsd / p.largestCostUsd).toFixed(2)}× · ${(100 * p.largestShare).toFixed(0)} %`,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle: 'cell: SALE pass@1 · cost relative to the largest agent alone · largest agent\'s share of executions' },
    data: { values },
    width: 140 * new Set(values.map((v) => v.signal)).size,
    height: 40 * new Set(values.map((v) => v.gain)).size,
    encoding: {
      x: { field: 'signal', type: 'ordinal', title: 'sim.signal_strength (how much bids say about success)', axis: { labelAngle: 0 } },
      y: { field: 'gain', type: 'ordinal', title: 'sim.memory_gain', sort: 'descending' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'delta', type: 'quantitative', title: 'Δ pass@1 (pts)', scale: { scheme: 'redblue', domainMid: 0 } } } },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  } as TopLevelSpec;
}

export async function writeSensitivity(out: string, points: readonly SweepPoint[], label = 'SIMULATED'): Promise<{ csv: string; svg: string; png: string }> {
  const files = { csv: join(out, 'sensitivity.csv'), svg: join(out, 'sensitivity.svg'), png: join(out, 'sensitivity.png') };
  writeFileSync(
    files.csv,
    stringify([
      ['label', 'signal_strength', 'memory_gain', 'test_tasks', 'sale_pass_at_1', 'sale_pass_at_1_std_over_orders', 'sale_cost_usd', 'largest_pass_at_1', 'largest_cost_usd', 'pass_at_1_minus_largest', 'cost_relative_to_largest', 'largest_share', 'best_single_agent', 'best_single_pass_at_1'],
      ...points.map((p) => [label, p.signal, p.gain, p.tasks, p.pass1, p.pass1Std, p.costUsd, p.largestPass1, p.largestCostUsd, p.pass1 - p.largestPass1, p.costUsd / p.largestCostUsd, p.largestShare, p.bestSingle.agent, p.bestSingle.pass1]),
    ]),
  );
  const svg = await specToSvg(sensitivitySpec(points, `${label} — SALE sensitivity to the sim's dials`));
  writeFileSync(files.svg, svg);
  writeFileSync(files.png, svgToPng(svg));
  return files;
}
