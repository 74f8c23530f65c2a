// The coding suite: Python tasks graded by hidden tests, and multiple-choice questions about code.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SuiteConfig } from '../../config/types.ts';
import { loadPrompt, renderPrompt } from '../../config/prompts.ts';
import type { Task } from '../../tasks/types.ts';
import type { Grade, Suite } from '../types.ts';
import { gradeCoding, normaliseLetter } from './grader.ts';
import { runPythonTool, submitChoiceTool, submitCodeTool } from './tools.ts';

const promptPath = (name: string) => fileURLToPath(new URL(`./prompts/${name}`, import.meta.url));

export function createCodingSuite(name: string, config: SuiteConfig, tasks: Task[]): Suite {
  const system = loadPrompt(promptPath('system.md'));
  const fn = loadPrompt(promptPath('task-function.md'));
  const choice = loadPrompt(promptPath('task-choice.md'));
  const gradeCache = new Map<string, Promise<Grade>>();
  return {
    name,
    domain: 'coding',
    config,
    tasks,
    prompts: [system, fn, choice],
    systemPrompt: () => system.text.trim(),
    userPrompt(task, plan) {
      const p = task.payload;
      if (p.kind === 'multiple_choice') {
        const options = Object.entries(p.options).map(([l, text]) => `${l}. ${text}`).join('\n');
        return renderPrompt(choice, { prompt: task.prompt, options, plan });
      }
      if (p.kind === 'function') return renderPrompt(fn, { entry_point: p.entry_point, prompt: task.prompt, starter: p.starter?.trim(), plan });
      throw new Error(`coding suite: task ${task.id} has a ${p.kind} payload`);
    },
    tools(task, env) {
      if (task.payload.kind === 'multiple_choice') return [runPythonTool(env.sandbox), submitChoiceTool(task)];
      return [runPythonTool(env.sandbox), submitCodeTool()];
    },
    parseFinalText(task, text) {
      if (task.payload.kind !== 'multiple_choice') return null;
      const letter = normaliseLetter(text);
      return letter ? { kind: 'choice', letter } : null;
    },
    grade(task, submission, env) {
      // Identical code on the same task gets the same verdict: grade it once per suite instance
      // (several agents, or a resumed run, often submit the same solution).
      if (submission?.kind !== 'code') return gradeCoding(task, submission, env.sandbox);
      const key = createHash('sha256').update(task.id).update('\0').update(submission.code).digest('hex');
      let grade = gradeCache.get(key);
      if (!grade) {
        grade = gradeCoding(task, submission, env.sandbox);
        gradeCache.set(key, grade);
        // A run that died of a limit (timeout, memory) may have been starved by load: do not reuse it.
        void grade.then((g) => g.reason.startsWith('grading run failed') && gradeCache.delete(key), () => gradeCache.delete(key));
      }
      return grade;
    },
  };
}
