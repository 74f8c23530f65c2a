// `sale grade TASKS ANSWERS [--judge AGENT] [--json]`: grade answers without running an agent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.ts';
import { autoProvider, createModelClient, parseProvider } from '../../models/registry.ts';
import { createSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { AnswerJudge } from '../../suites/deepsearch/judge.ts';
import { loadTasks } from '../../tasks/load.ts';
import type { Task } from '../../tasks/types.ts';
import { judgeFromFlag } from '../../suites/deepsearch/judge-setup.ts';
import { configFromFlags } from '../options.ts';
import { formatVerdict, gradeAnswers, parseAnswers } from './grade-answers.ts';
import { simProtocolsFor } from '../../suites/index.ts';

interface GradeFlags {
  judge?: string;
  json?: boolean;
  provider?: string;
  host?: string;
  config?: string;
}

function readAnswers(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: cannot read the answers file${code === 'ENOENT' ? ': no such file' : ` (${(e as Error).message})`}`], { fix: 'check the path' });
  }
}

export function registerGrade(program: Command): void {
  program
    .command('grade <tasks> <answers>')
    .description('grade answers without running an agent: one verdict per answers line, in input order, with the rule or tests behind it')
    .option('--judge <agent>', 'deep search: an agent from agents.yaml judges each answer; its verdict decides (the rules decide when it gives none)')
    .option('--provider <name>', 'with --judge: ollama | llamacpp | sim (default: ollama if it answers)')
    .option('--host <url>', 'with --judge: Ollama host')
    .option('--config <dir>', 'configuration folder (default: the bundled configs/)')
    .option('--json', 'write one JSON object per answers line: {"line", "id", "passed", "score", "reason", "rule"?, "tests"?}')
    .addHelpText(
      'after',
      `
ANSWERS is JSON Lines: {"id": "<task id>", "answer": "<text>"} for deep-search and multiple-choice tasks,
{"id": "<task id>", "code": "<python>"} for function tasks. Ids may repeat.

Examples:
  $ sale grade datasets/deepsearch/tasks answers.jsonl
  $ sale grade datasets/imported/humaneval.jsonl solutions.jsonl --json > verdicts.jsonl
  $ sale grade datasets/imported/hotpotqa/tasks answers.jsonl --judge 32b`,
    )
    .action(async (tasksPath: string, answersPath: string, flags: GradeFlags) => {
      const tasks = loadTasks([resolve(tasksPath)]);
      const byId = new Map<string, Task>(tasks.map((t) => [t.id, t]));
      const file = resolve(answersPath);
      const lines = parseAnswers(readAnswers(file), file, byId);
      let judge: AnswerJudge | undefined;
      if (flags.judge) {
        if (!lines.some((l) => byId.get(l.id)!.domain === 'deepsearch')) throw new ConfigError(['--judge: only deep-search answers are judged, and the answers file has none']);
        const config = configFromFlags(flags);
        const provider = flags.provider ? parseProvider(flags.provider) : await autoProvider(config);
        if (provider === 'sim') process.stderr.write(chalk.yellow('SIMULATED: the sim provider stands in for the judge; its verdicts are not evidence.\n'));
        const client = createModelClient(provider, { config, tasks, simProtocols: simProtocolsFor(tasks) });
        judge = (await judgeFromFlag(flags.judge, config, client)).judge;
      }
      let sandbox: Sandbox | undefined;
      if (lines.some((l) => l.submission.kind === 'code')) {
        sandbox = await createSandbox();
        for (const w of sandbox.warnings) process.stderr.write(`${chalk.yellow('warning:')} ${w}\n`);
      }
      const verdicts = await gradeAnswers(lines, byId, { ...(sandbox ? { sandbox } : {}), ...(judge ? { judge } : {}) });
      if (flags.json) {
        for (const v of verdicts) process.stdout.write(`${JSON.stringify(v)}\n`);
        return;
      }
      for (const v of verdicts) process.stdout.write(`${formatVerdict(answersPath, v)}\n`);
      process.stdout.write(`${verdicts.filter((v) => v.passed).length}/${verdicts.length} passed\n`);
    });
}
