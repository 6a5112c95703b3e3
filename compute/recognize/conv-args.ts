/**
 * One layer call of a selection as the conv recognizer holds it (an Entry: built lazily, once the
 * shape flowing in is known), and a call's arguments read as literals.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ConvLayerJson } from '../conv/layer';
import type { Args, LayerFramework, Made } from './frameworks';
import { NotLiteral, type Literal, type PyCall } from '../python/syntax';
import { evaluate, Unresolved, type FileContext } from './values';

export interface Entry {
  call: PyCall;
  framework: LayerFramework;
  /** Builds the layers given the NCHW shape flowing in. */
  make(shape: number[]): Made;
  /** What the layer says about its input without a shape (PyTorch layers). */
  hint?: ConvLayerJson;
  /** A channels-last input shape written on the layer (Keras input_shape=...). */
  nhwcInput?: number[];
  /** The NCHW shape of a functional call's input tensor, when it is a literal factory. */
  tensorInput?: number[];
}

export function readArgs(ctx: FileContext, call: PyCall): Args {
  const read = (node: SyntaxNode, what: string): Literal => {
    try {
      return evaluate(ctx, node);
    } catch (e) {
      if (e instanceof Unresolved) throw new Error(`${call.callee}: ${what}: ${e.message}.`);
      if (e instanceof NotLiteral)
        throw new Error(
          `${call.callee}: ${what} is ${e.message}, not a literal; only literal arguments (or names assigned one literal in this file) can be simulated.`,
        );
      throw e;
    }
  };
  return {
    positional: call.positional.map((n, i) => read(n, `argument ${i + 1}`)),
    keywords: new Map([...call.keywords].map(([k, n]) => [k, read(n, `"${k}"`)])),
  };
}

export function evaluateOrThrow(ctx: FileContext, node: SyntaxNode, what: string): Literal {
  try {
    return evaluate(ctx, node);
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
