// Section `sale`: SALE's own compute per auction, without model calls, and auction-memory retrieval
// latency at 1k and 10k stored auctions.
//
// - decision: the pure auction on constructed bids — normalise 4 bids (16 jury scores) and 3 refined
//   bids, C and V, the provisional winner, who refines, the final winner.
// - auction: runAuction end to end with every model call served from the run's cache (sim calls made
//   once beforehand), a memory of 1k auctions: retrieval, contrastive pairs, refinement prompts,
//   feature normalisation, winner rules, promise plumbing — everything but the engine.
// - entropy: H(s) of one bid of 300 tokens × 20 alternatives (done once per model call).
// - retrieval: AuctionMemory.search (k = 8) over 1k and 10k entries of TF-IDF task embeddings (the
//   default embedder), and over 10k dense 384-dimension vectors (all-minilm's size) for reference.
import { saleModelParts } from '../../src/runner/sale-context.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createTfIdfEmbedder, normalise as unitVector, type Embedding } from '../../src/models/embeddings.ts';
import { createModelClient } from '../../src/models/registry.ts';
import type { TokenLogprob } from '../../src/models/types.ts';
import { quantile } from '../../src/metrics/quantile.ts';
import { runAuction } from '../../src/sale/auction.ts';
import { planEntropy } from '../../src/sale/entropy.ts';
import { normalise, score } from '../../src/sale/features.ts';
import { AuctionMemory, type MemoryEntry } from '../../src/sale/memory.ts';
import { taskView } from '../../src/sale/prompts.ts';
import { auctionAgents, auctionCaller } from '../../src/sale/system.ts';
import type { RawFeatures } from '../../src/sale/types.ts';
import { baseVariant } from '../../src/sale/variants.ts';
import { argminBid, finalWinner, refiners } from '../../src/sale/winner.ts';
import { createSuites } from '../../src/suites/index.ts';
import { log, metric, type Metric, type SectionResult } from './common.ts';

export interface SaleMeasurements {
  decision: { p50: number; p99: number; n: number };
  auction: { p50: number; p99: number; n: number; memory: number };
  entropy: { p50: number; n: number };
  retrieval: { label: string; size: number; p50: number; p99: number; n: number }[];
}

/** A small deterministic generator (xorshift). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

export async function measureSale(log: (line: string) => void): Promise<SaleMeasurements> {
  const config = loadConfig();
  const agents = auctionAgents(config);
  const judges = agents.map((a) => a.name);
  const variant = baseVariant('all');
  const norm = { cost: { min: 2, max: 200 }, entropy: { min: 0.1, max: 2 } };
  const weights = { cost: 0.3, entropy: 0.3, jury: Object.fromEntries(judges.map((j) => [j, 0.1])) };
  const r = rng(7);

  // Decision on constructed bids.
  const bidsOf = (): RawFeatures[] => agents.map((a) => ({ agent: a.name, price: a.pricePerMTok, length: 50 + Math.floor(r() * 400), entropy: r() * 2, jury: Object.fromEntries(judges.map((j) => [j, r() < 0.02 ? null : Math.floor(r() * 6)])) }));
  const decisions: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const first = bidsOf();
    const refined = bidsOf().slice(0, 3);
    const ms = time(() => {
      const scored = first.map((b) => score(b.agent, b.price, normalise(b, norm, variant, judges), weights));
      const prov = argminBid(scored)!;
      const who = new Set(refiners(agents, prov).map((a) => a.name));
      const again = refined.filter((b) => who.has(b.agent)).map((b) => score(b.agent, b.price, normalise(b, norm, variant, judges), weights));
      finalWinner(prov, again);
    });
    if (i >= 2000) decisions.push(ms);
  }

  // Entropy of one 300-token bid with 20 alternatives per token.
  const lp: TokenLogprob[] = Array.from({ length: 300 }, (_, i) => {
    const top = Array.from({ length: 20 }, (_, j) => ({ token: `t${i}-${j}`, logprob: Math.log((j + 1) ** -1.5) }));
    return { token: top[0]!.token, logprob: top[0]!.logprob, top };
  });
  const entropies: number[] = [];
  for (let i = 0; i < 600; i++) {
    const ms = time(() => planEntropy({ logprobs: lp, logprobsTopK: 20 }));
    if (i >= 100) entropies.push(ms);
  }

  // Retrieval over TF-IDF embeddings of task-like texts.
  const suite = createSuites(['coding'], config)[0]!;
  const prompts = suite.tasks.map((t) => t.prompt);
  const words = prompts.join(' ').split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w));
  const textOf = (i: number) => `${prompts[i % prompts.length]} ${Array.from({ length: 6 }, () => words[Math.floor(r() * words.length)]).join(' ')}`;
  const embedder = createTfIdfEmbedder(prompts.slice(0, 60), { dim: 1024 });
  const entry = (i: number, embedding: Embedding, text: string): MemoryEntry => ({
    id: `b#${i}`,
    seq: i,
    taskId: `t${i}`,
    domain: 'coding',
    text,
    embedding,
    plans: judges.map((a, k) => ({ agent: a, text: `plan ${k} for task ${i}: step one, step two, check, submit`, C: r(), V: r(), z: r() - 0.5, refined: false, label: k === 3 ? ('winner' as const) : ('loser' as const) })),
    winner: judges[3]!,
    outcome: null,
    provenance: { runId: 'bench', system: 'sale@o1', order: 1, position: i, embedder: embedder.id },
  });
  const texts = Array.from({ length: 10_000 }, (_, i) => textOf(i));
  const vectors = await embedder.embed(texts);
  const queries = await embedder.embed(Array.from({ length: 400 }, (_, i) => textOf(10_000 + i)));
  const retrieval: SaleMeasurements['retrieval'] = [];
  const measureSearch = (label: string, mem: AuctionMemory, qs: Embedding[]) => {
    const ts: number[] = [];
    for (let round = 0; round < 3; round++) for (const q of qs) ts.push(time(() => mem.search(q, 8, { beforeSeq: Number.MAX_SAFE_INTEGER, domain: 'coding' })));
    const out = { label, size: mem.size, p50: quantile(ts, 0.5), p99: quantile(ts, 0.99), n: ts.length };
    retrieval.push(out);
    log(`sale: retrieval ${label} at ${mem.size}: p50 ${out.p50.toFixed(3)} ms, p99 ${out.p99.toFixed(3)} ms`);
  };
  const small = new AuctionMemory();
  for (let i = 0; i < 1000; i++) small.add(entry(i, vectors[i]!, texts[i]!));
  measureSearch('tfidf', small, queries);
  const large = new AuctionMemory();
  for (let i = 0; i < 10_000; i++) large.add(entry(i, vectors[i]!, texts[i]!));
  measureSearch('tfidf', large, queries);
  const dense = new AuctionMemory();
  const denseVec = () => unitVector(Array.from({ length: 384 }, () => r() - 0.5));
  for (let i = 0; i < 10_000; i++) dense.add(entry(i, denseVec(), texts[i]!));
  measureSearch('dense-384', dense, Array.from({ length: 400 }, denseVec));

  // Whole auctions with every model call cached (sim calls made once first), memory of 1k auctions.
  const tasks = suite.tasks.slice(0, 120);
  const client = createModelClient('sim', { config, tasks: suite.tasks });
  const caller = auctionCaller(config, saleModelParts(config, client, 0).call, true, 0, 8);
  const view = new Map(tasks.map((t) => [t.id, taskView(suite, t)]));
  const taskVectors = await embedder.embed(tasks.map((t) => t.prompt));
  const memory = new AuctionMemory();
  for (let i = 0; i < 1000; i++) memory.add(entry(i, vectors[i]!, texts[i]!));
  const run = (i: number) =>
    runAuction({ caller, agents, task: tasks[i]!, view: view.get(tasks[i]!.id)!, model: { variant, weights, norm }, k: 8, memory: { store: memory, seq: Number.MAX_SAFE_INTEGER, embedding: taskVectors[i]! } });
  for (let i = 0; i < tasks.length; i++) await run(i); // makes (and caches) every call
  const sent = caller.sent;
  const auctions: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < tasks.length; i++) {
      const t = performance.now();
      await run(i);
      auctions.push(performance.now() - t);
    }
  }
  if (caller.sent !== sent) throw new Error('bench: an auction call missed the cache');
  const out: SaleMeasurements = {
    decision: { p50: quantile(decisions, 0.5), p99: quantile(decisions, 0.99), n: decisions.length },
    auction: { p50: quantile(auctions, 0.5), p99: quantile(auctions, 0.99), n: auctions.length, memory: memory.size },
    entropy: { p50: quantile(entropies, 0.5), n: entropies.length },
    retrieval,
  };
  log(`sale: decision p50 ${out.decision.p50.toFixed(4)} ms p99 ${out.decision.p99.toFixed(4)} ms; auction (cached calls) p50 ${out.auction.p50.toFixed(3)} ms p99 ${out.auction.p99.toFixed(3)} ms; entropy ${out.entropy.p50.toFixed(3)} ms per bid`);
  return out;
}

/**
 * The auction's own compute per task, model calls excluded (the file header says what each number
 * covers), and memory retrieval at 1k and 10k stored auctions. Targets: < 1 ms per decision,
 * retrieval p99 < 5 ms at 10k (TF-IDF and dense all-minilm-sized) — reported as headroom ratios (target / measured ≥ 1).
 */
export async function saleSection(): Promise<SectionResult> {
  const m = await measureSale(log);
  const at = (label: string, size: number) => m.retrieval.find((r) => r.label === label && r.size === size)!;
  const metrics: Metric[] = [
    metric('sale', 'decision p50', m.decision.p50, 'ms', { note: `${m.decision.n} decisions: 4 bids + 3 refined, 16 jury scores` }),
    metric('sale', 'decision p99', m.decision.p99, 'ms'),
    metric('sale', 'decision headroom (1 ms / p99)', 1 / m.decision.p99, 'x', { target: { min: 1 } }),
    metric('sale', 'auction, calls cached, p50', m.auction.p50, 'ms', { note: `${m.auction.n} auctions, memory ${m.auction.memory}: retrieval, pairs, prompts, scoring` }),
    metric('sale', 'auction, calls cached, p99', m.auction.p99, 'ms'),
    metric('sale', 'entropy of one bid (300 tok × 20)', m.entropy.p50, 'ms'),
  ];
  for (const size of [1000, 10_000]) {
    const r = at('tfidf', size);
    metrics.push(metric('sale', `retrieval p50 @${size / 1000}k (tfidf)`, r.p50, 'ms', { note: `${r.n} searches, k = 8` }));
    metrics.push(metric('sale', `retrieval p99 @${size / 1000}k (tfidf)`, r.p99, 'ms'));
  }
  metrics.push(metric('sale', 'retrieval headroom @10k (5 ms / p99)', 5 / at('tfidf', 10_000).p99, 'x', { target: { min: 1 } }));
  const dense = at('dense-384', 10_000);
  metrics.push(metric('sale', 'retrieval p99 @10k (dense 384)', dense.p99, 'ms', { note: `all-minilm-sized vectors, p50 ${dense.p50.toFixed(3)} ms` }));
  metrics.push(metric('sale', 'retrieval headroom @10k dense (5 ms / p99)', 5 / dense.p99, 'x', { target: { min: 1 } }));
  return { metrics, details: m as unknown as Record<string, unknown> };
}
