// Mapping between our types and Ollama's wire format: the /api/chat request body, and the pieces of a
// streamed reply (tool calls, logprobs, done reasons, <think> tags inside content).
import type {
  ChatRequest as WireChatRequest,
  Logprob as WireLogprob,
  Message as WireMessage,
  Tool as WireTool,
} from 'ollama';
import type { ChatMessage, ChatRequest, TokenLogprob, ToolCall, ToolSpec } from '../types.ts';

/** Ollama itself caps top_logprobs at 20. */
export const MAX_TOP_LOGPROBS = 20;

/** Add http:// when no scheme is given and drop a trailing slash. */
export function normalizeHost(host: string): string {
  let h = host.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(h)) h = `http://${h}`;
  return h.replace(/\/+$/, '');
}

/** Ollama treats a name without a tag as ":latest". */
export function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}

// ---------------------------------------------------------------------------------------------------
// Request mapping

function toWireMessage(m: ChatMessage): WireMessage {
  const out: WireMessage = { role: m.role, content: m.content };
  if (m.thinking) out.thinking = m.thinking;
  if (m.toolCalls?.length) {
    // The official type has no `id`; Ollama accepts and echoes it.
    out.tool_calls = m.toolCalls.map((c) => ({
      ...(c.id !== undefined ? { id: c.id } : {}),
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  if (m.role === 'tool' && m.toolName !== undefined) out.tool_name = m.toolName;
  return out;
}

function toWireTool(t: ToolSpec): WireTool {
  return { type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } };
}

/** The /api/chat body (without `stream`) for a ChatRequest. Exported for tests and logging. */
export function toWireChatRequest(req: ChatRequest, defaultKeepAlive?: string): WireChatRequest {
  const o = req.options;
  const options: NonNullable<WireChatRequest['options']> = {
    temperature: o.temperature,
    num_ctx: o.numCtx,
    num_predict: o.numPredict,
  };
  if (o.seed !== undefined) options.seed = o.seed;
  if (o.stop?.length) options.stop = o.stop;
  const body: WireChatRequest = {
    model: req.model,
    messages: req.messages.map(toWireMessage),
    think: o.think,
    options,
  };
  if (req.tools?.length) body.tools = req.tools.map(toWireTool);
  if (o.format !== undefined) body.format = o.format;
  const keepAlive = o.keepAlive ?? defaultKeepAlive;
  if (keepAlive !== undefined) body.keep_alive = keepAlive;
  if (o.topLogprobs !== undefined && o.topLogprobs > 0) {
    body.logprobs = true;
    body.top_logprobs = Math.min(MAX_TOP_LOGPROBS, Math.floor(o.topLogprobs));
  }
  return body;
}

// ---------------------------------------------------------------------------------------------------
// Reply pieces

/**
 * Old qwen3 builds put the reasoning inside content as "<think>…</think>answer" (or, when the template
 * opened the tag, as "…</think>answer"). Move it out. An unclosed "<think>" (generation cut off while
 * reasoning) is all thinking.
 */
export function splitThinkTags(content: string): { thinking: string; content: string } {
  // Fast path (every reply goes through here): no tag of either kind.
  if (!content.includes('think>')) return { thinking: '', content };
  const open = /^\s*<think>/.exec(content);
  if (open) {
    const rest = content.slice(open[0].length);
    const close = rest.indexOf('</think>');
    if (close < 0) return { thinking: rest.trim(), content: '' };
    return { thinking: rest.slice(0, close).trim(), content: rest.slice(close + '</think>'.length).replace(/^\s+/, '') };
  }
  const close = content.indexOf('</think>');
  if (close >= 0 && !content.slice(0, close).includes('<think>')) {
    return { thinking: content.slice(0, close).trim(), content: content.slice(close + '</think>'.length).replace(/^\s+/, '') };
  }
  return { thinking: '', content };
}

/**
 * The assistant message of a streamed reply: reasoning that arrived inside content as <think>…</think>
 * joins the reasoning the engine sent apart (shared by the Ollama and OpenAI-compatible providers).
 */
export function assistantMessage(content: string, thinking: string, toolCalls: ToolCall[]): ChatMessage {
  const split = splitThinkTags(content);
  if (split.thinking || split.content !== content) {
    content = split.content;
    thinking = thinking ? `${thinking}\n${split.thinking}` : split.thinking;
  }
  const message: ChatMessage = { role: 'assistant', content };
  if (thinking) message.thinking = thinking;
  if (toolCalls.length) message.toolCalls = toolCalls;
  return message;
}

/** Tool-call arguments are objects on the wire; a string (some engines, proxies) is parsed. */
function parseArguments(args: unknown): Record<string, unknown> {
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) return args as Record<string, unknown>;
  if (typeof args === 'string') {
    try {
      const parsed: unknown = JSON.parse(args);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through: keep the raw text so the agent can report a malformed call
    }
    return { _raw: args };
  }
  return {};
}

/** A tool call as it may arrive (the official type has neither `id` nor `index`). */
export interface WireToolCallLoose {
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown; index?: unknown };
}

export function fromWireToolCall(c: WireToolCallLoose): ToolCall {
  // A name that is not a string or number is no name (String() of {"toString": 1} throws).
  const name = c.function?.name;
  const call: ToolCall = { name: typeof name === 'string' ? name : typeof name === 'number' ? String(name) : '', arguments: parseArguments(c.function?.arguments) };
  if (typeof c.id === 'string' && c.id !== '') call.id = c.id;
  return call;
}

export function fromWireLogprob(l: WireLogprob): TokenLogprob {
  return { token: l.token, logprob: l.logprob, top: (l.top_logprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob })) };
}

/** Length wins over tool calls (shared with llamacpp). */
export { unifiedFinish } from '../length-stop.ts';
