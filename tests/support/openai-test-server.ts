// A scriptable fake of an OpenAI-compatible serving engine (vLLM, SGLang, llama.cpp `llama-server`),
// for tests only. It listens on 127.0.0.1 on a random port and speaks the wire format those engines
// document for the endpoints `sale` uses:
//
//   POST /v1/chat/completions  stream:true → Server-Sent Events: `data: {chat.completion.chunk}` lines,
//                              then `data: [DONE]`. Content, `reasoning_content` (vLLM/SGLang's Qwen3
//                              reasoning parser) and tool calls arrive as deltas; a tool call's `arguments`
//                              string is split over several chunks (index, id and name only in the first).
//                              `usage` comes in one last chunk with `choices: []`, and only when the request
//                              has `stream_options: {include_usage: true}` (as in vLLM). Per-token logprobs
//                              in `choices[0].logprobs.content` when `logprobs: true`.
//                              stream:false → one chat.completion object.
//   GET  /v1/models            {object:"list", data:[{id, object:"model", owned_by, max_model_len}]}
//
// Errors as the engines send them: {"error": {"message", "type", "code"}} with the HTTP status; an
// unknown model is 404 (vLLM: "The model `x` does not exist."); a prompt over max_model_len is 400
// ("This model's maximum context length is N tokens…", vLLM's wording); scripted 429/500/503 may carry
// `Retry-After`. Like vLLM's prefix cache, a request whose messages start with an earlier request's
// messages reports that earlier prompt as `usage.prompt_tokens_details.cached_tokens`; `prompt_tokens`
// is always the full prompt.
//
// Token counter of the fake engine: prompt_tokens = ceil(chars of all message contents / 4) (≥ 1);
// completion_tokens = ceil(chars of reasoning + content + tool-call JSON / 4) (≥ 1), or as scripted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiFakeModel {
  id: string;
  maxModelLen?: number;
}

export interface OpenAiScriptedCall {
  name: string;
  /** The arguments string as the engine streams it (a cut-off JSON imitates a length stop). */
  arguments: string;
  id?: string;
}

export interface OpenAiReply {
  content?: string;
  reasoning?: string;
  toolCalls?: OpenAiScriptedCall[];
  /** finish_reason of the last choice chunk; default "tool_calls" with tool calls, else "stop". */
  finishReason?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** Leave `usage` out even when include_usage is asked for (an engine without counters). */
  omitUsage?: boolean;
  /** An error response instead of a reply. */
  error?: { status: number; message: string; retryAfterS?: number };
  /** Delay before each chunk, ms; stall forever after chunk n. */
  chunkDelayMs?: number;
  stallAfterChunk?: number;
}

export type OpenAiReplyFn = (body: OpenAiWireRequest) => OpenAiReply;

export interface OpenAiWireRequest {
  model: string;
  messages: { role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string; reasoning_content?: string }[];
  tools?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  logprobs?: boolean;
  top_logprobs?: number;
  max_tokens?: number;
  temperature?: number;
  seed?: number;
  chat_template_kwargs?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface OpenAiTestServer {
  url: string;
  requests: OpenAiWireRequest[];
  enqueue(model: string, ...replies: (OpenAiReply | OpenAiReplyFn)[]): void;
  /** Replace the installed models. */
  setModels(models: OpenAiFakeModel[]): void;
  close(): Promise<void>;
}

const ceil4 = (n: number) => Math.max(1, Math.ceil(n / 4));
export const openAiPromptTokens = (b: OpenAiWireRequest) => ceil4(b.messages.reduce((t, m) => t + (m.content ?? '').length, 0));
export const openAiCompletionTokens = (r: OpenAiReply) =>
  ceil4((r.reasoning ?? '').length + (r.content ?? '').length + (r.toolCalls ?? []).reduce((t, c) => t + c.name.length + c.arguments.length, 0));

function split(text: string, parts: number): string[] {
  if (!text) return [];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function sendError(res: ServerResponse, status: number, message: string, retryAfterS?: number): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfterS !== undefined) headers['retry-after'] = String(retryAfterS);
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { message, type: status === 404 ? 'NotFoundError' : 'BadRequestError', code: status } }));
}

export async function startOpenAiTestServer(models: OpenAiFakeModel[] = [{ id: 'Qwen/Qwen3-8B' }]): Promise<OpenAiTestServer> {
  let installed = models;
  const queues = new Map<string, (OpenAiReply | OpenAiReplyFn)[]>();
  const requests: OpenAiWireRequest[] = [];
  const seen: { messages: string; tokens: number }[] = [];
  const sockets = new Set<import('node:net').Socket>();

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const c of req) raw += String(c);
    const body = JSON.parse(raw) as OpenAiWireRequest;
    requests.push(body);
    const model = installed.find((m) => m.id === body.model);
    if (!model) return sendError(res, 404, `The model \`${body.model}\` does not exist.`);
    const next = queues.get(body.model)?.shift();
    const reply: OpenAiReply = typeof next === 'function' ? next(body) : (next ?? { content: 'ok' });
    if (reply.error) return sendError(res, reply.error.status, reply.error.message, reply.error.retryAfterS);
    const promptTokens = reply.promptTokens ?? openAiPromptTokens(body);
    const maxLen = model.maxModelLen ?? 40960;
    if (promptTokens > maxLen) {
      return sendError(res, 400, `This model's maximum context length is ${maxLen} tokens. However, you requested ${promptTokens} tokens in the messages. Please reduce the length of the messages.`);
    }
    // Prefix cache: the longest earlier conversation this one extends.
    const key = JSON.stringify(body.messages.map((m) => [m.role, m.content ?? '']));
    const cached = seen.filter((s) => key.startsWith(s.messages.slice(0, -1))).reduce((t, s) => Math.max(t, s.tokens), 0);
    seen.push({ messages: key, tokens: promptTokens });
    const completionTokens = reply.completionTokens ?? openAiCompletionTokens(reply);
    const hasCalls = (reply.toolCalls ?? []).length > 0;
    const finish = reply.finishReason ?? (hasCalls ? 'tool_calls' : 'stop');
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, prompt_tokens_details: { cached_tokens: Math.min(cached, promptTokens) } };
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model };
    const wantLogprobs = body.logprobs === true;
    const lp = (token: string, i: number) => ({
      token,
      logprob: -0.1 - (i % 5) * 0.2,
      bytes: [...Buffer.from(token)],
      top_logprobs: Array.from({ length: Math.max(1, body.top_logprobs ?? 1) }, (_, k) => ({ token: k === 0 ? token : `${token}~${k}`, logprob: -0.1 - (i % 5) * 0.2 - k, bytes: null })),
    });
    if (body.stream !== true) {
      const message: Record<string, unknown> = { role: 'assistant', content: reply.content ?? null };
      if (reply.reasoning) message.reasoning_content = reply.reasoning;
      if (hasCalls) message.tool_calls = reply.toolCalls!.map((c, i) => ({ id: c.id ?? `chatcmpl-tool-${i}`, type: 'function', function: { name: c.name, arguments: c.arguments } }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], ...(reply.omitUsage ? {} : { usage }) }));
      return;
    }
    const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] }];
    split(reply.reasoning ?? '', 3).forEach((r) => chunks.push({ ...base, choices: [{ index: 0, delta: { reasoning_content: r }, logprobs: null, finish_reason: null }] }));
    split(reply.content ?? '', 4).forEach((c, i) =>
      chunks.push({ ...base, choices: [{ index: 0, delta: { content: c }, logprobs: wantLogprobs ? { content: [lp(c, i)] } : null, finish_reason: null }] }),
    );
    (reply.toolCalls ?? []).forEach((c, i) => {
      const parts = split(c.arguments, 3);
      chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, id: c.id ?? `chatcmpl-tool-${i}`, type: 'function', function: { name: c.name, arguments: parts[0] ?? '' } }] }, logprobs: null, finish_reason: null }] });
      parts.slice(1).forEach((p) => chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: p } }] }, logprobs: null, finish_reason: null }] }));
    });
    chunks.push({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finish, stop_reason: null }] });
    if (body.stream_options?.include_usage && !reply.omitUsage) chunks.push({ ...base, choices: [], usage });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (let i = 0; i < chunks.length; i++) {
      if (reply.stallAfterChunk !== undefined && i > reply.stallAfterChunk) return; // never ends
      if (reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
      res.write(`data: ${JSON.stringify(chunks[i])}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: installed.map((m) => ({ id: m.id, object: 'model', created: 1_700_000_000, owned_by: 'vllm', root: m.id, max_model_len: m.maxModelLen ?? 40960 })) }));
      return;
    }
    if (req.method === 'POST' && url === '/v1/chat/completions') {
      chat(req, res).catch((e: unknown) => sendError(res, 500, String(e)));
      return;
    }
    sendError(res, 404, `no route ${req.method} ${url}`);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue(model, ...replies) {
      const q = queues.get(model) ?? [];
      q.push(...replies);
      queues.set(model, q);
    },
    setModels(m) {
      installed = m;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
