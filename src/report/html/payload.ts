// What `sale bench report` embeds in its HTML file: a light part read when the page opens (runs, summary
// tables, plot specs and one index row per attempt) and the heavy attempt details (messages, tool calls,
// per-call counters, the grader's verdict, SALE's auction) in chunks the page decompresses only when a
// task is opened. Every part is gzip-compressed and base64-encoded (the browser decodes it with
// DecompressionStream), so a 5,000-attempt run stays a file that opens fast.
import { gzipSync } from 'node:zlib';
import { analyzeDomain, type DomainAnalysis } from '../compare/analysis.ts';
import { mergeRuns } from '../compare/load.ts';
import { buildSpecs, PLOT_NAMES } from '../compare/plots.ts';
import type { ReportRecord, ReportRun } from './read-run.ts';

/** Attempts per detail chunk: small enough to decompress instantly, large enough to compress well. */
export const CHUNK_SIZE = 100;

export interface SummaryRow {
  system: string;
  kind: string;
  tasks: number;
  graded: number;
  infra: number;
  pass1: number;
  ciLow: number;
  ciHigh: number;
  costPerTask: number;
  costLow: number;
  costHigh: number;
  relativeCost: number | null;
  largestShare: number | null;
  aiq: number | null;
  apgr: number | null;
  tau50: number | null;
  tau50Note: string;
}

/** One row per attempt: what the task browser filters and lists without opening any chunk. */
export interface IndexRow {
  system: string;
  agent: string;
  taskId: string;
  suite: string;
  domain: string;
  bin: number;
  tau: number;
  status: string;
  reason: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  wallMs: number;
  gpuSeconds: number;
  sale: boolean;
  chunk: number;
  pos: number;
}

export interface ReportPayload {
  title: string;
  label: string | null;
  generatedAt: string;
  runs: { runId: string; dir: string; status: string; provider: string; createdAt: string; attempts: number; auctions: number }[];
  warnings: string[];
  summary: { domain: string; rows: SummaryRow[] }[];
  plots: { domain: string; name: string; spec: unknown }[];
  attempts: IndexRow[];
}

export interface EncodedPayload {
  main: string;
  chunks: string[];
  attempts: number;
}

export const encode = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)), { level: 6 }).toString('base64');
const finite = (x: number) => (Number.isFinite(x) ? x : null);

function summaryRows(a: DomainAnalysis): SummaryRow[] {
  return a.overall.map((p) => {
    const h = a.horizons[p.system]?.horizons.find((x) => x.p === 0.5);
    return {
      system: p.system,
      kind: p.kind,
      tasks: p.tasks,
      graded: p.graded,
      infra: p.tasks - p.graded,
      pass1: p.pass1,
      ciLow: p.ciLow,
      ciHigh: p.ciHigh,
      costPerTask: p.costPerTask,
      costLow: p.costPerTaskLow,
      costHigh: p.costPerTaskHigh,
      relativeCost: finite(p.relativeCost),
      largestShare: finite(p.largestShare),
      aiq: a.aiq[p.system] ?? null,
      apgr: a.apgr[p.system] ?? null,
      tau50: h && Number.isFinite(h.tau) && h.censored === null ? h.tau : null,
      tau50Note: !h ? '' : h.censored === 'above' ? 'beyond the τ range' : h.censored === 'below' ? 'below the τ range' : '',
    };
  });
}

/** The attempt's heavy part, as the task browser shows it. */
function detail(r: ReportRecord) {
  return {
    key: r.key,
    stopReason: r.stopReason,
    grade: r.grade,
    infraError: r.infraError,
    submission: r.submission,
    usage: r.usage,
    timings: r.timings,
    health: r.health,
    calls: r.calls,
    messages: r.messages,
    route: r.route ?? null,
    auction: r.auction ?? null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export function buildPayload(runs: ReportRun[], options: { reps: number; seed: number }): { payload: ReportPayload; chunks: string[] } {
  const merged = mergeRuns(runs);
  const records = merged.records as ReportRecord[];
  const domains = [...new Set(records.map((r) => r.domain))].sort();
  const analyses = domains.map((d) => analyzeDomain(records, d, merged.agents, { reps: options.reps, seed: options.seed }));
  const runIds = runs.map((r) => r.manifest.runId).join(', ');
  const plots = analyses.flatMap((a) => {
    const tasks = new Set(records.filter((r) => r.domain === a.domain).map((r) => r.taskId)).size;
    const specs = buildSpecs(a, { label: merged.label, subtitle: `${runs.length > 1 ? 'runs' : 'run'} ${runIds} · ${tasks} tasks`, style: 'screen' });
    return PLOT_NAMES.map((name) => ({ domain: a.domain, name, spec: specs[name] }));
  });
  const sorted = [...records].sort((x, y) => x.taskId.localeCompare(y.taskId, 'en', { numeric: true }) || x.system.localeCompare(y.system, 'en', { numeric: true }));
  const chunks: string[] = [];
  const attempts: IndexRow[] = sorted.map((r, i) => ({
    system: r.system,
    agent: r.agent,
    taskId: r.taskId,
    suite: r.suite,
    domain: r.domain,
    bin: r.bin,
    tau: r.tau,
    status: r.status,
    reason: r.grade?.reason ?? r.infraError?.message ?? '',
    costUsd: r.costUsd,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
    wallMs: r.timings.wallMs,
    gpuSeconds: r.timings.gpuSeconds,
    sale: Boolean(r.auction),
    chunk: Math.floor(i / CHUNK_SIZE),
    pos: i % CHUNK_SIZE,
  }));
  for (let i = 0; i < sorted.length; i += CHUNK_SIZE) chunks.push(encode(sorted.slice(i, i + CHUNK_SIZE).map(detail)));
  const warnings = runs.filter((r) => r.manifest.status !== 'complete').map((r) => `run ${r.manifest.runId} is ${r.manifest.status}: it covers only the attempts it finished`);
  const payload: ReportPayload = {
    title: `${merged.label ? `${merged.label} — ` : ''}sale report: ${runIds}`,
    label: merged.label,
    generatedAt: new Date().toISOString(),
    runs: runs.map((r) => ({
      runId: r.manifest.runId,
      dir: r.dir,
      status: r.manifest.status,
      provider: r.manifest.settings.provider,
      createdAt: r.manifest.createdAt,
      attempts: r.records.length,
      auctions: r.auctions,
    })),
    warnings,
    summary: analyses.map((a) => ({ domain: a.domain, rows: summaryRows(a) })),
    plots,
    attempts,
  };
  return { payload, chunks };
}
