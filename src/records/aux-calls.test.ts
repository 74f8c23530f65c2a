// aux-calls.jsonl: replies stored deflated (v2), v1 lines still read, lines read in chunks so a log
// larger than V8's longest string still loads, a torn last line skipped.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../models/types.ts';
import { AUX_CALLS, appendAuxCall, fileLines, readAuxCalls } from './aux-calls.ts';

const reply = (text: string): ChatResponse => ({
  message: { role: 'assistant', content: text },
  usage: { inputTokens: 10, outputTokens: 3 },
  timings: { totalNs: 1, loadNs: 0, promptEvalNs: 0, evalNs: 1 },
  finishReason: { unified: 'stop', raw: 'stop' },
  truncated: false,
  simulated: true,
  wallMs: 1,
  attempts: 1,
  logprobs: Array.from({ length: 50 }, (_, i) => ({ token: 'x', logprob: i === 0 ? -Infinity : -0.5, top: Array.from({ length: 20 }, () => ({ token: 'y', logprob: -1.25 })) })),
});
const meta = (key: string) => ({ key, kind: 'bid', agent: '4b', model: 'qwen3:4b', taskId: 't', turn: 0, at: '2026-01-01T00:00:00Z' });

describe('aux-calls.jsonl', () => {
  it('stores replies deflated, reads them back exactly (infinities included), and the first line of a key wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-aux-'));
    appendAuxCall(dir, meta('a'), reply('first'));
    appendAuxCall(dir, meta('a'), reply('second'));
    appendAuxCall(dir, meta('b'), reply('other'));
    const text = readFileSync(join(dir, AUX_CALLS), 'utf8');
    expect(text).not.toContain('"logprobs"');
    expect(text.length).toBeLessThan(JSON.stringify(reply('first')).length);
    const read = readAuxCalls(dir);
    expect([...read.keys()]).toEqual(['a', 'b']);
    expect(read.get('a')!.response()).toEqual(reply('first'));
    expect(read.get('a')!.response().logprobs![0]!.logprob).toBe(-Infinity);
  });

  it('reads v1 lines (reply in the clear) and skips a torn last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-aux-'));
    writeFileSync(join(dir, AUX_CALLS), `${JSON.stringify({ v: 1, type: 'aux-call', ...meta('old'), response: reply('v1') })}\n`);
    appendAuxCall(dir, meta('new'), reply('v2'));
    appendFileSync(join(dir, AUX_CALLS), '{"v":2,"type":"aux-call","key":"torn","z":"AAA');
    const read = readAuxCalls(dir);
    expect([...read.keys()]).toEqual(['old', 'new']);
    expect(read.get('old')!.response().message.content).toBe('v1');
  });

  it('fileLines yields the same lines whatever the chunk size, lines spanning chunks included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-aux-'));
    const lines = Array.from({ length: 40 }, (_, i) => 'é'.repeat(i * 7) + `#${i}`);
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const chunk of [1, 3, 16, 100, 1 << 20]) expect([...fileLines(file, chunk)]).toEqual(lines);
    writeFileSync(file, 'a\nb');
    expect([...fileLines(file, 2)]).toEqual(['a', 'b']);
  });
});
