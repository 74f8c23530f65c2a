import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../models/types.ts';
import type { AttemptRecord } from './records.ts';
import { readRecords, RecordWriter, RECORDS } from './run-dir.ts';
import { CUT_MARKER, expandRecord, FIELD_CAP, RECORD_CAP, recordProblem, serializeRecord } from './trace-cap.ts';

function record(messages: ChatMessage[], extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    v: 1, type: 'attempt', key: 'agent:4b|t1', system: 'agent:4b', agent: '4b', model: 'qwen3:4b', taskId: 't1', suite: 'coding', domain: 'coding',
    bin: 0, tau: 0.05, status: 'failed', passed: false, stopReason: 'submitted', grade: null, infraError: null, submission: null,
    usage: { inputTokens: 1, outputTokens: 1 }, costUsd: 0, timings: { gpuSeconds: 0, loadSeconds: 0, wallMs: 1 },
    health: { truncatedCalls: 0, lengthStops: 0, emptyReplies: 0 }, calls: [], messages,
    trace: messages.slice(2).map((message, i) => ({ turn: i, message })), simulated: true, startedAt: '', finishedAt: '',
    ...extra,
  };
}

const count = (hay: string, needle: string) => hay.split(needle).length - 1;

describe('records on disk', () => {
  it('store each trace message once and read back the same record', () => {
    const msgs: ChatMessage[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'task' },
      { role: 'assistant', content: 'UNIQUE-REPLY-123', toolCalls: [{ name: 'run_python', arguments: { code: 'UNIQUE-ARG-456' } }] },
      { role: 'tool', content: 'UNIQUE-OUT-789', toolName: 'run_python' },
    ];
    const r = record(msgs);
    r.trace[1]!.details = { exit: 0 };
    const line = serializeRecord(r);
    for (const token of ['UNIQUE-REPLY-123', 'UNIQUE-ARG-456', 'UNIQUE-OUT-789']) expect(count(line, token)).toBe(1);
    const back = expandRecord(JSON.parse(line) as AttemptRecord);
    expect(back).toEqual(r);
  });

  it('cut a 2 MB reply and an 8 MB tool argument with a marker, keeping the record under the cap', () => {
    const reply = `HEAD${'r'.repeat(2 * 1024 * 1024)}TAIL`;
    const arg = 'a'.repeat(8 * 1024 * 1024);
    const msgs: ChatMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'assistant', content: reply, toolCalls: [{ name: 'submit', arguments: { code: arg } }] },
    ];
    const line = serializeRecord(record(msgs, { submission: { kind: 'code', code: arg } }));
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(RECORD_CAP);
    expect(count(line, CUT_MARKER)).toBe(3); // reply, tool argument, submission: each cut once, none stored twice
    const back = expandRecord(JSON.parse(line) as AttemptRecord);
    const content = back.messages[2]!.content;
    expect(content.startsWith('HEAD')).toBe(true);
    expect(content.endsWith('TAIL')).toBe(true);
    expect(content.length).toBeLessThanOrEqual(FIELD_CAP + 100);
    expect(back.trace[0]!.message).toEqual(back.messages[2]);
    expect((back as AttemptRecord & { capped?: { fields: number } }).capped?.fields).toBe(3);
  });

  it('a record of many medium strings is cut further until the whole record fits', () => {
    const msgs: ChatMessage[] = [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }];
    for (let i = 0; i < 60; i++) msgs.push({ role: 'tool', content: `${i}`.padEnd(60_000, 'x'), toolName: 'run_python' });
    const line = serializeRecord(record(msgs));
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(RECORD_CAP);
    expect(expandRecord(JSON.parse(line) as AttemptRecord).messages).toHaveLength(62);
  });

  it('RecordWriter writes the compact form, readRecords restores it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-cap-'));
    const msgs: ChatMessage[] = [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }, { role: 'assistant', content: 'ONCE-ONLY' }];
    const w = new RecordWriter(dir);
    w.append(record(msgs));
    w.close();
    expect(count(readFileSync(join(dir, RECORDS), 'utf8'), 'ONCE-ONLY')).toBe(1);
    expect(readRecords(dir)[0]!.trace[0]!.message.content).toBe('ONCE-ONLY');
  });

  it('names what is missing in a record', () => {
    expect(recordProblem({ system: 'a' })).toMatch(/no 'key'/);
    expect(recordProblem([])).toMatch(/not a JSON object/);
    expect(recordProblem({ key: 'k', system: 's', agent: 'a', taskId: 't', status: 'won', passed: true })).toMatch(/status 'won'/);
    expect(recordProblem(JSON.parse(serializeRecord(record([{ role: 'system', content: 's' }, { role: 'user', content: 'u' }]))))).toBeNull();
  });
});
