// The `sim` provider: a deterministic, seeded stand-in for the Qwen3 agents, calibrated to the paper.
// It plays the agent protocol for real (tool calls through the real agent loop, sandbox and grader);
// whether it plays a correct or a wrong answer is decided by SimCalibration. EVERYTHING IT PRODUCES
// IS SIMULATED: it is a test double for the harness, never evidence about a model.
import { createHash } from 'node:crypto';
import type { SimFile } from '../../config/types.ts';
import type { Task } from '../../tasks/types.ts';
import type { ChatMessage, ChatRequest, ChatResponse, ModelClient, ModelInfo, ToolCall } from '../types.ts';
import { DEFAULT_AUCTION_SIM, isAuctionCall, simAuctionStep, type AuctionSimSettings, type AuctionStep } from './auction-protocol.ts';
import { SimCalibration } from './calibration.ts';
import type { SimSuiteProtocol } from './protocol.ts';
import { hashNormal, hashUniform } from './random.ts';
import { wrongAnswerFor, wrongCodeFor } from './wrong-answers.ts';

export interface SimClientSettings {
  calibration: SimFile;
  /** Tasks the simulated agents may be asked about, by id. */
  tasks: ReadonlyMap<string, Task>;
  /** How SALE's bids, jury scores and refinements are simulated (auction-protocol.ts); defaults when absent. */
  auction?: AuctionSimSettings;
  /** How the suites the client does not know itself are played (by payload kind), e.g. deep search. */
  protocols?: SimSuiteProtocol[];
}

/** A sim client whose auction calls (SALE) follow other settings; everything else is the same. */
export type SimClient = ModelClient & { calibration: SimCalibration; withAuction(auction: AuctionSimSettings): SimClient };

export const isSimClient = (c: ModelClient): c is SimClient => c.provider === 'sim' && typeof (c as Partial<SimClient>).withAuction === 'function';

export const SIM_LABEL = 'SIMULATED';

/** Count "tokens" of a simulated prompt: the simulated engine's own counter, ≈ 4 characters a token. */
export function simPromptTokens(messages: ChatMessage[]): number {
  const chars = messages.reduce((n, m) => n + m.content.length + (m.thinking?.length ?? 0) + JSON.stringify(m.toolCalls ?? []).length, 0);
  return Math.ceil(chars / 4) + 4 * messages.length;
}

export function createSimClient(settings: SimClientSettings): SimClient {
  const calibration = new SimCalibration(settings.calibration);
  const tok = settings.calibration.tokens;

  /** Synthetic output tokens of one whole trace: grows with τ, similar across sizes. */
  const traceOutputTokens = (task: Task, agent: string, seed: number) =>
    Math.max(
      16,
      Math.round(tok.output_base * task.tau ** tok.output_exponent * Math.exp(tok.output_sigma * hashNormal('tokens', seed, agent, task.id))),
    );

  /** The engine reply to an auction call: synthetic counters and timings like every other call. */
  function auctionResponse(request: ChatRequest, step: AuctionStep): ChatResponse {
    const inputTokens = simPromptTokens(request.messages);
    const outputTokens = Math.max(1, Math.min(request.options.numPredict, step.outputTokens));
    const promptEvalNs = Math.round((inputTokens / tok.prefill_tok_per_s) * 1e9);
    const evalNs = Math.round((outputTokens / (tok.decode_tok_per_s[request.meta.agent] ?? 50)) * 1e9);
    const length = step.outputTokens >= request.options.numPredict;
    return {
      message: { role: 'assistant', content: step.content },
      usage: { inputTokens, outputTokens },
      timings: { totalNs: promptEvalNs + evalNs, loadNs: 0, promptEvalNs, evalNs },
      finishReason: length ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
      ...(step.logprobs ? { logprobs: step.logprobs.slice(0, outputTokens), logprobsTopK: step.logprobsTopK } : {}),
      truncated: inputTokens >= request.options.numCtx - 1,
      promptTokens: inputTokens,
      wallMs: 0,
      attempts: 1,
      simulated: true,
    };
  }

  function act(request: ChatRequest, task: Task): { message: ChatMessage; outputShare: number } {
    const { agent, seed } = request.meta;
    const solves = calibration.solves(task.domain, agent, task.id, task.tau, seed);
    const payload = task.payload;
    const toolNames = new Set((request.tools ?? []).map((t) => t.name));
    const toolResults = request.messages.filter((m) => m.role === 'tool').length;
    const call = (name: string, args: Record<string, unknown>): ToolCall => ({ id: `call_sim_${toolResults}`, name, arguments: args });

    if (payload.kind === 'multiple_choice') {
      const letter = solves ? payload.answer : wrongAnswerFor(payload, `${seed}/${agent}/${task.id}`);
      if (toolNames.has('submit')) return { message: { role: 'assistant', content: '', toolCalls: [call('submit', { answer: letter })] }, outputShare: 1 };
      return { message: { role: 'assistant', content: `The answer is ${letter}.` }, outputShare: 1 };
    }
    if (payload.kind === 'function') {
      const code = solves ? payload.reference : wrongCodeFor(payload);
      // Harder tasks are tried once in the shell before submitting (bins ≥ ≤2.5), as careful agents do.
      if (task.bin >= 2 && toolResults === 0 && toolNames.has('run_python')) {
        const smoke = `${code}\n\nprint(${JSON.stringify(`${payload.entry_point} defined`)})\n`;
        return { message: { role: 'assistant', content: '', toolCalls: [call('run_python', { code: smoke })] }, outputShare: 0.6 };
      }
      return { message: { role: 'assistant', content: '', toolCalls: [call('submit', { code })] }, outputShare: toolResults ? 0.4 : 1 };
    }
    // Other payloads (deep search: search, open, answer; judge calls get a JSON verdict) are played by
    // their suite's protocol (src/suites/deepsearch/sim-protocol.ts).
    const protocol = settings.protocols?.find((p) => p.kind === payload.kind);
    if (!protocol) throw new Error(`sim provider: no simulation protocol for ${payload.kind} tasks (pass the suite's simProtocols to createModelClient)`);
    if (request.meta.callType === 'judge') {
      if (!protocol.judge) throw new Error(`sim provider: the ${payload.kind} protocol has no judge`);
      return protocol.judge(request, task);
    }
    return protocol.step(request, task, solves, `${seed}/${agent}/${task.id}`);
  }

  return {
    provider: 'sim',
    endpoint: 'in-process (SIMULATED)',
    calibration,
    async ping() {
      return { version: `sim (${SIM_LABEL})` };
    },
    async describe(model: string): Promise<ModelInfo> {
      return {
        model,
        present: true,
        digest: `sim-${createHash('sha256').update(JSON.stringify(settings.calibration)).update(model).digest('hex').slice(0, 12)}`,
        capabilities: ['completion', 'tools', 'thinking'],
        parameterSize: SIM_LABEL,
      };
    },
    withAuction(auction: AuctionSimSettings): SimClient {
      return createSimClient({ ...settings, auction });
    },
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const task = settings.tasks.get(request.meta.taskId);
      if (!task) throw new Error(`sim: unknown task '${request.meta.taskId}'`);
      // SALE's bids, jury scores and refinements (auction-protocol.ts); the execute protocol below is unchanged.
      if (isAuctionCall(request)) return auctionResponse(request, simAuctionStep(request, task, calibration, settings.auction ?? DEFAULT_AUCTION_SIM));
      const { message, outputShare } = act(request, task);
      const { agent, seed, turn } = request.meta;
      const inputTokens = simPromptTokens(request.messages);
      const jitter = 0.85 + 0.3 * hashUniform('turn', seed, agent, task.id, turn);
      const outputTokens = Math.max(1, Math.min(request.options.numPredict, Math.round(traceOutputTokens(task, agent, seed) * outputShare * jitter)));
      const decode = tok.decode_tok_per_s[agent] ?? 50;
      // No model swaps are simulated: the load time stays 0 so that resumed runs match uninterrupted ones.
      const loadNs = 0;
      const promptEvalNs = Math.round((inputTokens / tok.prefill_tok_per_s) * 1e9);
      const evalNs = Math.round((outputTokens / decode) * 1e9);
      const toolCalls = message.toolCalls?.length ?? 0;
      return {
        message,
        usage: { inputTokens, outputTokens },
        timings: { totalNs: loadNs + promptEvalNs + evalNs, loadNs, promptEvalNs, evalNs },
        finishReason: toolCalls ? { unified: 'tool-calls', raw: 'stop' } : { unified: 'stop', raw: 'stop' },
        truncated: inputTokens >= request.options.numCtx - 1,
      promptTokens: inputTokens,
        wallMs: 0,
        attempts: 1,
        simulated: true,
      };
    },
  };
}
