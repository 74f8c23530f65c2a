// The deep-search answer judge (`bench run --judge AGENT`), built from an agent of configs/agents.yaml.
import type { Config } from '../../config/types.ts';
import { ConfigError } from '../../errors.ts';
import type { ModelClient } from '../../models/types.ts';
import { createAnswerJudge, type AnswerJudge } from './judge.ts';

export interface JudgeSetup {
  judge: AnswerJudge;
  /** What goes into the run fingerprint: a change of judge, model, options or prompt refuses a resume. */
  fingerprint: Record<string, unknown>;
}

/**
 * The judge named by --judge. `allAgents` is the configuration before --agents filtered the pool, so the
 * judge may be an agent that is not being benchmarked. The model must be installed.
 */
export async function judgeFromFlag(name: string, allAgents: Config, client: ModelClient): Promise<JudgeSetup> {
  const agent = allAgents.agents.find((a) => a.name === name);
  if (!agent) {
    throw new ConfigError([`--judge: unknown agent '${name}'`], { fix: `use an agent from agents.yaml: ${allAgents.agents.map((a) => a.name).join(', ')}` });
  }
  const info = await client.describe(agent.model);
  if (!info.present) {
    throw new ConfigError([`--judge: model '${agent.model}' (agent ${agent.name}) is not installed on ${client.endpoint}`], { fix: `ollama pull ${agent.model}` });
  }
  const judge = createAnswerJudge({ client, agent });
  return {
    judge,
    fingerprint: { agent: agent.name, model: agent.model, digest: info.digest ?? 'unknown', options: agent.callTypes.judge, prompt: judge.prompt.sha256 },
  };
}
