// The run folder against a read-only disk, a full disk, two writers and Ctrl-C, with real file systems
// (a tmpfs mounted for the test, where the machine allows it) and real processes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { SALE_BIN } from './support/cli.ts';
import { saleInProcess } from './support/in-process.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini-coding.jsonl', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-folder-'));
const keysOf = (dir: string) => readFileSync(join(dir, 'records.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status: string; failure?: { reason: string } };

/** Mount a tmpfs at a fresh folder (root only); null where the machine does not allow it. */
function mountTmpfs(options: string): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = tmp();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const umount = (dir: string) => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
const canMount = (() => {
  const d = mountTmpfs('size=64k');
  if (d) umount(d);
  return d !== null;
})();

describe('the run folder', () => {
  it.skipIf(!canMount)('a read-only disk is refused with one line before anything runs', async () => {
    const ro = mountTmpfs('ro,size=64k')!;
    try {
      const r = await saleInProcess(['bench', 'run', '--provider', 'sim', '--agents', '4b', '--tasks', MINI, '--out', join(ro, 'run')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error: --out .*\/run: .* is on a read-only file system/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      umount(ro);
    }
  });

  it.skipIf(!canMount)('a disk that fills mid-run: one line, `failed` with ENOSPC, and the printed resume command finishes the run once space is free', async () => {
    const disk = mountTmpfs('size=100k')!;
    try {
      const out = join(disk, 'run');
      const r = await saleInProcess(['bench', 'run', '--provider', 'sim', '--tasks', MINI, '--concurrency', '1', '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/error: .*no space left on the device/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      const m = manifestOf(out);
      expect(m.status).toBe('failed');
      expect(m.failure?.reason).toMatch(/ENOSPC/);
      const hint = /resume it with: (sale bench run --resume \S+)/.exec(r.stderr)?.[1];
      expect(hint).toBe(`sale bench run --resume ${out}`);
      const before = keysOf(out).length;
      expect(before).toBeGreaterThan(0);
      execFileSync('mount', ['-o', 'remount,size=8m', disk]);
      const resumed = await saleInProcess(hint!.split(' ').slice(1));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(manifestOf(out).status).toBe('complete');
      const keys = keysOf(out);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(4 * readFileSync(MINI, 'utf8').split('\n').filter(Boolean).length);
    } finally {
      umount(disk);
    }
  }, 120_000);
});
