// Write a constructed outcome matrix (a run directory of single-agent records) for router tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptRecord } from '../../src/records/records.ts';
import { MANIFEST_FORMAT, MANIFEST_VERSION, type Manifest } from '../../src/records/run-dir.ts';

export interface SyntheticTask {
  id: string;
  bin: number;
  text: string;
  domain?: 'coding' | 'deepsearch';
  /** agent → passed (and optionally whether it verified its own answer). */
  passed: Record<string, boolean>;
  verified?: Record<string, boolean>;
}

export const AGENTS = [
  { name: '4b', pricePerMTok: 0.05 },
  { name: '8b', pricePerMTok: 0.09 },
  { name: '14b', pricePerMTok: 0.16 },
  { name: '32b', pricePerMTok: 0.36 },
];

export function syntheticRecord(task: SyntheticTask, agent: { name: string; pricePerMTok: number }, tokens = 1000): AttemptRecord {
  const passed = task.passed[agent.name] ?? false;
  const verified = task.verified?.[agent.name] ?? passed;
  return {
    v: 1,
    type: 'attempt',
    key: `agent:${agent.name}|${task.id}`,
    system: `agent:${agent.name}`,
    agent: agent.name,
    model: `qwen3:${agent.name}`,
    taskId: task.id,
    suite: 'synthetic',
    domain: task.domain ?? 'coding',
    bin: task.bin,
    tau: [0.05, 0.3, 1.5, 6, 30][task.bin]!,
    status: passed ? 'passed' : 'failed',
    passed,
    stopReason: 'submitted',
    grade: { passed, score: passed ? 1 : 0, reason: '' },
    infraError: null,
    submission: { kind: 'code', code: 'x' },
    usage: { inputTokens: tokens / 2, outputTokens: tokens / 2 },
    costUsd: (tokens * agent.pricePerMTok) / 1e6,
    timings: { gpuSeconds: 1, loadSeconds: 0, wallMs: 10 },
    health: { truncatedCalls: 0, lengthStops: 0, emptyReplies: 0 },
    calls: [],
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: task.text },
    ],
    trace: [
      {
        turn: 0,
        message: { role: 'tool', content: verified ? 'exit status: ok' : 'exit status: exit 1', toolName: 'run_python' },
        details: { status: verified ? 'ok' : 'exit 1' },
      },
    ],
    simulated: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  };
}

export function writeSyntheticMatrix(tasks: SyntheticTask[], agents = AGENTS): string {
  const dir = mkdtempSync(join(tmpdir(), 'sale-matrix-'));
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    runId: 'synthetic',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    status: 'complete',
    label: 'SIMULATED',
    command: [],
    fingerprint: { config: 'c', dataset: 'd', prompts: {}, models: {}, think: {}, seeds: [0], provider: 'sim' },
    settings: {
      provider: 'sim',
      endpoint: 'x',
      suites: ['synthetic'],
      agents: agents.map((a) => ({ name: a.name, model: `qwen3:${a.name}`, pricePerMTok: a.pricePerMTok, contextLength: 32768, think: {} })),
      bins: [0, 1, 2, 3, 4],
      limit: null,
      seed: 0,
      concurrency: 1,
      taskIds: tasks.map((t) => t.id),
    },
    models: {},
    sandbox: { isolation: 'bwrap', warnings: [] },
    code: { name: 'sale', version: '0', node: process.version },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'records.jsonl'), tasks.flatMap((t) => agents.map((a) => `${JSON.stringify(syntheticRecord(t, a))}\n`)).join(''));
  return dir;
}
