// Generates the bundled deep-search suite: a corpus about a fictional world and questions in five τ bins.
// Deterministic from its seed (own PRNG, never Math.random); the output is committed with this script.
//
// Usage: node --import tsx scripts/gen-deepsearch.ts [--seed N] [--out DIR] [--check]
//   --seed N   world seed (default 1729, the seed of the committed suite)
//   --out DIR  output folder (default datasets/deepsearch): writes DIR/corpus.jsonl and DIR/tasks/b*.jsonl
//   --check    generate in memory and compare with the files in DIR instead of writing (exit 1 on a difference)
//
// See datasets/README.md, "deepsearch/ — questions over a fictional corpus", for the world, the distractors,
// what each bin holds and the τ formula (scripts/gen-deepsearch/tau.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generate, TASK_FILES } from './gen-deepsearch/generate.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function parseArgs(argv: string[]): { seed: number; out: string; check: boolean } {
  let seed = DEFAULT_SEED;
  let out = join(ROOT, 'datasets', 'deepsearch');
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`--seed needs an integer in [0, 2^32), got '${argv[i]}'`);
      seed = v;
    } else if (a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error('--out needs a folder');
      out = resolve(v);
    } else if (a === '--check') check = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node --import tsx scripts/gen-deepsearch.ts [--seed N] [--out DIR] [--check]');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'`);
  }
  return { seed, out, check };
}

function main(): void {
  const { seed, out, check } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const g = generate(seed);
  const ms = performance.now() - t0;
  const files: [string, string][] = [[join(out, 'corpus.jsonl'), g.corpus], ...TASK_FILES.map((f) => [join(out, 'tasks', f), g.tasks[f]] as [string, string])];
  const show = (p: string) => relative(process.cwd(), p) || p;
  if (check) {
    const stale = files.filter(([p, text]) => !existsSync(p) || readFileSync(p, 'utf8') !== text).map(([p]) => show(p));
    if (stale.length) {
      console.error(`differs from seed ${seed}: ${stale.join(', ')}\nregenerate with: node --import tsx scripts/gen-deepsearch.ts --seed ${seed}`);
      process.exit(1);
    }
    console.log(`up to date: ${files.length} files match seed ${seed}`);
    return;
  }
  mkdirSync(join(out, 'tasks'), { recursive: true });
  for (const [p, text] of files) writeFileSync(p, text);
  const s = g.stats;
  console.log(`seed ${s.seed}: ${s.documents} documents (${s.byRole.main} main pages, ${s.byRole.duplicate} conflicting duplicates, ${s.byRole.mention} mention documents), ${(s.corpusBytes / 1e6).toFixed(2)} MB`);
  console.log(`near-namesake pairs: ${s.nearNamesakes}; entities with a conflicting duplicate: ${s.conflicts}`);
  console.log(`questions per bin: ${s.questionsPerBin.join(', ')}; τ ranges: ${s.tauRange.map(([a, b]) => `${a}–${b}`).join(', ')}`);
  console.log(`generated in ${(ms / 1000).toFixed(2)} s; wrote ${files.map(([p]) => show(p)).join(', ')}`);
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
