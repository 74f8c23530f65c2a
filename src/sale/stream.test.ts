// SALE streams end to end in process (sim provider for bids and jury, a stub agent for executions):
// no auction sees the current or a later task, streams do not depend on concurrency, and only the
// winner executes, with its plan in its prompt.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AgentContext } from '../agents/types.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { createModelClient } from '../models/registry.ts';
import { runBench } from '../runner/run-bench.ts';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { createSuites } from '../suites/index.ts';
import { AUCTIONS, MEMORY, readJsonl, type AuctionLine, type MemoryLine } from './log.ts';
import { saleSystems } from './system.ts';
import { saleModelParts } from '../runner/sale-context.ts';
import { baseVariant } from './variants.ts';

const base = loadConfig();
// Fixed weights: no outcome matrix needed (the normaliser still comes from the training bids).
const config: Config = { ...base, sale: { ...base.sale, weights: { ...base.sale.weights, method: 'fixed', fixed: { cost: 0.3, entropy: 0.3, jury: 0.4 } } } };
const suites = createSuites(['coding'], config);
const tasks = suites.flatMap((s) => s.tasks);
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

/** An agent that makes no model call: it records what it was asked and hands in nothing. */
function stubAgent(seen: { task: string; agent: string; prompt: string }[]): Agent {
  return {
    async run(ctx: AgentContext) {
      seen.push({ task: ctx.task.id, agent: ctx.agent.name, prompt: ctx.userPrompt });
      return { submission: null, stopReason: 'no-submission', messages: [{ role: 'user', content: ctx.userPrompt }], trace: [], calls: [] };
    },
  };
}

async function run(concurrency: number, orders = 2) {
  const dir = mkdtempSync(join(tmpdir(), 'sale-stream-'));
  const client = createModelClient('sim', { config, tasks });
  const parts = saleModelParts(config, client, 0, dir);
  const sale = await saleSystems(
    { config, suites, bins: undefined, limit: 30, ...parts, dir, resume: false, seed: 0, concurrency },
    { variants: [baseVariant('all'), { ...baseVariant('all'), name: 'sale-no-memory', memory: false }], orders, trainFrac: 0.2, splitSeed: 0 },
  );
  const seen: { task: string; agent: string; prompt: string }[] = [];
  const result = await runBench({ suites, agents: config.agents, client, sandbox, dir, resume: false, limit: 30, concurrency, seed: 0, command: ['test'], systems: sale.systems, aux: parts.call, fingerprintExtra: sale.fingerprintExtra, agentImpl: stubAgent(seen) });
  const auctions = readJsonl<AuctionLine>(join(dir, AUCTIONS));
  return { dir, sale, seen, records: result.records, auctions };
}

describe('SALE streams', () => {
  it('never let an auction see the current task or a later one', async () => {
    const { auctions, sale } = await run(6);
    expect(auctions.length).toBe(2 * 2 * sale.split.test.length);
    const refinedSomewhere = auctions.some((a) => a.refinements.length > 0);
    expect(refinedSomewhere).toBe(true);
    for (const a of auctions) {
      const stream = auctions.filter((b) => b.system === a.system);
      const positionOf = new Map(stream.map((b) => [b.taskId, b.position]));
      for (const r of a.retrieved) {
        // Memory ids are "<system>#<position>": same stream, strictly earlier.
        const [system, pos] = r.id.split('#');
        expect(system).toBe(a.system);
        expect(Number(pos)).toBeLessThan(a.position);
        expect(positionOf.get(r.taskId)).toBeLessThan(a.position);
        expect(r.taskId).not.toBe(a.taskId);
      }
      for (const ref of a.refinements) expect(ref.pairs!.every((id) => a.retrieved.some((r) => r.id === id))).toBe(true);
      // Without memory nothing is retrieved and nobody refines.
      if (a.variant === 'sale-no-memory') expect([a.retrieved.length, a.refinements.length]).toEqual([0, 0]);
      // Only agents strictly cheaper than the provisional winner refine.
      const price = Object.fromEntries(config.agents.map((x) => [x.name, x.pricePerMTok]));
      for (const ref of a.refinements) expect(price[ref.agent]!).toBeLessThan(price[a.provisional]!);
    }
  });

  it('a shared memory file from another run is visible, except its entries about this run\'s own tasks', async () => {
    const first = await run(6, 1);
    const shared = join(first.dir, MEMORY);
    const withShared: Config = { ...config, sale: { ...config.sale, memory: { shared_file: shared } } };
    const again = async (bins: number[] | undefined) => {
      const dir = mkdtempSync(join(tmpdir(), 'sale-shared-'));
      const client = createModelClient('sim', { config: withShared, tasks });
      const parts = saleModelParts(withShared, client, 0, dir);
      const sale = await saleSystems(
        { config: withShared, suites, bins, limit: 30, ...parts, dir, resume: false, seed: 0, concurrency: 6 },
        { variants: [baseVariant('all')], orders: 1, trainFrac: 0.2, splitSeed: 0 },
      );
      await runBench({ suites, agents: config.agents, client, sandbox, dir, resume: false, ...(bins ? { bins } : {}), limit: 30, concurrency: 6, seed: 0, command: ['test'], systems: sale.systems, aux: parts.call, fingerprintExtra: sale.fingerprintExtra, agentImpl: stubAgent([]) });
      return readJsonl<AuctionLine>(join(dir, AUCTIONS));
    };
    const firstTasks = new Set(first.auctions.map((a) => a.taskId));
    // The same tasks again: every shared entry is about one of them, so none may be retrieved.
    const same = await again(undefined);
    expect(same.flatMap((a) => a.retrieved).filter((r) => r.id.includes('/'))).toEqual([]);
    // Other tasks (other bins): the first run's auctions are visible from the very first auction on.
    const other = await again([2, 3]);
    const fromShared = other.flatMap((a) => a.retrieved).filter((r) => r.id.includes('/'));
    expect(fromShared.length).toBeGreaterThan(0);
    expect(other.find((a) => a.position === 0)!.retrieved.some((r) => r.id.includes('/'))).toBe(true);
    expect(fromShared.every((r) => firstTasks.has(r.taskId) && !other.some((a) => a.taskId === r.taskId))).toBe(true);
  });

  it('give the same auctions whatever the concurrency, and execute only the winner with its plan', async () => {
    const one = await run(1, 1);
    const many = await run(8, 1);
    const key = (a: AuctionLine) => JSON.stringify({ s: a.system, t: a.taskId, p: a.position, w: a.winner, prov: a.provisional, r: a.retrieved.map((x) => x.id), z: a.bids.map((b) => b.z) });
    expect(many.auctions.map(key).sort()).toEqual(one.auctions.map(key).sort());

    // One record per (system, test task); its executing agent is the auction's winner.
    for (const r of many.records) {
      const a = many.auctions.find((x) => x.system === r.system && x.taskId === r.taskId)!;
      expect(r.agent).toBe(a.winner.agent);
      const plan = [...a.bids, ...a.refinements].find((p) => p.agent === a.winner.agent && p.refined === a.winner.refined)!;
      // The winner ran with its plan in the prompt ("Your plan for this task").
      expect(many.seen.some((s) => s.task === r.taskId && s.agent === r.agent && s.prompt.includes('Your plan for this task') && s.prompt.includes(plan.text))).toBe(true);
      // The record carries every auction call (4 bids, 16 jury calls at least) and charges them.
      const overhead = r.calls.filter((c) => c.callType !== 'execute');
      expect(overhead.filter((c) => c.callType === 'bid')).toHaveLength(4);
      expect(overhead.filter((c) => c.callType === 'judge').length).toBeGreaterThanOrEqual(16);
      expect(r.costUsd).toBeCloseTo((r.route!.details!.sale as { overhead: { costUsd: number } }).overhead.costUsd + (r.route!.details!.sale as { execution: { costUsd: number } }).execution.costUsd, 12);
    }
    // Identical executions (same agent, task and plan) ran once across the two systems.
    const executions = new Set(many.seen.map((s) => `${s.task}|${s.agent}|${s.prompt}`));
    expect(executions.size).toBe(many.seen.length);

    // memory.jsonl: one entry per auction, plus the outcomes.
    const memory = readFileSync(join(many.dir, MEMORY), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as MemoryLine);
    expect(memory.filter((l) => l.type === 'entry')).toHaveLength(many.auctions.length);
    expect(memory.filter((l) => l.type === 'outcome')).toHaveLength(many.records.filter((r) => r.status !== 'infra-error').length);
  });
});
