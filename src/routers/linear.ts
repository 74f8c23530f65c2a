// Small dense linear models on Float64Array rows, linear in the number of examples n: L2 logistic
// regression (Newton steps on the d × d Hessian) and ridge regression (the d × d normal equations).
// Used where d is small (FrugalGPT's answer features) and, for ridge, by CARROT's cost model.
import { Matrix, solve } from 'ml-matrix';

/** Solve (A + l2·I') w = b for symmetric A (d × d); I' leaves the last coordinate (the intercept) unpenalised. */
function solveRegularised(A: Float64Array, b: Float64Array, d: number, l2: number): Float64Array {
  const M = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) M.set(i, j, A[i * d + j]! + (i === j && i < d - 1 ? l2 : 0));
  const x = solve(M, Matrix.columnVector(Array.from(b)), true);
  return Float64Array.from(x.getColumn(0));
}

/** Accumulate XᵀWX and Xᵀv over rows with an appended intercept column: O(n·d²). */
function normal(rows: readonly Float64Array[], weight: (i: number) => number, target: (i: number) => number, d: number) {
  const D = d + 1;
  const A = new Float64Array(D * D);
  const b = new Float64Array(D);
  const x = new Float64Array(D);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < d; i++) x[i] = row[i] ?? 0;
    x[d] = 1;
    const w = weight(r);
    const t = target(r);
    for (let i = 0; i < D; i++) {
      const xi = x[i]! * w;
      if (xi === 0) continue;
      b[i] = b[i]! + xi * t;
      const off = i * D;
      for (let j = i; j < D; j++) A[off + j] = A[off + j]! + xi * x[j]!;
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) A[i * D + j] = A[j * D + i]!;
  return { A, b, D };
}

const dot = (w: Float64Array, x: Float64Array, d: number) => {
  let z = w[d]!;
  for (let i = 0; i < d; i++) z += w[i]! * (x[i] ?? 0);
  return z;
};

/** Ridge regression with an unpenalised intercept, solved in the d × d normal equations (linear in n). */
export class Ridge {
  private w: Float64Array;
  constructor(private readonly d: number) {
    this.w = new Float64Array(d + 1);
  }
  fit(rows: readonly Float64Array[], y: readonly number[], l2 = 1): this {
    if (rows.length === 0) return this;
    const { A, b, D } = normal(rows, () => 1, (i) => y[i]!, this.d);
    this.w = solveRegularised(A, b, D, l2);
    return this;
  }
  predict(x: Float64Array): number {
    return dot(this.w, x, this.d);
  }
}

/** L2 logistic regression with an unpenalised intercept, fitted by Newton's method (IRLS). */
export class Logistic {
  private w: Float64Array;
  constructor(private readonly d: number) {
    this.w = new Float64Array(d + 1);
  }
  fit(rows: readonly Float64Array[], y: readonly number[], options: { l2?: number; iterations?: number } = {}): this {
    const n = rows.length;
    if (n === 0) return this;
    const l2 = options.l2 ?? 1;
    const rate = Math.min(0.99, Math.max(0.01, y.reduce((a, b) => a + b, 0) / n));
    this.w = new Float64Array(this.d + 1);
    this.w[this.d] = Math.log(rate / (1 - rate));
    for (let it = 0; it < (options.iterations ?? 8); it++) {
      const p = rows.map((x) => 1 / (1 + Math.exp(-dot(this.w, x, this.d))));
      // Newton step: (XᵀWX + l2·I) w_new = XᵀW z, z = Xw + (y − p)/W.
      const W = (i: number) => Math.max(p[i]! * (1 - p[i]!), 1e-6);
      const z = (i: number) => dot(this.w, rows[i]!, this.d) + (y[i]! - p[i]!) / W(i);
      const { A, b, D } = normal(rows, W, z, this.d);
      const next = solveRegularised(A, b, D, l2);
      let change = 0;
      for (let i = 0; i < D; i++) change = Math.max(change, Math.abs(next[i]! - this.w[i]!));
      this.w = next;
      if (change < 1e-6) break;
    }
    return this;
  }
  predict(x: Float64Array): number {
    return 1 / (1 + Math.exp(-dot(this.w, x, this.d)));
  }
}
