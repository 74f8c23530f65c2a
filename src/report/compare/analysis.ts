// Everything `sale bench compare` reports for one domain, computed from records alone (pure): points for
// the plots, the frontier, AIQ and APGR, paired differences against the largest agent, time horizons.
import { aiq, apgr, paretoFrontier } from '../../metrics/frontier.ts';
import { timeHorizons, type TimeHorizons } from '../../metrics/horizons.ts';
import { bootstrapWithinStrata, mcnemarExact, pairedDifference, percentileInterval } from '../../metrics/stats.ts';
import { summarizeGroup, type BinKey, type SummaryRow } from '../../metrics/summarize.ts';
import { agentSystem, type AttemptRecord } from '../../records/records.ts';
import type { AgentInfo } from './load.ts';
import { oracleRecords, systemKind, type SystemKind } from './oracle.ts';

export interface SystemPoint extends SummaryRow {
  kind: SystemKind;
  /** Mean cost per attempted task ($) and its bootstrap 95 % interval (tasks resampled within bins). */
  costPerTask: number;
  costPerTaskLow: number;
  costPerTaskHigh: number;
  /** cost / cost of the largest agent alone, on the tasks both attempted; NaN without that agent. */
  relativeCost: number;
  /** Share of tasks the largest agent executed. */
  largestShare: number;
}

export interface PairedRow {
  system: string;
  baseline: string;
  /** Tasks both graded. */
  n: number;
  /** Mean of s(system) − s(baseline) and its 95 % interval (fractions, not points). */
  mean: number;
  low: number;
  high: number;
  /** Discordant pairs: only the system solved (b), only the baseline solved (c). */
  b: number;
  c: number;
  mcnemarP: number;
}

export interface BinTauPoint {
  system: string;
  bin: number;
  /** Geometric mean τ of the graded tasks in the bin (minutes). */
  tau: number;
  pass1: number;
  n: number;
}

export interface DomainAnalysis {
  domain: string;
  /** Display order: single agents (cheapest first), then routers by name, then the oracle. */
  systems: string[];
  agents: AgentInfo[];
  /** System names of the largest (dearest) and the weakest (cheapest) single agent, when present. */
  largest: string | null;
  weakest: string | null;
  overall: SystemPoint[];
  byBin: SystemPoint[];
  /** Systems on the non-dominated (cost per task, pass@1) frontier, cheapest first; the oracle is left out (no one can deploy it). */
  frontier: string[];
  /** AIQ per system, plus the key `agents` for the single agents together (RouterBench's zero router). */
  aiq: Record<string, number>;
  aiqRange: [number, number] | null;
  /** APGR per router (and the oracle). */
  apgr: Record<string, number>;
  /**
   * The documented random baseline of APGR: a uniform random choice among the single agents, whose
   * expected pass@1 is the mean of their pass@1 and whose largest-agent share is 1/|agents|; `apgr` is
   * its APGR (the random router's should sit near it). Null without the weakest and largest agents.
   */
  randomBaseline: { share: number; pass1: number; apgr: number } | null;
  paired: PairedRow[];
  horizons: Record<string, TimeHorizons>;
  binTau: BinTauPoint[];
  oracle: boolean;
  seed: number;
  reps: number;
}

export interface AnalysisOptions {
  seed?: number;
  /** Bootstrap replicates (cost intervals and time horizons). */
  reps?: number;
}

const graded = (rs: readonly AttemptRecord[]) => rs.filter((r) => r.status !== 'infra-error');

/** Display order: single agents cheapest first, then routers by name, then the oracle. */
export function systemOrder(systems: string[], agents: readonly AgentInfo[]): string[] {
  const agentOrder = agents.map((a) => agentSystem(a.name));
  const rank = (s: string) => {
    const kind = systemKind(s);
    if (kind === 'agent') {
      const i = agentOrder.indexOf(s.split('@')[0]!);
      return [0, i < 0 ? agentOrder.length : i] as const;
    }
    return [kind === 'router' ? 1 : 2, 0] as const;
  };
  return [...systems].sort((a, b) => {
    const [ka, ia] = rank(a);
    const [kb, ib] = rank(b);
    return ka - kb || ia - ib || a.localeCompare(b, 'en', { numeric: true });
  });
}

/** Analyse one domain. `records` may hold several domains; the oracle is added when it can be computed. */
export function analyzeDomain(allRecords: readonly AttemptRecord[], domain: string, agents: readonly AgentInfo[], options: AnalysisOptions = {}): DomainAnalysis {
  const seed = options.seed ?? 0;
  const reps = options.reps ?? 1000;
  const base = allRecords.filter((r) => r.domain === domain);
  const oracle = oracleRecords(base, agents, domain);
  const records = [...base, ...oracle];
  const agentNames = agents.map((a) => a.name);
  const present = new Set(records.map((r) => r.system));
  const systems = systemOrder([...present], agents);
  const bySystem = new Map(systems.map((s) => [s, records.filter((r) => r.system === s)]));
  const largestName = [...agents].reverse().find((a) => present.has(agentSystem(a.name)))?.name ?? null;
  const weakestName = agents.find((a) => present.has(agentSystem(a.name)))?.name ?? null;
  const largest = largestName ? agentSystem(largestName) : null;
  const weakest = weakestName ? agentSystem(weakestName) : null;
  const largestByTask = new Map((largest ? bySystem.get(largest)! : []).map((r) => [r.taskId, r]));

  const point = (system: string, bin: BinKey, rs: AttemptRecord[]): SystemPoint => {
    const row = summarizeGroup(system, domain as SummaryRow['domain'], bin, rs, agentNames);
    const mean = (sample: AttemptRecord[]) => sample.reduce((s, r) => s + r.costUsd, 0) / sample.length;
    const ci = percentileInterval(bootstrapWithinStrata(rs, (r) => r.bin, mean, { reps, seed }));
    const shared = rs.filter((r) => largestByTask.has(r.taskId));
    const largestCost = shared.reduce((s, r) => s + largestByTask.get(r.taskId)!.costUsd, 0);
    return {
      ...row,
      kind: systemKind(system),
      costPerTask: row.costUsd / row.tasks,
      costPerTaskLow: ci.low,
      costPerTaskHigh: ci.high,
      relativeCost: largestCost > 0 ? shared.reduce((s, r) => s + r.costUsd, 0) / largestCost : Number.NaN,
      largestShare: largestName ? (row.workloadShare[largestName] ?? 0) : Number.NaN,
    };
  };

  const overall: SystemPoint[] = [];
  const byBin: SystemPoint[] = [];
  const binTau: BinTauPoint[] = [];
  for (const s of systems) {
    const rs = bySystem.get(s)!;
    overall.push(point(s, 'all', rs));
    for (const bin of [...new Set(rs.map((r) => r.bin))].sort((a, b) => a - b)) {
      const inBin = rs.filter((r) => r.bin === bin);
      byBin.push(point(s, bin, inBin));
      const g = graded(inBin);
      if (g.length)
        binTau.push({
          system: s,
          bin,
          tau: Math.exp(g.reduce((t, r) => t + Math.log(r.tau), 0) / g.length),
          pass1: g.filter((r) => r.passed).length / g.length,
          n: g.length,
        });
    }
  }

  const find = (s: string | null) => (s ? overall.find((p) => p.system === s) : undefined);
  const deployable = overall.filter((p) => p.kind !== 'oracle' && p.graded > 0);
  const frontier = paretoFrontier(deployable.map((p) => ({ system: p.system, cost: p.costPerTask, quality: p.pass1 }))).map((p) => p.system);

  // AIQ over the range from the weakest to the largest agent alone; each router's point set is its own
  // operating point plus the two ends of its sweep (all tasks to the weakest, all to the largest agent),
  // as RouterBench's parameter sweeps and RouteLLM's curves run end to end (decision: one run gives one
  // operating point per router).
  const weak = find(weakest);
  const strong = find(largest);
  const aiqScores: Record<string, number> = {};
  const apgrScores: Record<string, number> = {};
  let aiqRange: [number, number] | null = null;
  if (weak && strong && strong.costPerTask > weak.costPerTask) {
    aiqRange = [weak.costPerTask, strong.costPerTask];
    const cq = (p: SystemPoint) => ({ cost: p.costPerTask, quality: p.pass1 });
    aiqScores.agents = aiq(overall.filter((p) => p.kind === 'agent' && !p.system.includes('@')).map(cq), aiqRange);
    for (const p of overall) if (p.kind !== 'agent') aiqScores[p.system] = aiq([cq(p), cq(weak), cq(strong)], aiqRange);
  }
  let randomBaseline: DomainAnalysis['randomBaseline'] = null;
  if (weak && strong) {
    for (const p of overall) if (p.kind !== 'agent') apgrScores[p.system] = apgr([{ share: p.largestShare, quality: p.pass1 }], weak.pass1, strong.pass1);
    const singles = overall.filter((p) => p.kind === 'agent' && !p.system.includes('@') && p.graded > 0);
    const share = 1 / singles.length;
    const pass1 = singles.reduce((t, p) => t + p.pass1, 0) / singles.length;
    randomBaseline = { share, pass1, apgr: apgr([{ share, quality: pass1 }], weak.pass1, strong.pass1) };
  }

  const paired: PairedRow[] = [];
  if (largest) {
    for (const s of systems) {
      if (s === largest) continue;
      const pairs = graded(bySystem.get(s)!)
        .map((r) => [r, largestByTask.get(r.taskId)] as const)
        .filter((x): x is readonly [AttemptRecord, AttemptRecord] => x[1] !== undefined && x[1].status !== 'infra-error');
      const a = pairs.map(([r]) => (r.passed ? 1 : 0));
      const b = pairs.map(([, l]) => (l.passed ? 1 : 0));
      const d = pairedDifference(a, b);
      const onlySystem = pairs.filter(([r, l]) => r.passed && !l.passed).length;
      const onlyLargest = pairs.filter(([r, l]) => !r.passed && l.passed).length;
      paired.push({ system: s, baseline: largest, n: d.n, mean: d.mean, low: d.low, high: d.high, b: onlySystem, c: onlyLargest, mcnemarP: mcnemarExact(onlySystem, onlyLargest) });
    }
  }

  const horizons: Record<string, TimeHorizons> = {};
  for (const s of systems) {
    const points = graded(bySystem.get(s)!).map((r) => ({ tau: r.tau, success: r.passed, bin: r.bin }));
    if (points.length) horizons[s] = timeHorizons(points, { reps, seed });
  }

  return {
    domain,
    systems,
    agents: [...agents],
    largest,
    weakest,
    overall,
    byBin,
    frontier,
    aiq: aiqScores,
    aiqRange,
    apgr: apgrScores,
    randomBaseline,
    paired,
    horizons,
    binTau,
    // A replayed router:oracle is the oracle too (oracleRecords then adds none).
    oracle: systems.some((s) => systemKind(s) === 'oracle' && (bySystem.get(s)?.length ?? 0) > 0),
    seed,
    reps,
  };
}

export const displayName = (system: string) => system.replace(/^agent:/, '');
