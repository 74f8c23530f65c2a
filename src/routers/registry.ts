// Router registry: a new router is one file exporting a RouterFactory and one entry here.
import { NoSuchNameError } from '../errors.ts';
import { cascadeRouter } from './builtin/cascade.ts';
import { carrotRouter, knnRouter, toRouter, wtpRouter } from './builtin/predictive.ts';
import { oracleRouter, randomRouter } from './builtin/simple.ts';
import type { RouterFactory } from './types.ts';

export interface RouterEntry {
  factory: RouterFactory;
  /** Trained on the training split's outcomes. */
  trained: boolean;
  /** Needs every agent's outcome on the scored task (hindsight): replay only. */
  hindsight: boolean;
  description: string;
}

export const ROUTERS: Record<string, RouterEntry> = {
  random: { factory: randomRouter, trained: false, hindsight: false, description: 'uniform over agents, seeded per task' },
  oracle: { factory: oracleRouter, trained: false, hindsight: true, description: 'cheapest agent that solved the task (upper bound)' },
  wtp: { factory: wtpRouter, trained: true, hindsight: false, description: "RouterBench's willingness to pay: argmax λ·p̂ − relative cost" },
  carrot: { factory: carrotRouter, trained: true, hindsight: false, description: 'CARROT-like: predicted success and cost per agent' },
  'to-router': { factory: toRouter, trained: true, hindsight: false, description: 'TO-Router-like: soft-label classifier over task embeddings' },
  knn: { factory: knnRouter, trained: true, hindsight: false, description: 'best agent on the k nearest training tasks' },
  frugalgpt: { factory: cascadeRouter, trained: true, hindsight: false, description: 'FrugalGPT cascade cheapest → dearest: a trained answer scorer accepts or escalates, per-stage thresholds fitted to a budget' },
};

export function routerNames(): string[] {
  return Object.keys(ROUTERS);
}

export function getRouter(name: string): RouterEntry {
  const r = ROUTERS[name];
  if (!r) throw new NoSuchNameError('router', name, [...routerNames(), 'all']);
  return r;
}
