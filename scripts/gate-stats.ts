// Shared by scripts/gate-noise.ts and scripts/gate-power.ts: seed runs of the golden experiment, loaded
// as a nondeterministic engine would produce them (the engine seed differs, the fingerprint is equal).
import { checkRuns, DEFAULT_THRESHOLDS, type CheckResult, type GateNoise } from '../src/report/compare/check.ts';
import { loadRun, type LoadedRun } from '../src/report/compare/load.ts';

/** Load a run; with `as`, give it that run's fingerprint (emulating an engine that ignores its seed). */
export function loadAs(dir: string, as?: LoadedRun): LoadedRun {
  const run = loadRun(dir);
  if (as) run.manifest = { ...run.manifest, fingerprint: as.manifest.fingerprint };
  return run;
}

export const pairsOf = <T>(xs: T[]): [T, T][] => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as [T, T]));

export function check(base: LoadedRun, cand: LoadedRun, noise: GateNoise | null): CheckResult {
  return checkRuns(base, { ...cand, manifest: { ...cand.manifest, fingerprint: base.manifest.fingerprint } }, DEFAULT_THRESHOLDS, noise);
}

/** A seeded uniform generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
