import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/types.ts';
import { generateMutants, type GeneratedMutants } from './index.ts';

// Small sources, one per operator; every site is taken (max 100), so the expected mutants are exact.
const SOURCES: Record<string, string> = {
  cmp: 'def f(a, b, c):\n    return a < b >= c or a == b != c or a > c <= b\n',
  arith: 'def f(a, b):\n    return (a + b, a - b, a * b, a / b, a // b, a % b)\n',
  aug: 'def f(a):\n    a += b\n    a %= b\n    a *= b\n    return a\n',
  const: "def f(x=True):\n    y = -1\n    return (x, y, 2.5, 'a', 0)\n",
  bool: 'def f(a, b, c):\n    return a and b or c\n',
  cond: 'def f(x):\n    done = False\n    while not done:\n        if x:\n            done = True\n        elif x is None:\n            x = 1\n    return x if x else None\n',
  ret: "def f(x: list[3]='a', y: int=5) -> 7:\n    \"\"\"Doc 9.\"\"\"\n    if x:\n        return None\n    return x + y\n",
};

let sandbox: Sandbox;
let all: Map<string, GeneratedMutants>;
beforeAll(async () => {
  sandbox = await createSandbox();
  const out = await generateMutants(sandbox, Object.entries(SOURCES).map(([key, source]) => ({ key, source })), { maxPerTask: 100 });
  all = new Map(out.map((g) => [g.key, g]));
});

const codes = (key: string, operator: string) => all.get(key)!.mutants.filter((m) => m.operator === operator).map((m) => m.code);
const body = (key: string, lines: string) => `${SOURCES[key]!.split('\n')[0]}\n${lines}\n`;

describe('mutate.py: each operator', () => {
  it('flips every comparison of a chain apart: < ↔ <=, > ↔ >=, == ↔ !=', () => {
    expect(codes('cmp', 'flip-comparison')).toEqual([
      body('cmp', '    return a <= b >= c or a == b != c or a > c <= b'),
      body('cmp', '    return a < b > c or a == b != c or a > c <= b'),
      body('cmp', '    return a < b >= c or a != b != c or a > c <= b'),
      body('cmp', '    return a < b >= c or a == b == c or a > c <= b'),
      body('cmp', '    return a < b >= c or a == b != c or a >= c <= b'),
      body('cmp', '    return a < b >= c or a == b != c or a > c < b'),
    ]);
  });

  it('swaps arithmetic operators: + ↔ -, * → // and /, / → *, // → * and %, % → //', () => {
    expect(codes('arith', 'swap-arithmetic')).toEqual([
      body('arith', '    return (a - b, a - b, a * b, a / b, a // b, a % b)'),
      body('arith', '    return (a + b, a + b, a * b, a / b, a // b, a % b)'),
      body('arith', '    return (a + b, a - b, a // b, a / b, a // b, a % b)'),
      body('arith', '    return (a + b, a - b, a / b, a / b, a // b, a % b)'),
      body('arith', '    return (a + b, a - b, a * b, a * b, a // b, a % b)'),
      body('arith', '    return (a + b, a - b, a * b, a / b, a * b, a % b)'),
      body('arith', '    return (a + b, a - b, a * b, a / b, a % b, a % b)'),
      body('arith', '    return (a + b, a - b, a * b, a / b, a // b, a // b)'),
    ]);
  });

  it('swaps the operator of augmented assignments too', () => {
    expect(codes('aug', 'swap-arithmetic')).toEqual([
      body('aug', '    a -= b\n    a %= b\n    a *= b\n    return a'),
      body('aug', '    a += b\n    a //= b\n    a *= b\n    return a'),
      body('aug', '    a += b\n    a %= b\n    a //= b\n    return a'),
      body('aug', '    a += b\n    a %= b\n    a /= b\n    return a'),
    ]);
  });

  it('adds one to int literals only (not bools, floats or strings)', () => {
    expect(codes('const', 'add-one')).toEqual([
      "def f(x=True):\n    y = -2\n    return (x, y, 2.5, 'a', 0)\n",
      "def f(x=True):\n    y = -1\n    return (x, y, 2.5, 'a', 1)\n",
    ]);
  });

  it('swaps and ↔ or', () => {
    expect(codes('bool', 'swap-boolean')).toEqual([body('bool', '    return (a and b) and c'), body('bool', '    return (a or b) or c')]);
  });

  it('negates if, elif and while conditions (a `not x` test becomes `x`), not conditional expressions', () => {
    const tail = '    return x if x else None';
    expect(codes('cond', 'negate-condition')).toEqual([
      body('cond', `    done = False\n    while done:\n        if x:\n            done = True\n        elif x is None:\n            x = 1\n${tail}`),
      body('cond', `    done = False\n    while not done:\n        if not x:\n            done = True\n        elif x is None:\n            x = 1\n${tail}`),
      body('cond', `    done = False\n    while not done:\n        if x:\n            done = True\n        elif not x is None:\n            x = 1\n${tail}`),
    ]);
  });

  it('replaces return <expr> by return None; an explicit return None gives a non-viable mutant', () => {
    const ret = all.get('ret')!.mutants.filter((m) => m.operator === 'return-none');
    expect(ret.map((m) => [m.line, m.viable, m.reason])).toEqual([
      [4, false, 'unchanged'],
      [5, true, null],
    ]);
    expect(ret[1]!.code).toBe("def f(x: list[3]='a', y: int=5) -> 7:\n    \"\"\"Doc 9.\"\"\"\n    if x:\n        return None\n    return None\n");
    expect(ret[1]!.diff).toBe('--- reference\n+++ mutant\n@@ -4,2 +4,2 @@\n         return None\n-    return x + y\n+    return None');
  });

  it('leaves annotations and docstrings alone (only the default 5 is a constant site)', () => {
    const g = all.get('ret')!;
    expect(g.mutants.filter((m) => m.operator === 'add-one').map((m) => m.description)).toEqual(['`5` -> `6`']);
    expect(g.sites).toBe(5); // add-one 5, negate `if x`, `x + y` → `x - y`, two returns
  });

  it('reports positions in the original source and describes the change', () => {
    const m = all.get('cmp')!.mutants.find((x) => x.operator === 'flip-comparison')!;
    expect(m).toMatchObject({ operator: 'flip-comparison', line: 2, col: 12, viable: true });
    expect(m.description).toBe('`<` -> `<=`: `a < b >= c` becomes `a <= b >= c`');
  });

  it('a reference that does not parse gets an error, not mutants', async () => {
    const [g] = await generateMutants(sandbox, [{ key: 'bad', source: 'def f(:\n' }]);
    expect(g!.mutants).toEqual([]);
    expect(g!.error).toMatch(/reference does not parse: line 1/);
  });
});

describe('mutate.py: seeded selection', () => {
  const many = SOURCES.arith! + SOURCES.cmp!.replace('def f', 'def g');
  const pick = async (seed: number, key = 'task/1', extra: { key: string; source: string }[] = []) => {
    const out = await generateMutants(sandbox, [...extra, { key, source: many }], { maxPerTask: 4, seed });
    return out.find((g) => g.key === key)!.mutants.map((m) => `${m.operator}@${m.line}:${m.col} ${m.description}`);
  };

  it('is stable for a seed and task id, whatever other tasks are generated alongside', async () => {
    const a = await pick(0);
    expect(a).toHaveLength(4);
    expect(await pick(0)).toEqual(a);
    expect(await pick(0, 'task/1', [{ key: 'other', source: SOURCES.bool! }])).toEqual(a);
  });

  it('changes with the seed and with the task id', async () => {
    const a = await pick(0);
    const others = [await pick(1), await pick(2), await pick(3)];
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(a))).toBe(true);
    const byKey = [await pick(0, 'task/2'), await pick(0, 'task/3'), await pick(0, 'task/4')];
    expect(byKey.some((o) => JSON.stringify(o) !== JSON.stringify(a))).toBe(true);
  });
});
