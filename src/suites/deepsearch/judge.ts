// The optional LLM judge of deep-search answers (`sale bench run --judge AGENT`): one call per answer,
// asking whether the proposed answer matches the gold answer, with a JSON verdict {match, reason}.
// A judge that fails (server error, reply that is not the JSON asked for) gives match: null and the
// error; the grader then falls back to exact match for that attempt (see grader.ts).
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SaleError } from '../../errors.ts';
import type { AgentConfig } from '../../config/types.ts';
import { loadPrompt, renderPrompt, type PromptFile } from '../../config/prompts.ts';
import type { ModelClient, Usage } from '../../models/types.ts';
import type { Task } from '../../tasks/types.ts';

export interface JudgeInput {
  task: Task;
  question: string;
  /** The gold answer first, then its aliases. */
  gold: string[];
  answer: string;
  seed: number;
}

export interface JudgeVerdict {
  /** null when the judge gave no usable verdict (see `error`). */
  match: boolean | null;
  reason: string;
  agent: string;
  model: string;
  usage?: Usage;
  error?: string;
}

/** What a suite's grader may ask to judge answers. */
export interface AnswerJudge {
  readonly agent: string;
  readonly model: string;
  readonly prompt: PromptFile;
  judge(input: JudgeInput): Promise<JudgeVerdict>;
}

export const loadJudgePrompt = (): PromptFile => loadPrompt(fileURLToPath(new URL('./prompts/judge.md', import.meta.url)));

const verdictSchema = z.object({
  match: z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])]),
  reason: z.string().default(''),
});

/** The JSON schema sent as the call's `format`, so engines that support it constrain the reply. */
export const JUDGE_FORMAT = {
  type: 'object',
  properties: { match: { type: 'boolean' }, reason: { type: 'string' } },
  required: ['match', 'reason'],
} as const;

/** Read a verdict from the judge's reply text (think blocks and code fences tolerated). */
export function parseVerdict(text: string): { match: boolean; reason: string } | null {
  const body = text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const m = /\{[\s\S]*\}/.exec(body);
  if (!m) return null;
  try {
    const parsed = verdictSchema.safeParse(JSON.parse(m[0]));
    if (!parsed.success) return null;
    const v = parsed.data.match;
    return { match: v === true || v === 'true' || v === 'yes', reason: parsed.data.reason };
  } catch {
    return null;
  }
}

export const formatGold = (gold: string[]) =>
  gold.length > 1 ? `${JSON.stringify(gold[0])} (also accepted: ${gold.slice(1).map((g) => JSON.stringify(g)).join(', ')})` : JSON.stringify(gold[0] ?? '');

export function renderJudgePrompt(prompt: PromptFile, input: Pick<JudgeInput, 'question' | 'gold' | 'answer'>): string {
  // The answer is put on one line: the prompt's last line must stay "Proposed answer: …".
  return renderPrompt(prompt, { question: input.question.replace(/\s+/g, ' ').trim(), gold: formatGold(input.gold), answer: input.answer.replace(/\s+/g, ' ').trim() });
}

export function createAnswerJudge(setup: { client: ModelClient; agent: AgentConfig; prompt?: PromptFile }): AnswerJudge {
  const prompt = setup.prompt ?? loadJudgePrompt();
  const { client, agent } = setup;
  const opts = agent.callTypes.judge;
  return {
    agent: agent.name,
    model: agent.model,
    prompt,
    async judge(input) {
      const base = { agent: agent.name, model: agent.model };
      let text: string;
      let usage: Usage | undefined;
      try {
        const r = await client.chat({
          model: agent.model,
          messages: [{ role: 'user', content: renderJudgePrompt(prompt, input) }],
          options: {
            temperature: opts.temperature,
            seed: input.seed,
            numCtx: agent.contextLength,
            numPredict: opts.num_predict,
            think: opts.think,
            keepAlive: agent.keepAlive,
            format: JUDGE_FORMAT as unknown as Record<string, unknown>,
          },
          meta: { taskId: input.task.id, agent: agent.name, callType: 'judge', turn: 0, seed: input.seed },
        });
        text = r.message.content;
        usage = r.usage;
      } catch (e) {
        if (!SaleError.isInstance(e)) throw e;
        return { ...base, match: null, reason: '', error: `judge call failed: ${e.message}` };
      }
      const verdict = parseVerdict(text);
      if (!verdict) return { ...base, match: null, reason: '', ...(usage ? { usage } : {}), error: `judge reply is not a JSON verdict: ${text.slice(0, 200)}` };
      return { ...base, ...verdict, ...(usage ? { usage } : {}) };
    },
  };
}
