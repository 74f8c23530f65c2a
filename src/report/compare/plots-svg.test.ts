// The rendered figures of the golden run (both domains, both styles): no two point labels overlap, no
// label covers a marker, and both 95 % intervals (pass@1 and cost) are drawn for every point.
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/load.ts';
import { analyzeDomain, type DomainAnalysis } from './analysis.ts';
import { textWidth } from './label-layout.ts';
import { loadRun, mergeRuns } from './load.ts';
import { plotPoints } from './plot-data.ts';
import { buildSpecs } from './plots.ts';
import { fontStatus, specToSvg } from './render.ts';
import { svgItems, type SvgItem } from './svg-boxes.ts';

const widths = new Map<string, number>();
/** Ink width of a label: resvg's bounding box of the text alone when a font is available, else the estimate. */
function inkWidth(item: SvgItem): number {
  const key = `${item.fontSize}|${item.text}`;
  if (!widths.has(key)) {
    let w = textWidth(item.text, item.fontSize);
    if (fontStatus().ok) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><text x="10" y="30" font-family="DejaVu Sans" font-size="${item.fontSize}">${item.text}</text></svg>`;
      const box = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).getBBox();
      if (box) w = box.width + 1;
    }
    widths.set(key, w);
  }
  return widths.get(key)!;
}

function labelBox(t: SvgItem) {
  const w = inkWidth(t);
  const x0 = t.anchor === 'start' ? t.x : t.anchor === 'end' ? t.x - w : t.x - w / 2;
  return { x0, x1: x0 + w, y0: t.y - t.fontSize * 0.78, y1: t.y + t.fontSize * 0.24 };
}

const overlap = (a: ReturnType<typeof labelBox>, b: ReturnType<typeof labelBox>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

let analyses: DomainAnalysis[];
let label: string | null;
beforeAll(() => {
  const merged = mergeRuns([loadRun(join(PROJECT_ROOT, 'results/golden/all-sim'))]);
  label = merged.label;
  analyses = ['coding', 'deepsearch'].map((d) => analyzeDomain(merged.records, d, merged.agents, { reps: 40 }));
});

describe('rendered figures of the golden run', () => {
  for (const style of ['screen', 'paper'] as const)
    it(`${style}: point labels never overlap each other or a marker`, async () => {
      let checked = 0;
      for (const a of analyses) {
        const specs = buildSpecs(a, { label, subtitle: 'golden', style });
        for (const name of ['pareto', 'share', 'bins'] as const) {
          const items = svgItems(await specToSvg(specs[name]));
          const labels = items.filter((i) => i.tag === 'text' && i.mark.startsWith('point_labels'));
          const markers = items.filter((i) => i.tag === 'path' && i.mark.startsWith('points_'));
          expect(labels.length, `${a.domain} ${name}`).toBeGreaterThanOrEqual(markers.length);
          for (const [i, l] of labels.entries()) {
            const box = labelBox(l);
            for (const other of labels.slice(i + 1)) if (other.cell === l.cell) expect(overlap(box, labelBox(other)), `${a.domain} ${name}: "${l.text}" overlaps "${other.text}"`).toBe(false);
            for (const m of markers) if (m.cell === l.cell) expect(m.x > box.x0 + 2 && m.x < box.x1 - 2 && m.y > box.y0 + 2 && m.y < box.y1 - 2, `${a.domain} ${name}: "${l.text}" covers a marker`).toBe(false);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(40);
    });

  it('the Pareto plot draws both 95 % intervals (pass@1 and cost) for every point, and SALE once with its order spread', async () => {
    for (const a of analyses) {
      const points = plotPoints(a, 'all').filter((p) => p.cost > 0);
      const items = svgItems(await specToSvg(buildSpecs(a, { label, subtitle: '' }).pareto));
      const count = (mark: string) => items.filter((i) => i.mark === mark && i.tag === 'line').length;
      expect(count('interval_pass'), a.domain).toBe(points.length);
      expect(count('interval_cost'), a.domain).toBe(points.length);
      const labels = items.filter((i) => i.mark.startsWith('point_labels')).map((i) => i.text);
      expect(labels.filter((t) => t === 'sale')).toHaveLength(1);
      expect(labels.some((t) => /@o\d/.test(t))).toBe(false);
      expect(count('order_spread_pass')).toBe(1);
      // The cost bars span the bootstrap interval: every cost bar has a non-zero length somewhere.
      expect(items.some((i) => i.mark === 'interval_cost' && Math.abs(Number(/x2="([-\d.e]+)"/.exec(i.attrs)?.[1] ?? 0)) > 1)).toBe(true);
    }
  });

  it('log cost axes carry several readable tick labels across the whole range', async () => {
    for (const a of analyses) {
      const svg = await specToSvg(buildSpecs(a, { label, subtitle: '' }).pareto);
      const ticks = [...svg.matchAll(/>(\$[\d.e-]+)<\/text>/g)].map((m) => Number(m[1]!.slice(1)));
      expect(ticks.length, a.domain).toBeGreaterThanOrEqual(3);
      const costs = plotPoints(a, 'all').map((p) => p.cost).filter((c) => c > 0);
      // A tick at or above the dearest system's cost's decade: the upper range is labelled too.
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(Math.max(...costs) / 3);
    }
  });
});
