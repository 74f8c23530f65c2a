// REPRODUCTION.md: every table and figure of the paper the stages' data allow, each number beside the
// paper's (configs/paper-reported.yaml) with the difference and whether the paper's number lies inside
// our interval. A simulated run says SIMULATED on every line.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readManifest } from '../records/run-dir.ts';
import type { Estimate } from './estimate.ts';
import { readJson, type Point } from './compare-cells.ts';
import type { Protocol } from './protocol.ts';
import type { Reported } from './reported.ts';
import { ablationNames, learningCurve, mainTable, oracleGap, overhead, plots, rq1, shapley, variants, type Ctx } from './reproduction-sections.ts';

export const REPRODUCTION = 'REPRODUCTION.md';

interface CompareJson {
  analyses: { domain: string; largest: string; agents: string[]; overall: Point[]; byBin: Point[] }[];
}

/** Every line with words carries the label: headings, table rows and header (a first column), text, images. */
export function labelEveryLine(lines: string[], label: string): string[] {
  let inTable = false;
  return lines.map((l) => {
    if (!l.trim()) return (inTable = false), l;
    if (l.startsWith('|')) {
      const first = !inTable;
      inTable = true;
      if (first) return `| ${label} ${l}`;
      return /^\|[-|: ]+\|$/.test(l) ? `|---${l}` : `| ${label} ${l}`;
    }
    inTable = false;
    if (l.startsWith('#')) return l.replace(/^(#+) /, `$1 ${label} — `);
    if (l.startsWith('![')) return l.replace(/^!\[/, `![${label} — `);
    return `${label}: ${l}`;
  });
}

export function writeReproduction(o: {
  out: string;
  protocol: Protocol;
  reported: Reported;
  estimate: Estimate;
  measured: { tokens: number; usd: number; gpuHours: number };
  label: string | null;
  matrixWithPlans: boolean;
}): string {
  const cmp = readJson<CompareJson>(join(o.out, 'compare', 'compare.json'));
  const matrix = readManifest(join(o.out, 'matrix'));
  const agents = matrix.settings.agents.map((a) => a.name);
  const ctx: Ctx = {
    out: o.out,
    protocol: o.protocol,
    reported: o.reported,
    domains: cmp?.analyses.map((a) => a.domain) ?? Object.keys(o.protocol.suites),
    agents,
    largest: (cmp?.analyses[0]?.largest ?? `agent:${agents[agents.length - 1]}`).replace(/^agent:/, ''),
    overall: new Map(cmp?.analyses.map((a) => [a.domain, a.overall]) ?? []),
    byBin: new Map(cmp?.analyses.map((a) => [a.domain, a.byBin]) ?? []),
  };
  const est = o.estimate.inputTokens + o.estimate.outputTokens;
  const { ablations, juries } = ablationNames(o.protocol, agents);
  const lines = [
    `# Reproduction of "${o.protocol.paper.title}" (arXiv ${o.protocol.paper.arxiv})`,
    '',
    ...(o.label === 'SIMULATED' ? ['These runs used the sim provider, a seeded test double calibrated to the paper\'s own numbers: nothing here is evidence about any model or about SALE.', ''] : []),
    `Protocol: \`${relative(process.cwd(), o.protocol.file) || o.protocol.file}\`; the paper's numbers: \`configs/paper-reported.yaml\` (${o.reported.source}). Provider: ${matrix.settings.provider}; tasks in the matrix: ${matrix.settings.taskIds?.length ?? 'all selected'}; agents: ${agents.join(', ')}; ${o.protocol.sale.orders} SALE orders; training share ${o.protocol.split.train_frac} (split seed ${o.protocol.split.seed}).`,
    '',
    'How to read: "ours" is a percentage with its 95 % interval; "ours − paper" is in points; "paper inside" says whether the paper\'s number lies inside our interval ("no interval" where we have a point value only). Runs on fewer tasks than the paper\'s 753 give wide intervals.',
    '',
    o.matrixWithPlans ? 'SALE\'s winners executed their own plans (a matrix with plans).' : 'Deviation: SALE was replayed on a plan-free outcome matrix: its auctions were held live, but each winner\'s execution is the agent\'s recorded run without its plan (the paper executes the winning plan). `sale bench matrix --with-plans` lifts this once it exists (`matrix.with_plans` in the protocol).',
    '',
    `Tokens: the pilot estimated ${(est / 1e6).toFixed(3)} M tokens for the whole protocol${o.estimate.upperTokens ? ` (up to ${(o.estimate.upperTokens / 1e6).toFixed(3)} M if SALE refines at every chance)` : ''}; the run measured ${(o.measured.tokens / 1e6).toFixed(3)} M (${est ? `${(((est - o.measured.tokens) / Math.max(1, o.measured.tokens)) * 100).toFixed(1)} %` : '—'} off), $${o.measured.usd.toFixed(4)} at the paper's prices and ${o.measured.gpuHours.toFixed(3)} GPU-hours of engine time.`,
    '',
    ...rq1(ctx),
    ...mainTable(ctx),
    ...variants(ctx, 'Ablations (SALE without one component)', ablations),
    ...variants(ctx, 'Jury variants', juries),
    ...learningCurve(ctx),
    ...shapley(ctx),
    ...oracleGap(ctx),
    ...overhead(ctx),
    ...plots(ctx),
    'Sources: `matrix/` (every agent on every task), `sale/` (SALE, its orders and variants, replayed on the matrix), `baselines/` (the baseline routers, replayed), `compare/` (plots and report.md), `report.html` (every task\'s attempts and auctions).',
  ];
  const text = `${(o.label ? labelEveryLine(lines, o.label) : lines).join('\n')}\n`;
  const file = join(o.out, REPRODUCTION);
  writeFileSync(file, text);
  return file;
}
