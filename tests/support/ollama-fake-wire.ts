// The fake Ollama server's engine side (ollama-test-server.ts): installed models, the token counter,
// durations, and the streamed chunks a reply script becomes.
//
// The fake engine's token counter (used when a script gives no explicit counts):
//   prompt_eval_count = ceil(chars of all request messages' content + thinking / 4), at least 1, after
//                       Ollama's truncation: messages that do not fit num_ctx are dropped oldest first
//                       (system messages and the last message kept; see ollama-fake-engine.ts); with
//                       `promptCache` on, only the tokens after the prefix cached from the previous call;
//   eval_count        = ceil(chars of generated thinking + content + JSON of tool calls / 4), at least 1.
// Durations (ns) are derived deterministically from those counts (see `durationsFor`).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fitContext } from './ollama-fake-engine.ts';
import type { FakeModel, ReplyScript, ScriptedToolCall, WireChatRequest, WireLogprob } from './ollama-fake-types.ts';

// ---------------------------------------------------------------------------------------------------
// Defaults

export const QWEN3_CAPS = ['completion', 'tools', 'thinking'];

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

export function sha256(text: string): string {
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

export function durationsFor(promptTokens: number, evalTokens: number) {
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

export function pieces(value: string | string[] | undefined, chunks: number | undefined, defaultMax: number): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value === '') return [];
  return splitText(value, chunks ?? Math.min(defaultMax, value.length));
}

/** Deterministic logprob entry for one generated piece, with `k` alternatives. */
export function autoLogprob(token: string, position: number, k: number): WireLogprob {
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

export interface WireChunk {
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

export function wireToolCalls(calls: ScriptedToolCall[]) {
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
export function buildChunks(model: string, request: WireChatRequest, script: ReplyScript, promptEvaluated: number): (WireChunk | { error: string; status?: number })[] {
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
export function aggregate(chunks: WireChunk[]): WireChunk {
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
// HTTP helpers

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
