// Finds which isolation level works on this machine by running a tiny program under each, strongest
// first, with the same command line a real run uses. Results are cached per process.
import { chown, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { SandboxError } from '../errors.ts';
import type { Isolation, SandboxLimits } from './types.ts';
import { makeRunDirs, removeRunDirs } from './cleanup.ts';
import { buildCommand } from './namespaces.ts';
import {
  describePython,
  findTool,
  isRoot,
  killUid,
  ownProcessCount,
  releaseUid,
  SANDBOX_PATH,
  takeUid,
  type PythonInfo,
} from './command.ts';

export const ISOLATION_LEVELS: readonly Isolation[] = ['bwrap', 'unshare', 'rlimit'];

export interface DetectOptions {
  /** Force this level; a SandboxError (with a fix) is thrown when it does not work here. */
  isolation?: Isolation;
  /** Interpreter to use; default: `python3` on our PATH, else /usr/bin/python3, /usr/local/bin/python3. */
  python?: string;
}

export interface LevelProbe {
  level: Isolation;
  ok: boolean;
  /** Why the level failed (first lines of its error output). */
  error?: string;
}

export interface IsolationInfo {
  isolation: Isolation;
  python: PythonInfo;
  /** Uid changing is in use: each run gets its own throw-away uid (we are root and have setpriv). */
  dropsUid: boolean;
  warnings: string[];
  probes: LevelProbe[];
}

const cache = new Map<string, Promise<IsolationInfo>>();

/** Which isolation level works here (cached per process for each option set). */
export function detectIsolation(options: DetectOptions = {}): Promise<IsolationInfo> {
  const key = `${options.isolation ?? 'auto'}\u0000${options.python ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = detect(options);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forget cached probes (tests). */
export function clearIsolationCache(): void {
  cache.clear();
}

/** The environment every sandboxed program gets, and nothing else. */
export function sandboxEnv(home: string): Record<string, string> {
  return { PATH: SANDBOX_PATH, HOME: home, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' };
}

const PROBE_LIMITS: SandboxLimits = { timeoutMs: 10_000, cpuSeconds: 10, memoryMb: 512, maxProcesses: 32, maxOutputBytes: 4096 };
const PROBE_CODE = [
  'import json, os, socket, sys',
  'try:',
  '    nics = sorted(n for _, n in socket.if_nameindex())',
  'except OSError:',
  '    nics = None',
  'print("sale-probe " + json.dumps({"uid": os.getuid(), "nics": nics, "prefix": sys.prefix}))',
].join('\n');

const FIXES: Record<Isolation, (missing: boolean) => string> = {
  bwrap: (missing) =>
    missing
      ? 'apt-get install bubblewrap'
      : 'bubblewrap needs namespaces: run as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or kernel.apparmor_restrict_unprivileged_userns=0)',
  unshare: (missing) =>
    missing
      ? 'apt-get install util-linux'
      : 'unshare needs namespaces: run as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)',
  rlimit: () => 'apt-get install util-linux (for prlimit and setpriv)',
};

function toolsFor(level: Isolation): string[] {
  const tools = ['prlimit'];
  if (isRoot()) tools.push('setpriv');
  if (level === 'bwrap') tools.push('bwrap');
  if (level === 'unshare') tools.push('unshare');
  return tools;
}

async function candidates(python: string | undefined): Promise<PythonInfo[]> {
  const asked = python ? [python] : ['python3', '/usr/bin/python3', '/usr/local/bin/python3'];
  const out: PythonInfo[] = [];
  for (const name of asked) {
    const info = await describePython(name);
    if (info && !out.some((o) => o.executable === info.executable)) out.push(info);
  }
  return out;
}

async function detect(options: DetectOptions): Promise<IsolationInfo> {
  const pythons = await candidates(options.python);
  if (pythons.length === 0) {
    throw new SandboxError(`no working Python interpreter found (${options.python ?? 'python3'})`, {
      fix: options.python ? `check that '${options.python}' runs` : 'apt-get install python3',
    });
  }
  const levels = options.isolation ? [options.isolation] : ISOLATION_LEVELS;
  const probes: LevelProbe[] = [];
  for (const level of levels) {
    const missing = toolsFor(level).filter((t) => !findTool(t));
    if (missing.length > 0) {
      probes.push({ level, ok: false, error: `missing ${missing.join(', ')}` });
      continue;
    }
    const errors: string[] = [];
    for (const python of pythons) {
      const err = await probe(level, python);
      if (err === null) {
        probes.push({ level, ok: true });
        return { isolation: level, python, dropsUid: isRoot(), warnings: warningsFor(level, python, pythons, probes), probes };
      }
      errors.push(`${python.executable}: ${err}`);
    }
    probes.push({ level, ok: false, error: errors.join('; ') });
  }
  const tried = probes.map((p) => `${p.level}: ${p.error ?? 'failed'}`).join('\n  ');
  if (options.isolation) {
    const missing = probes[0]?.error?.startsWith('missing') ?? false;
    throw new SandboxError(`sandbox isolation '${options.isolation}' does not work on this machine:\n  ${tried}`, {
      fix: FIXES[options.isolation](missing),
    });
  }
  throw new SandboxError(`no sandbox isolation works on this machine:\n  ${tried}`, { fix: FIXES.rlimit(true) });
}

function warningsFor(level: Isolation, python: PythonInfo, pythons: PythonInfo[], probes: LevelProbe[]): string[] {
  const w: string[] = [];
  const why = (l: Isolation) => probes.find((p) => p.level === l && !p.ok)?.error;
  if (level === 'unshare') {
    const reason = why('bwrap');
    w.push(
      `sandbox: ${reason ? `bubblewrap is not usable (${reason}); ` : ''}using 'unshare', which builds the same private root ` +
        '(read-only system folders, private /proc, /tmp, no network) with mount namespaces. For the reference setup: apt-get install bubblewrap',
    );
  }
  if (level === 'rlimit') {
    w.push(
      "sandbox: only resource limits ('rlimit'): sandboxed code HAS network access and can see the filesystem and other processes; " +
        'runs of model-written code refuse it without --unsafe. Fix: apt-get install bubblewrap (and run as root or allow unprivileged user namespaces)',
    );
  }
  if (!isRoot()) {
    w.push('sandbox: not running as root, so programs run as our own user; the process limit counts all our processes and a program can touch our files where the isolation level allows.');
  }
  if (python !== pythons[0]) {
    w.push(`sandbox: ${pythons[0]!.executable} (${pythons[0]!.version}) cannot run under '${level}'; using ${python.executable} (${python.version}) instead`);
  }
  return w;
}

/** Run the probe program under one level; null when it worked, else the reason. */
async function probe(level: Isolation, python: PythonInfo): Promise<string | null> {
  const dirs = await makeRunDirs(level);
  const { workDir } = dirs;
  const uid = isRoot() ? takeUid() : null;
  try {
    await writeFile(path.join(workDir, 'main.py'), PROBE_CODE);
    if (uid !== null) await chown(workDir, uid, uid);
    const nproc = uid !== null ? PROBE_LIMITS.maxProcesses : ownProcessCount() + PROBE_LIMITS.maxProcesses;
    const argv = buildCommand({ level, python, workDir, ...(dirs.rootDir ? { rootDir: dirs.rootDir } : {}), uid, limits: PROBE_LIMITS, nproc, script: 'main.py', args: [] });
    const r = await execa(argv[0]!, argv.slice(1), {
      cwd: workDir,
      env: sandboxEnv(workDir),
      extendEnv: false,
      stdin: 'ignore',
      timeout: PROBE_LIMITS.timeoutMs,
      reject: false,
    });
    const line = String(r.stdout).split('\n').find((l) => l.startsWith('sale-probe '));
    if (r.exitCode !== 0 || !line) {
      const err = String(r.stderr).trim().split('\n').slice(0, 3).join(' | ');
      return r.timedOut ? 'probe timed out' : err || `exit ${r.exitCode ?? r.signal}`;
    }
    const seen = JSON.parse(line.slice('sale-probe '.length)) as { uid: number; nics: string[] | null; prefix: string };
    if (uid !== null && seen.uid !== uid) return `ran as uid ${seen.uid}, not ${uid}`;
    if (seen.prefix !== python.prefix) return `cannot read its standard library in ${python.prefix} (ran with ${seen.prefix})`;
    if (level !== 'rlimit' && seen.nics !== null && seen.nics.some((n) => n !== 'lo')) {
      return `network not isolated (sees ${seen.nics.join(', ')})`;
    }
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  } finally {
    if (uid !== null) {
      await killUid(uid);
      releaseUid(uid);
    }
    await removeRunDirs(dirs);
  }
}
