// `sale bench merge DIR… --out DIR`: put the shards of one experiment (`--shard i/n`, shard.ts) back
// together as one run folder whose tables equal those of the unsharded run.
//
// Refused, with the folder and the fix named: a folder that is not a shard, shards of different
// experiments (fingerprints differ), a missing or doubled shard, a shard that is not complete, an
// attempt recorded by two shards, or an attempt of the selection that no shard recorded.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError } from '../errors.ts';
import { fingerprintDiff } from '../records/fingerprint.ts';
import { agentSystem, attemptKey, type AttemptRecord } from '../records/records.ts';
import { type Manifest, RecordWriter, readManifest, readRecords, writeManifest } from '../records/run-dir.ts';

export interface MergeResult {
  dir: string;
  manifest: Manifest;
  records: AttemptRecord[];
}

export function mergeShards(dirs: readonly string[], out: string): MergeResult {
  if (dirs.length === 0) throw new ConfigError(['bench merge: no shard folders given'], { fix: 'sale bench merge SHARD_DIR... --out DIR' });
  if (existsSync(out) && readdirSync(out).length > 0) throw new ConfigError([`--out ${out}: the folder is not empty`], { fix: 'merge into a new folder' });
  const shards = dirs.map((dir) => ({ dir, manifest: readManifest(dir) }));
  const problems: string[] = [];
  for (const s of shards) {
    if (!s.manifest.settings.shard) problems.push(`${s.dir}: not a shard (it ran without --shard)`);
    else if (s.manifest.status !== 'complete') problems.push(`${s.dir}: shard ${s.manifest.settings.shard.index}/${s.manifest.settings.shard.count} is ${s.manifest.status}: resume it with sale bench run --resume ${s.dir}`);
  }
  if (problems.length) throw new ConfigError(problems, { fix: 'pass the complete run folders of every shard of one experiment' });
  const first = shards[0]!;
  for (const s of shards.slice(1)) {
    const diff = fingerprintDiff(first.manifest.fingerprint, s.manifest.fingerprint);
    if (diff.length) problems.push(`${s.dir}: a different experiment from ${first.dir} (fingerprints differ in ${diff.join(', ')})`);
  }
  const n = first.manifest.settings.shard!.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const sh = s.manifest.settings.shard!;
    if (sh.count !== n) problems.push(`${s.dir}: shard ${sh.index}/${sh.count}, but ${first.dir} is one of ${n}`);
    else if (seen.has(sh.index)) problems.push(`${s.dir}: shard ${sh.index}/${n} twice (also ${seen.get(sh.index)})`);
    else seen.set(sh.index, s.dir);
  }
  for (let i = 1; i <= n; i++) if (!seen.has(i) && !problems.some((p) => p.includes(`shard ${i}/`))) problems.push(`shard ${i}/${n} is missing`);
  if (problems.length) throw new ConfigError(problems, { fix: 'pass the run folder of every shard i/n of one experiment, each once' });

  const byKey = new Map<string, { record: AttemptRecord; dir: string }>();
  for (const s of shards) {
    for (const r of readRecords(s.dir)) {
      const prev = byKey.get(r.key);
      if (prev) problems.push(`${r.key}: recorded by both ${prev.dir} and ${s.dir}`);
      else byKey.set(r.key, { record: r, dir: s.dir });
    }
  }
  const settings = first.manifest.settings;
  const systems = settings.agents.map((a) => agentSystem(a.name));
  const expected = systems.flatMap((system) => settings.taskIds.map((t) => attemptKey(system, t)));
  const missing = expected.filter((k) => !byKey.has(k));
  if (missing.length) problems.push(`${missing.length} attempt(s) of the selection were recorded by no shard (first: ${missing[0]})`);
  if (problems.length) throw new ConfigError(problems, { fix: 'resume the shards that lack attempts, then merge again' });

  mkdirSync(out, { recursive: true });
  const { shard: _shard, ...merged } = settings;
  const manifest: Manifest = {
    ...first.manifest,
    runId: basename(out),
    createdAt: shards.map((s) => s.manifest.createdAt).sort()[0]!,
    updatedAt: new Date().toISOString(),
    status: 'complete',
    command: ['bench', 'merge', ...dirs],
    // The merged run resumes as a whole: the shard flag goes with the shards.
    ...(first.manifest.flags ? { flags: Object.fromEntries(Object.entries(first.manifest.flags).filter(([k]) => k !== 'shard')) } : {}),
    settings: merged,
    mergedFrom: shards.map((s) => ({ dir: s.dir, runId: s.manifest.runId, shard: s.manifest.settings.shard! })).sort((a, b) => a.shard.index - b.shard.index),
  };
  writeManifest(out, manifest);
  // The order an unsharded run would have written them in: system-major, then selection order.
  const writer = new RecordWriter(out);
  const records = expected.map((k) => byKey.get(k)!.record);
  try {
    for (const r of records) writer.append(r);
  } finally {
    writer.close();
  }
  return { dir: out, manifest, records };
}
