// One-time migration of the bundled coding tasks' τ to the `coding-reading` v1 model
// (src/suites/coding/tau-model.ts): reads each task's annotated rule rationale, takes its solving work
// without the old per-bin base, adds reading time and the test allowance, and rewrites only the tau and
// tau_source fields. Usage: node --import tsx scripts/coding-tau.ts [--check]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODING_TAU, CODING_TAU_ESTIMATOR, codingRationale, codingTau, codingTauCheck, readMinutes, round2 } from '../src/suites/coding/tau-model.ts';

const DIR = join(import.meta.dirname, '..', 'datasets', 'coding');
const BASE: Record<string, number> = { b3: 0.5, b4: 3, b5: 15 };
const TEST: Record<string, number> = { b3: CODING_TAU.test.short, b4: CODING_TAU.test.medium, b5: CODING_TAU.test.hard };

function solveOf(file: string, rationale: string): { solve: number; why: string } {
  const kind = file.slice(0, 2);
  if (kind === 'b1') {
    const lines = Number(/× (\d+) lines? to trace/.exec(rationale)?.[1] ?? NaN);
    if (!Number.isFinite(lines)) throw new Error(`${file}: no traced lines in '${rationale}'`);
    return { solve: round2(lines * CODING_TAU.traceMinPerLine), why: `trace ${lines} lines at ${CODING_TAU.traceMinPerLine} min each` };
  }
  if (kind === 'b2') {
    const m = /^bin-2 rule: (.*?) = ([\d.]+) \((.*)\)$/.exec(rationale);
    if (!m) throw new Error(`${file}: unexpected rationale '${rationale}'`);
    return { solve: Number(m[2]), why: `${m[1]}: ${m[3]}` };
  }
  const m = /^bin-\d rule: base [\d.]+ \+ (.*?) = ([\d.]+)(?:, capped at [\d.]+)?$/.exec(rationale);
  if (!m) throw new Error(`${file}: unexpected rationale '${rationale}'`);
  const solve = round2(Number(m[2]) - BASE[kind]! + TEST[kind]!);
  return { solve, why: `${m[1]} + test ${TEST[kind]}` };
}

const check = process.argv.includes('--check');
let moved = 0;
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
  const lines = readFileSync(join(DIR, file), 'utf8').trim().split('\n');
  const out = lines.map((line) => {
    const t = JSON.parse(line);
    const options = t.payload.kind === 'multiple_choice' ? t.payload.options : undefined;
    if (t.tau_source.name === CODING_TAU_ESTIMATOR.name) {
      if (codingTauCheck(t.prompt, options, t.tau_source.rationale) !== t.tau) throw new Error(`${file}: ${t.id}: τ does not follow its rationale`);
      return line;
    }
    if (check) throw new Error(`${file}: ${t.id} is not migrated`);
    const { words, minutes } = readMinutes(t.prompt, options);
    const { solve, why } = solveOf(file, t.tau_source.rationale);
    const { tau } = codingTau(minutes, solve);
    if (Math.floor(Math.log(tau) / Math.log(5)) !== Math.floor(Math.log(t.tau) / Math.log(5))) moved++;
    t.tau = tau;
    t.tau_source = { kind: 'estimator', ...CODING_TAU_ESTIMATOR, rationale: codingRationale(words, minutes, solve, why) };
    return line.replace(/"tau": [^,]+, "tau_source": \{[^}]*\}/, `"tau": ${tau}, "tau_source": ${JSON.stringify(t.tau_source).replace(/":/g, '": ').replace(/,"/g, ', "')}`);
  });
  if (!check) writeFileSync(join(DIR, file), out.join('\n') + '\n');
}
console.log(check ? 'coding τ: every task follows coding-reading v1' : `coding τ migrated (${moved} tasks changed magnitude band)`);
