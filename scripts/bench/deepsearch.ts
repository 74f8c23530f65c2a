// Section `deepsearch`: the deep-search corpus's BM25 index — build time with no cache (cold), load time
// from the disk cache (warm) — and search latency, raw and through the search tool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { quantile } from '../../src/metrics/quantile.ts';
import { createDeepsearchSuite, toolSettings, type DeepsearchSuite } from '../../src/suites/deepsearch/index.ts';
import { buildIndex, loadIndex } from '../../src/suites/deepsearch/search-index.ts';
import { searchTool } from '../../src/suites/deepsearch/tools.ts';
import { createSuites } from '../../src/suites/index.ts';
import { loadTasks } from '../../src/tasks/load.ts';
import { log, median, metric, type SectionResult } from './common.ts';

/** The bundled deep-search suite (or, before its data exists, the test fixture), with its corpus. */
function deepsearchBenchSuite(): { suite: DeepsearchSuite; which: string } {
  const config = loadConfig();
  try {
    const [suite] = createSuites(['deepsearch'], config);
    return { suite: suite as DeepsearchSuite, which: 'bundled datasets/deepsearch' };
  } catch (e) {
    log(`deepsearch: bundled suite unavailable (${(e as Error).message.split('\n')[0]}); using tests/fixtures/deepsearch`);
    const fixture = resolve(import.meta.dirname, '../../tests/fixtures/deepsearch');
    const tasks = loadTasks([join(fixture, 'tasks')]);
    return { suite: createDeepsearchSuite('deepsearch', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null }), which: 'tests/fixtures/deepsearch' };
  }
}

export async function deepsearchSection(): Promise<SectionResult> {
  const { suite, which } = deepsearchBenchSuite();
  const corpus = suite.corpus;
  const questions = suite.tasks.map((t) => t.prompt);
  const cacheDir = mkdtempSync(join(tmpdir(), 'sale-bench-index-'));
  try {
    // Cold: build from scratch (no cache), median of 3 builds.
    const builds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      buildIndex(corpus);
      builds.push(performance.now() - t0);
    }
    // First load with an empty cache folder: build + write the cache file.
    const first = loadIndex(corpus, { cacheDir, noMemory: true });
    if (first.source !== 'built') throw new Error('deepsearch bench: the empty cache folder held an index');
    // Warm: load from the disk cache (JSON parse + minisearch loadJS), median of 5.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const l = loadIndex(corpus, { cacheDir, noMemory: true });
      if (l.source !== 'disk') throw new Error(`deepsearch bench: expected a cache hit, got ${l.source} (${l.rebuiltBecause ?? ''})`);
      loads.push(l.ms);
    }
    const index = first.index;
    // Search latency over the suite's own questions (k = 10): one warm-up pass, then 5 timed passes.
    const tool = searchTool(index, toolSettings(suite.config));
    for (const q of questions) index.search(q, 10);
    const raw: number[] = [];
    const withSnippets: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of questions) {
        const t0 = performance.now();
        index.search(q, 10);
        raw.push(performance.now() - t0);
        const t1 = performance.now();
        await tool.run({ query: q, k: 10 });
        withSnippets.push(performance.now() - t1);
      }
    }
    const note = `${corpus.docs.length} documents, ${questions.length} questions (${which})`;
    log(
      `deepsearch: build ${median(builds).toFixed(0)} ms, warm load ${median(loads).toFixed(0)} ms, search p50 ${quantile(raw, 0.5).toFixed(2)} ms p99 ${quantile(raw, 0.99).toFixed(2)} ms; ${note}`,
    );
    return {
      metrics: [
        metric('deepsearch', 'index build (cold, no cache)', median(builds), 'ms', { note: `median of 3; ${note}` }),
        metric('deepsearch', 'index load (warm disk cache)', median(loads), 'ms', { note: 'median of 5' }),
        metric('deepsearch', 'build / warm load', median(builds) / median(loads), 'x'),
        metric('deepsearch', 'search p50 (k=10)', quantile(raw, 0.5), 'ms', { note: `${raw.length} searches` }),
        metric('deepsearch', 'search p99 (k=10)', quantile(raw, 0.99), 'ms'),
        metric('deepsearch', 'search tool p50 (k=10, snippets)', quantile(withSnippets, 0.5), 'ms'),
        metric('deepsearch', 'search tool p99 (k=10, snippets)', quantile(withSnippets, 0.99), 'ms'),
      ],
      details: {
        corpus: which,
        documents: corpus.docs.length,
        corpusBytes: corpus.docs.reduce((s, d) => s + d.title.length + d.text.length, 0),
        questions: questions.length,
        buildMs: builds,
        firstLoadMs: first.ms,
        warmLoadMs: loads,
        searches: raw.length,
      },
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
