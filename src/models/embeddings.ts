// Task-text embeddings for routing and SALE's auction memory. Two embedders behind one interface:
// an offline TF-IDF (the default: no model needed) and Ollama's `all-minilm` (all-MiniLM-L6-v2, the
// paper's model). Vectors are L2-normalised and stored sparse, so cosine similarity is a sparse dot.
import { createHash } from 'node:crypto';

/** A unit-length vector stored sparse: `indices` ascending, `values` beside them. */
export interface Embedding {
  dim: number;
  indices: Int32Array;
  values: Float32Array;
}

export interface Embedder {
  /** Recorded in the run fingerprint: "tfidf-hash-v1:<vocab hash>" or "ollama:all-minilm@<digest>". */
  readonly id: string;
  embed(texts: string[]): Promise<Embedding[]>;
}

const TOKEN = /[a-z0-9_]+/g;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Unigrams and bigrams: bigrams keep some phrase structure ("longest run", "founded in"). */
function terms(text: string): string[] {
  const toks = tokenize(text);
  const out = [...toks];
  for (let i = 0; i + 1 < toks.length; i++) out.push(`${toks[i]} ${toks[i + 1]}`);
  return out;
}

function bucket(term: string, dim: number): number {
  return createHash('md5').update(term).digest().readUInt32BE(0) % dim;
}

export function normalise(dense: Float64Array | number[]): Embedding {
  let norm = 0;
  for (const v of dense) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const idx: number[] = [];
  const val: number[] = [];
  dense.forEach((v, i) => {
    if (v !== 0) {
      idx.push(i);
      val.push(v / norm);
    }
  });
  return { dim: dense.length, indices: Int32Array.from(idx), values: Float32Array.from(val) };
}

/** Cosine similarity of two unit vectors (sparse merge). */
export function cosine(a: Embedding, b: Embedding): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i]!;
    const bj = b.indices[j]!;
    if (ai === bj) s += a.values[i++]! * b.values[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return s;
}

/** The embedding as a dense array (for predictors that need fixed-width features). */
export function toDense(e: Embedding): Float64Array {
  const d = new Float64Array(e.dim);
  e.indices.forEach((ix, k) => (d[ix] = e.values[k]!));
  return d;
}

/**
 * Offline TF-IDF over hashed unigrams and bigrams (sublinear tf, smoothed idf). The idf is fitted on
 * the texts given (task texts only — no outcome of any task), so it is identical for every router and
 * for SALE's memory within one run; its hash is part of the embedder id.
 */
export function createTfIdfEmbedder(fitTexts: string[], options: { dim?: number } = {}): Embedder {
  const dim = options.dim ?? 1024;
  const df = new Float64Array(dim);
  for (const text of fitTexts) for (const b of new Set(terms(text).map((t) => bucket(t, dim)))) df[b]!++;
  const n = fitTexts.length;
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const fitHash = createHash('sha256').update(fitTexts.join('\u241e')).digest('hex').slice(0, 12);
  return {
    id: `tfidf-hash-v1:dim${dim}:${fitHash}`,
    async embed(texts) {
      return texts.map((text) => {
        const tf = new Float64Array(dim);
        for (const t of terms(text)) tf[bucket(t, dim)]!++;
        for (let i = 0; i < dim; i++) if (tf[i]) tf[i] = (1 + Math.log(tf[i]!)) * idf[i]!;
        return normalise(tf);
      });
    },
  };
}

/** Ollama's embed endpoint (e.g. all-minilm), through any client that can embed. */
export function createOllamaEmbedder(client: { embed(model: string, texts: string[]): Promise<number[][]> }, model: string, digest: string): Embedder {
  return {
    id: `ollama:${model}@${digest.slice(0, 12)}`,
    async embed(texts) {
      return (await client.embed(model, texts)).map((v) => normalise(v));
    },
  };
}
