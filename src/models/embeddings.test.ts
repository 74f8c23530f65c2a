import { describe, expect, it } from 'vitest';
import { cosine, createTfIdfEmbedder, normalise, toDense } from './embeddings.ts';

describe('embeddings', () => {
  it('TF-IDF puts similar texts closer than unrelated ones, deterministically', async () => {
    const texts = ['reverse a linked list in place', 'reverse a string', 'shortest path in a weighted graph', 'count vowels in a string'];
    const e = createTfIdfEmbedder(texts);
    const [a, b, c, d] = await e.embed(texts);
    expect(cosine(a!, a!)).toBeCloseTo(1, 5);
    expect(cosine(b!, d!)).toBeGreaterThan(cosine(b!, c!));
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
    const again = await createTfIdfEmbedder(texts).embed(texts);
    expect(Array.from(again[2]!.values)).toEqual(Array.from(c!.values));
    expect(e.id).toMatch(/^tfidf-hash-v1:dim1024:[0-9a-f]{12}$/);
  });
  it('sparse cosine equals the dense dot product', () => {
    const a = normalise([1, 0, 2, 0, 3]);
    const b = normalise([0, 1, 1, 0, 1]);
    const da = toDense(a);
    const db = toDense(b);
    expect(cosine(a, b)).toBeCloseTo(da.reduce((s, x, i) => s + x * db[i]!, 0), 6);
  });
});
