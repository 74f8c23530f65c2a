// The SIMULATED auction calls: deterministic, their features carry as much signal as configured, and
// the execute protocol is untouched.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { planEntropy } from '../../sale/entropy.ts';
import { parseJuryScore } from '../../sale/jury-parse.ts';
import { spearman } from '../../report/sale-context.ts';
import { createSuites } from '../../suites/index.ts';
import type { ChatRequest } from '../types.ts';
import { isAuctionCall, latentMargin, probit } from './auction-protocol.ts';
import { JUDGE_FORMAT } from '../../suites/deepsearch/judge.ts';
import { createSimClient } from './sim-client.ts';

const config = loadConfig();
const tasks = createSuites(['coding'], config)[0]!.tasks.slice(0, 120);
const byId = new Map(tasks.map((t) => [t.id, t]));

const request = (taskId: string, agent: string, callType: ChatRequest['meta']['callType'], content: string, extra: Partial<ChatRequest['options']> = {}): ChatRequest => ({
  model: `qwen3:${agent}`,
  messages: [{ role: 'user', content }],
  options: { temperature: 0, numCtx: 32768, numPredict: 512, think: false, ...extra },
  meta: { taskId, agent, callType, turn: 0, seed: 0 },
});
const JURY = { format: { type: 'object', properties: { score: { type: 'integer' }, reason: { type: 'string' } } } } as const;

async function bidFeatures(strength: number) {
  const client = createSimClient({ calibration: config.sim, tasks: byId, auction: { signalStrength: strength, memoryGain: 0.5, k: 8 } });
  const rows: { solves: boolean; entropy: number; length: number; jury: number }[] = [];
  for (const t of tasks) {
    const bid = await client.chat(request(t.id, '8b', 'bid', 'plan please', { topLogprobs: 5 }));
    const judge = await client.chat(request(t.id, '32b', 'judge', `Plan:\n${bid.message.content}`, JURY as never));
    rows.push({
      solves: client.calibration.solves('coding', '8b', t.id, t.tau, 0),
      entropy: planEntropy(bid).value!,
      length: bid.usage.outputTokens,
      jury: parseJuryScore(judge.message.content) ?? 2.5,
    });
  }
  return rows;
}

describe('SIMULATED bids and jury', () => {
  it('probit inverts the normal CDF', () => {
    expect(probit(0.5)).toBeCloseTo(0, 9);
    expect(probit(0.975)).toBeCloseTo(1.959964, 5);
    expect(probit(0.01)).toBeCloseTo(-2.326348, 5);
  });

  it('the latent margin is positive exactly when the simulated agent solves the task', () => {
    const client = createSimClient({ calibration: config.sim, tasks: byId });
    for (const t of tasks) expect(latentMargin(client.calibration, t, '14b', 0) > 0).toBe(client.calibration.solves('coding', '14b', t.id, t.tau, 0));
  });

  it('strength 1: entropy and jury separate successes from failures; strength 0: they say nothing', async () => {
    const strong = await bidFeatures(1);
    const none = await bidFeatures(0);
    const corr = (rows: typeof strong, f: (r: (typeof strong)[number]) => number) => spearman(rows.map(f), rows.map((r) => (r.solves ? 1 : 0)));
    expect(corr(strong, (r) => r.entropy)).toBeGreaterThan(0.6);
    expect(corr(strong, (r) => r.jury)).toBeGreaterThan(0.4);
    expect(corr(strong, (r) => -r.length)).toBeGreaterThan(0.3);
    expect(Math.abs(corr(none, (r) => r.entropy))).toBeLessThan(0.2);
    expect(Math.abs(corr(none, (r) => r.jury))).toBeLessThan(0.25);
  });

  it('is deterministic, labels its text SIMULATED and counts tokens like the other calls', async () => {
    const a = createSimClient({ calibration: config.sim, tasks: byId });
    const b = createSimClient({ calibration: config.sim, tasks: byId });
    const r1 = await a.chat(request(tasks[3]!.id, '4b', 'bid', 'x', { topLogprobs: 20 }));
    const r2 = await b.chat(request(tasks[3]!.id, '4b', 'bid', 'x', { topLogprobs: 20 }));
    expect(r1.message.content).toBe(r2.message.content);
    expect(r1.message.content).toMatch(/SIMULATED/);
    expect(r1.logprobs).toHaveLength(r1.usage.outputTokens);
    expect(r1.logprobsTopK).toBe(20);
    expect(r1.simulated).toBe(true);
    // No logprobs unless asked.
    expect((await a.chat(request(tasks[3]!.id, '4b', 'bid', 'x'))).logprobs).toBeUndefined();
  });

  it('memory lifts the refining agent: its refined plan looks better and its execution of it succeeds more', async () => {
    const client = createSimClient({ calibration: config.sim, tasks: byId, auction: { signalStrength: 0.3, memoryGain: 0.8, k: 2 } });
    const cal = client.calibration;
    const signal = (text: string) => Number(/signal ([+-]?[\d.]+)/.exec(text)![1]);
    const SUBMIT = [{ name: 'submit', description: '', parameters: { type: 'object' as const, properties: {}, required: [] } }];
    const passes = async (taskId: string, agent: string, plan: string) => {
      const t = byId.get(taskId)!;
      const r = await client.chat({ ...request(taskId, agent, 'execute', `Your plan for this task:\n${plan}`), tools: SUBMIT });
      const code = String(r.message.toolCalls?.[0]?.arguments.code ?? '');
      return t.payload.kind === 'function' && code === t.payload.reference;
    };
    let flips = 0;
    let expected = 0;
    const sample = tasks.filter((t) => t.payload.kind === 'function').slice(0, 60);
    for (const t of sample) {
      const u = cal.latent('coding', '4b', t.id, 0);
      const p = cal.probability('coding', '4b', t.tau);
      const bidText = (await client.chat(request(t.id, '4b', 'bid', 'x'))).message.content;
      // Two pairs of similarity 1 with k = 2: relevance 1, lift = gain 0.8; half as similar: lift 0.4.
      const full = (await client.chat(request(t.id, '4b', 'refine', '### Earlier task 1 (similarity 1.00)\n…\n### Earlier task 2 (similarity 1.00)\n…'))).message.content;
      const half = (await client.chat(request(t.id, '4b', 'refine', '### Earlier task 1 (similarity 0.50)\n…\n### Earlier task 2 (similarity 0.50)\n…'))).message.content;
      expect(full).toMatch(/lift 0\.8000/);
      expect(half).toMatch(/lift 0\.4000/);
      // Same noise ε: the refined signal moves by s · (Φ⁻¹(p') − Φ⁻¹(p)) ≥ 0.
      const eps = (signal(bidText) - 0.3 * latentMargin(cal, t, '4b', 0)) / Math.sqrt(1 - 0.09);
      const mFull = probit(p + 0.8 * (1 - p)) - probit(u);
      expect(signal(full)).toBeCloseTo(0.3 * mFull + Math.sqrt(1 - 0.09) * eps, 2);
      expect(signal(full)).toBeGreaterThanOrEqual(signal(half) - 1e-3);
      // The outcome: u < p' with the own refined plan; the bid plan, or another agent's refined plan, gives no lift.
      expect(await passes(t.id, '4b', full)).toBe(u < p + 0.8 * (1 - p));
      expect(await passes(t.id, '4b', bidText)).toBe(u < p);
      expect(await passes(t.id, '8b', full)).toBe(cal.solves('coding', '8b', t.id, t.tau, 0));
      if (u >= p && u < p + 0.8 * (1 - p)) flips++;
      expected += 0.8 * (1 - p);
    }
    // The lift turns about gain × (1 − p) of the tasks from failure into success.
    expect(flips).toBeGreaterThan(0);
    expect(Math.abs(flips - expected)).toBeLessThan(3 * Math.sqrt(expected) + 2);
  });

  it('leaves the execute protocol and the deep-search answer judge alone', async () => {
    const client = createSimClient({ calibration: config.sim, tasks: byId });
    const t = tasks.find((x) => x.payload.kind === 'function')!;
    const exec = await client.chat({ ...request(t.id, '8b', 'execute', 'solve'), tools: [{ name: 'submit', description: '', parameters: { type: 'object', properties: {}, required: [] } }] });
    expect(exec.message.toolCalls?.[0]?.name).toBe('submit');
    // The answer judge asks for {match}; SALE's plan judge for {score}.
    expect(isAuctionCall(request(t.id, '32b', 'judge', 'x', { format: JUDGE_FORMAT as never }))).toBe(false);
    expect(isAuctionCall(request(t.id, '32b', 'judge', 'x', JURY as never))).toBe(true);
    expect(isAuctionCall(request(t.id, '32b', 'execute', 'x'))).toBe(false);
  });
});
