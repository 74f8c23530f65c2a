// The one place `sale bench report` reads run folders: the manifest and records (through the run-folder
// reader) and, for SALE runs, the auction log. The record schema and reader are moving to src/records/;
// when they do, the imports below are the only lines to change.
import { join, resolve } from 'node:path';
import type { AttemptRecord } from '../../records/records.ts';
import { readManifest, readRecords, type Manifest } from '../../records/run-dir.ts';
import { AUCTIONS, readJsonl, type AuctionLine } from '../../sale/log.ts';

export type { AttemptRecord, AuctionLine, Manifest };

/** A record with the auction that chose its agent (SALE systems only). */
export type ReportRecord = AttemptRecord & { auction?: AuctionLine };

export interface ReportRun {
  dir: string;
  manifest: Manifest;
  records: ReportRecord[];
  auctions: number;
}

/** Read one run folder; SALE records get their auction (matched by system and task). */
export function readRun(dir: string): ReportRun {
  const abs = resolve(dir);
  const manifest = readManifest(abs);
  const auctions = new Map<string, AuctionLine>();
  for (const line of readJsonl<AuctionLine>(join(abs, AUCTIONS))) auctions.set(`${line.system}|${line.taskId}`, line);
  const records: ReportRecord[] = readRecords(abs).map((r) => {
    const auction = auctions.get(`${r.system}|${r.taskId}`);
    return auction ? { ...r, auction } : r;
  });
  return { dir: abs, manifest, records, auctions: auctions.size };
}
