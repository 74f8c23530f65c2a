import type { CallType } from '../models/types.ts';
import type { CallOptions, OllamaFile, SaleFile, SimFile, SuiteConfig } from './schema.ts';

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
}

/** The whole validated configuration. */
export interface Config {
  /** Folder the YAML files were read from. */
  dir: string;
  /** Project root: relative dataset paths resolve against it. */
  root: string;
  agents: AgentConfig[];
  ollama: OllamaFile;
  suites: Record<string, SuiteConfig>;
  sim: SimFile;
  /** configs/sale.yaml (optional file; defaults when absent). */
  sale: SaleFile;
}
