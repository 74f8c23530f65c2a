// Hostile submissions against the grader, at every isolation level that works here. Each attack
// runs on tasks whose reference is withheld (the submission does not know the answers): it must
// fail. A control run of the same shape with a correct body passes, so a failure is the grader
// holding, not the attack crashing.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { createSandbox, detectIsolation, ISOLATION_LEVELS } from '../../sandbox/index.ts';
import type { Isolation } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { FunctionPayload, Task } from '../../tasks/types.ts';
import { gradeCoding } from './grader.ts';

const fixtures = loadTasks([fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
const fnTasks = fixtures.filter((t) => t.payload.kind === 'function') as (Task & { payload: FunctionPayload })[];

const working: Isolation[] = [];
for (const level of ISOLATION_LEVELS) if (await detectIsolation({ isolation: level }).then(() => true, () => false)) working.push(level);

/** A forged grading report in the old harness's format, with every test passing. */
const FAKE = (n: number) => `{"load_error": null, "results": [${Array(n).fill('{"ok": true}').join(', ')}]}`;

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
function submission(task: Task & { payload: FunctionPayload }, attack: { setup: string; body: string }, honest = false): string {
  const p = task.payload;
  const setup = attack.setup.replaceAll('FAKE', JSON.stringify(FAKE(p.tests.length))).replaceAll('ENTRY', JSON.stringify(p.entry_point));
  const body = attack.body.split('\n').map((l) => `    ${l}`).join('\n');
  if (!honest) return `${setup}\n\ndef ${p.entry_point}(*args, **kwargs):\n${body}\n`;
  // Control: the same setup, then the reference under the entry point's name.
  return `${setup}\n\n${p.reference}\n`;
}

describe.each(working)('grading under %s cannot be forged', (level) => {
  it('every attack fails on fixture tasks whose reference it lacks; the same setup with a correct body passes where it can', async () => {
    const sandbox = await createSandbox({ isolation: level, defaults: { timeoutMs: 5000 } });
    const jobs: Promise<[string, string, boolean, string]>[] = [];
    // Each attack on two fixture tasks (rotating over them); the bundled tasks get theirs below.
    Object.entries(ATTACKS).forEach(([name, attack], i) => {
      for (const task of [fnTasks[i % fnTasks.length]!, fnTasks[(i + 1) % fnTasks.length]!]) {
        jobs.push(gradeCoding(task, { kind: 'code', code: submission(task, attack) }, sandbox).then((g) => [name, task.id, g.passed, g.reason]));
      }
    });
    const results = await Promise.all(jobs);
    const passed = results.filter(([, , ok]) => ok).map(([name, id, , why]) => `${name} on ${id}: ${why}`);
    expect(passed).toEqual([]);
    // Controls: with a correct body the same setups pass (an attack that writes into its own answer
    // channel, exits or breaks isinstance only breaks its own process, so it has no control).
    for (const name of ['reads the tests from its folder and prints a fake report', 'monkeypatches the test runner (exec, compile, __debug__, AssertionError)', 'reads /proc/self and its parents (cmdline, environ, fds)', "reads the parent's environment"]) {
      const task = fnTasks[0]!;
      const g = await gradeCoding(task, { kind: 'code', code: submission(task, ATTACKS[name]!, true) }, sandbox);
      expect(g.passed, `${name}: ${g.reason}`).toBe(true);
    }
  }, 120_000);
});

describe.skipIf(working.length === 0)('grading of every bundled function task cannot be forged', () => {
  it(`each task gets one attack (round robin over all of them) under ${working[0]}, and fails`, async () => {
    const dir = fileURLToPath(new URL('../../../datasets/coding/', import.meta.url));
    const bundled = loadTasks(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => dir + f)).filter((t) => t.payload.kind === 'function') as (Task & { payload: FunctionPayload })[];
    expect(bundled.length).toBeGreaterThan(100);
    const sandbox = await createSandbox({ isolation: working[0]!, defaults: { timeoutMs: 5000 } });
    const attacks = Object.entries(ATTACKS);
    const limit = pLimit(4);
    const passed = (
      await Promise.all(
        bundled.map((task, i) =>
          limit(async () => {
            const [name, attack] = attacks[i % attacks.length]!;
            const g = await gradeCoding(task, { kind: 'code', code: submission(task, attack) }, sandbox);
            return g.passed ? `${name} on ${task.id}: ${g.reason}` : null;
          }),
        ),
      )
    ).filter(Boolean);
    expect(passed).toEqual([]);
  }, 180_000);
});
