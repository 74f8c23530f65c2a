/**
 * MBPP (Mostly Basic Python Problems) → TaskRecord.
 *
 * Two layouts, told apart by content:
 *   - original `mbpp.jsonl`: JSON Lines of {text, code, task_id, test_setup_code, test_list,
 *     challenge_test_list}; `code` (and sometimes the tests) use \r\n line endings.
 *   - sanitized `sanitized-mbpp.json`: one JSON array of {source_file, task_id, prompt, code,
 *     test_imports, test_list}.
 * The container (JSON array or JSON Lines) and the field set (`text` or `prompt`) are detected
 * independently, so either layout is read from either container. Ids are `mbpp/<task_id>` in both
 * (the sanitized set reuses the original id space).
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
import { estimateCodingTau } from './tau-estimator.ts';

export const MBPP_LICENSE = 'CC-BY-4.0';

/** Split named by the MBPP README: 1–10 few-shot prompting, 11–510 test, 511–600 validation, 601+ train. */
export function mbppSplit(taskId: number): 'prompt' | 'test' | 'validation' | 'train' {
  if (taskId <= 10) return 'prompt';
  if (taskId <= 510) return 'test';
  if (taskId <= 600) return 'validation';
  return 'train';
}

/** Replace Python string literals by empty ones, so calls inside strings are not seen. */
function blankStrings(src: string): string {
  return src.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""');
}

/** Names of functions defined at the top level of `code` (`def name(` at column 0). */
export function topLevelDefs(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of blankStrings(code).matchAll(/^(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(/gm)) {
    names.add(m[1]!);
  }
  return names;
}

/** Names called in a Python snippet, in order of appearance (attribute calls like `math.isclose(` excluded). */
export function calledNames(snippet: string): string[] {
  const out: string[] = [];
  for (const m of blankStrings(snippet).matchAll(/(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) out.push(m[1]!);
  return out;
}

/**
 * The function the tests call: the first name called in the first assert that `code` defines at
 * top level (so `assert set(f(x)) == ...` and `assert math.isclose(f(x), y)` give `f`). When the
 * first assert calls none, the later asserts are tried in order. Undefined when none matches.
 */
export function detectEntryPoint(code: string, tests: string[]): string | undefined {
  const defs = topLevelDefs(code);
  for (const test of tests) {
    const hit = calledNames(test).find((n) => defs.has(n));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The prompt shown to the agent. Following the MBPP paper's prompt convention ("Your code should
 * pass these tests:"), but revealing only the first test as an example; the rest stay hidden.
 */
export function mbppPrompt(text: string, firstTest: string, entryPoint: string): string {
  return (
    `${text.trim()}\n\n` +
    `Your code should pass these tests:\n\n` +
    `${firstTest.trim()}\n\n` +
    `(This is one example; other hidden tests are run too.) ` +
    `Write a Python function named \`${entryPoint}\`.`
  );
}

/** Convert MBPP (original JSON Lines or sanitized JSON array) into task records. */
export function importMbpp(text: string, file: string, options: ImportOptions = {}): TaskRecord[] {
  const problems: string[] = [];
  const suite = options.suite ?? 'mbpp';
  const { records } = readJsonRecords(text, file, problems);
  if (records.length === 0 && problems.length === 0) problems.push(`${file}: no records`);

  // The layout is decided by the first record and must hold for every record.
  let layout: 'original' | 'sanitized' | undefined;
  const out: TaskRecord[] = [];
  const seen = new Map<string, string>();

  for (const rec of records) {
    const obj = asObject(rec, problems);
    if (!obj) continue;
    const f = new Fields(rec.where, obj, problems);
    if (layout === undefined) {
      if (f.has('text')) layout = 'original';
      else if (f.has('prompt')) layout = 'sanitized';
      else {
        f.problem(`missing field 'text' (original MBPP) or 'prompt' (sanitized MBPP)`);
        continue;
      }
    }
    const taskId = f.integer('task_id');
    if (taskId !== undefined) f.setLabel(`task_id ${taskId}`);

    const statement = f.string(layout === 'original' ? 'text' : 'prompt', { nonEmpty: true });
    const code = f.string('code', { nonEmpty: true });
    const testList = f.stringList('test_list', { nonEmpty: true });
    let setupParts: string[] | undefined;
    let challenge: string[] | undefined = [];
    if (layout === 'original') {
      const setup = f.string('test_setup_code');
      setupParts = setup === undefined ? undefined : [setup];
      challenge = f.stringList('challenge_test_list', { optional: true });
    } else {
      setupParts = f.stringList('test_imports');
    }
    if (
      taskId === undefined ||
      statement === undefined ||
      code === undefined ||
      testList === undefined ||
      setupParts === undefined ||
      challenge === undefined
    ) {
      continue;
    }

    const reference = normaliseNewlines(code);
    const tests = [...testList, ...challenge].map(normaliseNewlines);
    const entryPoint = detectEntryPoint(reference, tests);
    if (entryPoint === undefined) {
      const called = [...new Set(tests.flatMap(calledNames))];
      const defs = [...topLevelDefs(reference)];
      f.problem(
        `cannot determine the entry point: no function called in 'test_list' is defined by a top-level ` +
          `'def' in 'code' (called: ${called.join(', ') || 'none'}; defined: ${defs.join(', ') || 'none'})`,
      );
      continue;
    }
    const id = `mbpp/${taskId}`;
    if (!checkDuplicate(seen, id, f)) continue;

    const setup = setupParts.map(normaliseNewlines).join('\n').trim();
    const firstTest = tests[0]!;
    const estimate = estimateCodingTau({ statement: `${statement}\n${firstTest}`, solution: reference });
    const { tau, tau_source } = chooseTau(id, estimate, options);
    out.push({
      id,
      suite,
      domain: 'coding',
      prompt: mbppPrompt(normaliseNewlines(statement), firstTest, entryPoint),
      tau,
      tau_source,
      payload: {
        kind: 'function',
        entry_point: entryPoint,
        tests,
        ...(setup ? { test_setup: setup } : {}),
        reference,
      },
      source: { dataset: layout === 'original' ? 'mbpp' : 'mbpp-sanitized', id: String(taskId), license: MBPP_LICENSE },
      tags: [`mbpp-split:${mbppSplit(taskId)}`],
    });
  }
  checkOverridesUsed(new Set(out.map((r) => r.id)), options, problems);
  throwIfProblems(problems, `MBPP file ${file}`);
  return out;
}
