// Shared flag parsing: flags become typed values here, or a ConfigError naming the flag.
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { parseBin } from '../tasks/bins.ts';

export const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export function intFlag(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ConfigError([`${name}: '${value}' is not an integer ≥ ${min}`]);
  return n;
}

export function binsFlag(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  try {
    return [...new Set(list(value).map(parseBin))].sort();
  } catch (e) {
    throw new ConfigError([`--bins: ${(e as Error).message}`]);
  }
}

/**
 * Load configs/ (or --config), with --agents the pool. --host overrides the Ollama host (after
 * OLLAMA_HOST), or with --provider openai the OpenAI-compatible base URL (after OPENAI_BASE_URL).
 */
export function configFromFlags(flags: { config?: string; host?: string; agents?: string; provider?: string }): Config {
  const openai = flags.provider === 'openai';
  const host = openai ? process.env.OLLAMA_HOST : (flags.host ?? process.env.OLLAMA_HOST);
  const baseUrl = openai ? (flags.host ?? process.env.OPENAI_BASE_URL) : process.env.OPENAI_BASE_URL;
  return loadConfig(flags.config, {
    ...(host ? { host } : {}),
    ...(baseUrl ? { openaiBaseUrl: baseUrl } : {}),
    ...(flags.agents ? { agents: list(flags.agents) } : {}),
  });
}
