// The swap-aware gate against a fake single-GPU engine holding 2 of 4 models: far fewer model loads
// than the task-order schedule for the same SALE-shaped work, the same results, no starvation, and the
// slot count from a memory budget.
import { describe, expect, it } from 'vitest';
import { SingleGpuEngine, auctionWorkload } from '../../tests/support/single-gpu-engine.ts';
import { startOllamaTestServer } from '../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../config/load.ts';
import { createModelClient } from './registry.ts';
import { SwapGate, residentSlots } from './swap-gate.ts';

const models = ['qwen3:4b', 'qwen3:8b', 'qwen3:14b', 'qwen3:32b'];
const engine = () => new SingleGpuEngine({ slots: 2, loadMs: 15, callMs: () => 2 });


describe('swap-aware gate', () => {
  it('loads models far less often than the task-order schedule, with the same results', async () => {
    const plain = engine();
    const naive = await auctionWorkload(plain, { tasks: 12, concurrency: 6, models, turns: 2 });
    const gated = engine();
    const gate = new SwapGate(gated, { slots: 2, graceMs: 5 });
    const aware = await auctionWorkload(gate, { tasks: 12, concurrency: 6, models, turns: 2 });
    expect(aware).toEqual(naive);
    expect(gated.loads).toBeLessThan(plain.loads / 2);
    expect(gated.loadMs / gated.busyMs).toBeLessThan(plain.loadMs / plain.busyMs);
  });

  it('does not starve a model: a lone call for a third model runs once the fairness limit passes', async () => {
    const e = engine();
    const gate = new SwapGate(e, { slots: 2, fairnessMs: 30, graceMs: 5 });
    const req = (model: string) => ({ model, messages: [], options: { temperature: 0, numCtx: 1, numPredict: 1, think: false }, meta: { taskId: 't', agent: model, callType: 'bid' as const, turn: 0, seed: 0 } });
    let stop = false;
    const busy = (m: string) =>
      (async () => {
        while (!stop) await gate.chat(req(m));
      })();
    const loops = [busy('qwen3:4b'), busy('qwen3:4b'), busy('qwen3:8b'), busy('qwen3:8b')];
    const lone = await Promise.race([gate.chat(req('qwen3:32b')).then(() => 'served'), new Promise((r) => setTimeout(() => r('starved'), 2000))]);
    stop = true;
    await Promise.all(loops);
    expect(lone).toBe('served');
  });

  it('configs/ollama.yaml resident_models puts the gate in front of the Ollama client, which still answers and embeds', async () => {
    const server = await startOllamaTestServer();
    try {
      const base = loadConfig(undefined, { host: server.url, agents: ['4b', '8b'] });
      const client = createModelClient('ollama', { config: { ...base, ollama: { ...base.ollama, resident_models: 1 } }, tasks: [] });
      expect(client).toBeInstanceOf(SwapGate);
      const req = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }], options: { temperature: 0, numCtx: 2048, numPredict: 8, think: false }, meta: { taskId: 't', agent: model, callType: 'bid' as const, turn: 0, seed: 0 } });
      const rs = await Promise.all([req('qwen3:4b'), req('qwen3:8b'), req('qwen3:4b')].map((r) => client.chat(r)));
      expect(rs).toHaveLength(3);
      expect((client as SwapGate).loads).toBe(2);
      expect(await (client as SwapGate).embed!('all-minilm', ['a b'])).toHaveLength(1);
      expect(createModelClient('ollama', { config: base, tasks: [] })).not.toBeInstanceOf(SwapGate);
    } finally {
      await server.close();
    }
  });

  it('counts the models that fit in a GPU budget', () => {
    expect(residentSlots(24, [2.6, 5.2, 9.3, 20])).toBe(1);
    expect(residentSlots(30, [2.6, 5.2, 9.3, 20])).toBe(2);
    expect(residentSlots(80, [2.6, 5.2, 9.3, 20])).toBe(4);
  });
});
