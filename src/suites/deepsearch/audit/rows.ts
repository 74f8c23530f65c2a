// Per-bin rows of `sale datasets audit`: one per (solver, bin), with a Wilson interval.
import { wilson } from '../../../metrics/wilson.ts';
import { BIN_KEYS } from '../../../tasks/bins.ts';

export type SolverName = 'one-shot' | 'search-only' | 'no-corpus' | 'stub' | 'mutant' | 'examples';

export interface AuditRow {
  suite: string;
  solver: SolverName;
  /** Bin key: le0.1 … le60. */
  bin: (typeof BIN_KEYS)[number];
  n: number;
  solved: number;
  rate: number;
  /** Wilson 95 % interval of the rate. */
  low: number;
  high: number;
  /** Expected rate of a uniform guess (no-corpus only): ½ for yes/no, 1/k for k named options, 0 otherwise. */
  chance?: number;
}

export interface SolverOutcome {
  bin: number;
  solved: boolean;
  chance?: number;
}

/** Rows for one solver: one per bin that has tasks. */
export function rowsOf(suite: string, solver: SolverName, outcomes: SolverOutcome[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (let b = 0; b < BIN_KEYS.length; b++) {
    const inBin = outcomes.filter((o) => o.bin === b);
    if (!inBin.length) continue;
    const solved = inBin.filter((o) => o.solved).length;
    const w = wilson(solved, inBin.length);
    const row: AuditRow = { suite, solver, bin: BIN_KEYS[b]!, n: inBin.length, solved, rate: solved / inBin.length, low: w.low, high: w.high };
    if (inBin.some((o) => o.chance !== undefined)) row.chance = inBin.reduce((s, o) => s + (o.chance ?? 0), 0) / inBin.length;
    rows.push(row);
  }
  return rows;
}
