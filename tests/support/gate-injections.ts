// Deliberately injected regressions for the gate's self-test (tests/gate-selftest.test.ts): each is a
// text edit of one source file in a COPY of the code. `stage` says which step of the experiment the
// edited code takes part in: 'matrix' (the agents' runs) or 'replay' (routers and SALE on the matrix).
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export interface Injection {
  name: string;
  file: string;
  from: string;
  to: string;
  stage: 'matrix' | 'replay';
}

export const INJECTIONS: Injection[] = [
  {
    name: 'oracle picks the dearest agent',
    file: 'src/metrics/oracle.ts',
    from: '} else if (o.costUsd < best.o.costUsd) best = { agent, o };',
    to: '} else if (o.costUsd > best.o.costUsd) best = { agent, o };',
    stage: 'replay',
  },
  {
    name: 'cascade never accepts',
    file: 'src/routers/builtin/cascade.ts',
    from: 'if (score >= fit.thresholds[i]!) break;',
    to: 'if (score > Infinity) break;',
    stage: 'replay',
  },
  {
    name: 'SALE ignores the jury',
    file: 'src/sale/features.ts',
    from: 'for (const [j, wj] of Object.entries(w.jury)) V += wj * (f.jury[j] ?? 0);',
    to: 'for (const [j, wj] of Object.entries(w.jury)) V += 0 * wj * (f.jury[j] ?? 0);',
    stage: 'replay',
  },
  {
    name: 'grader truncates submissions at 250 characters',
    file: 'src/suites/coding/grader.ts',
    from: 'let report = await runFunctionTests(sandbox, p, submission.code);',
    to: 'let report = await runFunctionTests(sandbox, p, submission.code.slice(0, 250));',
    stage: 'matrix',
  },
  {
    name: 'prices swapped between 4b and 32b',
    file: 'src/runner/attempt.ts',
    from: 'costUsd: ((usage.billedInputTokens + usage.outputTokens) * agent.pricePerMTok) / 1e6,',
    to: "costUsd: ((usage.billedInputTokens + usage.outputTokens) * (agent.name === '4b' ? 0.36 : agent.name === '32b' ? 0.05 : agent.pricePerMTok)) / 1e6,",
    stage: 'matrix',
  },
  {
    name: "an agent's success halved in the sim (14b)",
    file: 'src/models/sim/calibration.ts',
    from: 'return sigmoid(c.alpha + c.beta * Math.log(tau) + delta);',
    to: "return sigmoid(c.alpha + c.beta * Math.log(tau) + delta) * (agent === '14b' ? 0.5 : 1);",
    stage: 'matrix',
  },
];

/**
 * A copy of the code (src, bin, configs) sharing node_modules and datasets, with one injection applied;
 * `configure` then adjusts the copy's configs/ for an experiment (the working tree is never touched).
 */
export function copyOfCode(base: string, injection?: Injection, configure?: (configs: string) => void): string {
  const dir = join(base, injection ? injection.name.replace(/[^a-z0-9]+/gi, '-') : 'unchanged');
  mkdirSync(dir, { recursive: true });
  for (const p of ['src', 'bin', 'configs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  for (const p of ['node_modules', 'datasets']) symlinkSync(join(ROOT, p), join(dir, p));
  configure?.(join(dir, 'configs'));
  if (injection) {
    const file = join(dir, injection.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(injection.from)) throw new Error(`injection '${injection.name}': anchor not found in ${injection.file}`);
    writeFileSync(file, text.replace(injection.from, injection.to));
  }
  return dir;
}

