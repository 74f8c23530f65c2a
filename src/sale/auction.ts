// One auction for one task (SALE.md §3): bids → jury → C, V → provisional winner → refinement of the
// strictly cheaper agents from the memory → final winner. Execution and the memory append are the
// stream's job (stream.ts). Every quantity ends up in the returned log.
// Decision: an agent with no pair to learn from (nothing similar in memory yet, or memory off) does not
// refine — the contrastive prompt needs at least one pair. So "no memory" = no refinement.
import type { Embedding } from '../models/embeddings.ts';
import type { Task } from '../tasks/types.ts';
import type { AuctionCaller } from './calls.ts';
import { judgesOf, normalise, score } from './features.ts';
import { pairsFor, type AuctionMemory } from './memory.ts';
import type { TaskView } from './prompts.ts';
import type { AuctionAgent, JuryScore, NormalFeatures, Normaliser, OverheadCall, Plan, RawFeatures, Scored, Variant, Weights } from './types.ts';
import { argminBid, finalWinner, refiners } from './winner.ts';

export interface VariantModel {
  variant: Variant;
  weights: Weights;
  norm: Normaliser;
}

export interface ScoredPlan extends Scored {
  plan: Plan;
  refined: boolean;
  jury: Record<string, number | null>;
  juryReplies: Record<string, string[]>;
  normal: NormalFeatures;
  /** Memory entries this refined plan learnt from. */
  pairs?: string[];
}

export interface AuctionResult {
  taskId: string;
  variant: string;
  bids: ScoredPlan[];
  provisional: string;
  retrieved: { id: string; taskId: string; similarity: number }[];
  refinements: ScoredPlan[];
  winner: ScoredPlan;
  replaced: boolean;
  overhead: OverheadCall[];
}

export interface AuctionInput {
  caller: AuctionCaller;
  /** Cheapest first. */
  agents: AuctionAgent[];
  task: Task;
  view: TaskView;
  model: VariantModel;
  k: number;
  memory?: { store: AuctionMemory; seq: number; embedding: Embedding };
}

async function scorePlan(input: AuctionInput, plan: Plan, refined: boolean): Promise<{ s: ScoredPlan; calls: OverheadCall[] }> {
  const { caller, agents, task, view, model } = input;
  const judges = agents.map((a) => a.name);
  const asked = judgesOf(model.variant.jury, plan.agent, judges);
  const scores: JuryScore[] = await Promise.all(asked.map((j) => caller.judge(task, view, j, plan)));
  const jury = Object.fromEntries(scores.map((s) => [s.judge, s.score]));
  const price = agents.find((a) => a.name === plan.agent)!.pricePerMTok;
  const raw: RawFeatures = { agent: plan.agent, price, length: plan.lengthTokens, entropy: plan.entropy, jury };
  const normal = normalise(raw, model.norm, model.variant, judges);
  const sc = score(plan.agent, price, normal, model.weights);
  return {
    s: { ...sc, plan, refined, jury, juryReplies: Object.fromEntries(scores.map((s) => [s.judge, s.replies])), normal },
    calls: [...plan.calls, ...scores.flatMap((s) => s.calls)],
  };
}

export async function runAuction(input: AuctionInput): Promise<AuctionResult> {
  const { caller, agents, task, view, model } = input;
  const overhead: OverheadCall[] = [];
  const plans = await Promise.all(agents.map((a) => caller.bid(task, view, a.name)));
  const bids: ScoredPlan[] = [];
  for (const r of await Promise.all(plans.map((p) => scorePlan(input, p, false)))) {
    bids.push(r.s);
    overhead.push(...r.calls);
  }
  const provisional = argminBid(bids)!;

  const refinements: ScoredPlan[] = [];
  let retrieved: AuctionResult['retrieved'] = [];
  if (model.variant.memory && input.memory) {
    const found = input.memory.store.search(input.memory.embedding, input.k, { beforeSeq: input.memory.seq, domain: task.domain });
    retrieved = found.map((r) => ({ id: r.entry.id, taskId: r.entry.taskId, similarity: r.similarity }));
    const todo = refiners(agents, provisional)
      .map((a) => ({ agent: a.name, pairs: pairsFor(a.name, found) }))
      .filter((t) => t.pairs.length > 0);
    const done = await Promise.all(
      todo.map(async (t) => {
        const own = bids.find((b) => b.agent === t.agent)!;
        const plan = await caller.refine(task, view, t.agent, own.plan, t.pairs);
        const r = await scorePlan(input, plan, true);
        return { ...r, s: { ...r.s, pairs: t.pairs.map((p) => p.memoryId) } };
      }),
    );
    for (const r of done) {
      refinements.push(r.s);
      overhead.push(...r.calls);
    }
  }
  const final = finalWinner(provisional, refinements);
  return { taskId: task.id, variant: model.variant.name, bids, provisional: provisional.agent, retrieved, refinements, winner: final.winner, replaced: final.replaced, overhead };
}
