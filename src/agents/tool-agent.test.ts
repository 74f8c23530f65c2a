import { describe, expect, it } from 'vitest';
import { scriptedClient } from '../../tests/support/scripted-client.ts';
import { loadConfig } from '../config/load.ts';
import { ApiCallError } from '../errors.ts';
import type { Task } from '../tasks/types.ts';
import { runToolAgent, truncateMiddle } from './tool-agent.ts';
import type { AgentContext, Tool } from './types.ts';

const agent = loadConfig().agents[1]!;
const task: Task = {
  id: 'x/1', suite: 'x', domain: 'coding', prompt: 'p', tau: 1, bin: 2, origin: { file: 'f', line: 1 },
  tau_source: { kind: 'annotated', rationale: 'r' },
  payload: { kind: 'function', entry_point: 'f', tests: ['assert f() == 1'], reference: 'def f(): return 1' },
};
const echo: Tool = {
  spec: { name: 'echo', description: 'echo', parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
  async run(args) {
    return { output: `echo: ${String(args.text)}`, details: { len: String(args.text).length } };
  },
};
const submit: Tool = {
  spec: { name: 'submit', description: 'submit', parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } },
  async run(args) {
    return { output: 'ok', submission: { kind: 'code', code: String(args.code) } };
  },
};
const ctx = (client: AgentContext['client'], over: Partial<AgentContext> = {}): AgentContext => ({
  task, agent, client, seed: 3, systemPrompt: 'SYS', userPrompt: 'USER', tools: [echo, submit],
  parseFinalText: () => null, budgets: { maxSteps: 5, maxTokens: 10_000 }, toolOutputChars: 1000, ...over,
});

describe('tool agent loop', () => {
  it('runs tools, feeds results back, and stops at the submission', async () => {
    const client = scriptedClient([
      { toolCalls: [{ name: 'echo', arguments: { text: 'hi' } }] },
      { toolCalls: [{ name: 'submit', arguments: { code: 'def f(): return 1' } }] },
    ]);
    const run = await runToolAgent(ctx(client));
    expect(run.stopReason).toBe('submitted');
    expect(run.submission).toEqual({ kind: 'code', code: 'def f(): return 1' });
    expect(run.calls).toHaveLength(2);
    expect(run.calls[0]!.inputTokens).toBe(100);
    // The second request carried the tool result of the first call.
    const second = client.requests[1]!;
    expect(second.messages.at(-1)).toEqual({ role: 'tool', content: 'echo: hi', toolName: 'echo' });
    expect(second.options).toMatchObject({ temperature: 0, numCtx: agent.contextLength, think: agent.callTypes.execute.think, seed: 3 });
    expect(second.meta).toMatchObject({ taskId: 'x/1', agent: '8b', callType: 'execute', turn: 1 });
    expect(run.trace.find((e) => e.message.role === 'tool')!.details).toEqual({ len: 2 });
  });

  it('nudges a reply without tool calls, tells unknown tools apart, and stops at the step budget', async () => {
    const client = scriptedClient([{ content: 'thinking aloud' }, { content: '' }, { toolCalls: [{ name: 'nope', arguments: {} }] }]);
    const run = await runToolAgent(ctx(client, { budgets: { maxSteps: 3, maxTokens: 10_000 } }));
    expect(run.stopReason).toBe('step-budget');
    expect(run.submission).toBeNull();
    const users = run.messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(users[1]).toMatch(/did not call a tool/);
    expect(users[2]).toMatch(/empty/);
    expect(run.messages.at(-1)!.content).toMatch(/unknown tool 'nope'/);
    expect(run.calls.filter((c) => c.empty)).toHaveLength(1);
  });

  it('accepts a final text answer when the suite can parse one', async () => {
    const client = scriptedClient([{ content: 'The answer is C.' }]);
    const run = await runToolAgent(ctx(client, { parseFinalText: (t) => (t.includes('C') ? { kind: 'choice', letter: 'C' } : null) }));
    expect(run.stopReason).toBe('final-text');
    expect(run.submission).toEqual({ kind: 'choice', letter: 'C' });
  });

  it('stops at the token budget', async () => {
    const client = scriptedClient([{ toolCalls: [{ name: 'echo', arguments: { text: 'a' } }] }], { inputTokens: 600, outputTokens: 10 });
    const run = await runToolAgent(ctx(client, { budgets: { maxSteps: 10, maxTokens: 1000 } }));
    expect(run.stopReason).toBe('token-budget');
    expect(run.calls).toHaveLength(2);
  });

  it('ends with an infrastructure error (not a model failure) when the engine fails', async () => {
    const client = scriptedClient([new ApiCallError('boom', { kind: 'http-5xx', status: 503, isRetryable: true })]);
    const run = await runToolAgent(ctx(client));
    expect(run.stopReason).toBe('infra-error');
    expect(run.infraError).toEqual({ kind: 'http-5xx', message: 'boom' });
  });

  it('truncateMiddle keeps head and tail', () => {
    const t = truncateMiddle('a'.repeat(50) + 'b'.repeat(50), 20);
    expect(t.startsWith('a'.repeat(12))).toBe(true);
    expect(t.endsWith('b'.repeat(8))).toBe(true);
    expect(t).toMatch(/80 characters cut/);
  });
});
