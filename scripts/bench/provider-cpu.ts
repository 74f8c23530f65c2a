// Part of the `provider` section: the client's own CPU per chat call, ours vs the raw official client,
// with no server at all: both read the same recorded NDJSON reply from an in-memory `fetch`. Without
// a server's CPU and the network in the measurement, it moves far less than the wall-clock ratio on a
// busy machine, and it shows exactly what our provider adds per call (attempt, watchdog timer, abort
// signal, reply assembly). Alternating rounds; medians.
import { Ollama } from 'ollama';
import { createOllamaClient } from '../../src/models/ollama/index.ts';
import type { ModelClient } from '../../src/models/types.ts';
import { median, metric, type Metric } from './common.ts';

/** The one chat every side of the `provider` section makes (provider.ts, provider-side.ts, this file). */
export const MODEL = 'qwen3:8b';
export const SYSTEM = 'You are a careful Python programmer. Answer with code only, in one ```python block.';
export const USER = 'Write a function add(a, b) that returns the sum of two integers. Keep it short.';
const PER_ROUND = 300;

/** The bench chat through our provider: the `ours` side. */
export async function oursChat(ours: ModelClient, seed: number): Promise<void> {
  const r = await ours.chat({
    model: MODEL,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: USER },
    ],
    options: { temperature: 0, numCtx: 32768, numPredict: 256, think: false },
    meta: { taskId: 'bench-add', agent: '8b', callType: 'execute', turn: 0, seed },
  });
  if (r.message.content.length === 0 || r.usage.outputTokens <= 0) throw new Error('provider bench: empty reply from our provider');
}

/** The same chat, streamed through the raw official client: the `raw` side. */
export async function rawChat(raw: Ollama): Promise<void> {
  const stream = await raw.chat({
    model: MODEL,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: USER },
    ],
    think: false,
    stream: true,
    options: { temperature: 0, num_ctx: 32768, num_predict: 256 },
  });
  let content = '';
  let evalCount = 0;
  for await (const part of stream) {
    content += part.message?.content ?? '';
    if (part.done) evalCount = part.eval_count;
  }
  if (!content || evalCount <= 0) throw new Error('provider bench: empty reply from the raw client');
}

function recordedReply(): string {
  const at = '2026-01-01T00:00:00.000Z';
  const pieces = ['def add(a, b', '):\n    ret', 'urn a + b', '\n'];
  const lines = pieces.map((t) => JSON.stringify({ model: 'qwen3:8b', created_at: at, message: { role: 'assistant', content: t }, done: false }));
  lines.push(JSON.stringify({
    model: 'qwen3:8b', created_at: at, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop',
    total_duration: 1, load_duration: 1, prompt_eval_count: 40, prompt_eval_duration: 1, eval_count: 8, eval_duration: 1,
  }));
  return `${lines.join('\n')}\n`;
}

export async function clientCpuComparison(rounds: number): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const body = recordedReply();
  const memFetch: typeof fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
  const host = 'http://127.0.0.1:9';
  const ours = createOllamaClient({ host, fetch: memFetch });
  const raw = new Ollama({ host, fetch: memFetch });
  const sides: Record<'ours' | 'raw', () => Promise<void>> = {
    ours: () => oursChat(ours, 0),
    raw: () => rawChat(raw),
  };
  for (let i = 0; i < 4; i++) for (const side of ['ours', 'raw'] as const) for (let k = 0; k < PER_ROUND; k++) await sides[side]();
  const cpu: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? (['ours', 'raw'] as const) : (['raw', 'ours'] as const)) {
      const c0 = process.cpuUsage();
      for (let k = 0; k < PER_ROUND; k++) await sides[side]();
      const d = process.cpuUsage(c0);
      cpu[side].push((d.user + d.system) / PER_ROUND);
    }
  }
  const oursUs = median(cpu.ours);
  const rawUs = median(cpu.raw);
  const note = `client-only CPU µs/call, in-memory reply: ours ${oursUs.toFixed(1)}, raw ${rawUs.toFixed(1)} (median of ${rounds} rounds x ${PER_ROUND})`;
  return {
    metrics: [metric('provider', 'client CPU ratio raw/ours (no server)', rawUs / oursUs, 'x', { note })],
    details: { perRound: PER_ROUND, rounds, oursCpuUsPerCall: cpu.ours, rawCpuUsPerCall: cpu.raw },
  };
}
