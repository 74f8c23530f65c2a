// The fast path of the task schema must agree with zod on every input: same acceptance, and the same
// record (key order included: records and fingerprints serialise it).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastTaskRecord } from './fast-record.ts';
import { taskRecordSchema } from './schema.ts';

const fn = { kind: 'function', entry_point: 'f', tests: ['assert f() == 1'], reference: 'def f():\n    return 1\n', test_setup: '', solution_setup: 's', starter: 'x' };
const mc = { kind: 'multiple_choice', options: { B: 'b', A: 'a' }, answer: 'A' };
const qa = { kind: 'qa', answer: 'Paris', aliases: ['paris'], evidence: ['doc-1'] };
const base = {
  id: 't1', suite: 'coding', domain: 'coding', prompt: 'p', tau: 0.3,
  tau_source: { kind: 'annotated', rationale: 'r' },
  payload: fn,
  source: { dataset: 'd', id: 'x', license: 'MIT' },
  tags: ['a'],
};
const estimator = { kind: 'estimator', name: 'n', version: 'v', rationale: 'r' };

/** Values that sit on the schema's edges, besides arbitrary JSON. */
const edgy = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('', ' ', '\t\n', 'A', 'Z', 'AB', 'a', '_x', '1x', 'f', 'ok/id:1.2-3', 'bad id', 0, -0, 1e-9, 0.3, 40, 1e9, -1, null, true, [], {}, [''], ['  '], ['x'], ['x', ''], 'coding', 'deepsearch', 'qa', 'function', 'multiple_choice', 'annotated', 'estimator'),
  fc.constantFrom(fn, mc, qa, estimator, { kind: 'annotated' }, { A: 'x' }, { A: 'x', B: '' }, { A: 'x', b: 'y' }, { ...mc, answer: 'C' }),
  fc.constant(undefined),
);

/** A valid record (one of several shapes) with some fields replaced, removed or added at any depth. */
const record = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(base, { ...base, payload: mc }, { ...base, domain: 'deepsearch', payload: qa }, { ...base, tau_source: estimator }, { id: 'x', suite: 's', domain: 'coding', prompt: 'q', tau: 7, tau_source: { kind: 'annotated', rationale: 'r' }, payload: mc }),
    fc.array(fc.tuple(fc.constantFrom('', 'payload.', 'tau_source.', 'source.', 'payload.options.'), fc.constantFrom('id', 'suite', 'domain', 'prompt', 'tau', 'tau_source', 'payload', 'source', 'tags', 'kind', 'entry_point', 'tests', 'reference', 'test_setup', 'solution_setup', 'starter', 'options', 'answer', 'aliases', 'evidence', 'rationale', 'name', 'version', 'dataset', 'license', 'A', 'B', 'C', 'extra', '__proto__'), fc.option(edgy, { nil: null }), fc.boolean()), { maxLength: 4 }),
  )
  .map(([start, edits]) => {
    // Through JSON, as the loader gets it (own "__proto__" keys included).
    const t = JSON.parse(JSON.stringify(start)) as Record<string, any>;
    for (const [where, key, value, remove] of edits) {
      const path = where.split('.').filter(Boolean);
      let target: any = t;
      for (const p of path) target = target && typeof target === 'object' ? target[p] : undefined;
      if (!target || typeof target !== 'object') continue;
      if (remove) delete target[key];
      else Object.defineProperty(target, key, { value: value === null ? null : value, enumerable: true, configurable: true, writable: true });
    }
    return t;
  });

function agree(input: unknown): void {
  const zod = taskRecordSchema.safeParse(input);
  const fast = fastTaskRecord(input);
  expect(fast !== null, JSON.stringify(input)).toBe(zod.success);
  if (zod.success) {
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    expect(fast).toStrictEqual(zod.data);
  }
}

describe('fast task schema', () => {
  it('agrees with zod on valid records of every kind and on edited ones', () => {
    fc.assert(fc.property(record, agree), { numRuns: 4000 });
  });

  it('agrees with zod on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 1000 });
  });

  it('agrees with zod on every bundled task line', () => {
    const root = fileURLToPath(new URL('../../datasets/', import.meta.url));
    let n = 0;
    for (const f of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.jsonl') || f.includes('corpus')) continue; // corpus documents are not tasks
      for (const line of readFileSync(root + f, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        agree(JSON.parse(line));
        n++;
      }
    }
    expect(n).toBeGreaterThan(450);
  });
});
