// Property tests of the task-line parser and loader: arbitrary text and arbitrary JSON never throw
// anything but a ConfigError; every problem names file:line; valid lines always parse.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typedOrValue } from '../../tests/support/typed-errors.ts';
import { loadTasks, parseTasks } from './load.ts';

const valid = {
  id: 't1', suite: 'coding', domain: 'coding', prompt: 'p', tau: 0.3,
  tau_source: { kind: 'annotated', rationale: 'r' },
  payload: { kind: 'function', entry_point: 'f', tests: ['assert f() == 1'], reference: 'def f():\n    return 1\n' },
};

/** A valid task with one field replaced by an arbitrary JSON value (or removed). */
const mutated = fc
  .tuple(fc.constantFrom(...Object.keys(valid), 'payload.tests', 'payload.kind', 'tau_source.kind', 'extra'), fc.option(fc.jsonValue(), { nil: undefined }))
  .map(([key, value]) => {
    const t = structuredClone(valid) as Record<string, any>;
    const [a, b] = key.split('.');
    const target = b ? t[a!] : t;
    if (value === undefined) delete target[b ?? a!];
    else target[b ?? a!] = value;
    return JSON.stringify(t);
  });

describe('task-line parser (property)', () => {
  it('arbitrary text: tasks or problems naming file:line, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const problems: string[] = [];
        const tasks = parseTasks(text, 'x.jsonl', problems);
        for (const p of problems) expect(p).toMatch(/^x\.jsonl:\d+/);
        expect(tasks.length + problems.length).toBeLessThanOrEqual(text.split('\n').length * 50);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary JSON lines and mutated tasks: never a throw; a line is a task or has a problem', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), mutated), { maxLength: 8 }), (lines) => {
        const problems: string[] = [];
        const tasks = parseTasks(lines.join('\n'), 'x.jsonl', problems);
        const flagged = new Set(problems.map((p) => Number(/^x\.jsonl:(\d+)/.exec(p)![1])));
        lines.forEach((l, i) => {
          if (l.trim() === '') return;
          expect(tasks.some((t) => t.origin.line === i + 1) || flagged.has(i + 1)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('loadTasks on an arbitrary file throws nothing but ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-prop-'));
    let n = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, asValid) => {
        const f = join(dir, `t${n++}.jsonl`);
        writeFileSync(f, asValid ? Buffer.concat([Buffer.from(`${JSON.stringify(valid)}\n`), bytes]) : bytes);
        const tasks = typedOrValue(() => loadTasks([f]));
        if (asValid && tasks) expect(tasks[0]!.id).toBe('t1');
      }),
      { numRuns: 150 },
    );
  });
});
