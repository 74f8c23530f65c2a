// Tables of `sale datasets audit`: text for the terminal, CSV and Markdown files.
import type { AuditRow, HopResult } from '../../suites/deepsearch/audit/index.ts';
import { BIN_KEYS, BIN_LABELS } from '../../tasks/bins.ts';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '–');
const cell = (r: AuditRow | undefined) => (r ? `${r.solved}/${r.n} ${pct(r.rate)} [${pct(r.low)}–${pct(r.high)}]` : '');

/** One line per (suite, solver), one column per bin: "solved/n rate [Wilson 95 %]". */
export function auditTable(rows: AuditRow[], markdown: boolean): string {
  const keys = [...new Set(rows.map((r) => `${r.suite}\0${r.solver}`))];
  const head = ['suite', 'solver', ...BIN_LABELS.map((l) => `τ${l}`)];
  const body = keys.map((k) => {
    const [suite, solver] = k.split('\0') as [string, string];
    const mine = rows.filter((r) => r.suite === suite && r.solver === solver);
    const chance = mine.some((r) => r.chance !== undefined) ? ` (chance ${BIN_KEYS.map((b) => { const r = mine.find((x) => x.bin === b); return r?.chance !== undefined ? pct(r.chance) : '–'; }).join('/')})` : '';
    return [suite, solver + (markdown ? '' : chance), ...BIN_KEYS.map((b) => cell(mine.find((r) => r.bin === b)))];
  });
  if (markdown) return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function auditCsv(rows: AuditRow[]): string {
  const lines = ['suite,solver,bin,n,solved,rate,low,high,chance'];
  for (const r of rows) lines.push([r.suite, r.solver, r.bin, r.n, r.solved, r.rate.toFixed(4), r.low.toFixed(4), r.high.toFixed(4), r.chance?.toFixed(4) ?? ''].join(','));
  return lines.join('\n') + '\n';
}

export interface HopSummary {
  suite: string;
  bin: string;
  checked: number;
  sufficient: number;
  /** Questions whose answer a reader reaches with fewer opens than its hops. */
  short: string[];
}

export function hopSummaries(suite: string, hops: (HopResult & { bin: number })[]): HopSummary[] {
  return BIN_KEYS.map((bin, b) => {
    const checked = hops.filter((h) => h.bin === b && h.checked);
    const short = checked.filter((h) => h.minOpens !== null && h.minOpens < h.hops).map((h) => `${h.id} (${h.minOpens} < ${h.hops})`);
    return { suite, bin, checked: checked.length, sufficient: checked.length - short.length, short };
  }).filter((s) => s.checked > 0);
}

export function hopsCsv(suite: string, hops: (HopResult & { bin: number })[]): string {
  return hops.filter((h) => h.checked).map((h) => [suite, h.id, BIN_KEYS[h.bin], h.hops, h.minOpens ?? '', h.path.join(' ')].join(',')).join('\n');
}

export function hopTable(s: HopSummary[], markdown: boolean): string {
  if (!s.length) return '';
  const lines = s.map((x) => `${x.suite} ${x.bin}: ${x.sufficient}/${x.checked} multi-hop questions need at least as many opens as their hops${x.short.length ? `; fewer: ${x.short.slice(0, 8).join(', ')}${x.short.length > 8 ? ` … (${x.short.length})` : ''}` : ''}`);
  return markdown ? lines.map((l) => `- ${l}`).join('\n') : lines.join('\n');
}
