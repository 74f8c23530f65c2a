// Swap-aware batching of a stream's auctions (batch.ts): the same auction log with and without batching,
// and the calls reach the engine grouped by model (far fewer model changes in the call sequence).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agent, AgentContext } from '../agents/types.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { createModelClient } from '../models/registry.ts';
import type { AuxCall } from '../routers/types.ts';
import { runBench } from '../runner/run-bench.ts';
import { saleModelParts } from '../runner/sale-context.ts';
import { createSandbox } from '../sandbox/index.ts';
import { createSuites } from '../suites/index.ts';
import { AUCTIONS, readJsonl, type AuctionLine } from './log.ts';
import { saleSystems } from './system.ts';
import { baseVariant } from './variants.ts';

const base = loadConfig();
const fixed = { ...base.sale.weights, method: 'fixed' as const, fixed: { cost: 0.3, entropy: 0.3, jury: 0.4 } };
const stubAgent: Agent = {
  async run(ctx: AgentContext) {
    return { submission: null, stopReason: 'no-submission', messages: [{ role: 'user', content: ctx.userPrompt }], trace: [], calls: [] };
  },
};

async function run(window: number, reuse: boolean) {
  const config: Config = { ...base, sale: { ...base.sale, weights: fixed, batch_window: window, reuse_identical_calls: reuse } };
  const suites = createSuites(['coding'], config);
  const client = createModelClient('sim', { config, tasks: suites.flatMap((s) => s.tasks) });
  const dir = mkdtempSync(join(tmpdir(), 'sale-batch-'));
  const parts = saleModelParts(config, client, 0, dir);
  // The order in which calls reach the engine (after the auction's own limiter).
  const sequence: string[] = [];
  const call: AuxCall = (agent, request) => {
    sequence.push(agent);
    return parts.call(agent, request);
  };
  const sale = await saleSystems(
    { config, suites, bins: undefined, limit: 40, ...parts, call, dir, resume: false, seed: 0, concurrency: 4 },
    { variants: [baseVariant('all')], orders: 1, trainFrac: 0.2, splitSeed: 0 },
  );
  const before = sequence.length; // the weight fit's calls (training split) are not batched
  await runBench({ suites, agents: config.agents, client, sandbox: await createSandbox(), dir, resume: false, limit: 40, concurrency: 8, seed: 0, command: ['test'], systems: sale.systems, aux: call, fingerprintExtra: sale.fingerprintExtra, agentImpl: stubAgent });
  const during = sequence.slice(before);
  const changes = during.filter((a, i) => i > 0 && a !== during[i - 1]).length;
  return { auctions: readJsonl<AuctionLine>(join(dir, AUCTIONS)), calls: during.length, changes };
}

const view = (a: AuctionLine) => ({
  taskId: a.taskId,
  position: a.position,
  provisional: a.provisional,
  retrieved: a.retrieved,
  winner: a.winner,
  bids: a.bids.map((b) => [b.agent, b.sha, b.jury, b.z]),
  refinements: a.refinements.map((b) => [b.agent, b.sha, b.pairs, b.jury, b.z]),
  overhead: [a.overhead.tokens, a.overhead.costUsd, a.overhead.reused, a.overhead.calls.length],
});

describe('swap-aware batching of SALE auctions', () => {
  for (const reuse of [true, false]) {
    it(`gives the same auction log as one auction at a time, with calls grouped by model (reuse ${reuse})`, async () => {
      const plain = await run(1, reuse);
      const batched = await run(16, reuse);
      expect(plain.auctions.length).toBeGreaterThan(20);
      expect(plain.auctions.some((a) => a.refinements.length > 0)).toBe(true);
      expect(batched.auctions.map(view)).toEqual(plain.auctions.map(view));
      // No call more, none less: the same calls, in another order.
      expect(batched.calls).toBe(plain.calls);
      expect(batched.changes).toBeLessThan(plain.changes / 3);
    }, 60_000);
  }
});
