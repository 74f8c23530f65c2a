import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';
import type { CallType } from '../models/types.ts';
import { agentsFileSchema, ollamaFileSchema, openaiFileSchema, saleFileSchema, simFileSchema, suitesFileSchema } from './schema.ts';
import type { AgentConfig, Config } from './types.ts';
import { readYamlFile } from './yaml-file.ts';

/** The project root (where package.json, configs/ and datasets/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CONFIG_DIR = join(PROJECT_ROOT, 'configs');

export interface ConfigOverrides {
  /** Overrides configs/ollama.yaml host; OLLAMA_HOST is read by the caller and passed here. */
  host?: string;
  /** Where `host` came from, for error messages (default "--host"). */
  hostSource?: string;
  /** Keep only these agents, in this order. */
  agents?: string[];
  /** Overrides configs/openai.yaml base_url (OPENAI_BASE_URL, or --host with --provider openai). */
  openaiBaseUrl?: string;
}

const CALL_TYPES: CallType[] = ['execute', 'bid', 'judge', 'refine'];

/**
 * Normalise an OLLAMA_HOST value the way Ollama does: scheme and port optional. A value that is not
 * a plain http(s)://host[:port] is a ConfigError naming `source` (the flag, variable or file).
 */
export function normaliseHost(host: string, source = '--host'): string {
  let h = host.trim();
  const bad = (why: string) =>
    new ConfigError([`${source}: '${host}' is not an Ollama host (${why})`], { fix: `give host[:port] or http://host:port, e.g. 127.0.0.1:11434` });
  if (h === '') throw bad('empty');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(h) && !/^https?:\/\//i.test(h)) throw bad('only http:// and https:// are spoken');
  if (!/^https?:\/\//i.test(h)) h = `http://${h}`;
  let url: URL;
  try {
    url = new URL(h);
  } catch {
    throw bad('not a valid URL');
  }
  if (!url.hostname) throw bad('no host name');
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) throw bad('a host takes no path, query or user');
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(h)) url.port = url.protocol === 'https:' ? '443' : '11434';
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  return url.origin;
}

/** Load, validate and normalise configs/*.yaml. Reports every problem at once. */
export function loadConfig(dir = DEFAULT_CONFIG_DIR, overrides: ConfigOverrides = {}): Config {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ConfigError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  const file = (name: string) => join(dir, name);
  for (const name of ['agents.yaml', 'ollama.yaml', 'suites.yaml', 'sim.yaml']) {
    if (!existsSync(file(name))) problems.push(`${file(name)}: missing configuration file`);
  }
  if (problems.length) throw new ConfigError(problems, { fix: 'point --config at a folder holding agents.yaml, ollama.yaml, suites.yaml and sim.yaml' });
  const agentsFile = attempt(() => readYamlFile(file('agents.yaml'), agentsFileSchema));
  const ollama = attempt(() => readYamlFile(file('ollama.yaml'), ollamaFileSchema));
  const suites = attempt(() => readYamlFile(file('suites.yaml'), suitesFileSchema));
  const sim = attempt(() => readYamlFile(file('sim.yaml'), simFileSchema));
  // sale.yaml (the strategy auction) is optional: without it the schema's defaults apply.
  const sale = existsSync(file('sale.yaml')) ? attempt(() => readYamlFile(file('sale.yaml'), saleFileSchema)) : saleFileSchema.parse(undefined);
  const openai = existsSync(file('openai.yaml')) ? attempt(() => readYamlFile(file('openai.yaml'), openaiFileSchema)) : openaiFileSchema.parse({});
  if (!agentsFile || !ollama || !suites || !sim || !sale || !openai) throw new ConfigError(problems);

  let agents: AgentConfig[] = Object.entries(agentsFile.agents).map(([name, a]) => ({
    name,
    model: a.model,
    pricePerMTok: a.price_per_mtok,
    contextLength: a.context_length ?? agentsFile.defaults.context_length,
    keepAlive: agentsFile.defaults.keep_alive,
    ...(a.provider ? { provider: a.provider } : {}),
    ...(a.endpoints ? { endpoints: a.endpoints } : {}),
    callTypes: Object.fromEntries(
      CALL_TYPES.map((t) => [t, { ...agentsFile.defaults.call_types[t], ...(a.call_types?.[t] ?? {}) }]),
    ) as AgentConfig['callTypes'],
  }));
  if (overrides.agents) {
    const known = agents.map((a) => a.name);
    const unknown = overrides.agents.filter((n) => !known.includes(n));
    if (unknown.length) {
      throw new ConfigError([`--agents: unknown agent(s) ${unknown.join(', ')}`], { fix: `use names from agents.yaml: ${known.join(', ')}` });
    }
    agents = overrides.agents.map((n) => agents.find((a) => a.name === n)!);
  }
  const host = overrides.host !== undefined ? normaliseHost(overrides.host, overrides.hostSource) : normaliseHost(ollama.host, `${file('ollama.yaml')}: host`);
  const baseUrl = overrides.openaiBaseUrl ?? openai.base_url;
  return { dir, root: PROJECT_ROOT, agents, ollama: { ...ollama, host }, openai: { ...openai, base_url: baseUrl.replace(/\/+$/, '') }, suites, sim, sale };
}
