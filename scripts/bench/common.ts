// What every section of scripts/bench.ts shares: the result types and small helpers.

/** One number a section reports; `target` makes it a pass/fail check. */
export interface Metric {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Minimum acceptable value (a ratio, usually). */
  target?: { min: number };
  pass?: boolean;
  note?: string;
}

export interface SectionResult {
  metrics: Metric[];
  /** Free-form facts about the measurement (settings, environment), kept in the JSON output. */
  details?: Record<string, unknown>;
}

export interface BenchOptions {
  server: 'thread' | 'inproc';
  rounds: number;
  simLimit: number | null;
}

export interface Section {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<SectionResult>;
}

/** Progress and notes go to stderr; stdout carries the summary table (and --list). */
export const log = (line: string) => process.stderr.write(`${line}\n`);

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function metric(section: string, name: string, value: number, unit: string, extra: Partial<Metric> = {}): Metric {
  const m: Metric = { section, name, value, unit, ...extra };
  if (m.target) m.pass = value >= m.target.min;
  return m;
}

/** Run `total` calls of `one` with `concurrency` workers pulling from a shared counter; returns elapsed ms. */
export async function drive(total: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        next++;
        await one();
      }
    }),
  );
  return performance.now() - started;
}
