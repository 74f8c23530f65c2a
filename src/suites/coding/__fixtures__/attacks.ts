// Hostile submissions against the grader, shared by the grader's attack tests: each attack on its
// own (grader-attacks.test.ts, fixture tasks) and the rounds that bring every attack to every
// bundled function task at every isolation level (grader-attacks-bundled.test.ts).
import type { FunctionPayload, Task } from '../../../tasks/types.ts';

export type FunctionTask = Task & { payload: FunctionPayload };

/** A forged grading report in the old harness's format, with every test passing. */
export const FAKE = (n: number) => `{"load_error": null, "results": [${Array(n).fill('{"ok": true}').join(', ')}]}`;

/**
 * Each attack: Python run at import time, and the body of the entry point (`RESULT` is what it
 * returns when the body does not return itself). The tests' count is substituted for N.
 */
export const ATTACKS: Record<string, { setup: string; body: string }> = {
  'reads the tests from its folder and prints a fake report': {
    setup: [
      'import os, sys, json, glob',
      'found = [p for p in glob.glob("**", recursive=True) if "test" in p or p.endswith(".json")]',
      'marker = sys.argv[1] if len(sys.argv) > 1 else "__SALE_REPORT_x__"',
      'print(marker + FAKE)',
    ].join('\n'),
    body: 'return None',
  },
  'writes a fake report to fd 1, 2 and 3 with os.write': {
    setup: 'import os\nfor fd in (1, 2, 3, 4, 5, 6):\n    try:\n        os.write(fd, ("\\n=" + FAKE + "\\n").encode())\n    except OSError:\n        pass',
    body: 'return None',
  },
  'writes a fake report and fake answers on sys.__stdout__': {
    setup: 'import sys\nsys.__stdout__.write("\\n=" + FAKE + "\\n")\nsys.__stdout__.flush()',
    body: 'import sys\nsys.__stdout__.write(\'{"v": [[], true]}\\n\')\nsys.__stdout__.flush()\nreturn None',
  },
  'patches builtins (AssertionError, isinstance, print)': {
    setup: 'import builtins\nbuiltins.AssertionError = type("AssertionError", (Exception,), {})\nbuiltins.isinstance = lambda *a: True\nbuiltins.print = lambda *a, **k: None',
    body: 'return None',
  },
  'monkeypatches the test runner (exec, compile, __debug__, AssertionError)': {
    setup: 'import sys, builtins\nbuiltins.exec = lambda *a, **k: None\nbuiltins.compile = lambda *a, **k: None\nbuiltins.__dict__["__debug__"] = False\nsys.modules["__main__"].__dict__["AssertionError"] = None',
    body: 'return None',
  },
  'calls sys.exit(0) before the tests': { setup: 'import sys\nsys.exit(0)', body: 'return None' },
  'calls os._exit(0) before the tests': { setup: 'import os\nos._exit(0)', body: 'return None' },
  'calls os._exit(0) inside a test': { setup: '', body: 'import os\nos._exit(0)' },
  'raises SystemExit inside a test': { setup: '', body: 'raise SystemExit(0)' },
  'returns an object whose __eq__ is always True': {
    setup: 'class Any:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n    __hash__ = object.__hash__',
    body: 'return Any()',
  },
  'returns an int and a list subclass whose __eq__ is always True': {
    setup: 'class I(int):\n    def __eq__(self, o): return True\n    __hash__ = int.__hash__\nclass L(list):\n    def __eq__(self, o): return True',
    body: 'return I(-987654) if len(args) != 1 or not isinstance(args[0], (list, str)) else L([object()])',
  },
  'reads /proc/self and its parents (cmdline, environ, fds)': {
    setup: [
      'import os',
      'seen = []',
      'for pid in ["self", str(os.getppid()), "1"]:',
      '    for what in ("cmdline", "environ"):',
      '        try: seen.append(open("/proc/%s/%s" % (pid, what), "rb").read())',
      '        except OSError: pass',
      '    try:',
      '        for fd in os.listdir("/proc/%s/fd" % pid):',
      '            try: seen.append(open("/proc/%s/fd/%s" % (pid, fd), "rb").read(4096))',
      '            except OSError: pass',
      '    except OSError: pass',
      'blob = b"\\n".join(seen).decode("utf-8", "replace")',
      'import re',
      // If any test leaked, answer with the expected value of the first `== value` seen for these args.
      'def lookup(args):',
      '    m = re.search(r"%s\\(%s\\) == ([^\\\\n\\"]+)" % (ENTRY, re.escape(", ".join(map(repr, args)))), blob)',
      '    return eval(m.group(1)) if m else None',
    ].join('\n'),
    body: 'return lookup(args)',
  },
  "reads the parent's environment": {
    setup: 'import os\ntry:\n    env = open("/proc/%d/environ" % os.getppid(), "rb").read()\nexcept OSError:\n    env = b""\nos.environ.update({"SALE_TESTS": env.decode("latin-1")})',
    body: 'return None',
  },
};

/** A submission: the attack's setup at import, then the entry point running the attack's body. */
export function submission(task: Task & { payload: FunctionPayload }, attack: { setup: string; body: string }, honest = false): string {
  const p = task.payload;
  const setup = attack.setup.replaceAll('FAKE', JSON.stringify(FAKE(p.tests.length))).replaceAll('ENTRY', JSON.stringify(p.entry_point));
  const body = attack.body.split('\n').map((l) => `    ${l}`).join('\n');
  if (!honest) return `${setup}\n\ndef ${p.entry_point}(*args, **kwargs):\n${body}\n`;
  // Control: the same setup, then the reference under the entry point's name.
  return `${setup}\n\n${p.reference}\n`;
}

/** Attacks whose body is only `return None`: all they do happens at import. */
const importOnly = (name: string) => ATTACKS[name]!.body.trim() === 'return None';

/** Attacks that end the solution's process at import, so nothing can follow them. */
export const ENDS_AT_IMPORT = ['calls sys.exit(0) before the tests', 'calls os._exit(0) before the tests'];
/** Setups that patch the interpreter itself: they go last, so they cannot disarm the others. */
const PATCHERS = ['patches builtins (AssertionError, isinstance, print)', 'monkeypatches the test runner (exec, compile, __debug__, AssertionError)'];
const INJECTS = 'writes a fake report and fake answers on sys.__stdout__';
const LOOKS_UP = 'reads /proc/self and its parents (cmdline, environ, fds)';

export interface Round {
  /** What the round tries. */
  name: string;
  /** The ATTACKS it brings to the task. */
  attacks: string[];
  code: string;
}

/**
 * The rounds that together bring every attack to one task: one combined submission with every
 * setup that does not end the process (each in its own `try`, the interpreter patchers last) and
 * a body that writes forged answers on sys.__stdout__ and returns whatever the leaked tests give
 * (else None); then every attack with a body of its own, and every attack that ends the process,
 * as it stands. Every attack in ATTACKS is in some round (the test checks it).
 */
export function rounds(task: FunctionTask): Round[] {
  const names = Object.keys(ATTACKS);
  const setups = names.filter((n) => !ENDS_AT_IMPORT.includes(n) && ATTACKS[n]!.setup.trim() !== '');
  const ordered = [...setups.filter((n) => !PATCHERS.includes(n)), ...setups.filter((n) => PATCHERS.includes(n))];
  const injected = ATTACKS[INJECTS]!.body.split('\n').filter((l) => l.trim() !== 'return None');
  const combined: { setup: string; body: string } = {
    setup: ordered.map((n) => `try:\n${indent(ATTACKS[n]!.setup)}\nexcept Exception:\n    pass`).join('\n'),
    body: [...injected, ATTACKS[LOOKS_UP]!.body].join('\n'),
  };
  const inCombined = names.filter((n) => setups.includes(n) && (importOnly(n) || n === INJECTS || n === LOOKS_UP));
  const out: Round[] = [{ name: 'every setup at once, forged answers, leaked answers', attacks: inCombined, code: submission(task, combined) }];
  for (const n of names) if (!inCombined.includes(n)) out.push({ name: n, attacks: [n], code: submission(task, ATTACKS[n]!) });
  return out;
}

function indent(code: string): string {
  return code
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
