// Mapping between our types and the OpenAI chat-completions wire format as OpenAI-compatible serving
// engines speak it (vLLM, SGLang, llama.cpp `llama-server`, LM Studio, a LiteLLM proxy): the request
// body, and a streamed reply assembled from its chunks.
//
// Engine specifics (from the engines' documentation):
// - Qwen3 thinking is switched per request with `chat_template_kwargs: {enable_thinking}` (vLLM, SGLang
//   and llama-server pass it to the chat template); the reasoning comes back as `reasoning_content`
//   (vLLM/SGLang `--reasoning-parser qwen3`; newer vLLM also `reasoning`), or inside content as
//   <think>…</think> when the server runs without a reasoning parser.
// - Tool calls stream as deltas: the first carries index, id and name, later ones more of the
//   `arguments` string, which only parses once complete. A reply cut by max_tokens inside a tool call
//   ends with finish_reason "length" and arguments that do not parse: recorded as a length stop, with
//   the raw text kept (`_raw`) so the agent can tell the model its call was cut.
// - Token counters come only in the `usage` of the last chunk, sent when `stream_options.include_usage`
//   is asked for. `prompt_tokens` is the whole prompt (what an API bills); the prefix-cache hits are
//   `prompt_tokens_details.cached_tokens`, kept beside it.
import type { ChatMessage, ChatRequest, FinishReason, TokenLogprob, ToolCall } from '../types.ts';
import { assistantMessage } from '../ollama/wire.ts';

/** vLLM's default --max-logprobs; OpenAI's own API caps top_logprobs at 20 too. */
export const MAX_TOP_LOGPROBS = 20;

export interface OpenAiWireSettings {
  /** How to switch thinking: `chat_template_kwargs` (vLLM, SGLang, llama-server) or not at all. */
  thinkField: 'chat_template_kwargs' | 'none';
}

type WireMessage = Record<string, unknown>;

function toWireMessages(messages: readonly ChatMessage[]): WireMessage[] {
  const out: WireMessage[] = [];
  // Tool results answer the calls of the last assistant message, in order: give each the call's id.
  let pendingIds: string[] = [];
  messages.forEach((m, mi) => {
    if (m.role === 'assistant') {
      const w: WireMessage = { role: 'assistant', content: m.content };
      if (m.toolCalls?.length) {
        pendingIds = m.toolCalls.map((c, i) => c.id ?? `call_${mi}_${i}`);
        w.tool_calls = m.toolCalls.map((c, i) => ({ id: pendingIds[i], type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
      }
      out.push(w);
    } else if (m.role === 'tool') {
      out.push({ role: 'tool', content: m.content, tool_call_id: pendingIds.shift() ?? `call_${mi}` });
    } else {
      out.push({ role: m.role, content: m.content });
    }
  });
  return out;
}

/** The /v1/chat/completions body for a ChatRequest (stream on, usage asked for). */
export function toOpenAiRequest(req: ChatRequest, s: OpenAiWireSettings): Record<string, unknown> {
  const o = req.options;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: toWireMessages(req.messages),
    temperature: o.temperature,
    max_tokens: o.numPredict,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (o.seed !== undefined) body.seed = o.seed;
  if (o.stop?.length) body.stop = o.stop;
  if (req.tools?.length) body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
  if (o.format === 'json') body.response_format = { type: 'json_object' };
  else if (o.format !== undefined) body.response_format = { type: 'json_schema', json_schema: { name: 'reply', schema: o.format } };
  if (o.topLogprobs !== undefined && o.topLogprobs > 0) {
    body.logprobs = true;
    body.top_logprobs = Math.min(MAX_TOP_LOGPROBS, Math.floor(o.topLogprobs));
  }
  if (s.thinkField === 'chat_template_kwargs') body.chat_template_kwargs = { enable_thinking: o.think };
  return body;
}

interface DeltaCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface OpenAiChunk {
  choices?: { delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: DeltaCall[] }; logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null;
}

function parseArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through: keep the raw text
  }
  return { _raw: text };
}

export function unifiedFinish(raw: string, hasToolCalls: boolean): FinishReason {
  // A length stop is a length stop whatever else the reply carries (a cut tool call above all).
  if (raw === 'length') return 'length';
  if (hasToolCalls) return 'tool-calls';
  if (raw === 'stop') return 'stop';
  return 'other';
}

/** Collects streamed chunks into a message, logprobs, finish reason and usage. */
export class OpenAiAccumulator {
  private content = '';
  private reasoning = '';
  private readonly calls = new Map<number, { id?: string; name: string; args: string }>();
  private readonly logprobs: TokenLogprob[] = [];
  finish = '';
  usage: { input: number; output: number; cached?: number } | null = null;

  add(chunk: OpenAiChunk): void {
    for (const c of chunk.choices ?? []) {
      const d = c.delta;
      if (d) {
        if (typeof d.content === 'string') this.content += d.content;
        const r = d.reasoning_content ?? d.reasoning;
        if (typeof r === 'string') this.reasoning += r;
        for (const t of d.tool_calls ?? []) {
          const i = t.index ?? this.calls.size;
          let call = this.calls.get(i);
          if (!call) this.calls.set(i, (call = { name: '', args: '' }));
          if (t.id) call.id = t.id;
          if (t.function?.name) call.name += t.function.name;
          if (t.function?.arguments) call.args += t.function.arguments;
        }
      }
      for (const l of c.logprobs?.content ?? []) this.logprobs.push({ token: l.token, logprob: l.logprob, top: (l.top_logprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob })) });
      if (c.finish_reason) this.finish = c.finish_reason;
    }
    const u = chunk.usage;
    if (u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number') {
      this.usage = { input: u.prompt_tokens, output: u.completion_tokens };
      const cached = u.prompt_tokens_details?.cached_tokens;
      if (typeof cached === 'number') this.usage.cached = cached;
    }
  }

  message(): ChatMessage {
    const calls: ToolCall[] = [...this.calls.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([, c]) => ({ name: c.name, arguments: parseArguments(c.args), ...(c.id ? { id: c.id } : {}) }));
    return assistantMessage(this.content, this.reasoning, calls);
  }

  tokenLogprobs(): TokenLogprob[] {
    return this.logprobs;
  }
}
