import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SaleError } from '../errors.ts';
import { pidsOfUid, UID_BASE, UID_SPAN } from './command.ts';
import { createSandbox, detectIsolation, ISOLATION_LEVELS } from './index.ts';
import type { Isolation, PythonSandbox } from './index.ts';

// Which levels work here decides which per-level tests run (the others are skipped, not failed).
const working = new Map<Isolation, boolean>();
for (const level of ISOLATION_LEVELS) {
  working.set(level, await detectIsolation({ isolation: level }).then(
    () => true,
    () => false,
  ));
}

/** Process count per uid in our throw-away sandbox uid range, right now. */
function sandboxProcesses(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${e}/status`, 'utf8'));
      const uid = Number(m?.[1]);
      if (uid >= UID_BASE && uid < UID_BASE + UID_SPAN) counts.set(uid, (counts.get(uid) ?? 0) + 1);
    } catch {
      // the process ended while we looked
    }
  }
  return counts;
}

let sb: PythonSandbox;
beforeAll(async () => {
  sb = await createSandbox();
});

describe('createSandbox (strongest isolation that works here)', () => {
  it('picks the strongest working level', () => {
    const strongest = ISOLATION_LEVELS.find((l) => working.get(l));
    expect(sb.isolation).toBe(strongest);
  });

  it('returns stdout, stderr and the exit code', async () => {
    const r = await sb.runPython({ code: 'import sys\nprint("out", sys.argv[1:])\nprint("err", file=sys.stderr)\nsys.exit(3)', args: ['a', 'b c'] });
    expect(r.stdout).toBe("out ['a', 'b c']\n");
    expect(r.stderr).toBe('err\n');
    expect(r.exitCode).toBe(3);
    expect(r.signal).toBeNull();
    expect(r.status).toBe('exit 3');
    expect(r.timedOut).toBe(false);
    expect(r.outputTruncated).toBe(false);
    expect(r.isolation).toBe(sb.isolation);

    const ok = await sb.runPython({ code: 'import sys\nprint(sys.stdin.read().upper(), end="")', stdin: 'hello\n' });
    expect(ok).toMatchObject({ stdout: 'HELLO\n', exitCode: 0, status: 'ok' });
  });

  it('reports an exception as exit 1 with the traceback', async () => {
    const r = await sb.runPython({ code: 'raise ValueError("boom")' });
    expect(r.status).toBe('exit 1');
    expect(r.stderr).toContain('ValueError: boom');
  });

  it('stops an infinite loop at the wall clock, quickly, and removes the folder', async () => {
    const t0 = Date.now();
    const r = await sb.runPython({ code: 'import os, sys\nprint(os.getcwd(), flush=True)\nwhile True: pass', limits: { timeoutMs: 800 } });
    expect(r.status).toBe('timeout');
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(Date.now() - t0).toBeLessThan(3000);
    const dir = r.stdout.trim();
    expect(dir).toMatch(/sale-sbx-/);
    expect(existsSync(dir)).toBe(false);
  });

  it('stops a program at the CPU limit', async () => {
    // Generous wall clock: on a loaded machine one CPU second can take several seconds.
    const r = await sb.runPython({ code: 'while True: pass', limits: { cpuSeconds: 1, timeoutMs: 15_000 } });
    expect(r.status).toBe('cpu limit');
    expect(r.signal).toBe('SIGXCPU');
    expect(r.timedOut).toBe(false);
  });

  it('stops memory bombs', async () => {
    const big = await sb.runPython({ code: 'x = bytearray(10**10)\nprint("allocated")' });
    expect(big.stdout).not.toContain('allocated');
    expect(big.status).toBe('memory limit');

    const t0 = Date.now();
    const grow = await sb.runPython({
      code: 'x = []\nwhile True:\n    x.append(bytearray(1 << 20))',
      limits: { memoryMb: 200, timeoutMs: 10_000 },
    });
    expect(grow.status).toBe('memory limit');
    expect(grow.stderr).toContain('MemoryError');
    expect(Date.now() - t0).toBeLessThan(7000);
  });

  it('contains a fork bomb, leaves nothing behind and carries on', async () => {
    // Guarded: even outside any sandbox each process stops forking after 3 s.
    const code = [
      'import os, time',
      'print(os.getuid(), flush=True)',
      'end = time.time() + 3',
      'while time.time() < end:',
      '    try:',
      '        os.fork()',
      '    except OSError:',
      '        pass',
    ].join('\n');
    const seen = new Map<number, number>();
    const run = sb.runPython({ code, limits: { timeoutMs: 1200, maxProcesses: 12 } });
    const poll = setInterval(() => {
      for (const [uid, n] of sandboxProcesses()) seen.set(uid, Math.max(n, seen.get(uid) ?? 0));
    }, 100);
    const r = await run;
    clearInterval(poll);
    expect(r.status).toBe('timeout');
    expect(r.durationMs).toBeLessThan(4000);
    if (process.getuid?.() === 0) {
      // The run had its own uid, so the count for that uid is the run's process count.
      const uid = Number(r.stdout.split('\n')[0]);
      expect(uid).toBeGreaterThanOrEqual(UID_BASE);
      expect(seen.get(uid)).toBeGreaterThan(5);
      expect(seen.get(uid)).toBeLessThanOrEqual(12);
      expect(pidsOfUid(uid)).toEqual([]);
    }
    const after = await sb.runPython({ code: 'print(sum(range(10)))' });
    expect(after).toMatchObject({ stdout: '45\n', status: 'ok' });
  });

  it('gives concurrent runs their own process limit', async () => {
    // Each run starts 8 children under a limit of 10: they fit only if the runs do not share a count.
    const code = [
      'import os, time',
      'kids = []',
      'for _ in range(8):',
      '    pid = os.fork()',
      '    if pid == 0:',
      '        time.sleep(0.5); os._exit(0)',
      '    kids.append(pid)',
      'for k in kids: os.waitpid(k, 0)',
      'print(len(kids))',
    ].join('\n');
    const runs = await Promise.all([1, 2, 3].map(() => sb.runPython({ code, limits: { maxProcesses: 10 } })));
    for (const r of runs) expect(r).toMatchObject({ stdout: '8\n', status: 'ok' });
  });

  it('kills what a program leaves running when it ends', async () => {
    const t0 = Date.now();
    const r = await sb.runPython({ code: 'import os, time\nif os.fork() == 0:\n    os.setsid(); time.sleep(30)\nprint("bye")' });
    expect(r).toMatchObject({ stdout: 'bye\n', status: 'ok' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('closes inherited file descriptors', async () => {
    // fd 3 is the one listdir opens on /proc/self/fd.
    const r = await sb.runPython({ code: 'import os\nprint(sorted(int(f) for f in os.listdir("/proc/self/fd")))' });
    expect(r.stdout).toBe('[0, 1, 2, 3]\n');
  });

  it('cuts and flags output past the cap, and kills a flood', async () => {
    const some = await sb.runPython({ code: 'import sys\nsys.stdout.write("é" * 3000)', limits: { maxOutputBytes: 1001 } });
    expect(some.status).toBe('ok');
    expect(some.outputTruncated).toBe(true);
    expect(Buffer.byteLength(some.stdout)).toBe(1000); // cut before the split character
    expect(some.stdout).toBe('é'.repeat(500));

    const t0 = Date.now();
    const flood = await sb.runPython({ code: 'while True:\n    print("x" * 1000)', limits: { maxOutputBytes: 2000, timeoutMs: 10_000 } });
    expect(flood.status).toBe('output limit');
    expect(flood.outputTruncated).toBe(true);
    expect(flood.timedOut).toBe(false);
    expect(flood.stdout.length).toBe(2000);
    expect(Date.now() - t0).toBeLessThan(7000);
  });

  it('scrubs the environment', async () => {
    process.env.SALE_SECRET = 'hunter2';
    try {
      const code = 'import json, os\nprint(json.dumps(dict(os.environ)))\nprint(hash("sale"))';
      const r = await sb.runPython({ code });
      const [envLine, hashLine] = r.stdout.trim().split('\n');
      const env = JSON.parse(envLine!) as Record<string, string>;
      expect(r.stdout).not.toContain('hunter2');
      expect(env.SALE_SECRET).toBeUndefined();
      expect(Object.keys(env).filter((k) => k !== 'PWD').sort()).toEqual(['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']);
      expect(env.PATH).toBe('/usr/local/bin:/usr/bin:/bin');
      expect(env.HOME).toMatch(/sale-sbx-/);
      // PYTHONHASHSEED=0 takes effect: string hashes repeat across runs.
      const again = await sb.runPython({ code });
      expect(again.stdout.trim().split('\n')[1]).toBe(hashLine);
    } finally {
      delete process.env.SALE_SECRET;
    }
  });

  it('writes extra files that the program can read and import, and removes them', async () => {
    const r = await sb.runPython({
      code: 'import os, helper\nprint(open("data/in.txt").read(), helper.f(), os.getcwd())\nopen("out.txt", "w").write("ok")',
      files: { 'data/in.txt': 'hello', 'helper.py': 'def f():\n    return 5\n' },
    });
    expect(r.status).toBe('ok');
    const [text, five, dir] = r.stdout.trim().split(' ');
    expect([text, five]).toEqual(['hello', '5']);
    expect(existsSync(dir!)).toBe(false);
  });

  it('rejects file names outside the folder', async () => {
    await expect(sb.runPython({ code: 'pass', files: { '../escape.txt': 'x' } })).rejects.toThrow(/relative path inside/);
    await expect(sb.runPython({ code: 'pass', files: { 'main.py': 'x' } })).rejects.toThrow(/reserved/);
  });

  it('names the fix when a forced setup cannot work', async () => {
    const err = await createSandbox({ isolation: 'bwrap', python: '/nonexistent/python3' }).catch((e: unknown) => e);
    expect(SaleError.isInstance(err)).toBe(true);
    expect((err as SaleError).name).toBe('SandboxError');
    expect((err as SaleError).fix).toBeTruthy();
  });
});

describe.each(ISOLATION_LEVELS)('isolation %s', (level) => {
  const works = (): boolean => working.get(level) === true;
  let lsb: PythonSandbox;
  beforeAll(async () => {
    if (works()) lsb = await createSandbox({ isolation: level });
  });

  it.skipIf(!working.get(level))('runs a program with limits, as another uid when root', async () => {
    expect(lsb.isolation).toBe(level);
    const r = await lsb.runPython({ code: 'import os, resource\nprint(os.getuid(), resource.getrlimit(resource.RLIMIT_AS)[0])' });
    expect(r.status).toBe('ok');
    const [uid, as] = r.stdout.trim().split(' ').map(Number);
    if (process.getuid?.() === 0) expect(uid).toBeGreaterThanOrEqual(UID_BASE);
    expect(as).toBe(512 * 1024 * 1024);
    const t = await lsb.runPython({ code: 'while True: pass', limits: { timeoutMs: 500 } });
    expect(t.status).toBe('timeout');
  });

  // Network, sockets, files, /proc, signals and the rest per level: containment.test.ts.
  it.skipIf(!working.get(level) || level !== 'rlimit')('warns that the network and filesystem are open', () => {
    expect(lsb.warnings.join('\n')).toMatch(/network/);
  });

  it.skipIf(!working.get(level) || level === 'rlimit')('hides the host filesystem', async () => {
    const r = await lsb.runPython({ code: 'import os\nprint(os.path.exists("/work"), os.path.exists("/root/.bashrc"), sorted(os.listdir("/tmp")))' });
    expect(r.stdout.trim()).toMatch(/^False False \['sale-sbx-\d+-\w+'\]$/);
  });

  it.skipIf(!working.get(level) || level === 'bwrap')('carries a warning about weaker isolation', () => {
    expect(lsb.warnings.length).toBeGreaterThan(0);
    expect(lsb.warnings[0]).toMatch(/apt-get install bubblewrap/);
  });
});
