// The same model gets the same digest in the `ollama` and the `llamacpp` provider: Ollama's manifest
// digest (what /api/tags and `ollama list` show) in both, the weights blob's sha256 beside it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToOllamaStore, sha256File, tempDir, writeScriptedModel } from '../../tests/support/llamacpp.ts';
import { startOllamaTestServer } from '../../tests/support/ollama-test-server.ts';
import { createLlamaCppClient } from './llamacpp/client.ts';
import { createOllamaClient } from './ollama/index.ts';

describe('model digests across providers', () => {
  it('an Ollama store model: ollama and llamacpp report the manifest digest, and the blob sha256 beside it', async () => {
    const root = tempDir('sale-digest-');
    const blob = addToOllamaStore(root, writeScriptedModel(root), 'qwen3', 'tiny');
    const manifest = sha256File(join(root, 'manifests/registry.ollama.ai/library/qwen3/tiny'));
    // What a real Ollama serving this store reports: /api/tags digest = the manifest's sha256, and
    // /api/show's modelfile names the blob (FROM …/blobs/sha256-<blob>).
    const server = await startOllamaTestServer({ models: [{ name: 'qwen3:tiny', digest: manifest, blobDigest: blob }] });
    try {
      const viaOllama = await createOllamaClient({ host: server.url, retries: 0 }).describe('qwen3:tiny');
      const viaLlamaCpp = await createLlamaCppClient({ engineDir: join(root, 'no-engine'), ollamaModels: root }).describe('qwen3:tiny');
      expect(viaOllama).toMatchObject({ present: true, digest: manifest, blobDigest: blob });
      expect(viaLlamaCpp).toMatchObject({ present: true, digest: manifest, blobDigest: blob });
      expect(manifest).not.toBe(blob);
    } finally {
      await server.close();
    }
  });

  it('a bare GGUF file has no manifest: its sha256 is both digests', async () => {
    const dir = tempDir('sale-digest-');
    const file = writeScriptedModel(dir);
    const info = await createLlamaCppClient({ engineDir: join(dir, 'no-engine') }).describe(file);
    expect(info.digest).toBe(sha256File(file));
    expect(info.blobDigest).toBe(info.digest);
  });
});
