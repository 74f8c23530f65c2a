// The suite registry: one entry per suite name in configs/suites.yaml.
import { isAbsolute, join } from 'node:path';
import type { Config, SuiteConfig } from '../config/types.ts';
import type { SandboxLimits } from '../sandbox/types.ts';
import type { Task } from '../tasks/types.ts';
import { ConfigError } from '../errors.ts';
import { loadTasks } from '../tasks/load.ts';
import { displayPath } from '../config/jsonl.ts';
import { createCodingSuite } from './coding/index.ts';
import { createDeepsearchSuite } from './deepsearch/index.ts';
import type { Suite } from './types.ts';
import type { SimSuiteProtocol } from '../models/sim/protocol.ts';
import { deepsearchSimProtocol } from './deepsearch/sim-protocol.ts';

export type { Grade, PromptFile, Suite, SuiteEnv } from './types.ts';

type SuiteKind = 'coding' | 'deepsearch';
type SuiteFactory = (name: string, config: SuiteConfig, tasks: Task[]) => Suite;

/** Suite implementations by kind. A new suite kind is one entry here and one folder beside this file. */
const factories: Partial<Record<SuiteKind, SuiteFactory>> = {
  coding: createCodingSuite,
  deepsearch: (name, config, tasks) => createDeepsearchSuite(name, config, tasks),
};

export function suiteNames(config: Config): string[] {
  return Object.keys(config.suites);
}

/** Build the suites named ('all' = every suite in configs/suites.yaml). */
export function createSuites(names: string[], config: Config, options: { tasks?: string[] } = {}): Suite[] {
  const all = suiteNames(config);
  const wanted = names.includes('all') ? all : names;
  const unknown = wanted.filter((n) => !all.includes(n));
  if (unknown.length) throw new ConfigError([`--suite: unknown suite(s) ${unknown.join(', ')}`], { fix: `use one of: ${[...all, 'all'].join(', ')}` });
  const suites = wanted.map((name) => {
    const sc = config.suites[name]!;
    const kind = (sc.kind ?? name) as SuiteKind;
    const factory = factories[kind];
    if (!factory) {
      throw new ConfigError([`configs/suites.yaml: ${name}.kind: unknown suite kind '${kind}'`], {
        fix: `set kind to one of: ${Object.keys(factories).join(', ')}`,
      });
    }
    const datasets = options.tasks ?? sc.datasets.map((d) => (isAbsolute(d) ? d : join(config.root, d)));
    const tasks = loadTasks(datasets);
    // `--tasks PATH` with the default suite: run the tasks with the suite of their own domain.
    const domains = [...new Set(tasks.map((t) => t.domain))];
    if (options.tasks && domains.length === 1 && domains[0] !== kind) {
      const match = all.find((n) => ((config.suites[n]!.kind ?? n) as SuiteKind) === domains[0]);
      if (match && factories[domains[0] as SuiteKind]) return factories[domains[0] as SuiteKind]!(match, config.suites[match]!, tasks);
      throw new ConfigError([`--tasks: the tasks are ${domains[0]} tasks, but suite '${name}' runs ${kind} tasks`], { fix: `pass --suite with a ${domains[0]} suite` });
    }
    // Every task must be of the suite's kind (a deep-search task in the coding suite would crash mid-run).
    const foreign = tasks.find((t) => t.domain !== kind);
    if (foreign) {
      throw new ConfigError([`${displayPath(foreign.origin.file)}:${foreign.origin.line} (task ${foreign.id}): a ${foreign.domain} task, but suite '${name}' runs ${kind} tasks`], {
        fix: 'keep coding and deep-search tasks in separate files, and pass each with its suite',
      });
    }
    return factory(name, sc, tasks);
  });
  // `--tasks` maps suites to the tasks' own domain: two suites may become one (never run a task twice).
  return suites.filter((s, i) => suites.findIndex((o) => o.name === s.name) === i);
}

/** The sandbox limits configured for these suites (the first suite that sets them), as the sandbox takes them. */
export function sandboxLimitsOf(suites: Suite[]): Partial<SandboxLimits> | undefined {
  const l = suites.find((s) => s.config.sandbox)?.config.sandbox;
  return l
    ? { timeoutMs: l.timeout_ms, cpuSeconds: l.cpu_seconds, memoryMb: l.memory_mb, maxProcesses: l.max_processes, maxOutputBytes: l.max_output_bytes }
    : undefined;
}

/** How the sim provider plays the suites it does not know itself (it knows coding; deep search is played here). */
const SIM_PROTOCOLS: SimSuiteProtocol[] = [deepsearchSimProtocol];

/** The sim protocols the tasks of these suites need (hand them to createModelClient). */
export const simProtocolsOf = (suites: Suite[]): SimSuiteProtocol[] => simProtocolsFor(suites.flatMap((s) => s.tasks));

/** The sim protocols these tasks need (for callers that hold tasks without suites, e.g. `sale grade --judge`). */
export const simProtocolsFor = (tasks: readonly Task[]): SimSuiteProtocol[] => SIM_PROTOCOLS.filter((p) => tasks.some((t) => t.payload.kind === p.kind));
