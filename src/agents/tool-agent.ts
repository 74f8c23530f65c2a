// The tool-calling agent loop shared by every suite: ask the model, run the tools it calls, feed the
// results back, stop at a submission or a budget. The suite supplies prompts, tools and the grader.
import { ApiCallError, ModelNotFoundError, SaleError } from '../errors.ts';
import type { ChatMessage, ChatResponse } from '../models/types.ts';
import { PromptLedger, overflows, type CallAccount } from './prompt-accounting.ts';
import type { Agent, AgentContext, AgentRun, CallRecord, Submission, TraceEvent } from './types.ts';

const NUDGE_NO_TOOL =
  'You did not call a tool. Continue working on the task with the tools provided, and hand in your final answer with the tool meant for it when you are done.';
const NUDGE_EMPTY = 'Your reply was empty. Continue with the task using the tools provided.';
/** What the model is told when num_predict cut its tool call (nothing was run). */
export const cutToolCallError = (name: string, numPredict: number) =>
  `Error: your call to ${name ? `'${name}'` : 'a tool'} was cut off at the output limit (${numPredict} tokens) before its arguments were complete, so nothing was run. ` +
  'Make the call again with shorter arguments (for example, less code or text per call).';

/** Cut long tool output, keeping its head and tail. */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = max - head;
  return `${text.slice(0, head)}\n… [${text.length - max} characters cut] …\n${text.slice(text.length - tail)}`;
}

function callRecord(turn: number, r: ChatResponse, account: CallAccount): CallRecord {
  const empty = r.message.content.trim() === '' && !(r.message.toolCalls?.length);
  const record: CallRecord = {
    callType: 'execute',
    turn,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
    timings: r.timings,
    finishReason: r.finishReason,
    truncated: r.truncated,
    wallMs: r.wallMs,
    attempts: r.attempts,
    empty,
    billedInputTokens: account.billedInputTokens,
  };
  if (account.promptShrank) record.promptShrank = true;
  if (r.toolCallCut) record.toolCallCut = true;
  if (r.endpoint) record.endpoint = r.endpoint;
  return record;
}

export async function runToolAgent(ctx: AgentContext): Promise<AgentRun> {
  const { agent, task, client, budgets } = ctx;
  const opts = agent.callTypes.execute;
  const messages: ChatMessage[] = [
    { role: 'system', content: ctx.systemPrompt },
    { role: 'user', content: ctx.userPrompt },
  ];
  const trace: TraceEvent[] = [];
  const calls: CallRecord[] = [];
  const toolsByName = new Map(ctx.tools.map((t) => [t.spec.name, t]));
  const specs = ctx.tools.map((t) => t.spec);
  const ledger = new PromptLedger(specs);
  /** Billed-equivalent tokens spent so far (the token budget counts what an API would bill). */
  let tokens = 0;
  const finish = (submission: Submission | null, stopReason: AgentRun['stopReason'], infraError?: AgentRun['infraError']): AgentRun => ({
    submission,
    stopReason,
    messages,
    trace,
    calls,
    ...(infraError ? { infraError } : {}),
  });

  for (let turn = 0; turn < budgets.maxSteps; turn++) {
    if (tokens >= budgets.maxTokens) return finish(null, 'token-budget');
    // Stop before the engine would silently drop the task statement to make room.
    if (overflows(ledger.estimate(messages), agent.contextLength, opts.num_predict)) return finish(null, 'context-overflow');
    let response: ChatResponse;
    try {
      response = await client.chat({
        model: agent.model,
        messages,
        tools: specs,
        options: {
          temperature: opts.temperature,
          seed: ctx.seed,
          numCtx: agent.contextLength,
          numPredict: opts.num_predict,
          think: opts.think,
          keepAlive: agent.keepAlive,
        },
        meta: { taskId: task.id, agent: agent.name, callType: 'execute', turn, seed: ctx.seed },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    } catch (e) {
      // Keep the fix: a run that stops on this error prints it.
      const fix = SaleError.isInstance(e) && e.fix ? { fix: e.fix } : {};
      if (e instanceof ApiCallError) return finish(null, 'infra-error', { kind: e.kind, message: e.message, ...fix });
      if (e instanceof ModelNotFoundError) return finish(null, 'infra-error', { kind: 'model-not-found', message: e.message, ...fix });
      if (SaleError.isInstance(e)) return finish(null, 'infra-error', { kind: 'unknown', message: e.message, ...fix });
      throw e;
    }
    const account = ledger.record(messages, response.usage.inputTokens, response.usage.outputTokens, response.promptTokens);
    calls.push(callRecord(turn, response, account));
    tokens += account.billedInputTokens + response.usage.outputTokens;
    const reply = response.message;
    messages.push(reply);
    trace.push({ turn, message: reply });
    // The engine dropped part of the conversation: the model may no longer see its task.
    if (account.promptShrank) return finish(null, 'context-overflow');

    const toolCalls = reply.toolCalls ?? [];
    if (toolCalls.length === 0 && response.toolCallCut) {
      // Tool-call text the engine could not parse: tell the model plainly (as a user turn: there is no call to answer).
      const error: ChatMessage = { role: 'user', content: `Tool error: ${cutToolCallError('', opts.num_predict).slice('Error: '.length)}` };
      messages.push(error);
      trace.push({ turn, message: error });
      continue;
    }
    if (toolCalls.length === 0) {
      const final = reply.content.trim() ? ctx.parseFinalText(reply.content) : null;
      if (final) return finish(final, 'final-text');
      const nudge: ChatMessage = { role: 'user', content: reply.content.trim() ? NUDGE_NO_TOOL : NUDGE_EMPTY };
      messages.push(nudge);
      trace.push({ turn, message: nudge });
      continue;
    }
    for (const call of toolCalls) {
      const tool = toolsByName.get(call.name);
      let output: string;
      let details: Record<string, unknown> | undefined;
      let submission: Submission | undefined;
      if (response.toolCallCut && typeof call.arguments._raw === 'string') {
        output = cutToolCallError(call.name, opts.num_predict);
      } else if (!tool) {
        output = `Error: unknown tool '${call.name}'. Available tools: ${[...toolsByName.keys()].join(', ')}.`;
      } else {
        try {
          const result = await tool.run(call.arguments);
          output = result.output;
          details = result.details;
          submission = result.submission;
        } catch (e) {
          output = `Error: ${(e as Error).message}`;
        }
      }
      const toolMessage: ChatMessage = { role: 'tool', content: truncateMiddle(output, ctx.toolOutputChars), toolName: call.name };
      messages.push(toolMessage);
      trace.push({ turn, message: toolMessage, ...(details ? { details } : {}) });
      if (submission) return finish(submission, 'submitted');
    }
  }
  return finish(null, tokens >= budgets.maxTokens ? 'token-budget' : 'step-budget');
}

export const toolAgent: Agent = { run: runToolAgent };
