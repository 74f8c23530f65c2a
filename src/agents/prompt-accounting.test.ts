import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../models/types.ts';
import { PromptLedger, overflows } from './prompt-accounting.ts';

const sys: ChatMessage = { role: 'system', content: 's'.repeat(400) };
const task: ChatMessage = { role: 'user', content: 't'.repeat(400) };
const reply: ChatMessage = { role: 'assistant', content: '', toolCalls: [{ name: 'run', arguments: { code: 'x' } }] };
const result = (n: number): ChatMessage => ({ role: 'tool', content: 'r'.repeat(n), toolName: 'run' });

describe('billed-equivalent input tokens', () => {
  it('a cache-less engine: billed = reported', () => {
    const l = new PromptLedger(undefined);
    expect(l.record([sys, task], 200, 20)).toEqual({ billedInputTokens: 200, promptShrank: false });
    expect(l.record([sys, task, reply, result(800)], 430, 20)).toEqual({ billedInputTokens: 430, promptShrank: false });
  });

  it('a cache hit: previous prompt + reply + what the engine evaluated', () => {
    const l = new PromptLedger(undefined);
    l.record([sys, task], 200, 20);
    expect(l.record([sys, task, reply, result(800)], 205, 20)).toEqual({ billedInputTokens: 200 + 20 + 205, promptShrank: false });
  });

  it('a count below the previous prompt that the new messages cannot explain: a shrink', () => {
    const l = new PromptLedger(undefined);
    l.record([sys, task, reply, result(8000)], 2200, 20);
    const a = l.record([sys, task, reply, result(8000), reply, result(40)], 1500, 20);
    expect(a.promptShrank).toBe(true);
    expect(a.billedInputTokens).toBeGreaterThan(2200);
  });

  it('an engine that reports the full prompt (llamacpp, sim) is taken at its word; a smaller one is a shrink', () => {
    const l = new PromptLedger(undefined);
    expect(l.record([sys, task], 50, 20, 200).billedInputTokens).toBe(200);
    expect(l.record([sys, task, reply, result(10)], 10, 20, 230)).toEqual({ billedInputTokens: 230, promptShrank: false });
    expect(l.record([sys, task, reply, result(10), reply, result(10)], 10, 20, 150).promptShrank).toBe(true);
  });

  it('the estimate grows with the new characters; overflow keeps room for the reply', () => {
    const l = new PromptLedger(undefined);
    const first = l.estimate([sys, task]);
    expect(first).toBeGreaterThan(800 / 4);
    l.record([sys, task], 200, 20);
    expect(l.estimate([sys, task, reply, result(4000)])).toBeGreaterThan(200 + 20 + 4000 / 4.5);
    expect(overflows(3000, 4096, 1024)).toBe(false);
    expect(overflows(3100, 4096, 1024)).toBe(true);
    expect(overflows(3100, 4096, 64)).toBe(false);
  });
});
