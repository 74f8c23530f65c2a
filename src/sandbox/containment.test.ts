// The README's attack × isolation-level table, one test per cell (test names say the cell).
// A probe program (fixtures/probe.py) tries every attack at once, once per level; the bombs, the
// daemons and the SIGKILLed harness get runs of their own. Only loopback servers this test starts.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from './cleanup.ts';
import { pidsOfUid } from './command.ts';
import { checkIsolationPolicy, createSandbox, detectIsolation, ISOLATION_LEVELS, withPolicy } from './index.ts';
import type { Isolation, PythonSandbox } from './index.ts';
import { TMPFS_BYTES } from './namespaces.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '../..');
const PROBE = readFileSync(path.join(here, '__fixtures__/probe.py'), 'utf8');
const root = process.getuid?.() === 0;
const working: Isolation[] = [];
for (const level of ISOLATION_LEVELS) if (await detectIsolation({ isolation: level }).then(() => true, () => false)) working.push(level);
const full = (l: Isolation) => l !== 'rlimit';

const tag = `${process.pid}-${Date.now()}`;
const hostDir = mkdtempSync(path.join(os.tmpdir(), 'sale-contain-'));
const secret = path.join(os.homedir(), `.sale-probe-secret-${tag}`);
let tcp: net.Server;
let unix: net.Server;
let abstract: net.Server;
let port = 0;
const listen = (s: net.Server, where: string | number) => new Promise<void>((r) => (typeof where === 'number' ? s.listen(where, '127.0.0.1', r) : s.listen(where, r)));
const greet = () => net.createServer((c) => c.on('error', () => {}).end('hello from the host\n'));

beforeAll(async () => {
  writeFileSync(secret, 'secret');
  tcp = greet();
  await listen(tcp, 0);
  port = (tcp.address() as net.AddressInfo).port;
  unix = greet();
  await listen(unix, path.join(hostDir, 'host.sock'));
  chmodSync(hostDir, 0o755);
  chmodSync(path.join(hostDir, 'host.sock'), 0o777); // reachable by any uid, like many host daemons' sockets
  abstract = greet();
  await listen(abstract, `\0sale-abstract-${tag}`);
});
afterAll(async () => {
  for (const s of [tcp, unix, abstract]) if (s) await new Promise<void>((r) => s.close(() => r()));
  rmSync(hostDir, { recursive: true, force: true });
  rmSync(secret, { force: true });
  for (const d of ['/tmp', '/var/tmp', '/dev/shm']) rmSync(path.join(d, `sale-leak-${tag}`), { force: true });
});

type Outcome = { ok: boolean; value?: unknown; error?: string; seconds?: number };

describe.each(working)('containment under %s', (level) => {
  let sb: PythonSandbox;
  let probe: Record<string, Outcome> = {};
  beforeAll(async () => {
    sb = await createSandbox({ isolation: level });
    const targets = {
      tag,
      files: {
        datasets: path.join(project, 'datasets/coding/b5-hard.jsonl'),
        configs: path.join(project, 'configs'),
        results: path.join(project, 'results'),
        home: secret,
      },
      unix: path.join(hostDir, 'host.sock'),
      abstract: `sale-abstract-${tag}`,
      port,
      dns: full(level), // never asked where a real resolver could answer
      harness: process.pid,
    };
    const r = await sb.runPython({ code: PROBE, args: [JSON.stringify(targets)] });
    expect(r.status, r.stderr).toBe('ok');
    probe = JSON.parse(r.stdout) as Record<string, Outcome>;
  }, 30_000);

  it(`file reads: ${full(level) ? 'blocked (datasets, configs, results, home are not there)' : 'refused without --unsafe (they are readable)'}`, () => {
    for (const k of ['datasets', 'configs', 'results', 'home']) {
      if (full(level)) expect(probe[`read ${k}`], k).toMatchObject({ ok: false, error: expect.stringMatching(/FileNotFoundError/) });
      else if (k !== 'home') expect(probe[`read ${k}`]?.ok, k).toBe(true); // home: only its mode (0700 for root) protects it
    }
    if (!full(level)) expect(() => checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true })).toThrow(/hidden tests/);
  });

  it('writes left behind in /tmp, /var/tmp, /dev/shm: contained (private tmpfs, or removed after an rlimit run)', () => {
    for (const d of ['/tmp', '/var/tmp', '/dev/shm']) {
      expect(probe[`write ${d}`]?.ok, d).toBe(true);
      expect(existsSync(path.join(d, `sale-leak-${tag}`)), d).toBe(false);
    }
  });

  it(`host Unix sockets (path and abstract) and TCP on 127.0.0.1: ${full(level) ? 'blocked' : 'reachable, so refused without --unsafe'}`, () => {
    for (const k of ['unix socket', 'abstract unix socket', 'tcp loopback']) {
      if (full(level)) expect(probe[k]?.ok, k).toBe(false);
      else expect(probe[k], k).toMatchObject({ ok: true, value: 'hello from the host\n' });
    }
    if (!full(level)) expect(() => checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true })).toThrow(/Unix sockets/);
  });

  it.skipIf(!full(level))('DNS: blocked, and fails at once (no network namespace route)', () => {
    expect(probe.dns?.ok).toBe(false);
    expect(probe.dns?.seconds).toBeLessThan(2);
  });

  it(`/proc: ${full(level) ? "blocked (only the sandbox's own processes)" : 'other processes visible, so refused; their environ still unreadable (other uid)'}`, () => {
    const pids = probe['proc list']?.value as number[];
    if (full(level)) {
      expect(pids).not.toContain(process.pid);
      expect(pids.length).toBeLessThan(10);
      expect(probe['proc harness cmdline']?.ok).toBe(false);
    } else {
      expect(pids).toContain(process.pid);
      expect(() => checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true })).toThrow(/\/proc/);
    }
    if (full(level) || root) expect(probe['proc harness environ']?.ok).toBe(false);
  });

  it.skipIf(!full(level) && !root)('signals and ptrace against the harness: blocked (not visible, or another uid)', () => {
    expect(probe['signal harness']).toMatchObject({ ok: false, error: expect.stringMatching(full(level) ? /ProcessLookupError/ : /PermissionError/) });
    expect(probe['ptrace harness']).toMatchObject({ ok: false, error: expect.stringMatching(full(level) ? /No such process/ : /not permitted/) });
  });

  it('fork bomb and memory bomb: contained (process limit per uid, address-space limit)', async () => {
    const code = 'import os, time\nprint(os.getuid(), flush=True)\nend = time.time() + 3\nwhile time.time() < end:\n    try:\n        os.fork()\n    except OSError:\n        pass';
    const r = await sb.runPython({ code, limits: { timeoutMs: 1200, maxProcesses: 12 } });
    expect(r.status).toBe('timeout');
    if (root) expect(pidsOfUid(Number(r.stdout.split('\n')[0]))).toEqual([]);
    const mem = await sb.runPython({ code: 'x = bytearray(10**10)' });
    expect(mem.status).toBe('memory limit');
  });

  it.skipIf(!full(level))('disk bomb: contained (each private tmpfs is capped)', async () => {
    const code = [
      'import os',
      'total = 0',
      'for d in (".", "/tmp", "/dev/shm"):',
      '    try:',
      '        with open(os.path.join(d, "fill"), "wb") as f:',
      '            while total < 10 * 2**30:',
      '                f.write(b"x" * 2**20); total += 2**20',
      '    except OSError as e:',
      '        print(d, type(e).__name__, e.errno, total // 2**20)',
    ].join('\n');
    const r = await sb.runPython({ code });
    expect(r.status).toBe('ok');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/OSError 28 /); // ENOSPC
    expect(Number(lines[2]!.split(' ').pop())).toBeLessThanOrEqual((3 * TMPFS_BYTES) / 2 ** 20);
  });

  it('huge output: contained (cut at the cap, a flood is killed)', async () => {
    const r = await sb.runPython({ code: 'while True:\n    print("x" * 1000)', limits: { maxOutputBytes: 2000 } });
    expect(r.status).toBe('output limit');
    expect(r.stdout.length).toBe(2000);
  });

  it.skipIf(!full(level) && !root)('daemons surviving the run: contained (killed when the run ends)', async () => {
    const code = 'import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(30)\n    os._exit(0)\nprint(os.getuid())';
    const r = await sb.runPython({ code });
    expect(r.status).toBe('ok');
    if (root) expect(pidsOfUid(Number(r.stdout.trim()))).toEqual([]);
  });

  it.skipIf(!root)(`daemons surviving a SIGKILLed harness: ${full(level) ? 'contained (the namespace dies with the harness)' : 'contained at the next start (the sweep kills them)'}`, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, '__fixtures__/sigkill-harness.ts'), level], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
      });
      child.once('exit', () => reject(new Error(`harness ended early: ${buf}`)));
    });
    const [uidText, workDir] = line.split(' ');
    const uid = Number(uidText);
    expect(pidsOfUid(uid).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await waitFor(() => full(level) ? pidsOfUid(uid).length === 0 : true);
    if (full(level)) {
      expect(pidsOfUid(uid)).toEqual([]);
    } else {
      expect(pidsOfUid(uid).length).toBeGreaterThan(0); // the daemon outlived the harness...
      expect(await sweep(path.dirname(workDir!))).toBeGreaterThan(0); // ...until the next start's sweep
      expect(pidsOfUid(uid)).toEqual([]);
    }
    // Stale run folders go at the next start whatever the level.
    await sweep(path.dirname(workDir!));
    expect(existsSync(workDir!)).toBe(false);
  }, 30_000);
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

describe('isolation policy', () => {
  it('refuses model-written code on rlimit unless --unsafe, which the sandbox then records', async () => {
    const refusal = (() => {
      try {
        checkIsolationPolicy({ isolation: 'rlimit', unsafe: false, modelCode: true });
      } catch (e) {
        return e as { name: string; fix?: string };
      }
      return null;
    })();
    expect(refusal?.name).toBe('SandboxError');
    expect(refusal?.fix).toMatch(/--isolation rlimit --unsafe/);
    expect(checkIsolationPolicy({ isolation: 'bwrap', unsafe: false, modelCode: true })).toEqual({ unsafe: false, notes: [] });
    expect(checkIsolationPolicy({ isolation: 'unshare', unsafe: false, modelCode: true, root: false })).toEqual({ unsafe: false, notes: [] });
    const demo = checkIsolationPolicy({ isolation: 'rlimit', unsafe: false, modelCode: false });
    expect(demo.unsafe).toBe(false);
    expect(demo.notes).toHaveLength(1);
    const risky = checkIsolationPolicy({ isolation: 'rlimit', unsafe: true, modelCode: true, root: false });
    expect(risky.unsafe).toBe(true);
    expect(risky.notes[0]).toMatch(/^UNSAFE .*ptracing/);
    if (working.includes('rlimit')) {
      const sb = withPolicy(await createSandbox({ isolation: 'rlimit' }), risky);
      expect(sb.unsafe).toBe(true);
      expect(sb.warnings.at(-1)).toMatch(/^UNSAFE/);
      expect((await sb.runPython({ code: 'print(6 * 7)' })).stdout).toBe('42\n');
    }
  });

  it('sweeps only folders whose harness is gone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sale-sweep-'));
    try {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((r) => dead.once('exit', r));
      const stale = path.join(dir, `sale-sbx-${dead.pid}-abc`);
      const live = path.join(dir, `sale-sbx-${process.pid}-abc`);
      for (const d of [stale, `${stale}-root`, live]) mkdirSync(d);
      expect(await sweep(dir)).toBe(2);
      expect([existsSync(stale), existsSync(`${stale}-root`), existsSync(live)]).toEqual([false, false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
