// Performance benchmarks of `sale`. Speed targets of the project are measured here, and only here, as
// ratios measured side by side in one run (never by timed unit tests, whose absolute times depend on the
// machine).
//
// Usage: npm run bench -- [--only NAME] [--json FILE] [--strict] [--list]
//          [--server thread|inproc] [--rounds N] [--sim-limit N]
//
//   --only NAME   run one section (see --list); may be repeated or comma-separated
//   --json FILE   also write the summary (every metric of every section) as JSON
//   --strict      exit 1 when a metric with a target misses it (default: report only, exit 0)
//   --server      where the fake Ollama server of the `provider` section runs: in a worker thread
//                 (default; the client side then has the main thread to itself) or in this thread
//   --rounds N    rounds per concurrency level in the `provider` section (default 10, at most 20);
//                 the number of requests stays the same, only the interleaving gets finer
//   --sim-limit N tasks of the `sim-run` section (default: every coding task)
//
// Sections (one function each, listed in `sections`; a new benchmark is one more entry):
//   provider  chat requests/s through our Ollama provider vs the raw official `ollama` client, both
//             against the fake Ollama server of tests/support, at concurrency 1 and 8. Rounds
//             alternate between the sides (and which side goes first) so machine noise hits both alike.
//             Target: ours/raw >= 0.97 at each concurrency.
//   sim-run   a full simulated `bench run` in-process (sim provider, real Python sandbox): attempts/s.
//   deepsearch  the deep-search corpus's BM25 index: build time with no cache (cold), load time from the
//             disk cache (warm), and search latency p50/p99 over the suite's own questions (k = 10), raw
//             and through the search tool (with snippets). No targets: reported for the note.
//   sale      SALE's own compute per auction without model calls (decision on constructed bids; whole
//             auctions with every call cached) and memory retrieval p50/p99 at 1k and 10k stored auctions
//             (scripts/bench-sale.ts). Targets: decision p99 < 1 ms, retrieval p99 < 5 ms at 10k.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Ollama } from 'ollama';
import { loadConfig } from '../src/config/load.ts';
import { createOllamaClient } from '../src/models/ollama.ts';
import { createModelClient } from '../src/models/registry.ts';
import type { ChatRequest } from '../src/models/types.ts';
import { runBench } from '../src/runner/run-bench.ts';
import { createSandbox } from '../src/sandbox/index.ts';
import { createSuites, sandboxLimitsOf } from '../src/suites/index.ts';
import { createDeepsearchSuite, toolSettings, type DeepsearchSuite } from '../src/suites/deepsearch/index.ts';
import { buildIndex, loadIndex } from '../src/suites/deepsearch/search-index.ts';
import { searchTool } from '../src/suites/deepsearch/tools.ts';
import { quantile } from '../src/metrics/quantile.ts';
import { loadTasks } from '../src/tasks/load.ts';
import { startOllamaTestServer, type ReplyScript, type WireChatRequest } from '../tests/support/ollama-test-server.ts';

// ---------------------------------------------------------------------------------------------------
// Shared types

/** One number a section reports; `target` makes it a pass/fail check. */
export interface Metric {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Minimum acceptable value (a ratio, usually). */
  target?: { min: number };
  pass?: boolean;
  note?: string;
}

export interface SectionResult {
  metrics: Metric[];
  /** Free-form facts about the measurement (settings, environment), kept in the JSON output. */
  details?: Record<string, unknown>;
}

export interface BenchOptions {
  server: 'thread' | 'inproc';
  rounds: number;
  simLimit: number | null;
}

export interface Section {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<SectionResult>;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

const log = (line: string) => process.stderr.write(`${line}\n`);

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function metric(section: string, name: string, value: number, unit: string, extra: Partial<Metric> = {}): Metric {
  const m: Metric = { section, name, value, unit, ...extra };
  if (m.target) m.pass = value >= m.target.min;
  return m;
}

/** Run `total` calls of `one` with `concurrency` workers pulling from a shared counter; returns elapsed ms. */
async function drive(total: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        next++;
        await one();
      }
    }),
  );
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------------
// The fake Ollama server, in this thread or in a worker thread

/** Small and fast: a short answer in a few chunks, no delays. */
const BENCH_REPLY: ReplyScript = { content: 'def add(a, b):\n    return a + b\n', chunks: 4 };

interface ServerHandle {
  url: string;
  where: 'thread' | 'inproc';
  /** The last /api/chat bodies the server received (newest last). */
  lastChats(n: number): Promise<WireChatRequest[]>;
  chatCount(): Promise<number>;
  close(): Promise<void>;
}

type WorkerRequest = { id: number; op: 'last'; n: number } | { id: number; op: 'count' } | { id: number; op: 'close' };
type WorkerReply = { id: number; value: unknown };
/** A request without its id (distributed over the union, which a plain Omit would collapse). */
type WorkerAsk = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

async function startServer(where: 'thread' | 'inproc'): Promise<ServerHandle> {
  if (where === 'inproc') {
    const server = await startOllamaTestServer({ defaultReply: BENCH_REPLY });
    return {
      url: server.url,
      where,
      lastChats: async (n) => server.requests.chat.slice(-n),
      chatCount: async () => server.requests.chat.length,
      close: () => server.close(),
    };
  }
  // The worker runs this same file (see the bottom). Node 20 does not apply the `--import tsx` hooks to
  // worker threads, so a small JavaScript stub loads the file through tsx's own API.
  const stub = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => api.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(stub, { eval: true, workerData: { role: 'fake-ollama' } });
  const url = await new Promise<string>((resolveUrl, reject) => {
    worker.once('message', (m: { url: string }) => resolveUrl(m.url));
    worker.once('error', reject);
  });
  let ids = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  worker.on('message', (m: WorkerReply) => {
    waiting.get(m.id)?.(m.value);
    waiting.delete(m.id);
  });
  const ask = <T>(req: WorkerAsk): Promise<T> =>
    new Promise((res) => {
      const id = ++ids;
      waiting.set(id, res as (v: unknown) => void);
      worker.postMessage({ ...req, id });
    });
  return {
    url,
    where,
    lastChats: (n) => ask<WireChatRequest[]>({ op: 'last', n }),
    chatCount: () => ask<number>({ op: 'count' }),
    close: async () => {
      await ask({ op: 'close' });
      await worker.terminate();
    },
  };
}

async function fakeOllamaWorker(): Promise<void> {
  const server = await startOllamaTestServer({ defaultReply: BENCH_REPLY });
  const port = parentPort!;
  port.on('message', async (m: WorkerRequest) => {
    if (m.op === 'last') port.postMessage({ id: m.id, value: server.requests.chat.slice(-m.n) } satisfies WorkerReply);
    else if (m.op === 'count') port.postMessage({ id: m.id, value: server.requests.chat.length } satisfies WorkerReply);
    else {
      await server.close();
      port.postMessage({ id: m.id, value: null } satisfies WorkerReply);
    }
  });
  port.postMessage({ url: server.url });
}

// ---------------------------------------------------------------------------------------------------
// Section: provider overhead (ours vs the raw official client)

const MODEL = 'qwen3:8b';
const SYSTEM = 'You are a careful Python programmer. Answer with code only, in one ```python block.';
const USER = 'Write a function add(a, b) that returns the sum of two integers. Keep it short.';
/**
 * Requests per side, fixed so the section stays bounded (2 982 requests in all, a few seconds):
 *  - a shared warm-up first (at concurrency 8): V8 needs on the order of a thousand calls before both
 *    code paths run optimised, and a short warm-up measures JIT tiering (which punishes the side with
 *    more code) rather than the steady-state overhead the target is about;
 *  - then per concurrency level a short warm-up at that level and `timed` requests per side, cut into
 *    `--rounds` alternating rounds (more rounds = finer interleaving, same number of requests).
 */
const WARMUP_PER_SIDE = 250;
const LEVELS = [
  { concurrency: 1, timed: 500, warmup: 20 },
  { concurrency: 8, timed: 700, warmup: 20 },
] as const;
const PROVIDER_TARGET = 0.97;

/** JSON with sorted keys, to compare two request bodies whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function providerSection(options: BenchOptions): Promise<SectionResult> {
  const server = await startServer(options.server);
  try {
    const ours = createOllamaClient({ host: server.url });
    const raw = new Ollama({ host: server.url });
    let seq = 0;
    const request = (): ChatRequest => ({
      model: MODEL,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: USER },
      ],
      options: { temperature: 0, numCtx: 32768, numPredict: 256, think: false },
      meta: { taskId: 'bench-add', agent: '8b', callType: 'execute', turn: 0, seed: seq++ },
    });
    const sides = {
      ours: async () => {
        const r = await ours.chat(request());
        if (r.message.content.length === 0 || r.usage.outputTokens <= 0) throw new Error('provider bench: empty reply from our provider');
      },
      raw: async () => {
        const stream = await raw.chat({
          model: MODEL,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: USER },
          ],
          think: false,
          stream: true,
          options: { temperature: 0, num_ctx: 32768, num_predict: 256 },
        });
        let content = '';
        let evalCount = 0;
        for await (const part of stream) {
          content += part.message?.content ?? '';
          if (part.done) evalCount = part.eval_count;
        }
        if (content.length === 0 || evalCount <= 0) throw new Error('provider bench: empty reply from the raw client');
      },
    } as const;

    // Both sides must send the same body, or the comparison is unfair.
    await sides.ours();
    await sides.raw();
    const [oursBody, rawBody] = await server.lastChats(2);
    const sameBody = canonical(oursBody) === canonical(rawBody);
    if (!sameBody) log(`provider: WARNING the two sides sent different bodies:\n  ours: ${canonical(oursBody)}\n  raw:  ${canonical(rawBody)}`);
    let sent = 2;

    // Shared warm-up, alternating sides in slices.
    for (let i = 0; i < 5; i++) {
      await drive(WARMUP_PER_SIDE / 5, 8, sides.ours);
      await drive(WARMUP_PER_SIDE / 5, 8, sides.raw);
    }
    sent += 2 * WARMUP_PER_SIDE;

    const metrics: Metric[] = [];
    const levelDetails: Record<string, unknown>[] = [];
    for (const { concurrency, timed, warmup } of LEVELS) {
      const perRound = Math.max(10, Math.floor(timed / options.rounds));
      await drive(warmup, concurrency, sides.ours);
      await drive(warmup, concurrency, sides.raw);
      sent += 2 * warmup;
      const rps: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
      // Process CPU time per request (client + fake server, all threads): less sensitive than wall time
      // to other processes taking the cores; the server's share is the same for both sides.
      const cpuUs: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which side goes first, so a trend (thermal, other load) does not favour one side.
        const order: ('ours' | 'raw')[] = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
        for (const side of order) {
          const cpu0 = process.cpuUsage();
          const ms = await drive(perRound, concurrency, sides[side]);
          const cpu = process.cpuUsage(cpu0);
          rps[side].push(perRound / (ms / 1000));
          cpuUs[side].push((cpu.user + cpu.system) / perRound);
          sent += perRound;
        }
      }
      const oursMedian = median(rps.ours);
      const rawMedian = median(rps.raw);
      const ratio = oursMedian / rawMedian;
      // Each round's two halves ran back to back: their ratio cancels slow drifts of the machine.
      const pairedRatios = rps.ours.map((v, i) => v / rps.raw[i]!);
      const pairedMedian = median(pairedRatios);
      const oursCpu = median(cpuUs.ours);
      const rawCpu = median(cpuUs.raw);
      log(
        `provider c=${concurrency}: ours ${rps.ours.map((v) => v.toFixed(0)).join(' ')} req/s | raw ${rps.raw.map((v) => v.toFixed(0)).join(' ')} req/s` +
          ` | ratio of medians ${ratio.toFixed(3)}, median paired ratio ${pairedMedian.toFixed(3)}` +
          ` | CPU µs/req ours ${oursCpu.toFixed(0)} raw ${rawCpu.toFixed(0)}`,
      );
      const tag = `c=${concurrency}`;
      const rounds = `median of ${options.rounds} rounds x ${perRound} req`;
      metrics.push(metric('provider', `ours req/s ${tag}`, oursMedian, 'req/s', { note: rounds }));
      metrics.push(metric('provider', `raw req/s ${tag}`, rawMedian, 'req/s', { note: rounds }));
      metrics.push(
        metric('provider', `ratio ours/raw ${tag}`, ratio, 'x', {
          target: { min: PROVIDER_TARGET },
          note: `median paired ratio ${pairedMedian.toFixed(3)} (range ${Math.min(...pairedRatios).toFixed(2)}-${Math.max(...pairedRatios).toFixed(2)})`,
        }),
      );
      metrics.push(
        metric('provider', `CPU-time ratio raw/ours ${tag}`, rawCpu / oursCpu, 'x', {
          note: `process CPU µs/req: ours ${oursCpu.toFixed(0)}, raw ${rawCpu.toFixed(0)} (incl. fake server)`,
        }),
      );
      levelDetails.push({
        concurrency,
        perRound,
        warmup,
        rounds: options.rounds,
        oursReqPerSec: rps.ours,
        rawReqPerSec: rps.raw,
        ratioOfMedians: ratio,
        pairedRatios,
        pairedMedian,
        oursCpuUsPerReq: cpuUs.ours,
        rawCpuUsPerReq: cpuUs.raw,
      });
    }
    const received = await server.chatCount();
    if (received !== sent) throw new Error(`provider bench: sent ${sent} chat requests but the server received ${received}`);
    return {
      metrics,
      details: { server: server.where, reply: BENCH_REPLY, requests: sent, warmupPerSide: WARMUP_PER_SIDE, sameWireBody: sameBody, levels: levelDetails },
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Section: a full simulated run

async function simRunSection(options: BenchOptions): Promise<SectionResult> {
  const config = loadConfig();
  const suites = createSuites(['coding'], config);
  const tasks = suites.flatMap((s) => s.tasks);
  const client = createModelClient('sim', { config, tasks });
  const limits = sandboxLimitsOf(suites);
  const sandbox = await createSandbox(limits ? { defaults: limits } : {});
  const dir = join(mkdtempSync(join(tmpdir(), 'sale-bench-')), 'run');
  const concurrency = 8;
  try {
    const started = performance.now();
    const result = await runBench({
      suites,
      agents: config.agents,
      client,
      sandbox,
      dir,
      resume: false,
      limit: options.simLimit,
      concurrency,
      seed: 0,
      command: ['npm', 'run', 'bench'],
      fingerprintExtra: { sim: config.sim },
    });
    const seconds = (performance.now() - started) / 1000;
    const attempts = result.records.length;
    const calls = result.records.reduce((s, r) => s + r.calls.length, 0);
    const passed = result.records.filter((r) => r.passed).length;
    const infra = result.records.filter((r) => r.status === 'infra-error').length;
    log(`sim-run: ${attempts} attempts (${calls} model calls, ${passed} passed, ${infra} infra errors) in ${seconds.toFixed(1)} s, isolation ${sandbox.isolation}`);
    // A run whose attempts fail on infrastructure finishes fast and means nothing: say so loudly.
    if (infra > 0) log(`sim-run: WARNING ${infra} attempts ended in infra-error; the rate is not comparable`);
    const note = `${config.agents.length} agents, concurrency ${concurrency}, sandbox ${sandbox.isolation}`;
    return {
      metrics: [
        metric('sim-run', 'attempts', attempts, 'attempts', { note: `${passed} passed, ${infra} infra errors` }),
        metric('sim-run', 'wall time', seconds, 's'),
        metric('sim-run', 'attempts/s', attempts / seconds, 'attempts/s', { note }),
        metric('sim-run', 'model calls/s', calls / seconds, 'calls/s'),
      ],
      details: {
        agents: config.agents.map((a) => a.name),
        tasks: result.manifest.settings.taskIds.length,
        concurrency,
        isolation: sandbox.isolation,
        sandboxWarnings: sandbox.warnings,
        python: sandbox.python,
        attempts,
        modelCalls: calls,
        passed,
        infraErrors: infra,
        seconds,
      },
    };
  } finally {
    rmSync(resolve(dir, '..'), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Section: deep-search index and search latency

/** The bundled deep-search suite (or, before its data exists, the test fixture), with its corpus. */
function deepsearchBenchSuite(): { suite: DeepsearchSuite; which: string } {
  const config = loadConfig();
  try {
    const [suite] = createSuites(['deepsearch'], config);
    return { suite: suite as DeepsearchSuite, which: 'bundled datasets/deepsearch' };
  } catch (e) {
    log(`deepsearch: bundled suite unavailable (${(e as Error).message.split('\n')[0]}); using tests/fixtures/deepsearch`);
    const fixture = resolve(import.meta.dirname, '../tests/fixtures/deepsearch');
    const tasks = loadTasks([join(fixture, 'tasks')]);
    return { suite: createDeepsearchSuite('deepsearch', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null }), which: 'tests/fixtures/deepsearch' };
  }
}

async function deepsearchSection(): Promise<SectionResult> {
  const { suite, which } = deepsearchBenchSuite();
  const corpus = suite.corpus;
  const questions = suite.tasks.map((t) => t.prompt);
  const cacheDir = mkdtempSync(join(tmpdir(), 'sale-bench-index-'));
  try {
    // Cold: build from scratch (no cache), median of 3 builds.
    const builds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      buildIndex(corpus);
      builds.push(performance.now() - t0);
    }
    // First load with an empty cache folder: build + write the cache file.
    const first = loadIndex(corpus, { cacheDir, noMemory: true });
    if (first.source !== 'built') throw new Error('deepsearch bench: the empty cache folder held an index');
    // Warm: load from the disk cache (JSON parse + minisearch loadJS), median of 5.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const l = loadIndex(corpus, { cacheDir, noMemory: true });
      if (l.source !== 'disk') throw new Error(`deepsearch bench: expected a cache hit, got ${l.source} (${l.rebuiltBecause ?? ''})`);
      loads.push(l.ms);
    }
    const index = first.index;
    // Search latency over the suite's own questions (k = 10): one warm-up pass, then 5 timed passes.
    const tool = searchTool(index, toolSettings(suite.config));
    for (const q of questions) index.search(q, 10);
    const raw: number[] = [];
    const withSnippets: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of questions) {
        const t0 = performance.now();
        index.search(q, 10);
        raw.push(performance.now() - t0);
        const t1 = performance.now();
        await tool.run({ query: q, k: 10 });
        withSnippets.push(performance.now() - t1);
      }
    }
    const note = `${corpus.docs.length} documents, ${questions.length} questions (${which})`;
    log(
      `deepsearch: build ${median(builds).toFixed(0)} ms, warm load ${median(loads).toFixed(0)} ms, search p50 ${quantile(raw, 0.5).toFixed(2)} ms p99 ${quantile(raw, 0.99).toFixed(2)} ms; ${note}`,
    );
    return {
      metrics: [
        metric('deepsearch', 'index build (cold, no cache)', median(builds), 'ms', { note: `median of 3; ${note}` }),
        metric('deepsearch', 'index load (warm disk cache)', median(loads), 'ms', { note: 'median of 5' }),
        metric('deepsearch', 'build / warm load', median(builds) / median(loads), 'x'),
        metric('deepsearch', 'search p50 (k=10)', quantile(raw, 0.5), 'ms', { note: `${raw.length} searches` }),
        metric('deepsearch', 'search p99 (k=10)', quantile(raw, 0.99), 'ms'),
        metric('deepsearch', 'search tool p50 (k=10, snippets)', quantile(withSnippets, 0.5), 'ms'),
        metric('deepsearch', 'search tool p99 (k=10, snippets)', quantile(withSnippets, 0.99), 'ms'),
      ],
      details: {
        corpus: which,
        documents: corpus.docs.length,
        corpusBytes: corpus.docs.reduce((s, d) => s + d.title.length + d.text.length, 0),
        questions: questions.length,
        buildMs: builds,
        firstLoadMs: first.ms,
        warmLoadMs: loads,
        searches: raw.length,
      },
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The section list and the driver


// ---------------------------------------------------------------------------------------------------
// Section: router replay speed (issue 5)

/** Router decisions per second when replaying an outcome matrix (no model calls), per router. */
async function routersSection(): Promise<SectionResult> {
  const { writeSyntheticMatrix } = await import('../tests/support/synthetic-matrix.ts');
  const { readMatrix } = await import('../src/routers/matrix.ts');
  const { replayRouters } = await import('../src/routers/replay.ts');
  const { routerNames } = await import('../src/routers/registry.ts');
  const { splitTasks } = await import('../src/routers/split.ts');
  const { routerTasks } = await import('../src/runner/run-routers.ts');
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

// ---------------------------------------------------------------------------------------------------
// Section: SALE's auction compute and memory retrieval (issue 4)

/**
 * The auction's own compute per task, model calls excluded (scripts/bench-sale.ts says what each
 * number covers), and memory retrieval at 1k and 10k stored auctions. Targets: < 1 ms per decision,
 * retrieval p99 < 5 ms at 10k — reported as headroom ratios (target / measured ≥ 1).
 */
async function saleSection(): Promise<SectionResult> {
  const { measureSale } = await import('./bench-sale.ts');
  const m = await measureSale(log);
  const at = (label: string, size: number) => m.retrieval.find((r) => r.label === label && r.size === size)!;
  const metrics: Metric[] = [
    metric('sale', 'decision p50', m.decision.p50, 'ms', { note: `${m.decision.n} decisions: 4 bids + 3 refined, 16 jury scores` }),
    metric('sale', 'decision p99', m.decision.p99, 'ms'),
    metric('sale', 'decision headroom (1 ms / p99)', 1 / m.decision.p99, 'x', { target: { min: 1 } }),
    metric('sale', 'auction, calls cached, p50', m.auction.p50, 'ms', { note: `${m.auction.n} auctions, memory ${m.auction.memory}: retrieval, pairs, prompts, scoring` }),
    metric('sale', 'auction, calls cached, p99', m.auction.p99, 'ms'),
    metric('sale', 'entropy of one bid (300 tok × 20)', m.entropy.p50, 'ms'),
  ];
  for (const size of [1000, 10_000]) {
    const r = at('tfidf', size);
    metrics.push(metric('sale', `retrieval p50 @${size / 1000}k (tfidf)`, r.p50, 'ms', { note: `${r.n} searches, k = 8` }));
    metrics.push(metric('sale', `retrieval p99 @${size / 1000}k (tfidf)`, r.p99, 'ms'));
  }
  metrics.push(metric('sale', 'retrieval headroom @10k (5 ms / p99)', 5 / at('tfidf', 10_000).p99, 'x', { target: { min: 1 } }));
  const dense = at('dense-384', 10_000);
  metrics.push(metric('sale', 'retrieval p99 @10k (dense 384)', dense.p99, 'ms', { note: `all-minilm-sized vectors, p50 ${dense.p50.toFixed(3)} ms` }));
  return { metrics, details: m as unknown as Record<string, unknown> };
}

export const sections: Section[] = [
  { name: 'provider', title: 'Ollama provider overhead (ours vs raw official client)', run: providerSection },
  { name: 'sim-run', title: 'Full simulated run (sim provider, coding, Python sandbox)', run: simRunSection },
  { name: 'deepsearch', title: 'Deep-search index build/load time and search latency', run: deepsearchSection },
  { name: 'routers', title: 'Router replay speed: decisions per second from an outcome matrix', run: routersSection },
  { name: 'sale', title: 'SALE: auction compute per task without model calls, memory retrieval at 1k/10k', run: saleSection },
];

interface Cli {
  only: string[];
  json: string | null;
  strict: boolean;
  list: boolean;
  options: BenchOptions;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { only: [], json: null, strict: false, list: false, options: { server: 'thread', rounds: 10, simLimit: null } };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const positiveInt = (v: string, flag: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--only') cli.only.push(...value(i++, a).split(',').map((s) => s.trim()).filter(Boolean));
    else if (a === '--json') cli.json = value(i++, a);
    else if (a === '--strict') cli.strict = true;
    else if (a === '--list') cli.list = true;
    else if (a === '--rounds') {
      cli.options.rounds = positiveInt(value(i++, a), a);
      if (cli.options.rounds > 20) throw new Error('--rounds: at most 20 (keeps the provider section bounded)');
    } else if (a === '--sim-limit') cli.options.simLimit = positiveInt(value(i++, a), a);
    else if (a === '--server') {
      const v = value(i++, a);
      if (v !== 'thread' && v !== 'inproc') throw new Error(`--server must be 'thread' or 'inproc', got '${v}'`);
      cli.options.server = v;
    } else throw new Error(`unknown argument '${a}' (try --list)`);
  }
  const known = sections.map((s) => s.name);
  const unknown = cli.only.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; sections: ${known.join(', ')}`);
  return cli;
}

function formatValue(m: Metric): string {
  const v = m.value;
  if (m.unit === 'x') return v.toFixed(3);
  if (Number.isInteger(v)) return String(v);
  return v >= 100 ? v.toFixed(0) : v.toFixed(2);
}

function summaryTable(metrics: Metric[]): string {
  const rows = metrics.map((m) => [
    m.section,
    m.name,
    formatValue(m),
    m.unit === 'x' ? '' : m.unit,
    m.target ? `>= ${m.target.min}` : '',
    m.pass === undefined ? '' : m.pass ? 'PASS' : 'FAIL',
    m.note ?? '',
  ]);
  const head = ['section', 'metric', 'value', 'unit', 'target', 'result', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  let cli: Cli;
  try {
    cli = parseArgs(process.argv.slice(2));
  } catch (e) {
    log(`bench: ${(e as Error).message}`);
    return 2;
  }
  if (cli.list) {
    for (const s of sections) process.stdout.write(`${s.name.padEnd(10)} ${s.title}\n`);
    return 0;
  }
  const chosen = cli.only.length ? sections.filter((s) => cli.only.includes(s.name)) : sections;
  const cores = availableParallelism();
  const loadBefore = loadavg()[0]!;
  log(`machine: ${cores} cores, load average ${loadBefore.toFixed(2)} (1 min)`);
  const started = performance.now();
  const results: Record<string, SectionResult & { seconds: number }> = {};
  const metrics: Metric[] = [];
  for (const s of chosen) {
    log(`== ${s.name}: ${s.title}`);
    const t0 = performance.now();
    const r = await s.run(cli.options);
    results[s.name] = { ...r, seconds: (performance.now() - t0) / 1000 };
    metrics.push(...r.metrics);
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = metrics.filter((m) => m.pass === false);
  const loadAfter = loadavg()[0]!;
  const busy = Math.max(loadBefore, loadAfter) > cores;
  process.stdout.write(`\n${summaryTable(metrics)}\n\n`);
  process.stdout.write(
    `${metrics.filter((m) => m.target).length} targets, ${failed.length} failed; ${seconds.toFixed(1)} s on node ${process.version}` +
      `${failed.length && !cli.strict ? ' (not --strict: exit 0)' : ''}\n`,
  );
  if (busy) {
    process.stdout.write(
      `note: the machine was busy (load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)} on ${cores} cores): ` +
        'wall-clock rates and ratios are unreliable (CPU-time ratios less so, but they move too); rerun on a quiet machine\n',
    );
  }
  if (cli.json) {
    const out = {
      format: 'sale-bench',
      version: 1,
      createdAt: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      machine: { cores, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      options: cli.options,
      seconds,
      metrics,
      sections: results,
      failed: failed.map((m) => `${m.section}: ${m.name}`),
    };
    writeFileSync(cli.json, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`summary written to ${cli.json}\n`);
  }
  return cli.strict && failed.length ? 1 : 0;
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'fake-ollama') {
  await fakeOllamaWorker();
} else if (isMainThread) {
  process.exitCode = await main().catch((e: unknown) => {
    log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  });
}
