// aux-calls.jsonl: every auxiliary model call a run's systems made through their context (SALE's bids,
// jury scores and refinements), one line per call sent, with the engine's whole reply. A replay answers
// the same requests from this log with zero model calls (src/runner/aux-calls.ts). Appended as calls
// finish; a torn last line (a killed run) is skipped on reading.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatResponse } from '../models/types.ts';
import { canonicalJson, sha256 } from './fingerprint.ts';

export const AUX_CALLS = 'aux-calls.jsonl';

export interface AuxCallLine {
  v: 1;
  type: 'aux-call';
  /** auxCallKey of the request: identical requests share one key (and, at temperature 0 with a seed, one reply). */
  key: string;
  kind: string;
  agent: string;
  model: string;
  taskId: string;
  turn: number;
  response: ChatResponse;
  at: string;
}

/** The identity of a request: agent, model, seed, messages, options and (kind, task, turn). */
export const auxCallKey = (request: { agent: string; model: string; seed: number; messages: unknown; options: unknown; meta: unknown }): string => sha256(canonicalJson(request));

export function appendAuxCall(dir: string, line: AuxCallLine): void {
  appendFileSync(join(dir, AUX_CALLS), `${JSON.stringify(line)}\n`);
}

/** The logged calls of a run folder by key (empty when it has none). */
export function readAuxCalls(dir: string): Map<string, AuxCallLine> {
  const out = new Map<string, AuxCallLine>();
  const file = join(dir, AUX_CALLS);
  if (!existsSync(file)) return out;
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    let line: AuxCallLine;
    try {
      line = JSON.parse(text) as AuxCallLine;
    } catch {
      continue; // a line torn by a kill: that call is made again
    }
    if (line.type === 'aux-call' && typeof line.key === 'string' && !out.has(line.key)) out.set(line.key, line);
  }
  return out;
}
