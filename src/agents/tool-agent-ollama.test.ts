// The agent loop against the fake Ollama server imitating what real Ollama does: a tool call cut by
// num_predict, oldest-first truncation past num_ctx, and a prompt cache that lowers prompt_eval_count.
import { describe, expect, it } from 'vitest';
import { useFakeOllama } from '../../tests/support/ollama-provider.ts';
import { loadConfig } from '../config/load.ts';
import type { AgentConfig } from '../config/types.ts';
import type { Task } from '../tasks/types.ts';
import { runToolAgent } from './tool-agent.ts';
import type { AgentContext, Tool } from './types.ts';

const fake = useFakeOllama();
const base = loadConfig().agents.find((a) => a.model === 'qwen3:8b')!;
const agent = (numCtx: number, numPredict: number): AgentConfig => ({
  ...base,
  contextLength: numCtx,
  callTypes: { ...base.callTypes, execute: { ...base.callTypes.execute, think: false, num_predict: numPredict } },
});
const task: Task = {
  id: 'x/1', suite: 'x', domain: 'coding', prompt: 'p', tau: 1, bin: 2, origin: { file: 'f', line: 1 },
  tau_source: { kind: 'annotated', rationale: 'r' },
  payload: { kind: 'function', entry_point: 'f', tests: ['assert f() == 1'], reference: 'def f(): return 1' },
};
const TASK_STATEMENT = 'TASK: write f() returning 1. '.repeat(20);
/** A tool whose output is `size` characters. */
const dump = (size: number): Tool => ({
  spec: { name: 'dump', description: 'print a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  async run() {
    return { output: 'x'.repeat(size) };
  },
});
const submit: Tool = {
  spec: { name: 'submit', description: 'submit', parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } },
  async run(args) {
    return { output: 'ok', submission: { kind: 'code', code: String(args.code) } };
  },
};
const ctx = (a: AgentConfig, tools: Tool[], maxSteps = 8): AgentContext => ({
  task, agent: a, client: fake.client(), seed: 1, systemPrompt: 'You are a coder.', userPrompt: TASK_STATEMENT, tools,
  parseFinalText: () => null, budgets: { maxSteps, maxTokens: 1_000_000 }, toolOutputChars: 100_000,
});
const callDump = { toolCalls: [{ name: 'dump', arguments: { path: 'a.py' } }] };
const callSubmit = { toolCalls: [{ name: 'submit', arguments: { code: 'def f(): return 1' } }] };

describe('tool agent against Ollama: length stops', () => {
  it('records a tool call cut by num_predict, feeds it back as a tool error, and carries on', async () => {
    fake.server.enqueue('qwen3:8b', { toolCalls: [{ name: 'submit', arguments: '{"code": "def f():\\n    retu' }], doneReason: 'length', evalCount: 64 }, callSubmit);
    const run = await runToolAgent(ctx(agent(8192, 64), [dump(10), submit]));
    expect(run.stopReason).toBe('submitted');
    expect(run.calls[0]).toMatchObject({ finishReason: { unified: 'length', raw: 'length' }, toolCallCut: true });
    expect(run.calls[1]!.toolCallCut).toBeUndefined();
    // The second request told the model what happened, as the result of its call.
    const toolMessage = fake.server.requests.chat.at(-1)!.messages!.at(-1)!;
    expect(toolMessage).toMatchObject({ role: 'tool', tool_name: 'submit' });
    expect(toolMessage.content).toMatch(/cut off at the output limit \(64 tokens\).*nothing was run/);
  });

  it('a cut tool call left as text in content is a length stop, answered with a tool error', async () => {
    fake.server.enqueue('qwen3:8b', { content: '<tool_call>\n{"name": "submit", "arguments": {"code": "def f', doneReason: 'length' }, callSubmit);
    const run = await runToolAgent(ctx(agent(8192, 64), [submit]));
    expect(run.calls[0]).toMatchObject({ finishReason: { unified: 'length' }, toolCallCut: true });
    expect(fake.server.requests.chat.at(-1)!.messages!.at(-1)!.content).toMatch(/^Tool error: your call to a tool was cut off/);
    expect(run.stopReason).toBe('submitted');
  });

  it('a complete tool call in a reply that hit num_predict still runs, and the stop counts as a length stop', async () => {
    fake.server.enqueue('qwen3:8b', { ...callSubmit, doneReason: 'length' });
    const run = await runToolAgent(ctx(agent(8192, 64), [submit]));
    expect(run.stopReason).toBe('submitted');
    expect(run.calls[0]!.finishReason.unified).toBe('length');
    expect(run.calls[0]!.toolCallCut).toBeUndefined();
  });
});

describe('tool agent against Ollama: context overflow', () => {
  it('without the check, Ollama would silently drop the task statement (the fake imitates it)', async () => {
    // Sanity check of the test server itself: 3 big tool results in a 2048-token window.
    fake.server.enqueue('qwen3:8b', callDump, callDump, callDump, { content: 'done' });
    const client = fake.client();
    const messages = [
      { role: 'system' as const, content: 'sys' },
      { role: 'user' as const, content: TASK_STATEMENT },
      { role: 'assistant' as const, content: '', toolCalls: [{ name: 'dump', arguments: {} }] },
      { role: 'tool' as const, content: 'x'.repeat(6000), toolName: 'dump' },
      { role: 'assistant' as const, content: '', toolCalls: [{ name: 'dump', arguments: {} }] },
      { role: 'tool' as const, content: 'x'.repeat(6000), toolName: 'dump' },
    ];
    const res = await client.chat({ model: 'qwen3:8b', messages, options: { temperature: 0, numCtx: 2048, numPredict: 64, think: false }, meta: { taskId: 't', agent: 'a', callType: 'execute', turn: 0, seed: 0 } });
    expect(fake.server.requests.dropped.at(-1)).toBe(3); // task statement, first call and its result
    expect(res.usage.inputTokens).toBeLessThan(2048);
    expect(res.truncated).toBe(false); // so the old `truncated` flag never saw it
    fake.server.clearQueues();
  });

  it('stops with context-overflow before the engine would truncate', async () => {
    fake.server.enqueue('qwen3:8b', callDump, callDump, callDump, callDump, callDump);
    const run = await runToolAgent(ctx(agent(4096, 256), [dump(3000), submit]));
    expect(run.stopReason).toBe('context-overflow');
    expect(fake.server.requests.dropped.slice(-run.calls.length)).toEqual(run.calls.map(() => 0));
    expect(run.calls.length).toBeGreaterThanOrEqual(2);
    fake.server.clearQueues();
  });

  it('flags a call whose reported prompt shrank and stops the attempt', async () => {
    // Counters of a server that dropped part of the context (e.g. a num_ctx the estimate under-rated).
    fake.server.enqueue('qwen3:8b', { ...callDump, promptEvalCount: 3000 }, { ...callDump, promptEvalCount: 2000 });
    const run = await runToolAgent(ctx(agent(32768, 256), [dump(10), submit]));
    expect(run.stopReason).toBe('context-overflow');
    expect(run.calls.map((c) => c.promptShrank ?? false)).toEqual([false, true]);
  });

  it('a task statement that alone overflows num_ctx is stopped before the first call', async () => {
    const before = fake.server.requests.chat.length;
    const run = await runToolAgent({ ...ctx(agent(512, 128), [submit]), userPrompt: 'y'.repeat(4000) });
    expect(run.stopReason).toBe('context-overflow');
    expect(run.calls).toHaveLength(0);
    expect(fake.server.requests.chat.length).toBe(before);
  });
});

describe('tool agent against Ollama: billed-equivalent input tokens', () => {
  it('with the prompt cache, evaluated tokens fall but billed-equivalent tokens match a cache-less engine', async () => {
    const runOnce = async () => {
      fake.server.enqueue('qwen3:8b', callDump, callDump, callDump, callSubmit);
      return runToolAgent(ctx(agent(32768, 256), [dump(2000), submit]));
    };
    const plain = await runOnce();
    fake.server.setPromptCache(true);
    let cached;
    try {
      cached = await runOnce();
    } finally {
      fake.server.setPromptCache(false);
    }
    const evaluated = (r: typeof plain) => r.calls.map((c) => c.inputTokens);
    const billed = (r: typeof plain) => r.calls.map((c) => c.billedInputTokens!);
    // Without a cache both agree with the engine; with it, later turns report only the new tokens.
    expect(billed(plain)).toEqual(evaluated(plain));
    expect(evaluated(cached)[0]).toBe(evaluated(plain)[0]);
    // Only the new tokens (the tool result, mostly) are evaluated on later turns.
    for (let i = 1; i < 4; i++) expect(evaluated(cached)[i]!).toBeLessThanOrEqual(evaluated(plain)[i]! - evaluated(plain)[i - 1]! + 2);
    expect(evaluated(cached)[3]!).toBeLessThan(evaluated(plain)[3]! / 3);
    // Reconstructed: previous prompt + reply + new messages, within the reply's share of rounding.
    for (let i = 0; i < 4; i++) expect(Math.abs(billed(cached)[i]! - billed(plain)[i]!)).toBeLessThanOrEqual(20 * i);
  });
});
