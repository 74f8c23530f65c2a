// Section `swap`, SALE rows: the real SALE driver (src/sale/: one stream, memory and refinements, the
// bids' and jury's replies played by the sim provider) on the fake single-GPU engine of swap.ts (2 of 4
// models held, load time charged on every swap, same time scale), its winners executing `turns`
// sequential calls each. Three schedules of the same run: task order (no gate, auctions one at a time),
// the swap-aware gate alone, and the gate with SALE's batching (sale.yaml batch_window). Only the run is
// measured, not the weight fit before it. The auction logs of all three are checked identical.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agent, AgentContext } from '../../src/agents/types.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/types.ts';
import { SwapGate } from '../../src/models/swap-gate.ts';
import { createModelClient } from '../../src/models/registry.ts';
import type { ChatRequest, ChatResponse, ModelClient } from '../../src/models/types.ts';
import { auxClient, liveAuxCalls } from '../../src/runner/aux-calls.ts';
import { runBench } from '../../src/runner/run-bench.ts';
import { saleEmbedder } from '../../src/runner/sale-context.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { saleSystems } from '../../src/sale/system.ts';
import { baseVariant } from '../../src/sale/variants.ts';
import { createSuites } from '../../src/suites/index.ts';
import { SingleGpuEngine } from '../../tests/support/single-gpu-engine.ts';

export interface SaleSwapResult {
  share: number;
  loads: number;
  wallS: number;
  calls: number;
  /** Auction log without timestamps and wall times (identical across schedules). */
  log: string;
}

/** Time on the engine, replies from `content` (the sim provider for bids and jury). */
function timed(engine: ModelClient, content: ModelClient): ModelClient {
  return {
    provider: 'sim',
    endpoint: 'fake-gpu',
    describe: (m) => engine.describe(m),
    ping: () => engine.ping(),
    async chat(req: ChatRequest): Promise<ChatResponse> {
      await engine.chat(req);
      return content.chat(req);
    },
  };
}

/** The winner's execution: `turns` sequential calls to its model (their replies are not graded). */
const executor = (turns: number): Agent => ({
  async run(ctx: AgentContext) {
    for (let turn = 0; turn < turns; turn++) {
      await ctx.client.chat({ model: ctx.agent.model, messages: [{ role: 'user', content: ctx.task.id }], options: { temperature: 0, numCtx: 4096, numPredict: 64, think: false }, meta: { taskId: ctx.task.id, agent: ctx.agent.name, callType: 'execute', turn, seed: 0 } });
    }
    return { submission: null, stopReason: 'no-submission', messages: [], trace: [], calls: [] };
  },
});

export async function measureSale(o: { schedule: 'task-order' | 'gate' | 'gate+batch'; inFlight: number; testTasks: number; window: number; callMs: (r: ChatRequest) => number; turns: number; orders?: number }): Promise<SaleSwapResult> {
  const base = loadConfig();
  const config: Config = {
    ...base,
    sale: { ...base.sale, embedder: 'tfidf', batch_window: o.schedule === 'gate+batch' ? o.window : 1, weights: { ...base.sale.weights, method: 'fixed', fixed: { cost: 0.3, entropy: 0.3, jury: 0.4 } } },
  };
  const suites = createSuites(['coding'], config);
  const limit = Math.ceil(o.testTasks / 0.8);
  const sim = createModelClient('sim', { config, tasks: suites.flatMap((s) => s.tasks) });
  const engine = new SingleGpuEngine({ slots: 2, loadMs: 100, callMs: o.callMs, parallel: 4 });
  const front: ModelClient = o.schedule === 'task-order' ? engine : new SwapGate(engine, { slots: 2, graceMs: 50, fairnessMs: 6000 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-swap-sale-'));
  const call = liveAuxCalls({ client: timed(front, auxClient(config, sim)), agents: config.agents, seed: 0, dir });
  const sale = await saleSystems(
    { config, suites, bins: undefined, limit, call, simulated: true, embedder: saleEmbedder(config, sim), dir, resume: false, seed: 0, concurrency: o.inFlight },
    { variants: [baseVariant('all')], orders: o.orders ?? 1, trainFrac: 0.2, splitSeed: 0 },
  );
  const [load0, busy0, loads0, calls0] = [engine.loadMs, engine.busyMs, engine.loads, call.meter.calls];
  const t0 = performance.now();
  await runBench({ suites, agents: config.agents, client: front, sandbox: await createSandbox(), dir, resume: false, limit, concurrency: o.inFlight, seed: 0, command: ['bench'], systems: sale.systems, aux: call, fingerprintExtra: sale.fingerprintExtra, agentImpl: executor(o.turns), failFast: null });
  const wallS = (performance.now() - t0) / 1000;
  const log = readFileSync(join(dir, 'auctions.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const a = JSON.parse(l) as Record<string, unknown> & { overhead: Record<string, unknown> };
      return JSON.stringify({ ...a, at: undefined, overhead: { ...a.overhead, wallMs: undefined, calls: undefined } });
    })
    .sort()
    .join('\n');
  return { share: (100 * (engine.loadMs - load0)) / (engine.busyMs - busy0), loads: engine.loads - loads0, wallS, calls: call.meter.calls - calls0, log };
}
