// The auction memory: retrieval, the contrastive pairs, and — above all — that no auction ever sees
// the current task or a later one.
import { describe, expect, it } from 'vitest';
import { cosine, createTfIdfEmbedder, normalise, type Embedding } from '../models/embeddings.ts';
import { AuctionMemory, pairsFor, type MemoryEntry, type MemoryPlan } from './memory.ts';

const plan = (agent: string, z: number, label: 'winner' | 'loser', refined = false, text = `${agent}${refined ? ' refined' : ''} plan`): MemoryPlan => ({ agent, text, C: 0, V: -z, z, refined, label });

function entry(seq: number, embedding: Embedding, extra: Partial<MemoryEntry> = {}): MemoryEntry {
  return {
    id: `s#${seq}`,
    seq,
    taskId: `t${seq}`,
    domain: 'coding',
    text: `task ${seq}`,
    embedding,
    plans: [plan('4b', 0.2, 'loser'), plan('32b', -0.1, 'winner')],
    winner: '32b',
    outcome: null,
    provenance: { runId: 'r', system: 's', order: 1, position: seq, embedder: 'test' },
    ...extra,
  };
}

/** A deterministic pseudo-random unit vector. */
function vector(i: number, dim: number, dense: boolean): Embedding {
  const v = new Array<number>(dim).fill(0);
  let x = (i + 1) * 2654435761;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let d = 0; d < dim; d++) if (dense || next() < 0.05) v[d] = next() - 0.3;
  if (!v.some((y) => y !== 0)) v[i % dim] = 1;
  return normalise(v);
}

describe('retrieval', () => {
  for (const dense of [false, true]) {
    it(`returns the k most similar visible entries, best first (${dense ? 'dense' : 'sparse'} vectors)`, () => {
      const m = new AuctionMemory();
      const vs = Array.from({ length: 300 }, (_, i) => vector(i, 128, dense));
      vs.forEach((v, i) => m.add(entry(i, v)));
      const q = vector(1000, 128, dense);
      const got = m.search(q, 8, { beforeSeq: 200 });
      const brute = vs
        .slice(0, 200)
        .map((v, i) => ({ i, s: cosine(q, v) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, 8);
      expect(got.map((r) => r.entry.seq)).toEqual(brute.map((b) => b.i));
      got.forEach((r, j) => expect(r.similarity).toBeCloseTo(brute[j]!.s, 5));
    });
  }

  for (const dense of [false, true]) {
    it(`with mixed domains, equals a brute-force search of the asked domain (${dense ? 'dense' : 'sparse'} vectors)`, () => {
      const m = new AuctionMemory();
      const domainOf = (i: number) => (i % 3 === 0 ? 'deepsearch' : 'coding');
      const vs = Array.from({ length: 203 }, (_, i) => vector(i, 96, dense));
      vs.forEach((v, i) => m.add(entry(i, v, { domain: domainOf(i) })));
      for (const [qi, domain, before] of [[500, 'coding', 203], [501, 'deepsearch', 150], [502, 'coding', 7]] as const) {
        const q = vector(qi, 96, dense);
        const brute = vs
          .map((v, i) => ({ i, s: cosine(q, v) }))
          .filter((b) => b.i < before && domainOf(b.i) === domain)
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, 8);
        expect(m.search(q, 8, { beforeSeq: before, domain }).map((r) => r.entry.seq)).toEqual(brute.map((b) => b.i));
      }
      expect(m.search(vector(9, 96, dense), 8, { beforeSeq: 203, domain: 'unknown' })).toEqual([]);
    });
  }

  it('keeps to the domain asked for, and gives fewer than k when fewer are visible', () => {
    const m = new AuctionMemory();
    m.add(entry(0, vector(0, 64, false), { domain: 'deepsearch' }));
    m.add(entry(1, vector(1, 64, false)));
    m.add(entry(2, vector(2, 64, false)));
    expect(m.search(vector(0, 64, false), 8, { beforeSeq: 3, domain: 'coding' }).map((r) => r.entry.seq).sort()).toEqual([1, 2]);
    expect(m.search(vector(0, 64, false), 8, { beforeSeq: 3, domain: 'deepsearch' }).map((r) => r.entry.seq)).toEqual([0]);
    expect(m.search(vector(0, 64, false), 8, { beforeSeq: 0 })).toEqual([]);
  });

  it('refuses appends out of stream order and duplicate ids', () => {
    const m = new AuctionMemory();
    m.add(entry(5, vector(5, 32, false)));
    expect(() => m.add(entry(4, vector(4, 32, false)))).toThrow(/appends must follow the stream/);
    expect(() => m.add(entry(5, vector(6, 32, false)))).toThrow(/duplicate entry/);
  });
});

describe('no leakage of the current or a later task', () => {
  it('an identical text later in the stream, or the current task itself, is never returned', async () => {
    const texts = ['reverse a linked list in place', 'sum the digits of an integer', 'find the longest common prefix', 'merge two sorted lists', 'count vowels in a string'];
    const embedder = createTfIdfEmbedder(texts);
    const vectors = await embedder.embed(texts);
    const m = new AuctionMemory();
    // The stream is texts[0..4]; the auction at position 2 asks with its own text (a perfect match of itself).
    vectors.forEach((v, i) => m.add(entry(i, v, { text: texts[i]!, taskId: `t${i}` })));
    for (let pos = 0; pos < texts.length; pos++) {
      const seen = m.search(vectors[pos]!, 8, { beforeSeq: pos });
      expect(seen.every((r) => r.entry.seq < pos)).toBe(true);
      expect(seen.map((r) => r.entry.taskId)).not.toContain(`t${pos}`);
      expect(seen).toHaveLength(pos);
    }
  });

  it('entries of earlier runs (negative seq) are visible from the first auction on', () => {
    const m = new AuctionMemory();
    m.add(entry(-2, vector(1, 32, false), { id: 'old#0' }));
    m.add(entry(-1, vector(2, 32, false), { id: 'old#1' }));
    m.add(entry(0, vector(3, 32, false)));
    expect(m.search(vector(3, 32, false), 8, { beforeSeq: 0 }).map((r) => r.entry.id).sort()).toEqual(['old#0', 'old#1']);
  });
});

describe('contrastive pairs', () => {
  const sim = (e: MemoryEntry) => ({ entry: e, similarity: 0.5 });
  it('a losing agent gets (its own final plan, the winning plan)', () => {
    const e = entry(0, vector(0, 16, false), { plans: [plan('4b', 0.3, 'loser'), plan('4b', 0.1, 'loser', true), plan('8b', 0.2, 'loser'), plan('32b', -0.1, 'winner')] });
    expect(pairsFor('4b', [sim(e)])).toEqual([
      { memoryId: 's#0', taskText: 'task 0', similarity: 0.5, own: 'loser', loser: { agent: '4b', text: '4b refined plan' }, winner: { agent: '32b', text: '32b plan' } },
    ]);
  });

  it('a winning agent gets (the best losing plan, its own winning plan)', () => {
    const e = entry(0, vector(0, 16, false), { plans: [plan('4b', 0.3, 'loser'), plan('8b', -0.2, 'winner', true), plan('8b', 0.4, 'loser'), plan('14b', 0.05, 'loser'), plan('32b', 0.1, 'loser')], winner: '8b' });
    const [p] = pairsFor('8b', [sim(e)]);
    expect(p).toMatchObject({ own: 'winner', loser: { agent: '14b' }, winner: { agent: '8b', text: '8b refined plan' } });
  });

  it('an auction without a plan of the agent gives no pair', () => {
    const e = entry(0, vector(0, 16, false), { plans: [plan('14b', 0.3, 'loser'), plan('32b', -0.1, 'winner')] });
    expect(pairsFor('4b', [sim(e)])).toEqual([]);
  });
});
