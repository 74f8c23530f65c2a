// `npm test` step: the layering rules of .dependency-cruiser.cjs over src/. Exit 1 with one line per
// violated rule (its name first), 0 when the layering holds.
//   node --import tsx scripts/deps/check.ts [--root DIR] [folders…]   (default: this project, src)
import { resolve } from 'node:path';
import { cruiseTree, describeViolation, violationsOf } from './cruise.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--root');
const root = at >= 0 ? resolve(args.splice(at, 2)[1] ?? '.') : resolve(import.meta.dirname, '../..');
const result = await cruiseTree(root, args.length ? args : ['src']);
const violations = violationsOf(result);
for (const v of violations) process.stderr.write(`${describeViolation(v)}\n`);
if (violations.length) {
  process.stderr.write(`dependency rules: ${violations.length} violation(s) (rules in .dependency-cruiser.cjs; layers in README "Architecture")\n`);
  process.exit(1);
}
process.stdout.write(`dependency rules: ${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports, no violation\n`);
