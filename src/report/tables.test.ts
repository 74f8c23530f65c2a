// Billed vs evaluated tokens, length stops and context overflow in a run's tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRecord, writeSyntheticMatrix } from '../../tests/support/synthetic-matrix.ts';
import type { AttemptRecord } from '../records/records.ts';
import { writeRunTables } from './tables.ts';

const agent = { name: '8b', pricePerMTok: 1 };

describe('run tables: billed-equivalent and evaluated tokens', () => {
  it('cost uses billed-equivalent input tokens and says so; evaluated tokens and their cost sit beside them', () => {
    const dir = writeSyntheticMatrix([], [agent]);
    const a: AttemptRecord = {
      ...syntheticRecord({ id: 't1', bin: 1, text: 'x', passed: { '8b': true } }, agent),
      // Three calls; a prompt cache made the engine evaluate 1 200 of the 3 000 billed input tokens.
      usage: { inputTokens: 1200, billedInputTokens: 3000, outputTokens: 300 },
      costUsd: (3000 + 300) / 1e6,
      costEvaluatedUsd: (1200 + 300) / 1e6,
      health: { truncatedCalls: 0, lengthStops: 1, emptyReplies: 0, cutToolCalls: 1, promptShrinks: 0, contextOverflow: false },
      calls: [{}, {}, {}] as AttemptRecord['calls'],
    };
    const b: AttemptRecord = {
      ...syntheticRecord({ id: 't2', bin: 1, text: 'y', passed: { '8b': false } }, agent),
      stopReason: 'context-overflow',
      // An old record without the new fields: billed reads as evaluated.
      usage: { inputTokens: 500, outputTokens: 100 },
      costUsd: 600 / 1e6,
      calls: [{}] as AttemptRecord['calls'],
    };
    writeFileSync(join(dir, 'records.jsonl'), `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
    const tables = writeRunTables(dir);
    const all = tables.rows.find((r) => r.bin === 'all')!;
    expect(all.billedInputTokens).toBe(3500);
    expect(all.inputTokens).toBe(1700);
    expect(all.costUsd).toBeCloseTo(3900 / 1e6, 12);
    expect(all.costEvaluatedUsd).toBeCloseTo(2100 / 1e6, 12);
    expect(all.lengthStopRate).toBeCloseTo(1 / 4, 12);
    expect(all.cutToolCallRate).toBeCloseTo(1 / 4, 12);
    expect(all.contextOverflowRate).toBe(0.5);
    const [head, ...lines] = readFileSync(tables.files.csv, 'utf8').trim().split('\n').map((l) => l.split(','));
    const csv = lines.map((l) => Object.fromEntries(head!.map((h, i) => [h, l[i]!])));
    const row = csv.find((r) => r.bin === 'all')!;
    expect(Number(row.billed_input_tokens)).toBe(3500);
    expect(Number(row.input_tokens)).toBe(1700);
    expect(Number(row.cost_usd)).toBeCloseTo(3900 / 1e6, 12);
    expect(Number(row.context_overflow_rate)).toBe(0.5);
    const md = readFileSync(tables.files.markdown, 'utf8');
    expect(md).toMatch(/\| billed input tok \| evaluated input tok \| output tok \| cost \$ \(billed\) \| cost \$ \(evaluated\) \|/);
    expect(md).toMatch(/cost = \(billed-equivalent input \+ output tokens\)/);
    expect(md).toMatch(/\| 3500 \| 1700 \| 400 \|.*\| 25\.0 \| 50\.0 \|$/m);
  });
});
