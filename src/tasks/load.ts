import { relative } from 'node:path';
import { ConfigError } from '../errors.ts';
import { binOf } from './bins.ts';
import { parseJsonlRecords } from '../config/jsonl.ts';
import { fastTaskRecord } from './fast-record.ts';
import { taskRecordSchema } from './schema.ts';
import type { Task } from './types.ts';
import { listInputFiles, readUtf8File } from './read-files.ts';

const display = (file: string) => relative(process.cwd(), file) || file;

/** List the .jsonl task files under a path (a file, or a folder searched recursively, sorted). */
export function taskFiles(path: string, pattern = /\.jsonl$/): string[] {
  return listInputFiles(path, pattern, '--tasks');
}

/**
 * Parse task JSONL text. Collects every problem (file:line and field) before throwing, so nothing
 * runs on a half-valid file.
 */
export function parseTasks(text: string, file: string, problems: string[] = []): Task[] {
  return parseJsonlRecords(text, file, taskRecordSchema, problems, 'task', fastTaskRecord).map(({ value, line }) => {
    // The record is a fresh object of this parse: completed in place (same keys, same order as a
    // copy would have), which spares the collector 100k copies on a big file.
    const task = value as Task;
    task.bin = binOf(task.tau);
    task.origin = { file, line };
    return task;
  });
}

/** Load and validate every task under the given paths; ids must be unique across all of them. */
export function loadTasks(paths: string[]): Task[] {
  const problems: string[] = [];
  const tasks: Task[] = [];
  for (const p of paths) {
    // One file at a time, appended without spreading (a spread of 150k tasks overflows the call stack).
    for (const file of taskFiles(p)) for (const t of parseTasks(readUtf8File(file), file, problems)) tasks.push(t);
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
