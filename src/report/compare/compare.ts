// `sale bench compare`: read run directories, analyse each domain, write five plots (vega-lite spec, SVG,
// PNG) per domain, report.md, horizons.csv and compare.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { analyzeDomain, type DomainAnalysis } from './analysis.ts';
import { COMPARE_FIELDS, fingerprintMismatches, loadRun, mergeRuns, type FieldMismatch, type LoadedRun } from './load.ts';
import { checkSystems, type PlotOptions } from './plot-data.ts';
import { buildSpecs, PLOT_NAMES, type PlotName } from './plots.ts';
import { fontStatus, specToSvg, svgToPng } from './render.ts';
import { horizonsCsv, markdownReport } from './report.ts';

export interface CompareOptions {
  dirs: string[];
  out: string;
  /** Compare runs whose fingerprints differ in dataset, prompts, models or seeds; the report says so. */
  allowMismatch?: boolean;
  /** Bootstrap seed and replicates (cost intervals, time horizons). */
  seed?: number;
  reps?: number;
  /** Plots only: systems to draw (`--systems`) and `paper` or `screen` sizing (`--style`). */
  plots?: PlotOptions;
}

export interface PlotFiles {
  domain: string;
  name: PlotName;
  spec: string;
  svg: string;
  png: string;
}

export interface CompareResult {
  out: string;
  files: { report: string; csv: string; json: string };
  plots: PlotFiles[];
  runs: LoadedRun[];
  analyses: DomainAnalysis[];
  mismatches: FieldMismatch[];
  warnings: string[];
  simulated: boolean;
  label: string | null;
}

/** Refuse runs that did not measure the same thing, naming the field (unless allowed). */
export function checkComparable(runs: LoadedRun[], allowMismatch: boolean): FieldMismatch[] {
  const mismatches = fingerprintMismatches(runs, COMPARE_FIELDS);
  if (mismatches.length && !allowMismatch) {
    throw new ConfigError(
      mismatches.map((m) => `run fingerprints differ in ${m.field}: ${m.values.map((v) => `${v.runId} = ${v.value}`).join(', ')}`),
      { fix: 'compare runs of the same dataset, prompts, models and seeds, or pass --allow-mismatch (the report then records the mismatch)' },
    );
  }
  return mismatches;
}

export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  if (options.dirs.length === 0) throw new ConfigError(['compare: name at least one run directory']);
  const runs = options.dirs.map(loadRun);
  const mismatches = checkComparable(runs, Boolean(options.allowMismatch));
  const merged = mergeRuns(runs);
  const warnings: string[] = [];
  for (const r of runs) {
    if (r.records.length === 0) warnings.push(`run ${r.manifest.runId} has no records`);
    if (r.manifest.status !== 'complete') warnings.push(`run ${r.manifest.runId} is ${r.manifest.status}: its tables cover only the attempts it finished`);
  }
  const fonts = fontStatus();
  if (!fonts.ok) warnings.push(fonts.message);
  const domains = [...new Set(merged.records.map((r) => r.domain))].sort();
  const analyses = domains.map((d) => analyzeDomain(merged.records, d, merged.agents, { seed: options.seed ?? 0, reps: options.reps ?? 1000 }));
  for (const a of analyses) {
    const free = a.overall.filter((p) => !(p.costPerTask > 0)).map((p) => p.system);
    if (free.length) warnings.push(`${a.domain}: ${free.join(', ')} cost nothing per task, so the log-scale cost plots leave them out (check the prices in configs/agents.yaml)`);
  }

  checkSystems(analyses, options.plots?.systems);
  mkdirSync(options.out, { recursive: true });
  const plots: PlotFiles[] = [];
  const plotLinks: Record<string, Partial<Record<PlotName, string>>> = {};
  const runIds = runs.map((r) => r.manifest.runId).join(', ');
  for (const a of analyses) {
    const dir = join(options.out, a.domain);
    mkdirSync(dir, { recursive: true });
    const tasks = new Set(merged.records.filter((r) => r.domain === a.domain).map((r) => r.taskId)).size;
    const specs = buildSpecs(a, { label: merged.label, subtitle: `${runs.length > 1 ? 'runs' : 'run'} ${runIds} · ${tasks} tasks`, ...options.plots });
    plotLinks[a.domain] = {};
    for (const name of PLOT_NAMES) {
      const files: PlotFiles = { domain: a.domain, name, spec: join(dir, `${name}.vl.json`), svg: join(dir, `${name}.svg`), png: join(dir, `${name}.png`) };
      const svg = await specToSvg(specs[name]);
      writeFileSync(files.spec, `${JSON.stringify(specs[name], null, 2)}\n`);
      writeFileSync(files.svg, svg);
      writeFileSync(files.png, svgToPng(svg));
      plots.push(files);
      plotLinks[a.domain]![name] = `${a.domain}/${name}.png`;
    }
  }
  const files = { report: join(options.out, 'report.md'), csv: join(options.out, 'horizons.csv'), json: join(options.out, 'compare.json') };
  writeFileSync(files.report, markdownReport({ runs, merged, analyses, mismatches, plots: plotLinks, warnings }));
  writeFileSync(files.csv, horizonsCsv(analyses, merged.label));
  writeFileSync(
    files.json,
    `${JSON.stringify(
      {
        label: merged.label,
        runs: runs.map((r) => ({ runId: r.manifest.runId, dir: r.dir, fingerprint: r.manifest.fingerprint, code: r.manifest.code })),
        mismatches,
        renamed: merged.renamed,
        warnings,
        // Infinite horizons become strings so JSON keeps them.
        analyses: JSON.parse(JSON.stringify(analyses, (_, v: unknown) => (v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v))) as unknown,
      },
      null,
      2,
    )}\n`,
  );
  return { out: options.out, files, plots, runs, analyses, mismatches, warnings, simulated: merged.simulated, label: merged.label };
}
