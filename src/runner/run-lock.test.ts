import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockHolder, lockRunDir, RESERVE_BYTES, RunLockedError } from './run-lock.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sale-lock-'));

describe('run folder lock', () => {
  it('holds the pid, is re-entrant in one process and goes with the last release', () => {
    const dir = tmp();
    const a = lockRunDir(dir);
    const b = lockRunDir(dir);
    const file = join(dir, LOCK_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).pid).toBe(process.pid);
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    b.release();
    expect(existsSync(file)).toBe(true);
    a.release();
    expect(existsSync(file)).toBe(false);
    expect(lockHolder(dir)).toBeNull();
  });

  it('refuses a folder whose holder is alive, naming its pid', async () => {
    const dir = tmp();
    const child = execa('sleep', ['30']);
    try {
      writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ pid: child.pid, host: hostname(), startedAt: 'x' })}\n`);
      let err: unknown;
      try {
        lockRunDir(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RunLockedError);
      expect((err as Error).message).toMatch(new RegExp(`process ${child.pid}`));
    } finally {
      child.kill('SIGKILL');
      await child.catch(() => undefined);
    }
    // The holder is gone now: the stale lock is taken over at once.
    const lock = lockRunDir(dir);
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('never takes over a lock of another host', () => {
    const dir = tmp();
    writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: 'x' })}\n`);
    expect(() => lockRunDir(dir)).toThrow(/on elsewhere\.example/);
  });

  it('reserves disk space that freeReserve gives back; a folder it made and left empty is removed', () => {
    const parent = tmp();
    const dir = join(parent, 'new', 'run');
    const lock = lockRunDir(dir);
    expect(statSync(join(dir, LOCK_FILE)).size).toBe(RESERVE_BYTES);
    lock.freeReserve();
    expect(statSync(join(dir, LOCK_FILE)).size).toBeLessThan(200);
    lock.release();
    expect(existsSync(dir)).toBe(false);
  });
});
