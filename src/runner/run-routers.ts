// `sale bench run --router R --replay MATRIX`: fit routers on the matrix's training split and score
// them, with every single agent, on its test split — with zero model calls. Other systems (SALE) join
// through `extra`: they run in the same replay loop (src/routers/replay.ts) and land in the same records.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import { incompleteTasks, readMatrix, writeMatrixCsv, type OutcomeMatrix } from '../routers/matrix.ts';
import { replayRouterSystems, replaySystems } from '../routers/replay.ts';
import { getRouter, routerNames } from '../routers/registry.ts';
import { splitTasks, type Split } from '../routers/split.ts';
import type { AuxCall, RouterTask, System } from '../routers/types.ts';
import { canonicalJson, sha256 } from '../records/fingerprint.ts';
import type { AttemptRecord } from '../records/records.ts';
import { MANIFEST, RecordWriter, writeManifest, type Manifest } from '../records/run-dir.ts';
import { existsSync } from 'node:fs';

export interface RouterRunOptions {
  matrixDir: string;
  routers: string[];
  out: string;
  trainFrac: number;
  splitSeed: number;
  seed: number;
  params: Record<string, number | string>;
  command: string[];
  /** More systems replayed beside the routers (SALE), built once the split is known, in the run directory. */
  extra?: (ctx: { matrix: OutcomeMatrix; split: Split; dir: string }) => Promise<ExtraSystems>;
}

export interface ExtraSystems {
  systems: System[];
  /** Names added to manifest.routing.routers. */
  names: string[];
  fingerprintExtra: Record<string, unknown>;
  concurrency: number;
  /** Their auxiliary calls (SALE's auctions). */
  call?: AuxCall;
}

/** The task as routers see it: the user prompt the agents were given, and its coordinates. */
export function routerTasks(matrix: OutcomeMatrix): Map<string, RouterTask> {
  const out = new Map<string, RouterTask>();
  for (const [id, row] of matrix.cells) {
    const r = [...row.values()][0]!;
    // A plan-conditioned matrix has the agent's plan in the prompt: a router sees the task, not that plan.
    const user = r.messages.find((m) => m.role === 'user')?.content ?? id;
    const text = r.plan ? withoutPlan(user, r.plan.text) : user;
    out.set(id, { id, domain: r.domain, bin: r.bin, tau: r.tau, text });
  }
  return out;
}

/** The user prompt without the plan block the suites' templates add ("Your plan for this task:\n<plan>"). */
export function withoutPlan(prompt: string, plan: string): string {
  const at = prompt.indexOf(plan);
  if (at < 0) return prompt;
  const heading = prompt.lastIndexOf('Your plan for this task:', at);
  const from = heading >= 0 && prompt.slice(heading, at).trim() === 'Your plan for this task:' ? heading : at;
  return `${prompt.slice(0, from).trimEnd()}\n\n${prompt.slice(at + plan.length).trimStart()}`.trim();
}

export function expandRouters(names: string[]): string[] {
  const out = names.includes('all') ? routerNames() : names;
  for (const n of out) getRouter(n);
  return [...new Set(out)];
}

export async function runRouters(options: RouterRunOptions): Promise<{ dir: string; records: AttemptRecord[]; split: Split; matrix: OutcomeMatrix }> {
  const matrix = readMatrix(options.matrixDir);
  if (matrix.cells.size === 0) throw new ConfigError([`${options.matrixDir}: the outcome matrix holds no single-agent records`], { fix: 'run `sale bench matrix` first' });
  const missing = incompleteTasks(matrix);
  if (missing.length) {
    throw new ConfigError([`${options.matrixDir}: ${missing.length} task(s) lack some agent's outcome or had an infrastructure error (e.g. ${missing.slice(0, 3).join(', ')})`], {
      fix: `complete the matrix: sale bench run --resume ${options.matrixDir}`,
    });
  }
  const tasks = routerTasks(matrix);
  const split = splitTasks([...tasks.values()], { seed: options.splitSeed, trainFrac: options.trainFrac });
  if (split.test.length === 0) throw new ConfigError(['the test split is empty'], { fix: 'lower --train-frac' });
  const routers = expandRouters(options.routers);
  const dir = options.out;
  if (existsSync(join(dir, MANIFEST))) throw new ConfigError([`${dir} already holds a run`], { fix: 'choose another --out' });
  mkdirSync(dir, { recursive: true });
  // The matrix's table goes beside the results; the input folder is read-only to a replay.
  writeMatrixCsv(matrix, dir);
  const systems = await replayRouterSystems({ matrix, tasks, split, routers, seed: options.seed, params: options.params });
  const extra = options.extra ? await options.extra({ matrix, split, dir }) : undefined;
  // Every single agent's record on the test split, then the routers' (one at a time), then the extra systems'.
  const records = split.test.flatMap((id) => matrix.agents.map((a) => matrix.cells.get(id)!.get(a.name)!));
  records.push(...(await replaySystems(matrix, tasks, split.test, systems)));
  if (extra) records.push(...(await replaySystems(matrix, tasks, split.test, extra.systems, extra.concurrency, extra.call)));
  const base = matrix.manifest;
  const routing = { matrix: options.matrixDir, matrixRunId: base.runId, replay: true, routers: [...routers, ...(extra?.names ?? [])], params: options.params, split: { seed: split.seed, trainFrac: split.trainFrac, train: split.train, test: split.test } };
  const now = new Date().toISOString();
  const routersConfig = sha256(canonicalJson({ matrix: base.fingerprint.config, routers, params: options.params, split: { seed: split.seed, trainFrac: split.trainFrac } }));
  const manifest: Manifest = {
    ...base,
    runId: dir.split('/').filter(Boolean).pop() ?? 'routers',
    createdAt: now,
    updatedAt: now,
    status: 'complete',
    command: options.command,
    fingerprint: {
      ...base.fingerprint,
      // (The key `sale` keeps the fingerprints of earlier runs, whose extra systems were SALE's.)
      config: extra ? sha256(canonicalJson({ base: routersConfig, sale: extra.fingerprintExtra })) : routersConfig,
      seeds: [...base.fingerprint.seeds, options.seed, options.splitSeed],
    },
    settings: { ...base.settings, taskIds: split.test },
    routing,
  };
  writeManifest(dir, manifest);
  const writer = new RecordWriter(dir);
  for (const r of records) writer.append(r);
  writer.close();
  writeFileSync(join(dir, 'split.json'), `${JSON.stringify(routing.split, null, 2)}\n`);
  return { dir, records, split, matrix };
}
