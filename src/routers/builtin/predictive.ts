// Predictive routers trained on the training split: WTP, CARROT-like, TO-Router-like, kNN.
// Where the papers' details are unknown, our choices are written here and in the README.
import { oracleChoice } from '../../metrics/oracle.ts';
import { FEATURE_DIM, featuresOf, meanTrainingCost, numberParam, trainingFeatures } from '../features.ts';
import { Logistic, Ridge, Softmax } from '../linear.ts';
import { NeighbourIndex } from '../neighbours.ts';
import type { RouterContext, RouterFactory } from '../types.ts';

/**
 * Per-agent success predictors p̂_a(text): L2 logistic regression on the sparse TF-IDF features, fitted by
 * Newton's method in the features × features system (linear in the number of training tasks).
 */
async function successModels(ctx: RouterContext) {
  const f = await trainingFeatures(ctx);
  const l2 = 1e-2 * Math.max(1, ctx.training.length); // 1e-2 per example on the mean loss
  const models = Object.fromEntries(
    ctx.agents.map((a) => [a.name, new Logistic(FEATURE_DIM).fit(f.embeddings, ctx.training.map((e) => (e.outcomes[a.name]?.passed ? 1 : 0)), { l2 })]),
  );
  return { f, models };
}

/** Pick the best-scoring agent; ties go to the cheaper one (agents are sorted cheapest first). */
function argmax(ctx: RouterContext, score: (agent: string) => number): string {
  let best = ctx.agents[0]!.name;
  let bestScore = -Infinity;
  for (const a of ctx.agents) {
    const s = score(a.name);
    if (s > bestScore + 1e-12) {
      best = a.name;
      bestScore = s;
    }
  }
  return best;
}

/**
 * WTP (RouterBench's willingness to pay): argmax_a λ·p̂_a − ĉ_a/ĉ_max, where ĉ_a is agent a's mean
 * cost per training task and ĉ_max the dearest agent's. Our choice: cost enters relative to the
 * dearest agent, so λ is unit-free ("one solved task is worth λ times the dearest agent's cost").
 * Sweep λ with --lambda.
 */
export const wtpRouter: RouterFactory = async (ctx) => {
  const lambda = numberParam(ctx, 'lambda', 5);
  const { f, models } = await successModels(ctx);
  const cost = meanTrainingCost(ctx);
  const maxCost = Math.max(...Object.values(cost), 1e-12);
  return {
    name: 'wtp',
    async route(task, execute) {
      const dense = await featuresOf(f.embedder, task);
      const p = Object.fromEntries(ctx.agents.map((a) => [a.name, models[a.name]!.predict(dense)]));
      const agent = argmax(ctx, (a) => lambda * p[a]! - cost[a]! / maxCost);
      return { attempts: [await execute(agent)], details: { lambda, p } };
    },
  };
};

/**
 * CARROT-like: predicts success p̂_a and cost ĉ_a(text) per agent (ridge regression of log cost on
 * TF-IDF features, solved in the features × features normal equations: linear in n), then picks argmax_a p̂_a − ĉ_a/(λ·ĉ_ref), ĉ_ref = the dearest agent's mean cost.
 */
export const carrotRouter: RouterFactory = async (ctx) => {
  const lambda = numberParam(ctx, 'lambda', 5);
  const { f, models } = await successModels(ctx);
  const costModels = Object.fromEntries(
    ctx.agents.map((a) => [a.name, new Ridge(FEATURE_DIM).fit(f.embeddings, ctx.training.map((e) => Math.log(Math.max(e.outcomes[a.name]?.costUsd ?? 0, 1e-9))), 1)]),
  );
  const ref = Math.max(...Object.values(meanTrainingCost(ctx)), 1e-12);
  return {
    name: 'carrot',
    async route(task, execute) {
      const dense = await featuresOf(f.embedder, task);
      const p = Object.fromEntries(ctx.agents.map((a) => [a.name, models[a.name]!.predict(dense)]));
      const c = Object.fromEntries(ctx.agents.map((a) => [a.name, Math.exp(costModels[a.name]!.predict(dense))]));
      const agent = argmax(ctx, (a) => p[a]! - c[a]! / (lambda * ref));
      return { attempts: [await execute(agent)], details: { lambda, p, cost: c } };
    },
  };
};

/**
 * TO-Router-like: a softmax classifier over task embeddings with soft labels: 0.8 on THE oracle's agent
 * (src/metrics/oracle.ts: the cheapest passing attempt; the cheapest attempt when none passed), the
 * rest spread evenly over the other agents that solved the task (or over all agents when none did).
 * Our choices: the label smoothing, TF-IDF features in place of a learned encoder.
 */
export function toRouterLabel(agents: string[], outcomes: Record<string, { passed: boolean; costUsd: number }>): number[] {
  const choice = oracleChoice(agents, (a) => outcomes[a]);
  if (!choice) return agents.map(() => 1 / agents.length);
  const others = agents.filter((a) => a !== choice.agent && (!choice.solved || outcomes[a]?.passed));
  return agents.map((a) => (a === choice.agent ? (others.length ? 0.8 : 1) : others.includes(a) ? 0.2 / others.length : 0));
}

export const toRouter: RouterFactory = async (ctx) => {
  const f = await trainingFeatures(ctx);
  const names = ctx.agents.map((a) => a.name);
  const Y = ctx.training.map((e) => toRouterLabel(names, e.outcomes));
  const model = new Softmax(FEATURE_DIM, ctx.agents.length).fit(f.embeddings, Y);
  return {
    name: 'to-router',
    async route(task, execute) {
      const dense = await featuresOf(f.embedder, task);
      const probs = model.predict(dense);
      const agent = argmax(ctx, (a) => probs[ctx.agents.findIndex((x) => x.name === a)]!);
      return { attempts: [await execute(agent)], details: { probs } };
    },
  };
};

/** kNN: the agent with the best success rate on the k nearest training tasks (cosine, through an inverted index); ties → cheaper. */
export const knnRouter: RouterFactory = async (ctx) => {
  const k = numberParam(ctx, 'k', 5);
  const f = await trainingFeatures(ctx);
  const index = new NeighbourIndex(f.embeddings);
  return {
    name: 'knn',
    async route(task, execute) {
      const nearest = index.nearest(await featuresOf(f.embedder, task), k);
      const rate = (agent: string) => nearest.reduce((s, n) => s + (ctx.training[n.i]!.outcomes[agent]?.passed ? 1 : 0), 0) / Math.max(1, nearest.length);
      const agent = argmax(ctx, rate);
      return { attempts: [await execute(agent)], details: { k, neighbours: nearest.map((n) => ctx.training[n.i]!.task.id) } };
    },
  };
};
