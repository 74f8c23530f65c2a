// How a suite's tasks are played by the SIMULATED agents when the sim client itself does not know the
// suite (src/models/ knows no suite): the suite supplies a protocol (e.g. src/suites/deepsearch/
// sim-protocol.ts) and the caller hands it to the client (createModelClient's `simProtocols`).
import type { Task } from '../../tasks/types.ts';
import type { ChatMessage, ChatRequest } from '../types.ts';

export interface SimStep {
  message: ChatMessage;
  /** Share of the trace's synthetic output tokens spent on this turn. */
  outputShare: number;
}

export interface SimSuiteProtocol {
  /** The task payload kind it plays (Task['payload']['kind']). */
  kind: string;
  /** The next assistant turn of an agent on the task; `solves` says whether this attempt succeeds. */
  step(request: ChatRequest, task: Task, solves: boolean, key: string): SimStep;
  /** The reply to a judge call about the task, if the suite has a judge. */
  judge?(request: ChatRequest, task: Task): SimStep;
}
