// The auction's model calls: bids, jury scores and refinements, with options per call type from
// configs/agents.yaml (think, temperature, num_predict). Every call goes through the auxiliary-call
// capability of the System context (src/routers/types.ts AuxCall): the runner sends, meters, logs and
// replays it; SALE holds no model client.
//
// Identical calls are made once per run (sale.yaml reuse_identical_calls, default on): a bid depends
// only on (task, agent, seed) and a judge's score only on (task, judge, plan), so every order and every
// ablation shares them; with temperature 0 and a fixed seed a second call would return the same reply.
// Each system's record is still charged for every call its auction needed (the policy's cost); the
// auction log marks calls served from the cache as `reused`.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { AgentConfig } from '../config/types.ts';
import type { ChatResponse } from '../models/types.ts';
import type { AuxCall } from '../routers/types.ts';
import type { Task } from '../tasks/types.ts';
import { planEntropy } from './entropy.ts';
import { JURY_FORMAT, parseJuryScore } from './jury-parse.ts';
import type { PlanPair } from './memory.ts';
import { renderBid, renderJudge, renderRefine, type SalePrompts, type TaskView } from './prompts.ts';
import type { JuryScore, OverheadCall, Plan } from './types.ts';

export const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export interface CallerSettings {
  /** The context's auxiliary calls (the runner's; a stream's system hands its context's on, see `use`). */
  call: AuxCall;
  /** The calls are simulated (the sim provider plays bids and juries). */
  simulated: boolean;
  agents: AgentConfig[];
  prompts: SalePrompts;
  seed: number;
  maxWords: number;
  maxChars: number;
  topLogprobs: number;
  /** Model calls of the auction in flight at once (executions have their own limit in the runner). */
  concurrency: number;
  reuse: boolean;
}

type Cached<T> = { value: T; reused: boolean };

/** Plan text as passed on: think blocks dropped, trimmed, cut at max_chars. */
export function cleanPlan(text: string, maxChars: number): { text: string; cut: boolean } {
  const t = text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  return t.length > maxChars ? { text: t.slice(0, maxChars), cut: true } : { text: t, cut: false };
}

export class AuctionCaller {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly agents: Map<string, AgentConfig>;
  /** Calls actually sent to the engine (not served from the cache). */
  sent = 0;
  private call: AuxCall;

  constructor(readonly settings: CallerSettings) {
    this.limit = pLimit(Math.max(1, settings.concurrency));
    this.agents = new Map(settings.agents.map((a) => [a.name, a]));
    this.call = settings.call;
  }

  /** Make the calls from here on through this context's auxiliary calls (the system's, handed by the runner). */
  use(call: AuxCall | undefined): void {
    if (call) this.call = call;
  }

  private agent(name: string): AgentConfig {
    const a = this.agents.get(name);
    if (!a) throw new Error(`SALE: unknown agent '${name}'`);
    return a;
  }

  /**
   * Prefetched calls (swap-aware batching, batch.ts): made ahead in model order, consumed by the
   * auction that needs them as if it had made them then (never marked reused). One entry per prefetch.
   */
  private readonly pending = new Map<string, Promise<unknown>[]>();

  private async cached<T>(key: string, make: () => Promise<T>): Promise<Cached<T>> {
    const queued = this.pending.get(key);
    if (queued?.length) {
      const p = queued.shift() as Promise<T>;
      if (!queued.length) this.pending.delete(key);
      if (this.settings.reuse) {
        this.cache.set(key, p);
        p.catch(() => this.cache.delete(key));
      }
      try {
        return { value: await p, reused: false };
      } catch {
        // The early call failed (after the provider's retries): the auction makes it now, as it would have.
      }
    }
    if (!this.settings.reuse) return { value: await make(), reused: false };
    const hit = this.cache.get(key) as Promise<T> | undefined;
    if (hit) return { value: await hit, reused: true };
    const p = make();
    this.cache.set(key, p);
    // A failed call is not kept: the next auction that needs it asks again.
    p.catch(() => this.cache.delete(key));
    return { value: await p, reused: false };
  }

  /** Make a call now for an auction that will ask for it later (unless the run's cache or a prefetch already holds it). */
  private ahead<T>(key: string, make: () => Promise<T>): Promise<T> {
    const queued = this.pending.get(key);
    if (this.settings.reuse) {
      const have = (this.cache.get(key) ?? queued?.[0]) as Promise<T> | undefined;
      if (have) return have;
    }
    const p = make();
    p.catch(() => undefined); // consumed (and its failure seen) by the auction that asks for it
    if (queued) queued.push(p);
    else this.pending.set(key, [p]);
    return p;
  }

  private async chat(agentName: string, callType: 'bid' | 'judge' | 'refine', task: Task, turn: number, prompt: string): Promise<{ response: ChatResponse; call: OverheadCall }> {
    const agent = this.agent(agentName);
    const opts = agent.callTypes[callType];
    const topLogprobs = callType === 'judge' ? 0 : (opts.top_logprobs ?? this.settings.topLogprobs);
    const reply = await this.limit(() => {
      this.sent++;
      return this.call(agent.name, {
        messages: [{ role: 'user', content: prompt }],
        options: {
          temperature: opts.temperature,
          numPredict: opts.num_predict,
          think: opts.think,
          ...(topLogprobs > 0 ? { topLogprobs } : {}),
          ...(callType === 'judge' ? { format: JURY_FORMAT as unknown as Record<string, unknown> } : {}),
        },
        meta: { kind: callType, taskId: task.id, turn },
      });
    });
    const { response, call, costUsd } = reply;
    return { response, call: { callType, agent: agent.name, call, costUsd, reused: false } };
  }

  private plan(agent: string, response: ChatResponse, call: OverheadCall): Plan {
    const { text, cut } = cleanPlan(response.message.content, this.settings.maxChars);
    const h = planEntropy(response as ChatResponse & { entropies?: number[] });
    return { agent, text, sha: sha(text), lengthTokens: response.usage.outputTokens, entropy: h.value, entropyKind: h.kind, topK: h.topK, cut, calls: [call] };
  }

  private makeBid(task: Task, view: TaskView, agent: string): () => Promise<Plan> {
    return async () => {
      const { response, call } = await this.chat(agent, 'bid', task, 0, renderBid(this.settings.prompts, view, this.settings.maxWords));
      return this.plan(agent, response, call);
    };
  }

  /** An agent's bid on a task. */
  async bid(task: Task, view: TaskView, agent: string): Promise<Plan> {
    const { value, reused } = await this.cached(`bid|${task.id}|${agent}`, this.makeBid(task, view, agent));
    return reused ? markReused(value) : value;
  }

  /** Make a bid ahead of its auction (batch.ts). */
  bidAhead(task: Task, view: TaskView, agent: string): Promise<Plan> {
    return this.ahead(`bid|${task.id}|${agent}`, this.makeBid(task, view, agent));
  }

  /** A refined bid written from contrastive pairs. */
  async refine(task: Task, view: TaskView, agent: string, current: Plan, pairs: readonly PlanPair[]): Promise<Plan> {
    const prompt = renderRefine(this.settings.prompts, view, agent, current.text, pairs, this.settings.maxWords, this.settings.maxChars);
    const { value, reused } = await this.cached(`refine|${task.id}|${agent}|${sha(prompt)}`, async () => {
      const { response, call } = await this.chat(agent, 'refine', task, 0, prompt);
      return this.plan(agent, response, call);
    });
    return reused ? markReused(value) : value;
  }

  private makeJudge(task: Task, view: TaskView, judge: string, plan: Plan): () => Promise<JuryScore> {
    return async () => {
      const prompt = renderJudge(this.settings.prompts, view, plan.text);
      const replies: string[] = [];
      const calls: OverheadCall[] = [];
      for (let turn = 0; turn < 2; turn++) {
        const { response, call } = await this.chat(judge, 'judge', task, turn, prompt);
        replies.push(response.message.content);
        calls.push(call);
        const score = parseJuryScore(response.message.content);
        if (score !== null) return { judge, score, replies, calls };
      }
      return { judge, score: null, replies, calls } satisfies JuryScore;
    };
  }

  /** One judge's 0–5 score of a plan: one retry on a malformed reply, then missing. */
  async judge(task: Task, view: TaskView, judge: string, plan: Plan): Promise<JuryScore> {
    const { value, reused } = await this.cached(`judge|${task.id}|${judge}|${plan.sha}`, this.makeJudge(task, view, judge, plan));
    return reused ? { ...value, calls: value.calls.map((c) => ({ ...c, reused: true })) } : value;
  }

  /** Score a plan ahead of its auction (batch.ts). */
  judgeAhead(task: Task, view: TaskView, judge: string, plan: Plan): Promise<JuryScore> {
    return this.ahead(`judge|${task.id}|${judge}|${plan.sha}`, this.makeJudge(task, view, judge, plan));
  }
}

function markReused(p: Plan): Plan {
  return { ...p, calls: p.calls.map((c) => ({ ...c, reused: true })) };
}
