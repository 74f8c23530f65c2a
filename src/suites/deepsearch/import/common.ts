// Shared parts of the deep-search importers: document ids from titles, and writing DIR/corpus.jsonl and
// DIR/tasks/<suite>.jsonl after validating everything (nothing is written when anything is invalid).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../../errors.ts';
import { binOf } from '../../../tasks/bins.ts';
import { formatZodIssues, taskRecordSchema } from '../../../tasks/schema.ts';
import type { TaskRecord } from '../../../tasks/types.ts';
import { corpusDocSchema, corpusToJsonl, type CorpusDoc } from '../corpus.ts';
import { fold } from '../text.ts';

/**
 * A document id from a title: a readable slug (≤ 48 characters) plus 8 hex digits of the title's sha1,
 * so that titles differing only in punctuation or case ("Up (film)" / "Up film") stay apart.
 */
export function docIdFromTitle(title: string): string {
  const slug = fold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  const hash = createHash('sha1').update(title).digest('hex').slice(0, 8);
  return `${slug || 'doc'}-${hash}`;
}

/** Task ids use letters, digits and _ . : / -; anything else becomes '-'. */
export const safeId = (s: string) => s.replace(/[^A-Za-z0-9_.:\/-]+/g, '-');

export const validSuiteName = (suite: string) => {
  if (!/^[A-Za-z0-9_.-]+$/.test(suite) || suite.startsWith('.')) {
    throw new ConfigError([`suite name '${suite}' must use letters, digits and _ . - (it names the task file)`]);
  }
};

export interface DeepsearchImportResult {
  dir: string;
  corpusFile: string;
  tasksFile: string;
  documents: number;
  tasks: number;
  perBin: number[];
  /** Things worth knowing that did not stop the import. */
  warnings: string[];
}

export function readInput(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: cannot read ${what}${code === 'ENOENT' ? ': no such file' : ` (${(e as Error).message})`}`], { fix: 'check the path' });
  }
}

/** Validate tasks (and documents, when given) and write them. `copyCorpusFrom` copies a corpus file byte for byte. */
export function writeImport(
  outDir: string,
  suite: string,
  records: TaskRecord[],
  corpus: { docs: CorpusDoc[] } | { copyFrom: string; documents: number },
  warnings: string[],
  source: string,
): DeepsearchImportResult {
  const problems: string[] = [];
  for (const r of records) {
    const parsed = taskRecordSchema.safeParse(r);
    if (!parsed.success) for (const msg of formatZodIssues(parsed.error)) problems.push(`${source} (task ${r.id}): ${msg}`);
  }
  if ('docs' in corpus) {
    for (const d of corpus.docs) {
      const parsed = corpusDocSchema.safeParse(d);
      if (!parsed.success) for (const msg of formatZodIssues(parsed.error)) problems.push(`${source} (document '${d.title}'): ${msg}`);
    }
  }
  if (records.length === 0) problems.push(`${source}: no task to write`);
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the input file; nothing was written' });
  const dir = resolve(outDir);
  const corpusFile = join(dir, 'corpus.jsonl');
  const tasksFile = join(dir, 'tasks', `${suite}.jsonl`);
  mkdirSync(join(dir, 'tasks'), { recursive: true });
  if ('docs' in corpus) writeFileSync(corpusFile, corpusToJsonl(corpus.docs));
  else if (resolve(corpus.copyFrom) !== corpusFile) copyFileSync(corpus.copyFrom, corpusFile);
  writeFileSync(tasksFile, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const perBin = [0, 0, 0, 0, 0];
  for (const r of records) perBin[binOf(r.tau)]! += 1;
  return {
    dir,
    corpusFile,
    tasksFile,
    documents: 'docs' in corpus ? corpus.docs.length : corpus.documents,
    tasks: records.length,
    perBin,
    warnings,
  };
}
