// Shared plumbing of the coding dataset importers: reading JSON Lines or a JSON array with
// locations for error messages, typed field access that collects problems, and τ overrides.
import { ConfigError } from '../../../errors.ts';
import type { TauSource } from '../../../tasks/types.ts';
import { annotatedFromFile, type TauEstimate } from './tau-estimator.ts';

export interface ImportOptions {
  /** τ by task id, from a τ file (see parseTauFile). Every id must match an imported task. */
  tauOverrides?: Map<string, number>;
  /** Name of the τ file, for the tau_source rationale of overridden tasks. */
  tauFileName?: string;
  /** Suite name written into each record (default: the dataset's name). */
  suite?: string;
}

/** One JSON value from the input and where it was ("file:line" or "file: [index]"), or why it is not JSON. */
export interface RawRecord {
  where: string;
  value: unknown;
  /** Set when the line is not valid JSON (reported in line order by asObject). */
  parseError?: string;
}

/**
 * Split input text into records: a JSON array (first non-blank character '[') gives one record
 * per element, located by index; anything else is read as JSON Lines, located by line number.
 * A JSON Lines line that is not valid JSON becomes a record carrying `parseError`, so problems
 * stay in line order; an invalid JSON array is added to `problems`. Blank lines are not records.
 */
export function readJsonRecords(
  text: string,
  file: string,
  problems: string[],
): { container: 'array' | 'jsonl'; records: RawRecord[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      problems.push(`${file}: not a valid JSON array (${(e as Error).message})`);
      return { container: 'array', records: [] };
    }
    const items = json as unknown[];
    return { container: 'array', records: items.map((value, i) => ({ where: `${file}: [${i}]`, value })) };
  }
  const records: RawRecord[] = [];
  body.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    try {
      records.push({ where, value: JSON.parse(line) });
    } catch (e) {
      records.push({ where, value: undefined, parseError: `not valid JSON (${(e as Error).message})` });
    }
  });
  return { container: 'jsonl', records };
}

/** Typed access to one record's fields; each bad field adds "where: field 'x' ..." to problems. */
export class Fields {
  private label = '';
  constructor(
    readonly where: string,
    private readonly obj: Record<string, unknown>,
    private readonly problems: string[],
  ) {}

  /** Name the record in later messages, e.g. "task_id 7". */
  setLabel(label: string): void {
    this.label = ` (${label})`;
  }

  get at(): string {
    return `${this.where}${this.label}`;
  }

  problem(message: string): void {
    this.problems.push(`${this.at}: ${message}`);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.obj, name);
  }

  private missing(name: string): boolean {
    if (this.has(name)) return false;
    this.problem(`missing field '${name}'`);
    return true;
  }

  string(name: string, opts: { nonEmpty?: boolean } = {}): string | undefined {
    if (this.missing(name)) return undefined;
    const v = this.obj[name];
    if (typeof v !== 'string') return void this.problem(`field '${name}' must be a string, got ${typeOf(v)}`);
    if (opts.nonEmpty && v.trim() === '') return void this.problem(`field '${name}' is empty`);
    return v;
  }

  integer(name: string): number | undefined {
    if (this.missing(name)) return undefined;
    const v = this.obj[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      return void this.problem(`field '${name}' must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  stringList(name: string, opts: { nonEmpty?: boolean; optional?: boolean } = {}): string[] | undefined {
    if (opts.optional && !this.has(name)) return [];
    if (this.missing(name)) return undefined;
    const v = this.obj[name];
    if (!Array.isArray(v)) return void this.problem(`field '${name}' must be a list of strings, got ${typeOf(v)}`);
    let ok = true;
    v.forEach((item, i) => {
      if (typeof item !== 'string') {
        ok = false;
        this.problem(`field '${name}[${i}]' must be a string, got ${typeOf(item)}`);
      } else if (item.trim() === '') {
        ok = false;
        this.problem(`field '${name}[${i}]' is empty`);
      }
    });
    if (opts.nonEmpty && v.length === 0) return void this.problem(`field '${name}' is an empty list`);
    return ok ? (v as string[]) : undefined;
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}

/** The record as an object, or a problem naming where it is. */
export function asObject(rec: RawRecord, problems: string[]): Record<string, unknown> | undefined {
  if (rec.parseError !== undefined) {
    problems.push(`${rec.where}: ${rec.parseError}`);
    return undefined;
  }
  if (typeof rec.value === 'object' && rec.value !== null && !Array.isArray(rec.value)) {
    return rec.value as Record<string, unknown>;
  }
  problems.push(`${rec.where}: expected a JSON object, got ${typeOf(rec.value)}`);
  return undefined;
}

/** Normalise CRLF and lone CR line endings to LF. */
export function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** τ for a task: the τ file's value when it names the id, else the estimate. */
export function chooseTau(id: string, estimate: TauEstimate, options: ImportOptions): { tau: number; tau_source: TauSource } {
  const override = options.tauOverrides?.get(id);
  if (override === undefined) return estimate;
  return { tau: override, tau_source: annotatedFromFile(options.tauFileName ?? 'τ file') };
}

/** Every τ override must name an imported task: a stray id is a typo or the wrong file. */
export function checkOverridesUsed(ids: Set<string>, options: ImportOptions, problems: string[]): void {
  if (!options.tauOverrides) return;
  const stray = [...options.tauOverrides.keys()].filter((id) => !ids.has(id));
  if (stray.length === 0) return;
  const shown = stray.slice(0, 10).map((id) => `'${id}'`).join(', ');
  const more = stray.length > 10 ? ` and ${stray.length - 10} more` : '';
  problems.push(`${options.tauFileName ?? 'τ file'}: ${stray.length} id(s) match no imported task: ${shown}${more}`);
}

/** Throw one ConfigError listing every problem found, if any. */
export function throwIfProblems(problems: string[], what: string): void {
  if (problems.length) {
    throw new ConfigError(problems, { fix: `correct the ${what} named above; nothing was imported` });
  }
}

/** Record ids must be unique within one input file. */
export function checkDuplicate(seen: Map<string, string>, id: string, fields: Fields): boolean {
  const prev = seen.get(id);
  if (prev !== undefined) {
    fields.problem(`duplicate task id '${id}' (first at ${prev})`);
    return false;
  }
  seen.set(id, fields.where);
  return true;
}
