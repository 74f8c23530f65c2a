// What each call of one attempt costs as an API would bill it, and whether the next call still fits the
// context window.
//
// Billed-equivalent input tokens. An API bills the full prompt of every call. Ollama's
// `prompt_eval_count` counts only the tokens it evaluated: with its prompt cache, a later call of a
// multi-turn conversation reports only what follows the cached prefix. We reconstruct the full prompt
// from the engine's own counters, call by call (the definition):
//   - first call of an attempt: billed = the engine's prompt count (or the full prompt where the engine
//     reports it, e.g. llamacpp);
//   - later call k: the count is compared with what a cache hit would report (the messages added since
//     the previous call, reply included, estimated as below: `new`) and with what a cache-less engine
//     would (previous prompt + new). Below their midpoint (new + billed_{k-1}/2), a cache hit:
//     billed_k = billed_{k-1} + output_{k-1} + reported_k (previous prompt + reply + new messages, the
//     new part being what the engine evaluated). Else, when it is at least the previous full prompt,
//     the engine evaluated it all: billed_k = reported_k.
//   - anything else (below the previous full prompt, far above the new messages) is neither: the
//     engine dropped part of the conversation (Ollama's oldest-first truncation). That call is flagged
//     (`promptShrank`), billed as previous prompt + new messages, and the attempt stops with
//     `context-overflow`.
//
// Context estimate (no tokenizer ships offline for every model family, so none is used): before each
// call, previous full prompt + the characters added since (the reply as re-sent, tool results, nudges)
// / chars-per-token + a template allowance per message, the ratio calibrated
// on the attempt's first call (characters sent / tokens reported, clamped to [2, 4.5]; 3 before any
// call, a deliberately conservative value for Qwen's tokenizer on code and English).
import type { ChatMessage, ToolSpec } from '../models/types.ts';

export const DEFAULT_CHARS_PER_TOKEN = 3;
const MIN_CPT = 2;
const MAX_CPT = 4.5;
/** Tokens a chat template adds per message (role markers, separators): counted in "new" tokens. */
const TEMPLATE_TOKENS_PER_MESSAGE = 8;

/** Characters of what a call sends: every message and the tool schemas. */
export function promptChars(messages: readonly ChatMessage[], tools: readonly ToolSpec[] | undefined, from = 0): number {
  let chars = 0;
  for (let i = from; i < messages.length; i++) {
    const m = messages[i]!;
    chars += m.content.length + (m.thinking?.length ?? 0);
    if (m.toolCalls?.length) chars += JSON.stringify(m.toolCalls).length;
  }
  if (from === 0 && tools?.length) chars += JSON.stringify(tools).length;
  return chars;
}

export interface CallAccount {
  /** Billed-equivalent input tokens of this call. */
  billedInputTokens: number;
  /** The engine's prompt count fell although the conversation only grew: part of it was dropped. */
  promptShrank: boolean;
}

/** Per-attempt ledger: call `estimate` before a call, `record` after it. */
export class PromptLedger {
  private charsPerToken = DEFAULT_CHARS_PER_TOKEN;
  private calls = 0;
  private prevBilled = 0;
  private prevOutput = 0;
  /** Messages already part of the previous call's prompt. */
  private sentMessages = 0;

  constructor(private readonly tools: readonly ToolSpec[] | undefined) {}

  /** Estimated full prompt tokens of the next call with `messages`. */
  estimate(messages: readonly ChatMessage[]): number {
    if (this.calls === 0) return Math.ceil(promptChars(messages, this.tools) / this.charsPerToken) + TEMPLATE_TOKENS_PER_MESSAGE * messages.length;
    // The reply is among the new messages, counted as re-sent (thinking only when the message keeps it).
    return this.prevBilled + this.newTokens(messages);
  }

  /** Estimated tokens of the messages added since the previous call (the reply included). */
  private newTokens(messages: readonly ChatMessage[]): number {
    const fresh = messages.length - this.sentMessages;
    return Math.ceil(promptChars(messages, undefined, this.sentMessages) / this.charsPerToken) + TEMPLATE_TOKENS_PER_MESSAGE * Math.max(0, fresh);
  }

  /**
   * Account one finished call: `messages` as sent, the engine's prompt count, its output count, and
   * the full prompt where the engine reports it.
   */
  record(messages: readonly ChatMessage[], reported: number, output: number, enginePromptTokens?: number): CallAccount {
    let billed: number;
    let promptShrank = false;
    if (enginePromptTokens !== undefined) {
      billed = enginePromptTokens;
      promptShrank = this.calls > 0 && enginePromptTokens < this.prevBilled;
    } else if (this.calls === 0) {
      billed = reported;
    } else {
      // A cache hit reports about the new messages (the reply included when the engine could not reuse
      // it); a cache-less engine about previous prompt + new messages. Below their midpoint: a hit.
      const fresh = this.newTokens(messages);
      if (reported < fresh + this.prevBilled / 2) billed = this.prevBilled + this.prevOutput + reported;
      else if (reported >= this.prevBilled) billed = reported;
      else {
        // Below the previous prompt and far above the new messages: the engine dropped part of it.
        promptShrank = true;
        billed = this.prevBilled + fresh;
      }
    }
    if (this.calls === 0 && billed > 0) {
      const cpt = promptChars(messages, this.tools) / billed;
      this.charsPerToken = Math.min(MAX_CPT, Math.max(MIN_CPT, cpt));
    }
    this.calls++;
    this.prevBilled = billed;
    this.prevOutput = output;
    this.sentMessages = messages.length;
    return { billedInputTokens: billed, promptShrank };
  }
}

/**
 * Would a prompt of `estimated` tokens leave the window? Ollama drops the oldest messages once the
 * prompt exceeds num_ctx, and generation past the window shifts it: keep room for the reply, as much as
 * num_predict but at most a quarter of the window (the reserve the llamacpp provider uses too).
 */
export function overflows(estimated: number, numCtx: number, numPredict: number): boolean {
  const reserve = Math.min(numPredict, Math.floor(numCtx / 4));
  return estimated > numCtx - reserve;
}
