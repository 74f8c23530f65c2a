import type { SuiteConfig } from '../../src/config/types.ts';
import type { Suite } from '../../src/suites/types.ts';
import type { Task } from '../../src/tasks/types.ts';

/** Multiple-choice questions answered in plain text ("B"), no tools, graded by the letter. */
export function createLetterSuite(name: string, config: SuiteConfig, tasks: Task[]): Suite {
  return {
    name,
    domain: 'coding',
    config,
    tasks,
    prompts: [],
    systemPrompt: () => 'Answer with the letter of the correct option only.',
    userPrompt: (task, plan) => `${task.prompt}${plan ? `\n\nPlan:\n${plan}` : ''}`,
    tools: () => [],
    parseFinalText: (_task, text) => {
      const letter = /\b([A-E])\b/.exec(text)?.[1];
      return letter ? { kind: 'choice', letter } : null;
    },
    async grade(task, submission) {
      const answer = task.payload.kind === 'multiple_choice' ? task.payload.answer : '';
      const got = submission?.kind === 'choice' ? submission.letter : '—';
      return { passed: got === answer, score: got === answer ? 1 : 0, reason: `answered ${got}, correct ${answer}` };
    },
  };
}
// Then a factory entry in src/suites/index.ts and the suite in configs/suites.yaml (kind, datasets, budgets).
