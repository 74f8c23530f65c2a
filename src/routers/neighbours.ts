// Nearest training tasks by cosine similarity through an inverted index over the sparse, unit-length
// TF-IDF vectors: a query touches only the postings of its own non-zero dimensions, so a query costs
// O(Σ posting lengths) instead of O(n·d), and building the index is linear in the non-zeros.
import type { Embedding } from '../models/embeddings.ts';

export class NeighbourIndex {
  private readonly postings: { rows: Int32Array; values: Float32Array }[];
  private readonly scores: Float64Array;
  constructor(private readonly rows: readonly Embedding[]) {
    const dim = rows[0]?.dim ?? 0;
    const counts = new Int32Array(dim);
    for (const r of rows) for (const i of r.indices) counts[i] = counts[i]! + 1;
    this.postings = Array.from(counts, (c) => ({ rows: new Int32Array(c), values: new Float32Array(c) }));
    const fill = new Int32Array(dim);
    rows.forEach((r, row) => {
      r.indices.forEach((i, p) => {
        const at = fill[i]!;
        this.postings[i]!.rows[at] = row;
        this.postings[i]!.values[at] = r.values[p]!;
        fill[i] = at + 1;
      });
    });
    this.scores = new Float64Array(rows.length);
  }

  /** The k rows most similar to `q` (cosine), best first; ties → the earlier row. */
  nearest(q: Embedding, k: number): { i: number; s: number }[] {
    const s = this.scores;
    s.fill(0);
    q.indices.forEach((dimIndex, p) => {
      const post = this.postings[dimIndex];
      if (!post) return;
      const v = q.values[p]!;
      for (let j = 0; j < post.rows.length; j++) s[post.rows[j]!] = s[post.rows[j]!]! + v * post.values[j]!;
    });
    // Top k by a bounded insertion (k is small).
    const top: { i: number; s: number }[] = [];
    for (let i = 0; i < s.length; i++) {
      const score = s[i]!;
      if (top.length === k && !(score > top[k - 1]!.s)) continue;
      let at = top.length;
      while (at > 0 && score > top[at - 1]!.s) at--;
      top.splice(at, 0, { i, s: score });
      if (top.length > k) top.pop();
    }
    return top;
  }
}
