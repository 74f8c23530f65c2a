// Section `loader`: the task loader and selection at scale. A task file of 150k lines must load (no
// `push(...spread)` on the way, which overflows the call stack), and `--limit 1` on 100k tasks must
// answer in about a second: measured in-process (load, select) and end to end through the CLI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { selectTasks } from '../../src/tasks/select.ts';
import { loadTasks } from '../../src/tasks/load.ts';
import { log, metric, type SectionResult } from './common.ts';

const TAUS = [0.05, 0.3, 1.5, 7, 40];

/** n valid coding tasks, one per line, spread over the five bins. */
export function taskLines(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      JSON.stringify({
        id: `big-${i}`,
        suite: 'coding',
        domain: 'coding',
        prompt: `Return ${i}.`,
        tau: TAUS[i % TAUS.length],
        tau_source: { kind: 'annotated', rationale: 'bench' },
        payload: { kind: 'function', entry_point: 'f', tests: [`assert f() == ${i}`], reference: `def f():\n    return ${i}\n` },
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

export async function loaderSection(): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sale-bench-loader-'));
  try {
    const big = join(dir, 'big-150k.jsonl');
    writeFileSync(big, taskLines(150_000));
    let t = performance.now();
    const cpu = process.cpuUsage();
    const loaded = loadTasks([big]);
    const loadS = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const loadCpuS = (used.user + used.system) / 1e6;
    log(`loader: ${loaded.length} tasks (150k lines) loaded in ${loadS.toFixed(2)} s (${loadCpuS.toFixed(2)} s CPU)`);

    const hundred = join(dir, 'tasks-100k.jsonl');
    writeFileSync(hundred, taskLines(100_000));
    const tasks = loadTasks([hundred]);
    t = performance.now();
    for (let i = 0; i < 10; i++) selectTasks(tasks, { limit: 1 });
    const selectMs = (performance.now() - t) / 10;
    t = performance.now();
    selectTasks(tasks, { limit: 50_000, bins: [0, 2, 4] });
    const selectHalfMs = performance.now() - t;

    // End to end: `sale bench run --limit 1` on the 100k-task file (sim provider, one agent).
    const bin = fileURLToPath(new URL('../../bin/sale.js', import.meta.url));
    const help = await execa('node', [bin, '--version'], { reject: false });
    t = performance.now();
    const r = await execa('node', [bin, 'bench', 'run', '--provider', 'sim', '--agents', '4b', '--limit', '1', '--tasks', hundred, '--out', join(dir, 'run')], {
      reject: false,
      env: { FORCE_COLOR: '0' },
    });
    const cliS = (performance.now() - t) / 1000;
    if (r.exitCode !== 0) log(`loader: the CLI run failed: ${String(r.stderr).split('\n').slice(-3).join(' | ')}`);
    t = performance.now();
    await execa('node', [bin, '--version'], { reject: false });
    const startS = (performance.now() - t) / 1000;
    log(`loader: select --limit 1 of 100k in ${selectMs.toFixed(1)} ms; CLI --limit 1 on 100k tasks ${cliS.toFixed(2)} s (CLI start-up alone ${startS.toFixed(2)} s${help.exitCode ? ', --version failed' : ''})`);
    return {
      metrics: [
        metric('loader', 'load 150k-line task file', loadS, 's', { note: `${Math.round(150_000 / loadS)} lines/s; ${loadCpuS.toFixed(2)} s CPU` }),
        metric('loader', 'select --limit 1 of 100k', selectMs, 'ms'),
        metric('loader', 'select 50k of 100k, 3 bins', selectHalfMs, 'ms'),
        metric('loader', 'CLI run --limit 1 on 100k tasks', cliS, 's', { note: `exit ${r.exitCode}; CLI start-up alone ${startS.toFixed(2)} s` }),
      ],
      details: { tasks150k: loaded.length, tasks100k: tasks.length, cliExit: r.exitCode },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
