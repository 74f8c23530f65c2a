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
//   --rounds N    rounds per concurrency level in the `provider` section (default 40, at most 80);
//                 the number of requests stays the same, only the interleaving gets finer
//   --sim-limit N tasks of the `sim-run` section (default: every coding task)
//
// Sections (one file each in scripts/bench/, listed in `sections` below; a new benchmark is one more
// file and one more entry; scripts/bench/common.ts holds the shared types and helpers):
//   provider  chat requests/s through our Ollama provider vs the raw official `ollama` client, both
//             against the fake Ollama server of tests/support, at concurrency 1 and 8. Rounds
//             alternate between the sides (and which side goes first) so machine noise hits both alike.
//             Target: ours/raw >= 0.97 at each concurrency. Also the client's own CPU per call, ours vs
//             raw, with no server (an in-memory recorded reply): steadier than wall time on a busy machine.
//   sim-run   a full simulated `bench run` in-process (sim provider, real Python sandbox): attempts/s.
//   loader    the task loader at scale: load time of a 150k-line task file; selection of --limit 1 among
//             100k tasks in-process and end to end through the CLI (sim, one agent). No targets.
//   deepsearch  the deep-search corpus's BM25 index: build time with no cache (cold), load time from the
//             disk cache (warm), and search latency p50/p99 over the suite's own questions (k = 10), raw
//             and through the search tool (with snippets). No targets: reported for the note.
//   routers   router replay speed: decisions per second per router on a synthetic outcome matrix of
//             2 000 tasks (fit included; no target), and fit + replay of every baseline router on
//             10 000 training + 10 000 test tasks. Target: each under 10 s (10 s ÷ time ≥ 1).
//   swap      model-swap time as a share of engine busy time, 4 models on a GPU that holds 2, for
//             SALE-shaped work in task order vs through the swap-aware gate. Target: swap-aware <= 5 %.
//   sale      SALE's own compute per auction without model calls (decision on constructed bids; whole
//             auctions with every call cached) and memory retrieval p50/p99 at 1k and 10k stored auctions
//             (scripts/bench/sale.ts says what each number covers). Targets: decision p99 < 1 ms, retrieval p99 < 5 ms at 10k (TF-IDF and dense 384).
//   report    `sale bench report` on a 5,000-attempt simulated run with SALE: build time, file size, page
//             open time in headless Chromium (navigation → tables and task list shown) and the time to
//             open one SALE attempt. Target: open < 2 s.
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { log, type BenchOptions, type Metric, type Section, type SectionResult } from './bench/common.ts';

export type { BenchOptions, Metric, Section, SectionResult } from './bench/common.ts';
export { median } from './bench/common.ts';

// Each section's module is loaded when the section runs (so --list and --only load only what they need).
export const sections: Section[] = [
  {
    name: 'provider',
    title: 'Ollama provider overhead (ours vs raw official client)',
    run: async (o) => (await import('./bench/provider.ts')).providerSection(o),
  },
  {
    name: 'sim-run',
    title: 'Full simulated run (sim provider, coding, Python sandbox)',
    run: async (o) => (await import('./bench/sim-run.ts')).simRunSection(o),
  },
  {
    name: 'loader',
    title: 'Task loader at scale: a 150k-line file, --limit 1 on 100k tasks',
    run: async () => (await import('./bench/loader.ts')).loaderSection(),
  },
  {
    name: 'deepsearch',
    title: 'Deep-search index build/load time and search latency',
    run: async () => (await import('./bench/deepsearch.ts')).deepsearchSection(),
  },
  {
    name: 'routers',
    title: 'Router replay speed: decisions per second from an outcome matrix',
    run: async () => (await import('./bench/routers.ts')).routersSection(),
  },
  {
    name: 'sale',
    title: 'SALE: auction compute per task without model calls, memory retrieval at 1k/10k',
    run: async () => (await import('./bench/sale.ts')).saleSection(),
  },
  {
    name: 'swap',
    title: 'Model-swap time share on one GPU holding 2 of 4 models: task order vs swap-aware schedule',
    run: async () => (await import('./bench/swap.ts')).swapSection(),
  },
  {
    name: 'report',
    title: '`sale bench report` on 5,000 attempts: build time, file size, page open in headless Chromium',
    run: async () => (await import('./bench/report.ts')).reportSection(),
  },
];

interface Cli {
  only: string[];
  json: string | null;
  strict: boolean;
  list: boolean;
  options: BenchOptions;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { only: [], json: null, strict: false, list: false, options: { server: 'thread', rounds: 40, simLimit: null } };
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
      if (cli.options.rounds > 80) throw new Error('--rounds: at most 80 (keeps the provider section bounded)');
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

if (isMainThread) {
  process.exitCode = await main().catch((e: unknown) => {
    log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  });
}
