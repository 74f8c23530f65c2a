// How the SIMULATED agents play a deep-search (qa) task, and how the SIMULATED judge answers.
//
// Success: search with the question's content words, open each gold evidence document (one per turn),
// then answer with the gold answer. Failure: search, open the top hit, then answer a plausible wrong
// entity: for yes/no the opposite, for an answer holding a number the same text with that number
// nudged, else the title of another document the search showed (one that is not an accepted answer).
// Everything is a deterministic function of the task, the seed, the agent and the tool results shown.
// The protocol needs no corpus access of its own: it reads ids and titles from the search results.
import type { ChatMessage, ChatRequest, ToolCall } from '../../models/types.ts';
import type { QaPayload, Task } from '../../tasks/types.ts';
import { scoreAnswer } from './grader.ts';
import { answerTokens } from './normalise.ts';
import { keywords } from './text.ts';
import { hashUniform } from '../../models/sim/random.ts';
import type { SimStep, SimSuiteProtocol } from '../../models/sim/protocol.ts';

export type { SimStep };

/** `N. [id] Title` lines of the search tool's output (see suites/deepsearch/tools.ts). */
export function parseSearchHits(text: string): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  for (const m of text.matchAll(/^\d+\. \[([^\]]+)\] (.+)$/gm)) out.push({ id: m[1]!, title: m[2]!.trim() });
  return out;
}

/** A plausible wrong answer (never an accepted one when avoidable). */
export function wrongAnswer(payload: QaPayload, titles: string[], key: string): string {
  const gold = [payload.answer, ...payload.aliases];
  const accepted = (s: string) => scoreAnswer(s, gold).match;
  const norm = answerTokens(payload.answer).join(' ');
  if (norm === 'yes') return 'no';
  if (norm === 'no') return 'yes';
  if (/\d/.test(payload.answer)) {
    const delta = 1 + Math.floor(hashUniform('sim-near-miss', key) * 3);
    const nudged = payload.answer.replace(/\d+/, (d) => String(Number(d) + delta));
    if (!accepted(nudged)) return nudged;
  }
  const candidates = [...new Set(titles)].filter((t) => !accepted(t)).sort();
  if (candidates.length) return candidates[Math.floor(hashUniform('sim-wrong-entity', key) * candidates.length)]!;
  return 'unknown';
}

function assistantToolCalls(messages: ChatMessage[]): ToolCall[] {
  return messages.filter((m) => m.role === 'assistant').flatMap((m) => m.toolCalls ?? []);
}

/** One turn of the deep-search protocol. */
export function simDeepsearchStep(request: ChatRequest, task: Task, payload: QaPayload, solves: boolean, key: string): SimStep {
  const toolNames = new Set((request.tools ?? []).map((t) => t.name));
  const done = assistantToolCalls(request.messages);
  const call = (name: string, args: Record<string, unknown>): SimStep['message'] => ({
    role: 'assistant',
    content: '',
    toolCalls: [{ id: `call_sim_${done.length}`, name, arguments: args }],
  });
  const searchOutputs = request.messages.filter((m) => m.role === 'tool' && m.toolName === 'search').map((m) => m.content);
  const hits = searchOutputs.flatMap(parseSearchHits);
  const openedTitles = request.messages
    .filter((m) => m.role === 'tool' && m.toolName === 'open')
    .map((m) => /^\[[^\]]+\] (.+)$/m.exec(m.content)?.[1]?.trim())
    .filter((t): t is string => Boolean(t));
  const final = solves ? payload.answer : wrongAnswer(payload, [...hits.map((h) => h.title), ...openedTitles], key);

  if (!toolNames.has('search') || !toolNames.has('open') || !toolNames.has('answer')) {
    return { message: { role: 'assistant', content: `Answer: ${final}` }, outputShare: 1 };
  }
  const plan: { name: string; args: Record<string, unknown> }[] = [{ name: 'search', args: { query: keywords(task.prompt, 8).join(' ') } }];
  if (solves) {
    for (const id of payload.evidence) plan.push({ name: 'open', args: { id } });
  } else {
    const top = hits[0]?.id ?? payload.evidence[0]!;
    plan.push({ name: 'open', args: { id: top } });
  }
  plan.push({ name: 'answer', args: { text: final } });
  const step = plan[Math.min(done.length, plan.length - 1)]!;
  return { message: call(step.name, step.args), outputShare: 1 / plan.length };
}

/**
 * The SIMULATED judge: reads the proposed answer from the judge prompt's last line and accepts it when
 * it matches exactly or has token F1 ≥ 0.8 against the gold (a judge a little more lenient than exact
 * match, so that judge/EM agreement is not trivially 100 %).
 */
export function simJudgeStep(request: ChatRequest, payload: QaPayload): SimStep {
  const prompt = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const proposed = /^Proposed answer: (.*)$/m.exec(prompt)?.[1]?.trim() ?? '';
  const s = scoreAnswer(proposed, [payload.answer, ...payload.aliases]);
  const match = proposed !== '' && (s.exactMatch || s.f1 >= 0.8);
  const reason = `SIMULATED judge: ${s.exactMatch ? 'exact match' : `token F1 ${s.f1.toFixed(2)}`}`;
  return { message: { role: 'assistant', content: JSON.stringify({ match, reason }) }, outputShare: 0.05 };
}

/** The deep-search suite's protocol for the sim provider (src/models/sim/protocol.ts). */
export const deepsearchSimProtocol: SimSuiteProtocol = {
  kind: 'qa',
  step: (request, task, solves, key) => simDeepsearchStep(request, task, task.payload as QaPayload, solves, key),
  judge: (request, task) => simJudgeStep(request, task.payload as QaPayload),
};
