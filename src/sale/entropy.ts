// H(s): the mean per-token entropy (nats) of the bidder's own next-token distributions while it wrote
// the plan (SALE.md §3). Ollama returns only the top-k alternatives of each token (k ≤ 20): we take the
// entropy of that top-k distribution renormalised to sum to 1 — the "top-k approximation", labelled as
// such (it underestimates the full entropy by ignoring the tail). An engine that exposes the full
// distribution (our llama.cpp provider: `entropies` on the response or `entropy` on each entry) gives
// the exact value, which is used when present.
import type { ChatResponse, TokenLogprob } from '../models/types.ts';

/** Entropy (nats) of one token's renormalised top-k distribution; the chosen token counts even if absent from `top`. */
export function topKTokenEntropy(t: TokenLogprob): number {
  const alts = t.top.length ? [...t.top] : [];
  if (!alts.some((a) => a.token === t.token)) alts.push({ token: t.token, logprob: t.logprob });
  const max = Math.max(...alts.map((a) => a.logprob));
  const weights = alts.map((a) => Math.exp(a.logprob - max));
  const sum = weights.reduce((s, w) => s + w, 0);
  let h = 0;
  for (const w of weights) {
    const p = w / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

export interface PlanEntropy {
  value: number | null;
  kind: 'top-k' | 'exact' | 'missing';
  /** Alternatives per token the engine gave (top-k only). */
  topK: number | null;
  tokens: number;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** H(s) of a reply: exact when the engine says so, else the top-k approximation, else missing. */
export function planEntropy(response: Pick<ChatResponse, 'logprobs' | 'logprobsTopK'> & { entropies?: number[] }): PlanEntropy {
  const exact = response.entropies ?? (response.logprobs?.every((l) => typeof (l as { entropy?: unknown }).entropy === 'number') ? response.logprobs.map((l) => (l as unknown as { entropy: number }).entropy) : undefined);
  if (exact && exact.length) return { value: mean(exact), kind: 'exact', topK: null, tokens: exact.length };
  const lp = response.logprobs ?? [];
  if (!lp.length) return { value: null, kind: 'missing', topK: null, tokens: 0 };
  const k = response.logprobsTopK ?? Math.max(...lp.map((l) => l.top.length));
  return { value: mean(lp.map(topKTokenEntropy)), kind: 'top-k', topK: k, tokens: lp.length };
}
