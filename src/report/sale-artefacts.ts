// The paper's missing artefacts, written by every SALE run (read from the run directory only):
//   sale-shapley.json        Shapley value of each agent WITHIN SALE: v(S) = pass@1 of the auction held
//                            among the bidders in S only (the logged first bids' z = C − V, lowest wins; the
//                            jury and weights as logged, no refinement), the winner's outcome from every
//                            agent's own recorded outcome on the task. Exact over all 2^|A| coalitions, on the
//                            tasks where every agent's outcome is known. (Not the oracle's shapley.json.)
//   sale-confusion.csv       SALE's final winner × the cheapest agent that solved the task ("none": nobody did),
//                            counted over every order, on tasks where every agent's outcome is known.
//   sale-plan-length.csv     Spearman correlation of the winning plan's length (tokens) with its execution
//                            trace's length (tokens), per variant × domain (the paper: 0.39).
// Where every agent's outcome on the test tasks is unknown (a live run without an outcome matrix), the
// first two say how many tasks they could use (possibly none): replay on `sale bench matrix` to fill them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SaleDetails } from '../sale/record.ts';
import { mean, saleRecords, spearman, type Ctx } from './sale-context.ts';

/** Exact Shapley values of a set function over the players (v(∅) is taken as given by v). */
export function shapley(players: readonly string[], v: (coalition: readonly string[]) => number): Record<string, number> {
  const n = players.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const value = new Map<number, number>();
  const of = (mask: number) => {
    if (!value.has(mask)) value.set(mask, v(players.filter((_, i) => mask & (1 << i))));
    return value.get(mask)!;
  };
  const out: Record<string, number> = {};
  players.forEach((p, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const size = players.filter((_, j) => mask & (1 << j)).length;
      phi += ((fact(size) * fact(n - size - 1)) / fact(n)) * (of(mask | (1 << i)) - of(mask));
    }
    out[p] = phi;
  });
  return out;
}

export interface SaleShapley {
  variant: string;
  domain: string;
  tasks: number;
  auctions: number;
  value: Record<string, number>;
  /** v(all agents): the re-held auction's pass@1 with every bidder (no refinement). */
  full: number;
}

/** Shapley values within SALE, per variant × domain, from the auction log and every agent's outcomes. */
export function saleShapley(ctx: Ctx): SaleShapley[] {
  const out: SaleShapley[] = [];
  const variants = ctx.order([...new Set(ctx.auctions.map((l) => l.variant))]);
  for (const variant of variants) {
    for (const domain of [...new Set(ctx.auctions.filter((l) => l.variant === variant).map((l) => l.domain))].sort()) {
      const lines = ctx.auctions.filter((l) => l.variant === variant && l.domain === domain && ctx.agents.every((a) => ctx.single(l.taskId, a)));
      const v = (S: readonly string[]) => {
        if (!S.length || !lines.length) return 0;
        let solved = 0;
        for (const l of lines) {
          const bids = l.bids.filter((b) => S.includes(b.agent));
          if (!bids.length) continue;
          // Lowest z wins; ties → the cheaper agent (the auction's rule).
          const w = bids.reduce((best, b) => (b.z < best.z || (b.z === best.z && ctx.agents.indexOf(b.agent) < ctx.agents.indexOf(best.agent)) ? b : best));
          if (ctx.single(l.taskId, w.agent)!.passed) solved++;
        }
        return solved / lines.length;
      };
      out.push({ variant, domain, tasks: new Set(lines.map((l) => l.taskId)).size, auctions: lines.length, value: shapley(ctx.agents, v), full: v(ctx.agents) });
    }
  }
  return out;
}

export interface ConfusionCell {
  variant: string;
  domain: string;
  winner: string;
  cheapestSolver: string;
  count: number;
}

/** SALE's final winner × the cheapest agent that solved the task (agents ordered by price). */
export function confusion(ctx: Ctx): ConfusionCell[] {
  const cells = new Map<string, ConfusionCell>();
  for (const { r, s } of saleRecords(ctx.records)) {
    if (r.status === 'infra-error' || !ctx.agents.every((a) => ctx.single(r.taskId, a))) continue;
    const det = r.route?.details?.sale as SaleDetails | undefined;
    const winner = det?.winner ?? r.agent;
    const cheapest = ctx.agents.find((a) => ctx.single(r.taskId, a)!.passed) ?? 'none';
    const key = `${s.variant}|${r.domain}|${winner}|${cheapest}`;
    const c = cells.get(key) ?? { variant: s.variant, domain: r.domain, winner, cheapestSolver: cheapest, count: 0 };
    c.count++;
    cells.set(key, c);
  }
  return [...cells.values()];
}

export interface PlanLengthRow {
  variant: string;
  domain: string;
  n: number;
  spearman: number;
  planTokensMean: number;
  traceTokensMean: number;
}

/** Spearman of the winning plan's length with its execution's tokens, per variant × domain. */
export function planLength(ctx: Ctx): PlanLengthRow[] {
  const lines = new Map(ctx.auctions.map((l) => [`${l.system}|${l.taskId}`, l]));
  const groups = new Map<string, { variant: string; domain: string; plan: number[]; trace: number[] }>();
  const recs = saleRecords(ctx.records);
  const multi = new Set(recs.map((x) => x.r.domain)).size > 1;
  for (const { r, s } of recs) {
    const l = lines.get(`${r.system}|${r.taskId}`);
    const det = r.route?.details?.sale as SaleDetails | undefined;
    if (!l || !det || r.status === 'infra-error') continue;
    const plan = [...l.bids, ...l.refinements].find((p) => p.agent === l.winner.agent && p.refined === l.winner.refined);
    if (!plan) continue;
    for (const domain of multi ? [r.domain, 'all'] : [r.domain]) {
      const key = `${s.variant}|${domain}`;
      const g = groups.get(key) ?? { variant: s.variant, domain, plan: [], trace: [] };
      g.plan.push(plan.lengthTokens);
      g.trace.push(det.execution.tokens);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => ({ variant: g.variant, domain: g.domain, n: g.plan.length, spearman: spearman(g.plan, g.trace), planTokensMean: mean(g.plan), traceTokensMean: mean(g.trace) }));
}

export function writeSaleArtefacts(dir: string, ctx: Ctx): { shapley: string; confusion: string; planLength: string; summary: { shapley: SaleShapley[]; plan: PlanLengthRow[]; confusion: ConfusionCell[] } } {
  const label = ctx.manifest.label ?? '';
  const files = { shapley: join(dir, 'sale-shapley.json'), confusion: join(dir, 'sale-confusion.csv'), planLength: join(dir, 'sale-plan-length.csv') };
  const sh = saleShapley(ctx);
  writeFileSync(files.shapley, `${JSON.stringify({ label, definition: 'Shapley value of each agent within SALE: v(S) = pass@1 of the logged auctions re-held among the bidders in S (first bids, logged z, no refinement), outcomes from every agent\'s own record; tasks where every agent\'s outcome is known', outcomes: ctx.singleSource, rows: sh }, null, 2)}\n`);
  const cm = confusion(ctx);
  writeFileSync(files.confusion, stringify([['label', 'variant', 'domain', 'winner', 'cheapest_solver', 'count'], ...cm.map((c) => [label, c.variant, c.domain, c.winner, c.cheapestSolver, c.count])]));
  const pl = planLength(ctx);
  writeFileSync(files.planLength, stringify([['label', 'variant', 'domain', 'n', 'spearman', 'plan_tokens_mean', 'trace_tokens_mean'], ...pl.map((p) => [label, p.variant, p.domain, p.n, p.spearman, p.planTokensMean, p.traceTokensMean])]));
  return { ...files, summary: { shapley: sh, plan: pl, confusion: cm } };
}
