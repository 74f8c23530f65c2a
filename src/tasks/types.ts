import type { BinIndex } from './bins.ts';

/** How τ was obtained: annotated by a person, or computed by a named, versioned estimator. */
export type TauSource =
  | { kind: 'annotated'; rationale: string }
  | { kind: 'estimator'; name: string; version: string; rationale?: string };

/** A Python function task graded by hidden tests. */
export interface FunctionPayload {
  kind: 'function';
  /** Name of the function the tests call. */
  entry_point: string;
  /** Hidden tests: Python snippets (usually one assert each) run after the solution, each judged apart. */
  tests: string[];
  /** Python run before the tests (imports, helpers), in the trusted harness. */
  test_setup?: string;
  /** Python run in the solution's own module after it loads, in the sandbox (task code; never tests). */
  solution_setup?: string;
  /** A solution that passes every test. */
  reference: string;
  /** Optional starter code shown to the agent (signature and docstring). */
  starter?: string;
}

export interface MultipleChoicePayload {
  kind: 'multiple_choice';
  /** Option letter → option text. */
  options: Record<string, string>;
  /** The correct letter. */
  answer: string;
}

/** A question answered by searching a corpus (deep-search suite). */
export interface QaPayload {
  kind: 'qa';
  answer: string;
  aliases: string[];
  evidence: string[];
}

export type TaskPayload = FunctionPayload | MultipleChoicePayload | QaPayload;

/** A task as written in JSONL. The bin is never stored: it is derived from τ. */
export interface TaskRecord {
  id: string;
  suite: string;
  domain: 'coding' | 'deepsearch';
  prompt: string;
  /** Human solve time, minutes, in (0, 60]. */
  tau: number;
  tau_source: TauSource;
  payload: TaskPayload;
  /** Where the task came from (bundled, or the imported dataset and its id). */
  source?: { dataset: string; id?: string; license?: string };
  tags?: string[];
}

/** A loaded task: the record plus its derived bin and provenance. */
export interface Task extends TaskRecord {
  bin: BinIndex;
  /** File and line it was read from. */
  origin: { file: string; line: number };
}
