// Router tables of a run that holds routers (routers.csv, routers.md): relative cost, reliance
// reduction, gap to oracle, Opt.Sel/Cost/Acc, escalation rates, and each agent's Shapley value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { routerMetrics, shapleyValues, type MatrixView, type RouterMetrics } from '../metrics/router-metrics.ts';
import type { AttemptRecord } from '../records/records.ts';
import { readManifest, readRecords } from '../records/run-dir.ts';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';
import { workload } from '../metrics/workload.ts';

export interface RouterTables {
  rows: RouterMetrics[];
  shapley: Record<string, Record<string, number>>;
  files: { csv: string; markdown: string };
}

function matrixView(records: AttemptRecord[], agents: string[]): MatrixView {
  const cells = new Map<string, AttemptRecord>();
  for (const r of records) if (r.system === `agent:${r.agent}`) cells.set(`${r.taskId}|${r.agent}`, r);
  return { agents, outcome: (taskId, agent) => cells.get(`${taskId}|${agent}`) };
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
const ratio = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));

export function writeRouterTables(dir: string): RouterTables {
  const manifest = readManifest(dir);
  const records = readRecords(dir);
  const agents = [...manifest.settings.agents].sort((a, b) => a.pricePerMTok - b.pricePerMTok).map((a) => a.name);
  const view = matrixView(records, agents);
  const systems = [...new Set(records.map((r) => r.system))];
  const domains = [...new Set(records.map((r) => r.domain))].sort();
  const domainKeys = domains.length > 1 ? [...domains, 'all'] : domains;
  const rows: RouterMetrics[] = [];
  const shapley: Record<string, Record<string, number>> = {};
  for (const d of domainKeys) {
    const inDomain = records.filter((r) => d === 'all' || r.domain === d);
    shapley[d] = shapleyValues(view, [...new Set(inDomain.map((r) => r.taskId))]);
    for (const s of systems) {
      const mine = inDomain.filter((r) => r.system === s);
      for (const b of [0, 1, 2, 3, 4]) {
        const inBin = mine.filter((r) => r.bin === b);
        if (inBin.length) rows.push(routerMetrics(s, d, b, inBin, view));
      }
      if (mine.length) rows.push(routerMetrics(s, d, 'all', mine, view));
    }
  }
  const header = ['label', 'domain', 'system', 'bin', 'tasks', 'pass_at_1', 'oracle_pass_at_1', 'gap_to_oracle', 'cost_usd', 'relative_cost', 'reliance_reduction', 'opt_sel', 'opt_cost', 'opt_acc', 'over_escalation', 'under_escalation', ...agents.flatMap((a) => [`${a}_executing_share`, `${a}_ran_on_share`, `${a}_cost_usd`])];
  const shares = (r: RouterMetrics) => {
    const mine = records.filter((x) => x.system === r.system && (r.domain === 'all' || x.domain === r.domain) && (r.bin === 'all' || x.bin === r.bin));
    const w = workload(mine, agents);
    return agents.flatMap((a) => [w.executing[a]!, w.ranOn[a]!, w.costUsd[a]!]);
  };
  const csv = stringify([
    header,
    ...rows.map((r) => [manifest.label ?? '', r.domain, r.system, r.bin === 'all' ? 'all' : BIN_KEYS[r.bin], r.tasks, r.pass1, r.oraclePass1, r.gapToOracle, r.costUsd, r.relativeCost, r.relianceReduction, r.optSel, r.optCost, r.optAcc, r.overEscalation, r.underEscalation, ...shares(r)]),
  ]);
  const md: string[] = [`# ${manifest.label ? `${manifest.label} — ` : ''}routers on the test split`, ''];
  if (manifest.routing) {
    md.push(`Outcome matrix \`${manifest.routing.matrixRunId}\` ${manifest.routing.replay ? 'replayed with zero model calls' : 'used for training; routed agents ran live'}; split seed ${manifest.routing.split.seed}, ${manifest.routing.split.train.length} training and ${manifest.routing.split.test.length} test tasks (stratified by domain × bin).`, '');
    // Which executions the matrix holds: with each agent's own bid plan in the prompt (--with-plans) or none.
    if (manifest.routing.replay) {
      const single = records.filter((r) => r.system === `agent:${r.agent}`);
      const planned = single.filter((r) => r.plan).length;
      md.push(planned === single.length && planned > 0 ? 'Its executions are plan-conditioned (`bench matrix --with-plans`): each agent executed with its own bid plan in the prompt.' : planned ? `Its executions are mixed: ${planned} of ${single.length} with the agent's bid plan in the prompt.` : 'Its executions are plan-free: no plan in the prompt (`bench matrix --with-plans` records plan-conditioned ones).', '');
    }
  }
  for (const d of domainKeys) {
    md.push(`## ${d === 'all' ? 'All domains' : d}`, '');
    md.push('| system | pass@1 % | oracle % | gap | relative cost | reliance ↓ | Opt.Sel | Opt.Cost | Opt.Acc | over-esc. | under-esc. |');
    md.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows.filter((x) => x.domain === d && x.bin === 'all')) {
      md.push(`| ${r.system.replace(/^agent:/, '')} | ${pct(r.pass1)} | ${pct(r.oraclePass1)} | ${pct(r.gapToOracle)} | ${ratio(r.relativeCost)} | ${pct(r.relianceReduction)} | ${pct(r.optSel)} | ${ratio(r.optCost)} | ${ratio(r.optAcc)} | ${pct(r.overEscalation)} | ${pct(r.underEscalation)} |`);
    }
    md.push('', `Per bin pass@1 %: ${BIN_LABELS.join(' / ')}`, '');
    md.push('| system | ' + BIN_LABELS.map((l) => `τ ${l}`).join(' | ') + ' |', '|---|' + BIN_LABELS.map(() => '---:').join('|') + '|');
    for (const s of systems) {
      const cells = [0, 1, 2, 3, 4].map((b) => rows.find((x) => x.domain === d && x.system === s && x.bin === b)).map((r) => (r ? pct(r.pass1) : ''));
      md.push(`| ${s.replace(/^agent:/, '')} | ${cells.join(' | ')} |`);
    }
    md.push('', 'Workload by agent — executing % (whose answer counts) / ran on % (every agent the system ran; a cascade pays each stage) / $ charged per task:', '');
    md.push(`| system | ${agents.join(' | ')} |`, `|---|${agents.map(() => '---:').join('|')}|`);
    for (const s of systems) {
      const mine = records.filter((r) => r.system === s && (d === 'all' || r.domain === d));
      if (!mine.length) continue;
      const w = workload(mine, agents);
      md.push(`| ${s.replace(/^agent:/, '')} | ${agents.map((a) => `${pct(w.executing[a]!)} / ${pct(w.ranOn[a]!)} / ${(w.costUsd[a]! / mine.length).toExponential(2)}`).join(' | ')} |`);
    }
    md.push('', `Shapley value of each agent toward pass@1 (exact, 2^${agents.length} coalitions; sums to the oracle's pass@1): ${agents.map((a) => `${a} ${pct(shapley[d]![a]!)}`).join(', ')}`, '');
  }
  md.push('Definitions: relative cost = cost / cost of the largest agent alone on the same tasks; reliance ↓ = 1 − share of tasks the largest agent executed; Opt.Sel = share of solvable tasks routed to the oracle\'s agent (the cheapest that solved it); Opt.Cost = oracle cost / system cost on solvable tasks; Opt.Acc = pass@1 / oracle pass@1; over-/under-escalation = share of solvable tasks routed to a dearer / cheaper agent than the oracle\'s.');
  const files = { csv: join(dir, 'routers.csv'), markdown: join(dir, 'routers.md') };
  writeFileSync(files.csv, csv);
  writeFileSync(files.markdown, `${md.join('\n')}\n`);
  writeFileSync(join(dir, 'shapley.json'), `${JSON.stringify(shapley, null, 2)}\n`);
  return { rows, shapley, files };
}
