import { relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { formatZodIssues } from '../tasks/schema.ts';
import { readUtf8File } from '../tasks/read-files.ts';

const display = (file: string) => relative(process.cwd(), file) || file;

/**
 * Read a YAML file and validate it with a zod schema. Every problem is collected and reported at once
 * as "file:line key.path: message", so nothing runs on a half-valid config.
 */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  // Refuses special files, huge files and bytes that are not UTF-8, naming the file (and line).
  const text = readUtf8File(file, 'configuration file');
  return parseYamlText(text, file, schema);
}

export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return `${display(file)}:${pos.line}:${pos.col}: YAML syntax error: ${e.message.split('\n')[0]}`;
      }),
      { fix: 'correct the YAML syntax at the line named' },
    );
  }
  let js: unknown;
  try {
    // yaml refuses documents whose aliases expand too far (a "billion laughs" bomb) with a ReferenceError.
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError([`${display(file)}: YAML aliases expand too far (${(e as Error).message.toLowerCase()})`], {
      fix: 'write the values out instead of nesting aliases (*name) of aliases',
    });
  }
  const parsed = schema.safeParse(js);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue, i) => {
    // Walk up the key path until a node with a source position is found.
    let line: number | undefined;
    for (let n = issue.path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    const message = formatZodIssues({ issues: [issue] } as z.ZodError)[0] ?? `issue ${i}`;
    return `${display(file)}${line ? `:${line}` : ''}: ${message}`;
  });
  throw new ConfigError(lines, { fix: `correct ${display(file)} at the keys named above` });
}
