// The auction memory M (SALE.md §3.5, §4): an append-only store of past auctions — task text, its
// embedding, every plan with its agent, C, V and winner/loser label, and (for our ablations) the
// execution outcome. Retrieval: the k most similar past tasks by cosine similarity of unit-length
// embeddings, among entries strictly earlier in the stream (seq < the asking auction's seq) and of the
// same domain. Entries from other runs (a shared memory file) carry negative seqs: visible to every
// auction of the run. Nothing at or after the current position is ever returned (tested).
//
// Speed: sparse embeddings (the TF-IDF default) go through an inverted index (only the postings of the
// query's non-zero dimensions are touched); dense ones (all-minilm) through one contiguous Float32Array,
// four rows per pass over the query, skipping rows of other domains (domains are small integers). p99 at
// 10k × 384 dimensions is under the 5 ms target in `npm run bench` (section sale). Then a single pass over the visible entries keeps the top k. Ties: the earlier entry first.
import type { Embedding } from '../models/embeddings.ts';

export interface MemoryPlan {
  agent: string;
  text: string;
  C: number;
  V: number;
  z: number;
  /** A refined bid (written in the refinement step) rather than the first bid. */
  refined: boolean;
  label: 'winner' | 'loser';
}

export interface MemoryEntry {
  /** Unique id, e.g. "sale@o2#17" (stream and position) or "<run>/sale@o1#3" for shared entries. */
  id: string;
  /** Position in the stream (0-based); negative for entries from earlier runs. */
  seq: number;
  taskId: string;
  domain: string;
  text: string;
  embedding: Embedding;
  plans: MemoryPlan[];
  winner: string;
  /** The winner's execution outcome, once known (not shown to later auctions: see stream.ts). */
  outcome: boolean | null;
  provenance: { runId: string; system: string; order: number; position: number; embedder: string };
}

export interface Retrieved {
  entry: MemoryEntry;
  similarity: number;
}

/** One contrastive pair for a refining agent: a losing plan and the winning plan of a past auction. */
export interface PlanPair {
  memoryId: string;
  taskText: string;
  similarity: number;
  /** Whether the refining agent's own plan is the loser or the winner of the pair. */
  own: 'loser' | 'winner';
  loser: { agent: string; text: string };
  winner: { agent: string; text: string };
}

export class AuctionMemory {
  private readonly entries: MemoryEntry[] = [];
  private readonly byId = new Map<string, MemoryEntry>();
  // Sparse inverted index: dimension → (entry index, value) postings.
  private readonly postings = new Map<number, { idx: number[]; val: number[] }>();
  // Dense rows (all-minilm): entry i at [i·dim, (i+1)·dim).
  private dense: Float32Array | null = null;
  private dim = 0;
  private mode: 'sparse' | 'dense' | null = null;
  private scores = new Float64Array(0);
  // Domain of entry i as a small integer (string compares per entry cost more than the dot product).
  private domainOf = new Int32Array(0);
  private readonly domainIds = new Map<string, number>();

  get size(): number {
    return this.entries.length;
  }

  all(): readonly MemoryEntry[] {
    return this.entries;
  }

  get(id: string): MemoryEntry | undefined {
    return this.byId.get(id);
  }

  /** Append an auction. Seqs must not decrease (the store is append-only, in stream order). */
  add(entry: MemoryEntry): void {
    const last = this.entries.at(-1);
    if (last && entry.seq < last.seq) throw new Error(`auction memory: entry ${entry.id} (seq ${entry.seq}) after seq ${last.seq}: appends must follow the stream`);
    if (this.byId.has(entry.id)) throw new Error(`auction memory: duplicate entry ${entry.id}`);
    const e = entry.embedding;
    if (this.mode === null) {
      this.mode = e.indices.length > e.dim / 4 ? 'dense' : 'sparse';
      this.dim = e.dim;
    }
    if (e.dim !== this.dim) throw new Error(`auction memory: embedding of ${entry.id} has ${e.dim} dimensions, the memory ${this.dim}`);
    const i = this.entries.length;
    if (this.mode === 'dense') {
      if (!this.dense || this.dense.length < (i + 1) * this.dim) {
        const grown = new Float32Array(Math.max(16, 2 * (i + 1)) * this.dim);
        if (this.dense) grown.set(this.dense);
        this.dense = grown;
      }
      const row = this.dense.subarray(i * this.dim, (i + 1) * this.dim);
      row.fill(0);
      e.indices.forEach((ix, k) => (row[ix] = e.values[k]!));
    } else {
      e.indices.forEach((ix, k) => {
        let p = this.postings.get(ix);
        if (!p) this.postings.set(ix, (p = { idx: [], val: [] }));
        p.idx.push(i);
        p.val.push(e.values[k]!);
      });
    }
    if (this.domainOf.length <= i) {
      const grown = new Int32Array(Math.max(64, 2 * (i + 1)));
      grown.set(this.domainOf);
      this.domainOf = grown;
    }
    let d = this.domainIds.get(entry.domain);
    if (d === undefined) this.domainIds.set(entry.domain, (d = this.domainIds.size));
    this.domainOf[i] = d;
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
  }

  /** Record the execution outcome of an auction (the only mutation after an append). */
  setOutcome(id: string, passed: boolean): void {
    const e = this.byId.get(id);
    if (e) e.outcome = passed;
  }

  /**
   * The k entries most similar to `query` among those with seq < beforeSeq (and the same domain when
   * given), most similar first.
   */
  search(query: Embedding, k: number, options: { beforeSeq: number; domain?: string }): Retrieved[] {
    const n = this.visibleCount(options.beforeSeq);
    if (n === 0 || k <= 0) return [];
    if (this.scores.length < this.entries.length) this.scores = new Float64Array(Math.max(64, 2 * this.entries.length));
    const scores = this.scores;
    scores.fill(0, 0, n);
    const want = options.domain === undefined ? -1 : (this.domainIds.get(options.domain) ?? -2);
    if (want === -2) return [];
    if (this.mode === 'dense') {
      denseScores(this.dense!, this.dim, query, n, this.domainOf, want, scores);
    } else {
      for (let j = 0; j < query.indices.length; j++) {
        const p = this.postings.get(query.indices[j]!);
        if (!p) continue;
        const qv = query.values[j]!;
        const idx = p.idx;
        const val = p.val;
        // Postings are in entry order: stop at the first invisible entry.
        for (let t = 0; t < idx.length; t++) {
          const i = idx[t]!;
          if (i >= n) break;
          scores[i]! += qv * val[t]!;
        }
      }
    }
    // Top k in one pass (k is small): a sorted buffer, best first; ties keep the earlier entry.
    const top: number[] = [];
    for (let i = 0; i < n; i++) {
      if (want >= 0 && this.domainOf[i] !== want) continue;
      const s = scores[i]!;
      if (top.length === k && s <= scores[top[k - 1]!]!) continue;
      let at = top.length;
      while (at > 0 && scores[top[at - 1]!]! < s) at--;
      top.splice(at, 0, i);
      if (top.length > k) top.pop();
    }
    return top.map((i) => ({ entry: this.entries[i]!, similarity: scores[i]! }));
  }

  /** Entries with seq < beforeSeq form a prefix (appends follow the stream): its length, by binary search. */
  private visibleCount(beforeSeq: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.seq < beforeSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Dense cosine scores of the first n rows (row-major, `dim` wide) against the query, four rows per pass
 * over the query (each query value is loaded once per four rows; four independent accumulators). Rows of
 * another domain (want ≥ 0) are skipped and score -Infinity.
 */
function denseScores(rows: Float32Array, dim: number, query: Embedding, n: number, domainOf: Int32Array, want: number, out: Float64Array): void {
  const q = new Float32Array(dim);
  for (let j = 0; j < query.indices.length; j++) q[query.indices[j]!] = query.values[j]!;
  const idx = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (want >= 0 && domainOf[i] !== want) out[i] = -Infinity;
    else idx[m++] = i;
  }
  let t = 0;
  for (; t + 4 <= m; t += 4) {
    const i0 = idx[t]!, i1 = idx[t + 1]!, i2 = idx[t + 2]!, i3 = idx[t + 3]!;
    const o0 = i0 * dim, o1 = i1 * dim, o2 = i2 * dim, o3 = i3 * dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let d = 0; d < dim; d++) {
      const x = q[d]!;
      s0 += rows[o0 + d]! * x;
      s1 += rows[o1 + d]! * x;
      s2 += rows[o2 + d]! * x;
      s3 += rows[o3 + d]! * x;
    }
    out[i0] = s0;
    out[i1] = s1;
    out[i2] = s2;
    out[i3] = s3;
  }
  for (; t < m; t++) {
    const i = idx[t]!;
    const o = i * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += rows[o + d]! * q[d]!;
    out[i] = s;
  }
}

/** The agent's final plan in a past auction: its refined bid when it refined, else its first bid. */
function finalPlanOf(entry: MemoryEntry, agent: string): MemoryPlan | undefined {
  const mine = entry.plans.filter((p) => p.agent === agent);
  return mine.find((p) => p.refined) ?? mine[0];
}

/**
 * From each retrieved auction, the (losing plan, winning plan) pair in which one plan is the agent's
 * own (SALE.md §3.5). The agent lost: its final plan against the winning plan. The agent won: the
 * best losing plan (lowest C − V among the other agents' final plans) against its own. Auctions in
 * which the agent offered no plan give no pair.
 */
export function pairsFor(agent: string, retrieved: readonly Retrieved[]): PlanPair[] {
  const out: PlanPair[] = [];
  for (const { entry, similarity } of retrieved) {
    const own = finalPlanOf(entry, agent);
    const win = entry.plans.find((p) => p.label === 'winner');
    if (!own || !win) continue;
    if (win.agent === agent) {
      const others = [...new Set(entry.plans.filter((p) => p.agent !== agent).map((p) => p.agent))].map((a) => finalPlanOf(entry, a)!);
      const loser = others.sort((a, b) => a.z - b.z || (a.agent < b.agent ? -1 : 1))[0];
      if (!loser) continue;
      out.push({ memoryId: entry.id, taskText: entry.text, similarity, own: 'winner', loser: { agent: loser.agent, text: loser.text }, winner: { agent: win.agent, text: win.text } });
    } else {
      out.push({ memoryId: entry.id, taskText: entry.text, similarity, own: 'loser', loser: { agent, text: own.text }, winner: { agent: win.agent, text: win.text } });
    }
  }
  return out;
}

/** Embeddings as JSON (typed arrays do not survive JSON.stringify as arrays). */
export function embeddingToJson(e: Embedding): { dim: number; indices: number[]; values: number[] } {
  return { dim: e.dim, indices: Array.from(e.indices), values: Array.from(e.values, (v) => Math.round(v * 1e6) / 1e6) };
}

export function embeddingFromJson(j: { dim: number; indices: number[]; values: number[] }): Embedding {
  return { dim: j.dim, indices: Int32Array.from(j.indices), values: Float32Array.from(j.values) };
}
