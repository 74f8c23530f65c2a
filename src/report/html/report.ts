// `sale bench report`: read run folders, build the payload, write one self-contained HTML file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { renderPage } from './page.ts';
import { buildPayload, encode } from './payload.ts';
import { readRun } from './read-run.ts';

export interface ReportOptions {
  dirs: string[];
  out: string;
  seed?: number;
  /** Bootstrap replicates (cost intervals, time horizons). */
  reps?: number;
}

export interface ReportResult {
  out: string;
  bytes: number;
  attempts: number;
  auctions: number;
  chunks: number;
  label: string | null;
}

export function buildReport(options: ReportOptions): ReportResult {
  if (options.dirs.length === 0) throw new ConfigError(['bench report: name at least one run directory']);
  const runs = options.dirs.map(readRun);
  const { payload, chunks } = buildPayload(runs, { reps: options.reps ?? 1000, seed: options.seed ?? 0 });
  const html = renderPage(payload.title, encode(payload), chunks);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, html);
  return {
    out: options.out,
    bytes: Buffer.byteLength(html),
    attempts: payload.attempts.length,
    auctions: runs.reduce((s, r) => s + r.auctions, 0),
    chunks: chunks.length,
    label: payload.label,
  };
}
