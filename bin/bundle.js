// The CLI's prebuilt bundle: `npm ci` (prepare) or `npm run build` bundles src/ into .cache/cli/sale.mjs
// with esbuild (scripts/build-cli.mjs), which starts in a fraction of the time tsx needs to load ~300
// TypeScript modules. bin/sale.js uses it only while it is fresh: the stamp written beside it must equal
// the stamp of src/ now (every non-test .ts file's path, size and modification time), so an edited,
// added or removed source file sends the CLI back to tsx and the sources as they are. SALE_NO_BUNDLE=1
// always uses tsx. Resources next to the sources (prompts, Python files) are still read from src/: the
// build replaces each module's import.meta.url with its source file's URL.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Path, size and mtime of every non-test .ts file under `srcDir`, sorted, as one string. */
export function sourceStamp(srcDir) {
  const rows = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__fixtures__') walk(p);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const st = statSync(p);
        rows.push(`${relative(srcDir, p)}\t${st.size}\t${st.mtimeMs}`);
      }
    }
  };
  walk(srcDir);
  return rows.sort().join('\n');
}

/** The bundle's path when it exists and was built from the sources as they are now, else null. */
export function freshBundle(root, env = process.env) {
  if (env.SALE_NO_BUNDLE === '1') return null;
  const bundle = join(root, '.cache', 'cli', 'sale.mjs');
  const stamp = join(root, '.cache', 'cli', 'stamp.txt');
  if (!existsSync(bundle) || !existsSync(stamp)) return null;
  try {
    return readFileSync(stamp, 'utf8') === sourceStamp(join(root, 'src')) ? bundle : null;
  } catch {
    return null;
  }
}
