// `sale datasets validate --reference` for deep-search tasks (bundled or imported): evidence ids exist,
// the answer occurs in the evidence, and BM25 recall@10 of the evidence per bin.
import { relative } from 'node:path';
import chalk from 'chalk';
import type { SuiteConfig } from '../../config/types.ts';
import { loadCorpus } from '../../suites/deepsearch/corpus.ts';
import { resolveCorpusPath } from '../../suites/deepsearch/index.ts';
import { loadIndex } from '../../suites/deepsearch/search-index.ts';
import { formatDeepsearchValidation, validateDeepsearch } from '../../suites/deepsearch/validate.ts';
import type { Task } from '../../tasks/types.ts';
import { configFromFlags } from '../options.ts';

/**
 * Check the deep-search tasks among `tasks` and print the per-bin table; returns false when any task fails.
 * The corpus: the suite's `corpus:` when `name` is a configured suite, else the corpus.jsonl beside the
 * tasks, else the configured deep-search suite's corpus.
 */
export function reportDeepsearchReferences(name: string, tasks: Task[], flags: { config?: string }): boolean {
  const ds = tasks.filter((t) => t.domain === 'deepsearch');
  if (ds.length === 0) return true;
  const config = configFromFlags(flags);
  const own = config.suites[name];
  const fallback = Object.entries(config.suites).find(([n, s]) => (s.kind ?? n) === 'deepsearch')?.[1];
  const sc: SuiteConfig = own ?? { ...(fallback ?? { budgets: { max_steps: 1, max_tokens: 1 }, tool_output_chars: 4000 }), datasets: [] };
  const corpus = loadCorpus(resolveCorpusPath(sc, ds, config.root));
  const load = loadIndex(corpus);
  const v = validateDeepsearch(ds, corpus, load.index);
  const bad = v.checks.filter((c) => c.problems.length);
  for (const c of bad.slice(0, 50)) process.stdout.write(chalk.red(`  ${relative(process.cwd(), c.where) || c.where} (task ${c.taskId}): ${c.problems.join('; ')}\n`));
  if (bad.length > 50) process.stdout.write(chalk.red(`  … and ${bad.length - 50} more\n`));
  process.stdout.write(
    `  deep search: ${ds.length - bad.length}/${ds.length} tasks ok against ${relative(process.cwd(), corpus.file) || corpus.file} (${corpus.docs.length} documents; index ${load.source}, ${load.ms.toFixed(0)} ms)\n`,
  );
  process.stdout.write(`${formatDeepsearchValidation(v).replace(/^/gm, '    ')}\n`);
  return v.ok;
}
