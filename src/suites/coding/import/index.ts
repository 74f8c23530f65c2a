// Import a public coding dataset file (MBPP or HumanEval) into a task JSONL file.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../../errors.ts';
import { binOf } from '../../../tasks/bins.ts';
import { formatZodIssues, taskRecordSchema } from '../../../tasks/schema.ts';
import type { TaskRecord } from '../../../tasks/types.ts';
import { throwIfProblems, type ImportOptions } from './common.ts';
import { importHumanEval } from './humaneval.ts';
import { importMbpp } from './mbpp.ts';
import { stratifiedSample } from './sample.ts';
import { parseTauFile } from './tau-estimator.ts';

export { importMbpp } from './mbpp.ts';
export { importHumanEval } from './humaneval.ts';
export { estimateCodingTau, parseTauFile, CODING_TAU_ESTIMATOR } from './tau-estimator.ts';
export type { ImportOptions } from './common.ts';
export { stratifiedSample } from './sample.ts';

export const CODING_FORMATS = ['mbpp', 'humaneval'] as const;
export type CodingFormat = (typeof CODING_FORMATS)[number];

export interface ImportResult {
  /** Path of the JSONL file written. */
  written: string;
  count: number;
  /** Tasks per bin, index 0..4 (see tasks/bins.ts). */
  perBin: number[];
  /** Tasks in the input file (more than `count` under --limit). */
  total: number;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: cannot read ${what}${code === 'ENOENT' ? ': no such file' : ` (${(e as Error).message})`}`], {
      fix: 'check the path',
    });
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where the JSONL goes: `out` itself, or `<out>/<suite>.jsonl` when `out` is a folder or ends with '/'. */
export function outputPath(out: string, suite: string): string {
  if (out.endsWith('/') || out.endsWith('\\') || isDirectory(out)) return join(out, `${suite}.jsonl`);
  return out;
}

/**
 * Read `inputFile`, convert it, validate every record against the task schema and write them as
 * JSON Lines. Nothing is written when any record is invalid.
 */
export function importCodingDataset(
  format: CodingFormat,
  inputFile: string,
  options: { out: string; tauFile?: string; suite?: string; limit?: number; seed?: number },
): ImportResult {
  if (!(CODING_FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError([`unknown coding dataset format '${format}'`], { fix: `use one of: ${CODING_FORMATS.join(', ')}` });
  }
  const suite = options.suite ?? format;
  if (!/^[A-Za-z0-9_.-]+$/.test(suite) || suite.startsWith('.')) {
    throw new ConfigError([`suite name '${suite}' must use letters, digits and _ . - (it names the output file)`]);
  }
  const importOptions: ImportOptions = { suite };
  if (options.tauFile !== undefined) {
    importOptions.tauOverrides = parseTauFile(readText(options.tauFile, 'τ file'), options.tauFile);
    importOptions.tauFileName = basename(options.tauFile);
  }
  const text = readText(inputFile, `${format} dataset file`);
  let records: TaskRecord[] =
    format === 'mbpp' ? importMbpp(text, inputFile, importOptions) : importHumanEval(text, inputFile, importOptions);

  const problems: string[] = [];
  for (const record of records) {
    const parsed = taskRecordSchema.safeParse(record);
    if (!parsed.success) {
      for (const msg of formatZodIssues(parsed.error)) problems.push(`${inputFile} (task ${record.id}): ${msg}`);
    }
  }
  throwIfProblems(problems, `${format} dataset file`);

  const total = records.length;
  if (options.limit !== undefined && options.limit < total) records = stratifiedSample(records, options.limit, options.seed ?? 0);
  const perBin = [0, 0, 0, 0, 0];
  for (const r of records) perBin[binOf(r.tau)]! += 1;

  const written = resolve(outputPath(options.out, suite));
  mkdirSync(dirname(written), { recursive: true });
  writeFileSync(written, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { written, count: records.length, perBin, total };
}
