// `sale datasets audit [PATH]`: cheap shortcut solvers per τ bin (see src/suites/deepsearch/audit and
// src/suites/coding/audit.ts). A bin a shortcut solves is a bin whose τ overstates its difficulty.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import type { SuiteConfig } from '../../config/types.ts';
import { ConfigError, ExitError } from '../../errors.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { auditCoding } from '../../suites/coding/audit.ts';
import { auditDeepsearch, type AuditRow, type HopResult } from '../../suites/deepsearch/audit/index.ts';
import { loadCorpus } from '../../suites/deepsearch/corpus.ts';
import { resolveCorpusPath } from '../../suites/deepsearch/index.ts';
import { loadIndex } from '../../suites/deepsearch/search-index.ts';
import { BIN_KEYS } from '../../tasks/bins.ts';
import { loadTasks } from '../../tasks/load.ts';
import { binsFlag, configFromFlags, intFlag } from '../options.ts';
import { auditCsv, auditTable, hopsCsv, hopSummaries, hopTable } from './datasets-audit-report.ts';
import { pathsFor } from './datasets-shared.ts';

interface AuditFlags {
  json?: boolean;
  out: string;
  maxShortcut?: string;
  checkBins?: string;
  mutants?: boolean;
  seed: string;
  concurrency: string;
  config?: string;
}

export function registerDatasetsAudit(datasets: Command): void {
  datasets
    .command('audit [path]')
    .description('run cheap shortcut solvers on every bin: a hard bin a shortcut solves has a τ that overstates it')
    .option('--json', 'print the rows as JSON: [{suite, solver, bin, n, solved, rate, low, high}]')
    .option('--out <dir>', 'folder for audit.csv, audit.md and hops.csv', 'results/audit')
    .option('--max-shortcut <r>', 'exit 1 when a shortcut solves more than this share (0-1) of a bin')
    .option('--check-bins <keys>', 'with --max-shortcut: only these bins (e.g. le12.5,le60); default all')
    .option('--mutants', 'coding: also run the reference with one mutation through the tests (solver "mutant")')
    .option('--seed <n>', 'seed of the no-corpus random pick and the mutant choice', '0')
    .option('--concurrency <n>', 'sandbox runs at once (coding)', '2')
    .option('--config <dir>', 'configuration folder')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ sale datasets audit                                   # every bundled suite',
        '  $ sale datasets audit datasets/deepsearch/tasks --json',
        '  $ sale datasets audit --max-shortcut 0.1 --check-bins le12.5,le60',
        '',
        'Deep search: one-shot (search the question, open the top 3 hits, answer with the best-matching span),',
        'search-only (10 snippets, no opens), no-corpus (priors: majority answer per template, yes/no majority,',
        'random pick among options the question names; "chance" is a uniform guess). Hop sufficiency: fewest',
        'opens that reach a gold page stating the answer, for multi-hop questions with a string answer.',
        'Coding: stub (returns None), examples (the prompt\'s examples as a lookup table), mutant (--mutants).',
      ].join('\n'),
    )
    .action(async (path: string | undefined, flags: AuditFlags) => {
      const seed = intFlag('--seed', flags.seed, 0) ?? 0;
      const concurrency = intFlag('--concurrency', flags.concurrency, 1) ?? 2;
      const max = flags.maxShortcut === undefined ? undefined : Number(flags.maxShortcut);
      if (max !== undefined && (!Number.isFinite(max) || max < 0 || max > 1 || flags.maxShortcut!.trim() === '')) {
        throw new ConfigError([`--max-shortcut: '${flags.maxShortcut}' is not a number between 0 and 1`]);
      }
      const checkBins = binsFlag(flags.checkBins);
      if (checkBins && max === undefined) throw new ConfigError(['--check-bins needs --max-shortcut']);
      const rows: AuditRow[] = [];
      const hopLines: string[] = [];
      const hopSummary: ReturnType<typeof hopSummaries> = [];
      let sandbox: Sandbox | null = null;
      const config = configFromFlags(flags);
      for (const { name, paths } of pathsFor(path, flags)) {
        const tasks = loadTasks(paths);
        const ds = tasks.filter((t) => t.domain === 'deepsearch');
        const coding = tasks.filter((t) => t.domain === 'coding');
        if (ds.length) {
          const own = config.suites[name];
          const fallback = Object.entries(config.suites).find(([n, s]) => (s.kind ?? n) === 'deepsearch')?.[1];
          const sc: SuiteConfig = own ?? { ...(fallback ?? { budgets: { max_steps: 1, max_tokens: 1 }, tool_output_chars: 4000 }), datasets: [] };
          const corpus = loadCorpus(resolveCorpusPath(sc, ds, config.root));
          const a = auditDeepsearch(name, ds, corpus, loadIndex(corpus).index, seed);
          rows.push(...a.rows);
          const s = hopSummaries(name, a.hops as (HopResult & { bin: number })[]);
          hopSummary.push(...s);
          const csv = hopsCsv(name, a.hops);
          if (csv) hopLines.push(csv);
        }
        if (coding.length) {
          sandbox ??= await createSandbox();
          const a = await auditCoding(name, coding, sandbox, { concurrency, seed, mutants: !!flags.mutants });
          rows.push(...a.rows);
        }
      }
      const out = resolve(flags.out);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'audit.csv'), auditCsv(rows));
      writeFileSync(join(out, 'hops.csv'), ['suite,task,bin,hops,min_opens,path', ...hopLines].join('\n') + '\n');
      const md = [
        '# Shortcut audit',
        '',
        'Solve rate per τ bin (solved/n, rate, Wilson 95 % interval). No-corpus chance: a uniform guess (½ for yes/no, 1/k for k named options, 0 otherwise).',
        '',
        auditTable(rows, true),
        '',
        '## Hop sufficiency',
        '',
        hopTable(hopSummary, true) || 'No multi-hop questions with a string answer.',
        '',
      ].join('\n');
      writeFileSync(join(out, 'audit.md'), md);
      const over = max === undefined ? [] : rows.filter((r) => r.rate > max && (!checkBins || checkBins.includes(BIN_KEYS.indexOf(r.bin))));
      if (flags.json) {
        process.stdout.write(JSON.stringify(rows.map((r) => ({ suite: r.suite, solver: r.solver, bin: r.bin, n: r.n, solved: r.solved, rate: r.rate, low: r.low, high: r.high, ...(r.chance !== undefined ? { chance: r.chance } : {}) }))) + '\n');
      } else {
        process.stdout.write(`${auditTable(rows, false)}\n`);
        const h = hopTable(hopSummary, false);
        if (h) process.stdout.write(`${h}\n`);
        process.stdout.write(`wrote ${['audit.csv', 'audit.md', 'hops.csv'].map((f) => relative(process.cwd(), join(out, f))).join(', ')}\n`);
      }
      if (over.length) {
        throw new ExitError(1, chalk.red(over.map((r) => `${r.suite} ${r.solver} solves ${r.solved}/${r.n} (${(100 * r.rate).toFixed(0)}%) of bin ${r.bin}, more than --max-shortcut ${max}`).join('\n')));
      }
    });
}
