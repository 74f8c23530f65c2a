// Shared setup for tests that run the embedded llama.cpp engine: generated models in a temp folder,
// and a describe() that skips with the install command when the engine is not installed — unless
// SALE_REQUIRE_LLAMACPP=1 (CI sets it), where a missing engine is a failure, not a skip.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { ENGINE_INSTALL_COMMAND, engineInstalled } from '../../src/models/llamacpp/engine.ts';
import type { ModelScript } from '../../src/models/llamacpp/test-model/scripted.ts';
import { writeTestModel } from '../../src/models/llamacpp/test-model/make.ts';
import { OLLAMA_MODEL_MEDIA_TYPE } from '../../src/models/llamacpp/ollama-store.ts';

export const ENGINE_AVAILABLE = engineInstalled();
const REQUIRED = process.env.SALE_REQUIRE_LLAMACPP === '1';
export const ENGINE_SKIP_NOTE = `SKIPPED: the llama.cpp engine is not installed (engines/llamacpp). Install it with: ${ENGINE_INSTALL_COMMAND}`;

/** describe() for tests that need the engine. */
export function describeWithEngine(name: string, body: () => void): void {
  if (ENGINE_AVAILABLE || REQUIRED) {
    describe(name, body);
    return;
  }
  process.stderr.write(`${name}: ${ENGINE_SKIP_NOTE}\n`);
  describe(`${name} [${ENGINE_SKIP_NOTE}]`, () => {
    it.skip(ENGINE_SKIP_NOTE, () => {});
  });
}

export const EVENS_SOLUTION = 'def evens(xs):\n    return [x for x in xs if x % 2 == 0]\n';

/** Plays the coding agent on tests/fixtures/mini-coding.jsonl task mini/fn-2: test, then submit. */
export const EVENS_SCRIPT: ModelScript = {
  name: 'evens',
  thought: 'I should check the function on an example before submitting.',
  first: { toolCall: { name: 'run_python', arguments: { code: `${EVENS_SOLUTION}print(evens([1, 2, 3, 4]))` } } },
  afterToolResult: { toolCall: { name: 'submit', arguments: { code: EVENS_SOLUTION } } },
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeScriptedModel(dir: string, script: ModelScript = EVENS_SCRIPT, name = 'scripted.gguf'): string {
  const path = join(dir, name);
  writeTestModel(path, { kind: 'scripted', script });
  return path;
}

export function writeRandomModel(dir: string, seed = 0, name = `random-${seed}.gguf`): string {
  const path = join(dir, name);
  writeTestModel(path, { kind: 'random', seed });
  return path;
}

/** Put a GGUF file into an Ollama-style store under `root` as `model:tag`; returns the blob digest. */
/** sha256 of a file: what Ollama reports as a model's digest when given its manifest. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function addToOllamaStore(root: string, gguf: string, model: string, tag: string): string {
  const bytes = readFileSync(gguf);
  const digest = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(join(root, 'blobs'), { recursive: true });
  writeFileSync(join(root, 'blobs', `sha256-${digest}`), bytes);
  const manifestDir = join(root, 'manifests', 'registry.ollama.ai', 'library', model);
  mkdirSync(manifestDir, { recursive: true });
  writeFileSync(
    join(manifestDir, tag),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'0'.repeat(64)}`, size: 2 },
      layers: [{ mediaType: OLLAMA_MODEL_MEDIA_TYPE, digest: `sha256:${digest}`, size: bytes.length }],
    }),
  );
  return digest;
}
