/**
 * Objectives f: ℝᵈ → ℝ for the gradient flow, each giving f(x) and ∇f(x): a user expression
 * (exact reverse-mode gradient from the expression compiler), a quadratic ½ xᵀAx (A made
 * symmetric; it has a closed-form flow, see quadratic.ts), or any gradient function.
 */
import { ComputeError, fail } from '../errors';
import { compileExpression } from '../expr';
import { MAX_DIM, type ObjectiveJson } from './types';
import { finiteMatrix } from './validate';

export interface Objective {
  readonly dim: number;
  /** f(x), with ∇f(x) written into `grad`. */
  valueAndGradient(x: Float64Array, grad: Float64Array): number;
  /** For ½ xᵀAx: the symmetric A (row-major), so the exact flow can be computed. */
  readonly quadratic?: Float64Array;
}

/**
 * The variable names an expression in `dim` coordinates uses: x0, x1, … if it mentions any
 * xN, else x / x, y / x, y, z; a lambda or def declares its own.
 */
function objectiveVariables(source: string, dim: number): string[] | undefined {
  if (/^\s*(lambda|def)\b/.test(source)) return undefined;
  if (/\bx\d+\b/.test(source) || dim > 3) return Array.from({ length: dim }, (_, i) => `x${i}`);
  return ['x', 'y', 'z'].slice(0, dim);
}

export function expressionObjective(source: string, dim: number): Objective {
  if (typeof source !== 'string') fail('objective.expr must be an expression string such as "(1 - x)**2 + 100*(y - x**2)**2".', 'objective');
  let e;
  try {
    e = compileExpression(source, { variables: objectiveVariables(source, dim) });
  } catch (err) {
    if (err instanceof ComputeError) throw new ComputeError(`objective: ${err.message}`, err.where ?? 'objective');
    throw err;
  }
  if (e.variables.length !== dim)
    fail(`The objective takes ${e.variables.length} variables (${e.variables.join(', ')}) but start has ${dim} coordinates.`, 'objective');
  return { dim, valueAndGradient: (x, grad) => e.valueAndGradient(x, grad) };
}

/** f(x) = ½ xᵀAx with A symmetrised, ∇f = ½(A + Aᵀ)x. */
export function quadraticObjective(A: ArrayLike<number>, dim: number): Objective {
  const S = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) S[i * dim + j] = 0.5 * (A[i * dim + j] + A[j * dim + i]);
  return {
    dim,
    quadratic: S,
    valueAndGradient(x, grad) {
      let f = 0;
      for (let i = 0; i < dim; i++) {
        let g = 0;
        for (let j = 0; j < dim; j++) g += S[i * dim + j] * x[j];
        grad[i] = g;
        f += 0.5 * x[i] * g;
      }
      return f;
    },
  };
}

/** An objective from a gradient function; f is reported as 0 unless a value function is given. */
export function gradientObjective(dim: number, gradient: (x: Float64Array, grad: Float64Array) => void, value?: (x: Float64Array) => number): Objective {
  return {
    dim,
    valueAndGradient(x, grad) {
      gradient(x, grad);
      return value ? value(x) : 0;
    },
  };
}

export function objectiveFromJson(json: ObjectiveJson, dim: number): Objective {
  if (dim < 1 || dim > MAX_DIM) fail(`gradientFlow.start must have 1 to ${MAX_DIM} coordinates, not ${dim}.`, 'gradientFlow.start');
  if (typeof json === 'string') return expressionObjective(json, dim);
  if (json && typeof json === 'object' && 'expr' in json) return expressionObjective(json.expr, dim);
  if (json && typeof json === 'object' && 'quadratic' in json)
    return quadraticObjective(finiteMatrix(json.quadratic, 'gradientFlow.objective.quadratic', dim, dim), dim);
  return fail('gradientFlow.objective must be an expression string, {"expr": "…"} or {"quadratic": [[…], …]} (f = ½ xᵀAx).', 'gradientFlow.objective');
}
