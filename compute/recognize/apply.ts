/**
 * "Apply to code": the optimizer call in the user's code rewritten with the lab's hyperparameters
 * (the arguments come from compute/optim/codegen.ts).
 * Only the call's arguments change. The callee is kept as written, and so is the parameter
 * argument (`model.parameters()`). Hyperparameters equal to the framework's default are left
 * out, as a person would write them.
 */
import { ComputeError } from '../errors';
import { hyperparameterArgs } from '../optim/codegen';
import type { OptimizerSpec } from '../optim/types';
import { optimizerCallee } from './optim';
import { callsIn, nodeText, parsePython } from '../python/syntax';

export interface TextEdit {
  /** Offsets into the text that was given. */
  from: number;
  to: number;
  text: string;
}

/** The one edit that writes `spec` into the optimizer call found in `text` (e.g. a selection). */
export function optimizerEdit(text: string, spec: OptimizerSpec): TextEdit {
  const call = callsIn(parsePython(text), text).find((c) => optimizerCallee(c.callee));
  if (!call) throw new ComputeError('No optimizer call is there any more; select it and run Simulate Selection again.');
  const { framework } = optimizerCallee(call.callee)!;
  // PyTorch's first argument is the parameters to optimize: keep it exactly as written.
  const kept = framework === 'pytorch' && call.positional[0] ? [nodeText(text, call.positional[0])] : [];
  const callee = nodeText(text, call.node.firstChild!);
  return { from: call.node.from, to: call.node.to, text: `${callee}(${[...kept, ...hyperparameterArgs(spec, framework)].join(', ')})` };
}

export { optimizerCode, pythonLiteral } from '../optim/codegen';
