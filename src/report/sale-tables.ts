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
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AttemptRecord } from '../records/records.ts';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';
import type { SaleDetails } from '../sale/record.ts';
import { WEIGHTS } from '../sale/log.ts';
import type { WeightsFile } from '../sale/weights-file.ts';
import { context, mean, readJson, saleRecords, std, type Ctx } from './sale-context.ts';
import { calibration, learningCurve, type CalibrationRow, type CurvePoint } from './sale-curves.ts';
import { writeOverheadTables } from './sale-overhead.ts';
import { writeSaleArtefacts } from './sale-artefacts.ts';


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

const pct = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
const usd = (x: number) => (Number.isNaN(x) ? '—' : x === 0 ? '0' : x < 0.01 ? x.toExponential(2) : x.toFixed(4));
const binKey = (b: number | 'all') => (b === 'all' ? 'all' : BIN_KEYS[b]!);
const num = (x: number, d = 3) => (Number.isNaN(x) ? '—' : x.toFixed(d));

export interface SaleTables {
  rows: SaleRow[];
  curve: CurvePoint[];
  calibration: CalibrationRow[];
  files: Record<'csv' | 'markdown' | 'workload' | 'curve' | 'calibration' | 'overhead' | 'shapley' | 'confusion' | 'planLength', string>;
}

/** What a replay's executions followed: a plan-free matrix, or `bench matrix --with-plans` (exact or bid plans). */
export function replayNotice(ctx: Ctx): string[] {
  const matrix = ctx.manifest.routing?.matrixRunId || ctx.manifest.routing?.matrix || '';
  const plans = saleRecords(ctx.records).map((x) => (x.r.route?.details?.sale as SaleDetails | undefined)?.execution.plan ?? 'none');
  const n = (k: string) => plans.filter((p) => p === k).length;
  const out: string[] = [];
  if (n('none')) {
    out.push(`**Replayed on a plan-free outcome matrix** (\`${matrix}\`): ${n('none') === plans.length ? 'every execution' : `${n('none')} of ${plans.length} executions`} ran without a plan in the prompt, so the winning plan could not change its outcome (the paper executes the winner with its own plan; \`sale bench matrix --with-plans\` records plan-conditioned executions).`);
  }
  if (n('same') || n('bid')) {
    out.push(`**Replayed on a plan-conditioned outcome matrix** (\`${matrix}\`, \`sale bench matrix --with-plans\`): ${n('same')} of ${plans.length} winners executed exactly the plan that won (their bid, recorded in the matrix); ${n('bid')} winners' plans differ from the agent's recorded bid (refined plans, which a matrix cannot hold) and count the execution that followed the agent's bid plan instead.`);
  }
  return out;
}

export function writeSaleTables(dir: string): SaleTables {
  const ctx = context(dir);
  const rows = saleRows(ctx);
  const curve = learningCurve(ctx);
  const cal = calibration(ctx);
  const label = ctx.manifest.label ?? '';
  const A = ctx.agents;
  const files: SaleTables['files'] = {
    shapley: '',
    confusion: '',
    planLength: '',
    csv: join(dir, 'sale.csv'),
    markdown: join(dir, 'sale.md'),
    workload: join(dir, 'workload-by-bin.csv'),
    curve: join(dir, 'learning-curve.csv'),
    calibration: join(dir, 'calibration.csv'),
    overhead: writeOverheadTables(dir, ctx).csv,
  };
  const artefacts = writeSaleArtefacts(dir, ctx);
  Object.assign(files, { shapley: artefacts.shapley, confusion: artefacts.confusion, planLength: artefacts.planLength });
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
  // A replay scores the matrix's executions: which plan they followed (record.ts executionPlan) decides what it says.
  if (ctx.manifest.routing?.replay) md.push(...replayNotice(ctx), '');
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
    // The fit report (fit-select.ts): the fitted weights against each single agent and always-largest, on training.
    for (const f of Object.values(weights.variants)) {
      const rep = f.fit?.report;
      if (!rep?.length) continue;
      md.push('', `Fit report — ${(f.usedBy ?? [f.variant]).join(', ')} on the training tasks (utility at the run's λ${f.fit?.fitLambda !== undefined ? `; weights fitted at λ ${num(f.fit.fitLambda, 2)}` : ''}):`, '');
      md.push(`| system | pass@1 % | cost $ | utility | ${A.map((a) => `share ${a}`).join(' | ')} |`, `|---|---:|---:|---:|${A.map(() => '---:').join('|')}|`);
      for (const r of rep) md.push(`| ${r.system} | ${pct(r.pass1)} | ${usd(r.costUsd)} | ${num(r.utility, 2)} | ${A.map((a) => pct(r.share[a] ?? 0)).join(' | ')} |`);
      if (f.fit?.worseThanLargest) md.push('', `<span style="color:red">**Warning: the fitted weights are worse than always running the largest agent on their own training tasks (training utility).**</span>`);
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
  const plans = artefacts.summary.plan.map((p) => `${p.variant} ${p.domain} ${num(p.spearman, 2)} (n ${p.n})`);
  if (plans.length) md.push(`Spearman of the winning plan's length with its execution trace's length (sale-plan-length.csv; the paper: 0.39): ${plans.join('; ')}.`, '');
  const sh = artefacts.summary.shapley.filter((x) => x.auctions > 0);
  if (sh.length) {
    md.push('Shapley value of each agent within SALE (sale-shapley.json: the logged first bids re-auctioned among every coalition, no refinement), points of pass@1:', '');
    md.push(`| variant | domain | auctions | ${A.join(' | ')} | v(all) |`, `|---|---|---:|${A.map(() => '---:').join('|')}|---:|`);
    for (const x of sh) md.push(`| ${x.variant} | ${x.domain} | ${x.auctions} | ${A.map((a) => pct(x.value[a] ?? Number.NaN)).join(' | ')} | ${pct(x.full)} |`);
    md.push('');
  } else md.push('Shapley values within SALE and the winner × cheapest-solver confusion matrix need every agent\'s outcome on the test tasks: replay on an outcome matrix (`sale bench matrix`) to fill sale-shapley.json and sale-confusion.csv.', '');
  md.push('Auction overhead as shares of the run — tokens (input and output apart), $ and engine time, per τ bin, the jury apart: sale-overhead.md / sale-overhead.csv.', '');
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
