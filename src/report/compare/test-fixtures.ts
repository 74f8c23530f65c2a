// Constructed records and runs for the compare/check unit tests (not a test file itself).
import type { AttemptRecord } from '../../records/records.ts';
import type { Manifest } from '../../records/run-dir.ts';
import type { LoadedRun } from './load.ts';

export const AGENTS = [
  { name: '4b', model: 'qwen3:4b', pricePerMTok: 0.05, contextLength: 32768, think: {} },
  { name: '8b', model: 'qwen3:8b', pricePerMTok: 0.09, contextLength: 32768, think: {} },
  { name: '32b', model: 'qwen3:32b', pricePerMTok: 0.36, contextLength: 32768, think: {} },
];

export function rec(over: Partial<AttemptRecord> & { system: string; taskId: string }): AttemptRecord {
  const agent = over.agent ?? over.system.replace(/^agent:/, '');
  const status = over.status ?? (over.passed ? 'passed' : 'failed');
  return {
    v: 1,
    type: 'attempt',
    key: `${over.system}|${over.taskId}`,
    agent,
    model: `qwen3:${agent}`,
    suite: 'coding',
    domain: 'coding',
    bin: 0,
    tau: 0.1,
    status,
    passed: false,
    stopReason: 'submitted',
    grade: null,
    infraError: null,
    submission: null,
    usage: { inputTokens: 100, outputTokens: 50 },
    costUsd: 1,
    timings: { gpuSeconds: 0, loadSeconds: 0, wallMs: 0 },
    health: { truncatedCalls: 0, lengthStops: 0, emptyReplies: 0 },
    calls: [],
    messages: [],
    trace: [],
    simulated: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  } as AttemptRecord;
}

export function run(runId: string, records: AttemptRecord[], fingerprint: Partial<Manifest['fingerprint']> = {}): LoadedRun {
  const manifest = {
    format: 'sale-run',
    version: 1,
    runId,
    createdAt: '',
    updatedAt: '',
    status: 'complete',
    label: 'SIMULATED',
    command: [],
    fingerprint: { config: 'c', dataset: 'd', prompts: { 'coding/system.md': 'p' }, models: { '4b': 'm4' }, think: {}, seeds: [0], provider: 'sim', ...fingerprint },
    settings: { provider: 'sim', endpoint: '', suites: ['coding'], agents: AGENTS, bins: [], limit: null, seed: 0, concurrency: 1, taskIds: [] },
    models: {},
    sandbox: { isolation: 'rlimit', warnings: [] },
    code: { name: 'sale', version: '0.0.0-test', node: 'v20' },
  } as unknown as Manifest;
  return { dir: `/runs/${runId}`, manifest, records };
}
