// Small linear models for the routers, linear in the number of examples n. Rows may be dense
// (Float64Array) or sparse (indices + values, e.g. a TF-IDF embedding); every fit costs O(n·k²) for k
// non-zeros per row plus one d × d solve:
// - Ridge: the d × d normal equations (CARROT's cost model), intercept unpenalised;
// - Logistic: L2 logistic regression by Newton's method (IRLS), intercept unpenalised;
// - Softmax: soft-label multinomial regression by full-batch gradient descent on sparse rows.

export interface SparseRow {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}
export type Row = Float64Array | SparseRow;

const ALL = new Map<number, Int32Array>();
function sparse(x: Row): SparseRow {
  if (!(x instanceof Float64Array)) return x;
  let idx = ALL.get(x.length);
  if (!idx) ALL.set(x.length, (idx = Int32Array.from({ length: x.length }, (_, i) => i)));
  return { indices: idx, values: x };
}

/**
 * Solve (A + l2·I') w = b for symmetric positive semi-definite A (D × D) by Cholesky; I' leaves the
 * last coordinate (the intercept) unpenalised. A tiny jitter keeps empty feature columns solvable.
 */
function solveRegularised(A: Float64Array, b: Float64Array, D: number, l2: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * D + j]! + (i === j ? (i < D - 1 ? l2 : 0) + 1e-10 : 0);
      const ri = i * D;
      const rj = j * D;
      for (let k = 0; k < j; k++) sum -= L[ri + k]! * L[rj + k]!;
      if (i === j) L[ri + i] = Math.sqrt(Math.max(sum, 1e-12));
      else L[ri + j] = sum / L[rj + j]!;
    }
  }
  const z = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= L[i * D + k]! * z[k]!;
    z[i] = sum / L[i * D + i]!;
  }
  const w = new Float64Array(D);
  for (let i = D - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < D; k++) sum -= L[k * D + i]! * w[k]!;
    w[i] = sum / L[i * D + i]!;
  }
  return w;
}

/** XᵀWX and XᵀWt over rows with an appended intercept column (index d). */
function normal(rows: readonly SparseRow[], weight: (i: number) => number, target: (i: number) => number, d: number) {
  const D = d + 1;
  const A = new Float64Array(D * D);
  const b = new Float64Array(D);
  for (let r = 0; r < rows.length; r++) {
    const { indices, values } = rows[r]!;
    const w = weight(r);
    const t = target(r);
    const k = indices.length;
    for (let p = 0; p <= k; p++) {
      const i = p < k ? indices[p]! : d;
      const xi = (p < k ? values[p]! : 1) * w;
      if (xi === 0) continue;
      b[i] = b[i]! + xi * t;
      const off = i * D;
      for (let q = 0; q < k; q++) A[off + indices[q]!] = A[off + indices[q]!]! + xi * values[q]!;
      A[off + d] = A[off + d]! + xi;
    }
  }
  return { A, b, D };
}

function dot(w: Float64Array, x: SparseRow, d: number): number {
  let z = w[d]!;
  for (let p = 0; p < x.indices.length; p++) z += w[x.indices[p]!]! * x.values[p]!;
  return z;
}

/** Ridge regression with an unpenalised intercept, solved in the d × d normal equations (linear in n). */
export class Ridge {
  private w: Float64Array;
  constructor(private readonly d: number) {
    this.w = new Float64Array(d + 1);
  }
  fit(rows: readonly Row[], y: readonly number[], l2 = 1): this {
    if (rows.length === 0) return this;
    const { A, b, D } = normal(rows.map(sparse), () => 1, (i) => y[i]!, this.d);
    this.w = solveRegularised(A, b, D, l2);
    return this;
  }
  predict(x: Row): number {
    return dot(this.w, sparse(x), this.d);
  }
}

/** L2 logistic regression (penalty l2·|w|² on the summed log-loss), intercept unpenalised, fitted by Newton's method. */
export class Logistic {
  private w: Float64Array;
  constructor(private readonly d: number) {
    this.w = new Float64Array(d + 1);
  }
  fit(input: readonly Row[], y: readonly number[], options: { l2?: number; iterations?: number } = {}): this {
    const n = input.length;
    if (n === 0) return this;
    const rows = input.map(sparse);
    const l2 = options.l2 ?? 1;
    const rate = Math.min(0.99, Math.max(0.01, y.reduce((a, b) => a + b, 0) / n));
    this.w = new Float64Array(this.d + 1);
    this.w[this.d] = Math.log(rate / (1 - rate));
    for (let it = 0; it < (options.iterations ?? 10); it++) {
      const z0 = rows.map((x) => dot(this.w, x, this.d));
      const p = z0.map((z) => 1 / (1 + Math.exp(-z)));
      // Newton step: (XᵀWX + l2·I) w_new = XᵀW z, z = Xw + (y − p)/W.
      const W = (i: number) => Math.max(p[i]! * (1 - p[i]!), 1e-6);
      const { A, b, D } = normal(rows, W, (i) => z0[i]! + (y[i]! - p[i]!) / W(i), this.d);
      const next = solveRegularised(A, b, D, l2);
      let change = 0;
      for (let i = 0; i < D; i++) change = Math.max(change, Math.abs(next[i]! - this.w[i]!));
      this.w = next;
      if (change < 1e-6) break;
    }
    return this;
  }
  predict(x: Row): number {
    return 1 / (1 + Math.exp(-dot(this.w, sparse(x), this.d)));
  }
}

export function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Softmax regression with soft targets (rows of Y sum to 1), full-batch gradient descent with L2 on the mean loss. */
export class Softmax {
  private W: Float64Array; // d × C, row-major
  private bias: Float64Array;
  constructor(private readonly d: number, private readonly classes: number) {
    this.W = new Float64Array(d * classes);
    this.bias = new Float64Array(classes);
  }
  fit(input: readonly Row[], Y: readonly number[][], options: { l2?: number; steps?: number; learningRate?: number } = {}): this {
    const n = input.length;
    if (n === 0) return this;
    const rows = input.map(sparse);
    const { d, classes: C } = this;
    const l2 = options.l2 ?? 1e-2;
    const lr = options.learningRate ?? 0.5;
    const G = new Float64Array(d * C);
    const gb = new Float64Array(C);
    const p = new Float64Array(C);
    const decay = 1 - lr * l2;
    for (let s = 0; s < (options.steps ?? 300); s++) {
      G.fill(0);
      gb.fill(0);
      for (let i = 0; i < n; i++) {
        const x = rows[i]!;
        this.scoresInto(x, p);
        const y = Y[i]!;
        for (let k = 0; k < C; k++) p[k] = p[k]! - y[k]!;
        const { indices, values } = x;
        for (let q = 0; q < indices.length; q++) {
          const off = indices[q]! * C;
          const v = values[q]!;
          for (let k = 0; k < C; k++) G[off + k] = G[off + k]! + v * p[k]!;
        }
        for (let k = 0; k < C; k++) gb[k] = gb[k]! + p[k]!;
      }
      const step = lr / n;
      for (let j = 0; j < d * C; j++) this.W[j] = decay * this.W[j]! - step * G[j]!;
      for (let k = 0; k < C; k++) this.bias[k] = this.bias[k]! - step * gb[k]!;
    }
    return this;
  }
  /** Class probabilities of one row into `out` (no allocation). */
  private scoresInto(x: SparseRow, out: Float64Array): void {
    const C = this.classes;
    for (let k = 0; k < C; k++) out[k] = this.bias[k]!;
    for (let q = 0; q < x.indices.length; q++) {
      const off = x.indices[q]! * C;
      const v = x.values[q]!;
      for (let k = 0; k < C; k++) out[k] = out[k]! + this.W[off + k]! * v;
    }
    let m = -Infinity;
    for (let k = 0; k < C; k++) m = Math.max(m, out[k]!);
    let sum = 0;
    for (let k = 0; k < C; k++) sum += out[k] = Math.exp(out[k]! - m);
    for (let k = 0; k < C; k++) out[k] = out[k]! / sum;
  }
  predict(x: Row): number[] {
    const out = new Float64Array(this.classes);
    this.scoresInto(sparse(x), out);
    return Array.from(out);
  }
}
