/** Finite differences in Float64 and random well-conditioned inputs for checking identities. */
import type { Rng } from '../random';
import { identity, mat, matmul, scale, transpose, zip, type Mat } from './matrix';

/**
 * Jacobian of f: ℝⁿ → ℝᵐ (flattened) by central differences, h scaled to each coordinate
 * (error O(h²) ≈ 1e-10 relative for smooth functions in Float64). Row i, column j: ∂f_i/∂x_j.
 */
export function numericJacobian(f: (x: Float64Array) => Float64Array, x: Float64Array): Mat {
  const probe = Float64Array.from(x);
  const columns: Float64Array[] = [];
  for (let j = 0; j < x.length; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[j]));
    probe[j] = x[j] + h;
    const up = f(probe);
    probe[j] = x[j] - h;
    const down = f(probe);
    probe[j] = x[j];
    columns.push(up.map((u, i) => (u - down[i]) / (2 * h)));
  }
  const m = columns.length ? columns[0].length : f(x).length;
  const J = mat(m, x.length);
  for (let j = 0; j < x.length; j++) for (let i = 0; i < m; i++) J.data[i * x.length + j] = columns[j][i];
  return J;
}

/**
 * Hessian of a scalar function by second central differences with Richardson extrapolation
 * (steps h and h/2, error O(h⁴) + rounding ≈ ε|f|/h² ≈ 1e-9 for h = 2e-3).
 */
export function numericHessian(f: (x: Float64Array) => number, x: Float64Array): Mat {
  const n = x.length;
  const at = (h: number) => {
    const H = mat(n, n);
    const p = Float64Array.from(x);
    const fx = f(x);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let v: number;
        if (i === j) {
          p[i] = x[i] + h;
          const up = f(p);
          p[i] = x[i] - h;
          const down = f(p);
          p[i] = x[i];
          v = (up - 2 * fx + down) / (h * h);
        } else {
          const g = (si: number, sj: number) => {
            p[i] = x[i] + si * h;
            p[j] = x[j] + sj * h;
            const r = f(p);
            p[i] = x[i];
            p[j] = x[j];
            return r;
          };
          v = (g(1, 1) - g(1, -1) - g(-1, 1) + g(-1, -1)) / (4 * h * h);
        }
        H.data[i * n + j] = H.data[j * n + i] = v;
      }
    }
    return H;
  };
  const h = 2e-3;
  const coarse = at(h);
  const fine = at(h / 2);
  return zip(fine, coarse, (a, b) => (4 * a - b) / 3);
}

/** max |a − b| / max(1, max |b|): relative to the reference's scale, absolute near zero. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let err = 0;
  let scaleOf = 1;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scaleOf = Math.max(scaleOf, Math.abs(b[i]));
  }
  return Number.isNaN(err) ? Infinity : err / scaleOf;
}

/** Random inputs: generators by name, each well-conditioned for what it is used for. */
export type Generator =
  | 'normal' // N(0, 1) entries
  | 'symmetric' // (R + Rᵀ)/2
  | 'spd' // RᵀR/n + I/2: symmetric positive definite, condition number ≲ 10
  | 'near-identity' // I + 0.3 R/√n: not symmetric, det > 0 (all eigenvalues within 0.3·‖R‖/√n ≲ 0.7 of 1)
  | 'away-from-zero' // ±(0.2 + |N(0,1)|): for kinks at 0 (ReLU, |·|)
  | 'positive' // exp(N(0,1)/2)
  | 'positive-scalar' // 0.1 + U(0, 2)
  | 'one-hot' // a one-hot column
  | 'distribution' // a random probability vector (softmax of N(0,1))
  | 'one-hot-or-distribution' // one-hot for even sizes, a distribution for odd
  | 'labels' // Bernoulli(1/2) labels in {0, 1}
  | 'ones'
  | 'identity';

export function generate(rng: Rng, gen: Generator, rows: number, cols: number): Mat {
  const normal = () =>
    mat(
      rows,
      cols,
      Float64Array.from({ length: rows * cols }, () => rng.normal()),
    );
  switch (gen) {
    case 'normal':
      return normal();
    case 'symmetric': {
      const r = normal();
      return scale(
        zip(r, transpose(r), (a, b) => a + b),
        0.5,
      );
    }
    case 'spd': {
      const r = normal();
      return zip(scale(matmul(transpose(r), r), 1 / rows), identity(rows), (a, b) => a + 0.5 * b);
    }
    case 'near-identity':
      return zip(identity(rows), normal(), (a, b) => a + (0.3 * b) / Math.sqrt(rows));
    case 'away-from-zero':
      return mat(
        rows,
        cols,
        Float64Array.from({ length: rows * cols }, () => (rng.next() < 0.5 ? -1 : 1) * (0.2 + Math.abs(rng.normal()))),
      );
    case 'positive':
      return mat(
        rows,
        cols,
        Float64Array.from({ length: rows * cols }, () => Math.exp(rng.normal() / 2)),
      );
    case 'positive-scalar':
      return mat(
        rows,
        cols,
        Float64Array.from({ length: rows * cols }, () => 0.1 + 2 * rng.next()),
      );
    case 'one-hot': {
      const m = mat(rows, cols);
      m.data[Math.floor(rng.next() * rows * cols)] = 1;
      return m;
    }
    case 'distribution': {
      const e = Float64Array.from({ length: rows * cols }, () => Math.exp(rng.normal()));
      const s = e.reduce((a, b) => a + b, 0);
      return mat(
        rows,
        cols,
        e.map((v) => v / s),
      );
    }
    case 'one-hot-or-distribution':
      return generate(rng, rows % 2 === 0 ? 'one-hot' : 'distribution', rows, cols);
    case 'labels':
      return mat(
        rows,
        cols,
        Float64Array.from({ length: rows * cols }, () => (rng.next() < 0.5 ? 0 : 1)),
      );
    case 'ones':
      return mat(rows, cols, new Float64Array(rows * cols).fill(1));
    case 'identity':
      return identity(rows);
  }
}
