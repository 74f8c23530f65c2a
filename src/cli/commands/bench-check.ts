import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, ExitError } from '../../errors.ts';
import { checkJson, checkRuns, DEFAULT_THRESHOLDS, readNoise } from '../../report/compare/check.ts';
import { checkMarkdown, checkSummary } from '../../report/compare/check-markdown.ts';
import { loadRun } from '../../report/compare/load.ts';

interface CheckFlags {
  baseline: string;
  candidate: string;
  maxDrop: string;
  maxCostRise: string;
  maxShareRise: string;
  alpha: string;
  noise?: string;
  json?: boolean;
  summary?: string;
}

function threshold(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new ConfigError([`${name}: '${value}' is not a number ≥ 0`]);
  return n;
}

export function registerBenchCheck(bench: Command): void {
  bench
    .command('check')
    .description('regression gate: compare a candidate run with a baseline on the same tasks; exit 1 on a real regression, 2 when the runs are not comparable')
    .requiredOption('--baseline <dir>', 'baseline run directory (e.g. the committed golden run)')
    .requiredOption('--candidate <dir>', 'candidate run directory (same experiment, code under test)')
    .option('--max-drop <points>', 'fail when pass@1 fell by more than this many points', String(DEFAULT_THRESHOLDS.maxDrop))
    .option('--max-cost-rise <percent>', 'fail when cost rose by more than this %', String(DEFAULT_THRESHOLDS.maxCostRise))
    .option('--max-share-rise <points>', "fail when the largest agent's workload share rose by more than this many points", String(DEFAULT_THRESHOLDS.maxShareRise))
    .option('--alpha <x>', 'family-wise false-alarm rate over every gated metric (Bonferroni)', String(DEFAULT_THRESHOLDS.alpha))
    .option('--noise <file>', 'rerun noise per system (noise.json of scripts/gate-noise.ts, or a folder holding one): for a nondeterministic engine')
    .option('--json', 'print the result as JSON instead of Markdown')
    .option('--summary <file>', 'also write a short Markdown summary (verdict, failing systems first) to this file, e.g. for a pull-request comment')
    .addHelpText(
      'after',
      `
Each system is gated on its paired differences over the tasks both runs hold (every domain pooled).
A metric fails when its change is beyond the threshold AND significant: change / SE > Φ⁻¹(1 − α/m)
over the m gated metrics, SE = √(paired sd²/n + τ²), τ = the rerun noise of --noise (0 without it:
right for a deterministic engine such as the sim with a fixed seed).

Exit codes: 0 no regression · 1 regression (or a system the baseline has is missing) ·
            2 fingerprints differ in anything but the code (dataset, prompts, models, seeds, config…)

Examples:
  $ sale bench check --baseline results/golden/all-sim --candidate /tmp/candidate
  $ sale bench check --baseline a --candidate b --max-drop 5 --summary pr-comment.md
  $ sale bench check --baseline a --candidate b --json > check.json
  $ sale bench check --baseline golden --candidate nightly --noise golden/noise.json   # nondeterministic engine`,
    )
    .action((flags: CheckFlags) => {
      const thresholds = {
        maxDrop: threshold('--max-drop', flags.maxDrop),
        maxCostRise: threshold('--max-cost-rise', flags.maxCostRise),
        maxShareRise: threshold('--max-share-rise', flags.maxShareRise),
        alpha: threshold('--alpha', flags.alpha),
      };
      if (!(thresholds.alpha > 0 && thresholds.alpha < 1)) throw new ConfigError([`--alpha: '${flags.alpha}' is not in (0, 1)`]);
      const noise = flags.noise ? readNoise(resolve(flags.noise)) : null;
      if (flags.noise && !noise) throw new ConfigError([`--noise: ${flags.noise} is not a noise.json (nor a folder holding one)`], { fix: 'make one with scripts/gate-noise.ts' });
      const result = checkRuns(loadRun(flags.baseline), loadRun(flags.candidate), thresholds, noise);
      const markdown = checkMarkdown(result);
      process.stdout.write(flags.json ? checkJson(result) : markdown);
      if (flags.summary) {
        const file = resolve(flags.summary);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, checkSummary(result));
      }
      if (result.exitCode === 2)
        throw new ExitError(
          2,
          `check: run fingerprints differ in ${result.mismatches.map((m) => m.field).join(', ')}; the runs are not comparable (refresh the baseline if the change is intended)`,
        );
      if (result.exitCode === 1) {
        const failed = result.systems.filter((s) => s.status === 'fail' || s.status === 'missing').map((s) => s.system);
        throw new ExitError(1, `check: regression beyond the thresholds in ${failed.join(', ')}`);
      }
    });
}
