// A scriptable fake of the Ollama HTTP API, for tests only.
//
// It listens on 127.0.0.1 on a random port and speaks the same wire format as a real Ollama server
// for the endpoints `sale` uses:
//
//   POST /api/chat     streaming NDJSON (application/x-ndjson) or one JSON object when stream:false
//   GET  /api/tags     installed models
//   POST /api/show     model details, model_info ("<arch>.context_length") and capabilities
//   POST /api/embed    deterministic bag-of-words embeddings
//   GET  /api/version  {version}
//
// Tests script what the "engine" answers to each chat call with `enqueue(model, reply)`; a reply is a
// `ReplyScript` or a function of the request body that returns one. When a model's queue is empty the
// server answers a short "ok". Every request body is recorded in `requests` so tests can assert what
// the client sent (num_ctx, think, keep_alive, logprobs ...).
//
// Like Ollama, the server validates before it consumes a scripted reply:
//   - unknown model                         → 404 {"error":"model 'x' not found"}
//   - think:true on a model without "thinking" → 400 {"error":"\"x\" does not support thinking"}
//   - tools on a model without "tools"       → 400 {"error":"registry.ollama.ai/library/x does not support tools"}
//
// The fake engine's token counter (used when a script gives no explicit counts):
//   prompt_eval_count = ceil(chars of all request messages' content + thinking / 4), at least 1, after
//                       Ollama's truncation: messages that do not fit num_ctx are dropped oldest first
//                       (system messages and the last message kept; see ollama-fake-engine.ts); with
//                       `promptCache` on, only the tokens after the prefix cached from the previous call;
//   eval_count        = ceil(chars of generated thinking + content + JSON of tool calls / 4), at least 1.
// Durations (ns) are derived deterministically from those counts (see `durationsFor`).
//
// The fake does not enforce num_predict: a test that wants a cut-off reply scripts doneReason 'length'.
// Thinking is only streamed when the request has think:true (as a real thinking model does), except in
// `thinkInContent` mode, which imitates old qwen3 builds that put <think>…</think> inside content.

import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FakePromptCache, fitContext } from './ollama-fake-engine.ts';

// ---------------------------------------------------------------------------------------------------
// Types

/** A model the fake server has "installed". */
export interface FakeModel {
  /** Full name with tag, e.g. "qwen3:8b". A name without a tag means ":latest". */
  name: string;
  /** sha256 hex digest as /api/tags reports it (the manifest's); default: sha256 of the name. */
  digest?: string;
  /** sha256 of the weights blob, named in /api/show's modelfile (FROM …/blobs/sha256-<hex>); default: sha256 of "blob:" + name. */
  blobDigest?: string;
  /** Reported as model_info["<architecture>.context_length"]; default 40960 (qwen3). */
  contextLength?: number;
  /** /api/show capabilities; default ["completion", "tools", "thinking"]. */
  capabilities?: string[];
  /** general.architecture and details.family; default "qwen3". */
  architecture?: string;
  /** details.parameter_size; default "8.2B". */
  parameterSize?: string;
  /** details.quantization_level; default "Q4_K_M". */
  quantization?: string;
  /** Size on disk in bytes; default 5_200_000_000. */
  sizeBytes?: number;
  /** Length of vectors returned by /api/embed; default 384 (all-minilm). */
  embeddingLength?: number;
}

/** A tool call the fake model makes. */
export interface ScriptedToolCall {
  name: string;
  /** Sent as given: Ollama sends an object; a string lets tests imitate a misbehaving engine. */
  arguments: Record<string, unknown> | string;
  /** Sent as tool_calls[i].id when given (newer Ollama versions send "call_…"). */
  id?: string;
  /** Sent as tool_calls[i].function.index when given. */
  index?: number;
}

/** One entry of Ollama's per-token logprobs. */
export interface WireLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

/** What the fake engine answers to one /api/chat call. Every field is optional. */
export interface ReplyScript {
  /** Generated text. A string is split into `chunks` pieces; an array gives the pieces explicitly. */
  content?: string | string[];
  /** Number of streamed content chunks when `content` is a string; default min(4, length), at least 1. */
  chunks?: number;
  /** Reasoning text, streamed in message.thinking before the content (only when the request has think:true). */
  thinking?: string | string[];
  /** Number of thinking chunks when `thinking` is a string; default min(3, length). */
  thinkingChunks?: number;
  /**
   * Imitate old qwen3 builds: send thinking as "<think>…</think>" at the start of content instead of in
   * message.thinking (sent whatever `think` the request asked for).
   */
  thinkInContent?: boolean;
  toolCalls?: ScriptedToolCall[];
  /**
   * Where the tool calls go: 'early' (default) = a chunk of their own before the final chunk, as recent
   * Ollama versions do; 'final' = inside the done:true chunk; a number = with that content chunk (0-based).
   */
  toolCallsAt?: 'early' | 'final' | number;
  /**
   * Per-token logprobs, sent only when the request has logprobs:true. Spread over the content chunks in
   * order. When absent and the request asks for logprobs, each thinking and content chunk is reported as
   * one token with a deterministic logprob and `top_logprobs` alternatives.
   */
  logprobs?: WireLogprob[];
  /** Explicit counters; default: the fake engine's counter (see the file header). */
  promptEvalCount?: number;
  evalCount?: number;
  /** Leave counters out of the final chunk (true = both). */
  omitCounters?: boolean | ('prompt_eval_count' | 'eval_count')[];
  /** done_reason of the final chunk; default "stop". */
  doneReason?: string;
  /** Override engine timings (ns). */
  durations?: Partial<Record<'total_duration' | 'load_duration' | 'prompt_eval_duration' | 'eval_duration', number>>;
  /** Delay before the response headers are sent (model loading), ms. */
  headerDelayMs?: number;
  /** Delay before each chunk after the first, ms. */
  chunkDelayMs?: number;
  /** Stop sending after chunk number `afterChunk` (0-based) for `ms` milliseconds, or forever. */
  stall?: { afterChunk: number; ms: number | 'forever' };
  /** Answer with this HTTP status instead of a stream. Body: {"error": error} as JSON unless `body` is given. */
  httpError?: { status: number; error?: string; body?: string; contentType?: string };
  /** End the stream with {"error": errorLine} (optionally with "status") instead of the final chunk. */
  errorLine?: string;
  errorLineStatus?: number;
  /** Destroy the TCP connection right after chunk number `afterChunk` (0-based): a server that died mid-stream. */
  dropConnection?: { afterChunk: number };
  /** Close the stream without ever sending a done:true chunk. */
  endWithoutDone?: boolean;
  /** Send the final done:true chunk without a `message` field (seen after tool results). */
  noFinalMessage?: boolean;
}

export type ReplyFactory = (request: WireChatRequest) => ReplyScript;

/** The /api/chat request body as the server received it (loosely typed: it records what was sent). */
export interface WireChatRequest {
  model: string;
  messages?: {
    role: string;
    content: string;
    thinking?: string;
    tool_calls?: { id?: string; function: { index?: number; name: string; arguments: unknown } }[];
    tool_name?: string;
    [key: string]: unknown;
  }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  format?: unknown;
  options?: Record<string, unknown>;
  think?: boolean | string;
  stream?: boolean;
  keep_alive?: string | number;
  logprobs?: boolean;
  top_logprobs?: number;
  [key: string]: unknown;
}

export interface RecordedRequests {
  chat: WireChatRequest[];
  show: Record<string, unknown>[];
  embed: Record<string, unknown>[];
  /** One entry per GET /api/tags. */
  tags: number[];
  /** One entry per GET /api/version. */
  version: number[];
  /** Every request in arrival order. */
  all: { method: string; path: string; body: unknown }[];
  /** Per /api/chat call that reached the engine: how many messages Ollama's truncation dropped. */
  dropped: number[];
}

export interface OllamaTestServerOptions {
  /** Installed models; default: qwen3 4b/8b/14b/32b and all-minilm. */
  models?: FakeModel[];
  /** Reported by /api/version; default "0.12.11". */
  version?: string;
  /** Reply used when a model's queue is empty; default {content: 'ok'}. */
  defaultReply?: ReplyScript | ReplyFactory;
  /** Imitate Ollama's prompt cache: later turns report only newly evaluated prompt tokens; default off. */
  promptCache?: boolean;
}

export interface OllamaTestServer {
  /** Base URL, e.g. "http://127.0.0.1:43817". */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequests;
  /** Replace the installed models (e.g. `ollama rm` mid-run: later calls get 404). */
  setModels(models: FakeModel[]): void;
  /** Turn the prompt cache on or off (and empty it). */
  setPromptCache(on: boolean): void;
  /** Queue one reply for the next /api/chat call to `model` (FIFO per model). */
  enqueue(model: string, ...replies: (ReplyScript | ReplyFactory)[]): void;
  /** Make the next `times` (default 1) requests to `path` (e.g. "/api/tags") fail with this status. */
  failNext(path: string, failure: { status: number; error?: string; times?: number }): void;
  /** Replies still queued for a model. */
  pending(model: string): number;
  /** Drop every queued reply and pending failNext (e.g. in afterEach, so one test cannot leak into the next). */
  clearQueues(): void;
  /** Close the server and drop every open connection (including stalled streams). */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Defaults

const QWEN3_CAPS = ['completion', 'tools', 'thinking'];

export const DEFAULT_FAKE_MODELS: readonly FakeModel[] = [
  { name: 'qwen3:4b', parameterSize: '4.0B', sizeBytes: 2_600_000_000 },
  { name: 'qwen3:8b', parameterSize: '8.2B', sizeBytes: 5_200_000_000 },
  { name: 'qwen3:14b', parameterSize: '14.8B', sizeBytes: 9_300_000_000 },
  { name: 'qwen3:32b', parameterSize: '32.8B', sizeBytes: 20_000_000_000 },
  {
    name: 'all-minilm:latest',
    architecture: 'bert',
    parameterSize: '23M',
    quantization: 'F16',
    contextLength: 512,
    capabilities: ['embedding'],
    sizeBytes: 46_000_000,
    embeddingLength: 384,
  },
];

/** Ollama treats a name without a tag as ":latest". */
export function normalizeModelName(name: string): string {
  const lastSegment = name.split('/').pop() ?? name;
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---------------------------------------------------------------------------------------------------
// The fake engine: token counts, chunking, logprobs, embeddings

/** The fake engine's full prompt token count, after Ollama's oldest-first truncation (ollama-fake-engine.ts). */
export function fakePromptTokens(request: WireChatRequest): number {
  return fitContext(request).tokens;
}

/** The fake engine's output token counter (see the file header). */
export function fakeEvalTokens(thinking: string, content: string, toolCalls: ScriptedToolCall[] | undefined): number {
  const chars = thinking.length + content.length + (toolCalls?.length ? JSON.stringify(toolCalls).length : 0);
  return Math.max(1, Math.ceil(chars / 4));
}

function durationsFor(promptTokens: number, evalTokens: number) {
  const load_duration = 1_000_000;
  const prompt_eval_duration = promptTokens * 100_000;
  const eval_duration = evalTokens * 1_000_000;
  return {
    total_duration: load_duration + prompt_eval_duration + eval_duration + 500_000,
    load_duration,
    prompt_eval_duration,
    eval_duration,
  };
}

/** Split text into `n` contiguous pieces (the last ones may be shorter); never returns an empty list. */
export function splitText(text: string, n: number): string[] {
  const count = Math.max(1, Math.min(n, text.length || 1));
  const size = Math.ceil(text.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) pieces.push(text.slice(i * size, (i + 1) * size));
  return pieces.filter((p, i) => p.length > 0 || i === 0);
}

function pieces(value: string | string[] | undefined, chunks: number | undefined, defaultMax: number): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value === '') return [];
  return splitText(value, chunks ?? Math.min(defaultMax, value.length));
}

/** Deterministic logprob entry for one generated piece, with `k` alternatives. */
function autoLogprob(token: string, position: number, k: number): WireLogprob {
  const logprob = -0.05 * ((position % 7) + 1);
  const top: { token: string; logprob: number }[] = [];
  for (let j = 0; j < k; j++) {
    top.push(j === 0 ? { token, logprob } : { token: `${token}~${j}`, logprob: logprob - j });
  }
  return { token, logprob, top_logprobs: top };
}

/**
 * Deterministic "embedding": words hashed into `dim` buckets, then L2-normalized, so texts sharing words
 * have a higher cosine similarity than unrelated texts.
 */
export function fakeEmbedding(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  for (const w of words) {
    const h = createHash('sha256').update(w).digest();
    const bucket = h.readUInt32BE(0) % dim;
    v[bucket]! += h[4]! & 1 ? 1 : -1;
  }
  if (words.length === 0) v[0] = 1;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

// ---------------------------------------------------------------------------------------------------
// Building a chat reply

interface WireChunk {
  model: string;
  created_at: string;
  message?: {
    role: 'assistant';
    content: string;
    thinking?: string;
    tool_calls?: { id?: string; function: { index?: number; name: string; arguments: unknown } }[];
  };
  done: boolean;
  done_reason?: string;
  logprobs?: WireLogprob[];
  [key: string]: unknown;
}

function wireToolCalls(calls: ScriptedToolCall[]) {
  return calls.map((c) => ({
    ...(c.id !== undefined ? { id: c.id } : {}),
    function: {
      ...(c.index !== undefined ? { index: c.index } : {}),
      name: c.name,
      arguments: c.arguments,
    },
  }));
}

/** Build the full list of chunks for a reply (the final chunk last), or an error line as the last item. */
function buildChunks(model: string, request: WireChatRequest, script: ReplyScript, promptEvaluated: number): (WireChunk | { error: string; status?: number })[] {
  const now = () => new Date().toISOString();
  const wantThinking = request.think === true || request.think === 'high' || request.think === 'medium' || request.think === 'low';
  const wantLogprobs = request.logprobs === true;
  const k = typeof request.top_logprobs === 'number' ? request.top_logprobs : 0;

  const thinkingText = Array.isArray(script.thinking) ? script.thinking.join('') : (script.thinking ?? '');
  let contentValue = script.content ?? '';
  if (script.thinkInContent && thinkingText) {
    const joined = Array.isArray(contentValue) ? contentValue.join('') : contentValue;
    contentValue = `<think>\n${thinkingText}\n</think>\n\n${joined}`;
  }
  const contentPieces = pieces(contentValue, script.chunks, 4);
  const thinkingPieces = wantThinking && !script.thinkInContent ? pieces(script.thinking, script.thinkingChunks, 3) : [];
  const contentText = contentPieces.join('');
  const emittedThinking = thinkingPieces.join('');

  const chunks: (WireChunk | { error: string; status?: number })[] = [];
  let position = 0;
  const explicit = script.logprobs;

  for (const t of thinkingPieces) {
    const c: WireChunk = { model, created_at: now(), message: { role: 'assistant', content: '', thinking: t }, done: false };
    if (wantLogprobs && !explicit) c.logprobs = [autoLogprob(t, position, k)];
    position++;
    chunks.push(c);
  }
  contentPieces.forEach((t, i) => {
    const c: WireChunk = { model, created_at: now(), message: { role: 'assistant', content: t }, done: false };
    if (wantLogprobs) {
      if (explicit) {
        const from = Math.floor((i * explicit.length) / contentPieces.length);
        const to = Math.floor(((i + 1) * explicit.length) / contentPieces.length);
        if (to > from) c.logprobs = explicit.slice(from, to);
      } else {
        c.logprobs = [autoLogprob(t, position, k)];
      }
    }
    position++;
    if (script.toolCalls?.length && script.toolCallsAt === i) c.message!.tool_calls = wireToolCalls(script.toolCalls);
    chunks.push(c);
  });
  const toolCallsAt = script.toolCallsAt ?? 'early';
  if (script.toolCalls?.length && toolCallsAt === 'early') {
    chunks.push({
      model,
      created_at: now(),
      message: { role: 'assistant', content: '', tool_calls: wireToolCalls(script.toolCalls) },
      done: false,
    });
  }
  // Explicit tool-call chunk index beyond the content chunks: put them in the early position.
  if (script.toolCalls?.length && typeof toolCallsAt === 'number' && toolCallsAt >= contentPieces.length) {
    chunks.push({
      model,
      created_at: now(),
      message: { role: 'assistant', content: '', tool_calls: wireToolCalls(script.toolCalls) },
      done: false,
    });
  }

  if (script.endWithoutDone) return chunks;
  if (script.errorLine !== undefined) {
    chunks.push({ error: script.errorLine, ...(script.errorLineStatus !== undefined ? { status: script.errorLineStatus } : {}) });
    return chunks;
  }

  const promptTokens = script.promptEvalCount ?? promptEvaluated;
  const evalTokens = script.evalCount ?? fakeEvalTokens(emittedThinking, contentText, script.toolCalls);
  const omit = script.omitCounters === true ? ['prompt_eval_count', 'eval_count'] : (script.omitCounters || []);
  const final: WireChunk = { model, created_at: now(), done: true, done_reason: script.doneReason ?? 'stop' };
  if (!script.noFinalMessage) {
    final.message = { role: 'assistant', content: '' };
    if (script.toolCalls?.length && toolCallsAt === 'final') final.message.tool_calls = wireToolCalls(script.toolCalls);
  }
  const d = { ...durationsFor(promptTokens, evalTokens), ...script.durations };
  final['total_duration'] = d.total_duration;
  final['load_duration'] = d.load_duration;
  if (!omit.includes('prompt_eval_count')) final['prompt_eval_count'] = promptTokens;
  final['prompt_eval_duration'] = d.prompt_eval_duration;
  if (!omit.includes('eval_count')) final['eval_count'] = evalTokens;
  final['eval_duration'] = d.eval_duration;
  chunks.push(final);
  return chunks;
}

/** Fold streamed chunks into the single object a stream:false call returns. */
function aggregate(chunks: WireChunk[]): WireChunk {
  const last = chunks[chunks.length - 1]!;
  let content = '';
  let thinking = '';
  const toolCalls: NonNullable<NonNullable<WireChunk['message']>['tool_calls']> = [];
  const logprobs: WireLogprob[] = [];
  for (const c of chunks) {
    content += c.message?.content ?? '';
    thinking += c.message?.thinking ?? '';
    toolCalls.push(...(c.message?.tool_calls ?? []));
    logprobs.push(...(c.logprobs ?? []));
  }
  const out: WireChunk = { ...last, message: { role: 'assistant', content } };
  if (thinking) out.message!.thinking = thinking;
  if (toolCalls.length) out.message!.tool_calls = toolCalls;
  if (logprobs.length) out.logprobs = logprobs;
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The HTTP server

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startOllamaTestServer(options: OllamaTestServerOptions = {}): Promise<OllamaTestServer> {
  let models: FakeModel[] = [...(options.models ?? DEFAULT_FAKE_MODELS)];
  const queues = new Map<string, (ReplyScript | ReplyFactory)[]>();
  const failures = new Map<string, { status: number; error: string; times: number }>();
  const requests: RecordedRequests = { chat: [], show: [], embed: [], tags: [], version: [], all: [], dropped: [] };
  let cache = options.promptCache ? new FakePromptCache() : undefined;
  const version = options.version ?? '0.12.11';
  const defaultReply = options.defaultReply ?? { content: 'ok' };

  const findModel = (name: unknown): FakeModel | undefined => {
    if (typeof name !== 'string' || name === '') return undefined;
    const wanted = normalizeModelName(name);
    return models.find((m) => normalizeModelName(m.name) === wanted);
  };

  const modelEntry = (m: FakeModel) => {
    const name = normalizeModelName(m.name);
    const arch = m.architecture ?? 'qwen3';
    return {
      name,
      model: name,
      modified_at: '2025-06-01T12:00:00.000000000Z',
      size: m.sizeBytes ?? 5_200_000_000,
      digest: m.digest ?? sha256(name),
      details: {
        parent_model: '',
        format: 'gguf',
        family: arch,
        families: [arch],
        parameter_size: m.parameterSize ?? '8.2B',
        quantization_level: m.quantization ?? 'Q4_K_M',
      },
    };
  };

  const showBody = (m: FakeModel) => {
    const entry = modelEntry(m);
    const arch = m.architecture ?? 'qwen3';
    return {
      license: 'fake license',
      modelfile: `# Modelfile generated by "ollama show"\n# To build a new Modelfile based on this, replace FROM with:\n# FROM ${entry.name}\n\nFROM /root/.ollama/models/blobs/sha256-${m.blobDigest ?? sha256(`blob:${entry.name}`)}\n`,
      parameters: 'temperature 0.6\ntop_k 20\ntop_p 0.95',
      template: '{{ .Prompt }}',
      details: entry.details,
      model_info: {
        'general.architecture': arch,
        'general.parameter_count': 8_190_735_360,
        [`${arch}.context_length`]: m.contextLength ?? 40960,
        [`${arch}.embedding_length`]: m.embeddingLength ?? 4096,
      },
      capabilities: m.capabilities ?? QWEN3_CAPS,
      modified_at: entry.modified_at,
    };
  };

  const notFound = (res: ServerResponse, name: unknown) => sendJson(res, 404, { error: `model '${String(name)}' not found` });

  async function handleChat(res: ServerResponse, body: WireChatRequest): Promise<void> {
    const model = findModel(body.model);
    if (!model) return notFound(res, body.model);
    const caps = model.capabilities ?? QWEN3_CAPS;
    const thinkOn = body.think === true || (typeof body.think === 'string' && body.think !== '');
    if (thinkOn && !caps.includes('thinking')) {
      return sendJson(res, 400, { error: `${JSON.stringify(body.model)} does not support thinking` });
    }
    if ((body.tools?.length ?? 0) > 0 && !caps.includes('tools')) {
      return sendJson(res, 400, { error: `registry.ollama.ai/library/${normalizeModelName(model.name)} does not support tools` });
    }
    if (typeof body.top_logprobs === 'number' && (body.top_logprobs < 0 || body.top_logprobs > 20)) {
      return sendJson(res, 400, { error: 'top_logprobs must be between 0 and 20' });
    }

    const queue = queues.get(normalizeModelName(model.name));
    const next = queue?.shift() ?? defaultReply;
    const script = typeof next === 'function' ? next(body) : next;

    let closed = false;
    const closedPromise = new Promise<void>((resolve) => {
      res.on('close', () => {
        closed = true;
        resolve();
      });
    });
    const wait = (ms: number | 'forever') => (ms === 'forever' ? closedPromise : Promise.race([sleep(ms), closedPromise]));

    if (script.headerDelayMs) await wait(script.headerDelayMs);
    if (closed) return;

    if (script.httpError) {
      const e = script.httpError;
      if (e.body !== undefined) {
        res.writeHead(e.status, { 'Content-Type': e.contentType ?? 'text/plain; charset=utf-8' });
        res.end(e.body);
      } else {
        sendJson(res, e.status, { error: e.error ?? `fake server error ${e.status}` });
      }
      return;
    }

    const name = body.model;
    const prompt = fitContext(body);
    requests.dropped.push(prompt.dropped);
    const slot = normalizeModelName(model.name);
    const evaluated = cache ? cache.evaluate(slot, prompt) : prompt.tokens;
    const chunks = buildChunks(name, body, script, evaluated);
    if (cache) {
      const generated = chunks.map((c) => ('message' in c ? ((c as WireChunk).message?.content ?? '') : '')).join('');
      cache.store(slot, prompt, generated);
    }

    if (body.stream === false) {
      // One JSON object after all the (simulated) generation time.
      for (let i = 0; i < chunks.length; i++) {
        if (i > 0 && script.chunkDelayMs) await wait(script.chunkDelayMs);
        if (script.stall && script.stall.afterChunk === i) await wait(script.stall.ms);
        if (closed) return;
      }
      const last = chunks[chunks.length - 1];
      if (last && 'error' in last) {
        const line = last as { error: string; status?: number };
        return sendJson(res, line.status ?? 500, { error: line.error });
      }
      if (!last || !(last as WireChunk).done) return sendJson(res, 500, { error: 'unexpected end of response' });
      return sendJson(res, 200, aggregate(chunks as WireChunk[]));
    }

    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && script.chunkDelayMs) await wait(script.chunkDelayMs);
      if (closed) return;
      res.write(`${JSON.stringify(chunks[i])}\n`);
      if (script.dropConnection && script.dropConnection.afterChunk === i) {
        // Let the chunk reach the client before the socket goes.
        await wait(20);
        res.socket?.destroy();
        return;
      }
      if (script.stall && script.stall.afterChunk === i) {
        await wait(script.stall.ms);
        if (closed) return;
      }
    }
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        requests.all.push({ method: req.method ?? '', path, body: raw });
        return sendJson(res, 400, { error: 'invalid character in request body' });
      }
    }
    requests.all.push({ method: req.method ?? '', path, body });

    const failure = failures.get(path);
    if (failure && failure.times > 0) {
      failure.times--;
      return sendJson(res, failure.status, { error: failure.error });
    }

    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && path === '/api/chat') {
      requests.chat.push(b as WireChatRequest);
      return handleChat(res, b as WireChatRequest);
    }
    if (req.method === 'GET' && path === '/api/tags') {
      requests.tags.push(Date.now());
      return sendJson(res, 200, { models: models.map(modelEntry) });
    }
    if (req.method === 'POST' && path === '/api/show') {
      requests.show.push(b);
      const name = b['model'] ?? b['name'];
      const m = findModel(name);
      return m ? sendJson(res, 200, showBody(m)) : notFound(res, name);
    }
    if (req.method === 'POST' && path === '/api/embed') {
      requests.embed.push(b);
      const m = findModel(b['model']);
      if (!m) return notFound(res, b['model']);
      const input = b['input'];
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      const dim = m.embeddingLength ?? 384;
      const chars = texts.reduce((s, t) => s + t.length, 0);
      return sendJson(res, 200, {
        model: b['model'],
        embeddings: texts.map((t) => fakeEmbedding(t, dim)),
        total_duration: 2_000_000,
        load_duration: 1_000_000,
        prompt_eval_count: Math.max(1, Math.ceil(chars / 4)),
      });
    }
    if (req.method === 'GET' && path === '/api/version') {
      requests.version.push(Date.now());
      return sendJson(res, 200, { version });
    }
    if (req.method === 'HEAD' || (req.method === 'GET' && path === '/')) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
      return;
    }
    // Go's default mux answer.
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404 page not found');
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `test server bug: ${String(err)}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setModels(next) {
      models = [...next];
    },
    setPromptCache(on) {
      cache = on ? new FakePromptCache() : undefined;
    },
    enqueue(model, ...replies) {
      const key = normalizeModelName(model);
      const q = queues.get(key) ?? [];
      q.push(...replies);
      queues.set(key, q);
    },
    failNext(path, failure) {
      failures.set(path, { status: failure.status, error: failure.error ?? `fake failure ${failure.status}`, times: failure.times ?? 1 });
    },
    pending(model) {
      return queues.get(normalizeModelName(model))?.length ?? 0;
    },
    clearQueues() {
      queues.clear();
      failures.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
