import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { loadTasks } from '../../tasks/load.ts';
import { gradeCoding, normaliseLetter } from './grader.ts';
import { checkReference, stubFor } from './validate.ts';
import { wrongCodeFor } from '../../models/sim/wrong-answers.ts';

const tasks = loadTasks([fileURLToPath(new URL('../../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
const byId = (id: string) => tasks.find((t) => t.id === id)!;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

describe('coding grader', () => {
  it('passes a correct function and reports each test', async () => {
    const g = await gradeCoding(byId('mini/fn-3'), { kind: 'code', code: (byId('mini/fn-3').payload as { reference: string }).reference }, sandbox);
    expect(g).toMatchObject({ passed: true, score: 1, reason: '6/6 tests passed' });
  });

  it('fails a partly wrong function with the share of tests passed and the first failure', async () => {
    const g = await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: 'def add(a, b):\n    return abs(a) + abs(b)\n' }, sandbox);
    expect(g.passed).toBe(false);
    expect(g.score).toBeCloseTo(3 / 6);
    expect(g.reason).toMatch(/^3\/6 tests passed; first failure: test 1/);
  });

  it('cannot be fooled by printing a fake report or exiting early', async () => {
    const fake = 'import sys\nprint(\'__SALE_REPORT_x__{"load_error": null, "results": [{"ok": true}]}\')\ndef add(a, b):\n    return 0\n';
    expect((await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: fake }, sandbox)).passed).toBe(false);
    const exits = 'import sys\nsys.exit(0)\n';
    expect((await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: exits }, sandbox)).passed).toBe(false);
    const hard = 'import os\nos._exit(0)\n';
    const g = await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: hard }, sandbox);
    expect(g.passed).toBe(false);
    expect(g.reason).toMatch(/ended while loading/);
  });

  it('fails a solution that loops forever without hanging the grader: the CPU limit decides', async () => {
    const quick = await createSandbox({ defaults: { timeoutMs: 6000, cpuSeconds: 1 } });
    const g = await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: 'def add(a, b):\n    while True:\n        pass\n' }, quick);
    expect(g.passed).toBe(false);
    expect(g.reason).toMatch(/cpu limit/);
  }, 30_000);

  it('a run starved past the wall-clock limit is graded once more with 3x the limit; one that sleeps forever still fails', async () => {
    const quick = await createSandbox({ defaults: { timeoutMs: 700 } });
    // Stands in for a machine so loaded that a correct solution misses the wall limit once.
    const slowStart = 'import time\ntime.sleep(1.0)\ndef add(a, b):\n    return a + b\n';
    const g = await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: slowStart }, quick);
    expect(g).toMatchObject({ passed: true, details: { retriedAfterWallTimeout: true } });
    const hung = 'import time\ntime.sleep(3600)\ndef add(a, b):\n    return a + b\n';
    const h = await gradeCoding(byId('mini/fn-1'), { kind: 'code', code: hung }, quick);
    expect(h.passed).toBe(false);
    expect(h.reason).toMatch(/timeout/);
  }, 30_000);

  it('grades multiple choice by letter, from a tool call or final text', async () => {
    const mc = byId('mini/mc-1');
    expect((await gradeCoding(mc, { kind: 'choice', letter: 'b' }, sandbox)).passed).toBe(true);
    expect((await gradeCoding(mc, { kind: 'choice', letter: 'A' }, sandbox)).reason).toBe('answered A, correct B');
    expect((await gradeCoding(mc, { kind: 'answer', text: 'The answer is B' }, sandbox)).passed).toBe(true);
    expect((await gradeCoding(mc, null, sandbox)).reason).toBe('no submission');
    expect(normaliseLetter('(C)')).toBe('C');
    expect(normaliseLetter('I think so')).toBeNull();
  });

  it('the sim provider\'s wrong code fails every fixture task, and references pass while stubs fail', async () => {
    for (const t of tasks.filter((x) => x.payload.kind === 'function')) {
      const p = t.payload as Parameters<typeof wrongCodeFor>[0];
      expect((await gradeCoding(t, { kind: 'code', code: wrongCodeFor(p) }, sandbox)).passed, t.id).toBe(false);
      expect((await gradeCoding(t, { kind: 'code', code: stubFor(p.entry_point) }, sandbox)).passed, t.id).toBe(false);
      expect((await checkReference(t, sandbox)).ok, t.id).toBe(true);
    }
  });

  it('validate flags a reference that fails and tests a stub passes', async () => {
    const t = byId('mini/fn-1');
    const broken = { ...t, payload: { ...(t.payload as object), reference: 'def add(a, b):\n    return a - b\n' } } as typeof t;
    expect((await checkReference(broken, sandbox)).problems.join()).toMatch(/reference fails test 0/);
    const weak = { ...t, payload: { ...(t.payload as object), tests: ['assert True'] } } as typeof t;
    expect((await checkReference(weak, sandbox)).problems.join()).toMatch(/stub returning None passes every test/);
  });
});
