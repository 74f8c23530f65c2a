// Tables of a run: summary.csv, summary.md and summary.json in the run directory, and a terminal view.
// Reads only the run's own files (manifest.json, records.jsonl).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { stringify } from 'csv-stringify/sync';
import { summarize, type SummaryRow } from '../metrics/summarize.ts';
import { readManifest, readRecords, type Manifest } from '../runner/run-dir.ts';
import { BIN_KEYS, BIN_LABELS } from '../tasks/bins.ts';

export interface RunTables {
  manifest: Manifest;
  rows: SummaryRow[];
  agents: string[];
  files: { csv: string; markdown: string; json: string };
}

const pct = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
const usd = (x: number | null) => (x === null ? '—' : x < 0.01 ? x.toExponential(2) : x.toFixed(4));
const binLabel = (b: SummaryRow['bin']) => (b === 'all' ? 'all' : BIN_LABELS[b]!);
const binKey = (b: SummaryRow['bin']) => (b === 'all' ? 'all' : BIN_KEYS[b]!);
const systemLabel = (s: string) => s.replace(/^agent:/, '');

export function csvTable(rows: SummaryRow[], agents: string[], manifest: Manifest): string {
  const header = [
    'label', 'domain', 'system', 'bin', 'tasks', 'graded', 'passed', 'pass_at_1', 'ci95_low', 'ci95_high', 'infra_errors',
    'input_tokens', 'output_tokens', 'cost_usd', 'cost_per_solved_usd',
    ...agents.map((a) => `workload_share_${a}`), ...agents.map((a) => `token_share_${a}`),
    'gpu_seconds', 'model_load_seconds', 'truncation_rate', 'length_stop_rate', 'empty_reply_rate', 'wall_p50_ms', 'wall_p95_ms',
    'fingerprint_config', 'fingerprint_dataset',
  ];
  const body = rows.map((r) => [
    manifest.label ?? '', r.domain, r.system, binKey(r.bin), r.tasks, r.graded, r.passed, r.pass1, r.ciLow, r.ciHigh, r.infraErrors,
    r.inputTokens, r.outputTokens, r.costUsd, r.costPerSolvedUsd ?? '',
    ...agents.map((a) => r.workloadShare[a] ?? 0), ...agents.map((a) => r.tokenShare[a] ?? 0),
    r.gpuSeconds, r.modelLoadSeconds, r.truncationRate, r.lengthStopRate, r.emptyReplyRate, r.wallP50Ms, r.wallP95Ms,
    manifest.fingerprint.config.slice(0, 12), manifest.fingerprint.dataset.slice(0, 12),
  ]);
  return stringify([header, ...body]);
}

function domains(rows: SummaryRow[]) {
  return [...new Set(rows.map((r) => r.domain))];
}

export function markdownTables(rows: SummaryRow[], agents: string[], manifest: Manifest): string {
  const sim = manifest.label === 'SIMULATED';
  const out: string[] = [];
  out.push(`# ${sim ? 'SIMULATED — ' : ''}sale run ${manifest.runId}`);
  out.push('');
  if (sim) out.push('> **SIMULATED.** These numbers come from the `sim` provider, a seeded test double calibrated to the paper. They are not evidence about any model.\n');
  const s = manifest.settings;
  out.push(`Provider \`${s.provider}\` (${s.endpoint}) · suites ${s.suites.join(', ')} · seed ${s.seed} · status ${manifest.status}`);
  out.push(`Fingerprint: config \`${manifest.fingerprint.config.slice(0, 12)}\` · dataset \`${manifest.fingerprint.dataset.slice(0, 12)}\` · sandbox ${manifest.sandbox.isolation}`);
  out.push('');
  for (const d of domains(rows)) {
    const rs = rows.filter((r) => r.domain === d);
    const systems = [...new Set(rs.map((r) => r.system))];
    const bins = [...new Set(rs.map((r) => r.bin))];
    out.push(`## ${d === 'all' ? 'All domains' : d}: pass@1 % (Wilson 95 % interval) by τ bin`);
    out.push('');
    out.push(`| system | ${bins.map((b) => `τ ${binLabel(b)}`).join(' | ')} |`);
    out.push(`|---|${bins.map(() => '---:').join('|')}|`);
    for (const sys of systems) {
      const cells = bins.map((b) => {
        const r = rs.find((x) => x.system === sys && x.bin === b);
        return r ? `${pct(r.pass1)} (${pct(r.ciLow)}–${pct(r.ciHigh)}) n=${r.graded}` : '';
      });
      out.push(`| ${systemLabel(sys)} | ${cells.join(' | ')} |`);
    }
    out.push('');
    out.push(`### ${d === 'all' ? 'All domains' : d}: cost, tokens, workload`);
    out.push('');
    out.push(`| system | bin | tasks | pass@1 % | infra err | input tok | output tok | cost $ | $ / solved | ${agents.map((a) => `share ${a}`).join(' | ')} | GPU s | load s |`);
    out.push(`|---|---|---:|---:|---:|---:|---:|---:|---:|${agents.map(() => '---:').join('|')}|---:|---:|`);
    for (const r of rs) {
      out.push(
        `| ${systemLabel(r.system)} | ${binLabel(r.bin)} | ${r.tasks} | ${pct(r.pass1)} | ${r.infraErrors} | ${r.inputTokens} | ${r.outputTokens} | ${usd(r.costUsd)} | ${usd(r.costPerSolvedUsd)} | ${agents.map((a) => pct(r.workloadShare[a] ?? 0)).join(' | ')} | ${r.gpuSeconds.toFixed(1)} | ${r.modelLoadSeconds.toFixed(1)} |`,
      );
    }
    out.push('');
  }
  out.push('Definitions: pass@1 over graded attempts (infrastructure errors excluded and counted apart); cost = (input + output tokens) × price / 10⁶; workload share = share of tasks each agent executed; GPU s = engine prompt-eval + eval time; load s = engine model-load time.');
  return `${out.join('\n')}\n`;
}

/** A compact coloured pass@1 matrix for the terminal. */
export function terminalTable(rows: SummaryRow[], manifest: Manifest): string {
  const sim = manifest.label === 'SIMULATED';
  const lines: string[] = [];
  if (sim) lines.push(chalk.bgYellow.black(' SIMULATED ') + chalk.yellow(' numbers from the sim provider: a test double, not evidence'));
  for (const d of domains(rows)) {
    const rs = rows.filter((r) => r.domain === d);
    const systems = [...new Set(rs.map((r) => r.system))];
    const bins = [...new Set(rs.map((r) => r.bin))];
    const w = 14;
    const nameWidth = Math.max(8, ...systems.map((s) => systemLabel(s).length + 2));
    lines.push(chalk.bold(`${d} — pass@1 % by τ bin${sim ? ' (SIMULATED)' : ''}`));
    lines.push(['system'.padEnd(nameWidth), ...bins.map((b) => `τ ${binLabel(b)}`.padStart(w)), 'cost $'.padStart(10), 'infra'.padStart(6)].join(''));
    for (const sys of systems) {
      const cells = bins.map((b) => {
        const r = rs.find((x) => x.system === sys && x.bin === b);
        if (!r || Number.isNaN(r.pass1)) return ''.padStart(w);
        const text = `${pct(r.pass1)} ±${pct((r.ciHigh - r.ciLow) / 2)}`.padStart(w);
        return r.pass1 >= 0.7 ? chalk.green(text) : r.pass1 >= 0.4 ? chalk.yellow(text) : chalk.red(text);
      });
      const all = rs.find((x) => x.system === sys && x.bin === 'all');
      lines.push([systemLabel(sys).padEnd(nameWidth), ...cells, usd(all?.costUsd ?? 0).padStart(10), String(all?.infraErrors ?? 0).padStart(6)].join(''));
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Compute and write the tables of a run directory. */
export function writeRunTables(dir: string): RunTables {
  const manifest = readManifest(dir);
  const records = readRecords(dir);
  const agents = manifest.settings.agents.map((a) => a.name);
  const rows = summarize(records, agents);
  const files = { csv: join(dir, 'summary.csv'), markdown: join(dir, 'summary.md'), json: join(dir, 'summary.json') };
  writeFileSync(files.csv, csvTable(rows, agents, manifest));
  writeFileSync(files.markdown, markdownTables(rows, agents, manifest));
  writeFileSync(files.json, `${JSON.stringify({ label: manifest.label, runId: manifest.runId, fingerprint: manifest.fingerprint, rows }, null, 2)}\n`);
  return { manifest, rows, agents, files };
}
