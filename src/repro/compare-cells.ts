// Our number beside the paper's: the cells of REPRODUCTION.md, and the readers of the stages' outputs.
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from '../suites/deepsearch/import/csv.ts';
import type { ReportedNumber } from './reported.ts';

/** A number of ours, as a fraction (or a share), with its 95 % interval when we have one. */
export interface Ours {
  value: number;
  low?: number;
  high?: number;
}

export type Row = Record<string, string>;

/** A CSV file of the stages as rows keyed by the header (empty when the file is missing). */
export function readCsv(file: string): Row[] {
  if (!existsSync(file)) return [];
  const [head, ...body] = parseCsv(readFileSync(file, 'utf8')).records.map((r) => r.fields);
  return head ? body.map((f) => Object.fromEntries(head.map((h, i) => [h, f[i] ?? '']))) : [];
}

export const readJson = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined);

export const pct = (x: number | undefined, digits = 1) => (x === undefined || !Number.isFinite(x) ? '—' : (100 * x).toFixed(digits));

export function oursCell(o: Ours | undefined): string {
  if (!o) return 'not run';
  return o.low !== undefined && o.high !== undefined ? `${pct(o.value)} [${pct(o.low)}–${pct(o.high)}]` : pct(o.value);
}

export const paperCell = (p: ReportedNumber | undefined) => (!p ? 'not reported' : p.high !== undefined ? `${p.value}–${p.high}` : String(p.value));

/** ours − paper in points (to the range's nearer end when the paper gives a range). */
export function diffCell(o: Ours | undefined, p: ReportedNumber | undefined): string {
  if (!o || !p || !Number.isFinite(o.value)) return '—';
  const v = 100 * o.value;
  const d = p.high === undefined ? v - p.value : v < p.value ? v - p.value : v > p.high ? v - p.high : 0;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}`;
}

/** Does the paper's number (or range) lie inside our interval? */
export function insideCell(o: Ours | undefined, p: ReportedNumber | undefined): string {
  if (!o || !p) return '—';
  if (o.low === undefined || o.high === undefined) return 'no interval';
  const lo = 100 * o.low;
  const hi = 100 * o.high;
  const inside = p.high === undefined ? p.value >= lo - 1e-9 && p.value <= hi + 1e-9 : p.high >= lo && p.value <= hi;
  return inside ? 'yes' : 'no';
}

/** The four cells: ours, paper, difference, inside. */
export const versus = (o: Ours | undefined, p: ReportedNumber | undefined) => [oursCell(o), paperCell(p), diffCell(o, p), insideCell(o, p)];

export function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** A point of `bench compare` (compare.json). */
export interface Point {
  system: string;
  domain: string;
  bin: number | 'all';
  tasks: number;
  pass1: number;
  ciLow: number;
  ciHigh: number;
  costPerTask: number;
  relativeCost: number;
  largestShare: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

/**
 * A system over its orders (`sale@o1` … pooled; a single system as is): the mean pass@1 and the mean
 * of the orders' Wilson 95 % intervals (the paper reports the mean over 5 orders), plus the orders' std.
 */
export function pooled(points: Point[], system: string): (Ours & { std: number; orders: number; cost: number; relCost: number; largestShare: number }) | undefined {
  const ps = points.filter((p) => p.system === system || p.system.startsWith(`${system}@o`));
  if (!ps.length) return undefined;
  return {
    value: mean(ps.map((p) => p.pass1)),
    low: mean(ps.map((p) => p.ciLow)),
    high: mean(ps.map((p) => p.ciHigh)),
    std: std(ps.map((p) => p.pass1)),
    orders: ps.length,
    cost: mean(ps.map((p) => p.costPerTask)),
    relCost: mean(ps.map((p) => p.relativeCost)),
    largestShare: mean(ps.map((p) => p.largestShare)),
  };
}
