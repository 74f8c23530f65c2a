import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { FONT_STACK } from './plots.ts';
import { fontStatus, specToSvg, svgToPng } from './render.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const spec = (title: string) =>
  ({
    title,
    width: 200,
    height: 100,
    config: { font: FONT_STACK },
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
    mark: 'point',
    encoding: { x: { field: 'x', type: 'quantitative', title: 'x axis' }, y: { field: 'y', type: 'quantitative' } },
  }) as TopLevelSpec;

/** Dark pixels of a PNG's title strip (the top 20 % of the image), via resvg's own raster. */
async function darkPixelsInTitle(svg: string): Promise<number> {
  const { Resvg } = await import('@resvg/resvg-js');
  const img = new Resvg(svg, { font: { loadSystemFonts: true }, background: 'white' }).render();
  const px = img.pixels; // a getter that copies: read it once
  let dark = 0;
  for (let y = 0; y < Math.floor(img.height * 0.2); y++)
    for (let x = 0; x < img.width; x++) if (px[(y * img.width + x) * 4]! < 100) dark++;
  return dark;
}

describe('rendering', () => {
  it('compiles vega-lite to an SVG with the title, axis titles and marks', async () => {
    const svg = await specToSvg(spec('SIMULATED — probe'));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('SIMULATED — probe');
    expect(svg).toContain('x axis');
  });
  it('renders a valid PNG at twice the SVG size', async () => {
    const svg = await specToSvg(spec('t'));
    const png = svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const width = png.readUInt32BE(16);
    expect(width).toBe(2 * Number(/width="(\d+)"/.exec(svg)![1]));
  });
  it.runIf(fontStatus().ok)('draws the text when a font is available (the title strip has ink only with a title)', async () => {
    const withTitle = await darkPixelsInTitle(await specToSvg(spec('A LONG TITLE WITH INK')));
    const without = await darkPixelsInTitle(await specToSvg(spec('')));
    expect(withTitle).toBeGreaterThan(without + 50);
  });
});
