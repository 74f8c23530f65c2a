// The layering rules of .dependency-cruiser.cjs catch what they are meant to: a fixture tree with one
// violation of each rule fails with the rule's name (and `npm test` runs the same check over src/).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cruiseTree, describeViolation, violationsOf } from '../scripts/deps/cruise.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/deps');

describe('dependency rules', () => {
  it('name each violated rule and the offending import', async () => {
    const lines = violationsOf(await cruiseTree(FIXTURE)).map(describeViolation);
    expect(lines).toEqual(
      expect.arrayContaining([
        'systems-below-runner: src/sale/bad-cli.ts → src/cli/flags.ts',
        'models-know-no-suite: src/models/bad-sim.ts → src/suites/grader.ts',
        'report-reads-records-only: src/report/bad-runner.ts → src/runner/run.ts',
        'low-layer-imports-higher: src/records/bad-up.ts → src/routers/a.ts',
        expect.stringMatching(/^only-cli-prints: src\/report\/bad-runner\.ts → .*node_modules\/chalk\//),
        expect.stringMatching(/^no-circular: src\/routers\/(a|b)\.ts → src\/routers\/(a|b)\.ts \(cycle: /),
      ]),
    );
    // Files that break no rule are not reported.
    expect(lines.some((l) => l.includes('src/cli/flags.ts →') || l.includes('src/suites/grader.ts →'))).toBe(false);
  });

  it('fail the check script with the rule name on stderr', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/deps/check.ts', '--root', FIXTURE], { cwd: ROOT });
    const err = await run.then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('systems-below-runner: src/sale/bad-cli.ts → src/cli/flags.ts');
    expect(err?.stderr).toMatch(/dependency rules: \d+ violation\(s\)/);
  }, 120_000);

  it('draw the module graph to the SVG path given (npm run graph)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sale-graph-')), 'graph.svg');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/deps/graph.ts', out], { cwd: ROOT });
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg /);
    for (const layer of ['records', 'runner', 'sale', 'routers', 'cli']) expect(svg).toContain(`>${layer}</text>`);
    expect(svg).toContain('<title>runner → records:');
  }, 120_000);
});
