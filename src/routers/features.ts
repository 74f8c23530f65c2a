import { createTfIdfEmbedder, type Embedder, type Embedding } from '../models/embeddings.ts';
import type { RouterContext, RouterTask } from './types.ts';

/** Dimension of the hashed TF-IDF features the predictive routers use. */
export const FEATURE_DIM = 256;

/** A TF-IDF featuriser fitted on the training tasks' texts only; rows stay sparse (unit length). */
export async function trainingFeatures(ctx: RouterContext): Promise<{ embedder: Embedder; embeddings: Embedding[] }> {
  const texts = ctx.training.map((e) => e.task.text);
  const embedder = createTfIdfEmbedder(texts, { dim: FEATURE_DIM });
  return { embedder, embeddings: await embedder.embed(texts) };
}

export async function featuresOf(embedder: Embedder, task: RouterTask): Promise<Embedding> {
  const [embedding] = await embedder.embed([task.text]);
  return embedding!;
}

/** Mean cost of each agent per training task ($), the cost estimate of WTP. */
export function meanTrainingCost(ctx: RouterContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of ctx.agents) {
    const costs = ctx.training.map((e) => e.outcomes[a.name]?.costUsd).filter((c): c is number => c !== undefined);
    out[a.name] = costs.length ? costs.reduce((x, y) => x + y, 0) / costs.length : 0;
  }
  return out;
}

export function numberParam(ctx: RouterContext, name: string, fallback: number): number {
  const v = ctx.params[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`router parameter ${name} must be a number, got '${v}'`);
  return n;
}
