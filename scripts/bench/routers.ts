// Section `routers`: router replay speed from an outcome matrix (no model calls):
// - decisions per second per router on 2 000 synthetic tasks (fit included; no target);
// - scale: fit + replay of every baseline router on 10 000 training + 10 000 test tasks, each under
//   10 s (target: 10 s ÷ time ≥ 1). The router code is single-threaded, so the target is on the
//   process's CPU time (what one idle core would take); the wall-clock time is in the note, and on a
//   shared machine it is inflated by the load average.
import { readMatrix } from '../../src/routers/matrix.ts';
import { routerNames } from '../../src/routers/registry.ts';
import { replayRouters } from '../../src/routers/replay.ts';
import { splitTasks } from '../../src/routers/split.ts';
import { routerTasks } from '../../src/runner/run-routers.ts';
import { writeSyntheticMatrix } from '../../tests/support/synthetic-matrix.ts';
import { log, metric, type Metric, type SectionResult } from './common.ts';

const VOCAB = Array.from({ length: 240 }, (_, i) => `w${((i * 2654435761) >>> 0).toString(36).slice(0, 5)}`);

function syntheticTasks(n: number) {
  const words = ['parse', 'graph', 'string', 'list', 'sum', 'tree', 'path', 'count', 'sort', 'window', 'prime', 'matrix'];
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    bin: i % 5,
    // A topic word that carries the signal plus eight pseudo-random filler words (≈ 10 non-zeros per TF-IDF row).
    text: `${words[i % 12]} ${words[(i * 7) % 12]} problem ${Array.from({ length: 8 }, (_, j) => VOCAB[(i * 31 + j * 97 + ((i * j) % 13)) % VOCAB.length]).join(' ')}`,
    passed: { '4b': i % 5 < 2, '8b': i % 5 < 3, '14b': i % 5 < 3 || i % 7 === 0, '32b': i % 5 < 4 },
  }));
}

async function timeRouters(n: number, trainFrac: number) {
  const matrix = readMatrix(writeSyntheticMatrix(syntheticTasks(n)));
  const rtasks = routerTasks(matrix);
  const split = splitTasks([...rtasks.values()], { seed: 0, trainFrac });
  const seconds: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  for (const name of routerNames()) {
    const started = performance.now();
    const c = process.cpuUsage();
    await replayRouters({ matrix, tasks: rtasks, split, routers: [name], seed: 0, params: { lambda: 5, k: 5 } });
    const used = process.cpuUsage(c);
    seconds[name] = (performance.now() - started) / 1000;
    cpu[name] = (used.user + used.system) / 1e6;
  }
  return { split, seconds, cpu };
}

export async function routersSection(): Promise<SectionResult> {
  const metrics: Metric[] = [];
  const small = await timeRouters(2000, 0.2);
  for (const [name, s] of Object.entries(small.seconds)) {
    metrics.push(metric('routers', `${name} decisions/s`, small.split.test.length / s, 'decisions/s', { note: `${small.split.test.length} test tasks, fit on ${small.split.train.length}, fit included` }));
    log(`routers: ${name}: ${(small.split.test.length / s).toFixed(0)} decisions/s`);
  }
  const big = await timeRouters(20000, 0.5);
  for (const [name, s] of Object.entries(big.cpu)) {
    const wall = big.seconds[name]!;
    metrics.push(metric('routers', `${name} 10k train + 10k test: 10 s ÷ (fit + replay CPU s)`, 10 / s, '×', { target: { min: 1 }, note: `fit + replay: ${s.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall (${big.split.train.length} train, ${big.split.test.length} test)` }));
    log(`routers: ${name}: 10k × 10k fit + replay ${s.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall`);
  }
  return { metrics, details: { small: { train: small.split.train.length, test: small.split.test.length }, big: { train: big.split.train.length, test: big.split.test.length, cpuSeconds: big.cpu, wallSeconds: big.seconds } } };
}
