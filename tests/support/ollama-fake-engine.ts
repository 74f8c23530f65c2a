// What the fake Ollama server's "engine" does with a prompt, imitating real Ollama:
//
//  - Context truncation (server/prompt.go, chatPrompt): when the messages do not fit num_ctx, Ollama
//    drops the OLDEST non-system messages until they fit, always keeping the system messages and the
//    last message; no error, HTTP 200, and prompt_eval_count stays under num_ctx. So the task
//    statement (the first user message) is the first thing lost. A last message that alone does not
//    fit is cut by the runner: the count is then capped at num_ctx.
//  - Prompt cache (opt-in, `promptCache`): the runner keeps the previous prompt and its generated reply
//    in the KV cache and evaluates only what follows the longest common prefix, so prompt_eval_count
//    of a later turn counts only the new messages (at least 1 token).
//
// Token counting is the fake's usual one: ceil(characters of content + thinking / 4).
import type { WireChatRequest } from './ollama-test-server.ts';

type WireMessage = NonNullable<WireChatRequest['messages']>[number];

const tokensOf = (chars: number) => Math.max(1, Math.ceil(chars / 4));
const textOf = (m: WireMessage) => (m.content ?? '') + (m.thinking ?? '');

export interface FittedPrompt {
  /** The messages the model sees, after truncation. */
  kept: WireMessage[];
  /** How many messages Ollama dropped (oldest non-system first). */
  dropped: number;
  /** The prompt as one string (what the cache compares). */
  text: string;
  /** Full prompt tokens of what was kept (capped at num_ctx). */
  tokens: number;
}

/** Ollama's oldest-first truncation of the messages to num_ctx. */
export function fitContext(request: WireChatRequest): FittedPrompt {
  const messages = request.messages ?? [];
  const numCtx = request.options?.['num_ctx'];
  const limit = typeof numCtx === 'number' && numCtx > 0 ? numCtx : Number.POSITIVE_INFINITY;
  const count = (ms: WireMessage[]) => tokensOf(ms.reduce((s, m) => s + textOf(m).length, 0));
  let kept = messages;
  if (count(messages) > limit) {
    const system = messages.filter((m, i) => m.role === 'system' && i < messages.length - 1);
    let start = 0;
    // Drop the oldest non-system messages one by one; the last message always stays.
    while (start < messages.length - 1) {
      start++;
      const candidate = [...system, ...messages.slice(start).filter((m, i) => !(m.role === 'system' && start + i < messages.length - 1))];
      kept = candidate;
      if (count(candidate) <= limit) break;
    }
  }
  const text = kept.map(textOf).join('');
  return { kept, dropped: messages.length - kept.length, text, tokens: Math.min(count(kept), limit) };
}

/** One KV-cache slot per model: the previous prompt and the reply generated after it. */
export class FakePromptCache {
  private readonly slots = new Map<string, string>();

  /** Tokens the engine evaluates for `prompt` (the rest is served from the cache). */
  evaluate(model: string, prompt: FittedPrompt): number {
    const cached = this.slots.get(model) ?? '';
    let common = 0;
    const max = Math.min(cached.length, prompt.text.length);
    while (common < max && cached.charCodeAt(common) === prompt.text.charCodeAt(common)) common++;
    if (common === 0) return prompt.tokens;
    return Math.min(prompt.tokens, tokensOf(prompt.text.length - common));
  }

  /** After a reply: the slot holds the prompt and what was generated. */
  store(model: string, prompt: FittedPrompt, generated: string): void {
    this.slots.set(model, prompt.text + generated);
  }

  clear(): void {
    this.slots.clear();
  }
}
