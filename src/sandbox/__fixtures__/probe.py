# Containment probe (test fixture): run inside the sandbox, tries every attack of the README's table
# and prints one JSON line of what happened. argv: a JSON object with the targets (see the test).
import ctypes, json, os, socket, sys, time

t = json.loads(sys.argv[1])
out = {}


def attempt(name, fn):
    try:
        out[name] = {"ok": True, "value": fn()}
    except BaseException as e:
        out[name] = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}


def read_path(p):
    if os.path.isdir(p):
        return sorted(os.listdir(p))[:5]
    with open(p, "rb") as f:
        return len(f.read(100))


for key, p in t["files"].items():
    attempt("read " + key, lambda p=p: read_path(p))


def write_leak(d):
    path = os.path.join(d, "sale-leak-" + t["tag"])
    with open(path, "w") as f:
        f.write("x")
    return path


for d in ("/tmp", "/var/tmp", "/dev/shm"):
    attempt("write " + d, lambda d=d: write_leak(d))


def unix(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect(path)
    return s.recv(100).decode()


attempt("unix socket", lambda: unix(t["unix"]))
# Node binds abstract names padded with NULs to the full sockaddr_un length (108 bytes).
attempt("abstract unix socket", lambda: unix(("\0" + t["abstract"]).ljust(108, "\0")))


def tcp(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    return s.recv(100).decode()


attempt("tcp loopback", lambda: tcp(t["port"]))
if t.get("dns"):
    t0 = time.time()
    attempt("dns", lambda: socket.getaddrinfo("sale-probe.invalid", 80))
    out["dns"]["seconds"] = time.time() - t0
attempt("proc list", lambda: sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
attempt("proc harness environ", lambda: len(open("/proc/%d/environ" % t["harness"], "rb").read()))
attempt("proc harness cmdline", lambda: open("/proc/%d/cmdline" % t["harness"], "rb").read().decode(errors="replace")[:200])
attempt("signal harness", lambda: os.kill(t["harness"], 0))
libc = ctypes.CDLL(None, use_errno=True)


def ptrace():
    if libc.ptrace(16, t["harness"], None, None) != 0:  # PTRACE_ATTACH
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    libc.ptrace(17, t["harness"], None, None)  # PTRACE_DETACH
    return "attached"


attempt("ptrace harness", ptrace)
print(json.dumps(out))
