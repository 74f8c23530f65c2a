import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitError } from '../../errors.ts';
import { importCodingDataset } from '../../suites/coding/import/index.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';
import { intFlag } from '../options.ts';
import { runDeepsearchImport, type DeepsearchImportFlags } from './datasets-import-deepsearch.ts';

export function registerDatasetsImport(datasets: Command): void {
  datasets
    .command('import <format> <file>')
    .description(
      'convert a public dataset file to sale tasks: mbpp (original jsonl or sanitized json) | humaneval (jsonl) | ' +
        'hotpotqa (official json: corpus from the context paragraphs) | qa (short-answer jsonl/json/csv/tsv, with --corpus)',
    )
    .requiredOption('--out <path>', 'coding: task file to write, or a folder (then <folder>/<suite>.jsonl); hotpotqa, qa: a folder (DIR/corpus.jsonl, DIR/tasks/<suite>.jsonl)')
    .option('--tau-file <file>', 'mbpp, humaneval, hotpotqa: CSV or JSONL of (id, tau) overriding the estimator for the tasks it names (hotpotqa: task id or _id)')
    .option('--limit <n>', 'keep a seeded stratified sample of n tasks: round-robin over the τ bins, then over answer kinds (hotpotqa: type × answer kind)')
    .option('--seed <n>', 'seed of the --limit sample (default 0)')
    .option('--real-world', 'qa: the corpus describes the real world (tasks use the real-world system prompt; hotpotqa always does)')
    .option('--suite <name>', 'suite name written into the tasks (default: the format)')
    .option('--corpus <file>', 'qa: the corpus JSONL the questions are answered from (copied to DIR/corpus.jsonl)')
    .option('--question-column <name>', 'qa: question column (default: question, problem, query or prompt)')
    .option('--answer-column <name>', 'qa: answer column (default: answer, answers, possible_answers, gold_answer or obj); a JSON list gives answer + aliases')
    .option('--aliases-column <name>', 'qa: aliases column, a JSON list or |-separated (default: aliases or answer_aliases if present)')
    .option('--id-column <name>', 'qa: id column (default: id, _id, qid or question_id; else the row number)')
    .option('--max-evidence <n>', 'qa: at most n evidence documents per question, best BM25 match first (default 3)')
    .option('--skip-unanswerable', 'qa: drop questions whose answer is in no corpus document (default: error)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ sale datasets import mbpp mbpp.jsonl --out datasets/imported/\n  $ sale datasets import hotpotqa hotpot_dev_distractor_v1.json --out datasets/imported/hotpot40 --limit 40 --seed 1\n  $ sale datasets import humaneval HumanEval.jsonl --out datasets/imported/humaneval.jsonl --tau-file tau.csv\n  $ sale bench run --tasks datasets/imported/humaneval.jsonl --provider sim\n  $ sale datasets import hotpotqa hotpot_dev_distractor_v1.json --out datasets/imported/hotpotqa\n  $ sale datasets import qa simple_qa_test_set.csv --corpus datasets/deepsearch/corpus.jsonl --out datasets/imported/simpleqa\n  $ sale bench run --suite deepsearch --tasks datasets/imported/hotpotqa/tasks --provider sim',
    )
    .action((format: string, file: string, flags: DeepsearchImportFlags) => {
      if (format === 'hotpotqa' || format === 'qa') return runDeepsearchImport(format, file, flags);
      if (format !== 'mbpp' && format !== 'humaneval') throw new ExitError(2, `error: unknown format '${format}'; use mbpp, humaneval, hotpotqa or qa`);
      if (flags.realWorld) throw new ExitError(2, `error: --real-world: only for the qa format`);
      const limit = intFlag('--limit', flags.limit, 1);
      const seed = intFlag('--seed', flags.seed, 0);
      const r = importCodingDataset(format, resolve(file), {
        out: flags.out,
        ...(limit !== undefined ? { limit } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(flags.tauFile ? { tauFile: resolve(flags.tauFile) } : {}),
        ...(flags.suite ? { suite: flags.suite } : {}),
      });
      if (r.count < r.total) process.stdout.write(`--limit ${r.count}: a stratified sample (seed ${seed ?? 0}) of the ${r.total} tasks in the file\n`);
      process.stdout.write(`wrote ${r.count} tasks to ${relative(process.cwd(), r.written)}; per bin ${BIN_LABELS.map((l, i) => `${l}: ${r.perBin[i]}`).join(', ')}\n`);
      process.stdout.write(`next: sale datasets validate --reference ${relative(process.cwd(), r.written)}\n`);
    });
}
