// SALE's prompts (SALE.md §5b): bid, judge and contrastive refinement, each a file beside this module,
// hashed into the run fingerprint. The execution prompt is the suite's own task template, which
// renders the winning plan as "Your plan for this task".
import { fileURLToPath } from 'node:url';
import { loadPrompt, renderPrompt } from '../config/prompts.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { PromptFile, Suite } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import type { PlanPair } from './memory.ts';

export interface SalePrompts {
  bid: PromptFile;
  judge: PromptFile;
  refine: PromptFile;
}

const path = (name: string) => fileURLToPath(new URL(`./prompts/${name}`, import.meta.url));

export function loadSalePrompts(): SalePrompts {
  return { bid: loadPrompt(path('bid.md')), judge: loadPrompt(path('judge.md')), refine: loadPrompt(path('refine.md')) };
}

export const promptHashes = (p: SalePrompts) => ({ [`sale/${p.bid.name}`]: p.bid.sha256, [`sale/${p.judge.name}`]: p.judge.sha256, [`sale/${p.refine.name}`]: p.refine.sha256 });

/** A sandbox that is never used: tool specs are read for their descriptions only. */
const NO_SANDBOX: Sandbox = {
  isolation: 'rlimit',
  warnings: [],
  runPython: () => Promise.reject(new Error('SALE prompts read tool descriptions only')),
};

/** What a bidder, a judge and a refiner are told about a task: the execution prompt and the tools. */
export interface TaskView {
  task: string;
  tools: string;
}

export function taskView(suite: Suite, task: Task): TaskView {
  const tools = suite
    .tools(task, { sandbox: NO_SANDBOX })
    .map((t) => `- ${t.spec.name}(${Object.keys(t.spec.parameters.properties).join(', ')}): ${t.spec.description}`)
    .join('\n');
  return { task: suite.userPrompt(task).trim(), tools };
}

export function renderBid(p: SalePrompts, view: TaskView, maxWords: number): string {
  return renderPrompt(p.bid, { task: view.task, tools: view.tools, max_words: String(maxWords) });
}

/** The judge sees the task and the plan, never who wrote it. */
export function renderJudge(p: SalePrompts, view: TaskView, plan: string): string {
  return renderPrompt(p.judge, { task: view.task, tools: view.tools, plan });
}

/** The marker of each pair in the refinement prompt ("### Earlier task 2 …"). */
export const PAIR_HEADING = '### Earlier task';

export function renderPairs(pairs: readonly PlanPair[], maxChars: number): string {
  const cut = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars)} […]` : s);
  return pairs
    .map((p, i) =>
      [
        `${PAIR_HEADING} ${i + 1} (similarity ${p.similarity.toFixed(2)})`,
        `Task: ${cut(p.taskText.replace(/\s+/g, ' ').trim())}`,
        `Losing plan (by ${p.loser.agent}${p.own === 'loser' ? ', yours' : ''}):`,
        '"""',
        cut(p.loser.text),
        '"""',
        `Winning plan (by ${p.winner.agent}${p.own === 'winner' ? ', yours' : ''}):`,
        '"""',
        cut(p.winner.text),
        '"""',
      ].join('\n'),
    )
    .join('\n\n');
}

export function renderRefine(p: SalePrompts, view: TaskView, agent: string, plan: string, pairs: readonly PlanPair[], maxWords: number, maxChars: number): string {
  return renderPrompt(p.refine, { agent, task: view.task, tools: view.tools, plan, pairs: renderPairs(pairs, maxChars), max_words: String(maxWords) });
}
