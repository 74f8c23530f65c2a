// Run folders and what a run may leave behind.
//
// Each run gets `<tmp>/sale-sbx-<our pid>-XXXXXX` (and, under 'unshare', an empty `…-root` folder the
// private root is mounted on inside the run's own mount namespace). They are removed after the run.
// A harness that was SIGKILLed cannot remove them, so the first sandbox of every process sweeps the
// folders whose owner pid is gone, first killing every process of the throw-away uid the folder was
// given (under 'rlimit' a daemon can outlive a SIGKILLed harness; this is where it dies).
// Under 'rlimit' (no private /tmp) the files a run's uid created in the shared temp folders are
// removed after the run as well.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killUid, UID_BASE, UID_SPAN } from './command.ts';
import type { Isolation } from './types.ts';

export const RUN_PREFIX = 'sale-sbx-';
/** Shared temp folders a program can write to when it has no private ones. */
export const SHARED_TEMP = ['/tmp', '/var/tmp', '/dev/shm'];

export interface RunDirs {
  workDir: string;
  rootDir?: string;
}

export async function makeRunDirs(level: Isolation): Promise<RunDirs> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  if (level !== 'unshare') return { workDir };
  const rootDir = `${workDir}-root`;
  await mkdir(rootDir, { mode: 0o700 });
  return { workDir, rootDir };
}

export async function removeRunDirs(dirs: RunDirs): Promise<void> {
  await rm(dirs.workDir, { recursive: true, force: true, maxRetries: 3 });
  if (dirs.rootDir) await rm(dirs.rootDir, { recursive: true, force: true, maxRetries: 3 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const inUidRange = (uid: number) => uid >= UID_BASE && uid < UID_BASE + UID_SPAN;

let swept: Promise<number> | null = null;

/** Remove run folders (and kill the processes) of harnesses that are gone; once per process. */
export function sweepStaleRuns(): Promise<number> {
  swept ??= sweep(os.tmpdir());
  return swept;
}

/** The sweep itself (tests call it on a folder of their own). Returns the number of folders removed. */
export async function sweep(dir: string): Promise<number> {
  let removed = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const m = new RegExp(`^${RUN_PREFIX}(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const full = path.join(dir, name);
    try {
      const st = lstatSync(full);
      if (!st.isDirectory()) continue;
      if (inUidRange(st.uid)) await killUid(st.uid);
    } catch {
      continue;
    }
    rmSync(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Under 'rlimit': remove what `uid` created in the shared temp folders (top level; its folders whole). */
export function removeFilesOf(uid: number, dirs: string[] = SHARED_TEMP): number {
  let removed = 0;
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      try {
        if (lstatSync(full).uid !== uid) continue;
        rmSync(full, { recursive: true, force: true });
        removed++;
      } catch {
        // gone already
      }
    }
  }
  return removed;
}
