import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import { binOf } from './bins.ts';
import { parseJsonlRecords } from '../config/jsonl.ts';
import { taskRecordSchema } from './schema.ts';
import type { Task, TaskRecord } from './types.ts';

const display = (file: string) => relative(process.cwd(), file) || file;

/** List the .jsonl task files under a path (a file, or a folder searched recursively, sorted). */
export function taskFiles(path: string, pattern = /\.jsonl$/): string[] {
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new ConfigError([`${display(abs)}: no such file or folder`], { fix: 'check the path' });
  }
  if (st.isFile()) return [abs];
  const out: string[] = [];
  for (const name of readdirSync(abs).sort()) {
    const child = join(abs, name);
    if (statSync(child).isDirectory()) out.push(...taskFiles(child, pattern));
    else if (pattern.test(name)) out.push(child);
  }
  return out;
}

/**
 * Parse task JSONL text. Collects every problem (file:line and field) before throwing, so nothing
 * runs on a half-valid file.
 */
export function parseTasks(text: string, file: string, problems: string[] = []): Task[] {
  return parseJsonlRecords(text, file, taskRecordSchema, problems, 'task').map(({ value, line }) => {
    const record = value as TaskRecord;
    return { ...record, bin: binOf(record.tau), origin: { file, line } };
  });
}

/** Load and validate every task under the given paths; ids must be unique across all of them. */
export function loadTasks(paths: string[]): Task[] {
  const problems: string[] = [];
  const tasks: Task[] = [];
  for (const p of paths) {
    for (const file of taskFiles(p)) tasks.push(...parseTasks(readFileSync(file, 'utf8'), file, problems));
  }
  const seen = new Map<string, Task>();
  for (const t of tasks) {
    const prev = seen.get(t.id);
    if (prev) {
      problems.push(
        `${display(t.origin.file)}:${t.origin.line}: duplicate task id '${t.id}' (first at ${display(prev.origin.file)}:${prev.origin.line})`,
      );
    } else seen.set(t.id, t);
  }
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the task file(s) named above; no task was run' });
  return tasks;
}
