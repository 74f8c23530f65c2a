/**
 * HumanEval → TaskRecord.
 *
 * Input: JSON Lines of {task_id: "HumanEval/<n>", prompt, canonical_solution, test, entry_point}.
 * `prompt` is the code to complete (imports, signature, docstring); `prompt + canonical_solution`
 * is a working program; `test` defines `check(candidate)` (sometimes also a METADATA dict) and is
 * run as `check(<entry_point>)`.
 *
 * Official semantics: the tests run on `prompt + completion`, so whatever the prompt defines besides the
 * entry point (imports, helpers such as HumanEval/32's `poly`, /38's `encode_cyclic`, /50's
 * `encode_shift`) is available to a correct completion and to `check`. Our agents write the whole
 * function, so the prompt is run after the solution, in the solution's own module in the sandbox
 * (solution_setup) and in the trusted harness beside the tests (test_setup), see `promptSetup`: each name
 * it defines is added unless the solution defined it itself, and its own stub of the entry point is never
 * added. The starter is the prompt byte for byte (only CRLF line ends become LF).
 */
import type { TaskRecord } from '../../../tasks/types.ts';
import {
  Fields,
  asObject,
  checkDuplicate,
  checkOverridesUsed,
  chooseTau,
  normaliseNewlines,
  readJsonRecords,
  throwIfProblems,
  type ImportOptions,
} from './common.ts';
import { topLevelDefs } from './mbpp.ts';
import { estimateCodingTau } from './tau-estimator.ts';

export const HUMANEVAL_LICENSE = 'MIT';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The prompt shown to the agent. The starter code (signature and docstring) is stored in
 * payload.starter, and the coding suite's task template shows it under the prompt, so it is not
 * repeated here.
 */
export function humanEvalPrompt(_starter: string, entryPoint: string): string {
  return (
    `Complete the Python function \`${entryPoint}\` whose signature and docstring are given below; ` +
    `write the whole function (with any imports and helpers it needs), not only its body.`
  );
}

/** Top-level imports, defs or classes of a prompt other than the entry point. */
function definesMore(prompt: string, entryPoint: string): boolean {
  const defs = [...topLevelDefs(prompt)].filter((d) => d !== entryPoint);
  return defs.length > 0 || /^(?:import|from)[ \t]/m.test(prompt) || /^class[ \t]/m.test(prompt);
}

/**
 * Python run after the solution loads (test_setup): the prompt is executed in its own namespace and each
 * name it binds is copied into the solution's namespace when the solution did not bind it, except the
 * entry point (the prompt's stub must never stand in for a missing solution).
 */
export function promptSetup(prompt: string, entryPoint: string): string {
  return [
    '# HumanEval semantics: the tests run on prompt + completion. Names the prompt defines (imports, helpers)',
    "# are added where the solution did not define them; the prompt's own stub of the entry point is not.",
    `def __sale_prompt_names(__src=${JSON.stringify(prompt)}, __entry=${JSON.stringify(entryPoint)}):`,
    "    __ns = {'__name__': '__sale_prompt__'}",
    "    exec(compile(__src, '<prompt>', 'exec'), __ns)",
    "    return {k: v for k, v in __ns.items() if k not in ('__builtins__', '__name__', __entry)}",
    'for __k, __v in __sale_prompt_names().items():',
    '    globals().setdefault(__k, __v)',
    '',
  ].join('\n');
}

/** Convert HumanEval JSON Lines into task records. */
export function importHumanEval(text: string, file: string, options: ImportOptions = {}): TaskRecord[] {
  const problems: string[] = [];
  const suite = options.suite ?? 'humaneval';
  const { records } = readJsonRecords(text, file, problems);
  if (records.length === 0 && problems.length === 0) problems.push(`${file}: no records`);
  const out: TaskRecord[] = [];
  const seen = new Map<string, string>();

  for (const rec of records) {
    const obj = asObject(rec, problems);
    if (!obj) continue;
    const f = new Fields(rec.where, obj, problems);
    const taskId = f.string('task_id', { nonEmpty: true });
    let n: string | undefined;
    if (taskId !== undefined) {
      f.setLabel(taskId);
      const m = /^HumanEval\/(\d+)$/.exec(taskId);
      if (m) n = m[1];
      else f.problem(`field 'task_id' must look like 'HumanEval/<number>', got '${taskId}'`);
    }
    const prompt = f.string('prompt', { nonEmpty: true });
    const solution = f.string('canonical_solution', { nonEmpty: true });
    const test = f.string('test', { nonEmpty: true });
    let entryPoint = f.string('entry_point', { nonEmpty: true });
    if (entryPoint !== undefined && !IDENTIFIER.test(entryPoint)) {
      f.problem(`field 'entry_point' must be a Python identifier, got '${entryPoint}'`);
      entryPoint = undefined;
    }
    if (n === undefined || prompt === undefined || solution === undefined || test === undefined || entryPoint === undefined) {
      continue;
    }
    const starter = normaliseNewlines(prompt);
    const body = normaliseNewlines(solution);
    const testCode = normaliseNewlines(test);
    if (!topLevelDefs(starter).has(entryPoint)) {
      f.problem(`field 'prompt' does not define the entry point: no top-level 'def ${entryPoint}(' in it`);
      continue;
    }
    if (!/^def[ \t]+check[ \t]*\(/m.test(testCode)) {
      f.problem(`field 'test' does not define 'check(candidate)' at top level`);
      continue;
    }
    const id = `humaneval/${n}`;
    if (!checkDuplicate(seen, id, f)) continue;

    const estimate = estimateCodingTau({ statement: starter, solution: body });
    const { tau, tau_source } = chooseTau(id, estimate, options);
    out.push({
      id,
      suite,
      domain: 'coding',
      prompt: humanEvalPrompt(starter, entryPoint),
      tau,
      tau_source,
      payload: {
        kind: 'function',
        entry_point: entryPoint,
        tests: [`${testCode}\ncheck(${entryPoint})\n`],
        // The prompt's names on both sides: in the solution's module (the completion may call them) and
        // in the trusted harness (HumanEval's check() calls them too).
        ...(definesMore(starter, entryPoint) ? { test_setup: promptSetup(starter, entryPoint), solution_setup: promptSetup(starter, entryPoint) } : {}),
        reference: starter + body,
        starter,
      },
      source: { dataset: 'humaneval', id: taskId!, license: HUMANEVAL_LICENSE },
    });
  }
  checkOverridesUsed(new Set(out.map((r) => r.id)), options, problems);
  throwIfProblems(problems, `HumanEval file ${file}`);
  return out;
}
