// The grader keeps Python's test semantics although the tests run in another process than the
// solution: arguments changed in place, identity, exceptions, objects, iterators, subclasses of
// plain types; and names the tests use resolve to trusted objects, never to the solution's.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { FunctionPayload } from '../../tasks/types.ts';
import { runFunctionTests } from './grader.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

const payload = (entry_point: string, tests: string[], test_setup?: string): FunctionPayload => ({
  kind: 'function',
  entry_point,
  tests,
  reference: '',
  ...(test_setup ? { test_setup } : {}),
});

/** ok/fail per test, in order. */
async function verdicts(p: FunctionPayload, code: string): Promise<boolean[]> {
  const r = await runFunctionTests(sandbox, p, code);
  expect(r.failure, r.failure ?? '').toBeNull();
  expect(r.loadError, r.loadError ?? '').toBeNull();
  return r.results.map((t) => t.ok);
}

describe('grading protocol', () => {
  it('carries in-place changes of arguments back, with identity and aliasing', async () => {
    const p = payload('f', [
      'xs = [3, 1, 2]\nf(xs)\nassert xs == [1, 2, 3]',
      'a = {"k": [1]}\nr = f2(a)\nassert r is not a and a == {"k": [1]}',
      'inner = [1]\nouter = [inner, inner]\nr = same(outer)\nassert r is outer and r[0] is r[1]',
    ]);
    const good = 'def f(xs):\n    xs.sort()\ndef f2(a):\n    return dict(a)\ndef same(x):\n    return x\n';
    expect(await verdicts(p, good)).toEqual([true, true, true]);
    const bad = 'def f(xs):\n    return sorted(xs)\ndef f2(a):\n    a["k"].append(2)\n    return a\ndef same(x):\n    return list(x)\n';
    expect(await verdicts(p, bad)).toEqual([false, false, false]);
  });

  it('rebuilds built-in exceptions with their message; other exceptions match no except clause of a built-in', async () => {
    const p = payload('parse', [
      "try:\n    parse('x')\nexcept ValueError as e:\n    assert str(e) == 'line 3'\nelse:\n    raise AssertionError('no error')",
      "try:\n    parse('k')\nexcept KeyError as e:\n    assert e.args == ('k',)",
      "try:\n    parse('boom')\nexcept ValueError:\n    pass",
    ]);
    const code = [
      'class ParseError(ValueError):\n    pass',
      'class Custom(Exception):\n    pass',
      'def parse(s):',
      "    if s == 'x': raise ParseError('line 3')",
      "    if s == 'k': raise KeyError('k')",
      "    raise Custom('boom')",
    ].join('\n');
    expect(await verdicts(p, code)).toEqual([true, true, false]);
  });

  it('keeps objects in the solution and talks to them: classes, methods, iterators, len, in', async () => {
    const p = payload('Counter2', [
      'c = Counter2()\nc.add("a")\nc.add("a")\nassert c.get("a") == 2 and len(c) == 1 and "a" in c',
      'assert list(gen(3)) == [0, 1, 2]',
      'assert sorted(Counter2().keys_of({"b": 1, "a": 2})) == ["a", "b"]',
    ]);
    const code = [
      'class Counter2:',
      '    def __init__(self): self.d = {}',
      '    def add(self, k): self.d[k] = self.d.get(k, 0) + 1',
      '    def get(self, k): return self.d[k]',
      '    def __len__(self): return len(self.d)',
      '    def __contains__(self, k): return k in self.d',
      '    def keys_of(self, m): return iter(m)',
      'def gen(n):',
      '    yield from range(n)',
    ].join('\n');
    expect(await verdicts(p, code)).toEqual([true, true, true]);
  });

  it('reads subclasses of plain types as their base type, and keeps exact types otherwise', async () => {
    const p = payload('f', [
      "assert f('counter') == {'a': 2}",
      "assert f('tuple') == (1, 2) and f('list') != (1, 2)",
      "assert isinstance(f('float'), float) and f('float') == 0.5",
      "r = f('nan')\nassert r != r and f('inf') == float('inf')",
      "assert type(f('bool')) is bool and f('set') == {1, frozenset({2})}",
    ]);
    const code = [
      'import collections, math',
      'def f(k):',
      "    return {'counter': collections.Counter('aa'), 'tuple': collections.namedtuple('P', 'x y')(1, 2), 'list': [1, 2],",
      "            'float': 0.5, 'nan': math.nan, 'inf': math.inf, 'bool': True, 'set': {1, frozenset({2})}}[k]",
    ].join('\n');
    expect(await verdicts(p, code)).toEqual([true, true, true, true, true]);
  });

  it("gives the tests trusted builtins and modules, never the solution's names for them", async () => {
    const p = payload('f', ['assert math.isclose(f(), 1.0)', 'assert len(str(f())) > 0', 'assert helper() == 7']);
    const code = [
      'class _Fake:\n    def isclose(self, *a, **k): return True',
      'math = _Fake()',
      'def len(x): return 99',
      'def helper(): return 7',
      'def f(): return 5.0',
    ].join('\n');
    // math.isclose is the real one (5.0 is not close to 1.0); len is the builtin; helper is the solution's.
    expect(await verdicts(p, code)).toEqual([false, true, true]);
  });

  it('refuses to pass test-side callables into the sandbox (a clear error fails that test only)', async () => {
    const r = await runFunctionTests(sandbox, payload('apply', ['assert apply(lambda x: x + 1, 1) == 2', 'assert apply(None, 1) == 1']), 'def apply(f, x):\n    return x if f is None else f(x)\n');
    expect(r.results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/only plain data crosses/) });
    expect(r.results[1]).toEqual({ ok: true });
  });

  it('is not disturbed by the solution printing, reading stdin or writing files', async () => {
    const code = 'import sys\nprint("noise")\nsys.stdout.write("{}\\n")\nopen("x.txt", "w").write("x")\ndef f():\n    print("more noise")\n    return input.__name__ if sys.stdin.read() == "" else "stdin had data"\n';
    expect(await verdicts(payload('f', ["assert f() == 'input'"]), code)).toEqual([true]);
  });

  it('stops an answer flood, and reads garbage or deep nesting as a failed test, never a pass', async () => {
    const flood = await runFunctionTests(sandbox, payload('f', ['assert f() == 1']), "def f():\n    return 'x' * 20_000_000\n");
    expect(flood.failure).toBe('output limit');
    const garbage = [
      'import os',
      'def f():',
      '    fd = [int(x) for x in os.listdir("/proc/self/fd") if int(x) > 2]',
      "    for d in fd:",
      "        try: os.write(d, b'{\"v\": [[], {\"zz\": 1}]}\\n[[[[[[' + b'[' * 100000 + b'\\n')",
      '        except OSError: pass',
      '    return [[[[1]]]]',
    ].join('\n');
    const r = await runFunctionTests(sandbox, payload('f', ['assert f() == 1', 'assert f() == [[[[1]]]]']), garbage);
    expect(r.results.every((t) => !t.ok) || r.loadError !== null || r.failure !== null).toBe(true);
  });
});
