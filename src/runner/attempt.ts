// One attempt: one agent runs one task through the agent loop, then the suite grades it.
import type { Agent } from '../agents/types.ts';
import type { AgentConfig } from '../config/types.ts';
import type { ModelClient } from '../models/types.ts';
import type { Suite, SuiteEnv } from '../suites/types.ts';
import type { Task } from '../tasks/types.ts';
import { RECORD_VERSION, attemptKey, type AttemptRecord } from '../records/records.ts';

export interface AttemptInput {
  system: string;
  task: Task;
  suite: Suite;
  agent: AgentConfig;
  agentImpl: Agent;
  client: ModelClient;
  env: SuiteEnv;
  seed: number;
  plan?: string;
  signal?: AbortSignal;
}

export async function runAttempt(input: AttemptInput): Promise<AttemptRecord> {
  const { task, suite, agent, client, env } = input;
  const startedAt = new Date();
  const run = await input.agentImpl.run({
    task,
    agent,
    client,
    seed: input.seed,
    systemPrompt: suite.systemPrompt(task),
    userPrompt: suite.userPrompt(task, input.plan),
    tools: suite.tools(task, env),
    parseFinalText: (text) => suite.parseFinalText(task, text),
    budgets: { maxSteps: suite.config.budgets.max_steps, maxTokens: suite.config.budgets.max_tokens },
    toolOutputChars: suite.config.tool_output_chars,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const grade = run.infraError ? null : await suite.grade(task, run.submission, env, run);
  // Engine counters (evaluated) and billed-equivalent input tokens (prompt-accounting.ts) side by side.
  const usage = run.calls.reduce(
    (u, c) => ({
      inputTokens: u.inputTokens + c.inputTokens,
      outputTokens: u.outputTokens + c.outputTokens,
      billedInputTokens: u.billedInputTokens + (c.billedInputTokens ?? c.inputTokens),
    }),
    { inputTokens: 0, outputTokens: 0, billedInputTokens: 0 },
  );
  const ns = run.calls.reduce((s, c) => s + c.timings.promptEvalNs + c.timings.evalNs, 0);
  const loadNs = run.calls.reduce((s, c) => s + c.timings.loadNs, 0);
  const finishedAt = new Date();
  const status = run.infraError ? 'infra-error' : grade?.passed ? 'passed' : 'failed';
  return {
    v: RECORD_VERSION,
    type: 'attempt',
    key: attemptKey(input.system, task.id),
    system: input.system,
    agent: agent.name,
    model: agent.model,
    taskId: task.id,
    suite: suite.name,
    domain: suite.domain,
    bin: task.bin,
    tau: task.tau,
    status,
    passed: status === 'passed',
    stopReason: run.stopReason,
    grade,
    infraError: run.infraError ?? null,
    submission: run.submission,
    usage,
    // The paper prices tokens like an API: cost uses billed-equivalent input tokens.
    costUsd: ((usage.billedInputTokens + usage.outputTokens) * agent.pricePerMTok) / 1e6,
    costEvaluatedUsd: ((usage.inputTokens + usage.outputTokens) * agent.pricePerMTok) / 1e6,
    timings: { gpuSeconds: ns / 1e9, loadSeconds: loadNs / 1e9, wallMs: finishedAt.getTime() - startedAt.getTime() },
    health: {
      truncatedCalls: run.calls.filter((c) => c.truncated).length,
      lengthStops: run.calls.filter((c) => c.finishReason.unified === 'length').length,
      emptyReplies: run.calls.filter((c) => c.empty).length,
      cutToolCalls: run.calls.filter((c) => c.toolCallCut).length,
      promptShrinks: run.calls.filter((c) => c.promptShrank).length,
      contextOverflow: run.stopReason === 'context-overflow',
    },
    calls: run.calls,
    messages: run.messages,
    trace: run.trace,
    simulated: client.provider === 'sim',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
  };
}
