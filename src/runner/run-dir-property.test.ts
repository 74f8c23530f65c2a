// Property tests of the run folder readers: arbitrary manifest and records text is read, or refused
// with a ConfigError naming the file; a record written and read back is the same record.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typedOrValue } from '../../tests/support/typed-errors.ts';
import type { ChatMessage } from '../models/types.ts';
import type { AttemptRecord } from '../records/records.ts';
import { MANIFEST, readManifest, readRecords, RECORDS } from '../records/run-dir.ts';
import { expandRecord, serializeRecord } from '../records/trace-cap.ts';

describe('run folder readers (property)', () => {
  it('arbitrary manifest.json and records.jsonl: read, or a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-rd-prop-'));
    const line = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), fc.record({ key: fc.string(), system: fc.string(), agent: fc.string(), taskId: fc.string(), status: fc.constantFrom('passed', 'failed', 'x'), passed: fc.boolean(), trace: fc.anything(), messages: fc.anything() }).map((r) => JSON.stringify(r)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')), fc.array(line, { maxLength: 5 }), (manifest, records) => {
        writeFileSync(join(dir, MANIFEST), manifest);
        writeFileSync(join(dir, RECORDS), records.join('\n'));
        typedOrValue(() => readManifest(dir));
        const read = typedOrValue(() => readRecords(dir));
        for (const r of read ?? []) expect(typeof r.key).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('serialise then expand gives back the record (messages and trace of any content)', () => {
    const message = fc.record({ role: fc.constantFrom('system', 'user', 'assistant', 'tool'), content: fc.string({ maxLength: 50 }) }) as fc.Arbitrary<ChatMessage>;
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (messages, picks) => {
        const trace = messages.length ? picks.map((p, turn) => ({ turn, message: messages[p % messages.length]! })) : [];
        const r = { key: 'k', system: 's', agent: 'a', taskId: 't', status: 'failed', passed: false, messages, trace } as unknown as AttemptRecord;
        expect(expandRecord(JSON.parse(serializeRecord(r)) as AttemptRecord)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
