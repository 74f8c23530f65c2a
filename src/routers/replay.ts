// Replay: score routers from an outcome matrix with zero model calls. Each router is fitted on the
// training split's outcomes and scored on the test split; single agents are scored on the same tasks.
import { agentSystem, type AttemptRecord } from '../records/records.ts';
import type { OutcomeMatrix } from './matrix.ts';
import { getRouter } from './registry.ts';
import type { Split } from './split.ts';
import { routerSystem } from './system.ts';
import type { AuxCall, RouterContext, RouterTask, System, TrainingExample } from './types.ts';

export interface ReplayOptions {
  matrix: OutcomeMatrix;
  tasks: Map<string, RouterTask>;
  split: Split;
  routers: string[];
  seed: number;
  params: Record<string, number | string>;
}

export function trainingExamples(matrix: OutcomeMatrix, tasks: Map<string, RouterTask>, trainIds: string[]): TrainingExample[] {
  return trainIds.map((id) => {
    const row = matrix.cells.get(id)!;
    return {
      task: tasks.get(id)!,
      outcomes: Object.fromEntries(
        [...row.entries()].map(([agent, r]) => [agent, { passed: r.passed, costUsd: r.costUsd, tokens: r.usage.inputTokens + r.usage.outputTokens, record: r }]),
      ),
    };
  });
}

/** The routers named, fitted on the training split (the oracle with hindsight), as systems of the test split. */
export async function replayRouterSystems(options: ReplayOptions): Promise<System[]> {
  const { matrix, split } = options;
  const training = trainingExamples(matrix, options.tasks, split.train);
  const test = new Set(split.test);
  const systems: System[] = [];
  for (const name of options.routers) {
    const entry = getRouter(name);
    const ctx: RouterContext = {
      agents: matrix.agents,
      training: entry.trained ? training : [],
      seed: options.seed,
      params: options.params,
      ...(entry.hindsight
        ? {
            hindsight: (taskId: string) =>
              Object.fromEntries([...matrix.cells.get(taskId)!.entries()].map(([agent, r]) => [agent, { passed: r.passed, costUsd: r.costUsd }])),
          }
        : {}),
    };
    systems.push(routerSystem(await entry.factory(ctx), (id) => test.has(id)));
  }
  return systems;
}

/**
 * Run systems on the test tasks with `execute` reading the outcome matrix (zero model calls): every
 * (system, task) pair, system-major, `concurrency` at a time; records come back in that order. Systems
 * that make auxiliary calls (SALE) get `call` (live, or answered from a logged run).
 */
export async function replaySystems(matrix: OutcomeMatrix, tasks: Map<string, RouterTask>, testIds: string[], systems: System[], concurrency = 1, call?: AuxCall): Promise<AttemptRecord[]> {
  const items = systems.flatMap((system) => testIds.filter((id) => !system.accepts || system.accepts(id)).map((id) => ({ system, id })));
  const records: AttemptRecord[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const { system, id } = items[i]!;
      const row = matrix.cells.get(id)!;
      records[i] = await system.run(tasks.get(id)!, {
        replayed: true,
        ...(call ? { call } : {}),
        execute: async (agent) => {
          const record = row.get(agent);
          if (!record) throw new Error(`outcome matrix has no record of agent ${agent} on ${id}`);
          return { agent, record };
        },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return records;
}

/** Every single agent's record on the test split, then each router's (the records of a router replay). */
export async function replayRouters(options: ReplayOptions): Promise<AttemptRecord[]> {
  const { matrix, split } = options;
  const out: AttemptRecord[] = [];
  for (const id of split.test) {
    for (const a of matrix.agents) out.push(matrix.cells.get(id)!.get(a.name)!);
  }
  out.push(...(await replaySystems(matrix, options.tasks, split.test, await replayRouterSystems(options))));
  return out;
}

export const singleSystems = (matrix: OutcomeMatrix) => matrix.agents.map((a) => agentSystem(a.name));
