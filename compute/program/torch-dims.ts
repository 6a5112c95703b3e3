/**
 * Shape arithmetic for the PyTorch table: dimensions that may be symbols, argument readers, and
 * Python's argument binding with Python's own TypeError wording.
 *
 * A symbolic dim is a product of atoms times a whole number (`N·64`, `(H-3)//2+1`), written with
 * values.ts's `·`. `mulDim` folds the numbers so that `x.view(x.size(0), -1)` on an N×64×12×12
 * tensor can cancel N and find 9216.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, LayerRule } from './table-types';
import { dimAdd, dimMul, num, NeedsUnknown, SymDim, TensorV, UnknownV, describeArg, type Arg, type Dim } from './values';

// ── Symbolic dimensions ─────────────────────────────────────────────────────────────────────────

/** coef · ∏ atoms. Atoms are kept unwrapped (`H+2`, not `(H+2)`). */
interface Monomial {
  coef: number;
  atoms: string[];
}

/** Split on `sep` where it is not inside parentheses. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** `(x)` → `x` when the parentheses enclose the whole string. */
function unwrap(s: string): string {
  if (!s.startsWith('(') || !s.endsWith(')')) return s;
  let depth = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    if (depth === 0) return s;
  }
  return s.slice(1, -1);
}

const wrapAtom = (a: string): string => (/[+\-/ ]/.test(a) ? `(${a})` : a);

/** A + or − outside parentheses (after the first character): the dim is a sum, one atom as a whole. */
function isSum(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && i > 0 && (c === '+' || c === '-')) return true;
  }
  return false;
}

function monomial(d: Dim): Monomial {
  if (typeof d === 'number') return { coef: d, atoms: [] };
  const m: Monomial = { coef: 1, atoms: [] };
  const body = unwrap(d.trim());
  if (isSum(body)) return { coef: 1, atoms: [body] };
  for (const raw of splitTop(body, '·')) {
    const part = raw.trim();
    if (/^\d+$/.test(part)) m.coef *= Number(part);
    else m.atoms.push(unwrap(part));
  }
  return m;
}

function fromMonomial(m: Monomial): Dim {
  if (m.atoms.length === 0 || m.coef === 0) return m.coef;
  // values.ts's notation: symbols first, then the number (dimMul wraps a sum in parentheses).
  if (m.atoms.length === 1) return dimMul(m.atoms[0], m.coef);
  const joined = m.atoms.map(wrapAtom).join('·');
  return m.coef === 1 ? joined : `${joined}·${m.coef}`;
}

/** a·b, with numbers folded (`N·64` · 12 → `N·768`). */
export function mulDim(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  const x = monomial(a);
  const y = monomial(b);
  return fromMonomial({ coef: x.coef * y.coef, atoms: [...x.atoms, ...y.atoms] });
}

export const prodDims = (dims: readonly Dim[]): Dim => dims.reduce<Dim>((p, d) => mulDim(p, d), 1);

/** a / b when it divides exactly as a monomial (`N·9216` / `N` = 9216); undefined otherwise. */
export function divDimExact(a: Dim, b: Dim): Dim | undefined {
  if (typeof a === 'number' && typeof b === 'number') return b !== 0 && a % b === 0 ? a / b : undefined;
  const x = monomial(a);
  const y = monomial(b);
  if (y.coef === 0 || x.coef % y.coef !== 0) return undefined;
  const atoms = [...x.atoms];
  for (const atom of y.atoms) {
    const i = atoms.indexOf(atom);
    if (i < 0) return undefined;
    atoms.splice(i, 1);
  }
  return fromMonomial({ coef: x.coef / y.coef, atoms });
}

/** a / b: exact when possible, else a readable symbol `a/b`. */
export function divDim(a: Dim, b: Dim): Dim {
  return divDimExact(a, b) ?? `${wrapAtom(String(a))}/${wrapAtom(String(b))}`;
}

/** `H+2` → ['H', 2]; a dim with no trailing whole-number term → [d, 0]. */
function splitConst(d: string): [string, number] {
  const m = /([+-])(\d+)$/.exec(d);
  const base = m ? d.slice(0, m.index) : '';
  if (!m || !base || /[+\-*/·(]$/.test(base) || depthAtEnd(base) !== 0) return [d, 0];
  return [base, (m[1] === '-' ? -1 : 1) * Number(m[2])];
}

/** d + c for a whole number c, folding a trailing constant (`H+2` + (−2) → `H`). */
export function addConst(d: Dim, c: number): Dim {
  if (typeof d === 'number') return d + c;
  if (c === 0) return d;
  const [base, k0] = splitConst(d);
  const k = k0 + c;
  if (k === 0) return base;
  return k > 0 ? `${base}+${k}` : `${base}-${-k}`;
}

function depthAtEnd(s: string): number {
  let depth = 0;
  for (const c of s) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  return depth;
}

/** a + b for dims (symbols joined with +). */
export function addDims(a: Dim, b: Dim): Dim {
  if (typeof b === 'number') return addConst(a, b);
  if (typeof a === 'number') return addConst(b, a);
  return dimAdd(a, b);
}

const canonical = (d: Dim): string => {
  const m = monomial(d);
  return `${m.coef}|${[...m.atoms].sort().join('·')}`;
};

/** Provably the same size (equal numbers, or the same symbolic product). */
export const sameDim = (a: Dim, b: Dim): boolean => a === b || canonical(a) === canonical(b);

/** Provably different: both known and unequal. Symbols are never reported as different. */
export const knownDifferent = (a: Dim, b: Dim): boolean => typeof a === 'number' && typeof b === 'number' && a !== b;

/**
 * The number of multiply-accumulates for a product of dims: the symbolic batch `N` counts as 1
 * (costs per sample); any other symbol makes the count unknown (null).
 */
export function macCount(factors: readonly Dim[]): number | null {
  const m = monomial(prodDims(factors));
  return m.atoms.every((a) => a === 'N') ? m.coef : null;
}

/** Sum of MAC counts, null if any is unknown. */
export const sumMacs = (counts: readonly (number | null)[]): number | null =>
  counts.some((c) => c === null) ? null : counts.reduce<number>((s, c) => s + (c ?? 0), 0);

/** A dim for a symbolic formula: `op(H)` written around a symbol, a number computed. */
export function symbolic(n: Dim, compute: (n: number) => number, formula: (n: string) => string): Dim {
  return typeof n === 'number' ? compute(n) : formula(wrapAtom(n));
}

/** PyTorch's `[2, 3, 224, 224]` (symbols as they are). */
export const showShape = (shape: readonly Dim[]): string => `[${shape.join(', ')}]`;

// ── Arguments ───────────────────────────────────────────────────────────────────────────────────

export const isNone = (v: Arg): v is null | undefined => v === null || v === undefined;

/**
 * A size argument (channels, features, hidden size): a number, `x.size(1)` (SymDim), or an unknown
 * value, which becomes a symbol with its name so shapes can still be shown (`N×num_classes`).
 */
export function sizeArg(v: Arg, what: string): Dim {
  if (v instanceof SymDim) return v.expr;
  if (v instanceof UnknownV) return v.name;
  return num(v, what);
}

/** A number, or NeedsUnknown for an unknown (kernel sizes, strides: no symbolic form). */
export const intArg = (v: Arg, what: string): number => num(v, what);

export function boolArg(v: Arg, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isNone(v)) return false;
  if (v instanceof UnknownV) throw new NeedsUnknown(v);
  throw new ComputeError(`${what} must be True or False, not ${describeArg(v)}.`, what);
}

/** A shape written as ints, a tuple, a list or `x.size()` entries. */
export function shapeArg(v: Arg, what: string): Dim[] {
  const items = Array.isArray(v) ? v : [v];
  return items.map((x) => sizeArg(x, what));
}

/** Shape arguments given either as varargs (`view(2, -1)`) or as one sequence (`view((2, -1))`). */
export function varShape(values: readonly Arg[], what: string): Dim[] {
  if (values.length === 1 && Array.isArray(values[0])) return shapeArg(values[0], what);
  return values.map((x) => sizeArg(x, what));
}

export function tensorArg(v: Arg, what: string): TensorV {
  if (v instanceof TensorV) return v;
  if (v instanceof UnknownV) throw new NeedsUnknown(v);
  throw new ComputeError(`${what} must be a Tensor, not ${describeArg(v)}.`, what);
}

/** PyTorch's wrap of a possibly negative dim into [0, rank). */
export function normDim(d: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (d < -r || d >= r) throw new ComputeError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${d})`);
  return d < 0 ? d + r : d;
}

/** A dim argument (`dim=1`, `dim=(2, 3)`, None = all) normalised to sorted axes. */
export function dimsArg(v: Arg, rank: number, what = 'dim'): number[] {
  if (isNone(v)) return Array.from({ length: rank }, (_, i) => i);
  const list = Array.isArray(v) ? v : [v];
  return [...new Set(list.map((d) => normDim(num(d, what), rank)))].sort((a, b) => a - b);
}

// ── Python argument binding ─────────────────────────────────────────────────────────────────────

export interface Signature {
  /** Parameter names in positional order. */
  params: readonly string[];
  /** Defaults; a parameter missing here is required. */
  defaults: Readonly<BoundArgs>;
  /** Name of a `*args` parameter that takes the positionals past `params` (bound as an array). */
  varargs?: string;
  /** Trailing parameters accepted (positionally or by keyword) and dropped: device, dtype. */
  ignored?: readonly string[];
  /** Takes `*args, **kwargs` and ignores them (nn.Identity). */
  acceptsAnything?: boolean;
}

export interface Bound {
  args: BoundArgs;
  defaultsUsed: string[];
}

const quoteList = (names: string[]): string => {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
};

/**
 * Bind call arguments to a signature the way Python does, raising Python's TypeError wording as a
 * ComputeError. `title` is the callable as Python names it (`Conv2d.__init__`, `view`); `self`
 * counts toward the positional counts when `selfCounted` (a method or constructor).
 */
export function bindSignature(title: string, sig: Signature, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>, selfCounted = true): Bound {
  const args: BoundArgs = {};
  if (sig.acceptsAnything) return { args, defaultsUsed: [] };
  const ignored = sig.ignored ?? [];
  const self = selfCounted ? 1 : 0;
  const max = sig.params.length + ignored.length;
  if (!sig.varargs && positional.length > max) {
    const required = sig.params.filter((p) => !Object.hasOwn(sig.defaults, p)).length;
    const takes = required === max ? `${max + self}` : `from ${required + self} to ${max + self}`;
    const plural = required === max && max + self === 1 ? 'argument' : 'arguments';
    throw new ComputeError(
      `${title}() takes ${takes} positional ${plural} but ${positional.length + self} ${positional.length + self === 1 ? 'was' : 'were'} given`,
    );
  }
  positional.forEach((v, i) => {
    if (i < sig.params.length) args[sig.params[i]] = v;
  });
  if (sig.varargs) args[sig.varargs] = positional.slice(sig.params.length);
  for (const [name, v] of Object.entries(keywords)) {
    if (ignored.includes(name) || name === 'device' || name === 'dtype') continue;
    if (name === sig.varargs) {
      // `x.permute(dims=(0, 2, 1))`: the varargs given as one sequence by keyword.
      args[name] = [v];
      continue;
    }
    if (!sig.params.includes(name)) throw new ComputeError(`${title}() got an unexpected keyword argument '${name}'`, name);
    if (Object.hasOwn(args, name)) throw new ComputeError(`${title}() got multiple values for argument '${name}'`, name);
    args[name] = v;
  }
  const missing = sig.params.filter((p) => !Object.hasOwn(args, p) && !Object.hasOwn(sig.defaults, p));
  if (missing.length) {
    throw new ComputeError(
      `${title}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${quoteList(missing)}`,
      missing[0],
    );
  }
  const defaultsUsed: string[] = [];
  for (const p of sig.params) {
    if (Object.hasOwn(args, p)) continue;
    args[p] = sig.defaults[p];
    defaultsUsed.push(p);
  }
  return { args, defaultsUsed };
}

// ── Building layer rules ────────────────────────────────────────────────────────────────────────

/** PyTorch's factory keywords, accepted by most layers and ignored here. */
export const FACTORY = ['device', 'dtype'] as const;

/**
 * A layer rule with the common defaults filled: no parameters, no buffers. `factory` says whether
 * the constructor ends in `device=None, dtype=None`.
 */
export function makeRule(
  op: string,
  params: readonly string[],
  defaults: Readonly<BoundArgs>,
  parts: Pick<LayerRule, 'forward'> & Partial<Omit<LayerRule, 'op' | 'params' | 'defaults'>> & { factory?: boolean },
): LayerRule {
  const { factory, ...rest } = parts;
  return { op, params, defaults, paramCount: () => 0, ...(factory ? { ignoredParams: FACTORY } : {}), ...rest };
}

/** A plain Python value for compute/conv: numbers, tuples of numbers, strings; unknowns raise NeedsUnknown. */
export function plain(v: Arg, what: string): number | number[] | string | null {
  if (typeof v === 'string' || v === null || v === undefined) return v ?? null;
  if (Array.isArray(v)) return v.map((x) => num(x, what));
  return num(v, what);
}

/**
 * A number for a parameter count. A symbolic size (`nn.Linear(x.size(1), 10)`) cannot be counted:
 * it raises NeedsUnknown like an unknown value, so the count becomes null rather than an error.
 */
export function count(v: Arg, what: string): number {
  if (v instanceof SymDim) throw new NeedsUnknown(new UnknownV(v.expr, `a size computed from a tensor (${what})`, 0));
  return num(v, what);
}

/** The product of a shape argument (LayerNorm's normalized_shape) for a parameter count. */
export const countProduct = (v: Arg, what: string): number => (Array.isArray(v) ? v : [v]).reduce<number>((p, x) => p * count(x, what), 1);
