/**
 * "Apply to code": the optimizer call in the user's code rewritten with the lab's hyperparameters.
 * Only the call's arguments change. The callee is kept as written, and so is the parameter
 * argument (`model.parameters()`). Hyperparameters equal to the framework's default are left
 * out, as a person would write them.
 */
import { ComputeError } from '../errors';
import { buildOptimizer } from '../optim/frameworks';
import type { OptimizerSpec } from '../optim/types';
import { optimizerCallee } from './optim';
import { callsIn, nodeText, parsePython } from './python';

export interface TextEdit {
  /** Offsets into the text that was given. */
  from: number;
  to: number;
  text: string;
}

/** A JSON value as Python source: numbers, True/False/None, strings, tuples. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ComputeError(`${value} cannot be written as a Python literal.`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonLiteral(value[0])},)` : `(${value.map(pythonLiteral).join(', ')})`;
  throw new ComputeError(`${JSON.stringify(value)} cannot be written as a Python literal.`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The one edit that writes `spec` into the optimizer call found in `text` (e.g. a selection). */
export function optimizerEdit(text: string, spec: OptimizerSpec): TextEdit {
  const call = callsIn(parsePython(text), text).find((c) => optimizerCallee(c.callee));
  if (!call) throw new ComputeError('No optimizer call is there any more; select it and run Simulate Selection again.');
  const { framework } = optimizerCallee(call.callee)!;
  const built = buildOptimizer({ ...spec, framework });
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  const defaults = buildOptimizer({ name: spec.name, framework, hyperparameters: { [lrKey]: built.hyperparameters[lrKey] } }).hyperparameters;
  const args: string[] = [];
  // PyTorch's first argument is the parameters to optimize: keep it exactly as written.
  if (framework === 'pytorch' && call.positional[0]) args.push(nodeText(text, call.positional[0]));
  for (const [name, value] of Object.entries(built.hyperparameters)) {
    if (name === lrKey || !same(value, defaults[name])) args.push(`${name}=${pythonLiteral(value)}`);
  }
  const callee = nodeText(text, call.node.firstChild!);
  return { from: call.node.from, to: call.node.to, text: `${callee}(${args.join(', ')})` };
}
