// The BM25 index of a corpus (minisearch's BM25+ over title and text), cached on disk by the corpus
// content hash so that a second run loads it instead of rebuilding it.
//
// Cache: <project root>/.cache/deepsearch-index/<corpus sha256>.json (git-ignored). The file records the
// index format version and the corpus hash; a file that is unreadable, corrupt, of another version or
// for another corpus is rebuilt and overwritten, never fatal. Writes go to a temporary file renamed into
// place, so a killed process never leaves a torn cache file behind.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { PROJECT_ROOT } from '../../config/load.ts';
import type { Corpus, CorpusDoc } from './corpus.ts';
import { processTerm, splitWords, terms, TOKENISER_VERSION } from './text.ts';

/** Bump when the index options change (fields, boosts, BM25 parameters); part of the cache key check. */
export const INDEX_VERSION = `2.${TOKENISER_VERSION}`;
export const CACHE_FORMAT = 'sale-deepsearch-index';
export const DEFAULT_INDEX_CACHE_DIR = join(PROJECT_ROOT, '.cache', 'deepsearch-index');

// Title matches count double: a document named after an entity is usually the one about it.
const SEARCH_OPTIONS = { boost: { title: 2 }, combineWith: 'OR' as const, prefix: false, fuzzy: false };

const MINISEARCH_OPTIONS: Options<CorpusDoc> = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: ['title'],
  tokenize: (text) => splitWords(text),
  processTerm: (term) => processTerm(term),
  searchOptions: SEARCH_OPTIONS,
};

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  /** Index terms of the query that matched this document. */
  matched: string[];
}

/** A searchable corpus. */
export class SearchIndex {
  constructor(
    readonly corpus: Corpus,
    private readonly engine: MiniSearch<CorpusDoc>,
  ) {}

  get size(): number {
    return this.engine.documentCount;
  }

  /** The index terms of a query (what the snippet looks for). */
  queryTerms(query: string): string[] {
    return [...new Set(terms(query))];
  }

  /** The k best documents for a query, best first (ties broken by id, so results are deterministic). */
  search(query: string, k: number, filter?: (id: string) => boolean): SearchHit[] {
    const results = this.engine.search(query, filter ? { ...SEARCH_OPTIONS, filter: (r) => filter(String(r.id)) } : SEARCH_OPTIONS);
    results.sort((a, b) => b.score - a.score || (String(a.id) < String(b.id) ? -1 : 1));
    return results.slice(0, Math.max(0, k)).map((r) => ({
      id: String(r.id),
      title: String(r.title ?? this.corpus.byId.get(String(r.id))?.title ?? ''),
      score: r.score,
      matched: r.queryTerms,
    }));
  }

  toJSON(): AsPlainObject {
    return this.engine.toJSON();
  }
}

/** Build the index from scratch (no cache). */
export function buildIndex(corpus: Corpus): SearchIndex {
  const engine = new MiniSearch<CorpusDoc>(MINISEARCH_OPTIONS);
  engine.addAll(corpus.docs);
  return new SearchIndex(corpus, engine);
}

export interface IndexLoad {
  index: SearchIndex;
  /** True when the index came from the disk cache (or this process's memory) rather than a build. */
  cacheHit: boolean;
  /** 'memory' | 'disk' | 'built'. */
  source: 'memory' | 'disk' | 'built';
  /** Why a cache file was not used, when one existed but was rebuilt. */
  rebuiltBecause?: string;
  cacheFile: string | null;
  ms: number;
}

export interface IndexLoadOptions {
  /** Cache folder; null = no disk cache. Default: <project root>/.cache/deepsearch-index. */
  cacheDir?: string | null;
  /** The build function (tests replace it to prove a cache hit does not build). */
  build?: (corpus: Corpus) => SearchIndex;
  /** Skip this process's in-memory copy (benchmarks and tests of the disk cache). */
  noMemory?: boolean;
}

interface CacheFile {
  format: typeof CACHE_FORMAT;
  version: string;
  corpusHash: string;
  documents: number;
  index: AsPlainObject;
}

const inMemory = new Map<string, SearchIndex>();

export const cacheFileFor = (cacheDir: string, corpus: Corpus) => join(cacheDir, `${corpus.hash}.json`);

function readCache(file: string, corpus: Corpus): { index?: SearchIndex; problem?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? {} : { problem: `unreadable (${(e as Error).message})` };
  }
  try {
    const data = JSON.parse(text) as Partial<CacheFile>;
    if (data.format !== CACHE_FORMAT) return { problem: 'not an index cache file' };
    if (data.version !== INDEX_VERSION) return { problem: `index version ${String(data.version)}, expected ${INDEX_VERSION}` };
    if (data.corpusHash !== corpus.hash) return { problem: 'built for another corpus' };
    if (!data.index || data.documents !== corpus.docs.length) return { problem: 'document count differs from the corpus' };
    const engine = MiniSearch.loadJS<CorpusDoc>(data.index, MINISEARCH_OPTIONS);
    if (engine.documentCount !== corpus.docs.length) return { problem: 'document count differs from the corpus' };
    return { index: new SearchIndex(corpus, engine) };
  } catch (e) {
    return { problem: `corrupt (${(e as Error).message.slice(0, 120)})` };
  }
}

function writeCache(file: string, cacheDir: string, corpus: Corpus, index: SearchIndex): void {
  const data: CacheFile = { format: CACHE_FORMAT, version: INDEX_VERSION, corpusHash: corpus.hash, documents: corpus.docs.length, index: index.toJSON() };
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written (read-only checkout, full disk) only costs a rebuild next time.
    rmSync(tmp, { force: true });
  }
}

/** The corpus's index: from this process's memory, else the disk cache, else built (and cached). */
export function loadIndex(corpus: Corpus, options: IndexLoadOptions = {}): IndexLoad {
  const started = performance.now();
  const cacheDir = options.cacheDir === undefined ? DEFAULT_INDEX_CACHE_DIR : options.cacheDir;
  const memoryKey = `${corpus.hash}\0${INDEX_VERSION}`;
  const elapsed = () => performance.now() - started;
  if (!options.noMemory && !options.build) {
    const mem = inMemory.get(memoryKey);
    if (mem) return { index: mem, cacheHit: true, source: 'memory', cacheFile: cacheDir ? cacheFileFor(cacheDir, corpus) : null, ms: elapsed() };
  }
  const file = cacheDir ? cacheFileFor(cacheDir, corpus) : null;
  let rebuiltBecause: string | undefined;
  if (file) {
    const cached = readCache(file, corpus);
    if (cached.index) {
      if (!options.noMemory) inMemory.set(memoryKey, cached.index);
      return { index: cached.index, cacheHit: true, source: 'disk', cacheFile: file, ms: elapsed() };
    }
    rebuiltBecause = cached.problem;
  }
  const index = (options.build ?? buildIndex)(corpus);
  if (file && cacheDir) writeCache(file, cacheDir, corpus, index);
  if (!options.noMemory) inMemory.set(memoryKey, index);
  return { index, cacheHit: false, source: 'built', ...(rebuiltBecause ? { rebuiltBecause } : {}), cacheFile: file, ms: elapsed() };
}
