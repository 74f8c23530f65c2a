// The System seam and the Router seam.
//
// A System is one way of answering a task — an agent alone, a baseline router, a SALE variant over one
// task order. The runner hands it each task with a context whose `execute` runs an agent (live: a real,
// metered, recorded attempt; replay: the attempt read from an outcome matrix, zero model calls) and
// writes the record the system returns. Live runs, replays, resume and the tables treat every system
// alike (src/runner/run-bench.ts, src/runner/run-routers.ts).
//
// A Router is the simpler shape most baselines have: given a task, decide which agent executes it (a
// cascade may try several, paying for each); `routerSystem` (./system.ts) adapts it onto System.
import type { CallRecord } from '../agents/types.ts';
import type { ChatMessage, ChatResponse } from '../models/types.ts';
import type { AttemptRecord } from '../records/records.ts';

/** An agent as routers see it, cheapest first. */
export interface RouterAgent {
  name: string;
  pricePerMTok: number;
}

/** What a router may know about a task before running it: its text and coordinates, never its outcome. */
export interface RouterTask {
  id: string;
  domain: string;
  bin: number;
  tau: number;
  /** The task prompt (what predictive routers featurise). */
  text: string;
}

/** What executing one agent on the task revealed (what a cascade's scorer may look at). */
export interface AttemptView {
  agent: string;
  record: AttemptRecord;
}

/** Run an agent on the task (optionally with a plan in its prompt). In replay the plan cannot change the recorded outcome. */
export type Execute = (agent: string, options?: { plan?: string }) => Promise<AttemptView>;

/** A router's decision: the attempts it paid for, in order; the last one's outcome counts. */
export interface RouteResult {
  attempts: AttemptView[];
  /** Free-form numbers behind the decision (predicted success per agent, λ, scores…) for the log. */
  details?: Record<string, unknown>;
}

/** A task as a system sees it: its text and coordinates, never its outcome (the same view routers get). */
export type SystemTask = RouterTask;

/** Why a system makes an auxiliary call (the call type of its record). */
export type AuxKind = 'bid' | 'judge' | 'refine';

/** An auxiliary model call: one prompt to an agent's model; model, seed, context and keep-alive come from the agent's config. */
export interface AuxRequest {
  messages: ChatMessage[];
  options: { temperature: number; numPredict: number; think: boolean; topLogprobs?: number; format?: Record<string, unknown> };
  meta: { kind: AuxKind; taskId: string; turn: number };
}

/** What an auxiliary call returned, metered by the runner: the reply, its call record (engine counters, billed tokens, wall time) and price. */
export interface AuxReply {
  response: ChatResponse;
  call: CallRecord;
  costUsd: number;
}

/**
 * Make an auxiliary call (bids, jury scores, refinements): live, the runner sends it to the agent's
 * model and logs it (src/runner/aux-calls.ts); in replay it is answered from the logged calls with zero
 * model calls. Failures throw the provider's typed errors (an infrastructure error, counted apart).
 */
export type AuxCall = (agent: string, request: AuxRequest) => Promise<AuxReply>;

/** What a system may do on one task. */
export interface SystemContext {
  /** Run an agent on the task; the runner meters and records it (or reads it from the matrix in replay). */
  execute: Execute;
  /** Auxiliary model calls, metered and logged like executions (absent where a system needs none: router replays). */
  call?: AuxCall;
  /** True when `execute` reads recorded outcomes (a plan cannot change them). */
  replayed: boolean;
}

/** One way of answering a task; the runner writes the record `run` returns under `name`. */
export interface System {
  /** Record system name: "agent:8b", "router:knn", "sale@o1". */
  readonly name: string;
  /** Which selected tasks it runs (default: all); routers and SALE run the test split only. */
  accepts?(taskId: string): boolean;
  run(task: SystemTask, ctx: SystemContext): Promise<AttemptRecord>;
}

export interface Router {
  readonly name: string;
  route(task: RouterTask, execute: Execute): Promise<RouteResult>;
}

/** One training example: a training-split task and every agent's outcome on it. */
export interface TrainingExample {
  task: RouterTask;
  outcomes: Record<string, { passed: boolean; costUsd: number; tokens: number; record: AttemptRecord }>;
}

export interface RouterContext {
  /** Agents sorted by price, cheapest first. */
  agents: RouterAgent[];
  /** Training-split examples only: trained routers must never see a test task's outcome. */
  training: TrainingExample[];
  seed: number;
  /** Router parameters from the CLI or config (e.g. lambda, k). */
  params: Record<string, number | string>;
  /**
   * Hindsight access to every agent's outcome on a task. Only the oracle may use it; it is the upper
   * bound, not a router one could deploy.
   */
  hindsight?: (taskId: string) => Record<string, { passed: boolean; costUsd: number }>;
}

export type RouterFactory = (ctx: RouterContext) => Router | Promise<Router>;
