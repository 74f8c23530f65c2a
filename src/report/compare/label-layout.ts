// Collision-free point labels (pure, in pixels). Each label tries spots around its point, nearest first,
// in eight directions and at growing distances (with a leader line beyond the first ring); a spot must
// stay in the plot and clear every placed label and every marker, and in a first pass also every
// interval bar, and its leader may not cross a marker, a label or another leader. A label that finds no
// spot becomes a number, explained in the plot's note.
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Anchor {
  /** Point position in pixels (origin top left of the plot area). */
  x: number;
  y: number;
  text: string;
  /** Stand-in when the text finds no room (default: a running number). */
  short?: string;
}

export interface PlacedLabel {
  text: string;
  /** Text anchor position (vertical middle), alignment, and the box it covers. */
  x: number;
  y: number;
  align: 'left' | 'right' | 'center';
  box: Box;
  /** Whether a leader line joins the label to its point. */
  leader: boolean;
  /** Where the leader line meets the label. */
  lx: number;
  ly: number;
  /** Index of the point it labels. */
  index: number;
  /** True when the full text found no room and a number stands in for it. */
  numbered: boolean;
}

// DejaVu Sans advance widths (em) of the characters system names use; other characters count 0.62 em.
const WIDTHS: Record<string, number> = { i: 0.278, l: 0.278, j: 0.278, r: 0.411, t: 0.392, f: 0.352, ' ': 0.318, ':': 0.337, '-': 0.361, '.': 0.318, '@': 1.0, m: 0.974, w: 0.818, '(': 0.39, ')': 0.39, '±': 0.838, '%': 0.95 };
const DIGIT = 0.636;

/** Estimated width in pixels of `text` in DejaVu Sans (the PNG font) at `fontSize`, slightly generous. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDTHS[ch] ?? (/[0-9]/.test(ch) ? DIGIT : /[A-Z]/.test(ch) ? 0.7 : 0.62);
  return em * fontSize * 1.04 + 1;
}

export const overlaps = (a: Box, b: Box, gap = 0) => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/** Whether the segment (x0, y0)–(x1, y1) passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(x0: number, y0: number, x1: number, y1: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  for (const [p, q] of [
    [-dx, x0 - b.x0],
    [dx, b.x1 - x0],
    [-dy, y0 - b.y0],
    [dy, b.y1 - y0],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

const cross = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
/** Whether two segments cross (touching ends do not count). */
export function segmentsCross(s: readonly [number, number, number, number], t: readonly [number, number, number, number]): boolean {
  const d1 = cross(t[0], t[1], t[2], t[3], s[0], s[1]);
  const d2 = cross(t[0], t[1], t[2], t[3], s[2], s[3]);
  const d3 = cross(s[0], s[1], s[2], s[3], t[0], t[1]);
  const d4 = cross(s[0], s[1], s[2], s[3], t[2], t[3]);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

const DIRECTIONS: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0.8, -0.7],
  [-0.8, -0.7],
  [0.8, 0.7],
  [-0.8, 0.7],
  [0, -1],
  [0, 1],
];

export interface LayoutOptions {
  width: number;
  height: number;
  fontSize: number;
  /** Marker radius in pixels. */
  radius: number;
  /** Interval bars and other marks labels should avoid when they can. */
  soft?: Box[];
  /** Lines that carry meaning (the frontier): avoided in every pass but the last. */
  lines?: Box[];
}

function candidate(p: Anchor, text: string, dir: [number, number], dist: number, fontSize: number) {
  const w = textWidth(text, fontSize);
  const h = fontSize * 1.15;
  const cx = p.x + dir[0] * dist;
  const cy = p.y + dir[1] * dist;
  const align: PlacedLabel['align'] = dir[0] > 0.1 ? 'left' : dir[0] < -0.1 ? 'right' : 'center';
  const x0 = align === 'left' ? cx : align === 'right' ? cx - w : cx - w / 2;
  const box = { x0, y0: cy - h / 2, x1: x0 + w, y1: cy + h / 2 };
  // The leader meets the label at its edge nearest to the point.
  const lx = align === 'left' ? box.x0 - 1 : align === 'right' ? box.x1 + 1 : cx;
  const ly = align === 'center' ? (dir[1] < 0 ? box.y1 : box.y0) : cy;
  return { x: cx, y: cy, align, box, lx, ly };
}

/** Place one label per anchor; anchors are tried in the given order. */
export function layoutLabels(anchors: readonly Anchor[], options: LayoutOptions): PlacedLabel[] {
  const { width, height, fontSize, radius } = options;
  const markers: Box[] = anchors.map((p) => ({ x0: p.x - radius, y0: p.y - radius, x1: p.x + radius, y1: p.y + radius }));
  const placed: PlacedLabel[] = [];
  const first = radius + 3;
  const distances = [first, first + 10, first + 22, first + 36, first + 54, first + 76];
  const leaders: [number, number, number, number][] = [];
  // Markers the point sits in (identical or nearly identical systems) cannot be avoided by its leader.
  const inside = (p: Anchor, m: Box) => p.x >= m.x0 && p.x <= m.x1 && p.y >= m.y0 && p.y <= m.y1;
  // In the strict pass a leader may not cross another marker or label, nor a new label an earlier leader.
  const clearLeader = (p: Anchor, index: number, c: ReturnType<typeof candidate>, leader: boolean) =>
    (!leader || (!markers.some((m, i) => i !== index && !inside(p, m) && segmentHitsBox(p.x, p.y, c.lx, c.ly, m)) && !placed.some((l) => segmentHitsBox(p.x, p.y, c.lx, c.ly, l.box)) && !leaders.some((t) => segmentsCross([p.x, p.y, c.lx, c.ly], t)))) &&
    !leaders.some(([x0, y0, x1, y1]) => segmentHitsBox(x0, y0, x1, y1, c.box));
  const fits = (box: Box, strict: boolean, lines = true) =>
    box.x0 >= 0 &&
    box.y0 >= 0 &&
    box.x1 <= width &&
    box.y1 <= height &&
    !placed.some((l) => overlaps(l.box, box, 4)) &&
    !markers.some((m) => overlaps(m, box)) &&
    !(strict && (options.soft ?? []).some((s) => overlaps(s, box))) &&
    !(lines && (options.lines ?? []).some((s) => overlaps(s, box)));
  // A number that found no room in the usual rings searches a finer, wider grid.
  const dense = Array.from({ length: 24 }, (_, i) => first + i * 7);
  const tryPlace = (p: Anchor, index: number, text: string, numbered: boolean): PlacedLabel | null => {
    const rings = numbered ? dense : distances;
    // Passes, strictest first: clear of bars and with a clean leader; a clean leader; anything that fits.
    for (const [bars, lead] of [
      [true, true],
      [false, true],
      [false, false],
    ] as const)
      for (const dist of rings)
        for (const dir of DIRECTIONS) {
          const c = candidate(p, text, dir, dist, fontSize);
          if (fits(c.box, bars, lead) && (!lead || clearLeader(p, index, c, dist > first))) return { text, ...c, leader: dist > first, index, numbered };
        }
    return null;
  };
  let number = 0;
  anchors.forEach((p, index) => {
    const keep = (l: PlacedLabel) => {
      placed.push(l);
      if (l.leader) leaders.push([p.x, p.y, l.lx, l.ly]);
    };
    const full = tryPlace(p, index, p.text, false);
    if (full) return keep(full);
    number++;
    const short = tryPlace(p, index, p.short ?? String(number), true);
    if (short) keep(short);
  });
  return placed;
}
