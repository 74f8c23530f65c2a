// A run directory: manifest.json (fingerprint and settings) and records.jsonl (one line per finished
// attempt, appended and flushed as each task finishes, so a killed run loses nothing it finished).
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { AttemptRecord } from './records.ts';

export const MANIFEST = 'manifest.json';
export const RECORDS = 'records.jsonl';
export const MANIFEST_FORMAT = 'sale-run';
export const MANIFEST_VERSION = 1;

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  runId: string;
  createdAt: string;
  updatedAt: string;
  status: 'running' | 'complete' | 'interrupted';
  /** Non-null when any model is simulated: every table and plot carries this label. */
  label: 'SIMULATED' | 'GENERATED TEST MODEL' | null;
  command: string[];
  fingerprint: Fingerprint;
  /** Human-readable settings behind the fingerprint. */
  settings: {
    provider: string;
    endpoint: string;
    suites: string[];
    agents: { name: string; model: string; pricePerMTok: number; contextLength: number; think: Record<string, boolean> }[];
    bins: number[];
    limit: number | null;
    seed: number;
    concurrency: number;
    taskIds: string[];
    /** `--shard i/n`: this run holds only shard i of n (not part of the fingerprint; see runner/shard.ts). */
    shard?: { index: number; count: number };
  };
  /** `sale bench merge`: the shards this run was merged from. */
  mergedFrom?: { dir: string; runId: string; shard: { index: number; count: number } }[];
  models: Record<string, { digest?: string; contextLength?: number; capabilities?: string[] }>;
  /** unsafe: model-written code ran on a level that misses guarantees (--unsafe; see src/sandbox/policy.ts). */
  sandbox: { isolation: string; warnings: string[]; unsafe?: boolean };
  /** Router runs: the outcome matrix they replayed (or trained on), the split and the router settings. */
  routing?: {
    matrix: string;
    matrixRunId: string;
    replay: boolean;
    routers: string[];
    params: Record<string, number | string>;
    split: { seed: number; trainFrac: number; train: string[]; test: string[] };
  };
  code: { name: string; version: string; node: string };
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const tmp = join(dir, `${MANIFEST}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, join(dir, MANIFEST));
}

export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new ConfigError([`${file}: not a sale run directory (no ${MANIFEST})`], { fix: 'pass the folder a `sale bench run` wrote' });
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== MANIFEST_FORMAT) throw new ConfigError([`${file}: format '${String(m.format)}' is not '${MANIFEST_FORMAT}'`]);
  if (m.version !== MANIFEST_VERSION) throw new ConfigError([`${file}: run format version ${m.version}; this sale reads version ${MANIFEST_VERSION}`]);
  return m;
}

/**
 * Read records.jsonl. A partial last line (the process was killed mid-write) is cut off the file,
 * so appending resumes on a clean line. Later lines supersede earlier ones with the same key.
 */
export function readRecords(dir: string, options: { repair?: boolean } = {}): AttemptRecord[] {
  const file = join(dir, RECORDS);
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length && options.repair) truncateSync(file, Buffer.byteLength(text.slice(0, complete)));
  const out = new Map<string, AttemptRecord>();
  text
    .slice(0, complete)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const rec = JSON.parse(line) as AttemptRecord;
        out.set(rec.key, rec);
      } catch (e) {
        throw new ConfigError([`${file}:${i + 1}: corrupt record (${(e as Error).message})`], { fix: 'remove the line, then resume' });
      }
    });
  return [...out.values()];
}

/** Appends records one line at a time; each write reaches the OS before the next task is reported. */
export class RecordWriter {
  private fd: number;
  private lastSync = Date.now();
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, RECORDS), 'a');
  }
  append(record: AttemptRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (Date.now() - this.lastSync > 2000) {
      fdatasyncSync(this.fd);
      this.lastSync = Date.now();
    }
  }
  close(): void {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}
