// `sale bench regrade RUN [--out DIR]`: grade a finished run's recorded answers and submissions again with
// today's graders, with zero model calls, and write a new run folder: records.jsonl (each attempt with its
// new grade), the usual tables (summary.csv/.md/.json), changed-verdicts.jsonl and .csv (every attempt whose
// pass/fail changed, before and after) and regrade.json (what was regraded from where).
//
// - Deep-search answers go through the rules again, with the opened documents read from the recorded trace.
//   When the run had a judge, its recorded verdict is reused for the same answer (no call is made); the
//   rules decide where no verdict was recorded.
// - Code runs in the sandbox again (the graders' tests, not the models); multiple-choice letters are re-read.
// - Attempts that ended in an infrastructure error have nothing to grade and are copied unchanged.
// - Routers: the record's final submission is regraded; the per-step outcomes inside `route` are left as
//   recorded (they are other records' attempts).
// The input run folder is never written unless --out names it; then the old records.jsonl is kept beside
// the new one as records.before-regrade-<time>.jsonl.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.ts';
import { writeRunTables } from '../../report/tables.ts';
import type { AttemptRecord } from '../../records/records.ts';
import { readManifest, readRecords, writeManifest, RECORDS } from '../../records/run-dir.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { AnswerJudge, JudgeVerdict } from '../../suites/deepsearch/judge.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { configFromFlags } from '../options.ts';
import { gradeSubmission } from './grade-answers.ts';

interface RegradeFlags {
  out?: string;
  tasks?: string;
  config?: string;
}

export interface ChangedVerdict {
  key: string;
  system: string;
  taskId: string;
  before: { passed: boolean; reason: string };
  after: { passed: boolean; reason: string };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
const display = (p: string) => relative(process.cwd(), p) || p;

/** The task files a run used: --tasks, else the run command's own --tasks, else its suites' datasets. */
function taskPaths(run: string, flags: RegradeFlags): string[] {
  if (flags.tasks) return [resolve(flags.tasks)];
  const m = readManifest(run);
  const i = m.command.indexOf('--tasks');
  const fromCommand = i >= 0 ? m.command[i + 1] : m.command.find((a) => a.startsWith('--tasks='))?.slice('--tasks='.length);
  if (fromCommand) {
    if (!existsSync(resolve(fromCommand))) throw new ConfigError([`${display(join(run, 'manifest.json'))}: the run read its tasks from '${fromCommand}', which is not found from here`], { fix: 'pass --tasks PATH (the task file or folder the run used)' });
    return [resolve(fromCommand)];
  }
  const config = configFromFlags(flags);
  return m.settings.suites.flatMap((s) => {
    const sc = config.suites[s];
    if (!sc) throw new ConfigError([`${display(join(run, 'manifest.json'))}: suite '${s}' is not in the configuration`], { fix: 'pass --config DIR or --tasks PATH' });
    return sc.datasets.map((d) => resolve(config.root, d));
  });
}

/** A judge that answers with the verdict recorded for this attempt: zero model calls. */
function replayJudge(v: JudgeVerdict): AnswerJudge {
  return { agent: v.agent, model: v.model, prompt: { name: 'recorded-verdict', path: '', text: '', sha256: '' }, judge: async () => v };
}

export async function regradeRun(runDir: string, flags: RegradeFlags): Promise<{ out: string; records: AttemptRecord[]; changed: ChangedVerdict[] }> {
  const run = resolve(runDir);
  const manifest = readManifest(run);
  const records = readRecords(run);
  const out = resolve(flags.out ?? join(dirname(run), `${basename(run)}_regraded-${stamp()}`));
  if (out !== run && existsSync(out) && readdirSync(out).length > 0) throw new ConfigError([`--out ${display(out)}: the folder exists and is not empty`], { fix: 'choose a new folder (or the run folder itself to regrade in place)' });
  const byId = new Map<string, Task>(loadTasks(taskPaths(run, flags)).map((t) => [t.id, t]));
  const gradable = records.filter((r) => r.status !== 'infra-error');
  const missing = [...new Set(gradable.filter((r) => !byId.has(r.taskId)).map((r) => r.taskId))];
  if (missing.length) {
    throw new ConfigError([`${display(join(run, RECORDS))}: ${missing.length} task(s) of the run are not in the tasks found: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`], { fix: 'pass --tasks PATH (the task file or folder the run used)' });
  }
  let sandbox: Sandbox | undefined;
  if (gradable.some((r) => r.submission?.kind === 'code')) {
    const config = configFromFlags(flags);
    const l = manifest.settings.suites.map((s) => config.suites[s]?.sandbox).find(Boolean);
    sandbox = await createSandbox(l ? { defaults: { timeoutMs: l.timeout_ms, cpuSeconds: l.cpu_seconds, memoryMb: l.memory_mb, maxProcesses: l.max_processes, maxOutputBytes: l.max_output_bytes } } : {});
    for (const w of sandbox.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${w}\n`);
  }
  const changed: ChangedVerdict[] = [];
  const regraded: AttemptRecord[] = [];
  for (const r of records) {
    if (r.status === 'infra-error') {
      regraded.push(r);
      continue;
    }
    const recorded = r.grade?.details?.judge as JudgeVerdict | undefined;
    const judge = recorded && recorded.match !== null && recorded.match !== undefined ? replayJudge(recorded) : undefined;
    const grade = await gradeSubmission(byId.get(r.taskId)!, r.submission, { ...(sandbox ? { sandbox } : {}), ...(judge ? { judge } : {}), trace: r.trace });
    regraded.push({ ...r, grade, passed: grade.passed, status: grade.passed ? 'passed' : 'failed' });
    if (grade.passed !== r.passed) {
      changed.push({ key: r.key, system: r.system, taskId: r.taskId, before: { passed: r.passed, reason: r.grade?.reason ?? '' }, after: { passed: grade.passed, reason: grade.reason } });
    }
  }
  mkdirSync(out, { recursive: true });
  const now = new Date().toISOString();
  if (out === run) copyFileSync(join(run, RECORDS), join(run, `records.before-regrade-${stamp()}.jsonl`));
  const tmp = join(out, `${RECORDS}.tmp`);
  writeFileSync(tmp, regraded.map((r) => `${JSON.stringify(r)}\n`).join(''));
  renameSync(tmp, join(out, RECORDS));
  writeManifest(out, { ...manifest, ...(out === run ? {} : { runId: `${manifest.runId}-regraded`, createdAt: now }), updatedAt: now, command: process.argv.slice(2) });
  writeFileSync(join(out, 'changed-verdicts.jsonl'), changed.map((c) => `${JSON.stringify(c)}\n`).join(''));
  const csv = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    join(out, 'changed-verdicts.csv'),
    ['key,system,task,before,after,before_reason,after_reason', ...changed.map((c) => [c.key, c.system, c.taskId, c.before.passed ? 'pass' : 'fail', c.after.passed ? 'pass' : 'fail', c.before.reason, c.after.reason].map(csv).join(','))].join('\n') + '\n',
  );
  writeFileSync(join(out, 'regrade.json'), `${JSON.stringify({ from: run, runId: manifest.runId, regradedAt: now, records: records.length, regraded: gradable.length, changed: changed.length, modelCalls: 0 }, null, 2)}\n`);
  writeRunTables(out);
  return { out, records: regraded, changed };
}

export function registerBenchRegrade(bench: Command): void {
  bench
    .command('regrade <run>')
    .description("grade a finished run's recorded answers and submissions again with today's graders (zero model calls): new tables and the verdicts that changed")
    .option('--out <dir>', 'folder to write (default: <run>_regraded-<time> beside the run; the run folder itself only when named here)')
    .option('--tasks <path>', 'task file or folder of the run (default: the run command\'s --tasks, else its suites\' datasets)')
    .option('--config <dir>', 'configuration folder (default: the bundled configs/)')
    .addHelpText('after', '\nExamples:\n  $ sale bench regrade results/20261129-120000Z_deepsearch_ollama\n  $ sale bench regrade results/run1 --out results/run1-regraded --tasks datasets/imported/hotpotqa/tasks')
    .action(async (run: string, flags: RegradeFlags) => {
      const r = await regradeRun(run, flags);
      const gained = r.changed.filter((c) => c.after.passed).length;
      process.stdout.write(`regraded ${r.records.filter((x) => x.status !== 'infra-error').length} attempts of ${display(resolve(run))} with zero model calls\n`);
      process.stdout.write(`${r.changed.length} verdict(s) changed: ${gained} fail → pass, ${r.changed.length - gained} pass → fail\n`);
      for (const c of r.changed.slice(0, 20)) process.stdout.write(`  ${c.system}  ${c.taskId}  ${c.before.passed ? 'pass' : 'fail'} → ${c.after.passed ? 'pass' : 'fail'}  ${c.after.reason}\n`);
      if (r.changed.length > 20) process.stdout.write(`  … ${r.changed.length - 20} more in changed-verdicts.csv\n`);
      process.stdout.write(`written to ${display(r.out)}: records.jsonl, summary.csv, summary.md, changed-verdicts.csv, changed-verdicts.jsonl, regrade.json\n`);
    });
}
