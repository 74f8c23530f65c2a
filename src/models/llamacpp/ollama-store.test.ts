import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OLLAMA_MODEL_MEDIA_TYPE, formatOllamaName, ollamaModelsDir, parseOllamaName, resolveOllamaModel } from './ollama-store.ts';

const HEX = 'ab'.repeat(32);

/** An Ollama-style store with one model, qwen3:tiny. */
function store(layers: unknown[], writeBlob = true) {
  const root = mkdtempSync(join(tmpdir(), 'sale-ollama-store-'));
  const manifestDir = join(root, 'manifests', 'registry.ollama.ai', 'library', 'qwen3');
  mkdirSync(manifestDir, { recursive: true });
  writeFileSync(join(manifestDir, 'tiny'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', layers }));
  mkdirSync(join(root, 'blobs'));
  if (writeBlob) writeFileSync(join(root, 'blobs', `sha256-${HEX}`), 'GGUF…');
  return root;
}

describe("Ollama's model store", () => {
  it('parses names the way Ollama does', () => {
    expect(parseOllamaName('qwen3:8b')).toEqual({ host: 'registry.ollama.ai', namespace: 'library', model: 'qwen3', tag: '8b' });
    expect(parseOllamaName('qwen3')).toMatchObject({ model: 'qwen3', tag: 'latest' });
    expect(parseOllamaName('me/coder:q4')).toMatchObject({ namespace: 'me', model: 'coder', tag: 'q4' });
    expect(parseOllamaName('hf.co/org/repo:Q8_0')).toEqual({ host: 'hf.co', namespace: 'org', model: 'repo', tag: 'Q8_0' });
    expect(parseOllamaName('a/../b:1')).toBeUndefined();
    expect(parseOllamaName('two words')).toBeUndefined();
    expect(formatOllamaName(parseOllamaName('qwen3')!)).toBe('qwen3:latest');
  });

  it('finds the store from OLLAMA_MODELS, else ~/.ollama/models', () => {
    expect(ollamaModelsDir({ OLLAMA_MODELS: '/data/ollama' })).toBe('/data/ollama');
    expect(ollamaModelsDir({})).toBe(join(homedir(), '.ollama', 'models'));
  });

  it('resolves a name to the blob of its model layer', () => {
    const root = store([
      { mediaType: 'application/vnd.ollama.image.template', digest: `sha256:${'cd'.repeat(32)}`, size: 10 },
      { mediaType: OLLAMA_MODEL_MEDIA_TYPE, digest: `sha256:${HEX}`, size: 6 },
    ]);
    const r = resolveOllamaModel('qwen3:tiny', root);
    const manifest = join(root, 'manifests/registry.ollama.ai/library/qwen3/tiny');
    const manifestDigest = createHash('sha256').update(readFileSync(manifest)).digest('hex');
    expect(r).toEqual({ ok: true, path: join(root, 'blobs', `sha256-${HEX}`), digest: HEX, manifest, manifestDigest, size: 6 });
  });

  it('says what is missing: the manifest, the model layer, the blob', () => {
    const root = store([{ mediaType: OLLAMA_MODEL_MEDIA_TYPE, digest: `sha256:${HEX}` }], false);
    expect(resolveOllamaModel('qwen3:8b', root)).toEqual({ ok: false, why: `no manifest at ${join(root, 'manifests/registry.ollama.ai/library/qwen3/8b')}` });
    expect(resolveOllamaModel('qwen3:tiny', root)).toMatchObject({ ok: false, why: expect.stringMatching(/model blob .*sha256-abab.* is missing/) });
    const noModel = store([{ mediaType: 'application/vnd.ollama.image.license', digest: `sha256:${HEX}` }]);
    expect(resolveOllamaModel('qwen3:tiny', noModel)).toMatchObject({ ok: false, why: expect.stringContaining('has no layer of type application/vnd.ollama.image.model') });
    const badDigest = store([{ mediaType: OLLAMA_MODEL_MEDIA_TYPE, digest: 'md5:123' }]);
    expect(resolveOllamaModel('qwen3:tiny', badDigest)).toMatchObject({ ok: false, why: expect.stringContaining("invalid digest 'md5:123'") });
  });
});
