// The deep-search agent's tools: search the corpus, open a document (paged), answer.
// Bad arguments and unknown ids come back to the model as "Error: …" strings it can act on, never as
// exceptions that end the task.
import type { Tool } from '../../agents/types.ts';
import type { Corpus, CorpusDoc } from './corpus.ts';
import type { SearchIndex } from './search-index.ts';
import { fold, snippet } from './text.ts';

export interface DeepsearchToolSettings {
  /** Hits returned when the model does not say (k). */
  defaultK: number;
  /** The most hits one search may return. */
  maxK: number;
  /** Characters per page of `open`. */
  pageChars: number;
  /** Characters of each hit's snippet. */
  snippetChars: number;
}

export const DEFAULT_TOOL_SETTINGS: DeepsearchToolSettings = { defaultK: 5, maxK: 10, pageChars: 2000, snippetChars: 200 };

/**
 * Split a document into pages of at most `size` characters, cutting at a paragraph break, else a
 * sentence end, else a space in the last fifth of the page; a word longer than that is cut hard.
 */
export function paginate(text: string, size: number): string[] {
  const pages: string[] = [];
  let rest = text.trim();
  while (rest.length > size) {
    const window = rest.slice(0, size + 1);
    const floor = Math.floor(size * 0.8);
    let cut = window.lastIndexOf('\n\n');
    if (cut < floor) {
      const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '), window.lastIndexOf('.\n'));
      cut = sentence >= floor ? sentence + 1 : -1;
    }
    if (cut < floor) cut = window.lastIndexOf(' ');
    if (cut < floor) cut = size;
    pages.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest.length || pages.length === 0) pages.push(rest);
  return pages;
}

/** An id as a model may write it: "[doc-1]", "'doc-1'", " doc-1 " all mean doc-1. */
const cleanId = (raw: string) => raw.trim().replace(/^[\[\('"`]+|[\]\)'"`.,]+$/g, '').trim();

function findDoc(corpus: Corpus, raw: string): CorpusDoc | undefined {
  return corpus.byId.get(raw) ?? corpus.byId.get(cleanId(raw));
}

/** Up to three documents the model may have meant: same id in another case, or a title it typed. */
function suggestions(corpus: Corpus, raw: string): CorpusDoc[] {
  const want = fold(cleanId(raw));
  if (!want) return [];
  const out: CorpusDoc[] = [];
  for (const d of corpus.docs) {
    if (fold(d.id) === want || fold(d.title) === want) out.push(d);
    if (out.length >= 3) break;
  }
  return out;
}

const argString = (args: Record<string, unknown>, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = args[k];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
};

const argInt = (args: Record<string, unknown>, key: string): number | 'bad' | undefined => {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  return Number.isInteger(n) ? n : 'bad';
};

export function searchTool(index: SearchIndex, settings: DeepsearchToolSettings): Tool {
  return {
    spec: {
      name: 'search',
      description: `Search the document collection (BM25 keyword search over titles and texts). Returns the best-matching documents, best first, each with its id, title, address (url) and a short snippet. Use distinctive words: names, places, dates.`,
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'Keywords to search for.' },
          k: { type: 'integer', description: `How many results to return (1 to ${settings.maxK}; default ${settings.defaultK}).` },
        },
        required: ['query'],
      },
    },
    async run(args) {
      const query = argString(args, 'query', 'q')?.trim();
      if (!query) return { output: 'Error: give a non-empty query, e.g. {"query": "founder of the Ardent Company"}.' };
      const kArg = argInt(args, 'k');
      if (kArg === 'bad') return { output: `Error: k must be a whole number from 1 to ${settings.maxK}.` };
      const k = Math.min(settings.maxK, Math.max(1, kArg ?? settings.defaultK));
      const hits = index.search(query, k);
      if (hits.length === 0) {
        return { output: `No documents match "${query}". Try other words: names, places, dates, or fewer words.`, details: { query, k, hits: [] } };
      }
      const qTerms = index.queryTerms(query);
      const lines = [`Results for "${query}":`];
      hits.forEach((h, i) => {
        const doc = index.corpus.byId.get(h.id)!;
        lines.push(`${i + 1}. [${h.id}] ${h.title}`);
        // The page's address, so a reader can tell the main encyclopedia from other sources before opening.
        if (doc.url) lines.push(`   ${doc.url}`);
        lines.push(`   ${snippet(doc.text, qTerms, settings.snippetChars)}`);
      });
      lines.push('Open a document with open(id) to read it in full.');
      return { output: lines.join('\n'), details: { query, k, hits: hits.map((h) => h.id) } };
    },
  };
}

export function openTool(corpus: Corpus, settings: DeepsearchToolSettings): Tool {
  return {
    spec: {
      name: 'open',
      description: `Open a document by its id (as shown in search results) and read its text. Long documents are split into pages of about ${settings.pageChars} characters; ask for the next page with page=2, 3, …`,
      parameters: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'The document id, e.g. from a search result.' },
          page: { type: 'integer', description: 'Page number, from 1 (default 1).' },
        },
        required: ['id'],
      },
    },
    async run(args) {
      const raw = argString(args, 'id', 'doc_id', 'document_id', 'docid');
      if (raw === undefined || raw.trim() === '') return { output: 'Error: give the id of a document, e.g. {"id": "…"} with an id from the search results.', details: { found: false } };
      const doc = findDoc(corpus, raw);
      if (!doc) {
        const maybe = suggestions(corpus, raw);
        const hint = maybe.length
          ? ` Did you mean ${maybe.map((d) => `[${d.id}] (${d.title})`).join(', ')}?`
          : ' Use an id exactly as shown in brackets in the search results, or search first.';
        return { output: `Error: there is no document with id '${raw}'.${hint}`, details: { docId: raw, found: false } };
      }
      const pages = paginate(doc.text, settings.pageChars);
      const pageArg = argInt(args, 'page');
      if (pageArg === 'bad' || (pageArg !== undefined && (pageArg < 1 || pageArg > pages.length))) {
        return {
          output: `Error: document [${doc.id}] has ${pages.length} page${pages.length === 1 ? '' : 's'}; ask for a page from 1 to ${pages.length}.`,
          details: { docId: doc.id, found: true, pages: pages.length, page: null },
        };
      }
      const page = pageArg ?? 1;
      const head = [`[${doc.id}] ${doc.title}`, ...(doc.url ? [`URL: ${doc.url}`] : []), `Page ${page} of ${pages.length}`, ''];
      const tail =
        page < pages.length
          ? ['', `(page ${page} of ${pages.length}; call open with {"id": "${doc.id}", "page": ${page + 1}} for the next page)`]
          : pages.length > 1
            ? ['', `(page ${page} of ${pages.length}: end of the document)`]
            : [];
      return { output: [...head, pages[page - 1]!, ...tail].join('\n'), details: { docId: doc.id, found: true, page, pages: pages.length } };
    },
  };
}

export function answerTool(): Tool {
  return {
    spec: {
      name: 'answer',
      description: 'Give your final answer: only the answer itself (a name, number, date, yes/no or short phrase), no explanation. Ends the task.',
      parameters: { type: 'object', properties: { text: { type: 'string', description: 'The answer, as short as possible.' } }, required: ['text'] },
    },
    async run(args) {
      const text = argString(args, 'text', 'answer')?.trim();
      if (!text) return { output: 'Error: the answer is empty; call answer with {"text": "<your answer>"}.' };
      return { output: 'Answer recorded.', submission: { kind: 'answer', text } };
    },
  };
}

/** Ids of the documents an agent opened, in order, read from its trace (the open tool's details). */
export function openedDocIds(trace: { message: { role: string; toolName?: string }; details?: Record<string, unknown> }[]): string[] {
  const out: string[] = [];
  for (const e of trace) {
    if (e.message.role !== 'tool' || e.message.toolName !== 'open' || e.details?.found !== true) continue;
    const id = e.details.docId;
    if (typeof id === 'string' && !out.includes(id)) out.push(id);
  }
  return out;
}
