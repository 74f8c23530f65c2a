// The sections of REPRODUCTION.md, each from the stages' own outputs, each number beside the paper's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';
import { pct, pooled, readCsv, readJson, table, versus, type Ours, type Point, type Row } from './compare-cells.ts';
import type { Protocol } from './protocol.ts';
import { paperNumber, type Reported } from './reported.ts';

export interface Ctx {
  out: string;
  protocol: Protocol;
  reported: Reported;
  domains: string[];
  agents: string[];
  largest: string;
  /** compare.json's points per domain (overall and per bin). */
  overall: Map<string, Point[]>;
  byBin: Map<string, Point[]>;
}

const num = (r: Row | undefined, k: string) => (r ? Number(r[k]) : NaN);
const binIndex = (key: string) => BIN_KEYS.indexOf(key as (typeof BIN_KEYS)[number]);
const wilson = (r: Row | undefined): Ours | undefined => (r ? { value: num(r, 'pass_at_1'), low: num(r, 'ci95_low'), high: num(r, 'ci95_high') } : undefined);

/** RQ1: pass@1 and tokens per task against τ, per agent (every task of the matrix). */
export function rq1(c: Ctx): string[] {
  const rows = readCsv(join(c.out, 'matrix', 'summary.csv'));
  const out = ['## RQ1: pass@1 and tokens against τ, per agent', '', 'Every task of the outcome matrix (`matrix/summary.csv`); 95 % Wilson intervals.', ''];
  for (const d of c.domains) {
    const cell = (agent: string, bin: string) => rows.find((r) => r.domain === d && r.system === `agent:${agent}` && r.bin === bin);
    out.push(`### ${d}: pass@1 % per τ bin`, '');
    out.push(...table(['agent', ...BIN_LABELS, 'all'], c.agents.map((a) => [a, ...[...BIN_KEYS, 'all'].map((b) => versus(wilson(cell(a, b)), undefined)[0]!)])), '');
    out.push(`### ${d}: tokens per task (input + output, engine counters) per τ bin`, '');
    out.push(...table(['agent', ...BIN_LABELS], c.agents.map((a) => [a, ...BIN_KEYS.map((b) => { const r = cell(a, b); return r ? ((num(r, 'input_tokens') + num(r, 'output_tokens')) / num(r, 'tasks')).toFixed(0) : '—'; })])), '');
    const cmp: string[][] = [];
    for (const b of BIN_KEYS) {
      const p = paperNumber(c.reported, { system: `agent:${c.largest}`, metric: 'pass_at_1', domain: d, bin: b });
      if (p) cmp.push([`${c.largest} pass@1, ${BIN_LABELS[binIndex(b)]}`, ...versus(wilson(cell(c.largest, b)), p)]);
    }
    for (const b of BIN_KEYS) {
      const small = c.agents[0]!;
      const p = paperNumber(c.reported, { system: `agent:${small}`, metric: 'ratio_to_largest', domain: d, bin: b });
      const s = cell(small, b);
      const l = cell(c.largest, b);
      if (p) cmp.push([`${small} as a share of ${c.largest}, ${BIN_LABELS[binIndex(b)]}`, ...versus(s && l ? { value: num(s, 'pass_at_1') / num(l, 'pass_at_1') } : undefined, p)]);
    }
    const tok = (a: string) => { const r = cell(a, 'all'); return r ? (num(r, 'input_tokens') + num(r, 'output_tokens')) / num(r, 'tasks') : NaN; };
    cmp.push([`tokens per task, ${c.largest} ÷ ${c.agents[0]} (paper: larger agents do not use fewer)`, (tok(c.largest) / tok(c.agents[0]!)).toFixed(2), '≥ 1 (qualitative)', '—', tok(c.largest) >= tok(c.agents[0]!) ? 'agrees' : 'disagrees']);
    out.push(`### ${d}: beside the paper`, '', ...table(['quantity', 'ours %', 'paper %', 'ours − paper', 'paper inside our 95 % CI'], cmp), '');
  }
  return out;
}

/** The main table: single agents, baselines and SALE per domain (test split), then per bin. */
export function mainTable(c: Ctx): string[] {
  const out = ['## Main table: pass@1, cost and largest-agent share (test split)', '', 'From `compare/compare.json` (every system on the same test tasks). SALE and its variants: the mean over orders; the interval is the mean of the orders\' Wilson 95 % intervals. Cost per task in $ at the paper\'s prices; "vs largest" is cost relative to the largest agent alone. "paper\'s τ mix" reweights our per-bin pass@1 to the paper\'s number of tasks per bin.', ''];
  for (const d of c.domains) {
    const pts = c.overall.get(d) ?? [];
    const bins = c.byBin.get(d) ?? [];
    const mix = c.protocol.suites[d as keyof Protocol['suites']]?.tau_mix ?? {};
    const systems = [...c.agents.map((a) => `agent:${a}`), ...c.protocol.baselines.map((b) => `router:${b}`), 'sale'];
    const reweighted = (s: string) => {
      let w = 0;
      let v = 0;
      BIN_KEYS.forEach((k, i) => {
        const p = pooled(bins.filter((x) => x.bin === i), s);
        const n = mix[k] ?? 0;
        if (p && n) (w += n), (v += n * p.value);
      });
      return w ? pct(v / w) : '—';
    };
    const rows = systems.map((s) => {
      const o = pooled(pts, s);
      const p = paperNumber(c.reported, { system: s, metric: 'pass_at_1', domain: d, bin: 'all' });
      return [s, ...versus(o, p), o && o.orders > 1 ? `± ${pct(o.std)} (${o.orders} orders)` : '', reweighted(s), o ? o.cost.toExponential(2) : '—', o ? o.relCost.toFixed(3) : '—', o ? pct(o.largestShare, 0) : '—'];
    });
    out.push(`### ${d}`, '', ...table(['system', 'pass@1 % [95 % CI]', 'paper %', 'ours − paper', 'paper inside', 'order std', 'paper\'s τ mix %', '$ / task', 'vs largest', `${c.largest} share %`], rows), '');
    const sale = pooled(pts, 'sale');
    const red = (metric: 'reliance_reduction' | 'cost_reduction', v: number | undefined) => [metric === 'cost_reduction' ? `cost reduced vs ${c.largest} alone` : `reliance on ${c.largest} reduced`, ...versus(v === undefined ? undefined : { value: v }, paperNumber(c.reported, { system: 'sale', metric, domain: d, bin: 'all' }))];
    out.push(...table(['SALE', 'ours %', 'paper %', 'ours − paper', 'paper inside'], [red('reliance_reduction', sale ? 1 - sale.largestShare : undefined), red('cost_reduction', sale ? 1 - sale.relCost : undefined)]), '');
    const perBin: string[][] = [];
    for (const s of systems) {
      perBin.push([s, ...BIN_KEYS.map((k, i) => {
        const o = pooled(bins.filter((x) => x.bin === i), s);
        const p = paperNumber(c.reported, { system: s, metric: 'pass_at_1', domain: d, bin: k });
        return p ? `${pct(o?.value)} (paper ${p.value}${o && o.low !== undefined ? `, ${versus(o, p)[3]}` : ''})` : pct(o?.value);
      })]);
    }
    out.push(`#### ${d}: pass@1 % per τ bin (paper's number and whether it is inside our interval, where reported)`, '', ...table(['system', ...BIN_LABELS], perBin), '');
  }
  return out;
}

/** SALE's variants (ablations or juries) beside the paper's ablation table. */
export function variants(c: Ctx, title: string, names: string[]): string[] {
  const out = [`## ${title}`, ''];
  const rows: string[][] = [];
  for (const d of c.domains) {
    for (const v of ['sale', ...names]) {
      const o = pooled(c.overall.get(d) ?? [], v);
      if (!o && v !== 'sale') continue;
      rows.push([d, v, ...versus(o, paperNumber(c.reported, { system: v, metric: 'pass_at_1', domain: d, bin: 'all' })), o ? `± ${pct(o.std)}` : '', o ? o.relCost.toFixed(3) : '—']);
    }
  }
  return rows.length > c.domains.length ? [...out, ...table(['domain', 'variant', 'pass@1 % [95 % CI]', 'paper %', 'ours − paper', 'paper inside', 'order std', 'cost vs largest'], rows), ''] : [...out, 'Not run (the protocol names none).', ''];
}

export function ablationNames(p: Protocol, agents: string[]): { ablations: string[]; juries: string[] } {
  const juries = p.juries.flatMap((j) => (j === 'single' ? agents.map((a) => `sale-jury-only-${a}`) : j === 'loo' ? agents.map((a) => `sale-jury-without-${a}`) : [`sale-jury-${j}`]));
  return { ablations: p.ablations.map((a) => `sale-no-${a}`), juries };
}

/** The learning curve: the smallest agent's cumulative share of tasks won along the stream. */
export function learningCurve(c: Ctx): string[] {
  const rows = readCsv(join(c.out, 'sale', 'learning-curve.csv')).filter((r) => r.variant === 'sale');
  const small = c.agents[0]!;
  const out = ['## Learning curve (memory)', '', `${small}'s cumulative share of the tasks SALE gave it, along the task stream (mean over orders), at the first tenth of the stream and at its end (\`sale/learning-curve.csv\`).`, ''];
  const t: string[][] = [];
  for (const d of c.domains) {
    for (const curve of ['with-memory', 'without-memory']) {
      const pts = rows.filter((r) => r.domain === d && r.curve === curve && r.agent === small);
      if (!pts.length) continue;
      const last = Math.max(...pts.map((r) => Number(r.position)));
      const at = (pos: number) => pts.find((r) => Number(r.position) === pos);
      const early = at(Math.max(1, Math.ceil(last / 10)));
      for (const [metric, r] of [['won_share_start', early], ['won_share_end', at(last)]] as const) {
        const p = curve === 'with-memory' ? paperNumber(c.reported, { system: 'sale', metric, domain: d, bin: 'all', agent: small }) : undefined;
        t.push([d, curve, metric === 'won_share_start' ? `position ${r?.position ?? '—'} (first tenth)` : `position ${last} (end)`, ...versus(r ? { value: Number(r.cumulative_share_mean) } : undefined, p)]);
      }
    }
  }
  out.push(...(t.length ? table(['domain', 'curve', 'where', `${small} share %`, 'paper %', 'ours − paper', 'paper inside'], t) : ['No learning curve (the SALE stage did not run).']), '');
  if (existsSync(join(c.out, 'sale', 'learning-curve.png'))) out.push('![learning curve](sale/learning-curve.png)', '');
  return out;
}

/** Shapley values: among the agents (oracle coalition, baselines run) and within SALE's auctions. */
export function shapley(c: Ctx): string[] {
  const agents = readJson<Record<string, Record<string, number>>>(join(c.out, 'baselines', 'shapley.json'));
  const sale = readJson<{ rows: { variant: string; domain: string; value: Record<string, number>; full: number }[] }>(join(c.out, 'sale', 'sale-shapley.json'));
  const out = ['## Shapley values (the paper reports no number to set beside them)', ''];
  const t: string[][] = [];
  for (const d of c.domains) {
    if (agents?.[d]) t.push([d, 'best agent of the coalition (baselines/shapley.json)', ...c.agents.map((a) => (agents[d]![a] ?? NaN).toFixed(3))]);
    const row = sale?.rows.find((r) => r.variant === 'sale' && r.domain === d);
    if (row) t.push([d, `within SALE's auctions (sale/sale-shapley.json; v(all) = ${row.full.toFixed(3)})`, ...c.agents.map((a) => (row.value[a] ?? NaN).toFixed(3))]);
  }
  return [...out, ...(t.length ? table(['domain', 'game', ...c.agents], t) : ['No Shapley values (the stages did not run).']), ''];
}

/** Oracle gap and escalation per system (routers.csv of the SALE and baseline replays). */
export function oracleGap(c: Ctx): string[] {
  const rows = [...readCsv(join(c.out, 'baselines', 'routers.csv')), ...readCsv(join(c.out, 'sale', 'routers.csv')).filter((r) => (r.system ?? "").startsWith('sale@'))].filter((r) => r.bin === 'all');
  const out = ['## Oracle gap and escalation (test split)', '', 'Over-escalation: a dearer agent than the cheapest that solved the task; under-escalation: a cheaper agent that failed where a dearer one solved it. The paper: SALE\'s main error is over-escalation.', ''];
  const t: string[][] = [];
  for (const d of c.domains) {
    const systems = [...new Set(rows.filter((r) => r.domain === d).map((r) => (r.system ?? "").replace(/@o\d+$/, '')))];
    for (const s of systems) {
      const rs = rows.filter((r) => r.domain === d && (r.system ?? "").replace(/@o\d+$/, '') === s);
      const m = (k: string) => rs.reduce((a, r) => a + Number(r[k]), 0) / rs.length;
      const verdict = s === 'sale' ? (m('over_escalation') > m('under_escalation') ? 'over > under: agrees' : 'over ≤ under: disagrees') : '';
      t.push([d, s, pct(m('pass_at_1')), pct(m('oracle_pass_at_1')), pct(m('gap_to_oracle')), pct(m('over_escalation')), pct(m('under_escalation')), verdict]);
    }
  }
  return [...out, ...table(['domain', 'system', 'pass@1 %', 'oracle %', 'gap (points)', 'over-escalation %', 'under-escalation %', 'paper: over-escalation dominates'], t), ''];
}

/** SALE's overhead beside the paper's "< 1 % of all tokens". */
export function overhead(c: Ctx): string[] {
  const rows = readCsv(join(c.out, 'sale', 'sale.csv')).filter((r) => r.variant === 'sale' && r.bin === 'all');
  const t = rows.map((r) => [r.domain ?? '', pct(Number(r.overhead_token_share)), '< 1', Number(r.overhead_token_share) < 0.01 ? 'agrees' : 'disagrees']);
  return ['## Auction overhead', '', 'Bids, jury and refinement tokens as a share of all SALE tokens (`sale/sale.csv`; per bin in `sale/sale-overhead.md`).', '', ...table(['domain', 'overhead % of tokens', 'paper %', 'verdict'], t), ''];
}

/** The Pareto and workload plots of `bench compare`. */
export function plots(c: Ctx): string[] {
  const out = ['## Figures', ''];
  for (const d of c.domains) {
    for (const [name, what] of [['pareto', 'cost–pass@1 Pareto front'], ['share', 'pass@1 against the largest agent\'s share'], ['bins', 'per τ bin'], ['workload', 'workload shares per bin'], ['horizon', 'pass@1 against log τ']] as const) {
      if (existsSync(join(c.out, 'compare', d, `${name}.png`))) out.push(`![${d}: ${what}](compare/${d}/${name}.png)`, '');
    }
  }
  return out.length > 2 ? out : [...out, 'No figures (the compare stage did not run).', ''];
}
