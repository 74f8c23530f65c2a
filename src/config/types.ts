import type { CallType } from '../models/types.ts';
import type { CallOptions, OllamaFile, OpenAiFile, SaleFile, SimFile, SuiteConfig } from './schema.ts';

export type { CallOptions, SaleFile, SimFile, SuiteConfig } from './schema.ts';

/** One agent after defaults are applied. */
export interface AgentConfig {
  /** Short name used everywhere: "4b", "8b", ... */
  name: string;
  /** Engine model name, e.g. "qwen3:8b". */
  model: string;
  pricePerMTok: number;
  contextLength: number;
  keepAlive: string;
  callTypes: Record<CallType, CallOptions>;
  /** Serving provider of this agent when it is not the run's --provider. */
  provider?: 'ollama' | 'openai';
  /** Endpoints serving this agent (several = load-balanced with fail-over). */
  endpoints?: string[];
}

/** The whole validated configuration. */
export interface Config {
  /** Folder the YAML files were read from. */
  dir: string;
  /** Project root: relative dataset paths resolve against it. */
  root: string;
  agents: AgentConfig[];
  ollama: OllamaFile;
  /** configs/openai.yaml (optional file; defaults when absent); base_url after OPENAI_BASE_URL / --host. */
  openai: OpenAiFile;
  suites: Record<string, SuiteConfig>;
  sim: SimFile;
  /** configs/sale.yaml (optional file; defaults when absent). */
  sale: SaleFile;
}
