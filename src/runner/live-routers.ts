// Live routing: routers decide per test task and only the routed agents actually run.
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { readMatrix } from '../routers/matrix.ts';
import { getRouter } from '../routers/registry.ts';
import { trainingExamples } from '../routers/replay.ts';
import { splitTasks } from '../routers/split.ts';
import { routerSystem } from '../routers/system.ts';
import type { System } from '../routers/types.ts';
import type { Suite } from '../suites/types.ts';
import { routerTasks } from './run-routers.ts';
import { selectTasks } from '../tasks/select.ts';

export interface LiveRouterOptions {
  config: Config;
  suites: Suite[];
  bins: number[] | undefined;
  limit: number | null;
  routers: string[];
  trainFrom?: string;
  trainFrac: number;
  splitSeed: number;
  seed: number;
  params: Record<string, number | string>;
}

export async function liveRouterSystems(o: LiveRouterOptions): Promise<{ systems: System[]; fingerprintExtra: Record<string, unknown> }> {
  const tasks = o.suites.flatMap((s) => selectTasks(s.tasks, { bins: o.bins, limit: o.limit }));
  const split = splitTasks(tasks, { seed: o.splitSeed, trainFrac: o.trainFrac });
  const test = new Set(split.test);
  const agents = [...o.config.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok).map((a) => ({ name: a.name, pricePerMTok: a.pricePerMTok }));
  const systems: System[] = [];
  for (const name of o.routers) {
    const entry = getRouter(name);
    if (entry.hindsight) throw new ConfigError([`--router ${name} needs every agent's outcome on each task`], { fix: `score it from an outcome matrix: --replay MATRIX_DIR` });
    let training: ReturnType<typeof trainingExamples> = [];
    if (entry.trained) {
      if (!o.trainFrom) throw new ConfigError([`--router ${name} is trained on the training split's outcomes`], { fix: 'pass --train-from MATRIX_DIR (a `sale bench matrix` run over the same tasks)' });
      const matrix = readMatrix(o.trainFrom);
      const missing = split.train.filter((id) => !matrix.cells.has(id));
      if (missing.length) throw new ConfigError([`${o.trainFrom}: no outcomes for ${missing.length} training task(s), e.g. ${missing.slice(0, 3).join(', ')}`], { fix: 'run the matrix over the same suite, bins and limit' });
      training = trainingExamples(matrix, routerTasks(matrix), split.train);
    }
    const router = await entry.factory({ agents, training, seed: o.seed, params: o.params });
    systems.push(routerSystem(router, (id) => test.has(id)));
  }
  return { systems, fingerprintExtra: { routers: o.routers, params: o.params, split: { seed: split.seed, trainFrac: split.trainFrac, train: split.train }, trainFrom: o.trainFrom ?? null } };
}
