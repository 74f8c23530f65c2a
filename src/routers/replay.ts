// Replay: score routers from an outcome matrix with zero model calls. Each router is fitted on the
// training split's outcomes and scored on the test split; single agents are scored on the same tasks.
import { agentSystem, type AttemptRecord } from '../records/records.ts';
import type { OutcomeMatrix } from './matrix.ts';
import { getRouter } from './registry.ts';
import { routeRecord } from './route-record.ts';
import type { Split } from './split.ts';
import type { RouterContext, RouterTask, TrainingExample } from './types.ts';

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

export async function replayRouters(options: ReplayOptions): Promise<AttemptRecord[]> {
  const { matrix, split } = options;
  const training = trainingExamples(matrix, options.tasks, split.train);
  const out: AttemptRecord[] = [];
  for (const id of split.test) {
    for (const a of matrix.agents) out.push(matrix.cells.get(id)!.get(a.name)!);
  }
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
    const router = await entry.factory(ctx);
    for (const id of split.test) {
      const row = matrix.cells.get(id)!;
      const result = await router.route(options.tasks.get(id)!, async (agent) => {
        const record = row.get(agent);
        if (!record) throw new Error(`outcome matrix has no record of agent ${agent} on ${id}`);
        return { agent, record };
      });
      out.push(routeRecord(`router:${router.name}`, result, true));
    }
  }
  return out;
}

export const singleSystems = (matrix: OutcomeMatrix) => matrix.agents.map((a) => agentSystem(a.name));
