// `npm run graph -- OUT.svg`: the module graph of src/, folded to its layers (src/<folder>), as an SVG
// drawn here (no Graphviz needed): layers bottom-up by dependency depth, arrows from importer to
// imported, labelled with the number of imports; a rule violation's arrow is red.
// `npm run graph -- OUT.dot` writes dependency-cruiser's module-level Graphviz source instead.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'dependency-cruiser';
import { cruiseTree } from './cruise.ts';

const out = process.argv[2];
if (!out || !/\.(svg|dot)$/.test(out)) {
  process.stderr.write('usage: npm run graph -- OUT.svg   (or OUT.dot for the module-level Graphviz source)\n');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../..');
const result = await cruiseTree(root);
if (out.endsWith('.dot')) {
  writeFileSync(out, (await format(result, { outputType: 'dot' })).output as string);
} else {
  const layer = (path: string) => /^src\/([^/]+?)(\.ts)?(\/|$)/.exec(path)?.[1];
  const sizes = new Map<string, number>();
  const edges = new Map<string, { n: number; bad: boolean }>();
  for (const m of result.modules) {
    const a = layer(m.source);
    if (!a) continue;
    sizes.set(a, (sizes.get(a) ?? 0) + 1);
    for (const d of m.dependencies) {
      const b = layer(d.resolved);
      if (!b || b === a) continue;
      const e = edges.get(`${a}>${b}`) ?? { n: 0, bad: false };
      edges.set(`${a}>${b}`, { n: e.n + 1, bad: e.bad || d.valid === false });
    }
  }
  // Depth = longest import chain below a layer (back edges of a cycle ignored): the floor is row 0.
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const deps = (a: string) => [...edges.keys()].filter((k) => k.startsWith(`${a}>`)).map((k) => k.split('>')[1]!);
  const depthOf = (a: string): number => {
    if (depth.has(a)) return depth.get(a)!;
    if (visiting.has(a)) return 0;
    visiting.add(a);
    const d = Math.max(-1, ...deps(a).map(depthOf)) + 1;
    visiting.delete(a);
    depth.set(a, d);
    return d;
  };
  for (const a of sizes.keys()) depthOf(a);
  const rows = Math.max(...depth.values()) + 1;
  const byRow = Array.from({ length: rows }, (_, r) => [...sizes.keys()].filter((a) => depth.get(a) === r).sort());
  const W = 150, H = 44, GX = 40, GY = 90;
  const width = Math.max(...byRow.map((r) => r.length)) * (W + GX) + GX;
  const height = rows * (H + GY) + GY;
  const pos = new Map<string, { x: number; y: number }>();
  byRow.forEach((names, r) => names.forEach((a, i) => pos.set(a, { x: GX + i * (W + GX) + ((width - GX - names.length * (W + GX)) / 2), y: height - GY / 2 - (r + 1) * (H + GY) + GY })));
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [];
  for (const [k, e] of edges) {
    const [a, b] = k.split('>') as [string, string];
    const p = pos.get(a)!, q = pos.get(b)!;
    const x1 = p.x + W / 2, y1 = p.y + H, x2 = q.x + W / 2, y2 = q.y;
    const up = y2 <= y1; // an import that points up (only within a row or a cycle's back edge)
    const colour = e.bad ? '#c62828' : up ? '#ef6c00' : '#607d8b';
    parts.push(`<path d="M${x1},${up ? p.y : y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${up ? q.y + H : y2}" fill="none" stroke="${colour}" stroke-width="${1 + Math.log2(e.n)}" marker-end="url(#arrow)" opacity="0.7"><title>${esc(`${a} → ${b}: ${e.n} import(s)`)}</title></path>`);
  }
  for (const [a, p] of pos) {
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="6" fill="#eceff1" stroke="#37474f"/><text x="${p.x + W / 2}" y="${p.y + 20}" text-anchor="middle" font-size="14" font-family="sans-serif">${esc(a)}</text><text x="${p.x + W / 2}" y="${p.y + 36}" text-anchor="middle" font-size="11" fill="#546e7a" font-family="sans-serif">${sizes.get(a)} module(s)</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#455a64"/></marker></defs><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>\n`;
  writeFileSync(out, svg);
}
process.stdout.write(`module graph: ${out} (${result.summary.totalCruised} modules, ${result.summary.violations.length} violation(s))\n`);
