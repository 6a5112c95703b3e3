/** Values crossing between the evaluator and the framework tables, and small helpers every native shares. */
import { describe } from '../interp-support';
import { BuiltinV, ClassV, DictV, EllipsisV, LayerV, LibV, ListV, OpaqueV, PartialV, SliceV, Unavailable } from '../objects';
import type { Value } from '../objects';
import { NotUnderstood, SymDim, TensorV, UnknownV } from '../values';
import type { Arg } from '../values';
import { convertIndex } from '../slices';
import { ValuesV } from './values';

export const toArg = (v: Value, line: number): Arg => {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof TensorV || v instanceof UnknownV || v instanceof SymDim) return v;
  if (Array.isArray(v)) return v.map((x) => toArg(x, line));
  if (v instanceof ListV) return v.items.map((x) => toArg(x, line));
  if (v instanceof DictV) return Object.fromEntries([...v.entries.values()].map((e) => [String(e.key), toArg(e.value, line)]));
  if (v instanceof LayerV) return { __layer__: v.className, args: v.args } as unknown as Arg;
  if (v instanceof OpaqueV) throw new NotUnderstood(`a value here is not known: ${v.reason.replace(/^line \d+: /, '')} (line ${v.line})`, line);
  if (v instanceof SliceV || v === EllipsisV.it) return convertIndex(v) as unknown as Arg;
  if (v instanceof PartialV || v instanceof LibV || v instanceof ClassV) return `<${describe(v)}>`;
  throw new NotUnderstood(`${describe(v)} cannot be passed to a layer here`, line);
};
export const fromArg = (a: Arg): Value => {
  if (a === undefined) return null;
  if (Array.isArray(a)) return a.map(fromArg);
  if (a !== null && typeof a === 'object' && !(a instanceof TensorV) && !(a instanceof UnknownV) && !(a instanceof SymDim)) {
    const d = new DictV();
    for (const [k, v] of Object.entries(a)) d.set(k, fromArg(v));
    return d;
  }
  return a as Value;
};
export const kwArgs = (kw: Map<string, Value>, line: number): Record<string, Arg> => Object.fromEntries([...kw].map(([k, v]) => [k, toArg(v, line)]));
export const tensorsIn = (vs: Value[]): TensorV[] => {
  const out: TensorV[] = [];
  const walk = (v: Value) => {
    if (v instanceof TensorV) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v instanceof ListV) v.items.forEach(walk);
  };
  vs.forEach(walk);
  return out;
};
export const opaqueIn = (vs: Value[]): OpaqueV | UnknownV | undefined => {
  for (const v of vs) {
    if (v instanceof OpaqueV || v instanceof UnknownV) return v;
    if (Array.isArray(v)) {
      const o = opaqueIn(v as Value[]);
      if (o) return o;
    }
    if (v instanceof ListV) {
      const o = opaqueIn(v.items);
      if (o) return o;
    }
  }
  return undefined;
};

export const fn = (name: string, f: (args: Value[], kw: Map<string, Value>, line: number) => Value) => new BuiltinV(name, f);
export const numArg = (v: Value, what: string, line: number): number => {
  if (typeof v === 'number') return v;
  if (v instanceof ValuesV && v.values.length === 1) return v.values[0];
  if (typeof v === 'boolean') return Number(v);
  if (v instanceof UnknownV || v instanceof OpaqueV) throw new Unavailable(v);
  throw new NotUnderstood(`${what} expects a number, not ${describe(v)}`, line);
};

export const pyStr = (v: Value): string =>
  typeof v === 'string'
    ? v
    : v === null
      ? 'None'
      : typeof v === 'boolean'
        ? v
          ? 'True'
          : 'False'
        : typeof v === 'number'
          ? String(v)
          : Array.isArray(v)
            ? `(${v.map(pyStr).join(', ')})`
            : describe(v);

/** Call a builtin; a value that is not available (an unknown, an opaque value) is the answer. */
export function callBuiltin(f: BuiltinV, args: Value[], kw: Map<string, Value>, line: number): Value {
  try {
    return f.call(args, kw, line);
  } catch (e) {
    if (e instanceof Unavailable) return e.value;
    throw e;
  }
}
