// `sale bench run`: every agent alone on every selected task, appended to records.jsonl as each
// attempt finishes; resumable; refuses to resume across a fingerprint mismatch.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { toolAgent } from '../agents/tool-agent.ts';
import type { Agent } from '../agents/types.ts';
import type { AgentConfig } from '../config/types.ts';
import { ConfigError, FingerprintMismatchError } from '../errors.ts';
import type { ModelClient, ModelInfo } from '../models/types.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { Suite } from '../suites/types.ts';
import type { AnswerJudge } from '../suites/deepsearch/judge.ts';
import type { Task } from '../tasks/types.ts';
import { agentAlone, asRouterTask } from '../routers/system.ts';
import type { AuxCall, System } from '../routers/types.ts';
import { runAttempt } from './attempt.ts';
import { liveAuxCalls } from './aux-calls.ts';
import { fingerprintDiff, makeFingerprint } from '../records/fingerprint.ts';
import { attemptKey, type AttemptRecord } from '../records/records.ts';
import { type Manifest, MANIFEST, RecordWriter, readManifest, readRecords, writeManifest } from '../records/run-dir.ts';
import { selectTasks } from '../tasks/select.ts';
import { assignShards, type Shard } from './shard.ts';
import { binOf } from '../tasks/bins.ts';
import { DEFAULT_FAIL_FAST, FailFast, type FailFastSettings } from './fail-fast.ts';
import { checkCapabilities, type Capability } from './preflight.ts';
import { newManifest } from './new-manifest.ts';
import { lockRunDir } from './run-lock.ts';

export interface BenchRunOptions {
  suites: Suite[];
  agents: AgentConfig[];
  client: ModelClient;
  sandbox: Sandbox;
  dir: string;
  resume: boolean;
  bins?: number[];
  limit?: number | null;
  concurrency: number;
  seed: number;
  command: string[];
  /** The flags behind the run, stored in the manifest so that `--resume DIR` alone restores them. */
  flags?: Record<string, string | boolean>;
  /** Extra fingerprint input (e.g. the sim calibration). */
  fingerprintExtra?: Record<string, unknown>;
  agentImpl?: Agent;
  /**
   * What runs on each task (the System seam, src/routers/types.ts). Default: every agent alone
   * ("agent:<name>"). Routers and SALE pass their own: a system runs agents through its context's
   * `execute` and returns the task's record.
   */
  systems?: System[];
  /** The systems' auxiliary calls (SALE's bids, jury, refinements); default: live through `client`, logged to the run folder. */
  aux?: AuxCall;
  /** Answer judge for the deep-search grader (`--judge AGENT`); put its identity in fingerprintExtra. */
  judge?: AnswerJudge;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** `--shard i/n`: run only this shard of the attempts (agents alone; see shard.ts). */
  shard?: Shard;
  /** Stop early on repeated infrastructure errors (fail-fast.ts); null = never; default 5 in a row or 20 % of 50. */
  failFast?: FailFastSettings | null;
  /** Capabilities every agent's model needs beyond tools (and thinking where a call type thinks). */
  requiredCapabilities?: Capability[];
}

export const agentsAlone = (agents: AgentConfig[], accepts?: (taskId: string) => boolean): System[] => agents.map((a) => agentAlone(a.name, accepts));

export type RunEvent =
  | { type: 'run-start'; dir: string; total: Record<string, number>; done: Record<string, number>; passed: Record<string, number>; resumed: number }
  | { type: 'attempt-finish'; record: AttemptRecord }
  | { type: 'run-finish'; dir: string; attempts: number; interrupted: boolean };

export interface BenchRunResult {
  dir: string;
  manifest: Manifest;
  records: AttemptRecord[];
  interrupted: boolean;
  /** Set when fail-fast stopped the run: why, and the engine's fix when there is one. */
  stopped?: { why: string; fix?: string };
}

/** Describe every agent's model once; a missing model stops the run before any task starts. */
async function describeModels(client: ModelClient, agents: AgentConfig[]): Promise<Record<string, ModelInfo>> {
  const out: Record<string, ModelInfo> = {};
  for (const a of agents) out[a.name] = await client.describe(a.model);
  return out;
}

export async function runBench(options: BenchRunOptions): Promise<BenchRunResult> {
  const { suites, agents, client, sandbox, dir } = options;
  const tasksBySuite = new Map<Suite, Task[]>(suites.map((s) => [s, selectTasks(s.tasks, { bins: options.bins, limit: options.limit })]));
  const tasks = [...tasksBySuite.values()].flat();
  if (tasks.length === 0) throw new ConfigError(['no task selected'], { fix: 'check --bins and --limit' });

  const models = await describeModels(client, agents);
  const missing = agents.filter((a) => !models[a.name]!.present);
  if (missing.length) {
    throw new ConfigError(
      missing.map((a) => (models[a.name] as ModelInfo & { problem?: string }).problem ?? `model '${a.model}' (agent ${a.name}) is not installed on ${client.endpoint}`),
      // A provider may say what to do (llamacpp: a path or Ollama-store problem); else Ollama's fix.
      { fix: [...new Set(missing.map((a) => (models[a.name] as ModelInfo & { fix?: string }).fix ?? `ollama pull ${a.model}`))].join(' && ') },
    );
  }
  // Logprobs come with the Ollama version, not /api/show: ask the server only when the run needs them.
  const serverVersion = options.requiredCapabilities?.includes('logprobs') && client.provider === 'ollama' ? (await client.ping()).version : undefined;
  checkCapabilities(agents, models, { ...(options.requiredCapabilities ? { extra: options.requiredCapabilities } : {}), provider: client.provider, ...(serverVersion ? { serverVersion } : {}) });
  const fingerprint = makeFingerprint({
    agents,
    suites: suites.map((s) => ({ name: s.name, config: s.config, prompts: s.prompts })),
    tasks,
    modelDigests: Object.fromEntries(agents.map((a) => [a.name, models[a.name]!.digest ?? 'unknown'])),
    seeds: [options.seed],
    provider: client.provider,
    isolation: sandbox.isolation,
    ...(options.fingerprintExtra ? { extra: options.fingerprintExtra } : {}),
  });
  if (options.shard && options.systems) {
    throw new ConfigError(['--shard: only runs of agents alone (bench run, bench matrix) can be sharded'], { fix: 'shard the outcome matrix, merge it, then replay routers and SALE on the merged run' });
  }

  // One writer per run folder, from here to the final manifest (RunLockedError otherwise).
  const lock = lockRunDir(dir);
  try {
    return await runLocked(options, { tasks, tasksBySuite, models, fingerprint, freeReserve: () => lock.freeReserve() });
  } finally {
    lock.release();
  }
}

async function runLocked(
  options: BenchRunOptions,
  ctx: { tasks: Task[]; tasksBySuite: Map<Suite, Task[]>; models: Record<string, ModelInfo>; fingerprint: Manifest['fingerprint']; freeReserve: () => void },
): Promise<BenchRunResult> {
  const { agents, client, sandbox, dir } = options;
  const { tasks, tasksBySuite, models, fingerprint } = ctx;

  let shard = options.shard;
  let previous: AttemptRecord[] = [];
  let manifest: Manifest;
  const now = new Date().toISOString();
  if (options.resume) {
    const old = readManifest(dir);
    const diff = fingerprintDiff(old.fingerprint, fingerprint);
    if (diff.length) throw new FingerprintMismatchError(diff, `cannot resume ${dir}`);
    const was = old.settings.shard;
    if (shard && (!was || was.index !== shard.index || was.count !== shard.count)) {
      throw new ConfigError([`--shard ${shard.index}/${shard.count}: ${dir} ran ${was ? `as shard ${was.index}/${was.count}` : 'unsharded'}`], { fix: `resume with --resume ${dir} alone` });
    }
    shard = was;
    previous = readRecords(dir, { repair: true });
    const { failure: _failure, ...rest } = old;
    manifest = { ...rest, status: 'running', updatedAt: now };
  } else {
    if (existsSync(join(dir, MANIFEST))) {
      throw new ConfigError([`${dir} already holds a run`], { fix: `resume it with --resume ${dir}, or choose another --out` });
    }
    manifest = newManifest({ options, models, fingerprint, tasks, now });
    if (shard) manifest.settings.shard = shard;
  }
  writeManifest(dir, manifest);

  // Work items, system-major (for agents alone: agent-major, so a real engine swaps models as rarely as possible).
  const done = new Map(previous.filter((r) => r.status !== 'infra-error').map((r) => [r.key, r]));
  const systems = options.systems ?? agentsAlone(agents);
  const label = (system: string) => system.replace(/^(agent|router):/, '');
  const items: { spec: System; suite: Suite; task: Task; key: string }[] = [];
  for (const spec of systems) {
    for (const [suite, ts] of tasksBySuite) {
      for (const task of ts) if (!spec.accepts || spec.accepts(task.id)) items.push({ spec, suite, task, key: attemptKey(spec.name, task.id) });
    }
  }
  if (shard && shard.count > 1) {
    const to = assignShards(items.map((it) => ({ system: it.spec.name, taskId: it.task.id, bin: binOf(it.task.tau) })), shard.count);
    let kept = 0;
    for (let i = 0; i < items.length; i++) if (to[i] === shard.index) items[kept++] = items[i]!;
    items.length = kept;
  }
  const total: Record<string, number> = {};
  const doneCount: Record<string, number> = {};
  const passedCount: Record<string, number> = {};
  for (const { spec, key } of items) {
    const l = label(spec.name);
    total[l] = (total[l] ?? 0) + 1;
    const prev = done.get(key);
    if (prev) {
      doneCount[l] = (doneCount[l] ?? 0) + 1;
      if (prev.passed) passedCount[l] = (passedCount[l] ?? 0) + 1;
    }
  }
  const agentByName = new Map(agents.map((a) => [a.name, a]));
  options.onEvent?.({ type: 'run-start', dir, total, done: doneCount, passed: passedCount, resumed: done.size });

  const writer = new RecordWriter(dir);
  const aux = options.aux ?? liveAuxCalls({ client, agents, seed: options.seed, dir });
  const limit = pLimit(Math.max(1, options.concurrency));
  const fresh: AttemptRecord[] = [];
  let interrupted = false;
  const guard = options.failFast === null ? undefined : new FailFast(options.failFast ?? DEFAULT_FAIL_FAST);
  let stopped: { why: string; fix?: string } | undefined;
  // The first error (a disk that fills, a bug in a system) stops the run: nothing new starts, attempts in
  // flight are aborted and not recorded, and the manifest says `failed` with the reason.
  let failure: unknown;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const fail = (e: unknown) => {
    failure ??= e;
    stop.abort();
  };
  try {
    await Promise.all(
      items
        .filter(({ key }) => !done.has(key))
        .map(({ spec, suite, task }) =>
          limit(async () => {
            if (failure !== undefined) return;
            if (options.signal?.aborted || stopped) {
              interrupted = true;
              return;
            }
            try {
              const execute = async (agentName: string, attemptOptions: { plan?: string } = {}) => {
                const agent = agentByName.get(agentName);
                if (!agent) throw new Error(`${spec.name}: unknown agent '${agentName}'`);
                const record = await runAttempt({
                  system: spec.name,
                  task,
                  suite,
                  agent,
                  agentImpl: options.agentImpl ?? toolAgent,
                  client,
                  env: { sandbox, ...(options.judge ? { judge: options.judge } : {}) },
                  seed: options.seed,
                  ...(attemptOptions.plan ? { plan: attemptOptions.plan } : {}),
                  signal,
                });
                return { agent: agentName, record };
              };
              const record = await spec.run(asRouterTask(task), { execute, call: aux, replayed: false });
              if (failure !== undefined) return; // the run already failed: this attempt was cut short
              if (options.signal?.aborted && record.status === 'infra-error') {
                interrupted = true;
                return; // cut short by the user: do not record, the resume runs it again
              }
              writer.append(record);
              fresh.push(record);
              stopped ??= guard?.observe(record);
              options.onEvent?.({ type: 'attempt-finish', record });
            } catch (e) {
              fail(e);
            }
          }),
        ),
    );
  } finally {
    try {
      writer.close();
    } catch (e) {
      fail(e);
    }
    // `complete` only when every selected attempt has a record; a crash says `failed` and why.
    const recorded = new Set([...done.keys(), ...fresh.map((r) => r.key)]);
    const missing = items.filter(({ key }) => !recorded.has(key)).length;
    if (failure === undefined && !interrupted && missing > 0) failure = new Error(`${missing} selected attempts have no record`);
    const at = new Date().toISOString();
    manifest = {
      ...manifest,
      status: failure !== undefined ? 'failed' : interrupted ? 'interrupted' : 'complete',
      ...(failure !== undefined ? { failure: { reason: failureReason(failure), at } } : {}),
      updatedAt: at,
    };
    if (failure !== undefined) ctx.freeReserve(); // a full disk still takes the `failed` manifest
    writeManifest(dir, manifest);
  }
  if (failure !== undefined) throw failure;
  options.onEvent?.({ type: 'run-finish', dir, attempts: fresh.length, interrupted });
  return { dir, manifest, records: readRecords(dir), interrupted, ...(stopped ? { stopped } : {}) };
}

/** One line saying why a run failed (an OS error code, or the error's first line). */
function failureReason(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | undefined;
  const msg = String(err?.message ?? e).split('\n')[0]!;
  return typeof err?.code === 'string' && !msg.includes(err.code) ? `${err.code}: ${msg}` : msg;
}
