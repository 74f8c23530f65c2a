// From an agent's `model` (a GGUF path or an Ollama model name) to a GGUF file on disk, and what
// that file says about itself. Works without the engine: describe() and the errors need only these.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import { SaleError } from '../../errors.ts';
import { NotGgufError, checkGgufStart, metaBool, metaNumber, metaString, readGgufHeader } from './gguf/read.ts';
import { GENERATED_KEY, GENERATED_KIND_KEY } from './test-model/build.ts';
import { ollamaModelsDir, resolveOllamaModel } from './ollama-store.ts';

export const MAKE_MODEL_COMMAND = 'node --import tsx scripts/make-test-model.ts --out model.gguf --script coding';

/** A model that cannot be used: the message names the path or name, `fix` says what to do. */
export class ModelFileError extends SaleError {
  constructor(
    message: string,
    readonly ref: string,
    fix: string,
  ) {
    super(message, { fix });
    this.name = 'ModelFileError';
  }
}

export interface ResolvedModel {
  /** What the agent configuration said (path or name). */
  ref: string;
  /** Absolute path of the GGUF file. */
  path: string;
  source: 'file' | 'ollama-store';
  /** sha256 known without hashing (an Ollama blob is named by it). */
  knownDigest?: string;
  /** From Ollama's store: the manifest's sha256, the digest Ollama itself reports for the model. */
  manifestDigest?: string;
}

/**
 * A reference is a path when it exists as a file, ends in .gguf, or starts like a path ("/", "./",
 * "../", "~/"); anything else is an Ollama model name ("qwen3:8b", "user/model:tag").
 */
export function looksLikePath(ref: string): boolean {
  return /\.gguf$/i.test(ref) || /^(\/|\.\.?\/|~\/)/.test(ref) || (ref.includes('/') && existsSync(ref) && statSync(ref).isFile());
}

const expandHome = (p: string) => p.replace(/^~(?=$|\/)/, homedir());

/** Resolve a reference; a missing file, a non-GGUF file or a name not in the store is a ModelFileError. */
export function resolveModelRef(ref: string, options: { ollamaModels?: string } = {}): ResolvedModel {
  if (looksLikePath(ref)) {
    const path = resolve(expandHome(ref));
    if (!existsSync(path)) {
      throw new ModelFileError(`model file not found: ${path}`, ref, `check the path; to make a small test model: ${MAKE_MODEL_COMMAND}`);
    }
    if (!statSync(path).isFile()) throw new ModelFileError(`${path} is not a file`, ref, 'pass the path of a .gguf model file');
    checkGguf(path, ref);
    return { ref, path, source: 'file' };
  }
  const root = options.ollamaModels ?? ollamaModelsDir();
  const found = resolveOllamaModel(ref, root);
  if (!found.ok) {
    throw new ModelFileError(`model '${ref}' is not in Ollama's model store at ${root}: ${found.why}`, ref, `pull it with \`ollama pull ${ref}\`, set OLLAMA_MODELS to the store that has it, or pass a GGUF file with --model-path FILE`);
  }
  checkGguf(found.path, ref);
  return { ref, path: found.path, source: 'ollama-store', knownDigest: found.digest, manifestDigest: found.manifestDigest };
}

/** The magic and version only (cheap enough for every call); the engine reports deeper damage at load. */
function checkGguf(path: string, ref: string): void {
  try {
    checkGgufStart(path);
  } catch (e) {
    if (e instanceof NotGgufError) {
      throw new ModelFileError(`${path}${ref !== path ? ` (model '${ref}')` : ''} is not a GGUF model file: ${e.why}`, ref, "pass a .gguf file (llama.cpp's model format), or an Ollama model name");
    }
    throw e;
  }
}

export interface GgufSummary {
  architecture?: string;
  name?: string;
  contextLength?: number;
  chatTemplate?: string;
  parameterCount: number;
  /** "F16", "Q8_0", "Q4_K_M" … from general.file_type. */
  quantization?: string;
  /** Written by this project's generator (`sale.generated = true`). */
  generated: boolean;
  generatedKind?: string;
}

// llama_ftype values → names (the common ones).
const FILE_TYPES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  32: 'BF16',
};

export function summarizeGguf(path: string): GgufSummary {
  const h = readGgufHeader(path);
  const architecture = metaString(h, 'general.architecture');
  const fileType = metaNumber(h, 'general.file_type');
  const parameterCount = h.tensors.reduce((n, t) => n + t.dims.reduce((a, b) => a * b, 1), 0);
  const summary: GgufSummary = { parameterCount, generated: metaBool(h, GENERATED_KEY) === true };
  if (architecture) summary.architecture = architecture;
  const name = metaString(h, 'general.name');
  if (name) summary.name = name;
  const ctx = architecture ? metaNumber(h, `${architecture}.context_length`) : undefined;
  if (ctx !== undefined) summary.contextLength = ctx;
  const template = metaString(h, 'tokenizer.chat_template');
  if (template) summary.chatTemplate = template;
  if (fileType !== undefined) summary.quantization = FILE_TYPES[fileType] ?? `file_type ${fileType}`;
  const kind = metaString(h, GENERATED_KIND_KEY);
  if (kind) summary.generatedKind = kind;
  return summary;
}

/** "0.4M", "8.2B": the way Ollama prints parameter sizes. */
export function formatParameterCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}

const digestCache = new Map<string, Promise<string>>();

/** sha256 of a file, streamed; cached per (path, size, mtime) for the life of the process. */
export function fileDigest(path: string): Promise<string> {
  const st = statSync(path);
  const key = `${path}\0${st.size}\0${st.mtimeMs}`;
  let digest = digestCache.get(key);
  if (!digest) {
    digest = new Promise<string>((resolveDigest, reject) => {
      const hash = createHash('sha256');
      createReadStream(path)
        .on('data', (chunk) => hash.update(chunk))
        .on('error', reject)
        .on('end', () => resolveDigest(hash.digest('hex')));
    });
    digestCache.set(key, digest);
    digest.catch(() => digestCache.delete(key));
  }
  return digest;
}

/** A short display name for a model file. */
export const displayName = (m: ResolvedModel) => (m.source === 'file' ? basename(m.path) : m.ref);
