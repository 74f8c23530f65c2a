// Auxiliary calls through the System context: a live SALE run (sim bids and jury, a stub agent for
// executions) logs every call it sends to aux-calls.jsonl, metered from the engine's counters; the same
// run replayed from that log makes zero model calls and holds the same auctions with the same records.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agent, AgentContext } from '../agents/types.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import type { ModelClient } from '../models/types.ts';
import { createModelClient } from '../models/registry.ts';
import { AUX_CALLS, readAuxCalls } from '../records/aux-calls.ts';
import { decodeResponse } from '../records/compact-response.ts';
import type { AttemptRecord } from '../records/records.ts';
import { createSandbox } from '../sandbox/index.ts';
import { AUCTIONS, readJsonl, type AuctionLine } from '../sale/log.ts';
import { saleSystems } from '../sale/system.ts';
import { baseVariant } from '../sale/variants.ts';
import { createSuites } from '../suites/index.ts';
import { AuxReplayMiss, auxClient, replayAuxCalls, type MeteredAuxCall } from './aux-calls.ts';
import { runBench } from './run-bench.ts';
import { saleModelParts } from './sale-context.ts';

const base = loadConfig();
const config: Config = { ...base, sale: { ...base.sale, embedder: 'tfidf', weights: { ...base.sale.weights, method: 'fixed', fixed: { cost: 0.3, entropy: 0.3, jury: 0.4 } } } };
const suites = createSuites(['coding'], config);
const tasks = suites.flatMap((s) => s.tasks);

/** An agent that makes no model call (executions are not what this test is about). */
const stubAgent: Agent = {
  async run(ctx: AgentContext) {
    return { submission: null, stopReason: 'no-submission', messages: [{ role: 'user', content: ctx.userPrompt }], trace: [], calls: [] };
  },
};

/** A client whose every chat call counts and fails: a replay must never reach it. */
function noCalls(inner: ModelClient): ModelClient & { chats: number } {
  const c = { provider: inner.provider, endpoint: inner.endpoint, chats: 0, describe: (m: string) => inner.describe(m), ping: () => inner.ping() } as ModelClient & { chats: number };
  c.chat = async () => {
    c.chats++;
    throw new Error('a model call during a replay');
  };
  return c;
}

async function saleRun(dir: string, client: ModelClient, call: MeteredAuxCall) {
  const sale = await saleSystems(
    { config, suites, bins: undefined, limit: 24, call, simulated: true, embedder: saleModelParts(config, client, 0).embedder, dir, resume: false, seed: 0, concurrency: 4 },
    { variants: [baseVariant('all')], orders: 2, trainFrac: 0.25, splitSeed: 0 },
  );
  const result = await runBench({ suites, agents: config.agents, client, sandbox: await createSandbox(), dir, resume: false, limit: 24, concurrency: 4, seed: 0, command: ['test'], systems: sale.systems, aux: call, fingerprintExtra: sale.fingerprintExtra, agentImpl: stubAgent });
  return { records: result.records, auctions: readJsonl<AuctionLine>(join(dir, AUCTIONS)) };
}

const auctionView = (a: AuctionLine) => ({ system: a.system, taskId: a.taskId, winner: a.winner, bids: a.bids.map((b) => [b.agent, b.sha, b.z, b.entropy, b.jury]), refinements: a.refinements.map((b) => [b.agent, b.sha, b.z]), tokens: a.overhead.tokens, cost: a.overhead.costUsd });
const recordView = (r: AttemptRecord) => ({ key: r.key, agent: r.agent, status: r.status, usage: r.usage, costUsd: r.costUsd, calls: r.calls.map((c) => [c.callType, c.inputTokens, c.billedInputTokens, c.outputTokens, c.wallMs]) });
const byKey = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : 1));

describe('auxiliary calls through the System context', () => {
  it('are metered and logged live, and a replay from the log makes zero model calls and gives the same auctions and records', async () => {
    const sim = createModelClient('sim', { config, tasks });
    const liveDir = mkdtempSync(join(tmpdir(), 'sale-aux-live-'));
    const live = saleModelParts(config, sim, 0, liveDir);
    const first = await saleRun(liveDir, sim, live.call);
    expect(first.auctions.length).toBeGreaterThan(0);
    // Every call sent is logged once, with the engine's counters; the meter sums them.
    const logged = readAuxCalls(liveDir);
    expect(live.call.meter.calls).toBe(readFileSync(join(liveDir, AUX_CALLS), 'utf8').trim().split('\n').length);
    expect(logged.size).toBeGreaterThan(0);
    expect(live.call.meter.inputTokens).toBe([...readFileSync(join(liveDir, AUX_CALLS), 'utf8').trim().split('\n')].map((l) => decodeResponse((JSON.parse(l) as { z: string }).z)).reduce((s, r) => s + r.usage.inputTokens, 0));
    expect(live.call.meter.infraErrors).toBe(0);
    const saleRecords = first.records.filter((r) => r.system.startsWith('sale@'));
    expect(saleRecords.every((r) => r.calls.some((c) => c.callType === 'bid' && c.billedInputTokens! > 0))).toBe(true);

    const offline = noCalls(sim);
    const replayDir = mkdtempSync(join(tmpdir(), 'sale-aux-replay-'));
    const replay = replayAuxCalls({ dir: liveDir, agents: config.agents, seed: 0 });
    const second = await saleRun(replayDir, offline, replay);
    expect(offline.chats).toBe(0);
    expect(replay.meter.calls).toBeGreaterThan(0);
    expect(second.auctions.map(auctionView)).toEqual(first.auctions.map(auctionView));
    expect(byKey(second.records).map(recordView)).toEqual(byKey(first.records).map(recordView));
  });

  it('a request the log lacks is a clear replay miss, not a model call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sale-aux-empty-'));
    const replay = replayAuxCalls({ dir, agents: config.agents, seed: 0 });
    await expect(replay('4b', { messages: [{ role: 'user', content: 'x' }], options: { temperature: 0, numPredict: 8, think: false }, meta: { kind: 'bid', taskId: 't', turn: 0 } })).rejects.toBeInstanceOf(AuxReplayMiss);
    expect(auxClient(config, createModelClient('sim', { config, tasks })).provider).toBe('sim');
  });
});
