// vega-lite spec → SVG (vega, headless) → PNG (@resvg/resvg-js).
// resvg draws text only with a font it can load. It loads the system fonts (and SALE_FONT, a font file
// path, when set) and falls back to any font it found for the families the specs name; with no font at
// all the PNG loses its text (the SVG keeps it), so `fontStatus()` checks by drawing a probe.
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Vega's runtime warnings (e.g. an empty layer on a log scale) are not actionable for users: errors only. */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function fontOptions(): NonNullable<ResvgRenderOptions['font']> {
  const extra = process.env.SALE_FONT;
  return {
    loadSystemFonts: true,
    ...(extra && existsSync(extra) ? { fontFiles: [extra] } : {}),
    sansSerifFamily: 'DejaVu Sans',
    defaultFontFamily: 'DejaVu Sans',
  };
}

/** PNG at twice the SVG's size, on white. */
export function svgToPng(svg: string, zoom = 2): Buffer {
  return new Resvg(svg, { font: fontOptions(), background: 'white', fitTo: { mode: 'zoom', value: zoom }, logLevel: 'off' }).render().asPng();
}

let probed: { ok: boolean; message: string } | undefined;

/** Whether resvg can draw text on this machine (drawn once, then cached). */
export function fontStatus(): { ok: boolean; message: string } {
  if (probed) return probed;
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-family="sans-serif" font-size="24">Axis</text></svg>';
  const img = new Resvg(svg, { font: fontOptions(), background: 'white', logLevel: 'off' }).render();
  const px = img.pixels;
  let ink = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 128) ink++;
  probed =
    ink > 20
      ? { ok: true, message: 'fonts found' }
      : { ok: false, message: 'no font found for PNG text (axes and labels will be blank in the PNGs; the SVGs are fine): install a font package such as fonts-dejavu-core, or set SALE_FONT=/path/to/font.ttf' };
  return probed;
}
