import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { loadTasks } from '../../tasks/load.ts';
import { loadCorpus } from './corpus.ts';
import { createDeepsearchSuite } from './index.ts';
import { buildIndex } from './search-index.ts';
import { answerTool, DEFAULT_TOOL_SETTINGS, openedDocIds, openTool, paginate, searchTool } from './tools.ts';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/deepsearch/', import.meta.url));
const corpus = loadCorpus(join(FIXTURE, 'corpus.jsonl'));
const index = buildIndex(corpus);
const settings = { ...DEFAULT_TOOL_SETTINGS, pageChars: 1200 };

describe('search tool', () => {
  const search = searchTool(index, settings);
  it('returns ranked hits with id, title and a snippet around the query terms', async () => {
    const r = await search.run({ query: 'treaty that ended the Salt War', k: 3 });
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('Results for "treaty that ended the Salt War":');
    expect(lines[1]).toBe('1. [history-of-velmora] History of Velmora');
    expect(lines[2]).toContain('Treaty of Hollin Marsh');
    expect(lines[2]!.length).toBeLessThan(215);
    expect(r.details).toMatchObject({ query: 'treaty that ended the Salt War', k: 3 });
    expect((r.details!.hits as string[])[0]).toBe('history-of-velmora');
    expect((r.details!.hits as string[]).length).toBeLessThanOrEqual(3);
  });

  it('defaults k, clamps it, and accepts a numeric string', async () => {
    const many = await search.run({ query: 'Velmoran' });
    expect((many.details!.hits as string[]).length).toBeLessThanOrEqual(DEFAULT_TOOL_SETTINGS.defaultK);
    const clamped = await search.run({ query: 'Velmoran Port Aldry lake', k: 500 });
    expect((clamped.details!.hits as string[]).length).toBeLessThanOrEqual(settings.maxK);
    expect((await search.run({ query: 'Orrin', k: '1' })).details!.hits).toHaveLength(1);
  });

  it('answers bad input with an error string, not an exception', async () => {
    expect((await search.run({})).output).toMatch(/^Error: give a non-empty query/);
    expect((await search.run({ query: 'Orrin', k: 'many' })).output).toMatch(/^Error: k must be/);
    expect((await search.run({ query: 'xylophone zeppelin' })).output).toMatch(/^No documents match/);
  });
});

describe('open tool', () => {
  const open = openTool(corpus, settings);
  it('pages long documents and says which page it is', async () => {
    const first = await open.run({ id: 'history-of-velmora' });
    expect(first.output.split('\n').slice(0, 2)).toEqual(['[history-of-velmora] History of Velmora', 'Page 1 of 3']);
    expect(first.output).toContain('call open with {"id": "history-of-velmora", "page": 2}');
    expect(first.details).toEqual({ docId: 'history-of-velmora', found: true, page: 1, pages: 3 });
    const pages = await Promise.all([1, 2, 3].map((page) => open.run({ id: 'history-of-velmora', page })));
    expect(pages[2]!.output).toContain('Page 3 of 3');
    expect(pages[2]!.output).toContain('end of the document');
    // The pages together hold the whole text.
    const body = (o: string) => o.split('\n').slice(3).join('\n').replace(/\n\(page \d of 3[^)]*\)$/, '').trim();
    const joined = pages.map((p) => body(p.output)).join(' ').replace(/\s+/g, ' ');
    expect(joined).toBe(corpus.byId.get('history-of-velmora')!.text.replace(/\s+/g, ' ').trim());
    expect(pages.map((p) => body(p.output).length).every((n) => n <= 1200)).toBe(true);
  });

  it('shows a short document whole, with its URL', async () => {
    const r = await open.run({ id: 'port-aldry', page: 1 });
    expect(r.output).toContain('URL: https://velmora.example/wiki/port-aldry');
    expect(r.output).toContain('Page 1 of 1');
    expect(r.output).toContain('founded in 1711');
  });

  it('accepts an id written with brackets or quotes', async () => {
    expect((await open.run({ id: '[lake-orsay]' })).details).toMatchObject({ docId: 'lake-orsay', found: true });
    expect((await open.run({ id: '"lake-orsay"' })).details).toMatchObject({ docId: 'lake-orsay', found: true });
  });

  it('answers an unknown id or page with a helpful error', async () => {
    const r = await open.run({ id: 'Lake Orsay' });
    expect(r.output).toMatch(/^Error: there is no document with id 'Lake Orsay'\. Did you mean \[lake-orsay\] \(Lake Orsay\)\?/);
    expect(r.details).toEqual({ docId: 'Lake Orsay', found: false });
    expect((await open.run({ id: 'nothing-like-it' })).output).toMatch(/search results/);
    expect((await open.run({ id: 'port-aldry', page: 4 })).output).toMatch(/has 1 page; ask for a page from 1 to 1/);
    expect((await open.run({ id: 'port-aldry', page: 'two' })).output).toMatch(/^Error/);
    expect((await open.run({})).output).toMatch(/^Error: give the id/);
  });
});

describe('answer tool and helpers', () => {
  it('answer is terminal and refuses an empty answer', async () => {
    const a = answerTool();
    expect(await a.run({ text: ' Port Aldry ' })).toEqual({ output: 'Answer recorded.', submission: { kind: 'answer', text: 'Port Aldry' } });
    expect((await a.run({ text: '  ' })).submission).toBeUndefined();
    expect((await a.run({ answer: 'x' })).submission).toEqual({ kind: 'answer', text: 'x' });
  });

  it('paginate cuts at paragraph or sentence ends and never exceeds the page size', () => {
    const text = 'First sentence here. '.repeat(30) + '\n\n' + 'Second part. '.repeat(40);
    const pages = paginate(text, 300);
    expect(pages.every((p) => p.length <= 300)).toBe(true);
    expect(pages.every((p) => /[.]$/.test(p))).toBe(true);
    expect(paginate('x'.repeat(650), 300).map((p) => p.length)).toEqual([300, 300, 50]);
    expect(paginate('', 300)).toEqual(['']);
  });

  it('openedDocIds reads successful opens from a trace, once each, in order', () => {
    const ev = (toolName: string, details: Record<string, unknown>) => ({ message: { role: 'tool', toolName }, details });
    expect(
      openedDocIds([
        ev('open', { docId: 'b', found: true }),
        ev('search', { hits: ['a'] }),
        ev('open', { docId: 'x', found: false }),
        ev('open', { docId: 'a', found: true }),
        ev('open', { docId: 'b', found: true, page: 2 }),
      ]),
    ).toEqual(['b', 'a']);
  });
});

describe('suite prompts and final text', () => {
  const config = loadConfig();
  const tasks = loadTasks([join(FIXTURE, 'tasks')]);
  const suite = createDeepsearchSuite('ds-mini', { ...config.suites.deepsearch!, datasets: ['/nowhere'] }, tasks, { cacheDir: null });
  it('frames the question and insists on searching, not memory', () => {
    expect(suite.systemPrompt(tasks[0]!)).toMatch(/Never answer from memory/);
    expect(suite.systemPrompt(tasks[0]!)).toMatch(/fictional/);
    const user = suite.userPrompt(tasks[0]!);
    expect(user).toContain('Question: In which city was the explorer Orrin Castelbrook born?');
    expect(user).not.toContain('plan');
    expect(suite.userPrompt(tasks[0]!, 'search the name')).toContain('Your plan for this task:\nsearch the name');
    expect(suite.tools(tasks[0]!, { sandbox: undefined as never }).map((t) => t.spec.name)).toEqual(['search', 'open', 'answer']);
  });

  it('takes a final text reply only when it says "Answer: …"', () => {
    expect(suite.parseFinalText(tasks[0]!, 'I found it.\nFinal answer: Port Aldry')).toEqual({ kind: 'answer', text: 'Port Aldry' });
    expect(suite.parseFinalText(tasks[0]!, '**Answer:** Port Aldry')).toEqual({ kind: 'answer', text: 'Port Aldry' });
    expect(suite.parseFinalText(tasks[0]!, 'Let me search for the explorer first.')).toBeNull();
  });
});
