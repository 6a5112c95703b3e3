/** Operators: arithmetic on numbers, symbolic dims and tensors, comparison, `in`, subscripts and slices. */
import { ComputeError } from '../../errors';
import { pyArith } from '../../python/arithmetic';
import { describe } from '../interp-support';
import { DictV, InstanceV, ListV, OpaqueV, SliceV } from '../objects';
import type { Value } from '../objects';
import { binaryOp, indexTensor } from '../torch-ops';
import { NotUnderstood, SymDim, TensorV, UnknownV } from '../values';
import type { Arg } from '../values';
import { convertIndex } from '../slices';
import type { Scope } from './scope';
import { fromArg, numArg, opaqueIn, pyStr, tensorsIn, toArg } from './convert';
import { ValuesV } from './values';
import { childrenOf, newModule, register } from './modules';
import { finishOp } from './forward';
import { percentFormat } from './python-methods';

// ---- operators ---------------------------------------------------------------------------
export const binary = (s: Scope, op: string, a: Value, b: Value, line: number): Value | undefined => {
  // A scalar whose value is known behaves as that number (`rate > 0` for a linspace element).
  if (a instanceof ValuesV && a.values.length === 1 && a.shape.length === 0) a = a.values[0];
  if (b instanceof ValuesV && b.values.length === 1 && b.shape.length === 0) b = b.values[0];
  if (a instanceof TensorV || b instanceof TensorV) {
    if (op === '==' || op === '!=' || op === '<' || op === '>' || op === '<=' || op === '>=') {
      const r = binaryOp('*', toArg(a, line), toArg(b, line));
      return fromArg(r.value);
    }
    if (a instanceof OpaqueV || b instanceof OpaqueV) return a instanceof OpaqueV ? a : b;
    if (op === 'in' || op === 'not in') return undefined;
    const inputs = tensorsIn([a, b]);
    let r: ReturnType<typeof binaryOp>;
    try {
      r = binaryOp(op as '+', toArg(a, line), toArg(b, line));
    } catch (e) {
      if (e instanceof ComputeError && !(e instanceof NotUnderstood)) {
        s.recorder.shapeError?.({ message: `${op}: ${e.message}`, line, inputs, file: s.interp().file.path });
        throw new ComputeError(`line ${line}: ${describe(a)} ${op} ${describe(b)}: ${e.message}`);
      }
      throw e;
    }
    return finishOp(s, r, op, inputs, line);
  }
  if (a instanceof UnknownV || b instanceof UnknownV) {
    if (op === '==' || op === '!=') {
      if (a === null || b === null) return op === '!='; // an unknown parameter is not None... unless it defaulted to it
    }
    const u = (a instanceof UnknownV ? a : b) as UnknownV;
    return new UnknownV(`${a instanceof UnknownV ? a.name : pyStr(a)} ${op} ${b instanceof UnknownV ? b.name : pyStr(b)}`, u.where, u.line);
  }
  if (a instanceof OpaqueV || b instanceof OpaqueV) return a instanceof OpaqueV ? a : b;
  if (a instanceof SymDim || b instanceof SymDim) return symBinary(op, a, b, line);
  if (typeof a === 'boolean') a = Number(a);
  if (typeof b === 'boolean') b = Number(b);
  if (typeof a === 'number' && typeof b === 'number') return numBinary(op, a, b, line);
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case 'in':
    case 'not in': {
      let found: boolean;
      if (typeof b === 'string') found = typeof a === 'string' && b.includes(a);
      else if (b instanceof DictV) found = b.get(a) !== undefined;
      else if (b instanceof InstanceV && b.module) found = b.module.children.has(String(a));
      else
        found = s
          .interp()
          .iterate(b, line)
          .some((x) => equal(x, a));
      return op === 'in' ? found : !found;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (op === '+') return a + b;
    if (op === '<') return a < b;
    if (op === '>') return a > b;
  }
  if (typeof a === 'string' && typeof b === 'number' && op === '*') return a.repeat(b);
  if (op === '%' && typeof a === 'string') return percentFormat(a, b, line);
  const seq = (v: Value): Value[] | undefined => (Array.isArray(v) ? v : v instanceof ListV ? v.items : undefined);
  const sa = seq(a);
  const sb = seq(b);
  if (op === '+' && sa && sb) return a instanceof ListV ? new ListV([...sa, ...sb]) : [...sa, ...sb];
  if (op === '*' && sa && typeof b === 'number') {
    const out = Array.from({ length: Math.max(0, b) }, () => sa).flat();
    return a instanceof ListV ? new ListV(out) : out;
  }
  if (op === '*' && sb && typeof a === 'number') return binary(s, op, b, a, line);
  if (op === '|' && a instanceof DictV && b instanceof DictV) {
    const d = new DictV();
    for (const e of [...a.entries.values(), ...b.entries.values()]) d.set(e.key, e.value);
    return d;
  }
  return undefined;
};

/** What Python's ZeroDivisionError says each operator was doing. */
const BY_ZERO: Record<string, string> = { '/': 'division', '//': 'integer division', '%': 'modulo' };

export const numBinary = (op: string, a: number, b: number, line: number): Value => {
  if (b === 0 && Object.hasOwn(BY_ZERO, op)) throw new ComputeError(`line ${line}: ${BY_ZERO[op]} by zero.`);
  const arithmetic = pyArith(op, a, b);
  if (arithmetic !== undefined) return arithmetic;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    default:
      throw new NotUnderstood(`the operator ${op} on numbers is not read`, line);
  }
};

/** Arithmetic on a symbolic dim (the batch N): an expression, simplified where exact. */
export const symBinary = (op: string, a: Value, b: Value, line: number): Value => {
  const s = (v: Value) => (v instanceof SymDim ? v.expr : typeof v === 'number' ? String(v) : undefined);
  const x = s(a);
  const y = s(b);
  if (x === undefined || y === undefined) return new OpaqueV(`${describe(a)} ${op} ${describe(b)}`, line);
  if (op === '==') return x === y;
  if (op === '!=') return x !== y;
  if ((op === '*' && (y === '1' || x === '1')) || ((op === '//' || op === '/') && y === '1')) return x === '1' ? b : a;
  if (['+', '-', '*', '//', '/', '%'].includes(op)) return new SymDim(`${x}${op === '*' ? '·' : op}${y}`);
  throw new NotUnderstood(`comparing the symbolic size ${x} with ${y} cannot be decided statically`, line);
};

export const equal = (a: Value, b: Value): boolean => {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a instanceof ListV && b instanceof ListV) return equal(a.items, b.items);
  return a === b;
};

export const subscript = (s: Scope, obj: Value, index: Value, line: number): Value | undefined => {
  if (obj instanceof InstanceV && s.tupleClasses.has(obj.cls) && typeof index === 'number') {
    const fields = obj.cls.attrs.get('_fields') as string[];
    return obj.attrs.get(fields[index < 0 ? fields.length + index : index]) ?? null;
  }
  if (obj instanceof ValuesV && obj.shape.length === 1) {
    if (typeof index === 'number') {
      const at = index < 0 ? obj.values.length + index : index;
      if (at < 0 || at >= obj.values.length)
        throw new ComputeError(`line ${line}: index ${index} is out of range for a tensor of ${obj.values.length} values.`);
      return new ValuesV([obj.values[at]], []);
    }
    if (index instanceof SliceV) return new ValuesV(sliceOf(obj.values, index, line));
  }
  if (obj instanceof TensorV) {
    const idx = Array.isArray(index) ? index : [index];
    const blocked = opaqueIn(idx);
    if (blocked) return blocked instanceof OpaqueV ? blocked : new OpaqueV(`indexing with ${blocked.name}`, line);
    // A list of ints (`x[:, [-1], :]`) indexes like an integer tensor of that length.
    const items = idx.map((i) =>
      i instanceof ListV || (Array.isArray(i) && !Array.isArray(index)) ? new TensorV([(i instanceof ListV ? i.items : (i as Value[])).length]) : i,
    );
    let r: ReturnType<typeof indexTensor>;
    try {
      r = indexTensor(
        obj,
        items.map((i) => convertIndex(i) as Arg),
      );
    } catch (e) {
      if (e instanceof ComputeError && !(e instanceof NotUnderstood))
        throw new ComputeError(`line ${line}: indexing a tensor [${obj.shape.join(', ')}]: ${e.message}`);
      throw e;
    }
    return finishOp(s, r, '[]', [obj], line);
  }
  const seq = Array.isArray(obj) ? obj : obj instanceof ListV ? obj.items : typeof obj === 'string' ? [...obj] : undefined;
  if (seq) {
    if (index instanceof SliceV) {
      const out = sliceOf(seq, index, line);
      return obj instanceof ListV ? new ListV(out) : typeof obj === 'string' ? out.join('') : out;
    }
    if (index instanceof UnknownV || index instanceof OpaqueV) return index;
    const i = numArg(index, 'an index', line);
    const at = i < 0 ? seq.length + i : i;
    if (at < 0 || at >= seq.length) throw new ComputeError(`line ${line}: index ${i} is out of range (length ${seq.length}).`);
    return seq[at];
  }
  if (obj instanceof DictV) {
    const v = obj.get(index);
    if (v === undefined) {
      if (index instanceof UnknownV || index instanceof OpaqueV) return index;
      throw new ComputeError(`line ${line}: the key ${pyStr(index)} is not in the dict (KeyError).`);
    }
    return v;
  }
  if (obj instanceof InstanceV && obj.module) {
    const base = obj.cls.nativeBase();
    const kids = childrenOf(obj);
    if (base === 'ModuleDict') {
      const v = obj.module.children.get(String(index));
      if (!v) throw new ComputeError(`line ${line}: the ModuleDict has no key ${pyStr(index)}.`);
      return v;
    }
    if (base === 'ModuleList' && !(index instanceof SliceV)) {
      // A ModuleList may hold None (HRNet's fuse layers): positions are its keys, not the modules left.
      const size = Number(obj.attrs.get('__size__') ?? kids.length);
      const i = numArg(index, 'an index', line);
      const at = i < 0 ? size + i : i;
      if (at < 0 || at >= size) throw new ComputeError(`line ${line}: index ${i} is out of range for a ModuleList of ${size}.`);
      return obj.module.children.get(String(at)) ?? null;
    }
    if (base === 'Sequential' || base === 'ModuleList') {
      if (index instanceof SliceV) {
        const sub = newModule(s, obj.cls, line);
        sliceOf(kids, index, line).forEach((k, i) => register(s, sub, String(i), k));
        return sub;
      }
      const i = numArg(index, 'an index', line);
      const at = i < 0 ? kids.length + i : i;
      if (at < 0 || at >= kids.length) throw new ComputeError(`line ${line}: index ${i} is out of range for a ${base} of ${kids.length} modules.`);
      return kids[at];
    }
  }
  return undefined;
};

export const sliceOf = <T>(seq: T[], s: SliceV, line: number): T[] => {
  const n = seq.length;
  const step = s.step === null ? 1 : numArg(s.step, 'a slice step', line);
  const norm = (v: Value, def: number) => {
    if (v === null) return def;
    const x = numArg(v, 'a slice bound', line);
    return x < 0 ? Math.max(n + x, step < 0 ? -1 : 0) : Math.min(x, step < 0 ? n - 1 : n);
  };
  const start = norm(s.start, step > 0 ? 0 : n - 1);
  const stop = norm(s.stop, step > 0 ? n : -1);
  const out: T[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(seq[i]);
  return out;
};
