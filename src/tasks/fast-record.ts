// A fast path for the task schema (schema.ts): the same acceptance as `taskRecordSchema.safeParse`
// on JSON values (what JSON.parse gives the loader), and the same output (a fresh object with the
// keys in the schema's order, as zod builds it). zod costs about 10 µs per task, a second on a
// 100k-task file; this costs a tenth of that. It answers only "valid, here is the record" or "not
// valid": the loader then runs zod itself for the messages, so every error reads as before.
// fast-record.test.ts checks, on arbitrary input, that both always agree.
import { TAU_MAX } from './bins.ts';
import { PAYLOADS_OF } from './schema.ts';
import type { TaskRecord } from './types.ts';

type Obj = Record<string, unknown>;
const ID = /^[A-Za-z0-9_.:\/-]+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LETTER = /^[A-Z]$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const filled = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const nonBlank = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const strArray = (v: unknown, each: (x: unknown) => boolean): v is string[] => Array.isArray(v) && v.every(each);

/** Only keys of `allowed` (zod's strictObject refuses others, even with an undefined value). */
function onlyKeys(o: Obj, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k) || !Object.hasOwn(o, k)) return false;
  return true;
}

/**
 * `o` with its keys in the order of `keys`, leaving out the ones it lacks (zod keeps a key whose
 * value is undefined): `o` itself when they already are (as in every task file we write), so a
 * 100k-task file is not copied once more for the garbage collector; else a copy.
 */
function pick(o: Obj, keys: readonly string[]): Obj {
  let at = 0;
  let ordered = true;
  for (const k in o) {
    const i = keys.indexOf(k, at);
    if (i < 0) {
      ordered = false;
      break;
    }
    at = i + 1;
  }
  if (ordered) return o;
  const out: Obj = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

const optional = (o: Obj, k: string, ok: (v: unknown) => boolean) => o[k] === undefined || ok(o[k]);

const TAU_SOURCE_KEYS = { annotated: ['kind', 'rationale'], estimator: ['kind', 'name', 'version', 'rationale'] } as const;
const TAU_SOURCE_SETS = { annotated: new Set<string>(TAU_SOURCE_KEYS.annotated), estimator: new Set<string>(TAU_SOURCE_KEYS.estimator) };

function tauSource(v: unknown): Obj | null {
  if (!isObj(v)) return null;
  if (v.kind === 'annotated') return onlyKeys(v, TAU_SOURCE_SETS.annotated) && filled(v.rationale) ? pick(v, TAU_SOURCE_KEYS.annotated) : null;
  if (v.kind === 'estimator') {
    const ok = onlyKeys(v, TAU_SOURCE_SETS.estimator) && filled(v.name) && filled(v.version) && optional(v, 'rationale', str);
    return ok ? pick(v, TAU_SOURCE_KEYS.estimator) : null;
  }
  return null;
}

const FUNCTION_KEYS = ['kind', 'entry_point', 'tests', 'test_setup', 'solution_setup', 'reference', 'starter'];
const MC_KEYS = ['kind', 'options', 'answer'];
const QA_KEYS = ['kind', 'answer', 'aliases', 'evidence'];
const SETS = { function: new Set(FUNCTION_KEYS), multiple_choice: new Set(MC_KEYS), qa: new Set(QA_KEYS) };

function payload(v: unknown): Obj | null {
  if (!isObj(v)) return null;
  if (v.kind === 'function') {
    const ok =
      onlyKeys(v, SETS.function) &&
      str(v.entry_point) &&
      IDENTIFIER.test(v.entry_point) &&
      strArray(v.tests, nonBlank) &&
      v.tests.length >= 1 &&
      optional(v, 'test_setup', str) &&
      optional(v, 'solution_setup', str) &&
      nonBlank(v.reference) &&
      optional(v, 'starter', str);
    if (!ok) return null;
    return pick(v, FUNCTION_KEYS);
  }
  if (v.kind === 'multiple_choice') {
    const options = v.options;
    if (!onlyKeys(v, SETS.multiple_choice) || !isObj(options) || !str(v.answer) || !LETTER.test(v.answer)) return null;
    const copy: Obj = {};
    let n = 0;
    for (const k in options) {
      // zod's record neither checks nor copies a "__proto__" key (JSON.parse makes it an own key).
      if (!Object.hasOwn(options, k) || k === '__proto__') continue;
      if (!LETTER.test(k) || !filled(options[k])) return null;
      copy[k] = options[k];
      n++;
    }
    if (n < 2 || !(v.answer in copy)) return null;
    return { kind: v.kind, options: copy, answer: v.answer };
  }
  if (v.kind === 'qa') {
    const ok = onlyKeys(v, SETS.qa) && nonBlank(v.answer) && strArray(v.aliases, filled) && strArray(v.evidence, filled) && v.evidence.length >= 1;
    if (!ok) return null;
    return pick(v, QA_KEYS);
  }
  return null;
}

const RECORD_KEYS = ['id', 'suite', 'domain', 'prompt', 'tau', 'tau_source', 'payload', 'source', 'tags'];
const RECORD_SET = new Set(RECORD_KEYS);
const SOURCE_KEYS = ['dataset', 'id', 'license'];
const SOURCE_SET = new Set(SOURCE_KEYS);

/** The record zod would return for this JSON value, or null when zod would refuse it (then ask zod why). */
export function fastTaskRecord(v: unknown): TaskRecord | null {
  if (!isObj(v) || !onlyKeys(v, RECORD_SET)) return null;
  const { id, suite, domain, prompt, tau } = v;
  if (!filled(id) || !ID.test(id) || !filled(suite) || (domain !== 'coding' && domain !== 'deepsearch') || !nonBlank(prompt)) return null;
  if (typeof tau !== 'number' || !Number.isFinite(tau) || !(tau > 0) || !(tau <= TAU_MAX)) return null;
  const ts = tauSource(v.tau_source);
  const p = payload(v.payload);
  if (!ts || !p || !PAYLOADS_OF[domain].includes(p.kind as string)) return null;
  let source: Obj | undefined;
  if (v.source !== undefined) {
    const s = v.source;
    if (!isObj(s) || !onlyKeys(s, SOURCE_SET) || !str(s.dataset) || !optional(s, 'id', str) || !optional(s, 'license', str)) return null;
    source = pick(s, SOURCE_KEYS);
  }
  if (v.tags !== undefined && !strArray(v.tags, str)) return null;
  const out = pick(v, RECORD_KEYS);
  if (out.tau_source !== ts) out.tau_source = ts;
  if (out.payload !== p) out.payload = p;
  if (source && out.source !== source) out.source = source;
  return out as unknown as TaskRecord;
}
