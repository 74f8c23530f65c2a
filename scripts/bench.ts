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
//   --rounds N    measured rounds per side in the `provider` section (default 5)
//   --sim-limit N tasks of the `sim-run` section (default: every coding task)
//
// Sections (one function each, listed in `sections`; a new benchmark is one more entry):
//   provider  chat requests/s through our Ollama provider vs the raw official `ollama` client, both
//             against the fake Ollama server of tests/support, at concurrency 1 and 8. Rounds
//             alternate between the sides (and which side goes first) so machine noise hits both alike.
//             Target: ours/raw >= 0.97 at each concurrency.
//   sim-run   a full simulated `bench run` in-process (sim provider, real Python sandbox): attempts/s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Ollama } from 'ollama';
import { loadConfig } from '../src/config/load.ts';
import { createOllamaClient } from '../src/models/ollama.ts';
import { createModelClient } from '../src/models/registry.ts';
import type { ChatRequest } from '../src/models/types.ts';
import { runBench } from '../src/runner/run-bench.ts';
import { createSandbox } from '../src/sandbox/index.ts';
import { createSuites } from '../src/suites/index.ts';
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
  const ask = <T>(req: Omit<WorkerRequest, 'id'>): Promise<T> =>
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
/** The most requests the provider section may send in total (warm-up included). */
const MAX_PROVIDER_REQUESTS = 3000;

function providerPlan(rounds: number) {
  // Requests per round per side; concurrency 8 gets more so each round lasts long enough to time.
  const levels = [
    { concurrency: 1, perRound: 100, warmup: 40 },
    { concurrency: 8, perRound: 160, warmup: 40 },
  ];
  const total = levels.reduce((s, l) => s + 2 * (l.warmup + rounds * l.perRound), 0);
  if (total > MAX_PROVIDER_REQUESTS) {
    // Shrink rounds' size to stay within the bound.
    const scale = (MAX_PROVIDER_REQUESTS - levels.reduce((s, l) => s + 2 * l.warmup, 0)) / (total - levels.reduce((s, l) => s + 2 * l.warmup, 0));
    for (const l of levels) l.perRound = Math.max(10, Math.floor(l.perRound * scale));
  }
  return levels;
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

    // Both sides must send the same body (apart from `stream`), or the comparison is unfair.
    await sides.ours();
    await sides.raw();
    const [a, b] = await server.lastChats(2);
    const sameBody = JSON.stringify(a) === JSON.stringify(b);
    if (!sameBody) log(`provider: WARNING the two sides sent different bodies:\n  ours: ${JSON.stringify(a)}\n  raw:  ${JSON.stringify(b)}`);

    const metrics: Metric[] = [];
    const levelDetails: Record<string, unknown>[] = [];
    let sent = 2;
    for (const level of providerPlan(options.rounds)) {
      const { concurrency, perRound, warmup } = level;
      // Warm-up: JIT, connection pool and the server's own caches, for both sides.
      await drive(warmup, concurrency, sides.ours);
      await drive(warmup, concurrency, sides.raw);
      sent += 2 * warmup;
      const rps: Record<'ours' | 'raw', number[]> = { ours: [], raw: [] };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which side goes first, so a trend (thermal, other load) does not favour one side.
        const order: ('ours' | 'raw')[] = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
        for (const side of order) {
          const ms = await drive(perRound, concurrency, sides[side]);
          rps[side].push(perRound / (ms / 1000));
          sent += perRound;
        }
      }
      const oursMedian = median(rps.ours);
      const rawMedian = median(rps.raw);
      const ratio = oursMedian / rawMedian;
      const perRoundRatios = rps.ours.map((v, i) => v / rps.raw[i]!);
      log(
        `provider c=${concurrency}: ours ${rps.ours.map((v) => v.toFixed(0)).join(' ')} req/s | raw ${rps.raw.map((v) => v.toFixed(0)).join(' ')} req/s | ratio ${ratio.toFixed(3)}`,
      );
      const tag = `c=${concurrency}`;
      metrics.push(metric('provider', `ours req/s ${tag}`, oursMedian, 'req/s', { note: `median of ${options.rounds} rounds × ${perRound}` }));
      metrics.push(metric('provider', `raw req/s ${tag}`, rawMedian, 'req/s', { note: `median of ${options.rounds} rounds × ${perRound}` }));
      metrics.push(
        metric('provider', `ratio ours/raw ${tag}`, ratio, 'x', {
          target: { min: 0.97 },
          note: `per-round ratios ${perRoundRatios.map((r) => r.toFixed(3)).join(' ')}`,
        }),
      );
      levelDetails.push({ concurrency, perRound, warmup, rounds: options.rounds, oursReqPerSec: rps.ours, rawReqPerSec: rps.raw, perRoundRatios });
    }
    const received = await server.chatCount();
    if (received !== sent) throw new Error(`provider bench: sent ${sent} chat requests but the server received ${received}`);
    return {
      metrics,
      details: { server: server.where, reply: BENCH_REPLY, requests: sent, sameWireBody: sameBody, levels: levelDetails },
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
  const limits = suites[0]!.config.sandbox;
  const sandbox = await createSandbox(
    limits
      ? {
          defaults: {
            timeoutMs: limits.timeout_ms,
            cpuSeconds: limits.cpu_seconds,
            memoryMb: limits.memory_mb,
            maxProcesses: limits.max_processes,
            maxOutputBytes: limits.max_output_bytes,
          },
        }
      : {},
  );
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
    log(`sim-run: ${attempts} attempts (${calls} model calls) in ${seconds.toFixed(1)} s, isolation ${sandbox.isolation}`);
    const note = `${config.agents.length} agents, concurrency ${concurrency}, sandbox ${sandbox.isolation}`;
    return {
      metrics: [
        metric('sim-run', 'attempts', attempts, 'attempts', { note }),
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
// The section list and the driver

export const sections: Section[] = [
  { name: 'provider', title: 'Ollama provider overhead (ours vs raw official client)', run: providerSection },
  { name: 'sim-run', title: 'Full simulated run (sim provider, coding, Python sandbox)', run: simRunSection },
];

interface Cli {
  only: string[];
  json: string | null;
  strict: boolean;
  list: boolean;
  options: BenchOptions;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { only: [], json: null, strict: false, list: false, options: { server: 'thread', rounds: 5, simLimit: null } };
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
    else if (a === '--rounds') cli.options.rounds = positiveInt(value(i++, a), a);
    else if (a === '--sim-limit') cli.options.simLimit = positiveInt(value(i++, a), a);
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
  process.stdout.write(`\n${summaryTable(metrics)}\n\n`);
  process.stdout.write(
    `${metrics.filter((m) => m.target).length} targets, ${failed.length} failed; ${seconds.toFixed(1)} s on node ${process.version}` +
      `${failed.length && !cli.strict ? ' (not --strict: exit 0)' : ''}\n`,
  );
  if (cli.json) {
    const out = {
      format: 'sale-bench',
      version: 1,
      createdAt: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
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
