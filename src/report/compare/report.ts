// report.md and horizons.csv of `sale bench compare`. Pure: analyses in, text out.
import { stringify } from 'csv-stringify/sync';
import type { Horizon, TimeHorizons } from '../../metrics/horizons.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { displayName, type DomainAnalysis } from './analysis.ts';
import type { FieldMismatch, LoadedRun, MergedRuns } from './load.ts';
import { PLOT_NAMES, type PlotName } from './plots.ts';

export interface ReportInput {
  runs: LoadedRun[];
  merged: MergedRuns;
  analyses: DomainAnalysis[];
  /** Fingerprint mismatches accepted with --allow-mismatch. */
  mismatches: FieldMismatch[];
  /** Plot files relative to the report, per domain. */
  plots: Record<string, Partial<Record<PlotName, string>>>;
  warnings: string[];
}

const PLOT_TITLES: Record<PlotName, string> = {
  pareto: 'Cost vs pass@1 (Pareto frontier)',
  share: 'pass@1 vs largest-agent workload share',
  bins: 'Cost vs pass@1 per τ bin',
  workload: 'Workload share per τ bin',
  horizon: 'pass@1 vs τ, logistic fits and time horizons',
};

export const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');
const pp = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}` : '—');
export const usd = (x: number) => (!Number.isFinite(x) ? '—' : x === 0 ? '0' : x < 0.01 ? x.toExponential(2) : x.toFixed(4));
const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const pValue = (p: number) => (!Number.isFinite(p) ? '—' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));
const tauText = (t: number) => (t === Infinity ? '∞' : t === 0 ? '0' : Number.isFinite(t) ? (t >= 100 ? t.toFixed(0) : t.toPrecision(3)) : '—');

export function horizonText(h: Horizon, range: [number, number]): string {
  const ci = `[${tauText(h.low)}, ${tauText(h.high)}]`;
  if (h.tau === Infinity) return `> ${tauText(range[1])} (never falls to ${Math.round(h.p * 100)} %) ${ci}`;
  if (h.tau === 0) return `< ${tauText(range[0])} (below ${Math.round(h.p * 100)} % throughout) ${ci}`;
  if (h.censored === 'above') return `${tauText(h.tau)} (extrapolated, > ${tauText(range[1])}) ${ci}`;
  if (h.censored === 'below') return `${tauText(h.tau)} (extrapolated, < ${tauText(range[0])}) ${ci}`;
  return `${tauText(h.tau)} ${ci}`;
}

function horizonNote(h: TimeHorizons): string {
  const notes: string[] = [];
  if (h.fit.separation !== 'none') notes.push(`${h.fit.separation} separation: ridge-penalised fit (λ = ${h.fit.penalty})`);
  if (!h.fit.converged) notes.push('fit did not converge');
  if (h.fit.slope >= 0) notes.push('success does not fall with τ');
  return notes.join('; ');
}

export function markdownReport(input: ReportInput): string {
  const { runs, merged, analyses, mismatches } = input;
  const sim = merged.simulated;
  const out: string[] = [];
  out.push(`# ${merged.label ? `${merged.label} — ` : ''}sale bench compare`);
  out.push('');
  if (merged.label && !sim) out.push(`> **${merged.label}.** At least one run carries this label: its numbers exercise the harness and are not evidence about any model.\n`);
  if (sim) out.push('> **SIMULATED.** At least one run used the `sim` provider, a seeded test double calibrated to the paper. These numbers are not evidence about any model.\n');
  out.push('| run | directory | status | provider | systems | records | config | dataset | sale version |');
  out.push('|---|---|---|---|---|---:|---|---|---|');
  for (const r of runs) {
    const systems = [...new Set(r.records.map((x) => x.system))].map(displayName).join(', ');
    out.push(
      `| ${r.manifest.runId} | \`${r.dir}\` | ${r.manifest.status} | ${r.manifest.settings.provider}${r.manifest.label ? ` (${r.manifest.label})` : ''} | ${systems} | ${r.records.length} | \`${r.manifest.fingerprint.config.slice(0, 12)}\` | \`${r.manifest.fingerprint.dataset.slice(0, 12)}\` | ${r.manifest.code.version} |`,
    );
  }
  out.push('');
  if (mismatches.length) {
    out.push('> **Fingerprint mismatch accepted (`--allow-mismatch`).** The runs differ in the fields below, so they did not measure the same thing; paired statistics use only the tasks they share.');
    for (const m of mismatches) out.push(`> - \`${m.field}\`: ${m.values.map((v) => `${v.runId} = \`${v.value}\``).join(' · ')}`);
    out.push('');
  }
  for (const r of merged.renamed) out.push(`- System \`${r.from}\` also appears in run ${r.runId}; that copy is shown as \`${r.to}\`.`);
  for (const w of input.warnings) out.push(`- Warning: ${w}`);
  if (merged.renamed.length || input.warnings.length) out.push('');

  for (const a of analyses) {
    const largest = a.largest ? displayName(a.largest) : null;
    out.push(`## ${a.domain}`);
    out.push('');
    const plots = input.plots[a.domain] ?? {};
    for (const name of PLOT_NAMES) if (plots[name]) out.push(`![${PLOT_TITLES[name]}](${plots[name]})`);
    out.push('');
    out.push(`### Systems, all bins`);
    out.push('');
    out.push(
      `| system | kind | tasks | infra err | pass@1 % (95 % Wilson) | cost / task $ (95 % bootstrap) | cost vs ${largest ?? 'largest'} | ${largest ?? 'largest'} share % | AIQ | APGR | frontier |`,
    );
    out.push('|---|---|---:|---:|---|---|---:|---:|---:|---:|:---:|');
    for (const p of a.overall) {
      out.push(
        `| ${displayName(p.system)} | ${p.kind} | ${p.tasks} | ${p.infraErrors} | ${pct(p.pass1)} (${pct(p.ciLow)}–${pct(p.ciHigh)}) | ${usd(p.costPerTask)} (${usd(p.costPerTaskLow)}–${usd(p.costPerTaskHigh)}) | ${num(p.relativeCost)} | ${pct(p.largestShare)} | ${num(a.aiq[p.system] ?? Number.NaN, 3)} | ${num(a.apgr[p.system] ?? Number.NaN, 3)} | ${a.frontier.includes(p.system) ? '✓' : ''} |`,
      );
    }
    out.push('');
    if (a.aiqRange)
      out.push(
        `AIQ range: cost per task ${usd(a.aiqRange[0])}–${usd(a.aiqRange[1])} $ (${a.weakest ? displayName(a.weakest) : ''} alone to ${largest} alone). The single agents together (RouterBench's zero router) score **${num(a.aiq.agents ?? Number.NaN)}**.`,
      );
    if (a.randomBaseline)
      out.push(
        `APGR random baseline: a uniform random choice of agent has expected pass@1 ${pct(a.randomBaseline.pass1)} % at ${largest} share ${pct(a.randomBaseline.share)} %, APGR **${num(a.randomBaseline.apgr)}** (a router must beat this to add value; the ${a.weakest ? displayName(a.weakest) : 'weakest'}–${largest} mix scores 0.5).`,
      );
    if (!a.oracle) out.push('No oracle: the runs do not hold every agent of the pool on the same tasks.');
    out.push('');
    out.push('Workload by agent: **executing** % (whose answer counts) · **ran on** % (every agent the system ran, e.g. each stage of a cascade) · **$ charged** per task (each agent run is charged its own tokens and $):');
    out.push('');
    out.push(`| system | ${a.agents.map((x) => `${x.name} exec % · ran on % · $/task`).join(' | ')} |`);
    out.push(`|---|${a.agents.map(() => '---:').join('|')}|`);
    for (const p of a.overall)
      out.push(`| ${displayName(p.system)} | ${a.agents.map((x) => `${pct(p.workloadShare[x.name] ?? 0)} · ${pct(p.ranOnShare[x.name] ?? 0)} · ${usd((p.agentCostUsd[x.name] ?? 0) / Math.max(1, p.tasks))}`).join(' | ')} |`);
    out.push('');

    const bins = [...new Set(a.byBin.map((p) => p.bin as number))].sort((x, y) => x - y);
    out.push('### pass@1 % by τ bin (95 % Wilson interval, n graded)');
    out.push('');
    out.push(`| system | ${bins.map((b) => `τ ${BIN_LABELS[b]} min`).join(' | ')} |`);
    out.push(`|---|${bins.map(() => '---:').join('|')}|`);
    for (const s of a.systems) {
      const cells = bins.map((b) => {
        const p = a.byBin.find((x) => x.system === s && x.bin === b);
        return p ? `${pct(p.pass1)} (${pct(p.ciLow)}–${pct(p.ciHigh)}) n=${p.graded}` : '';
      });
      out.push(`| ${displayName(s)} | ${cells.join(' | ')} |`);
    }
    out.push('');

    if (largest) {
      out.push(`### Paired differences vs ${largest} alone (same tasks)`);
      out.push('');
      out.push(`| system | paired tasks | Δ pass@1 (points) | 95 % interval | only system solved | only ${largest} solved | McNemar exact p |`);
      out.push('|---|---:|---:|---|---:|---:|---:|');
      for (const d of a.paired) out.push(`| ${displayName(d.system)} | ${d.n} | ${pp(d.mean)} | ${pp(d.low)} to ${pp(d.high)} | ${d.b} | ${d.c} | ${pValue(d.mcnemarP)} |`);
      out.push('');
    }

    out.push(`### Time horizons (logistic fit of success on log2 τ; τ in minutes; ${a.reps} bootstrap replicates, seed ${a.seed})`);
    out.push('');
    out.push('| system | n | slope (log-odds per doubling of τ) | 50 % horizon [95 % CI] | 80 % horizon [95 % CI] | note |');
    out.push('|---|---:|---:|---|---|---|');
    for (const s of a.systems) {
      const h = a.horizons[s];
      if (!h) continue;
      const [h50, h80] = [h.horizons.find((x) => x.p === 0.5), h.horizons.find((x) => x.p === 0.8)];
      out.push(`| ${displayName(s)} | ${h.n} | ${num(h.fit.slope)} | ${h50 ? horizonText(h50, h.tauRange) : '—'} | ${h80 ? horizonText(h80, h.tauRange) : '—'} | ${horizonNote(h)} |`);
    }
    out.push('');
  }

  out.push('## Definitions');
  out.push('');
  out.push(
    [
      '- **pass@1**: share of graded attempts that passed; infrastructure errors are excluded and counted apart. Interval: Wilson score, 95 %.',
      '- **cost / task**: recorded cost ($ = tokens × price / 10⁶) over attempted tasks; interval: percentile bootstrap, tasks resampled within τ bins.',
      '- **cost vs largest**: cost of the system ÷ cost of the largest agent alone, on the tasks both attempted.',
      '- **oracle** (★): per task, the cheapest agent attempt that passed (the cheapest attempt, a failure, when none passed), on tasks every agent attempted — the one definition routers, TO-Router’s labels and the router tables use; not deployable, so it is left off the frontier.',
      '- **frontier**: systems no other system beats on both cost per task and pass@1.',
      '- **AIQ** (RouterBench): area under the non-decreasing convex hull of a system’s (cost per task, pass@1) points, over the range from the cheapest to the largest agent alone, divided by that range. A router’s points are its operating point and the two ends of its sweep (everything to the cheapest agent, everything to the largest); the hull counts 0 below the cheapest point.',
      '- **APGR** (RouteLLM): area under the router’s pass@1 curve over x = largest-agent workload share, joining x = 0 (cheapest agent alone), the router, and x = 1 (largest alone), rescaled so the cheapest agent scores 0 and the largest 1. Random baseline: a uniform random choice of agent (expected pass@1 = mean of the agents’ pass@1, largest share 1/|agents|), whose APGR is printed under the table and in the plot legend; a random mix of only the cheapest and the largest agent scores 0.5.',
      '- **Paired difference**: per task d = s(system) − s(largest), mean ± 1.96·sd/√n; **McNemar exact p**: two-sided binomial test on the discordant tasks.',
      '- **Time horizon** (METR): τ at which the logistic fit of success on log2 τ crosses 50 % / 80 %; interval: bootstrap (tasks resampled within bins, refitted). Separated outcomes are fitted with a weak ridge penalty; values beyond the observed τ range are extrapolations.',
    ].join('\n'),
  );
  return `${out.join('\n')}\n`;
}

const csvNum = (x: number) => (x === Infinity ? 'inf' : x === -Infinity ? '-inf' : Number.isNaN(x) ? '' : x);

export function horizonsCsv(analyses: DomainAnalysis[], label: string | null): string {
  const header = [
    'label', 'domain', 'system', 'kind', 'n', 'tau_min', 'tau_max', 'intercept', 'slope_per_doubling', 'separation', 'penalty', 'converged',
    'h50_min', 'h50_low', 'h50_high', 'h50_censored', 'h80_min', 'h80_low', 'h80_high', 'h80_censored', 'bootstrap_reps', 'seed',
  ];
  const rows: unknown[][] = [];
  for (const a of analyses) {
    for (const s of a.systems) {
      const h = a.horizons[s];
      if (!h) continue;
      const at = (p: number) => h.horizons.find((x) => x.p === p);
      const cells = (x: Horizon | undefined) => (x ? [csvNum(x.tau), csvNum(x.low), csvNum(x.high), x.censored ?? ''] : ['', '', '', '']);
      rows.push([
        label ?? '', a.domain, s, a.overall.find((p) => p.system === s)?.kind ?? '', h.n, csvNum(h.tauRange[0]), csvNum(h.tauRange[1]),
        csvNum(h.fit.intercept), csvNum(h.fit.slope), h.fit.separation, h.fit.penalty, h.fit.converged,
        ...cells(at(0.5)), ...cells(at(0.8)), h.reps, a.seed,
      ]);
    }
  }
  return stringify([header, ...rows]);
}
