// The CLI's prebuilt bundle (bin/bundle.js, scripts/build-cli.mjs): used only while it matches the
// sources, and it behaves as the sources run through tsx do (resources beside the sources included).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { freshBundle, sourceStamp } from '../bin/bundle.js';
import { sale } from './support/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fresh = freshBundle as (root: string, env?: Record<string, string | undefined>) => string | null;
const stampOf = sourceStamp as (src: string) => string;

function fakeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'sale-bundle-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, '.cache', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'cli', 'main.test.ts'), 'test\n');
  writeFileSync(join(root, '.cache', 'cli', 'sale.mjs'), 'export {};\n');
  writeFileSync(join(root, '.cache', 'cli', 'stamp.txt'), stampOf(join(root, 'src')));
  return root;
}

describe('CLI bundle freshness', () => {
  it('is used while the stamp matches; an edited, added or removed source, or SALE_NO_BUNDLE=1, sends the CLI to tsx', () => {
    let root = fakeProject();
    expect(fresh(root, {})).toBe(join(root, '.cache', 'cli', 'sale.mjs'));
    expect(fresh(root, { SALE_NO_BUNDLE: '1' })).toBeNull();
    // A test file does not count; a touched source does (same size, new mtime).
    writeFileSync(join(root, 'src', 'cli', 'main.test.ts'), 'changed test\n');
    expect(fresh(root, {})).not.toBeNull();
    utimesSync(join(root, 'src', 'cli', 'main.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(fresh(root, {})).toBeNull();
    root = fakeProject();
    writeFileSync(join(root, 'src', 'cli', 'extra.ts'), 'export {};\n');
    expect(fresh(root, {})).toBeNull();
    root = fakeProject();
    rmSync(join(root, '.cache', 'cli', 'stamp.txt'));
    expect(fresh(root, {})).toBeNull();
  });

  it('the built bundle answers like the sources under tsx, and a simulated run through it finds its prompts and grader', async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
    expect(fresh(ROOT, {})).not.toBeNull();
    for (const args of [['--version'], ['datasets', 'list'], ['bench', 'run', '--help']]) {
      const viaBundle = await sale(args);
      const viaTsx = await sale(args, { env: { FORCE_COLOR: '0', SALE_NO_BUNDLE: '1' } });
      expect(viaBundle.code, viaBundle.stderr).toBe(0);
      expect([viaBundle.stdout, viaBundle.stderr]).toEqual([viaTsx.stdout, viaTsx.stderr]);
    }
    const out = mkdtempSync(join(tmpdir(), 'sale-bundle-run-'));
    const run = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'sim', '--limit', '3', '--agents', '4b', '--out', join(out, 'run')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/SIMULATED/);
  }, 180_000);
});
