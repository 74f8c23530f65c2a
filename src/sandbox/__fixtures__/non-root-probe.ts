// Test fixture for non-root.test.ts, run as an unprivileged user: one sandboxed program under the
// given level probes what it can reach, and the harness prints what it saw as one JSON line.
// argv: isolation level, a file of the harness's own user (a stand-in for its home and project).
import { checkIsolationPolicy, createSandbox, detectIsolation } from '../index.ts';
import type { Isolation } from '../types.ts';

const level = process.argv[2] as Isolation;
const secret = process.argv[3]!;
const detected = await detectIsolation({ isolation: level }).then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (detected !== null) {
  console.log(JSON.stringify({ works: false, why: detected }));
  process.exit(0);
}
let policy: string;
try {
  checkIsolationPolicy({ isolation: level, unsafe: false, modelCode: true });
  policy = 'allowed';
} catch (e) {
  policy = `refused: ${(e as Error).message}`;
}
const sandbox = await createSandbox({ isolation: level, defaults: { timeoutMs: 15_000, maxProcesses: 16 } });
const code = `
import ctypes, json, os, socket, sys
out = {"uid": os.getuid()}
out["capEff"] = [l.split()[1] for l in open("/proc/self/status").read().splitlines() if l.startswith("CapEff")][0]
libc = ctypes.CDLL(None, use_errno=True)
out["remount_rw"] = libc.mount(None, b"/usr", None, 32 | 4096, None) == 0 or libc.mount(None, b"/", None, 32, None) == 0
try:
    out["secret"] = open(sys.argv[1]).read()
except OSError as e:
    out["secret"] = None
try:
    os.kill(int(sys.argv[2]), 0)
    out["signal_harness"] = True
except OSError:
    out["signal_harness"] = False
out["nics"] = sorted(n for _, n in socket.if_nameindex())
children = 0
try:
    for _ in range(64):
        if os.fork() == 0:
            import time; time.sleep(5); os._exit(0)
        children += 1
except OSError:
    pass
out["forks"] = children
print(json.dumps(out))
`;
const r = await sandbox.runPython({ code, args: [secret, String(process.pid)] });
console.log(JSON.stringify({ works: true, policy, status: r.status, stderr: r.stderr.slice(0, 500), probe: r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n').pop()!) : null }));
