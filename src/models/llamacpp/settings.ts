// Settings of the llamacpp provider from the environment (the YAML configuration has no section for
// it yet): SALE_LLAMACPP_THREADS (default: physical cores), SALE_LLAMACPP_GPU (false | auto | cuda |
// vulkan | metal; default false), SALE_LLAMACPP_ENGINE_DIR (read by engine.ts), OLLAMA_MODELS (the
// Ollama store), SALE_LLAMACPP_LOG (llama.cpp log level; default error).
import { ConfigError } from '../../errors.ts';
import type { LlamaCppSettings, LlamaGpu } from './client.ts';

const GPUS = ['false', 'auto', 'cuda', 'vulkan', 'metal'] as const;
const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export function llamaCppSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LlamaCppSettings {
  const settings: LlamaCppSettings = {};
  const threads = env.SALE_LLAMACPP_THREADS?.trim();
  if (threads) {
    const n = Number(threads);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError([`SALE_LLAMACPP_THREADS: '${threads}' is not an integer ≥ 1`]);
    settings.threads = n;
  }
  const gpu = env.SALE_LLAMACPP_GPU?.trim().toLowerCase();
  if (gpu) {
    if (!(GPUS as readonly string[]).includes(gpu)) throw new ConfigError([`SALE_LLAMACPP_GPU: '${gpu}' is not one of ${GPUS.join(', ')}`]);
    settings.gpu = gpu === 'false' ? false : (gpu as Exclude<LlamaGpu, false>);
  }
  const log = env.SALE_LLAMACPP_LOG?.trim().toLowerCase();
  if (log) {
    if (!(LOG_LEVELS as readonly string[]).includes(log)) throw new ConfigError([`SALE_LLAMACPP_LOG: '${log}' is not one of ${LOG_LEVELS.join(', ')}`]);
    settings.logLevel = log as (typeof LOG_LEVELS)[number];
  }
  return settings;
}
