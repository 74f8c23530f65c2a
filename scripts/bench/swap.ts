// Section `swap`: model-swap time as a share of engine busy time on one GPU box that holds 2 of the 4
// Qwen3 sizes, for the same SALE-shaped work (per task: 4 bids, 16 jury calls, the winner's execution)
// scheduled in task order vs through the swap-aware gate (src/models/swap-gate.ts). The engine is the
// fake single-GPU engine of tests/support (load time charged on every swap, at most 2 models held,
// loads one at a time), time-scaled 1:100 from a 24 GB card: a load 10 s → 100 ms; a bid (~300 tokens
// at ~30 tok/s) 10 s → 100 ms; a jury verdict 3 s → 30 ms; an execution turn 15 s → 150 ms, 10 turns;
// larger models slower (×0.5, ×0.75, ×1, ×1.5 from 4B to 32B); at most 4 calls served at once
// (OLLAMA_NUM_PARALLEL); windows of 16 and 48 tasks in flight (--concurrency); the gate's grace (5 s) and fairness
// limit (10 min) scaled alike. Each window also with SALE's batching (bids, then jury, of 16 tasks at a
// time, model by model). Target: swap-aware + batching <= 5 % with a window of 48. Then the real SALE
// driver on the same engine (swap-sale.ts): its memory-dependent refinements stay in stream order.
import { SwapGate } from '../../src/models/swap-gate.ts';
import type { ChatRequest } from '../../src/models/types.ts';
import { SingleGpuEngine, auctionWorkload } from '../../tests/support/single-gpu-engine.ts';
import { log, metric, type SectionResult } from './common.ts';
import { measureSale } from './swap-sale.ts';

const models = ['qwen3:4b', 'qwen3:8b', 'qwen3:14b', 'qwen3:32b'];
const size: Record<string, number> = { 'qwen3:4b': 0.5, 'qwen3:8b': 0.75, 'qwen3:14b': 1, 'qwen3:32b': 1.5 };
const callMs = (r: ChatRequest) => ({ bid: 100, judge: 30, execute: 150, refine: 100 })[r.meta.callType] * (size[r.model] ?? 1);

async function measure(window: number, gated: boolean, batch = 1): Promise<{ share: number; loads: number; wallS: number }> {
  const engine = new SingleGpuEngine({ slots: 2, loadMs: 100, callMs, parallel: 4 });
  const t0 = performance.now();
  await auctionWorkload(gated ? new SwapGate(engine, { slots: 2, graceMs: 50, fairnessMs: 6000 }) : engine, { tasks: 48, concurrency: window, models, turns: 10, window: batch });
  return { share: (100 * engine.loadMs) / engine.busyMs, loads: engine.loads, wallS: (performance.now() - t0) / 1000 };
}

export async function swapSection(): Promise<SectionResult> {
  const metrics = [];
  // The window = tasks in flight (the run's --concurrency): the gate can only batch what is queued.
  // Batching (SALE's sale.yaml batch_window, src/sale/batch.ts): a window of 16 tasks' bids model by
  // model, then their jury calls judge by judge.
  for (const window of [16, 48]) {
    const naive = await measure(window, false);
    const aware = await measure(window, true);
    const batched = await measure(window, true, 16);
    log(`swap: window ${window}: task order ${naive.loads} loads, ${naive.share.toFixed(1)} % of busy time; swap-aware ${aware.loads} loads, ${aware.share.toFixed(1)} %; swap-aware + batching 16 ${batched.loads} loads, ${batched.share.toFixed(1)} %`);
    metrics.push(
      metric('swap', `swap share, task order, window ${window}`, naive.share, '%', { note: `${naive.loads} loads, wall ${naive.wallS.toFixed(1)} s` }),
      metric('swap', `swap share, swap-aware, window ${window}`, aware.share, '%', { note: `${aware.loads} loads, wall ${aware.wallS.toFixed(1)} s` }),
      metric('swap', `swap share, swap-aware + batching, window ${window}`, batched.share, '%', { note: `${batched.loads} loads, wall ${batched.wallS.toFixed(1)} s` }),
    );
    if (window === 48) metrics.push(metric('swap', 'swap-aware + batching headroom @48 (5 % / share)', 5 / batched.share, 'x', { target: { min: 1 } }));
  }
  // The real SALE driver (one stream, memory and refinements; sim replies) on the same engine, 48 in flight.
  const sale: Record<string, { share: number; loads: number; log: string }> = {};
  for (const schedule of ['task-order', 'gate', 'gate+batch'] as const) {
    const r = await measureSale({ schedule, inFlight: 48, testTasks: 48, window: 16, callMs, turns: 10 });
    sale[schedule] = r;
    log(`swap: SALE driver, ${schedule}: ${r.loads} loads, ${r.share.toFixed(1)} % of busy time, ${r.calls} auction calls, wall ${r.wallS.toFixed(1)} s`);
    metrics.push(metric('swap', `swap share, SALE driver, ${schedule}, 48 in flight`, r.share, '%', { note: `${r.loads} loads, ${r.calls} auction calls, wall ${r.wallS.toFixed(1)} s` }));
  }
  const same = sale['task-order']!.log === sale.gate!.log && sale.gate!.log === sale['gate+batch']!.log;
  log(`swap: SALE driver: auction logs of the three schedules ${same ? 'identical' : 'DIFFER'}`);
  metrics.push(metric('swap', 'SALE driver: auction logs identical across schedules', same ? 1 : 0, 'bool', { target: { min: 1 } }));
  return { metrics, details: { tasks: 48, loadMs: 100, slots: 2, parallel: 4, turns: 10, batchWindow: 16 } };
}
