// The shared memory file (sale.yaml memory.shared_file): auctions of earlier runs that later runs may
// retrieve (never entries about the run's own tasks), and the append of a finished run's stream.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/types.ts';
import type { Embedder } from '../models/embeddings.ts';
import { sha256 } from '../records/fingerprint.ts';
import { readJsonl, type MemoryLine } from './log.ts';
import { embeddingFromJson, type MemoryEntry } from './memory.ts';

/** sale.yaml memory.shared_file, relative to the project root (like dataset paths). */
export const sharedMemoryFile = (config: Config): string | null => (config.sale.memory.shared_file ? resolve(config.root, config.sale.memory.shared_file) : null);

/**
 * Append a stream's memory (entries with their outcomes, provenance kept) to a shared memory file, for
 * later runs. Entries already in the file (same run and id) are skipped. Returns how many were added.
 */
export function appendSharedMemory(dir: string, file: string, system: string): number {
  const runId = dir.split('/').filter(Boolean).pop() ?? 'run';
  const lines = readJsonl<MemoryLine>(join(dir, 'memory.jsonl'));
  const outcomes = new Map(lines.filter((l): l is Extract<MemoryLine, { type: 'outcome' }> => l.type === 'outcome').map((l) => [l.id, l.passed]));
  const have = new Set(
    readJsonl<MemoryLine>(file)
      .filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry')
      .map((l) => `${l.entry.provenance.runId}|${l.entry.id}`),
  );
  const add = lines
    .filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry' && l.entry.provenance.system === system && l.entry.provenance.runId === runId)
    .filter((l) => !have.has(`${runId}|${l.entry.id}`))
    .map((l) => JSON.stringify({ type: 'entry', entry: { ...l.entry, outcome: outcomes.get(l.entry.id) ?? null } }));
  if (add.length) appendFileSync(file, `${add.join('\n')}\n`);
  return add.length;
}

/** Entries of a shared memory file from earlier runs, minus any about this run's tasks (no leakage), re-embedded. */
export async function priorMemory(file: string | null, selected: Set<string>, embedder: Embedder): Promise<{ entries: MemoryEntry[]; excluded: number; hash: string | null }> {
  if (!file || !existsSync(file)) return { entries: [], excluded: 0, hash: null };
  const lines = readJsonl<MemoryLine>(file);
  const raw = lines.filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry').map((l) => l.entry);
  const kept = raw.filter((e) => !selected.has(e.taskId));
  const vectors = await embedder.embed(kept.map((e) => e.text));
  const entries = kept.map((e, i) => ({
    ...e,
    id: `${e.provenance.runId}/${e.id}`,
    seq: -(kept.length - i),
    embedding: e.provenance.embedder === embedder.id ? embeddingFromJson(e.embedding) : vectors[i]!,
  }));
  return { entries, excluded: raw.length - kept.length, hash: sha256(readFileSync(file, 'utf8')) };
}
