// Reading run directories for `sale bench compare` and `sale bench check`: manifests, records, the
// fingerprint fields that make runs comparable, and the merge of several runs into one record set.
import { resolve } from 'node:path';
import { canonicalJson, fingerprintDiff, type Fingerprint } from '../../records/fingerprint.ts';
import type { AttemptRecord } from '../../records/records.ts';
import { readManifest, readRecords, type Manifest } from '../../records/run-dir.ts';

export interface LoadedRun {
  dir: string;
  manifest: Manifest;
  records: AttemptRecord[];
}

export interface AgentInfo {
  name: string;
  model: string;
  pricePerMTok: number;
}

/** The fingerprint fields `compare` insists on: runs that differ in these did not measure the same thing. */
export const COMPARE_FIELDS = ['dataset', 'prompts', 'models', 'seeds'] as const satisfies readonly (keyof Fingerprint)[];

export function loadRun(dir: string): LoadedRun {
  const abs = resolve(dir);
  return { dir: abs, manifest: readManifest(abs), records: readRecords(abs) };
}

export interface FieldMismatch {
  field: string;
  /** runId → short rendering of the run's value of the field. */
  values: { runId: string; value: string }[];
}

const short = (v: unknown) => {
  if (typeof v === 'string') return v.length > 16 ? v.slice(0, 12) : v;
  const text = canonicalJson(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** Fields (of `fields`, or every fingerprint field) in which any run differs from the first. */
export function fingerprintMismatches(runs: readonly LoadedRun[], fields?: readonly string[]): FieldMismatch[] {
  if (runs.length < 2) return [];
  const first = runs[0]!.manifest.fingerprint;
  const differing = new Set<string>();
  for (const run of runs.slice(1)) for (const f of fingerprintDiff(first, run.manifest.fingerprint)) differing.add(f);
  return [...differing]
    .filter((f) => !fields || fields.includes(f))
    .sort()
    .map((field) => ({
      field,
      values: runs.map((r) => ({ runId: r.manifest.runId, value: short((r.manifest.fingerprint as unknown as Record<string, unknown>)[field]) })),
    }));
}

export interface MergedRuns {
  records: AttemptRecord[];
  /** Every agent named by any manifest, cheapest first (price per Mtok, then name). */
  agents: AgentInfo[];
  /** Systems that several runs hold: later copies are renamed `system@runId`. */
  renamed: { from: string; to: string; runId: string }[];
  simulated: boolean;
  /** The label every plot and table carries: SIMULATED when any run is simulated, else any other run label (e.g. a generated test model), else null. */
  label: string | null;
}

/**
 * Merge several runs into one record set. A system present in more than one run keeps its name in the
 * first run that has it and becomes `system@runId` in the others, so both stay visible (decision: the
 * issue is silent; dropping either copy would hide data; `#position` is added when run ids repeat). Reference computations (largest agent,
 * oracle) use the unrenamed copies.
 */
export function mergeRuns(runs: readonly LoadedRun[]): MergedRuns {
  const seen = new Set<string>();
  const renamed: MergedRuns['renamed'] = [];
  const records: AttemptRecord[] = [];
  const ids = runs.map((r) => r.manifest.runId);
  // A system is identified per domain: a run may add a domain another run does not have.
  const id = (domain: string, system: string) => `${domain}\u0000${system}`;
  runs.forEach((run, index) => {
    // Runs copied from one another can share a run id: the position then tells them apart.
    const tag = ids.filter((x) => x === run.manifest.runId).length > 1 ? `${run.manifest.runId}#${index + 1}` : run.manifest.runId;
    const mine = new Set(run.records.map((r) => id(r.domain, r.system)));
    const rename = new Map<string, string>();
    for (const k of mine) {
      if (seen.has(k)) {
        const from = k.split('\u0000')[1]!;
        const to = `${from}@${tag}`;
        rename.set(k, to);
        if (!renamed.some((x) => x.to === to)) renamed.push({ from, to, runId: tag });
      }
    }
    for (const k of mine) seen.add(rename.has(k) ? id(k.split('\u0000')[0]!, rename.get(k)!) : k);
    for (const r of run.records) {
      const to = rename.get(id(r.domain, r.system));
      records.push(to ? { ...r, system: to, key: `${to}|${r.taskId}` } : r);
    }
  });
  const agents = new Map<string, AgentInfo>();
  for (const run of runs) for (const a of run.manifest.settings.agents) if (!agents.has(a.name)) agents.set(a.name, { name: a.name, model: a.model, pricePerMTok: a.pricePerMTok });
  const simulated = runs.some((r) => r.manifest.label === 'SIMULATED' || r.records.some((x) => x.simulated));
  return {
    records,
    agents: [...agents.values()].sort((a, b) => a.pricePerMTok - b.pricePerMTok || a.name.localeCompare(b.name, 'en', { numeric: true })),
    renamed,
    simulated,
    label: simulated ? 'SIMULATED' : (runs.map((r) => r.manifest.label as string | null).find((l) => l) ?? null),
  };
}
