// Internal helpers of the sandbox: finding tools, describing a Python interpreter, the limits part
// of the command line (namespaces.ts wraps it for each isolation level), choosing a throw-away uid
// and killing what a run left behind. Public entry points are in detect.ts and python-sandbox.ts.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Isolation, SandboxLimits } from './types.ts';

/** The only PATH the sandboxed program sees. */
export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Largest file the program may write (RLIMIT_FSIZE), so a run cannot fill the disk with one file. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Sandboxed programs run as a fresh uid taken at random from this range (when we are root), one uid
 * per run: RLIMIT_NPROC counts processes per real uid, so concurrent runs never share a count, and
 * every process a run leaves behind can be found by its uid and killed.
 */
export const UID_BASE = 2_000_000_000;
export const UID_SPAN = 100_000_000;

const TOOL_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of a system tool, or null. Looks only in the standard system folders. */
export function findTool(name: string): string | null {
  for (const dir of TOOL_DIRS) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** A Python interpreter as it describes itself. */
export interface PythonInfo {
  /** What was asked for ("python3", "/usr/bin/python3", ...). */
  requested: string;
  /** sys.executable: the path the sandbox runs. */
  executable: string;
  /** Folders the interpreter needs (prefixes, the executable's real folder), outermost only. */
  roots: string[];
  version: string;
  /** sys.prefix: a run that reports another one could not read its own standard library. */
  prefix: string;
}

const DESCRIBE = [
  'import json, os, sys',
  'print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "prefix": sys.prefix,',
  ' "dirs": [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,',
  '          os.path.dirname(os.path.realpath(sys.executable))]}))',
].join('\n');

/** Ask an interpreter (run with the parent's own environment, so pyenv shims work) where it lives. */
export async function describePython(requested: string): Promise<PythonInfo | null> {
  try {
    const r = await execa(requested, ['-c', DESCRIBE], { timeout: 15_000, reject: false, stdin: 'ignore' });
    if (r.exitCode !== 0) return null;
    const line = String(r.stdout).trim().split('\n').pop() ?? '';
    const d = JSON.parse(line) as { executable: string; version: string; prefix: string; dirs: string[] };
    if (!d.executable || !path.isAbsolute(d.executable)) return null;
    const dirs = d.dirs.filter((x) => typeof x === 'string' && path.isAbsolute(x)).map((x) => realpathOr(x));
    dirs.push(path.dirname(d.executable));
    return { requested, executable: d.executable, roots: outermost(dirs), version: d.version, prefix: d.prefix };
  } catch {
    return null;
  }
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Drop folders that lie inside another folder of the list. */
export function outermost(dirs: string[]): string[] {
  const uniq = [...new Set(dirs.map((d) => path.resolve(d)))].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const d of uniq) if (!out.some((o) => isInside(d, o))) out.push(d);
  return out;
}

/** Everything needed to build one run's command line. */
export interface CommandContext {
  level: Isolation;
  python: PythonInfo;
  workDir: string;
  /** 'unshare': an empty host folder the new root is mounted on (inside the private namespace). */
  rootDir?: string;
  /** Files of the run folder (relative names): bound one by one into the sandbox's own tmpfs (bwrap). */
  files?: string[];
  /** Uid (and gid) to run as, or null to keep ours (when we are not root). */
  uid: number | null;
  limits: SandboxLimits;
  /** RLIMIT_NPROC to set (maxProcesses, raised by our own process count when we cannot change uid). */
  nproc: number;
  script: string;
  args: string[];
}

/** Closes inherited descriptors (fd 3 and up), then execs its arguments. */
export const CLOSE_FDS = 'import os, sys; os.closerange(3, os.sysconf("SC_OPEN_MAX")); os.execv(sys.argv[1], sys.argv[1:])';

/**
 * The same in bash, which starts in about a quarter of Python's CPU time (≈ 2 ms against ≈ 9 ms, a
 * fair part of a grading run). It closes every descriptor /proc/self/fd lists above 2 and fails
 * closed (exit 125) when /proc is missing or lists something that is not a number.
 */
export const CLOSE_FDS_SH = [
  '[ -d /proc/self/fd ] || { echo "sandbox setup failed: no /proc/self/fd" >&2; exit 125; }',
  'for f in /proc/self/fd/*; do n=${f##*/}',
  '  case $n in 0|1|2) ;; *[!0-9]*|"") echo "sandbox setup failed: fd $n" >&2; exit 125 ;; *) eval "exec $n>&-" 2>/dev/null ;; esac',
  'done',
  'exec "$@"',
].join('\n');

/**
 * The first stage of a run: close inherited descriptors (bash when present, else Python), then exec.
 * bash exports SHLVL (and PWD when it had none) to what it execs, so `env -u` takes them out again
 * and the program's environment stays exactly the scrubbed one (keepPwd: PWD was in it already).
 * --norc: Debian's bash sources ~/.bashrc when its stdin is a socket (as Node's pipes are).
 */
export function closeFdsCommand(python: string, keepPwd: boolean): string[] {
  const bash = findTool('bash');
  const env = findTool('env');
  if (!bash || !env) return [python, '-I', '-S', '-c', CLOSE_FDS];
  return [bash, '--norc', '--noprofile', '-c', CLOSE_FDS_SH, 'sale-close-fds', env, '-u', 'SHLVL', '-u', '_', '-u', 'OLDPWD', ...(keepPwd ? [] : ['-u', 'PWD']), '--'];
}

/** The limits, uid change and interpreter: what runs inside the isolation (after its first stage). */
export function innerCommand(ctx: CommandContext): string[] {
  const prlimit = findTool('prlimit') ?? 'prlimit';
  const inner: string[] = [
    prlimit,
    `--as=${ctx.limits.memoryMb * 1024 * 1024}`,
    `--cpu=${ctx.limits.cpuSeconds}:${ctx.limits.cpuSeconds + 1}`,
    `--nproc=${ctx.nproc}`,
    `--fsize=${MAX_FILE_BYTES}`,
    '--core=0',
    '--',
  ];
  const setpriv = findTool('setpriv');
  if (ctx.uid !== null) {
    if (!setpriv) throw new Error('setpriv is needed to change uid');
    inner.push(
      setpriv,
      `--reuid=${ctx.uid}`,
      `--regid=${ctx.uid}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--no-new-privs',
      '--pdeathsig=KILL',
      '--',
    );
  } else if (setpriv && ctx.level === 'unshare') {
    // Not root: ns-setup ran as root of a user namespace, and the program would keep that root and
    // every capability in its namespaces (it could remount the read-only system folders read-write
    // and write what our own user owns there, e.g. an interpreter under $HOME). The no-root
    // securebits and an empty bounding set make it an ordinary process with no capabilities.
    inner.push(
      setpriv,
      '--securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked,+keep_caps_locked',
      '--bounding-set=-all',
      '--inh-caps=-all',
      '--no-new-privs',
      '--pdeathsig=KILL',
      '--',
    );
  } else if (setpriv) {
    inner.push(setpriv, '--no-new-privs', '--pdeathsig=KILL', '--');
  }
  // -s: no user site folder; -B: no .pyc files. Not -I: it implies -E, which would ignore the
  // PYTHONHASHSEED we set (the environment is scrubbed anyway), and it drops the script's folder
  // from sys.path, so the extra files could not be imported.
  // -S: no site module. Model code gets the standard library only (as the prompts say), and startup
  // drops from ≈ 170 ms to ≈ 25 ms where site-packages hold .pth files (pyenv, certifi).
  inner.push(ctx.python.executable, '-S', '-s', '-B', ctx.script, ...ctx.args);
  return inner;
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Pids whose real uid is `uid`, read from /proc. */
export function pidsOfUid(uid: number): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const m = /^Uid:\s+(\d+)/m.exec(status);
      if (m && Number(m[1]) === uid) out.push(Number(e));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** SIGKILL every process of `uid` until none is left (a fork bomb keeps making new ones for a while). */
export async function killUid(uid: number): Promise<number> {
  let killed = 0;
  for (let round = 0; round < 200; round++) {
    const pids = pidsOfUid(uid);
    if (pids.length === 0) return killed;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed++;
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, round < 10 ? 2 : 20));
  }
  return killed;
}

const uidsInUse = new Set<number>();

/** A uid for one run: random in the range, not used by this process nor by any live process. */
export function takeUid(): number {
  for (let i = 0; i < 1000; i++) {
    const uid = UID_BASE + Math.floor(Math.random() * UID_SPAN);
    if (uidsInUse.has(uid)) continue;
    if (pidsOfUid(uid).length > 0) continue;
    uidsInUse.add(uid);
    return uid;
  }
  throw new Error('could not find a free sandbox uid');
}

export function releaseUid(uid: number): void {
  uidsInUse.delete(uid);
}

/** Number of processes whose real uid is ours (for RLIMIT_NPROC when we cannot switch uid). */
export function ownProcessCount(): number {
  if (typeof process.getuid !== 'function') return 0;
  return pidsOfUid(process.getuid()).length;
}
