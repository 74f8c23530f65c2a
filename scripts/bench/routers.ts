// Section `routers`: router decisions per second when replaying an outcome matrix (no model calls).
import { readMatrix } from '../../src/routers/matrix.ts';
import { routerNames } from '../../src/routers/registry.ts';
import { replayRouters } from '../../src/routers/replay.ts';
import { splitTasks } from '../../src/routers/split.ts';
import { routerTasks } from '../../src/runner/run-routers.ts';
import { writeSyntheticMatrix } from '../../tests/support/synthetic-matrix.ts';
import { log, metric, type Metric, type SectionResult } from './common.ts';

/** Router decisions per second when replaying an outcome matrix (no model calls), per router. */
export async function routersSection(): Promise<SectionResult> {
  const words = ['parse', 'graph', 'string', 'list', 'sum', 'tree', 'path', 'count', 'sort', 'window', 'prime', 'matrix'];
  const n = 2000;
  const tasks = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    bin: i % 5,
    text: `${words[i % 12]} ${words[(i * 7) % 12]} ${words[(i * 5) % 12]} problem ${i % 97}`,
    passed: { '4b': i % 5 < 2, '8b': i % 5 < 3, '14b': i % 5 < 3 || i % 7 === 0, '32b': i % 5 < 4 },
  }));
  const matrix = readMatrix(writeSyntheticMatrix(tasks));
  const rtasks = routerTasks(matrix);
  const split = splitTasks([...rtasks.values()], { seed: 0, trainFrac: 0.2 });
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = { tasks: n, train: split.train.length, test: split.test.length };
  for (const name of routerNames()) {
    const started = performance.now();
    await replayRouters({ matrix, tasks: rtasks, split, routers: [name], seed: 0, params: { lambda: 5, k: 5 } });
    const seconds = (performance.now() - started) / 1000;
    metrics.push(metric('routers', `${name} decisions/s`, split.test.length / seconds, 'decisions/s', { note: `${split.test.length} test tasks, fit on ${split.train.length}, fit included` }));
    log(`routers: ${name}: ${(split.test.length / seconds).toFixed(0)} decisions/s`);
  }
  return { metrics, details };
}
