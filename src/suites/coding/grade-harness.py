# Trusted grading harness, part 2 of 2: runs the hidden tests (appended to grade-protocol.py, which
# defines read, dec, remote, SolutionGone, _in and _out). Per job: "J<job> " + {"entry_point",
# "setup", "tests"} from the Node grader, then the solution server's first message (its load error,
# or the globals its solution defines), then its answers. Output: "=<job> " + {"load_error", "results"}.


def free_names(sources):
    """Every global (and attribute) name the code uses: a superset of what it needs from the solution."""
    names = set()
    todo = []
    for src in sources:
        try:
            todo.append(compile(src, "<test>", "exec"))
        except (SyntaxError, ValueError):
            continue
    while todo:
        code = todo.pop()
        names.update(code.co_names)
        todo.extend(c for c in code.co_consts if type(c) is type(code))
    return names


def describe(e):
    text = str(e)
    return "%s: %s" % (type(e).__name__, text) if text else type(e).__name__


def namespace(spec, first):
    """The tests' globals: trusted builtins and modules, then what the tests use from the solution."""
    ns = {"__name__": "__sale_tests__", "__builtins__": builtins}
    found = first.get("globals")
    if type(found) is not dict:
        raise ProtocolError("no globals")
    wanted = free_names(spec["tests"] + [spec.get("setup") or ""]) | {spec["entry_point"]}
    stdlib = getattr(sys, "stdlib_module_names", frozenset())
    for name, value in found.items():
        if name not in wanted or type(name) is not str:
            continue
        if name != spec["entry_point"]:
            # Never let the solution stand in for a builtin or a standard module the tests use.
            if hasattr(builtins, name):
                continue
            if name in stdlib:
                try:
                    __import__(name)
                    ns[name] = sys.modules[name]
                except ImportError:
                    pass
                continue
        ns[name] = dec(value, [])
    return ns


def job(spec):
    tests = spec["tests"]
    report = {"load_error": None, "results": []}
    try:
        first = read()
        if "load_error" in first:
            report["load_error"] = str(first["load_error"])[:500]
            return report
        ns = namespace(spec, first)
    except SolutionGone:
        report["load_error"] = "the solution's process ended while loading (exit or crash before the tests)"
        return report
    except ProtocolError as e:
        report["load_error"] = "the solution's process sent an invalid first message (%s)" % e
        return report
    try:
        exec(compile(spec.get("setup") or "", "setup.py", "exec"), ns)
    except BaseException as e:
        report["load_error"] = "test setup failed: " + describe(e)[:480]
        return report
    gone = None
    for i, test in enumerate(tests):
        if gone:
            report["results"].append({"ok": False, "error": gone})
            continue
        try:
            exec(compile(test, "test_%d" % i, "exec"), ns)
            report["results"].append({"ok": True})
        except SolutionGone as e:
            gone = "SolutionGone: %s" % e
            report["results"].append({"ok": False, "error": gone})
        except BaseException as e:
            report["results"].append({"ok": False, "error": describe(e)[:300]})
    return report


def main():
    while True:
        line = _in.readline()
        if not line:
            return
        if not line.startswith("J"):
            continue  # a late line of a finished job
        number, spec = line[1:].split(" ", 1)
        _job[0] = number
        _proxies.clear()
        try:
            report = job(json.loads(spec))
        except SolutionGone as e:
            report = {"load_error": str(e), "results": []}
        _out.write("=%s %s\n" % (number, json.dumps(report)))
        _out.flush()


main()
