// The Router seam: given a task, decide which agent executes it (a cascade may try several, paying
// for each). The same router code runs in replay (outcomes read from an outcome matrix, zero model
// calls) and live (the chosen agent actually runs).
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
