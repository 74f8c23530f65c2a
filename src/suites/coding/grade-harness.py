# Grading harness for function tasks, run inside the sandbox.
# Loads solution.py, runs the test setup, then each hidden test on its own; writes one JSON line with
# the per-test verdicts, prefixed by a marker the solution cannot know in advance (argv[1]).
import json, sys, traceback

marker = sys.argv[1]
tests = json.load(open("tests.json", encoding="utf-8"))
ns = {"__name__": "__sale_solution__"}
report = {"load_error": None, "results": []}
try:
    exec(compile(open("solution.py", encoding="utf-8").read(), "solution.py", "exec"), ns)
    exec(compile(open("setup.py", encoding="utf-8").read(), "setup.py", "exec"), ns)
except BaseException as e:
    report["load_error"] = "".join(traceback.format_exception_only(type(e), e)).strip()[:500]
else:
    for i, test in enumerate(tests):
        try:
            exec(compile(test, "test_%d" % i, "exec"), ns)
            report["results"].append({"ok": True})
        except BaseException as e:
            report["results"].append({"ok": False, "error": "".join(traceback.format_exception_only(type(e), e)).strip()[:300]})
sys.stdout.flush()
sys.__stdout__.write("\n" + marker + json.dumps(report) + "\n")
sys.__stdout__.flush()
