/**
 * Expressions in Python/NumPy/PyTorch syntax compiled to fast closures over a tape, with exact
 * gradients and Hessians. Used by the optimizer lab (objectives) and the flow lab (s and t).
 */
import { ComputeError } from '../errors';
import { parseExpression, type Expr } from './ast';
import { compileTape, evaluateBatch, forward, hessian, reverse, type Tape } from './tape';

export { parseExpression, type Expr, type ParsedExpression } from './ast';

export interface CompiledExpression {
  /** Variable names in argument order. */
  readonly variables: readonly string[];
  /** The expression's source (the body of a lambda/def). */
  readonly source: string;
  readonly tape: Tape;
  value(x: ArrayLike<number>): number;
  /** f(x), with ∂f/∂x written into `grad` (length = variables). */
  valueAndGradient(x: ArrayLike<number>, grad: Float64Array): number;
  /** f(x), with the n×n Hessian (row-major) written into `out`. */
  valueAndHessian(x: ArrayLike<number>, out: Float64Array): number;
  /** f (and optionally ∇f) at many points; `inputs[k]` holds variable k at every point. */
  evaluateMany(inputs: readonly Float64Array[], values: Float64Array, grads?: readonly Float64Array[]): void;
}

export interface CompileOptions {
  /** Fix the variable names and their order (default: from lambda/def, else x, y or x0…xn). */
  variables?: string[];
}

export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const parsed = parseExpression(source, options.variables);
  return compileParsed(parsed.body, parsed.variables, parsed.text);
}

export function compileParsed(body: Expr, variables: string[], source: string): CompiledExpression {
  const tape = compileTape(body, variables.length);
  const slots = new Float64Array(tape.length);
  const adjoint = new Float64Array(tape.length);
  const n = variables.length;
  const checkArity = (x: ArrayLike<number>) => {
    if (x.length !== n) throw new ComputeError(`The expression takes ${n} variable${n === 1 ? '' : 's'} (${variables.join(', ')}), not ${x.length}.`);
  };
  return {
    variables,
    source,
    tape,
    value(x) {
      checkArity(x);
      return forward(tape, x, slots);
    },
    valueAndGradient(x, grad) {
      checkArity(x);
      const f = forward(tape, x, slots);
      reverse(tape, slots, adjoint, grad);
      return f;
    },
    valueAndHessian(x, out) {
      checkArity(x);
      return hessian(tape, x, out);
    },
    evaluateMany(inputs, values, grads) {
      if (inputs.length !== n) throw new ComputeError(`The expression takes ${n} variables, not ${inputs.length}.`);
      evaluateBatch(tape, inputs, values, grads);
    },
  };
}
