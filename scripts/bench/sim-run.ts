// Section `sim-run`: a full simulated `bench run` in-process (sim provider, real Python sandbox).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { createModelClient } from '../../src/models/registry.ts';
import { runBench } from '../../src/runner/run-bench.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { createSuites, sandboxLimitsOf } from '../../src/suites/index.ts';
import { log, metric, type BenchOptions, type SectionResult } from './common.ts';

export async function simRunSection(options: BenchOptions): Promise<SectionResult> {
  const config = loadConfig();
  const suites = createSuites(['coding'], config);
  const tasks = suites.flatMap((s) => s.tasks);
  const client = createModelClient('sim', { config, tasks });
  const limits = sandboxLimitsOf(suites);
  const sandbox = await createSandbox(limits ? { defaults: limits } : {});
  const dir = join(mkdtempSync(join(tmpdir(), 'sale-bench-')), 'run');
  const concurrency = 8;
  try {
    const started = performance.now();
    const result = await runBench({
      suites,
      agents: config.agents,
      client,
      sandbox,
      dir,
      resume: false,
      limit: options.simLimit,
      concurrency,
      seed: 0,
      command: ['npm', 'run', 'bench'],
      fingerprintExtra: { sim: config.sim },
    });
    const seconds = (performance.now() - started) / 1000;
    const attempts = result.records.length;
    const calls = result.records.reduce((s, r) => s + r.calls.length, 0);
    const passed = result.records.filter((r) => r.passed).length;
    const infra = result.records.filter((r) => r.status === 'infra-error').length;
    log(`sim-run: ${attempts} attempts (${calls} model calls, ${passed} passed, ${infra} infra errors) in ${seconds.toFixed(1)} s, isolation ${sandbox.isolation}`);
    // A run whose attempts fail on infrastructure finishes fast and means nothing: say so loudly.
    if (infra > 0) log(`sim-run: WARNING ${infra} attempts ended in infra-error; the rate is not comparable`);
    const note = `${config.agents.length} agents, concurrency ${concurrency}, sandbox ${sandbox.isolation}`;
    return {
      metrics: [
        metric('sim-run', 'attempts', attempts, 'attempts', { note: `${passed} passed, ${infra} infra errors` }),
        metric('sim-run', 'wall time', seconds, 's'),
        metric('sim-run', 'attempts/s', attempts / seconds, 'attempts/s', { note }),
        metric('sim-run', 'model calls/s', calls / seconds, 'calls/s'),
      ],
      details: {
        agents: config.agents.map((a) => a.name),
        tasks: result.manifest.settings.taskIds.length,
        concurrency,
        isolation: sandbox.isolation,
        sandboxWarnings: sandbox.warnings,
        python: sandbox.python,
        attempts,
        modelCalls: calls,
        passed,
        infraErrors: infra,
        seconds,
      },
    };
  } finally {
    rmSync(resolve(dir, '..'), { recursive: true, force: true });
  }
}
