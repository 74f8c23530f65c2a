// Reading vega's SVG output back (for tests and the README screenshots): absolute positions of the text
// and symbols of named marks, following nested group translations.
export interface SvgItem {
  /** The mark name of the enclosing mark group (`point_labels_left`, `points_agent`, …). */
  mark: string;
  /** Index of the innermost facet cell (groups with class `cell`), -1 outside facets. */
  cell: number;
  tag: 'text' | 'path' | 'line';
  x: number;
  y: number;
  text: string;
  fontSize: number;
  anchor: string;
  attrs: string;
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/** Every text, path and line element inside a named mark group, with absolute translate positions. */
export function svgItems(svg: string): SvgItem[] {
  const out: SvgItem[] = [];
  const stack: { dx: number; dy: number; mark: string | null; cell: number }[] = [{ dx: 0, dy: 0, mark: null, cell: -1 }];
  let cells = 0;
  const re = /<(\/?)(g|text|path|line)\b([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    const [, close, tag, attrs = '', selfClose] = m;
    const top = stack[stack.length - 1]!;
    if (tag === 'g') {
      if (close) {
        stack.pop();
        continue;
      }
      const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs);
      const cls = /class="([^"]*)"/.exec(attrs)?.[1] ?? '';
      const markName = /role-mark (\S+?)_marks\b/.exec(cls)?.[1] ?? null;
      const cell = /\bcell\b/.test(cls) ? cells++ : top.cell;
      const frame = { dx: top.dx + num(t?.[1]), dy: top.dy + num(t?.[2]), mark: markName ?? top.mark, cell };
      if (!selfClose) stack.push(frame);
      continue;
    }
    if (close || !top.mark) continue;
    const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs);
    const text = tag === 'text' ? (svg.slice(re.lastIndex, svg.indexOf('</text>', re.lastIndex)) ?? '') : '';
    out.push({
      mark: top.mark,
      cell: top.cell,
      tag: tag as SvgItem['tag'],
      x: top.dx + num(t?.[1]),
      y: top.dy + num(t?.[2]),
      text: text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      fontSize: Number(/font-size="([\d.]+)px"/.exec(attrs)?.[1] ?? 10),
      anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start',
      attrs,
    });
  }
  return out;
}
