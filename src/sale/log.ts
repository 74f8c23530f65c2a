// SALE's files in the run directory, all append-only JSONL (a torn last line — the process was killed
// mid-write — is ignored on read and cut before the next append):
//   auctions.jsonl  one line per auction: every bid (text, length, H, γ from each judge, C, V, z), the
//                   provisional winner, the memory entries retrieved, every refinement, the final winner
//                   and every overhead call with its engine counters. A resumed run replays these lines
//                   instead of calling the models again (the memory is rebuilt from them).
//   memory.jsonl    the auction memory as it grew: {type:"entry"} lines (task text, embedding, plans with
//                   agent, C, V, label) and {type:"outcome"} lines (the winner's execution outcome).
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalFeatures, OverheadCall, Plan, Weights } from './types.ts';
import { embeddingToJson, type MemoryEntry } from './memory.ts';

export const AUCTIONS = 'auctions.jsonl';
export const MEMORY = 'memory.jsonl';
export const WEIGHTS = 'weights.json';

/** A plan as logged: the plan without its calls (logged apart), plus how the auction scored it. */
export interface LoggedPlan extends Omit<Plan, 'calls'> {
  refined: boolean;
  jury: Record<string, number | null>;
  juryReplies: Record<string, string[]>;
  normal: NormalFeatures;
  C: number;
  V: number;
  z: number;
  /** Refined plans: the memory entries whose pairs the agent was shown. */
  pairs?: string[];
}

export interface AuctionLine {
  v: 1;
  type: 'auction';
  system: string;
  variant: string;
  order: number;
  /** 0-based position of the task in this order's stream. */
  position: number;
  taskId: string;
  domain: string;
  bin: number;
  tau: number;
  memoryId: string;
  bids: LoggedPlan[];
  /** γ matrix of the first bids: bidder → judge → score (null = missing after a retry). */
  gamma: Record<string, Record<string, number | null>>;
  provisional: string;
  retrieved: { id: string; taskId: string; similarity: number }[];
  refinements: LoggedPlan[];
  winner: { agent: string; refined: boolean };
  replaced: boolean;
  weights: Weights;
  overhead: {
    calls: OverheadCall[];
    tokens: { bid: number; judge: number; refine: number };
    costUsd: number;
    /** Calls served from the run's cache of identical calls. */
    reused: number;
    /** Wall time of the auction on our side (all its calls, cached ones nearly free). */
    wallMs: number;
  };
  at: string;
}

export type MemoryLine =
  | { type: 'entry'; entry: Omit<MemoryEntry, 'embedding'> & { embedding: ReturnType<typeof embeddingToJson> } }
  | { type: 'outcome'; id: string; passed: boolean };

/** Parse a JSONL file, skipping (and with `repair`, cutting) a torn last line. */
export function readJsonl<T>(file: string, options: { repair?: boolean } = {}): T[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length && options.repair) truncateSync(file, Buffer.byteLength(text.slice(0, complete)));
  return text
    .slice(0, complete)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export class SaleLog {
  constructor(readonly dir: string) {}

  appendAuction(line: AuctionLine): void {
    appendFileSync(join(this.dir, AUCTIONS), `${JSON.stringify(line)}\n`);
  }

  appendMemory(line: MemoryLine): void {
    appendFileSync(join(this.dir, MEMORY), `${JSON.stringify(line)}\n`);
  }

  /** Auctions already logged (a resumed run), by `${system}|${taskId}`. */
  readAuctions(repair = true): Map<string, AuctionLine> {
    const out = new Map<string, AuctionLine>();
    for (const l of readJsonl<AuctionLine>(join(this.dir, AUCTIONS), { repair })) out.set(`${l.system}|${l.taskId}`, l);
    return out;
  }

  /** Memory entry ids already written. */
  writtenMemoryIds(repair = true): Set<string> {
    return new Set(
      readJsonl<MemoryLine>(join(this.dir, MEMORY), { repair })
        .filter((l): l is Extract<MemoryLine, { type: 'entry' }> => l.type === 'entry')
        .map((l) => l.entry.id),
    );
  }
}

export function memoryLine(entry: MemoryEntry): MemoryLine {
  return { type: 'entry', entry: { ...entry, embedding: embeddingToJson(entry.embedding) } };
}
