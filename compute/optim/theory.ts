/**
 * What theory promises on the lab's plots.
 *
 * Gradient descent with step 1/L on a μ-strongly convex, L-smooth f contracts the optimality
 * gap geometrically: f(xₖ) − f* ≤ (1 − μ/L)ᵏ (f(x₀) − f*) (Nesterov, "Introductory Lectures
 * on Convex Optimization", 2004, Thm 2.1.15; via the Polyak–Łojasiewicz inequality, Karimi,
 * Nutini & Schmidt 2016, Thm 1). On a quadratic with Hessian eigenvalues in [μ, L], GD with
 * step η contracts the distance to the minimizer by max(|1 − ημ|, |1 − ηL|) per step, which
 * is 1 − μ/L at η = 1/L and (κ − 1)/(κ + 1) at the best step η = 2/(μ + L).
 *
 * The local condition number of any objective is read off its Hessian: κ = λmax/λmin.
 */
import { fail } from '../errors';
import { compileExpression } from '../expr';
import { resolveObjective } from './objectives';
import type { ObjectiveSpec } from './types';
import { symmetricEigen } from '../flow/linalg';

function checkMuL(mu: number, L: number): void {
  if (!(mu > 0 && L >= mu && Number.isFinite(L))) fail(`Need 0 < μ ≤ L (finite), not μ = ${mu}, L = ${L}.`, 'mu');
}

/** (1 − μ/L)ᵏ: the factor by which GD with step 1/L is guaranteed to shrink f(x) − f* in k steps. */
export function gdRateBound(mu: number, L: number, k: number): number {
  checkMuL(mu, L);
  return (1 - mu / L) ** k;
}

/** max(|1 − ημ|, |1 − ηL|): GD's per-step contraction of ‖x − x*‖ on a quadratic with eigenvalues in [μ, L]. */
export function gdContraction(mu: number, L: number, lr: number): number {
  checkMuL(mu, L);
  return Math.max(Math.abs(1 - lr * mu), Math.abs(1 - lr * L));
}

/** f* + (1 − μ/L)ᵏ (f(x₀) − f*) for k = 0 … steps: the loss curve GD with step 1/L must stay under. */
export function gdLossBound(mu: number, L: number, f0: number, fStar: number, steps: number): number[] {
  const rate = 1 - mu / L;
  checkMuL(mu, L);
  const out: number[] = [];
  let factor = 1;
  for (let k = 0; k <= steps; k++) {
    out.push(fStar + factor * (f0 - fStar));
    factor *= rate;
  }
  return out;
}

/** Eigenvalues of a symmetric n×n matrix (row-major), ascending, by cyclic Jacobi rotations. */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): number[] {
  // The cyclic Jacobi method shared with the flow module (compute/flow/linalg.ts).
  return Array.from(symmetricEigen(matrix, n).values).sort((u, v) => u - v);
}

export interface LocalCondition {
  /** Hessian eigenvalues at the point, ascending. */
  eigenvalues: number[];
  mu: number;
  L: number;
  /** λmax/λmin when the Hessian is positive definite there, else null (not locally strongly convex). */
  kappa: number | null;
  hessian: number[][];
}

/** The Hessian's spectrum and condition number κ = L/μ of an objective at a point. */
export function conditionAt(objective: ObjectiveSpec | string, point: number[]): LocalCondition {
  const { info } = typeof objective === 'string' ? resolveObjective({ expr: objective }, point.length) : resolveObjective(objective, point.length);
  const compiled = compileExpression(info.expr, { variables: info.variables });
  const n = point.length;
  const h = new Float64Array(n * n);
  compiled.valueAndHessian(point, h);
  if (!h.every(Number.isFinite)) fail('The Hessian is not finite at this point.', 'point');
  const eigenvalues = symmetricEigenvalues(h, n);
  const mu = eigenvalues[0];
  const L = eigenvalues[n - 1];
  const hessian = Array.from({ length: n }, (_, i) => Array.from(h.subarray(i * n, (i + 1) * n)));
  return { eigenvalues, mu, L, kappa: mu > 0 ? L / mu : null, hessian };
}
