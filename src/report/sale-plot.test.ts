// The learning-curve plot: one line per agent × memory curve, one panel per variant × domain.
import { describe, expect, it } from 'vitest';
import { specToSvg } from './compare/render.ts';
import { learningCurveSpec } from './sale-plot.ts';
import type { CurvePoint } from './sale-curves.ts';

describe('learning-curve plot', () => {
  it('draws each agent with and without memory, in a panel per variant × domain', async () => {
    const pts: CurvePoint[] = [];
    for (const curve of ['with-memory', 'without-memory'] as const) {
      for (let position = 0; position < 4; position++) {
        pts.push({ variant: 'sale', domain: 'coding', curve, position, agent: '4b', share: curve === 'with-memory' ? 0.25 * position : 0.1, std: 0 });
        pts.push({ variant: 'sale', domain: 'coding', curve, position, agent: '32b', share: 1 - 0.25 * position, std: 0 });
      }
    }
    const spec = learningCurveSpec(pts, 'SIMULATED — test') as unknown as { data: { values: { panel: string; position: number }[] } };
    expect(spec.data.values).toHaveLength(16);
    expect(new Set(spec.data.values.map((v) => v.panel))).toEqual(new Set(['sale · coding']));
    // Positions are 1-based in the plot.
    expect(Math.min(...spec.data.values.map((v) => v.position))).toBe(1);
    const svg = await specToSvg(learningCurveSpec(pts, 'SIMULATED — test'));
    expect(svg).toContain('sale · coding');
    expect(svg).toContain('without-memory');
    // Four lines: 2 agents × 2 curves.
    expect(svg.match(/aria-roledescription="line mark" d="M/g) ?? []).toHaveLength(4);
  });
});
