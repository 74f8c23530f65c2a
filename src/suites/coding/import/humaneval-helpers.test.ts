// HumanEval tasks whose prompt defines helpers (like HumanEval/32 `poly`, /38 `encode_cyclic`): a correct
// completion that does not repeat them passes, as under the official harness (prompt + completion), and
// `datasets validate --reference` passes on them. Runs the project's own grader in the sandbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/types.ts';
import { parseTasks } from '../../../tasks/load.ts';
import type { FunctionPayload, Task } from '../../../tasks/types.ts';
import { gradeCoding } from '../grader.ts';
import { createCodingSuite } from '../index.ts';
import { checkReference } from '../validate.ts';
import { importHumanEval } from './humaneval.ts';

const FILE = join(import.meta.dirname, '__fixtures__', 'humaneval-helpers.jsonl');
const RAW = readFileSync(FILE, 'utf8');
const tasks: Task[] = parseTasks(importHumanEval(RAW, FILE).map((r) => JSON.stringify(r)).join('\n'), 'imported.jsonl');
const byId = (id: string) => tasks.find((t) => t.id === id)!;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

const FIND_ROOT_ONLY = `def find_root(xs):
    lo, hi = -1.0, 1.0
    while poly(xs, lo) * poly(xs, hi) > 0:
        lo, hi = lo * 2, hi * 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if poly(xs, mid) * poly(xs, lo) > 0:
            lo = mid
        else:
            hi = mid
    return lo
`;

describe('HumanEval prompt helpers', () => {
  it('lets a completion call the helpers the prompt defines (HumanEval/32- and /38-style)', async () => {
    const root = await gradeCoding(byId('humaneval/32'), { kind: 'code', code: FIND_ROOT_ONLY }, sandbox);
    expect(root).toMatchObject({ passed: true, reason: '1/1 tests passed' });
    const decode = await gradeCoding(byId('humaneval/38'), { kind: 'code', code: 'def decode_rotate(s):\n    return encode_rotate(encode_rotate(s))\n' }, sandbox);
    expect(decode.passed).toBe(true);
  });

  it("keeps the solution's own definitions, and never lets the prompt's stub stand in for the entry point", async () => {
    // The solution's own (wrong) poly is the one used: the root it finds is not a root of the real poly.
    const ownPoly = `def poly(xs, x):\n    return 1.0\n\n${FIND_ROOT_ONLY.replace('for _ in range(200)', 'for _ in range(0)')}`;
    expect((await gradeCoding(byId('humaneval/32'), { kind: 'code', code: ownPoly }, sandbox)).passed).toBe(false);
    const noEntry = await gradeCoding(byId('humaneval/38'), { kind: 'code', code: 'x = 1\n' }, sandbox);
    expect(noEntry.passed).toBe(false);
    expect(noEntry.reason).toMatch(/decode_rotate/);
  });

  it('passes datasets validate --reference on every imported task (reference passes, stub fails)', async () => {
    for (const t of tasks) expect(await checkReference(t, sandbox), t.id).toMatchObject({ ok: true, problems: [] });
  });

  it('keeps the starter byte for byte, blank-line runs included, in the prompt the agent sees', () => {
    const t = byId('humaneval/7');
    const starter = (t.payload as FunctionPayload).starter!;
    expect(starter).toBe(JSON.parse(RAW.trim().split('\n')[2]!).prompt);
    expect(starter).toContain('List\n\n\n\ndef keep_long');
    const suite = createCodingSuite('humaneval', { datasets: [] } as never, tasks);
    expect(suite.userPrompt(t)).toContain(starter.trim());
  });
});
