// Write a small generated GGUF model (qwen3 architecture) for smoke runs of the llamacpp provider.
// Its output is meaningless: runs with it are labelled GENERATED TEST MODEL.
//
// Usage:
//   node --import tsx scripts/make-test-model.ts --out model.gguf [--script coding | --script FILE.json]
//   node --import tsx scripts/make-test-model.ts --out random.gguf --random [--seed N] [--layers N] [--embedding N]
// Options: --type F16 | F32 | Q8_0 (default F16).
// A script file is {"name": …, "thought"?: …, "first": ACTION, "afterToolResult": ACTION} with ACTION
// {"text": "…"} or {"toolCall": {"name": "run_python", "arguments": {"code": "…"}}}.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TensorTypeName } from '../src/models/llamacpp/test-model/build.ts';
import { BUILTIN_SCRIPTS, readScriptFile, writeTestModel, type TestModelSpec } from '../src/models/llamacpp/test-model/make.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    script: { type: 'string' },
    random: { type: 'boolean', default: false },
    seed: { type: 'string', default: '0' },
    layers: { type: 'string' },
    embedding: { type: 'string' },
    type: { type: 'string', default: 'F16' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const usage = 'usage: node --import tsx scripts/make-test-model.ts --out FILE.gguf [--script coding|FILE.json | --random [--seed N]] [--type F16|F32|Q8_0]';
if (values.help || !values.out) {
  process.stderr.write(`${usage}\n`);
  process.exit(values.help ? 0 : 2);
}
const type = values.type as TensorTypeName;
if (!['F16', 'F32', 'Q8_0'].includes(type)) {
  process.stderr.write(`--type must be F16, F32 or Q8_0\n${usage}\n`);
  process.exit(2);
}
const int = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer\n`);
    process.exit(2);
  }
  return n;
};
let spec: TestModelSpec;
if (values.random) {
  const layers = int('layers', values.layers);
  const embedding = int('embedding', values.embedding);
  spec = { kind: 'random', seed: int('seed', values.seed) ?? 0, tensorType: type, ...(layers ? { layers } : {}), ...(embedding ? { embedding } : {}) };
} else {
  const name = values.script ?? 'coding';
  const script = BUILTIN_SCRIPTS[name] ?? (existsSync(name) ? readScriptFile(name) : undefined);
  if (!script) {
    process.stderr.write(`--script: '${name}' is neither a built-in script (${Object.keys(BUILTIN_SCRIPTS).join(', ')}) nor a JSON file\n`);
    process.exit(2);
  }
  spec = { kind: 'scripted', script, tensorType: type };
}
const out = resolve(values.out);
const started = performance.now();
const bytes = writeTestModel(out, spec);
process.stdout.write(
  `wrote ${out} (${(bytes / 1024).toFixed(0)} KiB, ${spec.kind}${spec.kind === 'scripted' ? ` script '${spec.script.name}'` : ''}, ${type}) in ${(performance.now() - started).toFixed(0)} ms\n` +
    `this is a generated test model: its output is meaningless.\n` +
    `try: node bin/sale.js bench run --suite coding --provider llamacpp --model-path ${out} --limit 5\n`,
);
