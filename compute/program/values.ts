/**
 * Values of the static evaluator. Python model code is parsed, never executed: the evaluator
 * interprets it over these values, with tensors as shapes (a symbolic batch `N`) and anything it
 * cannot know as a named unknown that says where it came from.
 */
import { ComputeError } from '../errors';

/** A tensor dimension: a number, or a symbol such as `N` (the batch) or `num_classes`. */
export type Dim = number | string;

/** Code the evaluator does not understand: always a message naming what and where (1-based line). */
export class NotUnderstood extends ComputeError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = 'NotUnderstood';
  }
}

/** The analysis ran out of its step, depth or time budget. */
export class BudgetExceeded extends ComputeError {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

/** A tensor, known by its shape only. */
export class TensorV {
  constructor(
    readonly shape: Dim[],
    /** Receptive field per trailing spatial axis, when the tensor is still spatial. */
    readonly rf?: RfAxis[],
  ) {}
}

/**
 * Receptive field on one spatial axis of the model input: output position i reads input
 * positions [left + i·jump, left + i·jump + size − 1] (padding may put `left` below 0).
 */
export interface RfAxis {
  size: number;
  jump: number;
  left: number;
}

/** A value no call site binds: shown to the user by name, with where it comes from. */
export class UnknownV {
  constructor(
    readonly name: string,
    readonly where: string,
    readonly line: number,
  ) {}
}

/** A symbolic dimension as a value (`x.size(0)` of a batch-`N` tensor is `SymDim('N')`). */
export class SymDim {
  constructor(readonly expr: string) {}
}

/**
 * Shape rules' view of an argument: plain data (a Python tuple or list is an array), tensors,
 * symbolic dimensions and unknowns. A Python string is a JS string; a symbolic dim never is.
 */
export type Arg = number | string | boolean | null | undefined | TensorV | UnknownV | SymDim | Arg[] | { [key: string]: Arg };

/** Thrown by table rules that need the value of an argument that is unknown. */
export class NeedsUnknown extends Error {
  constructor(readonly unknown: UnknownV) {
    super(`needs ${unknown.name}`);
  }
}

export const isKnownDim = (d: Dim): d is number => typeof d === 'number';

/** A dimension argument: a number, or the symbol of a SymDim (`x.size(0)` → `N`). */
export function dimArg(v: Arg, what: string): Dim {
  if (v instanceof SymDim) return v.expr;
  return num(v, what);
}

/** A dim as a value again: numbers stay numbers, symbols become SymDim. */
export const dimValue = (d: Dim): number | SymDim => (typeof d === 'number' ? d : new SymDim(d));

/** A number argument, or NeedsUnknown when it is an unknown value. */
export function num(v: Arg, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof UnknownV) throw new NeedsUnknown(v);
  throw new ComputeError(`${what} must be a number, not ${describeArg(v)}.`, what);
}

/** An int or a tuple of ints expanded to `n` axes (PyTorch's `_ntuple`). */
export function tuple(v: Arg, n: number, what: string): number[] {
  if (Array.isArray(v)) {
    if (v.length !== n) throw new ComputeError(`${what} must have ${n} values, not ${v.length}.`, what);
    return v.map((x) => num(x, what));
  }
  const x = num(v, what);
  return Array.from({ length: n }, () => x);
}

export function describeArg(v: Arg): string {
  if (v instanceof TensorV) return `a tensor [${formatShape(v.shape)}]`;
  if (v instanceof UnknownV) return `the unknown ${v.name}`;
  if (v instanceof SymDim) return v.expr;
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `(${v.map(describeArg).join(', ')})`;
  if (typeof v === 'object') return 'a dict';
  return JSON.stringify(v);
}

export function formatShape(shape: readonly Dim[]): string {
  return shape.join('×');
}

// Dimension arithmetic: exact on numbers, a readable expression on symbols.
export const dimMul = (a: Dim, b: Dim): Dim => (isKnownDim(a) && isKnownDim(b) ? a * b : a === 1 ? b : b === 1 ? a : `${wrap(a)}·${wrap(b)}`);
export const dimAdd = (a: Dim, b: Dim): Dim => (isKnownDim(a) && isKnownDim(b) ? a + b : b === 0 ? a : a === 0 ? b : `${a}+${b}`);
export const dimProduct = (dims: readonly Dim[]): Dim => dims.reduce<Dim>((p, d) => dimMul(p, d), 1);
const wrap = (d: Dim): string => (typeof d === 'string' && /[+\-]/.test(d) ? `(${d})` : String(d));

/** Replace a symbolic batch with 1 to count per-sample costs; other symbols stay. */
export const perSample = (shape: readonly Dim[]): Dim[] => shape.map((d, i) => (i === 0 && d === 'N' ? 1 : d));

/**
 * Indexing `x[...]` (torch-ops `indexTensor`). Each item of the index is one of:
 * - a whole number or SymDim: selects one position and drops that axis (`x[0]`, `x[:, -1]`);
 * - a SliceArg: Python's `start:stop:step`, each part a number, a SymDim, or null when omitted
 *   (`x[:, :, 1:-1]` is `[SLICE_ALL, SLICE_ALL, new SliceArg(1, -1, null)]`);
 * - null (Python's None): inserts a new axis of size 1 (`x[..., None]`);
 * - ELLIPSIS: as many full slices as the other items leave (`x[..., 0]`);
 * - a TensorV: advanced indexing with an integer tensor (its shape replaces the axis) or a
 *   boolean mask (the masked axes become one axis of unknown length).
 */
export class SliceArg {
  constructor(
    readonly start: number | SymDim | null = null,
    readonly stop: number | SymDim | null = null,
    readonly step: number | SymDim | null = null,
  ) {}
}

/** Python's `...` in an index; use the single instance ELLIPSIS. */
export class EllipsisArg {
  static readonly it = new EllipsisArg();
  private constructor() {}
}
export const ELLIPSIS = EllipsisArg.it;
/** `:` */
export const SLICE_ALL = new SliceArg();

/** One item of an index (see SliceArg). Every Arg is accepted; the evaluator may cast. */
export type IndexArg = Arg | SliceArg | EllipsisArg;
