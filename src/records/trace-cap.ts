// What a record looks like on disk. Two rules:
// 1. The trace is stored once. In memory every trace event carries the message the model saw, and the
//    same message object is also in `messages`; on disk an event holds `m`, the index of its message in
//    `messages`, instead of a second copy. readRecords restores `message`, so readers see no difference.
// 2. A size cap per record. Every string longer than FIELD_CAP characters (a 2 MB reply, an 8 MB tool
//    argument, a huge submission) keeps its head and tail around a marker saying how much was cut; if
//    the record is still larger than RECORD_CAP the field cap is lowered until it fits. `capped` says
//    how many strings were cut. Grading already happened on the full text; only the stored copy is cut.
import type { TraceEvent } from '../agents/types.ts';
import type { AttemptRecord } from './records.ts';

export const FIELD_CAP = 64 * 1024;
export const RECORD_CAP = 1024 * 1024;
export const CUT_MARKER = 'characters cut by sale (record size cap)';

/** On-disk trace event: `m` indexes `messages`; `message` only when it is not found there. */
export interface StoredTraceEvent extends Omit<TraceEvent, 'message'> {
  m?: number;
  message?: TraceEvent['message'];
}

function cutString(s: string, cap: number, stats: { fields: number; chars: number }): string {
  if (s.length <= cap) return s;
  const head = Math.floor(cap * 0.75);
  const tail = cap - head;
  stats.fields++;
  stats.chars += s.length - cap;
  return `${s.slice(0, head)}\n…[${s.length - cap} ${CUT_MARKER}]…\n${s.slice(s.length - tail)}`;
}

/** A copy of `value` with every long string cut (objects and arrays walked; depth-limited). */
function capDeep(value: unknown, cap: number, stats: { fields: number; chars: number }, depth = 0): unknown {
  if (typeof value === 'string') return cutString(value, cap, stats);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => capDeep(v, cap, stats, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[cutString(k, cap, stats)] = capDeep(v, cap, stats, depth + 1);
  return out;
}

/** Replace each trace event's message by its index in `messages` (identity first, then equal JSON). */
function compactTrace(record: AttemptRecord): StoredTraceEvent[] {
  const byIdentity = new Map(record.messages.map((m, i) => [m, i] as const));
  let byJson: Map<string, number> | undefined;
  return record.trace.map(({ message, ...rest }) => {
    let m = byIdentity.get(message);
    if (m === undefined) {
      byJson ??= new Map(record.messages.map((x, i) => [JSON.stringify(x), i] as const));
      m = byJson.get(JSON.stringify(message));
    }
    return m === undefined ? { ...rest, message } : { ...rest, m };
  });
}

/** The line written to records.jsonl for a record (no trailing newline). */
export function serializeRecord(record: AttemptRecord): string {
  const { trace: _trace, ...rest } = record;
  const stored = { ...rest, trace: compactTrace(record) };
  let line = JSON.stringify(stored);
  if (line.length <= FIELD_CAP && Buffer.byteLength(line) <= RECORD_CAP) return line;
  for (let cap = FIELD_CAP; ; cap = Math.floor(cap / 4)) {
    const stats = { fields: 0, chars: 0 };
    const capped = capDeep(stored, cap, stats) as Record<string, unknown>;
    line = stats.fields ? JSON.stringify({ ...capped, capped: stats }) : line;
    if (Buffer.byteLength(line) <= RECORD_CAP || cap <= 256) return line;
  }
}

/** Undo compactTrace on a record read back from disk. */
export function expandRecord(raw: AttemptRecord): AttemptRecord {
  const trace = (raw.trace as unknown as StoredTraceEvent[] | undefined) ?? [];
  const messages = raw.messages ?? [];
  return {
    ...raw,
    messages,
    trace: trace.map(({ m, message, ...rest }) => ({ ...rest, message: message ?? messages[m ?? -1] ?? { role: 'assistant', content: '' } })),
  };
}

const STATUSES = new Set(['passed', 'failed', 'infra-error']);

/** What is wrong with a parsed records.jsonl line, or null when it is a usable attempt record. */
export function recordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.key !== 'string' || r.key === '') return "no 'key'";
  for (const f of ['system', 'agent', 'taskId'] as const) if (typeof r[f] !== 'string') return `record ${r.key}: no '${f}'`;
  if (!STATUSES.has(r.status as string)) return `record ${r.key}: status '${String(r.status)}' is not passed, failed or infra-error`;
  if (typeof r.passed !== 'boolean') return `record ${r.key}: no 'passed'`;
  if (r.trace !== undefined && !Array.isArray(r.trace)) return `record ${r.key}: 'trace' is not a list`;
  if (r.messages !== undefined && !Array.isArray(r.messages)) return `record ${r.key}: 'messages' is not a list`;
  const isObject = (e: unknown) => typeof e === 'object' && e !== null && !Array.isArray(e);
  if (Array.isArray(r.trace) && !r.trace.every(isObject)) return `record ${r.key}: a trace event is not an object`;
  if (Array.isArray(r.messages) && !r.messages.every(isObject)) return `record ${r.key}: a message is not an object`;
  return null;
}
