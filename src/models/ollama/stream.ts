// Assembling a streamed /api/chat reply into a ChatResponse.
import type { ChatResponse as WireChatChunk, Message as WireMessage } from 'ollama';
import { ApiCallError } from '../../errors.ts';
import { toolCallCut } from '../length-stop.ts';
import type { ChatRequest, ChatResponse, TokenLogprob, ToolCall } from '../types.ts';
import { MAX_TOP_LOGPROBS, assistantMessage, fromWireLogprob, fromWireToolCall, unifiedFinish, type WireToolCallLoose } from './wire.ts';

/** A duration field of the final chunk, 0 when absent or not a number. */
function ns(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Collects streamed chunks; `finish` turns them into a ChatResponse (minus wallMs/attempts). */
export class StreamAccumulator {
  private content = '';
  private thinking = '';
  private readonly toolCalls: ToolCall[] = [];
  private readonly logprobs: TokenLogprob[] = [];
  private final: Partial<WireChatChunk> | undefined;
  chunks = 0;

  add(chunk: Partial<WireChatChunk>): void {
    this.chunks++;
    const m = chunk.message as Partial<WireMessage> | undefined;
    if (m) {
      if (typeof m.content === 'string') this.content += m.content;
      if (typeof m.thinking === 'string') this.thinking += m.thinking;
      // Guarded loops rather than `?? []`: this runs once per token, and most chunks have neither.
      const calls = m.tool_calls as WireToolCallLoose[] | undefined;
      if (calls) for (const c of calls) this.toolCalls.push(fromWireToolCall(c));
    }
    const logprobs = chunk.logprobs;
    if (logprobs) for (const l of logprobs) this.logprobs.push(fromWireLogprob(l));
    if (chunk.done) this.final = chunk;
  }

  finish(req: ChatRequest, host: string): Omit<ChatResponse, 'wallMs' | 'attempts'> {
    const f = this.final;
    if (!f) {
      throw new ApiCallError(`the stream from Ollama at ${host} ended without a final chunk`, {
        kind: 'stream',
        url: host,
        isRetryable: true,
      });
    }
    const promptEval = f.prompt_eval_count;
    const evalCount = f.eval_count;
    if (typeof promptEval !== 'number' || typeof evalCount !== 'number') {
      const missing = [typeof promptEval !== 'number' ? 'prompt_eval_count' : '', typeof evalCount !== 'number' ? 'eval_count' : '']
        .filter(Boolean)
        .join(' and ');
      throw new ApiCallError(`Ollama at ${host} returned no ${missing} for ${req.model}: token usage cannot be measured`, {
        kind: 'missing-counters',
        url: host,
        isRetryable: false,
        fix: 'upgrade Ollama (0.6 or later reports token counters on every reply)',
      });
    }
    const message = assistantMessage(this.content, this.thinking, this.toolCalls);
    const raw = typeof f.done_reason === 'string' ? f.done_reason : '';
    const unified = unifiedFinish(raw, this.toolCalls.length > 0);
    const response: Omit<ChatResponse, 'wallMs' | 'attempts'> = {
      message,
      usage: { inputTokens: promptEval, outputTokens: evalCount },
      timings: {
        totalNs: ns(f.total_duration),
        loadNs: ns(f.load_duration),
        promptEvalNs: ns(f.prompt_eval_duration),
        evalNs: ns(f.eval_duration),
      },
      finishReason: { unified, raw },
      truncated: promptEval >= req.options.numCtx - 1,
      simulated: false,
    };
    if (unified === 'length' && toolCallCut(unified, message)) response.toolCallCut = true;
    const asked = req.options.topLogprobs ?? 0;
    // An Ollama older than 0.12.11 ignores `logprobs`: then there is nothing to report, rather than [].
    if (asked > 0 && this.logprobs.length > 0) {
      response.logprobs = this.logprobs;
      response.logprobsTopK = Math.min(MAX_TOP_LOGPROBS, Math.floor(asked));
    }
    return response;
  }
}
