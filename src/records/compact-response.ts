// A model reply stored compactly in a JSON Lines log: its JSON deflated and base64-encoded. Bids carry
// top-20 log-probabilities per token, which are most of a log's bytes in the clear. JSON has no
// infinities, and a log-probability can be -Infinity: ±Infinity travel as strings no model writes.
// Used by SALE's aux-calls.jsonl and `repro paper`'s call journal.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ChatResponse } from '../models/types.ts';

const INF = '\u0000+Inf';
const NEG_INF = '\u0000-Inf';

export const encodeResponse = (r: ChatResponse): string =>
  deflateRawSync(JSON.stringify(r, (_key, v: unknown) => (v === Infinity ? INF : v === -Infinity ? NEG_INF : v)), { level: 1 }).toString('base64');

export const decodeResponse = (z: string): ChatResponse =>
  JSON.parse(inflateRawSync(Buffer.from(z, 'base64')).toString('utf8'), (_key, v: unknown) => (v === INF ? Infinity : v === NEG_INF ? -Infinity : v)) as ChatResponse;
