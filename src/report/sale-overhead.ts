// SALE's overhead, honestly: what the auction (bids and refinements) and its jury cost as shares of the
// whole run — input and output tokens apart, dollars and engine time — per variant × domain × bin, from the
// engine counters of every call in the records (and the auction log's per-call prices for dollars).
//   sale-overhead.csv / sale-overhead.md
// Shares are sums over every order's records (a ratio of totals, not a mean of per-task ratios: a few long
// traces dominate the run's tokens, as they dominate its bill).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AttemptRecord } from '../records/records.ts';
import type { AuctionLine } from '../sale/log.ts';
import type { SaleDetails } from '../sale/record.ts';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';
import { saleRecords, type Ctx } from './sale-context.ts';

/** One part of the run: tokens in and out, dollars, engine seconds (prefill + decode) and wall seconds. */
export interface Part {
  input: number;
  output: number;
  usd: number;
  engineS: number;
  wallS: number;
}

export interface OverheadRow {
  variant: string;
  domain: string;
  bin: number | 'all';
  tasks: number;
  /** Bids and refinements (the jury apart), the jury, the winner's execution. */
  auction: Part;
  jury: Part;
  execution: Part;
}

const zero = (): Part => ({ input: 0, output: 0, usd: 0, engineS: 0, wallS: 0 });
const add = (a: Part, b: Partial<Part>) => {
  for (const k of Object.keys(b) as (keyof Part)[]) a[k] += b[k] ?? 0;
};

function rowFor(variant: string, domain: string, bin: number | 'all', recs: AttemptRecord[], lines: Map<string, AuctionLine>): OverheadRow {
  const row: OverheadRow = { variant, domain, bin, tasks: recs.length, auction: zero(), jury: zero(), execution: zero() };
  for (const r of recs) {
    const det = r.route?.details?.sale as SaleDetails | undefined;
    // Overhead calls come first in a SALE record (record.ts), then the execution's (whose own judge
    // calls, e.g. deep search's answer judge, stay with the execution).
    const nOverhead = det?.overhead.calls ?? 0;
    for (const [i, c] of r.calls.entries()) {
      const part = i >= nOverhead ? row.execution : c.callType === 'judge' ? row.jury : row.auction;
      add(part, { input: c.inputTokens, output: c.outputTokens, engineS: (c.timings.promptEvalNs + c.timings.evalNs) / 1e9, wallS: c.wallMs / 1e3 });
    }
    row.execution.usd += det?.execution.costUsd ?? r.costUsd;
    const line = lines.get(`${r.system}|${r.taskId}`);
    for (const oc of line?.overhead.calls ?? []) (oc.callType === 'judge' ? row.jury : row.auction).usd += oc.costUsd;
  }
  return row;
}

export function overheadRows(ctx: Ctx): OverheadRow[] {
  const recs = saleRecords(ctx.records).filter((x) => x.r.status !== 'infra-error');
  const lines = new Map(ctx.auctions.map((l) => [`${l.system}|${l.taskId}`, l]));
  const variants = ctx.order([...new Set(recs.map((x) => x.s.variant))]);
  const domains = [...new Set(recs.map((x) => x.r.domain))].sort();
  const rows: OverheadRow[] = [];
  for (const v of variants) {
    for (const d of domains.length > 1 ? [...domains, 'all'] : domains) {
      const mine = recs.filter((x) => x.s.variant === v && (d === 'all' || x.r.domain === d)).map((x) => x.r);
      for (const b of [0, 1, 2, 3, 4]) {
        const inBin = mine.filter((r) => r.bin === b);
        if (inBin.length) rows.push(rowFor(v, d, b, inBin, lines));
      }
      if (mine.length) rows.push(rowFor(v, d, 'all', mine, lines));
    }
  }
  return rows;
}

/** Share of the run's total of one measure taken by a part (NaN when the run has none). */
export function share(row: OverheadRow, part: 'auction' | 'jury' | 'overhead', k: keyof Part): number {
  const total = row.auction[k] + row.jury[k] + row.execution[k];
  const v = part === 'overhead' ? row.auction[k] + row.jury[k] : row[part][k];
  return total > 0 ? v / total : Number.NaN;
}

const tokShare = (row: OverheadRow, part: 'auction' | 'jury' | 'overhead') => {
  const total = ['auction', 'jury', 'execution'].reduce((s, p) => s + row[p as 'auction'].input + row[p as 'auction'].output, 0);
  const v = part === 'overhead' ? row.auction.input + row.auction.output + row.jury.input + row.jury.output : row[part].input + row[part].output;
  return total > 0 ? v / total : Number.NaN;
};

const pct = (x: number) => (Number.isNaN(x) ? '—' : x < 0.001 && x > 0 ? '< 0.1' : (100 * x).toFixed(1));

export function writeOverheadTables(dir: string, ctx: Ctx): { csv: string; markdown: string; rows: OverheadRow[] } {
  const rows = overheadRows(ctx);
  const label = ctx.manifest.label ?? '';
  const csv = join(dir, 'sale-overhead.csv');
  const markdown = join(dir, 'sale-overhead.md');
  const binKey = (b: number | 'all') => (b === 'all' ? 'all' : BIN_KEYS[b]!);
  const parts = ['auction', 'jury', 'execution'] as const;
  const keys = ['input', 'output', 'usd', 'engineS', 'wallS'] as const;
  writeFileSync(
    csv,
    stringify([
      ['label', 'variant', 'domain', 'bin', 'tasks', ...parts.flatMap((p) => keys.map((k) => `${p}_${k === 'engineS' ? 'engine_s' : k === 'wallS' ? 'wall_s' : k === 'usd' ? 'usd' : `${k}_tokens`}`)), 'overhead_token_share', 'overhead_input_share', 'overhead_output_share', 'overhead_usd_share', 'overhead_engine_time_share', 'jury_token_share', 'jury_usd_share', 'jury_engine_time_share'],
      ...rows.map((r) => [label, r.variant, r.domain, binKey(r.bin), r.tasks, ...parts.flatMap((p) => keys.map((k) => r[p][k])), tokShare(r, 'overhead'), share(r, 'overhead', 'input'), share(r, 'overhead', 'output'), share(r, 'overhead', 'usd'), share(r, 'overhead', 'engineS'), tokShare(r, 'jury'), share(r, 'jury', 'usd'), share(r, 'jury', 'engineS')]),
    ]),
  );
  const md = [`# ${label ? `${label} — ` : ''}SALE auction overhead`, ''];
  if (label) md.push(`**${label}**: simulated engine counters; the trace lengths are a calibration (configs/sim.yaml), not a measurement.`, '');
  md.push('Share of the whole run (all orders) taken by the auction — bids + refinements, and the jury reported apart — per τ bin. Tokens from engine counters; $ = tokens × the calling agent\'s price; time = engine prefill + decode seconds.', '');
  md.push('| variant | domain | bin | tasks | overhead tokens % | input % | output % | $ % | time % | jury tokens % | jury $ % | jury time % | execution tokens / task | auction + jury tokens / task |');
  md.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const per = (p: Part) => Math.round((p.input + p.output) / Math.max(1, r.tasks));
    md.push(`| ${r.variant} | ${r.domain} | ${r.bin === 'all' ? 'all' : `τ ${BIN_LABELS[r.bin]}`} | ${r.tasks} | ${pct(tokShare(r, 'overhead'))} | ${pct(share(r, 'overhead', 'input'))} | ${pct(share(r, 'overhead', 'output'))} | ${pct(share(r, 'overhead', 'usd'))} | ${pct(share(r, 'overhead', 'engineS'))} | ${pct(tokShare(r, 'jury'))} | ${pct(share(r, 'jury', 'usd'))} | ${pct(share(r, 'jury', 'engineS'))} | ${per(r.execution)} | ${per(r.auction) + per(r.jury)} |`);
  }
  md.push('', 'The paper reports the overhead as "< 1 %" of all tokens and latency; the share depends on how long the executions are (long traces make it small), so read it per bin.');
  writeFileSync(markdown, `${md.join('\n')}\n`);
  return { csv, markdown, rows };
}
