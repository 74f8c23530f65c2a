// Turn a Qwen3 model's raw generated text into reasoning, content and tool calls, the way Ollama's
// qwen3 handling does: reasoning is the <think>…</think> block at the start; each
// `<tool_call>{"name": …, "arguments": {…}}</tool_call>` block whose body is JSON with a string name
// becomes a tool call (arguments given as a JSON string are parsed); the rest is content.
// Decision (where Ollama is version-dependent): a block whose body is not such JSON stays in the
// content as text, so the agent sees a reply without a valid call and nudges the model; a block left
// open at the end (generation cut off) is parsed if its body is complete JSON, else kept as text.
import type { ToolCall } from '../types.ts';
import { splitThinkTags } from '../ollama/index.ts';

export interface ParsedOutput {
  thinking: string;
  content: string;
  toolCalls: ToolCall[];
}

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

function toToolCall(body: string): ToolCall | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.trim());
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { name, arguments: args } = parsed as { name?: unknown; arguments?: unknown };
  if (typeof name !== 'string' || name === '') return undefined;
  let argObject: Record<string, unknown> = {};
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) argObject = args as Record<string, unknown>;
  else if (typeof args === 'string') {
    try {
      const inner: unknown = JSON.parse(args);
      argObject = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : { _raw: args };
    } catch {
      argObject = { _raw: args };
    }
  }
  return { name, arguments: argObject };
}

export function parseQwenOutput(raw: string): ParsedOutput {
  const { thinking, content: afterThink } = splitThinkTags(raw);
  const toolCalls: ToolCall[] = [];
  const kept: string[] = [];
  let rest = afterThink;
  for (;;) {
    const start = rest.indexOf(OPEN);
    if (start < 0) {
      kept.push(rest);
      break;
    }
    kept.push(rest.slice(0, start));
    const after = rest.slice(start + OPEN.length);
    const end = after.indexOf(CLOSE);
    const body = end < 0 ? after : after.slice(0, end);
    const call = toToolCall(body);
    if (call) toolCalls.push(call);
    else kept.push(end < 0 ? rest.slice(start) : rest.slice(start, start + OPEN.length + end + CLOSE.length));
    if (end < 0) break;
    rest = after.slice(end + CLOSE.length);
  }
  return { thinking, content: kept.join('').trim(), toolCalls };
}
