// Internal helpers of the sandbox: finding tools, describing a Python interpreter, building the
// wrapper command line for each isolation level, choosing a throw-away uid and killing what a run
// left behind. Public entry points are in detect.ts and python-sandbox.ts.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
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

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
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
  /** Uid (and gid) to run as, or null to keep ours (when we are not root). */
  uid: number | null;
  limits: SandboxLimits;
  /** RLIMIT_NPROC to set (maxProcesses, raised by our own process count when we cannot change uid). */
  nproc: number;
  script: string;
  args: string[];
}

/** Closes inherited descriptors (fd 3 and up), then execs its arguments. */
const CLOSE_FDS = 'import os, sys; os.closerange(3, os.sysconf("SC_OPEN_MAX")); os.execv(sys.argv[1], sys.argv[1:])';

/** Folders bound read-only into a bwrap sandbox when they exist as real folders. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

/** The argv (program first) that runs the script under the given isolation level. */
export function buildCommand(ctx: CommandContext): string[] {
  const prlimit = findTool('prlimit') ?? 'prlimit';
  const inner: string[] = [
    // First close every file descriptor above 2 that we may have inherited from whoever started us.
    ctx.python.executable,
    '-I',
    '-S',
    '-c',
    CLOSE_FDS,
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
  } else if (setpriv) {
    inner.push(setpriv, '--no-new-privs', '--pdeathsig=KILL', '--');
  }
  // -s: no user site folder; -B: no .pyc files. Not -I: it implies -E, which would ignore the
  // PYTHONHASHSEED we set (the environment is scrubbed anyway), and it drops the script's folder
  // from sys.path, so the extra files could not be imported.
  // -S: no site module. Model code gets the standard library only (as the prompts say), and startup
  // drops from ≈ 170 ms to ≈ 25 ms where site-packages hold .pth files (pyenv, certifi).
  inner.push(ctx.python.executable, '-S', '-s', '-B', ctx.script, ...ctx.args);

  if (ctx.level === 'rlimit') return inner;

  if (ctx.level === 'unshare') {
    const unshare = findTool('unshare') ?? 'unshare';
    const userNs = isRoot() ? [] : ['--user', '--map-root-user'];
    // A shell as pid 1 of the new pid namespace waits for the program and exits with 128+signal
    // when it is killed (unshare 2.38 itself fails to report signals). The subshell keeps the shell
    // from exec-ing the program and its "Killed" notice goes to /dev/null, not the program's stderr.
    const shell = 'exec 3>&2 2>/dev/null; ("$@" 2>&3 3>&-); exit $?';
    return [unshare, ...userNs, '--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--', '/bin/sh', '-c', shell, 'sh', ...inner];
  }

  // bwrap. No --unshare-user: as root it would map only uid 0 and setpriv could not switch uid.
  // Unprivileged (not root), bwrap needs a user namespace and creates one by itself.
  const bwrap = findTool('bwrap') ?? 'bwrap';
  const args: string[] = [
    bwrap,
    ...(isRoot() ? [] : ['--unshare-user']),
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'sandbox',
    '--die-with-parent',
    '--new-session',
  ];
  const mounts = ['/proc', '/dev', '/tmp'];
  const readOnly: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else if (st.isDirectory()) {
      args.push('--ro-bind', dir, dir);
      readOnly.push(dir);
    }
  }
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  const makeParents = (target: string) => {
    for (const dir of parentsToCreate(target, mounts, readOnly)) {
      args.push('--perms', '0755', '--dir', dir);
      mounts.push(dir);
    }
  };
  for (const root of ctx.python.roots) {
    if (readOnly.some((m) => isInside(root, m))) continue;
    makeParents(root);
    args.push('--ro-bind', root, root);
    readOnly.push(root);
    mounts.push(root);
  }
  makeParents(ctx.workDir);
  args.push('--bind', ctx.workDir, ctx.workDir, '--chdir', ctx.workDir, '--', ...inner);
  return args;
}

/**
 * Folders to create (world-searchable) inside the sandbox before binding `target`: every ancestor up
 * to the nearest mount point, unless an ancestor lies inside a read-only bind (where it already
 * exists as on the host). Without this bwrap copies a private mode such as /root's 0700.
 */
export function parentsToCreate(target: string, mountPoints: string[], readOnly: string[]): string[] {
  const chain: string[] = [];
  let dir = path.dirname(target);
  while (dir !== '/' && !mountPoints.includes(dir)) {
    if (readOnly.some((p) => isInside(dir, p))) return [];
    chain.unshift(dir);
    dir = path.dirname(dir);
  }
  return chain;
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
