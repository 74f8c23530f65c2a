// What a finished `bench run` prints, whatever its systems: the pass@1 table; the routers' summary when
// they were replayed; SALE's summary when it held auctions; then where every file is.
import { join } from 'node:path';
import chalk from 'chalk';
import type { AllTables } from '../report/write-tables.ts';
import { terminalTable } from '../report/tables.ts';
import { paint } from './paint.ts';

export function printTables(t: AllTables, started: number, out: NodeJS.WritableStream = process.stdout): void {
  const { run, routers, sale, dir } = t;
  out.write(`\n${terminalTable(run.rows, run.manifest, paint)}\n`);
  if (routers) {
    const overall = routers.rows.filter((r) => r.bin === 'all' && r.domain === run.rows[0]?.domain);
    out.write(chalk.bold('routers on the test split (replayed, zero model calls)\n'));
    out.write(`${'system'.padEnd(16)}${'pass@1'.padStart(8)}${'rel.cost'.padStart(10)}${'reliance↓'.padStart(11)}${'gap'.padStart(7)}${'over-esc'.padStart(10)}\n`);
    for (const r of overall) {
      out.write(
        `${r.system.replace(/^agent:/, '').padEnd(16)}${(100 * r.pass1).toFixed(1).padStart(8)}${r.relativeCost.toFixed(3).padStart(10)}${(100 * r.relianceReduction).toFixed(1).padStart(11)}${(100 * r.gapToOracle).toFixed(1).padStart(7)}${(100 * r.overEscalation).toFixed(1).padStart(10)}\n`,
      );
    }
  }
  if (sale) {
    const rows = sale.rows.filter((r) => r.bin === 'all');
    const agents = Object.keys(rows[0]?.workloadShare ?? {});
    out.write(chalk.bold(`\nSALE on the test split (mean ± std over task orders)\n`));
    out.write(`${'variant'.padEnd(18)}${'domain'.padEnd(12)}${'pass@1'.padStart(14)}${'cost $'.padStart(12)}${'overhead'.padStart(10)}${agents.map((a) => a.padStart(7)).join('')}\n`);
    for (const r of rows) {
      out.write(
        `${r.variant.padEnd(18)}${r.domain.padEnd(12)}${`${(100 * r.pass1Mean).toFixed(1)} ± ${(100 * r.pass1Std).toFixed(1)}`.padStart(14)}${r.costMean.toExponential(2).padStart(12)}${`${(100 * r.overheadTokenShare).toFixed(1)}%`.padStart(10)}${agents.map((a) => `${(100 * (r.workloadShare[a] ?? 0)).toFixed(0)}%`.padStart(7)).join('')}\n`,
      );
    }
  }
  const split = run.manifest.routing?.split;
  out.write(
    [
      `\nrun directory: ${dir}`,
      `  records:  ${join(dir, 'records.jsonl')}`,
      ...(split ? [`  split:    ${split.train.length} training / ${split.test.length} test tasks${routers ? ' (split.json)' : ''}`] : []),
      `  tables:   ${run.files.csv}, ${run.files.markdown}`,
      ...(routers ? [`  routers:  ${routers.files.csv}, ${routers.files.markdown}`] : []),
      ...(sale ? [`  SALE:     ${sale.files.markdown}, ${sale.files.csv}`, `            auctions.jsonl (every auction), memory.jsonl, weights.json`, `            ${sale.files.curve}, ${sale.files.workload}, ${sale.files.calibration}`] : []),
      `  took ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    ].join('\n'),
  );
}
