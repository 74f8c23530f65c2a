# First stage of an 'unshare' sandbox, run as root of fresh mount, pid, net, ipc and uts namespaces
# (real root, or root of a new user namespace). Builds what bubblewrap builds: a new root on a
# size-limited tmpfs holding read-only binds of the system folders and the interpreter, a fresh
# /proc of the pid namespace, a minimal /dev, private size-limited /tmp, /var/tmp and /dev/shm, and
# a copy of the run folder on its own size-limited tmpfs; then pivot_root into it and detach the
# host's root, so nothing else of the host (project files, home folders, host sockets) is reachable.
# Then it closes inherited descriptors and execs the rest of its arguments (prlimit ... python).
# argv: [-c, root, run folder, uid or "-", tmpfs bytes, N, N read-only folders, M, M pairs of
# (symlink target, link), program, args...] (no json: importing it costs ~10 ms of CPU per run).
# Any failure exits 125 with the reason on stderr.
import ctypes, os, sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC = 1, 2, 4, 8, 32, 4096, 16384
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217, "i686": 217, "armv7l": 218}
libc = ctypes.CDLL(None, use_errno=True)


def fail(what):
    err = ctypes.get_errno()
    sys.stderr.write("sandbox setup failed: %s: %s\n" % (what, os.strerror(err) if err else "error"))
    sys.stderr.flush()
    os._exit(125)


def mount(src, target, fstype, flags, data=None):
    if libc.mount(src.encode(), target.encode(), fstype.encode() if fstype else None, flags, data.encode() if data else None) != 0:
        fail("mount %s on %s" % (src, target))


def tmpfs(target, size, mode, extra=""):
    os.makedirs(target, exist_ok=True)
    mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=%d,mode=%s%s" % (size, mode, extra))


def bind_ro(src, target, is_dir=True):
    if is_dir:
        os.makedirs(target, exist_ok=True)
    else:
        open(target, "a").close()
    mount(src, target, None, MS_BIND | MS_REC)
    # Keep the flags the host mount is locked with (a user namespace may not clear them).
    kept = os.statvfs(src).f_flag & (MS_NOSUID | MS_NODEV | MS_NOEXEC | 1024 | 2048)
    if is_dir:
        mount(src, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | kept)


def copy_tree(src, dst, uid):
    for entry in os.scandir(src):
        s, d = entry.path, os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            os.mkdir(d, 0o755)
            copy_tree(s, d, uid)
        elif entry.is_file(follow_symlinks=False):
            with open(s, "rb") as f, open(d, "wb") as g:
                g.write(f.read())
        else:
            continue
        if uid is not None:
            os.chown(d, uid, uid)


def parse(argv):
    root, work, uid, size, n = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    ro = argv[6 : 6 + n]
    m = int(argv[6 + n])
    flat = argv[7 + n : 7 + n + 2 * m]
    links = [(flat[2 * i], flat[2 * i + 1]) for i in range(m)]
    rest = argv[7 + n + 2 * m :]
    return {"root": root, "work": work, "uid": None if uid == "-" else int(uid), "tmpfsBytes": size, "ro": ro, "links": links}, rest


def main():
    spec, program = parse(sys.argv)
    root, work, uid, size = spec["root"], spec["work"], spec["uid"], spec["tmpfsBytes"]
    owner = ",uid=%d,gid=%d" % (uid, uid) if uid is not None else ""
    mount("none", "/", None, MS_REC | (1 << 18))  # MS_PRIVATE: nothing propagates back to the host
    tmpfs(root, 16 * 1024 * 1024, "0755")
    for d in spec["ro"]:
        bind_ro(d, root + d)
    for target, link in spec["links"]:
        os.makedirs(os.path.dirname(root + link), exist_ok=True)
        os.symlink(target, root + link)
    os.makedirs(root + "/proc")
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    tmpfs(root + "/dev", 1024 * 1024, "0755")
    for name in ("null", "zero", "full", "random", "urandom", "tty"):
        if os.path.exists("/dev/" + name):
            bind_ro("/dev/" + name, root + "/dev/" + name, is_dir=False)
    for name, fd in (("stdin", 0), ("stdout", 1), ("stderr", 2)):
        os.symlink("/proc/self/fd/%d" % fd, root + "/dev/" + name)
    os.symlink("/proc/self/fd", root + "/dev/fd")
    tmpfs(root + "/dev/shm", size, "1777")
    tmpfs(root + "/tmp", size, "1777")
    tmpfs(root + "/var/tmp", size, "1777")
    tmpfs(root + work, size, "0700", owner)
    copy_tree(work, root + work, uid)
    os.chdir(root)
    os.mkdir(".old")
    nr = PIVOT_ROOT.get(os.uname().machine)
    if nr is None:
        fail("pivot_root is not known on %s" % os.uname().machine)
    if libc.syscall(nr, b".", b".old") != 0:
        fail("pivot_root")
    os.chdir("/")
    if libc.umount2(b"/.old", 2) != 0:  # MNT_DETACH
        fail("detach the host root")
    os.rmdir("/.old")
    mount("none", "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID)
    os.chdir(work)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.execv(program[0], program)


main()
