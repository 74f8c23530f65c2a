// The sandbox that runs model-written Python.
//
// Every run gets a fresh folder (cleanup.ts: `sale-sbx-<our pid>-XXXXXX`, main.py plus the request's
// extra files, removed afterwards whatever happens) and a scrubbed environment: PATH=/usr/local/bin:
// /usr/bin:/bin, HOME=the folder, LANG=C.UTF-8, PYTHONDONTWRITEBYTECODE=1, PYTHONHASHSEED=0 and
// nothing else (bwrap adds PWD). Python runs as `python -S -s -B main.py ARGS` (command.ts says why
// not -I). Inherited file descriptors above 2 are closed before the program starts. Limits:
//   - wall clock: on timeout the whole process group is SIGKILLed, and with it the pid namespace
//     (bwrap, unshare) and every process of the run's uid; status "timeout";
//   - CPU seconds (RLIMIT_CPU: SIGXCPU, then SIGKILL a second later; status "cpu limit"), address
//     space (RLIMIT_AS: MemoryError; "memory limit"), processes (RLIMIT_NPROC), file size
//     (RLIMIT_FSIZE, 256 MiB), no core files; disk: 64 MiB tmpfs each for the run folder, /tmp,
//     /var/tmp and /dev/shm (bwrap, unshare);
//   - output: stdout and stderr are each kept up to maxOutputBytes (cut on a UTF-8 boundary;
//     outputTruncated is set; a program that ends by itself keeps its own status); a program that
//     keeps writing far past that (2×cap + max(1 MiB, 8×cap) in all) is killed: "output limit".
//     A request with `attach` talks to the program over its stdin and stdout instead (the grader).
// Statuses: "ok", "exit N", "timeout", "memory limit", "cpu limit", "output limit", "killed by SIGNAME".
//
// Users and the process limit. Root is exempt from RLIMIT_NPROC, so when we are root each run
// executes as its own throw-away uid, drawn at random from [2_000_000_000, 2_100_000_000), via
// setpriv (no groups, no capabilities, no_new_privs, parent-death SIGKILL); the run folder is
// chowned to it. One uid per run means concurrent runs never share a process count, and after every
// run all processes of that uid are killed (and, under rlimit, its files in the shared temp folders
// removed). When we are not root, programs run as our own user, RLIMIT_NPROC is set to our current
// process count plus maxProcesses, and leftovers are found through the process group and pid namespace.
//
// Inherited descriptors are closed by a first stage (bash, else Python; command.ts closeFdsCommand).
// Isolation levels (namespaces.ts builds each command line; the README's threat model has the
// attack table): 'bwrap' and 'unshare' give the same private root (read-only system folders, private
// /proc, /dev, /tmp, no network, pid/ipc/uts namespaces); 'rlimit' gives the limits and the uid only
// and is refused for model-written code without --unsafe (policy.ts).
// Under 'bwrap' and 'unshare' the program's pid-1 wrapper reports death by signal N as exit code
// 128+N, so an exit code above 128 that names a signal is read as that signal.
import { chown, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { SandboxError } from '../errors.ts';
import { isRoot, killUid, ownProcessCount, releaseUid, takeUid, type PythonInfo } from './command.ts';
import { makeRunDirs, removeFilesOf, removeRunDirs, sweepStaleRuns } from './cleanup.ts';
import { buildCommand } from './namespaces.ts';
import { Capture } from './capture.ts';
export { utf8Boundary } from './capture.ts';
import { detectIsolation, sandboxEnv } from './detect.ts';
import type { Isolation, Sandbox, SandboxLimits, SandboxRequest, SandboxResult } from './types.ts';

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: 10_000,
  cpuSeconds: 10,
  memoryMb: 512,
  maxProcesses: 32,
  maxOutputBytes: 64 * 1024,
};

export interface CreateSandboxOptions {
  /** Force an isolation level (throws a SandboxError naming the fix when it does not work here). */
  isolation?: Isolation;
  /** Default limits for every run (a request's own limits override them). */
  defaults?: Partial<SandboxLimits>;
  /** Python interpreter (name on our PATH or absolute path); default python3, falling back to /usr/bin/python3. */
  python?: string;
}

export interface PythonSandbox extends Sandbox {
  /** The interpreter the sandbox runs, and its version. */
  readonly python: { executable: string; version: string };
  readonly limits: Readonly<SandboxLimits>;
}

/** Detect the isolation (cached per process) and return a sandbox using it. */
export async function createSandbox(options: CreateSandboxOptions = {}): Promise<PythonSandbox> {
  const limits = checkLimits({ ...DEFAULT_LIMITS, ...definedOnly(options.defaults) });
  const detectOptions: { isolation?: Isolation; python?: string } = {};
  if (options.isolation) detectOptions.isolation = options.isolation;
  if (options.python) detectOptions.python = options.python;
  await sweepStaleRuns();
  const info = await detectIsolation(detectOptions);
  return {
    isolation: info.isolation,
    warnings: [...info.warnings],
    python: { executable: info.python.executable, version: info.python.version },
    limits,
    runPython: (request) => runPython(info.isolation, info.python, info.dropsUid, limits, request),
  };
}

function definedOnly<T extends object>(o: Partial<T> | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function checkLimits(l: SandboxLimits): SandboxLimits {
  for (const [k, v] of Object.entries(l)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new SandboxError(`sandbox limit ${k} must be a positive number, got ${String(v)}`);
  }
  return {
    timeoutMs: Math.ceil(l.timeoutMs),
    cpuSeconds: Math.ceil(l.cpuSeconds),
    memoryMb: Math.ceil(l.memoryMb),
    maxProcesses: Math.ceil(l.maxProcesses),
    maxOutputBytes: Math.ceil(l.maxOutputBytes),
  };
}

/** Where a file of the request may go: a relative path inside the run folder, not main.py. */
function filePath(workDir: string, name: string): string {
  const full = path.resolve(workDir, name);
  const rel = path.relative(workDir, full);
  if (!name || path.isAbsolute(name) || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new SandboxError(`sandbox file name '${name}' must be a relative path inside the run folder`);
  }
  if (rel === 'main.py') throw new SandboxError("sandbox file name 'main.py' is reserved for the program");
  return full;
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(os.constants.signals).map(([name, n]) => [n, name]));

/** Process groups of runs in progress, killed if this process exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const g of liveGroups) killGroup(g);
    });
  }
  liveGroups.add(pid);
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // group already gone
  }
}

async function runPython(
  isolation: Isolation,
  python: PythonInfo,
  dropsUid: boolean,
  defaults: SandboxLimits,
  request: SandboxRequest,
): Promise<SandboxResult> {
  const limits = checkLimits({ ...defaults, ...definedOnly(request.limits) });
  const dirs = await makeRunDirs(isolation);
  const { workDir } = dirs;
  const uid = dropsUid && isRoot() ? takeUid() : null;
  const started = performance.now();
  try {
    await writeFile(path.join(workDir, 'main.py'), request.code);
    for (const [name, content] of Object.entries(request.files ?? {})) {
      const full = filePath(workDir, name);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
      if (uid !== null) await chown(full, uid, uid);
    }
    if (uid !== null) {
      await chownDirs(workDir, Object.keys(request.files ?? {}), uid);
      await chown(path.join(workDir, 'main.py'), uid, uid);
    }
    const nproc = uid !== null ? limits.maxProcesses : ownProcessCount() + limits.maxProcesses;
    const files = Object.keys(request.files ?? {});
    const argv = buildCommand({ level: isolation, python, workDir, ...(dirs.rootDir ? { rootDir: dirs.rootDir } : {}), files, uid, limits, nproc, script: 'main.py', args: request.args ?? [] });
    return await execute(argv, { isolation, workDir, uid, limits, stdin: request.stdin, attach: request.attach, started });
  } finally {
    if (uid !== null) {
      await killUid(uid);
      if (isolation === 'rlimit') removeFilesOf(uid);
      releaseUid(uid);
    }
    await removeRunDirs(dirs);
  }
}

/** Give the run folder and the sub-folders created for extra files to the run's uid. */
async function chownDirs(workDir: string, names: string[], uid: number): Promise<void> {
  const dirs = new Set<string>([workDir]);
  for (const name of names) {
    let d = path.dirname(path.resolve(workDir, name));
    while (d.startsWith(workDir + path.sep)) {
      dirs.add(d);
      d = path.dirname(d);
    }
  }
  for (const d of dirs) await chown(d, uid, uid);
}

interface ExecuteContext {
  isolation: Isolation;
  workDir: string;
  uid: number | null;
  limits: SandboxLimits;
  stdin: string | undefined;
  attach: SandboxRequest['attach'];
  started: number;
}

async function execute(argv: string[], ctx: ExecuteContext): Promise<SandboxResult> {
  const { limits } = ctx;
  const out = new Capture(limits.maxOutputBytes);
  const err = new Capture(limits.maxOutputBytes);
  // Past this many bytes (both streams) the program is flooding: kill it.
  const floodBytes = 2 * limits.maxOutputBytes + Math.max(1024 * 1024, 8 * limits.maxOutputBytes);
  let killedFor: 'timeout' | 'output' | null = null;

  const sub = execa(argv[0]!, argv.slice(1), {
    cwd: ctx.workDir,
    env: sandboxEnv(ctx.workDir),
    extendEnv: false,
    detached: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    ...(ctx.attach ? { stdin: 'pipe' as const } : ctx.stdin !== undefined ? { input: ctx.stdin } : { stdin: 'ignore' as const }),
  });
  const pgid = sub.pid;
  const killAll = (reason: 'timeout' | 'output') => {
    if (killedFor === null) killedFor = reason;
    if (pgid !== undefined) killGroup(pgid);
    if (ctx.uid !== null) void killUid(ctx.uid);
  };
  if (pgid !== undefined) trackGroup(pgid);
  const timer = setTimeout(() => killAll('timeout'), limits.timeoutMs);
  const onData = (capture: Capture) => (chunk: Buffer) => {
    capture.push(chunk);
    if (out.seen + err.seen > floodBytes && killedFor === null) killAll('output');
  };
  if (ctx.attach && sub.stdin && sub.stdout) {
    sub.stdin.on('error', () => {}); // the program may exit without reading everything
    ctx.attach({ stdin: sub.stdin, stdout: sub.stdout, kill: () => killAll('output') });
  } else sub.stdout?.on('data', onData(out));
  sub.stderr?.on('data', onData(err));
  // When the program ends, kill what it left running (it may hold our pipes open). bwrap, unshare:
  // the pid namespace died with its pid 1; runPython's uid sweep still looks, once (a /proc scan).
  sub.once('exit', () => {
    if (pgid !== undefined) killGroup(pgid);
    if (ctx.uid !== null && ctx.isolation === 'rlimit') void killUid(ctx.uid);
  });

  let result;
  try {
    result = await sub;
  } finally {
    clearTimeout(timer);
    if (pgid !== undefined) {
      killGroup(pgid);
      liveGroups.delete(pgid);
    }
  }
  const durationMs = Math.round(performance.now() - ctx.started);
  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    throw new SandboxError(`could not start the sandbox: ${result.shortMessage ?? result.message}`, { cause: result });
  }

  let exitCode: number | null = result.exitCode ?? null;
  let signal: string | null = result.signal ?? null;
  if (ctx.isolation !== 'rlimit' && exitCode !== null && exitCode > 128 && SIGNAL_NAMES.has(exitCode - 128)) {
    signal = SIGNAL_NAMES.get(exitCode - 128)!;
    exitCode = null;
  }
  const stdout = out.text();
  const stderr = err.text();
  const status = describe({ killedFor, exitCode, signal, stderr, durationMs, cpuSeconds: limits.cpuSeconds });
  return {
    stdout,
    stderr,
    exitCode,
    signal,
    timedOut: killedFor === 'timeout',
    outputTruncated: out.truncated || err.truncated,
    status,
    durationMs,
    isolation: ctx.isolation,
  };
}

function describe(r: {
  killedFor: 'timeout' | 'output' | null;
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  durationMs: number;
  cpuSeconds: number;
}): string {
  if (r.killedFor === 'timeout') return 'timeout';
  if (r.killedFor === 'output') return 'output limit';
  if (r.signal === 'SIGXCPU') return 'cpu limit';
  const failed = r.signal !== null || (r.exitCode !== null && r.exitCode !== 0);
  if (failed && /\bMemoryError\b|Cannot allocate memory|out of memory/i.test(r.stderr.slice(-4000))) return 'memory limit';
  // The hard CPU limit (one second past the soft one) ends a program that ignores SIGXCPU.
  if (r.signal === 'SIGKILL' && r.durationMs >= r.cpuSeconds * 1000) return 'cpu limit';
  if (r.signal !== null) return `killed by ${r.signal}`;
  return r.exitCode === 0 ? 'ok' : `exit ${r.exitCode}`;
}
