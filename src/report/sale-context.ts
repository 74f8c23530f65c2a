// What SALE's tables are computed from: a run folder's manifest, records and auction log, and every
// agent's own outcome per task where known (this run's single agents or the weights' outcome matrix).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMatrix } from '../routers/matrix.ts';
import type { AttemptRecord } from '../records/records.ts';
import { readManifest, readRecords, type Manifest } from '../records/run-dir.ts';
import { AUCTIONS, readJsonl, WEIGHTS, type AuctionLine } from '../sale/log.ts';
import { parseStreamSystem } from '../sale/orders.ts';
import type { WeightsFile } from '../sale/weights-file.ts';

export const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
/** Sample standard deviation (n − 1); 0 for a single value (one order has no spread to report). */
export const std = (xs: number[]) => {
  if (xs.length < 2) return xs.length ? 0 : Number.NaN;
  // Equal values (up to rounding in their sums) have no spread: report 0, not 1e-19.
  if (Math.max(...xs) - Math.min(...xs) <= 1e-12 * Math.max(1, ...xs.map(Math.abs))) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Average ranks (ties share their mean rank), 1-based. */
export function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson on average ranks); NaN when either side is constant or n < 2. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) return Number.NaN;
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export interface Ctx {
  manifest: Manifest;
  agents: string[];
  records: AttemptRecord[];
  auctions: AuctionLine[];
  /** Every agent's recorded outcome and cost on a task when known (single-agent records or the outcome matrix). */
  single: (taskId: string, agent: string) => AttemptRecord | undefined;
  singleSource: string;
  /** Variants in the run's order (SALE first, then the ablations as asked). */
  order: (variants: string[]) => string[];
}

export function context(dir: string): Ctx {
  const manifest = readManifest(dir);
  // Sorted by key: sums do not depend on the order tasks finished in (a resumed run gives the same tables).
  const records = readRecords(dir).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const agents = [...manifest.settings.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok).map((a) => a.name);
  const auctions = readJsonl<AuctionLine>(join(dir, AUCTIONS));
  const cells = new Map<string, AttemptRecord>();
  let source = 'none';
  for (const r of records) if (r.system === `agent:${r.agent}` && r.status !== 'infra-error') cells.set(`${r.taskId}|${r.agent}`, r);
  if (cells.size) source = 'this run';
  const wf = join(dir, WEIGHTS);
  if (existsSync(wf)) {
    const w = readJson<WeightsFile>(wf);
    if (w.trainFrom && existsSync(join(w.trainFrom, 'manifest.json'))) {
      const m = readMatrix(w.trainFrom);
      let added = 0;
      for (const [taskId, row] of m.cells) for (const [agent, r] of row) if (!cells.has(`${taskId}|${agent}`) && r.status !== 'infra-error') (cells.set(`${taskId}|${agent}`, r), added++);
      if (added && source === 'none') source = `matrix ${m.manifest.runId}`;
    }
  }
  const listed = manifest.routing?.routers ?? [];
  const rank = (v: string) => (listed.includes(v) ? listed.indexOf(v) : listed.length + (v === 'sale' ? 0 : 1));
  const order = (vs: string[]) => [...vs].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return { manifest, agents, records, auctions, single: (t, a) => cells.get(`${t}|${a}`), singleSource: source, order };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export const saleRecords = (records: AttemptRecord[]) =>
  records.map((r) => ({ r, s: parseStreamSystem(r.system) })).filter((x): x is { r: AttemptRecord; s: { variant: string; order: number } } => x.s !== null);

