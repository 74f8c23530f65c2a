// configs/paper.yaml: the paper's protocol as data (suites and τ mixture, agents and prices, thinking,
// decoding, split, orders, baselines, ablations, juries, seeds), validated with zod. A bad file stops
// `sale repro paper` with "file:line key: message" and a fix (config/yaml-file.ts); a configuration
// folder that disagrees with it on what the protocol fixes is refused with both values named.
import { isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { readYamlFile } from '../config/yaml-file.ts';
import { ConfigError } from '../errors.ts';
import { routerNames } from '../routers/registry.ts';
import { BIN_KEYS } from '../tasks/bins.ts';

export const DEFAULT_PROTOCOL = join(PROJECT_ROOT, 'configs', 'paper.yaml');

const binKey = z.enum(BIN_KEYS);
const perBin = <T extends z.ZodType>(v: T) => z.partialRecord(binKey, v);

const suite = z.strictObject({
  /** `bundled` (the suite's datasets in the configuration folder) or a task file / folder (an import). */
  tasks: z.string().min(1).default('bundled'),
  /** The paper's number of tasks per τ bin (reweights the "all bins" rows to the paper's mixture). */
  tau_mix: perBin(z.number().int().nonnegative()).refine((m) => BIN_KEYS.every((k) => m[k] !== undefined), { message: `give a task count for every bin: ${BIN_KEYS.join(', ')}` }),
  sources: perBin(z.string()).optional(),
  alternatives: z.array(z.string()).optional(),
});

const ablation = z.enum(['price', 'length', 'entropy', 'jury', 'memory']);
const jury = z.enum(['self', 'peer', 'single', 'loo']);

export const protocolSchema = z.strictObject({
  paper: z.strictObject({ title: z.string(), arxiv: z.string() }),
  config: z.string().min(1).default('configs'),
  suites: z.record(z.enum(['coding', 'deepsearch']), suite).refine((s) => Object.keys(s).length > 0, { message: 'name at least one suite: coding, deepsearch' }),
  agents: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/), z.strictObject({ model: z.string().min(1), price_per_mtok: z.number().nonnegative() }))
    .refine((a) => Object.keys(a).length >= 2, { message: 'the protocol needs at least two agents' }),
  think: z.strictObject({ execute: z.boolean(), bid: z.boolean(), judge: z.boolean(), refine: z.boolean() }),
  decoding: z.strictObject({ temperature: z.number().min(0).max(2) }),
  split: z.strictObject({ train_frac: z.number().gt(0).lt(1), seed: z.number().int().min(0) }),
  sale: z.strictObject({ orders: z.number().int().min(1).max(100), jury: z.enum(['all', 'self', 'peer']), k: z.number().int().min(1).max(64) }),
  baselines: z.array(z.string().min(1)).min(1),
  ablations: z.array(ablation).default([]),
  juries: z.array(jury).default([]),
  seeds: z.strictObject({ engine: z.number().int().min(0), bootstrap: z.number().int().min(0) }),
  matrix: z.strictObject({ with_plans: z.boolean() }).default({ with_plans: false }),
  pilot: z.strictObject({ tasks_per_bin: z.number().int().min(1).max(50) }).default({ tasks_per_bin: 2 }),
});

export type Protocol = z.infer<typeof protocolSchema> & { file: string };

const shown = (file: string) => relative(process.cwd(), file) || file;

/** Read and check configs/paper.yaml (or another protocol file). */
export function loadProtocol(file = DEFAULT_PROTOCOL): Protocol {
  const p = readYamlFile(file, protocolSchema);
  const problems: string[] = [];
  const known = [...routerNames()];
  for (const b of p.baselines) if (!known.includes(b)) problems.push(`${shown(file)}: baselines: '${b}' is not a router (known: ${known.join(', ')})`);
  if (new Set(p.baselines).size !== p.baselines.length) problems.push(`${shown(file)}: baselines: a router is named twice`);
  if (problems.length) throw new ConfigError(problems, { fix: `correct ${shown(file)} at the keys named above` });
  return { ...p, file };
}

/** The configuration folder of the protocol, absolute. */
export const protocolConfigDir = (p: Protocol) => (isAbsolute(p.config) ? p.config : join(PROJECT_ROOT, p.config));

/** The task path of a suite (`undefined` for the bundled datasets). */
export const suiteTasks = (p: Protocol, name: string): string | undefined => {
  const t = p.suites[name as keyof Protocol['suites']]?.tasks;
  return !t || t === 'bundled' ? undefined : isAbsolute(t) ? t : join(PROJECT_ROOT, t);
};

/**
 * The configuration folder must run what the protocol says: the same agents at the paper's prices,
 * thinking per call type, greedy decoding, orders, k, jury and training share. Models are not compared
 * (your engine's names for the Qwen3 sizes are yours). Every disagreement is listed.
 */
export function checkConfigAgainstProtocol(p: Protocol, config: Config): void {
  const problems: string[] = [];
  const cfg = shown(join(config.dir, 'agents.yaml'));
  const ours = new Map(config.agents.map((a) => [a.name, a]));
  const names = Object.keys(p.agents);
  for (const n of names) if (!ours.has(n)) problems.push(`${shown(p.file)}: agents.${n}: not in ${cfg}`);
  for (const a of config.agents) if (!p.agents[a.name]) problems.push(`${cfg}: agents.${a.name}: not in ${shown(p.file)} (the protocol's pool is ${names.join(', ')})`);
  for (const [n, spec] of Object.entries(p.agents)) {
    const a = ours.get(n);
    if (!a) continue;
    if (a.pricePerMTok !== spec.price_per_mtok) problems.push(`${cfg}: agents.${n}.price_per_mtok is ${a.pricePerMTok}, ${shown(p.file)} says ${spec.price_per_mtok}`);
    for (const [type, think] of Object.entries(p.think)) {
      const opts = a.callTypes[type as keyof typeof a.callTypes];
      if (opts.think !== think) problems.push(`${cfg}: ${n} call type ${type}: think is ${opts.think}, ${shown(p.file)} think.${type} says ${think}`);
      if (opts.temperature !== p.decoding.temperature) problems.push(`${cfg}: ${n} call type ${type}: temperature ${opts.temperature}, ${shown(p.file)} decoding.temperature says ${p.decoding.temperature}`);
    }
  }
  const sale = shown(join(config.dir, 'sale.yaml'));
  if (config.sale.orders !== p.sale.orders) problems.push(`${sale}: orders is ${config.sale.orders}, ${shown(p.file)} sale.orders says ${p.sale.orders}`);
  if (config.sale.k !== p.sale.k) problems.push(`${sale}: k is ${config.sale.k}, ${shown(p.file)} sale.k says ${p.sale.k}`);
  if (config.sale.jury !== p.sale.jury) problems.push(`${sale}: jury is ${config.sale.jury}, ${shown(p.file)} sale.jury says ${p.sale.jury}`);
  if (problems.length) throw new ConfigError(problems, { fix: `make ${shown(p.file)} and the configuration folder '${p.config}' agree (or point the protocol's config: at another folder)` });
}

/** The `--no-…` / `--jury …` flags of `sale bench run --router sale` for the protocol's ablations. */
export function ablationFlags(p: Protocol): string[] {
  const flags = p.ablations.map((a) => `--no-${a}`);
  if (p.juries.length) flags.push('--jury', p.juries.join(','));
  return flags;
}
