/**
 * The exact gradient flow of a quadratic f(x) = ½ xᵀAx (A symmetric): ẋ = −Ax, so
 *   x(t) = e^{−At} x₀ = V e^{−Λt} Vᵀ x₀   with A = V Λ Vᵀ,
 * the reference for measuring the integrators' convergence order. Euler and GD are stable
 * (for A ≻ 0) exactly when h < 2/λ_max: the iteration matrix I − hA then has spectral radius < 1.
 */
import { symmetricEigen } from './linalg';

export interface QuadraticFlow {
  readonly dim: number;
  readonly eigenvalues: Float64Array;
  /** x(t) = e^{−At} x₀ into `out`. */
  at(x0: ArrayLike<number>, t: number, out: Float64Array): Float64Array;
  /** Largest eigenvalue and the Euler/GD stability limit 2/λ_max (∞ when λ_max ≤ 0). */
  stability(): { lambdaMax: number; hMax: number };
}

export function quadraticFlow(A: ArrayLike<number>, dim: number): QuadraticFlow {
  const S = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) S[i * dim + j] = 0.5 * (A[i * dim + j] + A[j * dim + i]);
  const { values, vectors: V } = symmetricEigen(S, dim);
  const coeff = new Float64Array(dim);
  return {
    dim,
    eigenvalues: values,
    at(x0, t, out) {
      // c = e^{−Λt} Vᵀ x₀, then x = V c.
      for (let k = 0; k < dim; k++) {
        let c = 0;
        for (let i = 0; i < dim; i++) c += V[i * dim + k] * x0[i];
        coeff[k] = Math.exp(-values[k] * t) * c;
      }
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += V[i * dim + k] * coeff[k];
        out[i] = s;
      }
      return out;
    },
    stability() {
      const lambdaMax = Math.max(...values);
      return { lambdaMax, hMax: lambdaMax > 0 ? 2 / lambdaMax : Infinity };
    },
  };
}
