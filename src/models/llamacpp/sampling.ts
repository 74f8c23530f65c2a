// Pure helpers of the `llamacpp` provider: messages and tools in the shape chat templates expect,
// capabilities read from a template, and exact entropies from the engine's next-token distribution.
import type { ChatMessage, ToolSpec } from '../types.ts';
import type { Token } from './engine.ts';
import type { GgufSummary } from './model-file.ts';
import { QWEN3_STYLE_CHAT_TEMPLATE } from './test-model/chat-template.ts';

/** Sampling at temperature > 0. */
export interface Sampling {
  topK: number;
  topP: number;
  minP: number;
}

export const DEFAULT_SAMPLING: Sampling = { topK: 20, topP: 0.95, minP: 0 };

/** Messages in the shape chat templates expect (Hugging Face conventions). */
export function templateMessages(messages: ChatMessage[]): Record<string, unknown>[] {
  return messages.map((m) => {
    const out: Record<string, unknown> = { role: m.role, content: m.content };
    if (m.role === 'assistant' && m.thinking) out.reasoning_content = m.thinking;
    if (m.toolCalls?.length) out.tool_calls = m.toolCalls.map((c) => ({ type: 'function', ...(c.id ? { id: c.id } : {}), function: { name: c.name, arguments: c.arguments } }));
    if (m.role === 'tool' && m.toolName) out.name = m.toolName;
    return out;
  });
}

export const templateTools = (tools: ToolSpec[]) => tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));

export function capabilitiesOf(summary: GgufSummary): string[] {
  const caps = ['completion'];
  const template = summary.chatTemplate ?? (summary.architecture?.startsWith('qwen3') ? QWEN3_STYLE_CHAT_TEMPLATE : '');
  if (/\btools\b/.test(template) && template.includes('<tool_call>')) caps.push('tools');
  if (template.includes('<think>') || template.includes('enable_thinking')) caps.push('thinking');
  return caps;
}

/** Entropy (nats) and log-probabilities from a probability map, optionally un-tempering it first. */
export function distribution(probabilities: Map<Token, number>, temperature: number): { entropy: number; logprob: (t: Token) => number; top: [Token, number][] } {
  const entries = [...probabilities.entries()].filter(([, p]) => p > 0);
  let ps = entries.map(([, p]) => p);
  if (temperature > 0 && temperature !== 1) {
    // p_T ∝ exp(l / T)  ⇒  softmax(l) ∝ p_T^T.
    const w = ps.map((p) => Math.exp(temperature * Math.log(p)));
    const z = w.reduce((a, b) => a + b, 0);
    ps = w.map((x) => x / z);
  } else {
    const z = ps.reduce((a, b) => a + b, 0);
    ps = ps.map((p) => p / z);
  }
  let entropy = 0;
  const byToken = new Map<Token, number>();
  entries.forEach(([t], i) => {
    const p = ps[i]!;
    entropy -= p * Math.log(p);
    byToken.set(t, p);
  });
  // The engine's map is sorted by probability (and un-tempering keeps the order): sort only if not.
  const top = entries.map(([t], i) => [t, ps[i]!] as [Token, number]);
  if (top.some((x, i) => i > 0 && x[1] > top[i - 1]![1])) top.sort((a, b) => b[1] - a[1]);
  return { entropy: Math.max(0, entropy), logprob: (t) => Math.log(byToken.get(t) ?? 0), top };
}
