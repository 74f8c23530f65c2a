// A SALE run end to end through the `openai` provider against the OpenAI-compatible test server: bids
// (with per-token logprobs for the entropy), jury scores (JSON schema as response_format), refinements and
// the winners' executions by the coding agent in the real sandbox, through the runner. The engine's usage
// counters land in every call record, the bids' logprobs in the auction log and in aux-calls.jsonl.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiPromptTokens, startOpenAiTestServer, type OpenAiReply, type OpenAiTestServer, type OpenAiWireRequest } from '../../tests/support/openai-test-server.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { createModelClient } from '../models/registry.ts';
import { AUX_CALLS, readAuxCalls } from '../records/aux-calls.ts';
import { createSandbox } from '../sandbox/index.ts';
import { AUCTIONS, readJsonl, type AuctionLine } from '../sale/log.ts';
import { saleSystems } from '../sale/system.ts';
import { baseVariant } from '../sale/variants.ts';
import { createCodingSuite } from '../suites/coding/index.ts';
import { loadTasks } from '../tasks/load.ts';
import { runBench } from './run-bench.ts';
import { saleModelParts } from './sale-context.ts';

const SOLUTION = 'def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n';

/** The fake engine's side of an auction and an execution, told apart by what the request carries. */
function engine(model: string) {
  return (body: OpenAiWireRequest): OpenAiReply => {
    if (body.tools) {
      // The winner executes: try the function with run_python, then submit it.
      const tried = body.messages.some((m) => m.role === 'tool');
      return tried
        ? { toolCalls: [{ name: 'submit', arguments: JSON.stringify({ code: SOLUTION }) }] }
        : { toolCalls: [{ name: 'run_python', arguments: JSON.stringify({ code: `${SOLUTION}print(evens([1, 2, 3, 4]))` }), id: 'call_1' }] };
    }
    if (body.response_format) return { content: JSON.stringify({ score: model === 'qwen3:8b' ? 4 : 3, reason: 'plausible' }) };
    return { content: `Plan by ${model}: 1. Read the list. 2. Keep the even numbers in order. 3. Return them.` };
  };
}

describe('a SALE run through the openai provider', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer([{ id: 'qwen3:4b' }, { id: 'qwen3:8b' }]);
  });
  afterAll(() => server.close());

  it('completes, with the engine usage counters in every call record and the bids\' logprobs recorded', async () => {
    const base = loadConfig(undefined, { agents: ['4b', '8b'], openaiBaseUrl: server.url });
    const config: Config = { ...base, sale: { ...base.sale, embedder: 'tfidf', weights: { ...base.sale.weights, method: 'fixed', fixed: { cost: 0.3, entropy: 0.3, jury: 0.4 } } } };
    // Six copies of the evens task (one τ bin, so the stratified split has a training and a test part).
    const evens = loadTasks([fileURLToPath(new URL('../../tests/fixtures/mini-coding.jsonl', import.meta.url))]).find((t) => t.id === 'mini/fn-2')!;
    const tasks = Array.from({ length: 6 }, (_, i) => ({ ...evens, id: `mini/fn-2-${i}` }));
    for (const m of ['qwen3:4b', 'qwen3:8b']) server.enqueue(m, ...Array.from({ length: 400 }, () => engine(m)));
    const suites = [createCodingSuite('mini', config.suites.coding!, tasks)];
    const client = createModelClient('openai', { config, tasks });
    const dir = mkdtempSync(join(tmpdir(), 'sale-openai-sale-'));
    const parts = saleModelParts(config, client, 3, dir);
    const sale = await saleSystems({ config, suites, bins: undefined, limit: null, ...parts, dir, resume: false, seed: 3, concurrency: 2 }, { variants: [baseVariant('all')], orders: 1, trainFrac: 0.3, splitSeed: 0 });
    const result = await runBench({ suites, agents: config.agents, client, sandbox: await createSandbox(), dir, resume: false, concurrency: 2, seed: 3, command: ['test'], systems: sale.systems, aux: parts.call, fingerprintExtra: sale.fingerprintExtra });
    expect(result.manifest.status).toBe('complete');
    const records = result.records.filter((r) => r.system === 'sale@o1');
    expect(records.length).toBe(sale.split.test.length);
    expect(records.every((r) => r.status !== 'infra-error')).toBe(true);
    // The winners executed with their plans (in the prompt) and solved the task.
    expect(records.every((r) => r.passed)).toBe(true);
    expect(server.requests.filter((b) => b.tools).some((b) => (b.messages.find((m) => m.role === 'user')?.content ?? '').includes('Keep the even numbers'))).toBe(true);
    // Every call's tokens are the engine's counters: bids, jury and executions alike.
    const bidsSent = server.requests.filter((b) => !b.tools && !b.response_format);
    expect(bidsSent.length).toBeGreaterThan(0);
    expect(bidsSent.every((b) => b.logprobs === true && b.top_logprobs === 20)).toBe(true);
    const prompts = new Set(server.requests.map(openAiPromptTokens));
    for (const r of records) {
      expect(new Set(r.calls.map((c) => c.callType))).toEqual(new Set(['bid', 'judge', 'execute']));
      for (const c of r.calls) {
        expect(prompts.has(c.billedInputTokens ?? c.inputTokens)).toBe(true);
        expect(c.outputTokens).toBeGreaterThan(0);
      }
    }
    // The bids' entropy comes from the engine's top-20 logprobs, recorded in the auction log and the call log.
    const auctions = readJsonl<AuctionLine>(join(dir, AUCTIONS));
    expect(auctions.length).toBe(records.length);
    for (const a of auctions) for (const b of a.bids) expect([b.entropyKind, b.topK, b.entropy! > 0]).toEqual(['top-k', 20, true]);
    const logged = [...readAuxCalls(dir).values()];
    const bidLines = logged.filter((l) => l.kind === 'bid');
    expect(bidLines.length).toBeGreaterThan(0);
    expect(bidLines.every((l) => (l.response().logprobs?.length ?? 0) > 0 && l.response().usage.outputTokens > 0)).toBe(true);
    expect(readFileSync(join(dir, AUX_CALLS), 'utf8')).toContain('"kind":"judge"');
  }, 60_000);
});
