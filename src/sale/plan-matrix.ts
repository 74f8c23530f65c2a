// `sale bench matrix --with-plans`: the paper's setting for an outcome matrix. Every agent first bids its
// plan on the task (SALE's own bid call: the same prompt, options, seed and, in sim, the same signal
// settings as a SALE run's bids, so a replayed auction's bid is the recorded plan), then executes the task
// with that plan in its prompt. The record is the execution (usage and cost are the execution's alone, as
// in a plan-free matrix: a replayed SALE pays its own bids as overhead); `plan` keeps the plan and its bid
// call's counters. A replay (`bench run --replay`) then scores SALE's winners by plan-conditioned
// executions: exactly the winning plan's when the winner is a bid, the bid plan's when it is a refinement
// (a matrix cannot hold plans written from a stream's memory; sale.md counts both).
import type { Config } from '../config/types.ts';
import { agentSystem, type AttemptRecord } from '../records/records.ts';
import type { AuxCall, System } from '../routers/types.ts';
import type { Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import type { Plan } from './types.ts';
import { promptHashes, taskView } from './prompts.ts';
import { infraErrorRecord } from './record.ts';
import { auctionCaller } from './system.ts';

export interface PlanMatrixContext {
  config: Config;
  suites: Suite[];
  call: AuxCall;
  simulated: boolean;
  seed: number;
  concurrency: number;
}

/** What a plan-conditioned matrix adds to a record: the plan in the prompt and its bid call's counters. */
export function planOf(plan: Plan): NonNullable<AttemptRecord['plan']> {
  const input = plan.calls.reduce((s, c) => s + c.call.inputTokens, 0);
  const output = plan.calls.reduce((s, c) => s + c.call.outputTokens, 0);
  return { text: plan.text, sha: plan.sha, lengthTokens: plan.lengthTokens, bid: { inputTokens: input, outputTokens: output, costUsd: plan.calls.reduce((s, c) => s + c.costUsd, 0) } };
}


/** Every agent as a system that bids its plan and executes with it ("agent:<name>", as in a plan-free matrix). */
export function plannedAgentSystems(ctx: PlanMatrixContext): { systems: System[]; fingerprintExtra: Record<string, unknown> } {
  const { config } = ctx;
  const caller = auctionCaller(config, ctx.call, ctx.simulated, ctx.seed, ctx.concurrency);
  const tasks = new Map<string, { task: Task; suite: Suite }>();
  for (const suite of ctx.suites) for (const task of suite.tasks) tasks.set(task.id, { task, suite });
  const simulated = ctx.simulated;
  const systems: System[] = config.agents.map((agent) => ({
    name: agentSystem(agent.name),
    async run(view, run) {
      const { task, suite } = tasks.get(view.id)!;
      let plan: Plan;
      try {
        plan = await caller.bid(task, taskView(suite, task), agent.name);
      } catch (e) {
        const err = e as Error & { kind?: string };
        // A bid that could not be made: an infrastructure error, retried on resume.
        return infraErrorRecord({ system: agentSystem(agent.name), agent: agent.name, model: agent.model, task, suite: suite.name, kind: err.kind ?? 'unknown', message: `bid failed: ${err.message}`, simulated });
      }
      const { record } = await run.execute(agent.name, { plan: plan.text });
      return { ...record, plan: planOf(plan) };
    },
  }));
  const s = config.sale;
  // What decides the plans: the bid prompt and settings (and, in sim, the signal the plans carry).
  const fingerprintExtra = { withPlans: { prompts: promptHashes(caller.settings.prompts), plan: s.plan, ...(simulated ? { sim: s.sim, k: s.k } : {}) } };
  return { systems, fingerprintExtra };
}
