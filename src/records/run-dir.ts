// A run directory: manifest.json (fingerprint and settings) and records.jsonl (one line per finished
// attempt, appended and fdatasync'ed as each task finishes, so a killed run or a power cut loses nothing
// it reported finished; see trace-cap.ts for the on-disk form of a record, run-lock.ts for the lock).
import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { AttemptRecord } from './records.ts';
import { expandRecord, recordProblem, serializeRecord } from './trace-cap.ts';

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
  /** `complete` only when every selected attempt has a record; `failed` when the run crashed (see failure). */
  status: 'running' | 'complete' | 'interrupted' | 'failed';
  failure?: { reason: string; at: string };
  /** The flags the run was started with (paths absolute): `--resume DIR` alone restores them. */
  flags?: Record<string, string | boolean>;
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
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncSync(fd); // the rename below must never publish a torn manifest
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp); // a full disk leaves no half-written manifest behind
    throw withPath(e, tmp);
  }
  closeSync(fd);
  renameSync(tmp, join(dir, MANIFEST));
}

/** A write error names the file it failed on (Node's write errors carry no path). */
const withPath = (e: unknown, path: string) => {
  if (e && typeof e === 'object' && !('path' in e)) Object.assign(e, { path });
  return e;
};

export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new ConfigError([`${file}: not a sale run directory (no ${MANIFEST})`], { fix: 'pass the folder a `sale bench run` wrote' });
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new ConfigError([`${file}: torn or not JSON (${(e as Error).message})`], { fix: 'this run folder is damaged: start a new run with --out, or restore manifest.json from a copy' });
  }
  if (typeof m !== 'object' || m === null || typeof m.fingerprint !== 'object' || typeof m.settings !== 'object' || m.fingerprint === null || m.settings === null) {
    throw new ConfigError([`${file}: not a run manifest (no fingerprint or settings)`], { fix: 'pass the folder a `sale bench run` wrote' });
  }
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
      let rec: AttemptRecord;
      try {
        rec = JSON.parse(line) as AttemptRecord;
      } catch (e) {
        throw new ConfigError([`${file}:${i + 1}: corrupt record (${(e as Error).message})`], { fix: 'remove the line, then resume' });
      }
      const problem = recordProblem(rec);
      if (problem) throw new ConfigError([`${file}:${i + 1}: corrupt record (${problem})`], { fix: 'remove the line, then resume' });
      out.set(rec.key, expandRecord(rec));
    });
  return [...out.values()];
}

/**
 * Appends records one line at a time; each line is on disk (fdatasync) before the task is reported.
 * A failed write (disk full) is cut back off the file, so it never ends in a torn line.
 */
export class RecordWriter {
  private fd: number;
  private size: number;
  private readonly file: string;
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, RECORDS);
    this.fd = openSync(this.file, 'a');
    this.size = fstatSync(this.fd).size;
  }
  append(record: AttemptRecord): void {
    const line = Buffer.from(`${serializeRecord(record)}\n`);
    try {
      for (let off = 0; off < line.length; ) off += writeSync(this.fd, line, off);
      fdatasyncSync(this.fd);
    } catch (e) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        /* readRecords({ repair }) cuts a torn last line on resume */
      }
      throw withPath(e, this.file);
    }
    this.size += line.length;
  }
  close(): void {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}
