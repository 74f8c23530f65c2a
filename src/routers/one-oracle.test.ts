// One oracle: the oracle router, TO-Router's labels, the router tables and `bench compare` agree.
import { describe, expect, it } from 'vitest';
import { oracleAgent } from '../metrics/router-metrics.ts';
import { oracleRecords } from '../report/compare/oracle.ts';
import { rec } from '../report/compare/test-fixtures.ts';
import { toRouterLabel } from './builtin/predictive.ts';
import { oracleRouter } from './builtin/simple.ts';

const agents = ['4b', '8b', '32b'];
// t1: 8b's passing attempt is cheaper than 4b's (the by-price rule would pick 4b); t2: nobody solved it.
const o: Record<string, Record<string, { passed: boolean; costUsd: number }>> = {
  t1: { '4b': { passed: true, costUsd: 5 }, '8b': { passed: true, costUsd: 2 }, '32b': { passed: true, costUsd: 9 } },
  t2: { '4b': { passed: false, costUsd: 3 }, '8b': { passed: false, costUsd: 1 }, '32b': { passed: false, costUsd: 9 } },
};

describe('one oracle', () => {
  it('router, TO-Router label, router tables and compare choose the same agent', async () => {
    const router = await oracleRouter({ agents: agents.map((name, i) => ({ name, pricePerMTok: i + 1 })), training: [], seed: 0, params: {}, hindsight: (id) => o[id]! });
    const records = Object.entries(o).flatMap(([taskId, row]) => Object.entries(row).map(([a, x]) => rec({ system: `agent:${a}`, taskId, passed: x.passed, costUsd: x.costUsd })));
    const compare = oracleRecords(records, agents.map((name, i) => ({ name, model: name, pricePerMTok: i + 1 })), 'coding');
    for (const [id, want] of [['t1', '8b'], ['t2', '8b']] as const) {
      const routed = await router.route({ id, domain: 'coding', bin: 0, tau: 0.1, text: '' }, async (agent) => ({ agent, record: records[0]! }));
      expect(routed.attempts.map((x) => x.agent)).toEqual([want]);
      expect(compare.find((r) => r.taskId === id)!.agent).toBe(want);
      const label = toRouterLabel(agents, o[id]!);
      expect(agents[label.indexOf(Math.max(...label))]).toBe(want);
    }
    // TO-Router labels an unsolved task with the cheapest attempt, never the dearest agent.
    expect(toRouterLabel(agents, o.t2!)[2]).toBeLessThan(0.2);
    const view = { agents, outcome: (id: string, a: string) => o[id]![a] };
    expect(oracleAgent(view, 't1')).toBe('8b');
    expect(oracleAgent(view, 't2')).toBeNull(); // unsolved: the tables count it as the oracle's failure
  });
});
