// `sale datasets import hotpotqa|qa`: the deep-search importers behind the shared `import` command.
import { basename, join, relative } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { parseTauFile } from '../../suites/coding/import/tau-estimator.ts';
import { readInput } from '../../suites/deepsearch/import/common.ts';
import { importHotpotqa, importQa, type DeepsearchImportResult } from '../../suites/deepsearch/import/index.ts';
import { intFlag } from '../options.ts';
import { binCounts } from './datasets-shared.ts';

export interface DeepsearchImportFlags {
  out: string;
  suite?: string;
  tauFile?: string;
  corpus?: string;
  questionColumn?: string;
  answerColumn?: string;
  aliasesColumn?: string;
  idColumn?: string;
  maxEvidence?: string;
  skipUnanswerable?: boolean;
  limit?: string;
  seed?: string;
  realWorld?: boolean;
}

export function runDeepsearchImport(format: 'hotpotqa' | 'qa', file: string, flags: DeepsearchImportFlags): void {
  if (flags.tauFile && format === 'qa') throw new ConfigError([`--tau-file: not supported for qa; τ comes from the documented estimator`]);
  if (flags.realWorld && format === 'hotpotqa') throw new ConfigError(['--real-world: only for the qa format (hotpotqa tasks are always real-world)']);
  const limit = intFlag('--limit', flags.limit, 1);
  const seed = intFlag('--seed', flags.seed, 0);
  const sample = { ...(limit !== undefined ? { limit } : {}), ...(seed !== undefined ? { seed } : {}) };
  if (format === 'hotpotqa') {
    for (const [flag, v] of [['--corpus', flags.corpus], ['--question-column', flags.questionColumn], ['--answer-column', flags.answerColumn]] as const) {
      if (v !== undefined) throw new ConfigError([`${flag}: only for the qa format (hotpotqa builds its corpus from the context paragraphs)`]);
    }
  }
  let r: DeepsearchImportResult;
  if (format === 'hotpotqa') {
    const tau = flags.tauFile ? { tauOverrides: parseTauFile(readInput(flags.tauFile, 'τ file'), flags.tauFile), tauFileName: basename(flags.tauFile) } : {};
    r = importHotpotqa(file, { out: flags.out, ...(flags.suite ? { suite: flags.suite } : {}), ...tau, ...sample });
  } else {
    if (!flags.corpus) throw new ConfigError(['qa: --corpus CORPUS is required (the JSONL corpus the questions are answered from)']);
    const maxEvidence = intFlag('--max-evidence', flags.maxEvidence, 1);
    r = importQa(file, {
      out: flags.out,
      corpus: flags.corpus,
      ...(flags.suite ? { suite: flags.suite } : {}),
      ...(flags.questionColumn ? { questionColumn: flags.questionColumn } : {}),
      ...(flags.answerColumn ? { answerColumn: flags.answerColumn } : {}),
      ...(flags.aliasesColumn ? { aliasesColumn: flags.aliasesColumn } : {}),
      ...(flags.idColumn ? { idColumn: flags.idColumn } : {}),
      ...(maxEvidence !== undefined ? { maxEvidence } : {}),
      ...(flags.skipUnanswerable ? { skipUnanswerable: true } : {}),
      ...(flags.realWorld ? { realWorld: true } : {}),
      ...sample,
    });
  }
  const rel = (p: string) => relative(process.cwd(), p) || p;
  process.stdout.write(`wrote ${r.tasks} tasks to ${rel(r.tasksFile)} and ${r.documents} documents to ${rel(r.corpusFile)}; per bin ${binCounts(r.perBin)}\n`);
  for (const w of r.warnings) process.stdout.write(`note: ${w}\n`);
  process.stdout.write(`next: sale datasets validate --reference ${rel(join(r.dir, 'tasks'))}\n`);
  process.stdout.write(`      sale bench run --suite deepsearch --tasks ${rel(join(r.dir, 'tasks'))} --provider sim\n`);
}
