// Shared flag parsing: flags become typed values here, or a ConfigError naming the flag.
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { parseBin } from '../tasks/bins.ts';
import { ISOLATION_LEVELS } from '../sandbox/detect.ts';
import type { Isolation } from '../sandbox/types.ts';

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

/** `--agents a,b`: a non-empty list without repeats (a repeated agent would run, and count, twice). */
export function agentsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = list(value);
  if (names.length === 0) throw new ConfigError([`--agents: '${value}' names no agent`], { fix: 'name agents from agents.yaml, e.g. --agents 4b,8b, or leave the flag out for all' });
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigError([`--agents: agent '${dup}' is named twice`], { fix: 'name each agent once' });
  return names;
}

/** `--isolation LEVEL`: one of the sandbox levels. */
export function isolationFlag(value: string | undefined): Isolation | undefined {
  if (value === undefined) return undefined;
  if (!(ISOLATION_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError([`--isolation: unknown level '${value}'; valid levels: ${ISOLATION_LEVELS.join(', ')}`], {
      fix: `pass one of ${ISOLATION_LEVELS.join(', ')}, or leave the flag out for the strongest that works here`,
    });
  }
  return value as Isolation;
}

/**
 * Load configs/ (or --config), with --agents the pool. --host overrides the Ollama host (after
 * OLLAMA_HOST), or with --provider openai the OpenAI-compatible base URL (after OPENAI_BASE_URL).
 */
export function configFromFlags(flags: { config?: string; host?: string; agents?: string; provider?: string }): Config {
  const openai = flags.provider === 'openai';
  const hostFlag = openai ? undefined : flags.host;
  const fromEnv = hostFlag === undefined && process.env.OLLAMA_HOST !== undefined && process.env.OLLAMA_HOST !== '';
  const host = hostFlag ?? (fromEnv ? process.env.OLLAMA_HOST : undefined);
  const baseUrl = openai ? (flags.host ?? process.env.OPENAI_BASE_URL) : process.env.OPENAI_BASE_URL;
  const agents = agentsFlag(flags.agents);
  return loadConfig(flags.config, {
    ...(host !== undefined ? { host, hostSource: fromEnv ? 'OLLAMA_HOST' : '--host' } : {}),
    ...(baseUrl ? { openaiBaseUrl: baseUrl } : {}),
    ...(agents ? { agents } : {}),
  });
}
