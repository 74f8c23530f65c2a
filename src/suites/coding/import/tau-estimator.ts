/**
 * τ (human solve time, minutes) for imported coding tasks, and τ override files.
 *
 * Estimator `coding-loc`, version 1
 * ---------------------------------
 *
 *     τ = 0.15 × L  +  W / 200        (minutes; rounded to 0.01, clamped to [0.01, 60])
 *
 *   L = non-blank, non-comment lines of the reference code the solver has to write
 *       (MBPP: the whole `code`, `def` line and imports included; HumanEval: the
 *       `canonical_solution` body only, since the signature is given as starter code).
 *   W = whitespace-separated words of the statement the solver reads
 *       (MBPP: the problem text plus the one revealed assert; HumanEval: the `prompt`,
 *       i.e. signature, docstring and doctest examples).
 *
 * Reasoning:
 *   - Writing: 0.15 min (9 s) per line. The lines in these datasets are short, single-purpose
 *     statements of the kind a fluent Python programmer types and checks in a few seconds;
 *     9 s per line includes deciding what to write. Cost is kept linear in L on purpose:
 *     line count is the only size signal every record has, and a linear rule is easy to audit.
 *   - Reading: 200 words per minute, a usual figure for careful reading of technical text.
 *   - Calibration against the paper's bins (edges 0.1, 0.5, 2.5, 12.5, 60): a two-line MBPP
 *     function with a one-sentence statement (L = 2, W ≈ 20) gives 0.40 → bin ≤0.5; a typical
 *     5–15 line MBPP solution gives 0.8–2.4 → bin ≤2.5, so MBPP lands mostly in bins 2–3
 *     (≤0.5 and ≤2.5) as the paper reports. HumanEval: a one-line body with a short docstring
 *     (L = 1, W ≈ 40) gives 0.35 → ≤0.5; a typical 5–10 line body with a 60–100 word prompt
 *     gives 1–2 → ≤2.5; long bodies with long prompts (L ≈ 20, W ≈ 150) give ≈ 3.75 → ≤12.5,
 *     so HumanEval spreads over bins 2–4, as in the paper.
 *   - It is a proxy, not a measurement: it ignores algorithmic difficulty. Tasks whose real τ
 *     is known can be overridden with a τ file (below); those get tau_source kind 'annotated'.
 *
 * τ file: one (id, tau) entry per line, CSV (`id,tau`, optional header naming the columns,
 * extra columns allowed when a header names them) or JSON Lines (`{"id": ..., "tau": ...}`);
 * the two may be mixed. Blank lines and lines starting with '#' are ignored.
 */
import { basename } from 'node:path';
import { ConfigError } from '../../../errors.ts';
import { TAU_MAX } from '../../../tasks/bins.ts';
import type { TauSource } from '../../../tasks/types.ts';

export const CODING_TAU_ESTIMATOR = { name: 'coding-loc', version: '1' } as const;
/** Minutes per line of code written. */
export const MINUTES_PER_LINE = 0.15;
/** Reading speed, words per minute. */
export const WORDS_PER_MINUTE = 200;
const TAU_MIN = 0.01;

/** Non-blank lines that are not whole-line `#` comments. */
export function codeLines(code: string): number {
  return code.split(/\r\n|\r|\n/).filter((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#');
  }).length;
}

export function wordCount(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/\s+/).length;
}

export interface TauEstimate {
  tau: number;
  tau_source: TauSource;
}

/**
 * Estimate τ for a coding task. `statement` is what the solver reads; `solution` is the code
 * the solver has to write (see the header for which parts of each dataset).
 */
export function estimateCodingTau(input: { statement: string; solution: string }): TauEstimate {
  const lines = codeLines(input.solution);
  const words = wordCount(input.statement);
  const rounded = Math.round((MINUTES_PER_LINE * lines + words / WORDS_PER_MINUTE) * 100) / 100;
  const tau = Math.min(TAU_MAX, Math.max(TAU_MIN, rounded));
  const clamped = tau !== rounded ? ` (clamped to ${tau})` : '';
  return {
    tau,
    tau_source: {
      kind: 'estimator',
      name: CODING_TAU_ESTIMATOR.name,
      version: CODING_TAU_ESTIMATOR.version,
      rationale:
        `${MINUTES_PER_LINE} min × ${lines} code lines + ${words} words ÷ ${WORDS_PER_MINUTE} wpm ` +
        `= ${rounded.toFixed(2)} min${clamped}`,
    },
  };
}

/** tau_source of a task whose τ came from a τ file. */
export function annotatedFromFile(tauFileName: string): TauSource {
  return { kind: 'annotated', rationale: `from τ file ${tauFileName}` };
}

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). Returns null on an unclosed quote. */
function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      // Anything between the closing quote and the next comma is kept as written.
      while (i < line.length && line[i] !== ',') field += line[i++];
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    out.push(field.trim());
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/**
 * Read a τ override file (CSV or JSON Lines of id and tau). Every problem is collected and
 * reported as `file:line: ...` in one ConfigError.
 */
export function parseTauFile(text: string, file: string): Map<string, number> {
  const result = new Map<string, number>();
  const firstLine = new Map<string, number>();
  const problems: string[] = [];
  let columns: { id: number; tau: number } | undefined;
  let sawData = false;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const where = `${file}:${line}`;
    const raw = rawLine.replace(/\r$/, '');
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;

    let id: unknown;
    let tauValue: unknown;
    if (t.startsWith('{')) {
      let json: unknown;
      try {
        json = JSON.parse(t);
      } catch (e) {
        problems.push(`${where}: not valid JSON (${(e as Error).message})`);
        return;
      }
      const obj = json as Record<string, unknown>;
      if (!('id' in obj)) return void problems.push(`${where}: missing field 'id'`);
      if (!('tau' in obj)) return void problems.push(`${where}: missing field 'tau'`);
      id = obj.id;
      tauValue = obj.tau;
      if (typeof tauValue !== 'number') {
        return void problems.push(`${where}: field 'tau' must be a number, got ${JSON.stringify(tauValue)}`);
      }
    } else {
      const fields = splitCsvLine(raw);
      if (!fields) return void problems.push(`${where}: unclosed quote in CSV line`);
      const lower = fields.map((f) => f.toLowerCase());
      if (!sawData && !columns && lower.includes('id') && (lower.includes('tau') || lower.includes('τ'))) {
        columns = { id: lower.indexOf('id'), tau: lower.includes('tau') ? lower.indexOf('tau') : lower.indexOf('τ') };
        return;
      }
      const cols = columns ?? { id: 0, tau: 1 };
      const need = Math.max(cols.id, cols.tau) + 1;
      if (fields.length < need) {
        return void problems.push(`${where}: expected ${need} comma-separated fields (id, tau), got ${fields.length}`);
      }
      if (!columns && fields.length > 2) {
        return void problems.push(`${where}: expected 2 fields (id, tau), got ${fields.length}; add a header line naming the id and tau columns`);
      }
      id = fields[cols.id];
      const tauText = fields[cols.tau]!;
      tauValue = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(tauText) ? Number(tauText) : NaN;
      if (Number.isNaN(tauValue)) return void problems.push(`${where}: field 'tau' is not a number: '${tauText}'`);
    }
    sawData = true;
    if (typeof id !== 'string' || id.trim() === '') {
      return void problems.push(`${where}: field 'id' must be a non-empty string`);
    }
    const tau = tauValue as number;
    if (!(tau > 0) || tau > TAU_MAX) {
      return void problems.push(`${where}: field 'tau' must be in (0, ${TAU_MAX}] minutes, got ${tau}`);
    }
    const prev = firstLine.get(id);
    if (prev !== undefined) return void problems.push(`${where}: duplicate id '${id}' (first at line ${prev})`);
    firstLine.set(id, line);
    result.set(id, tau);
  });
  if (!problems.length && result.size === 0) problems.push(`${file}: no (id, tau) entries`);
  if (problems.length) throw new ConfigError(problems, { fix: `correct the τ file ${basename(file)}` });
  return result;
}
