import { createHash } from 'node:crypto';
import type { AgentConfig, SuiteConfig } from '../config/types.ts';
import type { PromptFile } from '../config/prompts.ts';
import type { Task } from '../tasks/types.ts';

/**
 * What makes two runs comparable. Resume and compare refuse a mismatch in any of these fields;
 * the code version is recorded beside it (manifest.code) but is not part of it.
 */
export interface Fingerprint {
  /** Hash of the experiment's configuration: agents, prices, options, budgets, sandbox limits, provider. */
  config: string;
  /** Hash of the content of every selected task (the order of tasks does not matter). */
  dataset: string;
  /** Prompt file name → sha256. */
  prompts: Record<string, string>;
  /** Agent → model digest reported by the engine. */
  models: Record<string, string>;
  /** Agent → call type → thinking on/off. */
  think: Record<string, Record<string, boolean>>;
  seeds: number[];
  provider: string;
  /** Sandbox isolation level (bwrap, unshare, rlimit): a resume at another level is refused. */
  isolation?: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function datasetHash(tasks: Task[]): string {
  const lines = tasks.map(({ origin: _origin, bin: _bin, ...record }) => canonicalJson(record)).sort();
  return sha256(lines.join('\n'));
}

export interface FingerprintInput {
  agents: AgentConfig[];
  suites: { name: string; config: SuiteConfig; prompts: PromptFile[] }[];
  tasks: Task[];
  modelDigests: Record<string, string>;
  seeds: number[];
  provider: string;
  isolation?: string;
  /** Anything else that changes results (router settings, sim calibration…). */
  extra?: Record<string, unknown>;
}

export function makeFingerprint(input: FingerprintInput): Fingerprint {
  const prompts: Record<string, string> = {};
  for (const s of input.suites) for (const p of s.prompts) prompts[`${s.name}/${p.name}`] = p.sha256;
  const config = {
    agents: input.agents.map((a) => ({ name: a.name, model: a.model, price: a.pricePerMTok, ctx: a.contextLength, callTypes: a.callTypes })),
    // The whole suite configuration (budgets, sandbox limits, corpus, paging, search depth…).
    suites: input.suites.map((s) => ({ name: s.name, config: s.config })),
    provider: input.provider,
    extra: input.extra ?? {},
  };
  return {
    config: sha256(canonicalJson(config)),
    dataset: datasetHash(input.tasks),
    prompts,
    models: input.modelDigests,
    think: Object.fromEntries(input.agents.map((a) => [a.name, Object.fromEntries(Object.entries(a.callTypes).map(([t, o]) => [t, o.think]))])),
    seeds: input.seeds,
    provider: input.provider,
    ...(input.isolation ? { isolation: input.isolation } : {}),
  };
}

/** The fields in which two fingerprints differ (empty when they match). */
export function fingerprintDiff(a: Fingerprint, b: Fingerprint): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Fingerprint)[]);
  return [...keys].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}
