// Bundles the CLI (src/cli/main.ts and everything it imports from src/) into .cache/cli/sale.mjs, with
// the stamp of the sources it was built from (bin/bundle.js): run by `npm ci` (prepare) and
// `npm run build`. Packages stay external (resolved from node_modules at run time). Each module's
// import.meta.url becomes its source file's URL, so files read beside the sources (prompts, Python
// harnesses, configs) are found where they are.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sourceStamp } from '../bin/bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.cache', 'cli');
mkdirSync(outDir, { recursive: true });
// The stamp is taken before reading the sources: a file edited during the build makes it stale.
const stamp = sourceStamp(join(root, 'src'));
const started = Date.now();
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: join(outDir, 'sale.tmp.mjs'),
  logLevel: 'warning',
  plugins: [
    {
      name: 'source-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (args) => ({
          contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    },
  ],
});
renameSync(join(outDir, 'sale.tmp.mjs'), join(outDir, 'sale.mjs'));
writeFileSync(join(outDir, 'stamp.txt'), stamp);
process.stderr.write(`sale: CLI bundle built in ${Date.now() - started} ms (.cache/cli/sale.mjs)\n`);
