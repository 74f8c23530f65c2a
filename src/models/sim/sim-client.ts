// The `sim` provider: a deterministic, seeded stand-in for the Qwen3 agents, calibrated to the paper.
// It plays the agent protocol for real (tool calls through the real agent loop, sandbox and grader);
// whether it plays a correct or a wrong answer is decided by SimCalibration. EVERYTHING IT PRODUCES
// IS SIMULATED: it is a test double for the harness, never evidence about a model.
import { createHash } from 'node:crypto';
import type { SimFile } from '../../config/types.ts';
import type { Task } from '../../tasks/types.ts';
import type { ChatMessage, ChatRequest, ChatResponse, ModelClient, ModelInfo, ToolCall } from '../types.ts';
import { DEFAULT_AUCTION_SIM, TAG, isAuctionCall, lineage, simAuctionStep, type AuctionSimSettings, type AuctionStep } from './auction-protocol.ts';
import { SimCalibration } from './calibration.ts';
import type { SimSuiteProtocol } from './protocol.ts';
import { PlanLengths, traceLogSteps } from './plan-length.ts';
import { hashUniform } from './random.ts';
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

/**
 * Agent steps of one simulated execution trace: steps_base · τ^steps_exponent with lognormal noise (mean
 * preserved), at least 1; the same law for every size (the paper: larger agents do not use fewer tokens).
 */
export function traceSteps(tok: SimFile['tokens'], task: Pick<Task, 'id' | 'tau'>, agent: string, seed: number): number {
  return Math.max(1, Math.round(Math.exp(traceLogSteps(tok, task.tau, agent, task.id, seed))));
}

/**
 * Engine counters of virtual agent steps [from, to) of a trace. Each step is one engine call that re-sends
 * the conversation: step i reads the real prompt plus i earlier steps' output and observations, and writes
 * `out` tokens. Returns summed input and output tokens.
 */
export function stepCounters(prompt: number, from: number, to: number, out: number, observation: number): { input: number; output: number } {
  const n = Math.max(0, to - from);
  const sumIdx = (n * (from + to - 1)) / 2;
  return { input: Math.round(n * prompt + (out + observation) * sumIdx), output: n * out };
}

/** The memory lift a plan in the prompt carries, when the executing agent wrote it (its lineage matches). */
function planLift(request: ChatRequest, taskId: string): number {
  const { agent, seed } = request.meta;
  for (const m of request.messages) {
    const tag = TAG.exec(m.content);
    if (tag?.[3] && tag[2] === lineage(seed, agent, taskId)) return Number(tag[3]);
  }
  return 0;
}

export function createSimClient(settings: SimClientSettings, prebuilt?: SimCalibration): SimClient {
  // Calibrated over the loaded tasks' real τ (per-bin offsets, ρ from the oracle target): calibration.ts.
  const calibration = prebuilt ?? new SimCalibration(settings.calibration, [...settings.tasks.values()]);
  const tok = settings.calibration.tokens;
  // Plan lengths follow their author's trace length with the paper's rank correlation (plan-length.ts).
  const planLengths = new PlanLengths(settings.calibration, [...settings.tasks.values()]);

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
    // An execution following the agent's own refined plan succeeds with the memory-lifted probability.
    const solves = calibration.solves(task.domain, agent, task.id, task.tau, seed, planLift(request, task.id));
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
      return createSimClient({ ...settings, auction }, calibration);
    },
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const task = settings.tasks.get(request.meta.taskId);
      if (!task) throw new Error(`sim: unknown task '${request.meta.taskId}'`);
      // SALE's bids, jury scores and refinements (auction-protocol.ts); the execute protocol below is unchanged.
      if (isAuctionCall(request)) return auctionResponse(request, simAuctionStep(request, task, calibration, settings.auction ?? DEFAULT_AUCTION_SIM, planLengths));
      const { message, outputShare } = act(request, task);
      const { agent, seed, turn } = request.meta;
      const realPrompt = simPromptTokens(request.messages);
      let inputTokens = realPrompt;
      let outputTokens: number;
      const jitter = 0.85 + 0.3 * hashUniform('turn', seed, agent, task.id, turn);
      if (request.meta.callType === 'execute') {
        // A real sim turn stands for virtual agent steps: turn j is step j, and the final turn (submit,
        // answer, or no tool call) carries every remaining step of the trace, so that a trace has
        // traceSteps(τ) steps whatever the protocol's real turn count (configs/sim.yaml, tokens).
        const steps = traceSteps(tok, task, agent, seed);
        const final = !message.toolCalls?.length || message.toolCalls.some((c) => c.name === 'submit' || c.name === 'answer');
        const to = final ? Math.max(turn + 1, steps) : turn + 1;
        const out = Math.max(1, Math.min(request.options.numPredict, Math.round(tok.step_output * jitter)));
        const c = stepCounters(realPrompt, turn, to, out, tok.step_observation[task.domain as 'coding' | 'deepsearch'] ?? 0);
        inputTokens = c.input;
        outputTokens = c.output;
      } else {
        outputTokens = Math.max(1, Math.min(request.options.numPredict, Math.round(tok.step_output * outputShare * jitter)));
      }
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
        // Truncation is judged on the real prompt: the virtual steps' context stays under num_ctx by calibration.
        truncated: realPrompt >= request.options.numCtx - 1,
        // The full prompts of the virtual steps this call stands for: what an API would bill.
        promptTokens: inputTokens,
        wallMs: 0,
        attempts: 1,
        simulated: true,
      };
    },
  };
}
