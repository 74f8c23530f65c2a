// aux-calls.jsonl: every auxiliary model call a run's systems made through their context (SALE's bids,
// jury scores and refinements), one line per call sent, with the engine's whole reply. A replay answers
// the same requests from this log with zero model calls (src/runner/aux-calls.ts). Appended as calls
// finish; a torn last line (a killed run) is skipped on reading.
import { appendFileSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatResponse } from '../models/types.ts';
import { decodeResponse, encodeResponse } from './compact-response.ts';
import { canonicalJson, sha256 } from './fingerprint.ts';

export const AUX_CALLS = 'aux-calls.jsonl';

/** What a line says about its call (the reply itself is stored deflated, see AuxCallLine). */
export interface AuxCallMeta {
  /** auxCallKey of the request: identical requests share one key (and, at temperature 0 with a seed, one reply). */
  key: string;
  kind: string;
  agent: string;
  model: string;
  taskId: string;
  turn: number;
  at: string;
}

/**
 * One line. v2 stores the engine's reply as deflated JSON in base64 (`z`): bids carry top-20
 * log-probabilities per token, which made a full protocol's log 3.4 GB in the clear. v1 lines (the reply
 * in the clear, `response`) are still read.
 */
export interface AuxCallLine extends AuxCallMeta {
  v: 1 | 2;
  type: 'aux-call';
  z?: string;
  response?: ChatResponse;
}

/** A logged call as read back: its reply is inflated when asked for. */
export interface AuxCallEntry extends AuxCallMeta {
  response(): ChatResponse;
}

/** The identity of a request: agent, model, seed, messages, options and (kind, task, turn). */
export const auxCallKey = (request: { agent: string; model: string; seed: number; messages: unknown; options: unknown; meta: unknown }): string => sha256(canonicalJson(request));

export function appendAuxCall(dir: string, meta: AuxCallMeta, response: ChatResponse): void {
  const line: AuxCallLine = { v: 2, type: 'aux-call', ...meta, z: encodeResponse(response) };
  appendFileSync(join(dir, AUX_CALLS), `${JSON.stringify(line)}\n`);
}

/** Each complete line of a file, read in chunks (a log can outgrow the longest string V8 allows). */
export function* fileLines(file: string, chunkBytes = 8 << 20): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    const buf = Buffer.alloc(chunkBytes);
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      const data: Buffer = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let at = 0;
      for (let nl = data.indexOf(10, at); nl >= 0; nl = data.indexOf(10, at)) {
        yield data.toString('utf8', at, nl);
        at = nl + 1;
      }
      carry = Buffer.from(data.subarray(at));
    }
    if (carry.length) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The logged calls of a run folder by key (empty when it has none); the first line of a key wins. */
export function readAuxCalls(dir: string): Map<string, AuxCallEntry> {
  const out = new Map<string, AuxCallEntry>();
  const file = join(dir, AUX_CALLS);
  if (!existsSync(file)) return out;
  for (const text of fileLines(file)) {
    if (!text.trim()) continue;
    let line: AuxCallLine;
    try {
      line = JSON.parse(text) as AuxCallLine;
    } catch {
      continue; // a line torn by a kill: that call is made again
    }
    if (line.type !== 'aux-call' || typeof line.key !== 'string' || out.has(line.key)) continue;
    const { z, response, v: _v, type: _t, ...meta } = line;
    if (typeof z === 'string') out.set(line.key, { ...meta, response: () => decodeResponse(z) });
    else if (response) out.set(line.key, { ...meta, response: () => response });
  }
  return out;
}
