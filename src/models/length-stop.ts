// A reply that stops at num_predict is a length stop whatever else it carries (tool calls, thinking):
// engines that parse tool calls (Ollama) report done_reason "length" beside the calls they could parse.
import type { ChatMessage, FinishReason } from './types.ts';

/** The unified finish reason: length wins over tool calls; tool calls over a plain stop. */
export function unifiedFinish(doneReason: string, hasToolCalls: boolean): FinishReason {
  if (doneReason === 'length') return 'length';
  if (hasToolCalls) return 'tool-calls';
  if (doneReason === 'stop') return 'stop';
  return 'other';
}

/** Tool-call markup of Qwen-style templates; left in content when the engine could not parse the call. */
const TOOL_CALL_TEXT = /<tool_call>|"name"\s*:\s*"[^"]*"\s*,\s*"arguments"\s*:/;

/**
 * Was a tool call cut off by num_predict? Only for a length stop: a call whose arguments did not parse
 * (providers keep them as `{ _raw: text }`), or tool-call text left in the content.
 */
export function toolCallCut(unified: FinishReason, message: ChatMessage): boolean {
  if (unified !== 'length') return false;
  if (message.toolCalls?.some((c) => typeof c.arguments._raw === 'string')) return true;
  return TOOL_CALL_TEXT.test(message.content);
}
