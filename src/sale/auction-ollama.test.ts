// One auction end to end through the `ollama` provider against the Ollama-compatible test server:
// 4 bids with log-probabilities, 16 jury calls, refinement of the three cheaper agents from a past
// auction in memory (and their 12 jury calls), then the winner's execution with its plan — every call
// in the record with the server's token counts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeEvalTokens, fakePromptTokens, startOllamaTestServer, type OllamaTestServer, type ReplyScript, type WireChatRequest } from '../../tests/support/ollama-test-server.ts';
import { loadConfig } from '../config/load.ts';
import { createTfIdfEmbedder } from '../models/embeddings.ts';
import { createModelClient } from '../models/registry.ts';
import { runBench } from '../runner/run-bench.ts';
import { liveAuxCalls } from '../runner/aux-calls.ts';
import { createSandbox } from '../sandbox/index.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import type { SaleDetails } from './record.ts';
import { SaleLog } from './log.ts';
import type { MemoryEntry } from './memory.ts';
import { Stream, StreamShared } from './stream.ts';
import { auctionAgents, auctionCaller, streamSpec } from './system.ts';
import { baseVariant } from './variants.ts';

const SOLUTION = 'def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n';

describe('one SALE auction through the ollama provider', () => {
  let server: OllamaTestServer;
  const expected = new Map<WireChatRequest, { prompt: number; eval: number }>();

  /** The fake engine: bids, judge verdicts, refinements and the execution, told apart by the request. */
  function reply(req: WireChatRequest): ReplyScript {
    const prompt = (req.messages ?? []).map((m) => m.content).join('\n');
    const size = req.model.replace('qwen3:', '').toUpperCase();
    let script: ReplyScript;
    if (req.tools?.length) {
      // The execution: try the function, then submit it.
      const tried = (req.messages ?? []).some((m) => m.role === 'tool');
      script = tried ? { toolCalls: [{ name: 'submit', arguments: { code: SOLUTION } }] } : { toolCalls: [{ name: 'run_python', arguments: { code: `${SOLUTION}print(evens([1, 2, 3, 4]))` }, id: 'call_1' }] };
    } else if (req.format) {
      // A judge: the 32B bid and every refined plan are excellent, the other first bids poor; the
      // 8B judge's first reply is malformed once for the 4B bid (exercising the retry).
      const malformedOnce = size === '8B' && /PLAN-4B\b/.test(prompt) && !malformed.has(prompt);
      if (malformedOnce) malformed.add(prompt);
      const good = /PLAN-32B|REFINED-/.test(prompt);
      script = { content: malformedOnce ? 'hmm, decent' : JSON.stringify({ score: good ? 5 : 1, reason: 'scripted' }) };
    } else if (prompt.includes('Earlier auctions on similar tasks')) {
      script = { content: `REFINED-${size}: 1. filter with a comprehension 2. run_python on [], [1, 3], [2, 4] 3. submit` };
    } else {
      script = { content: `PLAN-${size}: 1. read the spec 2. write it 3. test it with run_python 4. submit` };
    }
    expected.set(req, { prompt: fakePromptTokens(req), eval: fakeEvalTokens('', typeof script.content === 'string' ? script.content : '', script.toolCalls) });
    return script;
  }
  const malformed = new Set<string>();

  beforeAll(async () => {
    server = await startOllamaTestServer({ defaultReply: reply });
  });
  afterAll(() => server.close());

  it('bids, judges, refines from memory, executes the winner and records every call', async () => {
    const base = loadConfig(undefined, { host: server.url });
    const config = { ...base, agents: base.agents.map((a) => ({ ...a, callTypes: { ...a.callTypes, execute: { ...a.callTypes.execute, think: false } } })) };
    const tasks = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]);
    const task = tasks.find((t) => t.id === 'mini/fn-2')!;
    const suite = createCodingSuite('mini', config.suites.coding!, [task]);
    const client = createModelClient('ollama', { config, tasks });
    const aux = liveAuxCalls({ client, agents: config.agents, seed: 7 });
    const caller = auctionCaller(config, aux, false, 7, 4);
    const agents = auctionAgents(config);
    const embedder = createTfIdfEmbedder([task.prompt, 'Return the odd numbers of a list, in order.']);
    // One earlier auction on a similar task, won by 32B: every cheaper agent has a pair to learn from.
    const [pastEmbedding] = await embedder.embed(['Return the odd numbers of a list, in order.']);
    const past: MemoryEntry = {
      id: 'earlier-run/sale@o1#0',
      seq: -1,
      taskId: 'past/odds',
      domain: 'coding',
      text: 'Return the odd numbers of a list, in order.',
      embedding: pastEmbedding!,
      plans: agents.map((a) => ({ agent: a.name, text: `past plan of ${a.name}`, C: 0, V: 0, z: a.name === '32b' ? -1 : 0, refined: false, label: a.name === '32b' ? ('winner' as const) : ('loser' as const) })),
      winner: '32b',
      outcome: true,
      provenance: { runId: 'earlier-run', system: 'sale@o1', order: 1, position: 0, embedder: embedder.id },
    };
    // Weights: the jury decides, cost breaks the rest (normaliser: π·|s| over 0…10).
    const weights = { cost: 0.2, entropy: 0, jury: Object.fromEntries(agents.map((a) => [a.name, 0.2])) };
    const dir = mkdtempSync(join(tmpdir(), 'sale-ollama-'));
    const stream = new Stream({
      system: 'sale@o1',
      order: 1,
      model: { variant: baseVariant('all'), weights, norm: { cost: { min: 0, max: 10 }, entropy: { min: 0, max: 1 } } },
      stream: [task.id],
      shared: new StreamShared(new Map([[task.id, { task, suite }]]), embedder),
      caller,
      agents,
      k: 8,
      runId: 'test',
      log: new SaleLog(dir),
      restored: new Map(),
      written: new Set(),
      prior: [past],
    });
    const result = await runBench({
      suites: [suite],
      agents: config.agents,
      client,
      sandbox: await createSandbox(),
      dir,
      resume: false,
      concurrency: 1,
      seed: 7,
      command: ['test'],
      aux,
      systems: [streamSpec({ stream, caller, test: new Set([task.id]), executions: new Map(), reuse: true, simulated: false })],
    });

    const [record] = result.records;
    const sale = record!.route!.details!.sale as SaleDetails;
    // Provisional winner 32B (its plan scored 5 by everyone); the three cheaper agents refined; the
    // cheapest refined plan (4B, scored 5 as well) won and executed.
    expect(sale.provisional).toBe('32b');
    expect(sale.winner).toBe('4b');
    expect(sale.refinedWinner).toBe(true);
    expect(sale.replaced).toBe(true);
    expect(sale.retrieved).toEqual(['earlier-run/sale@o1#0']);
    expect(record!.agent).toBe('4b');
    expect(record!.status).toBe('passed');

    const byType = (t: string) => record!.calls.filter((c) => c.callType === t);
    expect(byType('bid')).toHaveLength(4);
    // 16 jury calls on the bids + 12 on the refined plans + 1 retry after the malformed reply.
    expect(byType('judge')).toHaveLength(16 + 12 + 1);
    expect(byType('refine')).toHaveLength(3);
    expect(byType('execute')).toHaveLength(2);

    // What went over the wire.
    const chats = server.requests.chat;
    expect(chats).toHaveLength(4 + 29 + 3 + 2);
    const bids = chats.filter((c) => !c.format && !c.tools && !(c.messages ?? []).some((m) => m.content.includes('Earlier auctions')));
    expect(bids).toHaveLength(4);
    for (const b of bids) expect(b).toMatchObject({ logprobs: true, top_logprobs: 20, think: false });
    expect(new Set(bids.map((b) => b.model))).toEqual(new Set(['qwen3:4b', 'qwen3:8b', 'qwen3:14b', 'qwen3:32b']));
    const judges = chats.filter((c) => c.format);
    expect(judges.every((j) => JSON.stringify(j.format).includes('"score"') && !j.logprobs)).toBe(true);
    // The judge never learns who wrote the plan.
    expect(judges.every((j) => !/qwen3|\b(4b|8b|14b|32b)\b/i.test((j.messages ?? []).map((m) => m.content).join('\n').replace(/PLAN-\w+|REFINED-\w+/g, '')))).toBe(true);
    const refines = chats.filter((c) => (c.messages ?? []).some((m) => m.content.includes('Earlier auctions')));
    expect(refines.map((r) => r.model).sort()).toEqual(['qwen3:14b', 'qwen3:4b', 'qwen3:8b']);
    for (const r of refines) expect(r.messages![0]!.content).toMatch(/Losing plan \(by \w+, yours\):\n"""\npast plan of/);
    const exec = chats.filter((c) => c.tools?.length);
    expect(exec.every((e) => e.model === 'qwen3:4b')).toBe(true);
    expect(exec[0]!.messages!.find((m) => m.role === 'user')!.content).toMatch(/Your plan for this task:\nREFINED-4B/);

    // Every call's counters are the server's own, and the record sums them.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(record!.calls.map((c) => c.inputTokens))).toBe(sum(chats.map((c) => expected.get(c)!.prompt)));
    expect(sum(record!.calls.map((c) => c.outputTokens))).toBe(sum(chats.map((c) => expected.get(c)!.eval)));
    expect(record!.usage.inputTokens + record!.usage.outputTokens).toBe(sum(chats.map((c) => expected.get(c)!.prompt + expected.get(c)!.eval)));
    expect(sale.overhead.calls).toBe(4 + 29 + 3);
    expect(sale.overhead.tokens.all + sale.execution.tokens).toBe(record!.usage.inputTokens + record!.usage.outputTokens);
    // Entropy came from the server's log-probabilities: a top-k approximation.
    const log = (await import('./log.ts')).readJsonl<import('./log.ts').AuctionLine>(join(dir, 'auctions.jsonl'));
    expect(log).toHaveLength(1);
    expect(log[0]!.bids.every((b) => b.entropyKind === 'top-k' && b.entropy !== null && b.topK === 20)).toBe(true);
    expect(log[0]!.gamma['4b']!['8b']).toBe(1);
    expect(log[0]!.bids.find((b) => b.agent === '4b')!.juryReplies['8b']).toEqual(['hmm, decent', JSON.stringify({ score: 1, reason: 'scripted' })]);
    expect(record!.simulated).toBe(false);
  });
});
