// Fail-fast: a run whose infrastructure keeps failing stops instead of burning through the task list
// (each failed attempt is retried by --resume anyway). Trips on:
//   - `consecutive` infrastructure errors in a row (default 5), or
//   - more than `rate` of the last `window` attempts (default 20 % of 50; checked once `window`
//     attempts have finished), or
//   - at once, on an error no retry can fix: the model is gone (HTTP 404, `ollama rm` mid-run) or the
//     server refuses the request for good ("… does not support tools").
import { ConfigError, SaleError } from '../errors.ts';
import type { AttemptRecord } from '../records/records.ts';

export interface FailFastSettings {
  consecutive: number;
  rate: number;
  window: number;
}

export const DEFAULT_FAIL_FAST: FailFastSettings = { consecutive: 5, rate: 0.2, window: 50 };

/** The run stopped early; records so far are kept. Exit 1 with the resume command as the fix. */
export class RunStoppedError extends SaleError {
  constructor(
    readonly why: string,
    readonly dir: string,
    fix: string,
  ) {
    super(`run stopped early: ${why}; the finished attempts are kept in ${dir}`, { fix });
    this.name = 'RunStoppedError';
  }
}

/** Parse `--fail-fast N,RATE,WINDOW` (e.g. "5,0.2,50") or "off". */
export function parseFailFast(value: string | undefined): FailFastSettings | null {
  if (value === undefined) return DEFAULT_FAIL_FAST;
  if (value === 'off') return null;
  const parts = value.split(',').map((s) => Number(s.trim()));
  const [consecutive, rate, window] = parts;
  if (
    parts.length !== 3 ||
    !Number.isInteger(consecutive) || consecutive! < 1 ||
    !(rate! > 0 && rate! <= 1) ||
    !Number.isInteger(window) || window! < 1
  ) {
    throw new ConfigError([`--fail-fast '${value}' is not CONSECUTIVE,RATE,WINDOW`], { fix: 'e.g. --fail-fast 5,0.2,50 (the default), or --fail-fast off' });
  }
  return { consecutive: consecutive!, rate: rate!, window: window! };
}

/** A permanent condition: retrying the other tasks cannot succeed. Returns the fix, or undefined. */
export function permanentFailure(record: AttemptRecord): { why: string; fix: string } | undefined {
  const e = record.infraError as (AttemptRecord['infraError'] & { fix?: string }) | null;
  if (!e) return undefined;
  if (e.kind === 'model-not-found') return { why: e.message, fix: e.fix ?? `ollama pull ${record.model}` };
  if (e.kind === 'http-4xx' && /does not support/i.test(e.message)) return { why: e.message, fix: e.fix ?? 'use a model that supports the request' };
  return undefined;
}

export class FailFast {
  private run = 0;
  private readonly recent: boolean[] = [];

  constructor(private readonly settings: FailFastSettings) {}

  /** Observe a finished attempt; the reason to stop, or undefined to go on. */
  observe(record: AttemptRecord): { why: string; fix?: string } | undefined {
    const infra = record.status === 'infra-error';
    const permanent = permanentFailure(record);
    if (permanent) return permanent;
    this.run = infra ? this.run + 1 : 0;
    this.recent.push(infra);
    if (this.recent.length > this.settings.window) this.recent.shift();
    if (this.run >= this.settings.consecutive) {
      return { why: `${this.run} infrastructure errors in a row (last: ${record.infraError?.kind}: ${record.infraError?.message})` };
    }
    if (this.recent.length >= this.settings.window) {
      const errors = this.recent.filter(Boolean).length;
      if (errors / this.recent.length > this.settings.rate) {
        return { why: `${errors} of the last ${this.recent.length} attempts were infrastructure errors (more than ${Math.round(this.settings.rate * 100)} %)` };
      }
    }
    return undefined;
  }
}

/** After a run's tables are written: throw RunStoppedError when fail-fast stopped it (exit 1). */
export function throwIfStopped(result: { dir: string; stopped?: { why: string; fix?: string } }): void {
  if (!result.stopped) return;
  const resume = `sale bench run --resume ${result.dir}`;
  throw new RunStoppedError(result.stopped.why, result.dir, result.stopped.fix ? `${result.stopped.fix}, then resume with: ${resume}` : `fix the engine, then resume with: ${resume}`);
}
