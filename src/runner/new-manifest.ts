// The manifest of a new run: fingerprint, settings, models, sandbox, code version and the flags to resume it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/load.ts';
import { GENERATED_TEST_MODEL_LABEL, isGeneratedTestModel } from '../records/label.ts';
import type { ModelInfo } from '../models/types.ts';
import type { Task } from '../tasks/types.ts';
import type { AgentConfig } from '../config/types.ts';
import type { ModelClient } from '../models/types.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { Suite } from '../suites/types.ts';
import { type Manifest, MANIFEST_FORMAT, MANIFEST_VERSION } from '../records/run-dir.ts';

const packageVersion = () => (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The parts of a run's options a new manifest records (run-bench.ts's BenchRunOptions fits). */
export interface ManifestOptions {
  client: ModelClient;
  dir: string;
  suites: Suite[];
  agents: AgentConfig[];
  sandbox: Sandbox;
  command: string[];
  flags?: Record<string, string | boolean>;
  bins?: number[];
  limit?: number | null;
  seed: number;
  concurrency: number;
}

export function newManifest(input: { options: ManifestOptions; models: Record<string, ModelInfo>; fingerprint: Manifest['fingerprint']; tasks: Task[]; now: string }): Manifest {
  const { options, models, fingerprint, tasks, now } = input;
  const { client, dir, suites, agents, sandbox } = options;
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    runId: dir.split('/').filter(Boolean).pop() ?? 'run',
    createdAt: now,
    updatedAt: now,
    status: 'running',
    label: client.provider === 'sim' ? 'SIMULATED' : Object.values(models).some(isGeneratedTestModel) ? GENERATED_TEST_MODEL_LABEL : null,
    command: options.command,
    ...(options.flags ? { flags: options.flags } : {}),
    fingerprint,
    settings: {
      provider: client.provider,
      endpoint: client.endpoint,
      suites: suites.map((s) => s.name),
      agents: agents.map((a) => ({
        name: a.name,
        model: a.model,
        pricePerMTok: a.pricePerMTok,
        contextLength: a.contextLength,
        think: Object.fromEntries(Object.entries(a.callTypes).map(([t, o]) => [t, o.think])),
      })),
      bins: options.bins ?? [0, 1, 2, 3, 4],
      limit: options.limit ?? null,
      seed: options.seed,
      concurrency: options.concurrency,
      taskIds: tasks.map((t) => t.id),
    },
    models: Object.fromEntries(
      Object.entries(models).map(([k, m]) => [
        k,
        { ...(m.digest ? { digest: m.digest } : {}), ...(m.contextLength ? { contextLength: m.contextLength } : {}), ...(m.capabilities ? { capabilities: m.capabilities } : {}) },
      ]),
    ),
    sandbox: { isolation: sandbox.isolation, warnings: sandbox.warnings, ...(sandbox.unsafe ? { unsafe: true } : {}) },
    code: { name: 'sale', version: packageVersion(), node: process.version },
  };
}
