import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../errors.ts';
import { loadConfig } from '../../config/load.ts';
import { loadTasks } from '../../tasks/load.ts';
import { loadCorpus, parseCorpus } from './corpus.ts';
import { createDeepsearchSuite, resolveCorpusPath } from './index.ts';
import { buildIndex, cacheFileFor, loadIndex } from './search-index.ts';
import { keywords, snippet, stem, terms } from './text.ts';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/deepsearch/', import.meta.url));
const CORPUS = join(FIXTURE, 'corpus.jsonl');
const TASKS = join(FIXTURE, 'tasks');
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-ds-'));
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('corpus loading', () => {
  it('loads the fixture corpus with a content hash', () => {
    const c = loadCorpus(CORPUS);
    expect(c.docs.length).toBe(10);
    expect(c.byId.get('port-aldry')!.url).toMatch(/^https:/);
    expect(c.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseCorpus(readFileSync(CORPUS, 'utf8'), CORPUS).hash).toBe(c.hash);
  });

  it('names file and line of a malformed line and of each bad field', () => {
    const text = [
      '{"id":"a","title":"A","text":"alpha"}',
      '{"id":"b","title":"B","text":',
      '{"id":"c","title":"","text":"gamma"}',
      '{"id":"has space","title":"D","text":"delta"}',
      '{"id":"e","title":"E"}',
      '{"id":"f","title":"F","text":"phi","extra":1}',
    ].join('\n');
    const problems = problemsOf(() => parseCorpus(text, '/data/corpus.jsonl'));
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/corpus\.jsonl:2: not valid JSON/);
    expect(problems[1]).toMatch(/corpus\.jsonl:3 \(document c\): title: title is empty/);
    expect(problems[2]).toMatch(/corpus\.jsonl:4 \(document has space\): id: document ids use/);
    expect(problems[3]).toMatch(/corpus\.jsonl:5 \(document e\): text: /);
    expect(problems[4]).toMatch(/corpus\.jsonl:6 \(document f\): \(root\): unknown field\(s\) 'extra'/);
  });

  it('names both lines of a duplicate document id', () => {
    const text = '{"id":"a","title":"A","text":"x"}\n\n{"id":"b","title":"B","text":"y"}\n{"id":"a","title":"A2","text":"z"}\n';
    const problems = problemsOf(() => parseCorpus(text, '/data/corpus.jsonl'));
    expect(problems).toEqual([expect.stringMatching(/corpus\.jsonl:4: duplicate document id 'a' \(first at .*corpus\.jsonl:1\)/)]);
  });

  it('refuses an empty corpus and a missing file', () => {
    expect(problemsOf(() => parseCorpus('\n\n', '/x/corpus.jsonl'))[0]).toMatch(/no documents/);
    expect(problemsOf(() => loadCorpus('/nonexistent/corpus.jsonl'))[0]).toMatch(/no such file/);
  });
});

describe('suite creation', () => {
  const config = loadConfig();
  const sc = { ...config.suites.deepsearch!, datasets: ['/nowhere'], corpus: '/nowhere/corpus.jsonl' };

  it('finds the corpus beside imported tasks and checks every evidence id', () => {
    const tasks = loadTasks([TASKS]);
    expect(resolveCorpusPath(sc, tasks)).toBe(CORPUS);
    const suite = createDeepsearchSuite('ds-mini', sc, tasks, { cacheDir: null });
    expect(suite.tasks).toHaveLength(6);
    expect(suite.prompts.map((p) => p.name)).toEqual(['system.md', 'task.md', 'search-settings']);
    expect(suite.prompts[2]!.text).toContain(suite.corpus.hash);
  });

  it('uses the configured corpus for the suite\'s own datasets', () => {
    const tasks = loadTasks([TASKS]);
    expect(resolveCorpusPath({ ...sc, datasets: [TASKS], corpus: '/elsewhere/c.jsonl' }, tasks)).toBe('/elsewhere/c.jsonl');
  });

  it('a task whose evidence id does not exist is an error naming file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'corpus.jsonl'), readFileSync(CORPUS, 'utf8'));
    const lines = readFileSync(join(TASKS, 'ds-mini.jsonl'), 'utf8').trim().split('\n');
    lines[2] = lines[2]!.replace('"ardent-shipping"', '"no-such-doc"');
    writeFileSync(join(dir, 'bad.jsonl'), `${lines.join('\n')}\n`);
    const tasks = loadTasks([join(dir, 'bad.jsonl')]);
    const problems = problemsOf(() => createDeepsearchSuite('x', sc, tasks, { cacheDir: null }));
    expect(problems).toEqual([expect.stringMatching(/bad\.jsonl:3 \(task ds-mini\/founding-year\): payload\.evidence\.1: no document 'no-such-doc' in .*corpus\.jsonl/)]);
  });
});

describe('tokenisation and snippets', () => {
  it('folds case and diacritics, drops stop words, stems plurals lightly', () => {
    expect(terms('The Cities of Zoë’s rivers and BOXES')).toEqual(['city', 'zoe', 'river', 'box']);
    expect(stem('glass')).toBe('glass');
    expect(stem('status')).toBe('status');
    expect(keywords('In which city was the explorer Orrin Castelbrook born?')).toEqual(['city', 'explorer', 'Orrin', 'Castelbrook', 'born']);
  });

  it('snippets show the passage with the most query terms, cut at words', () => {
    const text = `${'Filler words about nothing in particular. '.repeat(12)}The Salt War ended in 1810 with the Treaty of Hollin Marsh. ${'More filler text follows here. '.repeat(12)}`;
    const s = snippet(text, terms('treaty salt war'), 200);
    expect(s).toContain('Treaty of Hollin Marsh');
    expect(s.length).toBeLessThanOrEqual(202);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(snippet('short text', ['x'])).toBe('short text');
    expect(snippet(text, ['nomatch'], 100).startsWith('Filler')).toBe(true);
  });
});

describe('search index', () => {
  it('ranks the document about an entity first, with title boost, deterministically', () => {
    const index = buildIndex(loadCorpus(CORPUS));
    const hits = index.search('Orrin Castelbrook explorer born', 3);
    expect(hits[0]!.id).toBe('orrin-castelbrook');
    expect(hits.map((h) => h.id)).toContain('orrin-castelbrooke');
    expect(index.search('Lake Quenmere depth', 1)[0]!.id).toBe('lake-quenmere');
    expect(index.search('lakes', 5).map((h) => h.id)).toEqual(expect.arrayContaining(['lake-quenmere', 'lake-orsay']));
    expect(index.search('the of and', 5)).toEqual([]);
    expect(index.search('Orrin', 10)).toEqual(index.search('Orrin', 10));
  });

  it('is cached on disk by corpus hash: the second load does not build', () => {
    const corpus = loadCorpus(CORPUS);
    const cacheDir = tmp();
    const build = vi.fn(buildIndex);
    const first = loadIndex(corpus, { cacheDir, build, noMemory: true });
    expect(first.cacheHit).toBe(false);
    expect(first.source).toBe('built');
    expect(build).toHaveBeenCalledTimes(1);
    expect(first.cacheFile).toBe(join(cacheDir, `${corpus.hash}.json`));
    const second = loadIndex(corpus, { cacheDir, build, noMemory: true });
    expect(second.cacheHit).toBe(true);
    expect(second.source).toBe('disk');
    expect(build).toHaveBeenCalledTimes(1);
    expect(second.index.search('Hollin Marsh treaty', 3)).toEqual(first.index.search('Hollin Marsh treaty', 3));
  });

  it('rebuilds a corrupt or foreign cache file instead of failing', () => {
    const corpus = loadCorpus(CORPUS);
    const cacheDir = tmp();
    const file = cacheFileFor(cacheDir, corpus);
    writeFileSync(file, '{"format":"sale-deepsearch-index","vers');
    const build = vi.fn(buildIndex);
    const a = loadIndex(corpus, { cacheDir, build, noMemory: true });
    expect(a.cacheHit).toBe(false);
    expect(a.rebuiltBecause).toMatch(/corrupt/);
    expect(build).toHaveBeenCalledTimes(1);
    expect(loadIndex(corpus, { cacheDir, build, noMemory: true }).cacheHit).toBe(true);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...data, corpusHash: 'f'.repeat(64) }));
    const b = loadIndex(corpus, { cacheDir, build, noMemory: true });
    expect(b.rebuiltBecause).toMatch(/another corpus/);
    expect(build).toHaveBeenCalledTimes(2);
  });
});
