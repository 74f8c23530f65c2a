import type { AgentRun, Submission, Tool } from '../agents/types.ts';
import type { SuiteConfig } from '../config/types.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { Task } from '../tasks/types.ts';
import type { AnswerJudge } from './deepsearch/judge.ts';

/** The outcome of grading one submission. */
export interface Grade {
  passed: boolean;
  /** In [0, 1]: share of hidden tests passed, token F1, … (pass@1 uses `passed`). */
  score: number;
  /** Short human-readable reason ("7/8 tests passed", "answered B, correct C"). */
  reason: string;
  details?: Record<string, unknown>;
}

/** What a suite's tools and grader may use. */
export interface SuiteEnv {
  sandbox: Sandbox;
  /** Optional answer judge (`bench run --judge AGENT`); only the deep-search grader uses it. */
  judge?: AnswerJudge;
}

/** A prompt template file (defined beside its loader, in src/config/prompts.ts). */
import type { PromptFile } from '../config/prompts.ts';
export type { PromptFile };

/** A suite = tasks + tools + grader (+ the prompts that frame them). */
export interface Suite {
  readonly name: string;
  readonly domain: 'coding' | 'deepsearch';
  readonly config: SuiteConfig;
  readonly tasks: Task[];
  /** Every prompt template this suite uses, hashed into the fingerprint. */
  readonly prompts: PromptFile[];
  systemPrompt(task: Task): string;
  userPrompt(task: Task, plan?: string): string;
  tools(task: Task, env: SuiteEnv): Tool[];
  parseFinalText(task: Task, text: string): Submission | null;
  /** `run` is the agent's whole run (its trace tells which documents were opened); graders may ignore it. */
  grade(task: Task, submission: Submission | null, env: SuiteEnv, run?: AgentRun): Promise<Grade>;
}
