// FrugalGPT-style cascade: agents from cheapest to dearest; after each attempt a scorer accepts the
// answer or escalates to the next agent. Every attempt is paid for.
import type { AttemptRecord } from '../../records/records.ts';
import type { RouterFactory } from '../types.ts';

/**
 * The agent's own verification, read from its trace (our choice; FrugalGPT trains a scorer model):
 * coding — the agent ran code with `run_python` and the last run before submitting exited cleanly;
 * deep search — the submitted answer appears in a document the agent opened;
 * multiple choice — no verification signal, so the answer is accepted.
 */
export function selfVerified(record: AttemptRecord): boolean {
  if (!record.submission || record.status === 'infra-error') return false;
  const sub = record.submission;
  if (sub.kind === 'choice') return true;
  const toolEvents = record.trace.filter((e) => e.message.role === 'tool');
  if (sub.kind === 'code') {
    const runs = toolEvents.filter((e) => e.message.toolName === 'run_python');
    const last = runs.at(-1);
    return Boolean(last && (last.details?.status === 'ok' || /^exit status: ok/.test(last.message.content)));
  }
  const answer = sub.text.trim().toLowerCase();
  return answer.length > 0 && toolEvents.some((e) => e.message.toolName === 'open' && e.message.content.toLowerCase().includes(answer));
}

export const cascadeRouter: RouterFactory = (ctx) => ({
  name: 'frugalgpt',
  async route(_task, execute) {
    const attempts = [];
    for (const [i, a] of ctx.agents.entries()) {
      const view = await execute(a.name);
      attempts.push(view);
      if (i === ctx.agents.length - 1 || selfVerified(view.record)) break;
    }
    return { attempts, details: { scorer: 'self-verification', accepted: attempts.at(-1)!.agent } };
  },
});
