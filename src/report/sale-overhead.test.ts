// Overhead shares on a constructed run whose answer is known by hand.
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/records.ts';
import type { AuctionLine } from '../sale/log.ts';
import type { Ctx } from './sale-context.ts';
import { overheadRows, share } from './sale-overhead.ts';

const call = (callType: 'bid' | 'judge' | 'refine' | 'execute', input: number, output: number) => ({
  callType,
  turn: 0,
  inputTokens: input,
  outputTokens: output,
  timings: { totalNs: 0, loadNs: 0, promptEvalNs: input * 1e6, evalNs: output * 1e6 },
  finishReason: { unified: 'stop', raw: 'stop' },
  truncated: false,
  wallMs: 0,
  attempts: 1,
  empty: false,
});

function record(taskId: string, bin: number, calls: ReturnType<typeof call>[], nOverhead: number, execUsd: number): AttemptRecord {
  return {
    system: 'sale@o1',
    taskId,
    domain: 'coding',
    bin,
    status: 'passed',
    calls,
    costUsd: 0,
    route: { details: { sale: { overhead: { calls: nOverhead }, execution: { costUsd: execUsd } } } },
  } as unknown as AttemptRecord;
}

const line = (taskId: string, bidUsd: number, juryUsd: number) =>
  ({ system: 'sale@o1', taskId, overhead: { calls: [{ callType: 'bid', costUsd: bidUsd }, { callType: 'judge', costUsd: juryUsd }] } }) as unknown as AuctionLine;

describe('SALE overhead shares', () => {
  // Task a (bin 0): bid 100 in / 10 out, jury 200 in / 10 out, execution 600 in / 80 out (+ its own answer judge 0/0).
  // Task b (bin 4): bid 100 / 10, jury 200 / 10, execution 9,600 in / 80 out.
  const recs = [
    record('a', 0, [call('bid', 100, 10), call('judge', 200, 10), call('execute', 600, 80), call('judge', 0, 0)], 2, 0.7),
    record('b', 4, [call('bid', 100, 10), call('judge', 200, 10), call('execute', 9600, 80)], 2, 9.7),
  ];
  const ctx = { records: recs, auctions: [line('a', 0.1, 0.2), line('b', 0.1, 0.2)], order: (v: string[]) => v } as unknown as Ctx;
  const rows = overheadRows(ctx);

  it('splits input and output, the jury apart, per bin and overall', () => {
    const a = rows.find((r) => r.bin === 0)!;
    expect(a.auction).toMatchObject({ input: 100, output: 10, usd: 0.1 });
    expect(a.jury).toMatchObject({ input: 200, output: 10, usd: 0.2 });
    expect(a.execution).toMatchObject({ input: 600, output: 80, usd: 0.7 });
    expect(share(a, 'overhead', 'input')).toBeCloseTo(300 / 900, 12);
    expect(share(a, 'overhead', 'output')).toBeCloseTo(20 / 100, 12);
    expect(share(a, 'jury', 'usd')).toBeCloseTo(0.2 / 1, 12);
    const b = rows.find((r) => r.bin === 4)!;
    expect(share(b, 'overhead', 'input')).toBeCloseTo(300 / 9900, 12);
    const all = rows.find((r) => r.bin === 'all')!;
    // A ratio of totals: the long trace dominates.
    expect(share(all, 'overhead', 'input')).toBeCloseTo(600 / 10800, 12);
    expect(share(all, 'overhead', 'usd')).toBeCloseTo(0.6 / 11, 12);
    expect(share(all, 'jury', 'engineS')).toBeCloseTo((400 + 20) / 1e3 / ((600 + 40 + 10200 + 160) / 1e3), 9);
  });
});
