// One writer per run folder: `run.lock` holds the writer's pid and host. It is created atomically
// (link(2) of a fully written file: no reader ever sees a half-written lock), removed on release and on
// process exit, and taken over when its holder is gone (same host, pid no longer alive), so a SIGKILLed
// run can be resumed at once. A second writer is refused with the holder's pid.
//
// The lock file also reserves RESERVE_BYTES of disk: when the disk fills mid-run, freeReserve() gives
// that space back so the manifest can still say `failed` and why.
//
// Limits (stated, not hidden): a pid reused by an unrelated process after a crash keeps the lock held
// (remove run.lock by hand; the error says so); on a network file system a lock of another host is
// never taken over; two processes recovering the same stale lock in the same instant may both fail
// (then run again) but never both write.
import { closeSync, fsyncSync, ftruncateSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SaleError } from '../errors.ts';

export const LOCK_FILE = 'run.lock';
export const RESERVE_BYTES = 64 * 1024;

/** Another live process writes this run folder. */
export class RunLockedError extends SaleError {
  readonly holder: LockHolder;
  constructor(dir: string, holder: LockHolder) {
    const sameHost = holder.host === hostname();
    super(`${dir} is being written by process ${holder.pid}${sameHost ? '' : ` on ${holder.host}`} (since ${holder.startedAt}); two processes must never write one run`, {
      fix: sameHost
        ? `wait for it to finish or stop it (kill -INT ${holder.pid}), then resume; if no such run is alive, delete ${join(dir, LOCK_FILE)}`
        : `stop it on ${holder.host}, or delete ${join(dir, LOCK_FILE)} if it is gone`,
    });
    this.name = 'RunLockedError';
    this.holder = holder;
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface RunLock {
  readonly dir: string;
  /** Give back the reserved disk space (before writing the `failed` manifest on a full disk). */
  freeReserve(): void;
  /** Release once; the lock goes when every holder in this process has released it. */
  release(): void;
}

interface Held {
  fd: number;
  count: number;
  /** This process created the folder: remove it again if the run wrote nothing. */
  created: boolean;
  header: number;
}
const held = new Map<string, Held>();

function readHolder(file: string): LockHolder | null {
  try {
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    const h = JSON.parse(first) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** True when the lock's holder is certainly gone (same host, dead pid), or the lock is our own leftover. */
function stale(holder: LockHolder | null, file: string): boolean {
  if (!holder) {
    // Unreadable: created by a link(2) of a complete file, so this is not a lock being written. Old → stale.
    try {
      return Date.now() - statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  return holder.host === hostname() && (holder.pid === process.pid ? !held.has(file) : !alive(holder.pid));
}

/** Take the lock of a run folder (creating the folder if needed). Re-entrant within one process. */
export function lockRunDir(dirArg: string): RunLock {
  const dir = resolve(dirArg);
  const file = join(dir, LOCK_FILE);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return handle(dir, file);
  }
  const created = mkdirs(dir);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const header = `${JSON.stringify(holder)}\n`;
  const tmp = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    if (created) removeIfEmpty(dir);
    throw e;
  }
  try {
    writeSync(fd, header);
    writeSync(fd, Buffer.alloc(RESERVE_BYTES - header.length, 0x20));
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    if (created) removeIfEmpty(dir); // a full disk at the start leaves nothing behind
    throw e;
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, file);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
        const other = readHolder(file);
        if (attempt > 0 || !stale(other, file)) {
          throw new RunLockedError(dir, other ?? { pid: 0, host: '?', startedAt: 'unknown' });
        }
        // Move the stale lock aside, check it is the one judged stale, then drop it.
        const aside = `${file}.stale.${process.pid}`;
        try {
          renameSync(file, aside);
        } catch {
          continue; // someone else removed it first: try again
        }
        const moved = readHolder(aside);
        if (moved && other && (moved.pid !== other.pid || moved.startedAt !== other.startedAt)) {
          // A live lock appeared in between: put it back and give up.
          try {
            linkSync(aside, file);
          } catch {
            /* a third writer holds it now */
          }
          unlinkSync(aside);
          throw new RunLockedError(dir, moved);
        }
        unlinkSync(aside);
      }
    }
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    if (created) removeIfEmpty(dir);
    throw e;
  }
  unlinkSync(tmp);
  held.set(file, { fd, count: 1, created, header: Buffer.byteLength(header) });
  return handle(dir, file);
}

/** mkdir -p one level at a time (a recursive mkdir spins forever under /proc); true when `dir` was made. */
function mkdirs(dir: string): boolean {
  try {
    statSync(dir);
    return false;
  } catch {
    const parent = dirname(dir);
    if (parent !== dir) mkdirs(parent);
    mkdirSync(dir);
    return true;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    /* not ours to clean */
  }
}

function drop(file: string, h: Held): void {
  held.delete(file);
  try {
    closeSync(h.fd);
  } catch {
    /* already closed */
  }
  try {
    if (readHolder(file)?.pid === process.pid) unlinkSync(file);
  } catch {
    /* gone already */
  }
}

function handle(dir: string, file: string): RunLock {
  let released = false;
  return {
    dir,
    freeReserve() {
      const h = held.get(file);
      if (h) ftruncateSync(h.fd, h.header);
    },
    release() {
      if (released) return;
      released = true;
      const h = held.get(file);
      if (!h || --h.count > 0) return;
      drop(file, h);
      if (h.created) removeIfEmpty(dir);
    },
  };
}

/** Whether a live process holds the run folder's lock (a `running` manifest without one crashed). */
export function lockHolder(dir: string): LockHolder | null {
  const file = join(resolve(dir), LOCK_FILE);
  const h = readHolder(file);
  return h && !stale(h, file) ? h : null;
}

// A process that ends without releasing (uncaught error, process.exit) still leaves no lock behind.
process.on('exit', () => {
  for (const [file, h] of held) drop(file, h);
});
