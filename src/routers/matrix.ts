// The outcome matrix: every agent's recorded outcome on every task, read from a run directory's
// single-agent records. Every router that only chooses who executes can be scored from it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { readManifest, readRecords, type Manifest } from '../records/run-dir.ts';
import type { AttemptRecord } from '../records/records.ts';
import type { RouterAgent } from './types.ts';
import { wallOf } from '../metrics/summarize.ts';

export interface OutcomeMatrix {
  dir: string;
  manifest: Manifest;
  /** Cheapest first. */
  agents: RouterAgent[];
  /** Task id → agent → its single-agent record. */
  cells: Map<string, Map<string, AttemptRecord>>;
}

export function readMatrix(dir: string): OutcomeMatrix {
  const manifest = readManifest(dir);
  const agents = [...manifest.settings.agents]
    .map((a) => ({ name: a.name, pricePerMTok: a.pricePerMTok }))
    .sort((a, b) => a.pricePerMTok - b.pricePerMTok || a.name.localeCompare(b.name));
  const cells = new Map<string, Map<string, AttemptRecord>>();
  for (const r of readRecords(dir)) {
    if (r.system !== `agent:${r.agent}`) continue;
    if (!cells.has(r.taskId)) cells.set(r.taskId, new Map());
    cells.get(r.taskId)!.set(r.agent, r);
  }
  return { dir, manifest, agents, cells };
}

/** Tasks missing some agent's outcome (or with an infrastructure error): the matrix is incomplete there. */
export function incompleteTasks(m: OutcomeMatrix): string[] {
  return [...m.cells.entries()]
    .filter(([, row]) => m.agents.some((a) => !row.has(a.name) || row.get(a.name)!.status === 'infra-error'))
    .map(([id]) => id);
}

/**
 * matrix.csv: one row per task, per agent success, tokens, cost, GPU-seconds, and the record key (pointer
 * to the trace), written into `dir` (default: the matrix's own run folder, as `bench matrix` does; a
 * replay passes its output folder and never writes into its input).
 */
export function writeMatrixCsv(m: OutcomeMatrix, dir: string = m.dir): string {
  const header = ['task_id', 'domain', 'bin', 'tau'];
  for (const a of m.agents) header.push(`${a.name}_passed`, `${a.name}_tokens`, `${a.name}_cost_usd`, `${a.name}_gpu_seconds`, `${a.name}_wall_ms`, `${a.name}_record`);
  const rows = [...m.cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, row]) => {
      const any = [...row.values()][0]!;
      const out: (string | number)[] = [id, any.domain, any.bin, any.tau];
      for (const a of m.agents) {
        const r = row.get(a.name);
        out.push(
          r ? (r.status === 'infra-error' ? 'infra-error' : r.passed ? 1 : 0) : '',
          r ? r.usage.inputTokens + r.usage.outputTokens : '',
          r?.costUsd ?? '',
          r?.timings.gpuSeconds ?? '',
          r ? wallOf(r) : '',
          r ? `records.jsonl#${r.key}` : '',
        );
      }
      return out;
    });
  const file = join(dir, 'matrix.csv');
  writeFileSync(file, stringify([header, ...rows]));
  return file;
}
