// Copy a run directory as a slim golden baseline: manifest.json and summary files as they are, and
// records.jsonl without the bulky parts `sale bench check` never reads (messages, trace, calls,
// submission). Every record stays a valid AttemptRecord, so compare and check read the folder like any run.
// Usage: node --import tsx scripts/slim-run.ts <run-dir> <out-dir>
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttemptRecord } from '../src/records/records.ts';
import { MANIFEST, readRecords, RECORDS } from '../src/records/run-dir.ts';

const [src, dest] = process.argv.slice(2);
if (!src || !dest) {
  process.stderr.write('usage: slim-run.ts <run-dir> <out-dir>\n');
  process.exit(2);
}
mkdirSync(dest, { recursive: true });
copyFileSync(join(src, MANIFEST), join(dest, MANIFEST));
for (const f of ['summary.csv', 'summary.md', 'summary.json']) if (existsSync(join(src, f))) copyFileSync(join(src, f), join(dest, f));
const slim = (r: AttemptRecord): AttemptRecord => ({ ...r, submission: null, calls: [], messages: [], trace: [] });
// Sorted by key so a refresh that changes nothing leaves the file byte-identical.
const records = readRecords(src)
  .map(slim)
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
writeFileSync(join(dest, RECORDS), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
process.stdout.write(`${records.length} records, ${readFileSync(join(dest, RECORDS)).length} bytes\n`);
