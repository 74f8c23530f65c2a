import { describe, expect, it } from 'vitest';
import { parseQwenOutput } from './parse-output.ts';

describe('Qwen3 output parsing', () => {
  it('splits reasoning, content and a tool call', () => {
    const r = parseQwenOutput('<think>\nLet me run it.\n</think>\n\nI will test.\n<tool_call>\n{"name": "run_python", "arguments": {"code": "print(1)"}}\n</tool_call>');
    expect(r).toEqual({ thinking: 'Let me run it.', content: 'I will test.', toolCalls: [{ name: 'run_python', arguments: { code: 'print(1)' } }] });
  });

  it('reads several calls, and arguments given as a JSON string', () => {
    const r = parseQwenOutput('<tool_call>{"name": "a", "arguments": {}}</tool_call>\n<tool_call>{"name": "b", "arguments": "{\\"x\\": 2}"}</tool_call>');
    expect(r.toolCalls).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { x: 2 } },
    ]);
    expect(r.content).toBe('');
  });

  it('keeps a malformed call in the content, so the agent can react to it', () => {
    const r = parseQwenOutput('<tool_call>\n{"name": run_python}\n</tool_call> after');
    expect(r.toolCalls).toEqual([]);
    expect(r.content).toBe('<tool_call>\n{"name": run_python}\n</tool_call> after');
  });

  it('parses a call cut before its closing tag when its JSON is complete, else keeps it as text', () => {
    expect(parseQwenOutput('<tool_call>\n{"name": "submit", "arguments": {"code": "x"}}\n').toolCalls).toEqual([{ name: 'submit', arguments: { code: 'x' } }]);
    const cut = parseQwenOutput('<tool_call>\n{"name": "submit", "argu');
    expect(cut.toolCalls).toEqual([]);
    expect(cut.content).toBe('<tool_call>\n{"name": "submit", "argu');
  });

  it('treats an unclosed <think> as all reasoning and plain text as content', () => {
    expect(parseQwenOutput('<think>\nstill thinking')).toEqual({ thinking: 'still thinking', content: '', toolCalls: [] });
    expect(parseQwenOutput('The answer is B.')).toEqual({ thinking: '', content: 'The answer is B.', toolCalls: [] });
  });
});
