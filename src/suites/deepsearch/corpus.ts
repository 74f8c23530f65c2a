// The deep-search corpus: JSON Lines documents {id, title, text, url?}, validated line by line.
// Every problem is collected (file:line and field) before anything runs on a half-valid corpus.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../errors.ts';
import { displayPath, parseJsonlRecords } from '../../config/jsonl.ts';

/** One document of the corpus. */
export interface CorpusDoc {
  id: string;
  title: string;
  text: string;
  url?: string;
}

/** A loaded corpus: its documents in file order, an id lookup and the content hash. */
export interface Corpus {
  /** Absolute path of the file it was read from. */
  file: string;
  docs: CorpusDoc[];
  byId: ReadonlyMap<string, CorpusDoc>;
  /** Line number (1-based) of each document, by id. */
  lineOf: ReadonlyMap<string, number>;
  /** sha256 of the file's bytes: keys the index cache and goes into the run fingerprint. */
  hash: string;
}

// Document ids use the same alphabet as task ids, so they can be quoted in prompts and file names safely.
export const DOC_ID_PATTERN = /^[A-Za-z0-9_.:\/-]+$/;

export const corpusDocSchema = z.strictObject({
  id: z.string().min(1).regex(DOC_ID_PATTERN, 'document ids use letters, digits and _ . : / -'),
  title: z.string().min(1, 'title is empty'),
  text: z.string().min(1, 'text is empty'),
  url: z.string().min(1).optional(),
});

const display = displayPath;

/** Parse corpus JSONL text. Throws a ConfigError listing every problem (file:line: field: message). */
export function parseCorpus(text: string, file: string): Corpus {
  const problems: string[] = [];
  const docs: CorpusDoc[] = [];
  const lineOf = new Map<string, number>();
  const byId = new Map<string, CorpusDoc>();
  for (const { value, line } of parseJsonlRecords(text, file, corpusDocSchema, problems, 'document')) {
    const where = `${display(file)}:${line}`;
    const doc: CorpusDoc = value;
    const first = lineOf.get(doc.id);
    if (first !== undefined) {
      problems.push(`${where}: duplicate document id '${doc.id}' (first at ${display(file)}:${first})`);
      continue;
    }
    lineOf.set(doc.id, line);
    byId.set(doc.id, doc);
    docs.push(doc);
  }
  if (docs.length === 0 && problems.length === 0) problems.push(`${display(file)}: the corpus has no documents`);
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the corpus file at the lines named above; nothing was run' });
  return { file: resolve(file), docs, byId, lineOf, hash: createHash('sha256').update(text).digest('hex') };
}

const loaded = new Map<string, Corpus>();

/**
 * Read and validate a corpus file. Loaded corpora are kept per path and content hash for the life of the
 * process (a run with several suites, or validate after load, reads a corpus once).
 */
export function loadCorpus(path: string): Corpus {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([`${display(file)}: cannot read the corpus${code === 'ENOENT' ? ': no such file' : ` (${(e as Error).message})`}`], {
      fix: 'check the corpus path (configs/suites.yaml `corpus:`, or corpus.jsonl beside the tasks)',
    });
  }
  const hash = createHash('sha256').update(text).digest('hex');
  const key = `${file}\0${hash}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  const corpus = parseCorpus(text, file);
  loaded.set(key, corpus);
  return corpus;
}

/** Write documents as corpus JSONL text (one document per line, keys in a fixed order). */
export function corpusToJsonl(docs: CorpusDoc[]): string {
  return docs.map((d) => JSON.stringify({ id: d.id, title: d.title, text: d.text, ...(d.url ? { url: d.url } : {}) })).join('\n') + '\n';
}
