// Runs dependency-cruiser through its API with the rules of .dependency-cruiser.cjs. (Its command-line
// front end refuses Node 20, which this project supports; the API itself runs on it.)
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const RULES_FILE = resolve(import.meta.dirname, '../../.dependency-cruiser.cjs');

export interface Violation {
  rule: string;
  from: string;
  to: string;
  /** The modules of an import cycle, in order. */
  cycle?: string[];
}

/** Cruise `dirs` (relative to `root`) with the project's rules; paths in the result are relative to `root`. */
export async function cruiseTree(root: string, dirs: string[] = ['src']): Promise<ICruiseResult> {
  const config = createRequire(import.meta.url)(RULES_FILE) as IConfiguration;
  const { tsConfig, ...options } = config.options ?? {};
  // The project's tsconfig resolves imports (a fixture tree has none of its own).
  const tsConfigFile = resolve(RULES_FILE, '..', tsConfig?.fileName ?? 'tsconfig.json');
  const result = await cruise(
    dirs,
    { ...options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden ?? [] }, tsConfig: { fileName: tsConfigFile } },
    undefined,
    { tsConfig: { fileName: tsConfigFile } } as never,
  );
  return result.output as ICruiseResult;
}

export function violationsOf(result: ICruiseResult): Violation[] {
  return result.summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle?.length ? { cycle: v.cycle.map((c) => c.name) } : {}) }));
}

/** One line per violation: the rule's name first, then the offending import (or cycle). */
export const describeViolation = (v: Violation): string =>
  `${v.rule}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${[...v.cycle, v.cycle[0]].join(' → ')})` : ''}`;
