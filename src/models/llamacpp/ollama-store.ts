// Find a model in Ollama's on-disk store without an Ollama server.
//
//   <root>/manifests/<host>/<namespace>/<model>/<tag>   JSON manifest (OCI-style)
//   <root>/blobs/sha256-<hex>                            content-addressed blobs
//
// The manifest layer with media type application/vnd.ollama.image.model is the unchanged GGUF file.
// The root is OLLAMA_MODELS, else ~/.ollama/models. "qwen3:8b" means
// registry.ollama.ai/library/qwen3/8b; a name without a tag means ":latest"; "user/model:tag" is in
// the "user" namespace; "host/namespace/model:tag" names the host too.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const OLLAMA_MODEL_MEDIA_TYPE = 'application/vnd.ollama.image.model';
const DEFAULT_HOST = 'registry.ollama.ai';
const DEFAULT_NAMESPACE = 'library';

export interface OllamaName {
  host: string;
  namespace: string;
  model: string;
  tag: string;
}

export function ollamaModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.OLLAMA_MODELS?.trim();
  if (fromEnv) return fromEnv.replace(/^~(?=$|\/)/, homedir());
  return join(homedir(), '.ollama', 'models');
}

/** Parse an Ollama model name; undefined when it cannot be one. */
export function parseOllamaName(name: string): OllamaName | undefined {
  const trimmed = name.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  const colon = trimmed.lastIndexOf(':');
  const slash = trimmed.lastIndexOf('/');
  const hasTag = colon > slash;
  const path = hasTag ? trimmed.slice(0, colon) : trimmed;
  const tag = hasTag ? trimmed.slice(colon + 1) : 'latest';
  const parts = path.split('/');
  if (!tag || parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  if (parts.length === 1) return { host: DEFAULT_HOST, namespace: DEFAULT_NAMESPACE, model: parts[0]!, tag };
  if (parts.length === 2) return { host: DEFAULT_HOST, namespace: parts[0]!, model: parts[1]!, tag };
  if (parts.length === 3) return { host: parts[0]!, namespace: parts[1]!, model: parts[2]!, tag };
  return undefined;
}

export const formatOllamaName = (n: OllamaName) =>
  `${n.host === DEFAULT_HOST ? '' : `${n.host}/`}${n.host === DEFAULT_HOST && n.namespace === DEFAULT_NAMESPACE ? '' : `${n.namespace}/`}${n.model}:${n.tag}`;

export type OllamaResolution =
  | { ok: true; path: string; digest: string; manifest: string; manifestDigest: string; size?: number }
  | { ok: false; why: string };

interface ManifestLayer {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
}

/** Resolve a name to the GGUF blob of its model layer. Never throws for a missing or broken entry. */
export function resolveOllamaModel(name: string, root: string = ollamaModelsDir()): OllamaResolution {
  const parsed = parseOllamaName(name);
  if (!parsed) return { ok: false, why: `'${name}' is not an Ollama model name` };
  const manifest = join(root, 'manifests', parsed.host, parsed.namespace, parsed.model, parsed.tag);
  if (!existsSync(manifest)) return { ok: false, why: `no manifest at ${manifest}` };
  let layers: ManifestLayer[];
  let manifestDigest: string;
  try {
    const bytes = readFileSync(manifest);
    // What Ollama reports as the model's digest (/api/tags, `ollama list`): the manifest's sha256.
    manifestDigest = createHash('sha256').update(bytes).digest('hex');
    const json = JSON.parse(bytes.toString('utf8')) as { layers?: unknown };
    layers = Array.isArray(json.layers) ? (json.layers as ManifestLayer[]) : [];
  } catch (e) {
    return { ok: false, why: `the manifest ${manifest} is not valid JSON (${(e as Error).message})` };
  }
  const layer = layers.find((l) => l.mediaType === OLLAMA_MODEL_MEDIA_TYPE);
  if (!layer) return { ok: false, why: `the manifest ${manifest} has no layer of type ${OLLAMA_MODEL_MEDIA_TYPE}` };
  const digest = typeof layer.digest === 'string' ? layer.digest : '';
  const m = /^sha256[:-]([0-9a-f]{64})$/.exec(digest);
  if (!m) return { ok: false, why: `the manifest ${manifest} gives the model layer an invalid digest '${digest}'` };
  const blob = join(root, 'blobs', `sha256-${m[1]}`);
  if (!existsSync(blob)) return { ok: false, why: `the model blob ${blob} named by ${manifest} is missing` };
  return { ok: true, path: blob, digest: m[1]!, manifest, manifestDigest, ...(typeof layer.size === 'number' ? { size: layer.size } : {}) };
}
