import type { Tool } from '../../agents/types.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { Task } from '../../tasks/types.ts';

const str = (args: Record<string, unknown>, key: string): string => {
  const v = args[key];
  if (typeof v !== 'string') throw new Error(`argument '${key}' must be a string`);
  return v;
};

export function runPythonTool(sandbox: Sandbox): Tool {
  return {
    spec: {
      name: 'run_python',
      description: 'Run a Python 3 program in a fresh sandbox and return its stdout, stderr and exit status.',
      parameters: { type: 'object', properties: { code: { type: 'string', description: 'The complete Python program to run.' } }, required: ['code'] },
    },
    async run(args) {
      const r = await sandbox.runPython({ code: str(args, 'code') });
      const output = [
        `exit status: ${r.status}`,
        r.stdout ? `stdout:\n${r.stdout}` : 'stdout: (empty)',
        r.stderr ? `stderr:\n${r.stderr}` : '',
        r.outputTruncated ? '(output cut at the sandbox limit)' : '',
      ]
        .filter(Boolean)
        .join('\n');
      return { output, details: { status: r.status, exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs } };
    },
  };
}

export function submitCodeTool(): Tool {
  return {
    spec: {
      name: 'submit',
      description: 'Submit the final solution: complete Python code defining the requested function. Ends the task.',
      parameters: { type: 'object', properties: { code: { type: 'string', description: 'The complete solution code.' } }, required: ['code'] },
    },
    async run(args) {
      const code = str(args, 'code');
      return { output: 'Submitted.', submission: { kind: 'code', code } };
    },
  };
}

export function submitChoiceTool(task: Task): Tool {
  const letters = task.payload.kind === 'multiple_choice' ? Object.keys(task.payload.options) : [];
  return {
    spec: {
      name: 'submit',
      description: 'Submit the letter of the correct option. Ends the task.',
      parameters: { type: 'object', properties: { answer: { type: 'string', description: 'One option letter.', enum: letters } }, required: ['answer'] },
    },
    async run(args) {
      const letter = str(args, 'answer').trim().toUpperCase();
      if (!letters.includes(letter)) return { output: `Error: '${letter}' is not an option; choose one of ${letters.join(', ')}.` };
      return { output: 'Submitted.', submission: { kind: 'choice', letter } };
    },
  };
}
