// Reading a judge's 0–5 score (SALE.md §4): JSON is requested ({"score": n, "reason": "…"}); the
// `score` field is read when the reply holds a JSON object with one, otherwise the first number in
// the reply. The score counts only when it is an integer from 0 to 5: "7", "3.5" or no number at all
// make the reply malformed (the caller then retries once, then records the score as missing).
// Decision: a JSON `score` outside 0–5 is malformed, not clipped — clipping would invent a verdict.

/** The score, or null when the reply is malformed. */
export function parseJuryScore(reply: string): number | null {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const obj = /\{[\s\S]*?\}/.exec(text);
  if (obj) {
    try {
      const parsed = JSON.parse(obj[0]) as Record<string, unknown>;
      if (parsed && typeof parsed === 'object' && 'score' in parsed) return asScore(parsed.score);
    } catch {
      // not JSON after all: fall through to the first number
    }
  }
  const first = /(?<![\d.])-?\d+(?:\.\d+)?/.exec(text);
  return first ? asScore(first[0]) : null;
}

function asScore(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : null;
}

/** The JSON schema sent as the judge call's `format` (engines that support it constrain the reply). */
export const JURY_FORMAT = {
  type: 'object',
  properties: { score: { type: 'integer', minimum: 0, maximum: 5 }, reason: { type: 'string' } },
  required: ['score', 'reason'],
} as const;
