import { describe, expect, it } from 'vitest';
import { rec } from '../report/compare/test-fixtures.ts';
import { routeRecord } from '../routers/route-record.ts';
import { summarizeGroup } from './summarize.ts';
import { workload } from './workload.ts';

const attempt = (agent: string, passed: boolean, costUsd: number, tokens: number, gpuSeconds: number) =>
  rec({ system: `agent:${agent}`, taskId: 't1', passed, costUsd, usage: { inputTokens: tokens, outputTokens: 0 }, timings: { gpuSeconds, loadSeconds: 0, wallMs: 0 } });

describe('workload accounting for multi-attempt systems', () => {
  // A cascade ran 4b (rejected), 8b (rejected), 32b (accepted) on t1, and only 4b on t2.
  const t1 = routeRecord('router:frugalgpt', { attempts: [attempt('4b', false, 1, 100, 2), attempt('8b', false, 2, 200, 3), attempt('32b', true, 8, 400, 5)].map((record) => ({ agent: record.agent, record })) }, true);
  const t2 = routeRecord('router:frugalgpt', { attempts: [{ ...attempt('4b', true, 1, 100, 2), taskId: 't2' }].map((record) => ({ agent: record.agent, record })) }, true);
  const agents = ['4b', '8b', '32b'];

  it('charges every agent the cascade ran; the executing agent stays separate', () => {
    const w = workload([t1, t2], agents);
    expect(w.executing).toEqual({ '4b': 0.5, '8b': 0, '32b': 0.5 });
    expect(w.ranOn).toEqual({ '4b': 1, '8b': 0.5, '32b': 0.5 });
    expect(w.costUsd).toEqual({ '4b': 2, '8b': 2, '32b': 8 });
    expect(w.tokens).toEqual({ '4b': 200, '8b': 200, '32b': 400 });
    expect(w.gpuSeconds).toEqual({ '4b': 4, '8b': 3, '32b': 5 });
  });
  it('summary rows carry both shares, and token shares count every stage', () => {
    const row = summarizeGroup('router:frugalgpt', 'coding', 'all', [t1, t2], agents);
    expect(row.workloadShare['8b']).toBe(0);
    expect(row.ranOnShare['8b']).toBe(0.5);
    expect(row.tokenShare).toEqual({ '4b': 0.25, '8b': 0.25, '32b': 0.5 });
    expect(row.agentGpuSeconds['8b']).toBe(3);
    expect(row.costUsd).toBe(12);
  });
  it('a single agent alone: ran on = executing', () => {
    const w = workload([attempt('8b', true, 2, 10, 1)], agents);
    expect(w.ranOn).toEqual(w.executing);
  });
});
