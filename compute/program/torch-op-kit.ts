/**
 * What a functional op or tensor method returns, and how its table entries are written: a Python
 * signature (bound by torch-dims.ts's bindSignature) and a rule over the bound arguments.
 */
import type { BoundArgs, ForwardOut, ForwardResult, RfRule } from './table-types';
import { bindSignature, tensorArg, type Signature } from './torch-dims';
import { TensorV, type Arg, type Dim } from './values';

export interface OpResult {
  /** A tensor, a tuple of them (split, max with dim), a number or SymDim (size(1)), a tuple of dims (size()). */
  value: Arg;
  /** Multiply-accumulates (see torch-table.ts); null when a symbol other than the batch N is in the count. */
  macs: number | null;
  rf: RfRule;
  /** PyTorch's op name (`relu`, `conv2d`, `cat`, `add`, `view`). */
  op: string;
}

export interface OpSpec extends Signature {
  run(a: BoundArgs): OpResult;
}

export const SAME: RfRule = { kind: 'same' };
export const NONE_RF: RfRule = { kind: 'none' };

export const ok = (value: Arg, op: string, rf: RfRule = SAME, macs: number | null = 0): OpResult => ({ value, macs, rf, op });
export const tensor = (shape: Dim[]): TensorV => new TensorV(shape);
export const input = (a: BoundArgs, name = 'input'): TensorV => tensorArg(a[name], name);

/** A layer-style forward result as an op result. */
export function fromForward(r: ForwardResult, op: string): OpResult {
  const value = (o: ForwardOut): Arg => (o instanceof TensorV ? o : o.map(value));
  return { value: value(r.out as ForwardOut), macs: r.macs, rf: r.rf, op };
}

/** Build an entry: positional names (first the tensor), defaults, and the rule. */
export function spec(params: string[], defaults: BoundArgs, run: (a: BoundArgs) => OpResult, more: Partial<Signature> = {}): OpSpec {
  return { params, defaults, run, ...more };
}

/** Bind and run an entry; `title` names it in TypeErrors (`view`, `conv2d`). Functions count no `self`. */
export function call(title: string, s: OpSpec, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): OpResult {
  return s.run(bindSignature(title, s, positional, keywords, false).args);
}
