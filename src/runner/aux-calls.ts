// The auxiliary-call capability of a system's context (src/routers/types.ts AuxCall): SALE's bids, jury
// scores and refinements. Live, each call goes to the agent's model with the agent's model name, seed,
// context length and keep-alive, is metered like an execution's calls (the engine's token counters,
// billed-equivalent input tokens, wall time, retries) and logged to the run folder's aux-calls.jsonl
// (src/records/aux-calls.ts) with the engine's whole reply. Replayed, the same requests are answered from
// a logged run with zero model calls. An engine failure throws the provider's typed error (an
// infrastructure error, counted apart in `meter.infraErrors`).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord } from '../agents/types.ts';
import type { AgentConfig, Config } from '../config/types.ts';
import { ApiCallError } from '../errors.ts';
import type { ChatResponse, ModelClient } from '../models/types.ts';
import { AUX_CALLS, appendAuxCall, auxCallKey, readAuxCalls } from '../records/aux-calls.ts';
import type { AuxCall, AuxReply, AuxRequest } from '../routers/types.ts';

/** What the auxiliary calls of a run cost the engine. */
export interface AuxMeter {
  /** Calls sent to the engine (live) or answered from the log (replay). */
  calls: number;
  inputTokens: number;
  billedInputTokens: number;
  outputTokens: number;
  wallMs: number;
  /** Calls that failed with an infrastructure error (after the provider's retries). */
  infraErrors: number;
}

export type MeteredAuxCall = AuxCall & { meter: AuxMeter };

const newMeter = (): AuxMeter => ({ calls: 0, inputTokens: 0, billedInputTokens: 0, outputTokens: 0, wallMs: 0, infraErrors: 0 });

/** The call record and price of a reply, from the engine's counters (a one-message prompt: billed = the whole prompt). */
export function meterReply(agent: AgentConfig, request: AuxRequest, response: ChatResponse): AuxReply {
  const billed = response.promptTokens ?? response.usage.inputTokens;
  const call: CallRecord = {
    callType: request.meta.kind,
    turn: request.meta.turn,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    timings: response.timings,
    finishReason: response.finishReason,
    truncated: response.truncated,
    wallMs: response.wallMs,
    attempts: response.attempts,
    empty: response.message.content.trim() === '',
    billedInputTokens: billed,
    ...(response.endpoint ? { endpoint: response.endpoint } : {}),
  };
  return { response, call, costUsd: ((billed + call.outputTokens) * agent.pricePerMTok) / 1e6 };
}

function count(meter: AuxMeter, reply: AuxReply): void {
  meter.calls++;
  meter.inputTokens += reply.call.inputTokens;
  meter.billedInputTokens += reply.call.billedInputTokens ?? reply.call.inputTokens;
  meter.outputTokens += reply.call.outputTokens;
  meter.wallMs += reply.call.wallMs;
}

function agentOf(agents: Map<string, AgentConfig>, name: string): AgentConfig {
  const a = agents.get(name);
  if (!a) throw new Error(`auxiliary call: unknown agent '${name}'`);
  return a;
}

const keyOf = (agent: AgentConfig, seed: number, request: AuxRequest) => auxCallKey({ agent: agent.name, model: agent.model, seed, messages: request.messages, options: request.options, meta: request.meta });

/** The client auxiliary calls go to: a simulating client plays auctions with sale.yaml's signal settings. */
export function auxClient(config: Config, base: ModelClient): ModelClient {
  const s = config.sale;
  const simulating = base as ModelClient & { withAuction?: (settings: { signalStrength: number; memoryGain: number; k: number }) => ModelClient };
  return typeof simulating.withAuction === 'function' ? simulating.withAuction({ signalStrength: s.sim.signal_strength, memoryGain: s.sim.memory_gain, k: s.k }) : base;
}

/** Live auxiliary calls through `client`, logged to `dir` (when given). */
export function liveAuxCalls(o: { client: ModelClient; agents: AgentConfig[]; seed: number; dir?: string; signal?: AbortSignal }): MeteredAuxCall {
  const agents = new Map(o.agents.map((a) => [a.name, a]));
  const meter = newMeter();
  // A run killed mid-line left a torn last line: end it, so the next call starts a line of its own.
  const file = o.dir ? join(o.dir, AUX_CALLS) : undefined;
  if (file && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    if (text && !text.endsWith('\n')) appendFileSync(file, '\n');
  }
  let made = false;
  const call = async (name: string, request: AuxRequest): Promise<AuxReply> => {
    const agent = agentOf(agents, name);
    let response: ChatResponse;
    try {
      response = await o.client.chat({
        model: agent.model,
        messages: request.messages,
        options: {
          temperature: request.options.temperature,
          seed: o.seed,
          numCtx: agent.contextLength,
          numPredict: request.options.numPredict,
          think: request.options.think,
          keepAlive: agent.keepAlive,
          ...(request.options.topLogprobs ? { topLogprobs: request.options.topLogprobs } : {}),
          ...(request.options.format ? { format: request.options.format } : {}),
        },
        meta: { taskId: request.meta.taskId, agent: agent.name, callType: request.meta.kind, turn: request.meta.turn, seed: o.seed },
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (e) {
      if (e instanceof ApiCallError || (e as { kind?: unknown }).kind !== undefined) meter.infraErrors++;
      throw e;
    }
    const reply = meterReply(agent, request, response);
    count(meter, reply);
    if (o.dir) {
      if (!made) mkdirSync(o.dir, { recursive: true });
      made = true;
      appendAuxCall(o.dir, { key: keyOf(agent, o.seed, request), kind: request.meta.kind, agent: agent.name, model: agent.model, taskId: request.meta.taskId, turn: request.meta.turn, at: new Date().toISOString() }, response);
    }
    return reply;
  };
  return Object.assign(call, { meter });
}

/** A request the log does not hold: the replay cannot answer it without a model call. */
export class AuxReplayMiss extends Error {
  readonly kind = 'replay-miss';
  constructor(agent: string, request: AuxRequest, dir: string) {
    super(`no logged ${request.meta.kind} call of agent ${agent} on ${request.meta.taskId} (turn ${request.meta.turn}) in ${join(dir, AUX_CALLS)}`);
    this.name = 'AuxReplayMiss';
  }
}

/** Auxiliary calls answered from the log of a run folder: zero model calls; a request it lacks throws AuxReplayMiss. */
export function replayAuxCalls(o: { dir: string; agents: AgentConfig[]; seed: number }): MeteredAuxCall {
  const agents = new Map(o.agents.map((a) => [a.name, a]));
  const logged = readAuxCalls(o.dir);
  const meter = newMeter();
  const call = async (name: string, request: AuxRequest): Promise<AuxReply> => {
    const agent = agentOf(agents, name);
    const line = logged.get(keyOf(agent, o.seed, request));
    if (!line) throw new AuxReplayMiss(name, request, o.dir);
    const reply = meterReply(agent, request, line.response());
    count(meter, reply);
    return reply;
  };
  return Object.assign(call, { meter });
}
