/**
 * Numerical checks of a flow stack, for the tests and for the lab's "is it right?" panel:
 * the round trip f⁻¹(f(x)) = x, and log|det J_f(x)| against the log|det| of a central-difference
 * Jacobian, J_{:,i} ≈ (f(x + εe_i) − f(x − εe_i)) / 2ε (error O(ε²)). Everything is batched:
 * 2d perturbed copies of every point go through one forward pass.
 */
import { emptyColumns } from './layer';
import { logAbsDet } from './linalg';
import type { FlowStack } from './stack';

export interface StackCheck {
  points: number;
  /** max over points and coordinates of |f⁻¹(f(x)) − x| / max(1, |x|). */
  inverseMaxError: number;
  /** max over points of |log|det J_f| − log|det J_numerical||. */
  logDetMaxError: number;
  /** Per point (same order): the analytic and the numerical log-determinants. */
  logDet: Float64Array;
  numericLogDet: Float64Array;
}

/** Check the stack at (up to `limit` of) the given points (columns). */
export function checkStack(stack: FlowStack, points: readonly Float64Array[], limit = 1000, epsilon = 1e-5): StackCheck {
  const d = stack.dim;
  const count = Math.min(points[0]?.length ?? 0, limit);
  const x = points.map((c) => c.slice(0, count));
  // Round trip.
  const y = x.map((c) => c.slice());
  const logDet = new Float64Array(count);
  stack.forward(y, logDet);
  const back = y.map((c) => c.slice());
  stack.inverse(back, new Float64Array(count));
  let inverseMaxError = 0;
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < count; k++) {
      const err = Math.abs(back[j][k] - x[j][k]) / Math.max(1, Math.abs(x[j][k]));
      inverseMaxError = Math.max(inverseMaxError, Number.isNaN(err) ? Infinity : err);
    }
  }
  // Central differences: block (2i + side) holds x ± ε_i e_i for every point.
  const total = 2 * d * count;
  const perturbed = emptyColumns(d, total);
  const steps = new Float64Array(d * count);
  for (let i = 0; i < d; i++) {
    for (let side = 0; side < 2; side++) {
      const offset = (2 * i + side) * count;
      for (let j = 0; j < d; j++) perturbed[j].set(x[j], offset);
      for (let k = 0; k < count; k++) {
        const h = epsilon * Math.max(1, Math.abs(x[i][k]));
        steps[i * count + k] = h;
        perturbed[i][offset + k] += side === 0 ? h : -h;
      }
    }
  }
  stack.forward(perturbed, new Float64Array(total));
  const numericLogDet = new Float64Array(count);
  const jac = new Float64Array(d * d);
  let logDetMaxError = 0;
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < d; i++) {
      const plus = 2 * i * count + k;
      const minus = plus + count;
      // Exact step actually taken, (x + h) − (x − h), to cancel rounding of the perturbation.
      const width = x[i][k] + steps[i * count + k] - (x[i][k] - steps[i * count + k]);
      for (let j = 0; j < d; j++) jac[j * d + i] = (perturbed[j][plus] - perturbed[j][minus]) / width;
    }
    numericLogDet[k] = logAbsDet(jac, d);
    const err = Math.abs(numericLogDet[k] - logDet[k]);
    logDetMaxError = Math.max(logDetMaxError, Number.isNaN(err) ? Infinity : err);
  }
  return { points: count, inverseMaxError, logDetMaxError, logDet, numericLogDet };
}
