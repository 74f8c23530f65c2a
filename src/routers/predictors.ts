// Small trained predictors for the predictive routers, on ml-matrix. Features are the offline TF-IDF
// embedding of the task text (no τ, no bin: a deployed router sees only the prompt — our choice, the
// routers' papers featurise the query text).
import { Matrix, solve } from 'ml-matrix';

/** L2-regularised logistic regression with an unpenalised intercept, fitted by gradient descent. */
export class LogisticModel {
  private w: Matrix;
  private b = 0;
  constructor(private readonly dim: number) {
    this.w = Matrix.zeros(dim, 1);
  }

  fit(X: Matrix, y: number[], options: { l2?: number; steps?: number; learningRate?: number } = {}): this {
    const l2 = options.l2 ?? 1e-2;
    const steps = options.steps ?? 300;
    const lr = options.learningRate ?? 0.5;
    const n = X.rows;
    if (n === 0) return this;
    // Start at the base rate so a model with no signal predicts it.
    const rate = Math.min(0.99, Math.max(0.01, y.reduce((a, b) => a + b, 0) / n));
    this.b = Math.log(rate / (1 - rate));
    const Xt = X.transpose();
    for (let s = 0; s < steps; s++) {
      const z = X.mmul(this.w);
      const err = new Matrix(n, 1);
      let errSum = 0;
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-(z.get(i, 0) + this.b)));
        const e = p - y[i]!;
        err.set(i, 0, e);
        errSum += e;
      }
      const grad = Xt.mmul(err).div(n).add(Matrix.mul(this.w, l2));
      this.w = Matrix.sub(this.w, grad.mul(lr));
      this.b -= (lr * errSum) / n;
    }
    return this;
  }

  predict(x: Float64Array | number[]): number {
    let z = this.b;
    for (let i = 0; i < this.dim; i++) z += this.w.get(i, 0) * (x[i] ?? 0);
    return 1 / (1 + Math.exp(-z));
  }
}

/** Ridge regression (closed form on the normal equations) with an intercept. */
export class RidgeModel {
  private w: Matrix | null = null;
  private b = 0;
  fit(X: Matrix, y: number[], l2 = 1): this {
    const n = X.rows;
    if (n === 0) return this;
    const mean = y.reduce((a, b) => a + b, 0) / n;
    const yc = Matrix.columnVector(y.map((v) => v - mean));
    const colMeans = X.mean('column');
    const Xc = X.clone().subRowVector(colMeans);
    // Dual form (n ≪ d): w = Xᵀ (X Xᵀ + λI)⁻¹ y.
    const K = Xc.mmul(Xc.transpose()).add(Matrix.eye(n).mul(l2));
    const alpha = solve(K, yc);
    this.w = Xc.transpose().mmul(alpha);
    this.b = mean - colMeans.reduce((s, m, i) => s + m * this.w!.get(i, 0), 0);
    return this;
  }
  predict(x: Float64Array | number[]): number {
    if (!this.w) return this.b;
    let z = this.b;
    for (let i = 0; i < this.w.rows; i++) z += this.w.get(i, 0) * (x[i] ?? 0);
    return z;
  }
}


/** Softmax regression with soft targets (TO-Router-like): rows of Y sum to 1. */
export class SoftmaxModel {
  private W: Matrix;
  private bias: number[];
  constructor(private readonly dim: number, private readonly classes: number) {
    this.W = Matrix.zeros(dim, classes);
    this.bias = new Array(classes).fill(0);
  }
  fit(X: Matrix, Y: number[][], options: { l2?: number; steps?: number; learningRate?: number } = {}): this {
    const l2 = options.l2 ?? 1e-2;
    const steps = options.steps ?? 300;
    const lr = options.learningRate ?? 0.5;
    const n = X.rows;
    if (n === 0) return this;
    const Xt = X.transpose();
    for (let s = 0; s < steps; s++) {
      const Z = X.mmul(this.W);
      const G = new Matrix(n, this.classes);
      const gb = new Array(this.classes).fill(0);
      for (let i = 0; i < n; i++) {
        const p = softmax(Z.getRow(i).map((z, k) => z + this.bias[k]!));
        for (let k = 0; k < this.classes; k++) {
          const e = p[k]! - Y[i]![k]!;
          G.set(i, k, e);
          gb[k] += e;
        }
      }
      this.W = Matrix.sub(this.W, Xt.mmul(G).div(n).add(Matrix.mul(this.W, l2)).mul(lr));
      this.bias = this.bias.map((b, k) => b - (lr * gb[k]) / n);
    }
    return this;
  }
  predict(x: Float64Array | number[]): number[] {
    const z = this.bias.map((b, k) => {
      let s = b;
      for (let i = 0; i < this.dim; i++) s += this.W.get(i, k) * (x[i] ?? 0);
      return s;
    });
    return softmax(z);
  }
}

export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
