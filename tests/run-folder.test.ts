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

  it.skipIf(!canMount)('a disk already full: one line, exit non-zero, nothing left on it', async () => {
    const disk = mountTmpfs('size=4k')!;
    try {
      const r = await saleInProcess(['bench', 'run', '--provider', 'sim', '--agents', '4b', '--tasks', MINI, '--out', join(disk, 'run')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error: .*run\/(run\.lock\.\d+|manifest\.json)\.tmp: no space left on the device/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      umount(disk);
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

describe('two writers and Ctrl-C, with real processes', () => {
  const node = (args: string[], cwd?: string) => execa('node', [SALE_BIN, ...args], { reject: false, env: { FORCE_COLOR: '0' }, ...(cwd ? { cwd } : {}) });
  async function waitForRecords(file: string, n: number) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (existsSync(file) && readFileSync(file, 'utf8').split('\n').length > n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${n} records in ${file} within 60 s`);
  }

  it('a second writer exits non-zero at once; after a SIGKILL two concurrent resumes: one runs, one is refused; no key twice', async () => {
    const run = join(tmp(), 'run');
    const a = node(['bench', 'run', '--provider', 'sim', '--limit', '200', '--concurrency', '1', '--agents', '4b,8b', '--out', run]);
    await waitForRecords(join(run, 'records.jsonl'), 5);
    const b = await node(['bench', 'run', '--resume', run]);
    expect(a.exitCode).toBeNull(); // the first writer is still running
    expect(b.exitCode).toBe(1);
    expect(b.stderr).toMatch(new RegExp(`error: .*run is being written by process ${a.pid}`));
    a.kill('SIGKILL');
    await a;
    expect(existsSync(join(run, 'run.lock'))).toBe(true); // left behind by the killed writer
    expect(manifestOf(run).status).toBe('running');
    const [c, d] = await Promise.all([node(['bench', 'run', '--resume', run]), node(['bench', 'run', '--resume', run])]);
    const codes = [c.exitCode, d.exitCode].sort();
    expect(codes, `${c.stderr}\n---\n${d.stderr}`).toEqual([0, 1]);
    expect([c, d].find((x) => x.exitCode === 1)!.stderr).toMatch(/is being written by process \d+/);
    const keys = keysOf(run);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(400);
    expect(manifestOf(run).status).toBe('complete');
    expect(existsSync(join(run, 'run.lock'))).toBe(false);
  }, 180_000);

  it('Ctrl-C prints a resume command that, run as printed from another folder, finishes the same run', async () => {
    const cwd = tmp();
    mkdirSync(join(cwd, 'data'));
    execFileSync('cp', [MINI, join(cwd, 'data', 'mini.jsonl')]);
    const ROOT = fileURLToPath(new URL('..', import.meta.url));
    execFileSync('sh', ['-c', `head -n 6 ${join(ROOT, 'datasets/coding/b2-one-liners.jsonl')} >> ${join(cwd, 'data', 'mini.jsonl')}`]);
    const total = readFileSync(join(cwd, 'data', 'mini.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    // Relative paths, a seed and a limit: all must come back from the manifest.
    const a = node(['bench', 'run', '--provider', 'sim', '--tasks', 'data/mini.jsonl', '--agents', '4b,8b', '--seed', '3', '--bins', '0.1,0.5,2.5', '--concurrency', '1', '--out', 'run'], cwd);
    await waitForRecords(join(cwd, 'run', 'records.jsonl'), 2);
    a.kill('SIGINT');
    const r = await a;
    expect(r.exitCode).toBe(130);
    const hint = /resume with: (sale bench run --resume \S+)/.exec(r.stderr)?.[1];
    expect(hint).toBe(`sale bench run --resume ${join(cwd, 'run')}`);
    expect(manifestOf(join(cwd, 'run')).status).toBe('interrupted');
    const before = keysOf(join(cwd, 'run')).length;
    const resumed = await node(hint!.split(' ').slice(1), tmp());
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming: ${before} attempts already recorded`));
    const keys = keysOf(join(cwd, 'run'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(before);
    expect(keys.length).toBeLessThanOrEqual(2 * total);
    expect(manifestOf(join(cwd, 'run')).status).toBe('complete');
  }, 180_000);
});
