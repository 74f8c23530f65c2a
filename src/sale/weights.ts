// Fitting w = (w_c, w_h, w_1..w_|A|) on the training split with HiGHS (npm `highs`), SALE.md §4.
//
// Every bid is a signed feature vector g with z = C − V = w·g (features.ts: g = [c̃, −h̃, −γ̃_1…]),
// features in [0, 1], and w ≥ 0 with Σ w = 1. Two programs:
//
// minimax-margin (default, an LP). For each training task with at least one successful agent, let a*
// be the cheapest successful agent; every other agent b (failing, or successful but dearer) gives
//     w·(g_b − g_a*) + ξ_t ≥ δ,   ξ_t ≥ 0,   ξ_t ≤ Q.
// Stage 1 minimises Q (the worst task's shortfall from the target margin δ); stage 2 fixes Q at its
// optimum and minimises the mean ξ_t (the tie-break). With δ = 1, above any margin the features allow
// unless one feature separates perfectly, this is the max-min-margin LP: it maximises the worst task's
// margin, so a separating direction with the largest margin is recovered (tested).
//
// minimax-milp (the paper's program, made bounded). Binary x_{t,a} picks one agent per task among the
// agents that solved t (the largest agent when none did); z_t is the picked agent's C − V, linked with
// big-M:  z_t ≥ w·g_{t,a} − M(1 − x_{t,a}),  z_t ≤ w·g_{t,a} + M(1 − x_{t,a}),  z_t ≤ Q;  minimise Q.
// The paper's version is unbounded (scaling the value weights sends every C − V to −∞); w ≥ 0, Σ w = 1
// and normalised features bound it. Note what it optimises: the worst task's best allowed C − V — it
// does not compare the allowed agents with the others. We implement it as stated and report how often
// its weights pick a successful agent on the training tasks.
//
// Failures are explicit: a program with no discriminating training task, or whose features do not
// vary, is degenerate; one whose fixed weights exceed 1 (or leave nothing to fit) is infeasible. Both
// raise WeightFitError naming the fix.
import highsModule from 'highs';
import type { Highs } from 'highs';
import { SaleError } from '../errors.ts';

// highs' type declarations are CommonJS-flavoured (the default export sits on `.default`), while Node
// loads its ES build, whose default export is the loader itself: accept both.
type Loader = () => Promise<Highs>;
const loadHighs: Loader = typeof highsModule === 'function' ? (highsModule as unknown as Loader) : (highsModule as unknown as { default: Loader }).default;
let highsPromise: Promise<Highs> | undefined;
const highs = () => (highsPromise ??= loadHighs());

export type FitMethod = 'minimax-margin' | 'minimax-milp';

export interface TrainingBid {
  agent: string;
  price: number;
  /** Signed features: z = w·g. */
  g: number[];
  passed: boolean;
  /** The agent's execution cost on the task ($, from the outcome matrix), when known (utility fit). */
  costUsd?: number;
}

export interface TrainingAuction {
  taskId: string;
  bids: TrainingBid[];
}

export interface FitOptions {
  method: FitMethod;
  /** Which weights may be non-zero (the ablations switch some off). */
  active: boolean[];
  /** Weights held at a value (index → value); the rest are fitted. */
  fixed?: Record<number, number>;
  marginTarget?: number;
  bigM?: number;
}

export interface FitResult {
  method: FitMethod;
  weights: number[];
  /** Stage-1 optimum: max slack (margin) or max z (milp). */
  objective: number;
  /** Margin: mean slack after the tie-break; the worst task's margin = δ − objective. */
  meanSlack?: number;
  worstMargin?: number;
  tasksUsed: number;
  constraints: number;
  /** How the fitted weights decide the training auctions. */
  training: { tasks: number; pickedSolver: number; pickedCheapestSolver: number; solvable: number };
}

export class WeightFitError extends SaleError {
  readonly kind: 'infeasible' | 'degenerate' | 'solver';
  constructor(kind: 'infeasible' | 'degenerate' | 'solver', message: string, fix: string) {
    super(message, { fix });
    this.name = 'WeightFitError';
    this.kind = kind;
  }
}

const EPS = 1e-12;

/** A number in CPLEX LP syntax (no exponent). */
function num(x: number): string {
  const s = Math.abs(x).toFixed(12).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
}

/** "+ 0.5 w0 - 0.25 w1" (terms with a zero coefficient dropped; "0 w0" if all are). */
function linear(coefs: number[], names: string[]): string {
  const terms = coefs.map((c, i) => (Math.abs(c) < EPS ? '' : `${c < 0 ? '-' : '+'} ${num(c)} ${names[i]}`)).filter(Boolean);
  return terms.length ? terms.join(' ') : `0 ${names[0]}`;
}

const cheapest = (bids: TrainingBid[]) => [...bids].sort((a, b) => a.price - b.price || (a.agent < b.agent ? -1 : 1))[0];

function boundsLines(k: number, options: FitOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const fixed = options.fixed?.[i];
    if (!options.active[i]) out.push(` w${i} = 0`);
    else if (fixed !== undefined) out.push(` w${i} = ${num(fixed)}`);
  }
  return out;
}

function checkWeights(k: number, options: FitOptions): void {
  if (options.active.length !== k) throw new Error(`weight fit: ${options.active.length} active flags for ${k} features`);
  const fixedSum = Object.entries(options.fixed ?? {}).reduce((s, [i, v]) => s + (options.active[Number(i)] ? v : 0), 0);
  const free = options.active.filter((a, i) => a && options.fixed?.[i] === undefined).length;
  if (!options.active.some(Boolean)) throw new WeightFitError('infeasible', 'weight program infeasible: every weight is switched off, so Σ w = 1 cannot hold', 'keep at least one feature (cost, entropy or jury)');
  if (fixedSum > 1 + 1e-9 || (free === 0 && Math.abs(fixedSum - 1) > 1e-9)) {
    throw new WeightFitError('infeasible', `weight program infeasible: the fixed weights sum to ${fixedSum.toFixed(3)} and the weights must sum to 1`, 'fix weights that sum to at most 1 (exactly 1 when none is left to fit)');
  }
}

function solve(h: Highs, lp: string, what: string): Record<string, number> & { objective: number } {
  const r = h.solve(lp, { output_flag: false });
  if (r.Status === 'Infeasible') throw new WeightFitError('infeasible', `${what}: HiGHS reports the program infeasible`, 'check the fixed weights and the ablation (configs/sale.yaml weights)');
  if (r.Status !== 'Optimal') throw new WeightFitError('solver', `${what}: HiGHS ended with status '${r.Status}'`, 'report this with the weights.json inputs');
  const out: Record<string, number> = {};
  for (const [name, col] of Object.entries(r.Columns)) out[name] = (col as { Primal: number }).Primal;
  return Object.assign(out, { objective: r.ObjectiveValue });
}

/** Decide a training auction with weights w: argmin z, ties to the cheaper agent (winner.ts's rule). */
function pick(bids: TrainingBid[], w: number[]): TrainingBid {
  let best: { b: TrainingBid; z: number } | undefined;
  for (const b of bids) {
    const z = b.g.reduce((s, g, i) => s + g * (w[i] ?? 0), 0);
    if (!best || z < best.z || (z === best.z && (b.price < best.b.price || (b.price === best.b.price && b.agent < best.b.agent)))) best = { b, z };
  }
  return best!.b;
}

function trainingSummary(auctions: TrainingAuction[], w: number[]): FitResult['training'] {
  let pickedSolver = 0;
  let pickedCheapestSolver = 0;
  let solvable = 0;
  for (const t of auctions) {
    const chosen = pick(t.bids, w);
    const solvers = t.bids.filter((b) => b.passed);
    if (solvers.length) solvable++;
    if (chosen.passed) pickedSolver++;
    if (solvers.length && cheapest(solvers)!.agent === chosen.agent) pickedCheapestSolver++;
  }
  return { tasks: auctions.length, pickedSolver, pickedCheapestSolver, solvable };
}

export async function fitWeights(auctions: TrainingAuction[], options: FitOptions): Promise<FitResult> {
  const k = auctions[0]?.bids[0]?.g.length ?? options.active.length;
  checkWeights(k, options);
  const h = await highs();
  const w = Array.from({ length: k }, (_, i) => `w${i}`);
  const sum = ` sum: ${linear(Array(k).fill(1), w)} = 1`;
  const bounds = boundsLines(k, options);

  if (options.method === 'minimax-margin') {
    const delta = options.marginTarget ?? 1;
    const rows: string[] = [];
    const slackRows: string[] = [];
    const used: number[] = [];
    let varies = false;
    auctions.forEach((t, ti) => {
      const solvers = t.bids.filter((b) => b.passed);
      if (!solvers.length || t.bids.length < 2) return;
      const star = cheapest(solvers)!;
      const others = t.bids.filter((b) => b.agent !== star.agent);
      others.forEach((b, bi) => {
        const d = b.g.map((g, i) => (options.active[i] ? g - star.g[i]! : 0));
        if (d.some((x) => Math.abs(x) > EPS)) varies = true;
        rows.push(` m${ti}_${bi}: ${linear([...d, 1], [...w, `xi${ti}`])} >= ${num(delta)}`);
      });
      slackRows.push(` q${ti}: xi${ti} - Q <= 0`);
      used.push(ti);
    });
    if (!used.length) {
      throw new WeightFitError('degenerate', `weight program degenerate: none of the ${auctions.length} training tasks was solved by any agent, so no task says which bid should win`, 'raise --train-frac or --limit, or set weights.method: fixed in configs/sale.yaml');
    }
    if (!varies) {
      throw new WeightFitError('degenerate', 'weight program degenerate: the active features are identical across the bids of every training task, so no weight changes a decision', 'raise --train-frac, enable more features, or set weights.method: fixed');
    }
    const body = ['Subject To', sum, ...rows, ...slackRows, 'Bounds', ...bounds];
    const stage1 = solve(h, ['Minimize', ' obj: Q', ...body, 'End'].join('\n'), 'minimax-margin');
    const qStar = stage1.objective;
    const xiSum = linear(used.map(() => 1), used.map((ti) => `xi${ti}`));
    const stage2 = solve(h, ['Minimize', ` obj: ${xiSum}`, ...body.slice(0, -1 - bounds.length), ` cap: Q <= ${num(qStar + 1e-9 * Math.max(1, Math.abs(qStar)))}`, 'Bounds', ...bounds, 'End'].join('\n'), 'minimax-margin (tie-break)');
    const weights = normaliseWeights(w.map((n) => stage2[n] ?? 0));
    return {
      method: 'minimax-margin',
      weights,
      objective: qStar,
      meanSlack: stage2.objective / used.length,
      worstMargin: delta - qStar,
      tasksUsed: used.length,
      constraints: rows.length,
      training: trainingSummary(auctions, weights),
    };
  }

  // minimax-milp
  if (!auctions.length) throw new WeightFitError('degenerate', 'weight program degenerate: no training task', 'raise --train-frac or --limit');
  const M = options.bigM ?? 1e4;
  const rows: string[] = [];
  const binaries: string[] = [];
  const free: string[] = [' Q free'];
  auctions.forEach((t, ti) => {
    const solvers = t.bids.filter((b) => b.passed);
    const largest = [...t.bids].sort((a, b) => b.price - a.price || (a.agent < b.agent ? -1 : 1))[0]!;
    const allowed = solvers.length ? solvers : [largest];
    rows.push(` one${ti}: ${linear(allowed.map(() => 1), allowed.map((_, ai) => `x${ti}_${ai}`))} = 1`);
    allowed.forEach((b, ai) => {
      const x = `x${ti}_${ai}`;
      binaries.push(` ${x}`);
      const negG = b.g.map((g, i) => (options.active[i] ? -g : 0));
      rows.push(` lo${ti}_${ai}: ${linear([1, ...negG, -M], [`z${ti}`, ...w, x])} >= -${num(M)}`);
      rows.push(` hi${ti}_${ai}: ${linear([1, ...negG, M], [`z${ti}`, ...w, x])} <= ${num(M)}`);
    });
    rows.push(` q${ti}: z${ti} - Q <= 0`);
    free.push(` z${ti} free`);
  });
  const lp = ['Minimize', ' obj: Q', 'Subject To', sum, ...rows, 'Bounds', ...bounds, ...free, 'Binaries', ...binaries, 'End'].join('\n');
  const r = solve(h, lp, 'minimax-milp');
  const weights = normaliseWeights(w.map((n) => r[n] ?? 0));
  return { method: 'minimax-milp', weights, objective: r.objective, tasksUsed: auctions.length, constraints: rows.length, training: trainingSummary(auctions, weights) };
}

/** Clean solver noise: clip tiny negatives, renormalise to Σ = 1, round to 1e-9. */
function normaliseWeights(v: number[]): number[] {
  const c = v.map((x) => (x < 1e-12 ? 0 : x));
  const s = c.reduce((a, b) => a + b, 0) || 1;
  return c.map((x) => Math.round((x / s) * 1e9) / 1e9);
}
