// SALE's own tables beside the standard ones (read from the run directory only):
//   sale.csv / sale.md     per variant × domain × bin: pass@1 mean ± std over orders, the per-task
//                          averaged pass@1 (mean over orders per task first), cost, execution vs auction
//                          overhead (tokens by call type, $, share of all tokens), workload share per
//                          agent, how often refinement replaced the provisional winner, relative cost and
//                          reliance reduction against the largest agent alone where its outcomes are known.
//   workload-by-bin.csv    share of tasks each agent executed, per variant × domain × bin (mean ± std over orders).
//   learning-curve.csv     cumulative share of tasks won by each agent along the stream, per variant and
//                          domain, mean ± std over orders; `with-memory` = final winners, `without-memory` =
//                          the provisional winners of the same auctions (exactly what SALE without memory picks:
//                          same bids, same weights, no refinement).
//   calibration.csv        Spearman correlation of −(C − V) with the bidder's success, per variant × agent
//                          (× bin), on the first bids; outcomes of every agent when an outcome matrix holds
//                          them ("matrix"), otherwise only the executed winners' ("executed": biased to winners).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { readMatrix } from '../routers/matrix.ts';
import type { AttemptRecord } from '../records/records.ts';
import { readManifest, readRecords, type Manifest } from '../records/run-dir.ts';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';
import { AUCTIONS, readJsonl, WEIGHTS, type AuctionLine } from '../sale/log.ts';
import { parseStreamSystem } from '../sale/orders.ts';
import type { SaleDetails } from '../sale/record.ts';
import type { WeightsFile } from '../sale/system.ts';

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
/** Sample standard deviation (n − 1); 0 for a single value (one order has no spread to report). */
const std = (xs: number[]) => {
  if (xs.length < 2) return xs.length ? 0 : Number.NaN;
  // Equal values (up to rounding in their sums) have no spread: report 0, not 1e-19.
  if (Math.max(...xs) - Math.min(...xs) <= 1e-12 * Math.max(1, ...xs.map(Math.abs))) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Average ranks (ties share their mean rank), 1-based. */
export function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson on average ranks); NaN when either side is constant or n < 2. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) return Number.NaN;
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

export interface SaleRow {
  variant: string;
  domain: string;
  bin: number | 'all';
  orders: number;
  tasks: number;
  pass1Mean: number;
  pass1Std: number;
  pass1Min: number;
  pass1Max: number;
  pass1TaskAvg: number;
  costMean: number;
  costStd: number;
  executionCostMean: number;
  overheadCostMean: number;
  tokensMean: number;
  overheadTokens: { bid: number; judge: number; refine: number };
  overheadTokenShare: number;
  workloadShare: Record<string, number>;
  replacedRate: number;
  infraErrors: number;
  relativeCost: number;
  relianceReduction: number;
}

interface Ctx {
  manifest: Manifest;
  agents: string[];
  records: AttemptRecord[];
  auctions: AuctionLine[];
  /** Every agent's recorded outcome and cost on a task when known (single-agent records or the outcome matrix). */
  single: (taskId: string, agent: string) => AttemptRecord | undefined;
  singleSource: string;
  /** Variants in the run's order (SALE first, then the ablations as asked). */
  order: (variants: string[]) => string[];
}

function context(dir: string): Ctx {
  const manifest = readManifest(dir);
  // Sorted by key: sums do not depend on the order tasks finished in (a resumed run gives the same tables).
  const records = readRecords(dir).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const agents = [...manifest.settings.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok).map((a) => a.name);
  const auctions = readJsonl<AuctionLine>(join(dir, AUCTIONS));
  const cells = new Map<string, AttemptRecord>();
  let source = 'none';
  for (const r of records) if (r.system === `agent:${r.agent}` && r.status !== 'infra-error') cells.set(`${r.taskId}|${r.agent}`, r);
  if (cells.size) source = 'this run';
  const wf = join(dir, WEIGHTS);
  if (existsSync(wf)) {
    const w = readJson<WeightsFile>(wf);
    if (w.trainFrom && existsSync(join(w.trainFrom, 'manifest.json'))) {
      const m = readMatrix(w.trainFrom);
      let added = 0;
      for (const [taskId, row] of m.cells) for (const [agent, r] of row) if (!cells.has(`${taskId}|${agent}`) && r.status !== 'infra-error') (cells.set(`${taskId}|${agent}`, r), added++);
      if (added && source === 'none') source = `matrix ${m.manifest.runId}`;
    }
  }
  const listed = manifest.routing?.routers ?? [];
  const rank = (v: string) => (listed.includes(v) ? listed.indexOf(v) : listed.length + (v === 'sale' ? 0 : 1));
  const order = (vs: string[]) => [...vs].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return { manifest, agents, records, auctions, single: (t, a) => cells.get(`${t}|${a}`), singleSource: source, order };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const saleRecords = (records: AttemptRecord[]) =>
  records.map((r) => ({ r, s: parseStreamSystem(r.system) })).filter((x): x is { r: AttemptRecord; s: { variant: string; order: number } } => x.s !== null);

function rowFor(ctx: Ctx, variant: string, domain: string, bin: number | 'all', recs: { r: AttemptRecord; s: { order: number } }[]): SaleRow {
  const orders = [...new Set(recs.map((x) => x.s.order))].sort((a, b) => a - b);
  const per = orders.map((o) => recs.filter((x) => x.s.order === o).map((x) => x.r));
  const graded = (rs: AttemptRecord[]) => rs.filter((r) => r.status !== 'infra-error');
  const pass = per.map((rs) => (graded(rs).length ? graded(rs).filter((r) => r.passed).length / graded(rs).length : Number.NaN)).filter((x) => !Number.isNaN(x));
  const byTask = new Map<string, boolean[]>();
  for (const { r } of recs) if (r.status !== 'infra-error') byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r.passed]);
  const taskAvg = mean([...byTask.values()].map((v) => v.filter(Boolean).length / v.length));
  const det = (r: AttemptRecord) => r.route?.details?.sale as SaleDetails | undefined;
  const cost = per.map((rs) => rs.reduce((s, r) => s + r.costUsd, 0));
  const execCost = per.map((rs) => rs.reduce((s, r) => s + (det(r)?.execution.costUsd ?? r.costUsd), 0));
  const ovCost = per.map((rs) => rs.reduce((s, r) => s + (det(r)?.overhead.costUsd ?? 0), 0));
  const tokens = per.map((rs) => rs.reduce((s, r) => s + r.usage.inputTokens + r.usage.outputTokens, 0));
  const ovTok = (k: 'bid' | 'judge' | 'refine') => mean(per.map((rs) => rs.reduce((s, r) => s + (det(r)?.overhead.tokens[k] ?? 0), 0)));
  const ovAll = per.map((rs) => rs.reduce((s, r) => s + (det(r)?.overhead.tokens.all ?? 0), 0));
  const workloadShare: Record<string, number> = {};
  for (const a of ctx.agents) workloadShare[a] = mean(per.map((rs) => (rs.length ? rs.filter((r) => r.agent === a).length / rs.length : 0)));
  // Against the largest agent alone on the same tasks (when its outcomes are known).
  const largest = ctx.agents.at(-1)!;
  const tasks = [...new Set(recs.map((x) => x.r.taskId))];
  const alone = tasks.map((t) => ctx.single(t, largest));
  const known = alone.every(Boolean) && tasks.length > 0;
  const aloneCost = known ? alone.reduce((s, r) => s + r!.costUsd, 0) : Number.NaN;
  return {
    variant,
    domain,
    bin,
    orders: orders.length,
    tasks: tasks.length,
    pass1Mean: mean(pass),
    pass1Std: std(pass),
    pass1Min: pass.length ? Math.min(...pass) : Number.NaN,
    pass1Max: pass.length ? Math.max(...pass) : Number.NaN,
    pass1TaskAvg: taskAvg,
    costMean: mean(cost),
    costStd: std(cost),
    executionCostMean: mean(execCost),
    overheadCostMean: mean(ovCost),
    tokensMean: mean(tokens),
    overheadTokens: { bid: ovTok('bid'), judge: ovTok('judge'), refine: ovTok('refine') },
    overheadTokenShare: mean(tokens) ? mean(ovAll) / mean(tokens) : Number.NaN,
    workloadShare,
    replacedRate: mean(per.map((rs) => (rs.length ? rs.filter((r) => det(r)?.replaced).length / rs.length : 0))),
    infraErrors: recs.filter((x) => x.r.status === 'infra-error').length,
    relativeCost: known && aloneCost > 0 ? mean(cost) / aloneCost : Number.NaN,
    relianceReduction: known ? 1 - (workloadShare[largest] ?? 0) : Number.NaN,
  };
}

export function saleRows(ctx: Ctx): SaleRow[] {
  const recs = saleRecords(ctx.records);
  const variants = ctx.order([...new Set(recs.map((x) => x.s.variant))]);
  const domains = [...new Set(recs.map((x) => x.r.domain))].sort();
  const rows: SaleRow[] = [];
  for (const v of variants) {
    for (const d of domains.length > 1 ? [...domains, 'all'] : domains) {
      const mine = recs.filter((x) => x.s.variant === v && (d === 'all' || x.r.domain === d));
      for (const b of [0, 1, 2, 3, 4]) {
        const inBin = mine.filter((x) => x.r.bin === b);
        if (inBin.length) rows.push(rowFor(ctx, v, d, b, inBin));
      }
      if (mine.length) rows.push(rowFor(ctx, v, d, 'all', mine));
    }
  }
  return rows;
}

export interface CurvePoint {
  variant: string;
  domain: string;
  curve: 'with-memory' | 'without-memory';
  position: number;
  agent: string;
  share: number;
  std: number;
}

export function learningCurve(ctx: Ctx): CurvePoint[] {
  const out: CurvePoint[] = [];
  const variants = ctx.order([...new Set(ctx.auctions.map((a) => a.variant))]);
  for (const v of variants) {
    const lines = ctx.auctions.filter((a) => a.variant === v);
    for (const d of [...new Set(lines.map((l) => l.domain))].sort()) {
      const orders = [...new Set(lines.map((l) => l.order))].sort((a, b) => a - b);
      for (const curve of ['with-memory', 'without-memory'] as const) {
        // Per order: the domain's auctions in stream order, then cumulative win shares.
        const series = orders.map((o) => lines.filter((l) => l.order === o && l.domain === d).sort((a, b) => a.position - b.position).map((l) => (curve === 'with-memory' ? l.winner.agent : l.provisional)));
        const n = Math.min(...series.map((s) => s.length));
        for (const agent of ctx.agents) {
          const counts = series.map(() => 0);
          for (let p = 0; p < n; p++) {
            const shares = series.map((s, i) => {
              if (s[p] === agent) counts[i]!++;
              return counts[i]! / (p + 1);
            });
            out.push({ variant: v, domain: d, curve, position: p + 1, agent, share: mean(shares), std: std(shares) });
          }
        }
      }
    }
  }
  return out;
}

export interface CalibrationRow {
  variant: string;
  agent: string;
  bin: number | 'all';
  n: number;
  spearman: number;
  source: string;
}

export function calibration(ctx: Ctx): CalibrationRow[] {
  const out: CalibrationRow[] = [];
  // Executed outcomes by (variant, task, agent) from the records (winners only).
  const executed = new Map<string, boolean>();
  for (const { r, s } of saleRecords(ctx.records)) if (r.status !== 'infra-error') executed.set(`${s.variant}|${r.taskId}|${r.agent}`, r.passed);
  const variants = ctx.order([...new Set(ctx.auctions.map((a) => a.variant))]);
  for (const v of variants) {
    // First bids do not depend on the order: one point per (task, agent).
    const points = new Map<string, { agent: string; bin: number; score: number; outcome: boolean | undefined; source: string }>();
    for (const l of ctx.auctions.filter((a) => a.variant === v)) {
      for (const b of l.bids) {
        const key = `${l.taskId}|${b.agent}`;
        const single = ctx.single(l.taskId, b.agent);
        const outcome = single ? single.passed : executed.get(`${v}|${l.taskId}|${b.agent}`);
        const prev = points.get(key);
        if (!prev || (prev.outcome === undefined && outcome !== undefined)) points.set(key, { agent: b.agent, bin: l.bin, score: -b.z, outcome, source: single ? 'matrix' : 'executed' });
      }
    }
    const all = [...points.values()].filter((p) => p.outcome !== undefined);
    for (const agent of ctx.agents) {
      for (const bin of ['all', 0, 1, 2, 3, 4] as const) {
        const pts = all.filter((p) => p.agent === agent && (bin === 'all' || p.bin === bin));
        if (!pts.length) continue;
        const sources = [...new Set(pts.map((p) => p.source))].join('+');
        out.push({ variant: v, agent, bin, n: pts.length, spearman: spearman(pts.map((p) => p.score), pts.map((p) => (p.outcome ? 1 : 0))), source: sources });
      }
    }
  }
  return out;
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
const usd = (x: number) => (Number.isNaN(x) ? '—' : x === 0 ? '0' : x < 0.01 ? x.toExponential(2) : x.toFixed(4));
const binKey = (b: number | 'all') => (b === 'all' ? 'all' : BIN_KEYS[b]!);
const num = (x: number, d = 3) => (Number.isNaN(x) ? '—' : x.toFixed(d));

export interface SaleTables {
  rows: SaleRow[];
  curve: CurvePoint[];
  calibration: CalibrationRow[];
  files: Record<'csv' | 'markdown' | 'workload' | 'curve' | 'calibration', string>;
}

export function writeSaleTables(dir: string): SaleTables {
  const ctx = context(dir);
  const rows = saleRows(ctx);
  const curve = learningCurve(ctx);
  const cal = calibration(ctx);
  const label = ctx.manifest.label ?? '';
  const A = ctx.agents;
  const files = {
    csv: join(dir, 'sale.csv'),
    markdown: join(dir, 'sale.md'),
    workload: join(dir, 'workload-by-bin.csv'),
    curve: join(dir, 'learning-curve.csv'),
    calibration: join(dir, 'calibration.csv'),
  };
  writeFileSync(
    files.csv,
    stringify([
      ['label', 'variant', 'domain', 'bin', 'orders', 'tasks', 'pass_at_1_mean', 'pass_at_1_std', 'pass_at_1_min', 'pass_at_1_max', 'pass_at_1_task_avg', 'cost_usd_mean', 'cost_usd_std', 'execution_cost_usd_mean', 'overhead_cost_usd_mean', 'tokens_mean', 'overhead_bid_tokens_mean', 'overhead_judge_tokens_mean', 'overhead_refine_tokens_mean', 'overhead_token_share', ...A.map((a) => `workload_share_${a}`), 'refinement_replaced_rate', 'infra_errors', 'relative_cost', 'reliance_reduction'],
      ...rows.map((r) => [label, r.variant, r.domain, binKey(r.bin), r.orders, r.tasks, r.pass1Mean, r.pass1Std, r.pass1Min, r.pass1Max, r.pass1TaskAvg, r.costMean, r.costStd, r.executionCostMean, r.overheadCostMean, r.tokensMean, r.overheadTokens.bid, r.overheadTokens.judge, r.overheadTokens.refine, r.overheadTokenShare, ...A.map((a) => r.workloadShare[a] ?? 0), r.replacedRate, r.infraErrors, r.relativeCost, r.relianceReduction]),
    ]),
  );
  writeFileSync(
    files.workload,
    stringify([
      ['label', 'variant', 'domain', 'bin', 'agent', 'workload_share_mean', 'orders'],
      ...rows.flatMap((r) => A.map((a) => [label, r.variant, r.domain, binKey(r.bin), a, r.workloadShare[a] ?? 0, r.orders])),
    ]),
  );
  writeFileSync(files.curve, stringify([['label', 'variant', 'domain', 'curve', 'position', 'agent', 'cumulative_share_mean', 'cumulative_share_std'], ...curve.map((c) => [label, c.variant, c.domain, c.curve, c.position, c.agent, c.share, c.std])]));
  writeFileSync(files.calibration, stringify([['label', 'variant', 'agent', 'bin', 'n', 'spearman', 'outcomes'], ...cal.map((c) => [label, c.variant, c.agent, binKey(c.bin), c.n, c.spearman, c.source])]));

  const md: string[] = [`# ${label ? `${label} — ` : ''}SALE: strategy auctions`, ''];
  if (label) md.push(`**${label}**: the sim provider stood in for the models; these numbers say nothing about any model.`, '');
  const wfile = join(dir, WEIGHTS);
  const weights = existsSync(wfile) ? readJson<WeightsFile>(wfile) : undefined;
  if (weights) {
    md.push(`Weights (${weights.method}, fitted on ${weights.split.train.length} training tasks${weights.matrixRunId ? ` of outcome matrix \`${weights.matrixRunId}\`` : ''}; entropy: ${Object.entries(weights.training.entropyKinds).map(([k, n]) => `${k === 'top-k' ? 'top-k approximation' : k} ×${n}`).join(', ')}):`, '');
    md.push(`| variant | w cost | w entropy | ${A.map((a) => `w jury ${a}`).join(' | ')} | worst margin | training: picked a solver | picked cheapest solver |`);
    md.push(`|---|---:|---:|${A.map(() => '---:').join('|')}|---:|---:|---:|`);
    for (const f of Object.values(weights.variants)) {
      const t = f.fit?.training;
      md.push(`| ${(f.usedBy ?? [f.variant]).join(', ')} | ${num(f.weights.cost)} | ${num(f.weights.entropy)} | ${A.map((a) => num(f.weights.jury[a] ?? 0)).join(' | ')} | ${f.fit?.worstMargin !== undefined ? num(f.fit.worstMargin) : '—'} | ${t ? `${t.pickedSolver}/${t.tasks}` : '—'} | ${t ? `${t.pickedCheapestSolver}/${t.solvable}` : '—'} |`);
    }
    md.push('', `Fitting cost (bids and jury on the training tasks): ${weights.training.calls} calls, ${weights.training.tokens} tokens, $${usd(weights.training.costUsd)} — not part of any row below.`, '');
  }
  for (const d of [...new Set(rows.map((r) => r.domain))]) {
    const mine = rows.filter((r) => r.domain === d);
    md.push(`## ${d === 'all' ? 'All domains' : d} (test split; mean ± std over ${Math.max(...mine.map((r) => r.orders))} task orders)`, '');
    md.push(`| variant | pass@1 % | per-task avg % | cost $ | execution $ | overhead $ | overhead tokens % | ${A.map((a) => `share ${a}`).join(' | ')} | refined winner % | relative cost | reliance ↓ |`);
    md.push(`|---|---:|---:|---:|---:|---:|---:|${A.map(() => '---:').join('|')}|---:|---:|---:|`);
    for (const r of mine.filter((x) => x.bin === 'all')) {
      md.push(`| ${r.variant} | ${pct(r.pass1Mean)} ± ${pct(r.pass1Std)} | ${pct(r.pass1TaskAvg)} | ${usd(r.costMean)} ± ${usd(r.costStd)} | ${usd(r.executionCostMean)} | ${usd(r.overheadCostMean)} | ${pct(r.overheadTokenShare)} | ${A.map((a) => pct(r.workloadShare[a] ?? 0)).join(' | ')} | ${pct(r.replacedRate)} | ${num(r.relativeCost)} | ${pct(r.relianceReduction)} |`);
    }
    md.push('', `pass@1 % per τ bin (mean ± std over orders): ${BIN_LABELS.join(' / ')}`, '');
    md.push(`| variant | ${BIN_LABELS.map((l) => `τ ${l}`).join(' | ')} |`, `|---|${BIN_LABELS.map(() => '---:').join('|')}|`);
    for (const v of [...new Set(mine.map((r) => r.variant))]) {
      md.push(`| ${v} | ${[0, 1, 2, 3, 4].map((b) => mine.find((r) => r.variant === v && r.bin === b)).map((r) => (r ? `${pct(r.pass1Mean)} ± ${pct(r.pass1Std)}` : '')).join(' | ')} |`);
    }
    md.push('');
  }
  // Learning curve in brief: the cheapest agent's share of wins over the first and last quarter of the stream.
  const cheapest = A[0]!;
  const briefs: string[] = [];
  for (const v of [...new Set(curve.map((c) => c.variant))]) {
    for (const d of [...new Set(curve.filter((c) => c.variant === v).map((c) => c.domain))]) {
      const pts = (kind: CurvePoint['curve']) => curve.filter((c) => c.variant === v && c.domain === d && c.curve === kind && c.agent === cheapest);
      const w = pts('with-memory');
      const wo = pts('without-memory');
      if (!w.length) continue;
      const at = (ps: CurvePoint[], q: number) => ps[Math.max(0, Math.ceil(q * ps.length) - 1)]!.share;
      briefs.push(`| ${v} | ${d} | ${pct(at(w, 0.25))} → ${pct(at(w, 1))} | ${pct(at(wo, 0.25))} → ${pct(at(wo, 1))} |`);
    }
  }
  if (briefs.length) {
    md.push(`## Learning curve (learning-curve.csv)`, '', `Cumulative share of tasks won by ${cheapest} (the cheapest agent), after the first quarter of the stream → at its end, mean over orders. "Without memory" = the provisional winners of the same auctions.`, '');
    md.push('| variant | domain | with memory | without memory |', '|---|---|---:|---:|', ...briefs, '');
  }
  const calAll = cal.filter((c) => c.bin === 'all');
  if (calAll.length) {
    md.push('## Bid calibration (calibration.csv)', '', 'Spearman correlation of −(C − V) of each first bid with the bidder\'s success on the task.', '');
    md.push(`| variant | ${A.join(' | ')} | outcomes |`, `|---|${A.map(() => '---:').join('|')}|---|`);
    for (const v of [...new Set(calAll.map((c) => c.variant))]) {
      const cells = A.map((a) => calAll.find((c) => c.variant === v && c.agent === a)).map((c) => (c ? `${num(c.spearman, 2)} (n ${c.n})` : '—'));
      md.push(`| ${v} | ${cells.join(' | ')} | ${[...new Set(calAll.filter((c) => c.variant === v).map((c) => c.source))].join(', ')} |`);
    }
    md.push('');
  }
  md.push(
    'Definitions: pass@1 per order over graded tasks, then mean ± sample std over orders; per-task avg = mean over orders per task, then over tasks. Cost = Σ over every model call (bids, jury, refinement, execution) of tokens × the calling agent\'s price; overhead = bids + jury + refinement. Identical calls are made once per run and shared by orders and ablations, but every row is charged for all the calls its auctions needed. Relative cost and reliance ↓ compare with the largest agent alone on the same tasks, when its outcomes are known (' +
      ctx.singleSource +
      '). Entropy H is the mean per-token entropy of the renormalised top-k distribution (a top-k approximation) unless the engine gave the full distribution.',
  );
  writeFileSync(files.markdown, `${md.join('\n')}\n`);
  return { rows, curve, calibration: cal, files };
}
