// The embedded llama.cpp engine (node-llama-cpp 3.21.1), loaded lazily from its own package folder.
//
// The engine lives in engines/llamacpp/ with its own package.json and lock, apart from the project's
// dependencies, so the default `npm ci` stays lean: it is installed only where wanted, CPU build only
// (`--omit=optional` drops the GPU builds that node-llama-cpp lists as optional dependencies; the
// linux-x64 CPU build stays because the folder declares it directly). SALE_LLAMACPP_ENGINE_DIR points
// at another such folder (one with the CUDA or Vulkan build installed, say).
//
// The binding is typed here by the few members we use, so type checking does not need the engine.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../config/load.ts';
import { SaleError } from '../../errors.ts';

export const ENGINE_VERSION = '3.21.1';
export const DEFAULT_ENGINE_DIR = join(PROJECT_ROOT, 'engines', 'llamacpp');
/** The one command that installs the engine (CPU build), run from the project root. */
export const ENGINE_INSTALL_COMMAND =
  'cd engines/llamacpp && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true NODE_LLAMA_CPP_POSTINSTALL=skip npm ci --omit=optional --no-audit --no-fund';

export function engineDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SALE_LLAMACPP_ENGINE_DIR?.trim() || DEFAULT_ENGINE_DIR;
}

export type Token = number;

export interface NlcTokenMeterState {
  usedInputTokens: number;
  usedOutputTokens: number;
}

export interface NlcEvaluateOptions {
  temperature?: number;
  minP?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  grammarEvaluationState?: unknown;
}

export interface NlcEvaluateOutput {
  token: Token;
  probabilities?: Map<Token, number>;
}

export interface NlcSequence {
  readonly contextTokens: Token[];
  readonly nextTokenIndex: number;
  readonly tokenMeter: { getState(): NlcTokenMeterState };
  clearHistory(): Promise<void>;
  eraseContextTokenRanges(ranges: { start: number; end: number }[]): Promise<void>;
  evaluateWithMetadata(tokens: Token[], metadata: { probabilities?: boolean }, options?: NlcEvaluateOptions): AsyncGenerator<NlcEvaluateOutput, void, Token | undefined>;
  dispose(): void;
}

export interface NlcContext {
  readonly contextSize: number;
  getSequence(): NlcSequence;
  dispose(): Promise<void>;
}

export interface NlcModel {
  readonly trainContextSize: number;
  tokenize(text: string, specialTokens?: boolean): Token[];
  detokenize(tokens: readonly Token[], specialTokens?: boolean): string;
  isEogToken(token: Token): boolean;
  createContext(options: { contextSize: number; threads?: number; sequences?: number; batchSize?: number }): Promise<NlcContext>;
  dispose(): Promise<void>;
}

export interface NlcGrammar {
  readonly _brand?: 'grammar';
}

export interface NlcLlama {
  readonly gpu: string | false;
  readonly buildType: string;
  readonly cpuMathCores: number;
  loadModel(options: { modelPath: string; gpuLayers?: number | 'auto' | 'max'; useMmap?: boolean }): Promise<NlcModel>;
  createGrammarForJsonSchema(schema: unknown): Promise<NlcGrammar>;
  getGrammarFor(type: 'json'): Promise<NlcGrammar>;
  dispose(): Promise<void>;
}

export interface NodeLlamaCpp {
  getLlama(options: Record<string, unknown>): Promise<NlcLlama>;
  LlamaGrammarEvaluationState: new (options: { model: NlcModel; grammar: NlcGrammar }) => unknown;
}

export interface JinjaTemplate {
  render(context: Record<string, unknown>): string;
}

export interface Engine {
  dir: string;
  version: string;
  nlc: NodeLlamaCpp;
  Template: new (source: string) => JinjaTemplate;
}

/** The engine is not installed where we look for it. */
export class EngineMissingError extends SaleError {
  constructor(dir: string, detail: string) {
    super(`the llama.cpp engine (node-llama-cpp ${ENGINE_VERSION}) is not installed in ${dir} (${detail})`, {
      fix: dir === DEFAULT_ENGINE_DIR ? `install it: ${ENGINE_INSTALL_COMMAND}` : `install node-llama-cpp@${ENGINE_VERSION} in ${dir}, or unset SALE_LLAMACPP_ENGINE_DIR and run: ${ENGINE_INSTALL_COMMAND}`,
    });
    this.name = 'EngineMissingError';
  }
}

/** Where node-llama-cpp resolves from the engine folder, or why it does not. */
export function locateEngine(dir = engineDir()): { ok: true; entry: string; version: string } | { ok: false; why: string } {
  if (!existsSync(join(dir, 'package.json'))) return { ok: false, why: `no package.json in ${dir}` };
  let entry: string;
  try {
    entry = createRequire(join(dir, 'package.json')).resolve('node-llama-cpp');
  } catch {
    return { ok: false, why: 'node-llama-cpp is not in its node_modules' };
  }
  let version = 'unknown';
  try {
    const pkgFile = join(dirname(entry), '..', 'package.json');
    version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string }).version ?? version;
  } catch {
    // keep "unknown"
  }
  return { ok: true, entry, version };
}

export function engineInstalled(dir = engineDir()): boolean {
  return locateEngine(dir).ok;
}

let cached: { dir: string; engine: Promise<Engine> } | undefined;

/** Import node-llama-cpp (and the Jinja engine it ships with) from the engine folder, once. */
export function loadEngine(dir = engineDir()): Promise<Engine> {
  if (cached?.dir === dir) return cached.engine;
  const engine = (async (): Promise<Engine> => {
    const found = locateEngine(dir);
    if (!found.ok) throw new EngineMissingError(dir, found.why);
    const nlc = (await import(pathToFileURL(found.entry).href)) as NodeLlamaCpp;
    // @huggingface/jinja is node-llama-cpp's own dependency: resolve it from there.
    const jinjaEntry = createRequire(found.entry).resolve('@huggingface/jinja');
    const jinja = (await import(pathToFileURL(jinjaEntry).href)) as { Template: Engine['Template'] };
    return { dir, version: found.version, nlc, Template: jinja.Template };
  })();
  cached = { dir, engine };
  engine.catch(() => {
    if (cached?.engine === engine) cached = undefined;
  });
  return engine;
}
