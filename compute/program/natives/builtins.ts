/** Python's builtins as the evaluator reads them: range, len, min/max, isinstance, zip, enumerate, super… */
import { ComputeError } from '../../errors';
import { pyFloorDiv, pyMod } from '../../python/arithmetic';
import { funcOwner } from '../interp-support';
import { BoundMethodV, BuiltinV, ClassV, DictV, FuncV, InstanceV, LayerV, LibV, ListV, OpaqueV, PartialV, SuperV } from '../objects';
import type { Value } from '../objects';
import { NotUnderstood, SymDim, TensorV, UnknownV } from '../values';
import type { Scope } from './scope';
import { fn, numArg, pyStr } from './convert';
import { dimOrSym } from './values';

export const range = (s: Scope, args: Value[], line: number): Value => {
  const n = args.map((a) => numArg(a, 'range()', line));
  const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
  if (step === 0) throw new ComputeError(`line ${line}: range() arg 3 must not be zero.`);
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > s.interp().budget.maxLoop)
    throw new ComputeError(
      `line ${line}: range() of ${count.toLocaleString('en-US')} elements is more than the ${s.interp().budget.maxLoop.toLocaleString('en-US')} a loop may run.`,
    );
  return Array.from({ length: count }, (_, i) => start + i * step);
};
export const minMax =
  (s: Scope, pick: (a: number, b: number) => boolean) =>
  (args: Value[], kw: Map<string, Value>, line: number): Value => {
    const items = args.length === 1 ? s.interp().iterate(args[0], line) : args;
    if (items.length === 0) {
      if (kw.has('default')) return kw.get('default')!;
      throw new ComputeError(`line ${line}: max()/min() of an empty sequence.`);
    }
    const key = kw.get('key');
    let best = items[0];
    let bestKey = key ? s.interp().call(key, [best], new Map(), line) : best;
    for (const it of items.slice(1)) {
      const k = key ? s.interp().call(key, [it], new Map(), line) : it;
      if (k instanceof UnknownV || k instanceof OpaqueV) return k;
      if (pick(numArg(k, 'max()/min()', line), numArg(bestKey, 'max()/min()', line))) {
        best = it;
        bestKey = k;
      }
    }
    return best;
  };
export const isinstance = (s: Scope, v: Value, c: Value): boolean => {
  if (Array.isArray(c)) return c.some((x) => isinstance(s, v, x));
  if (c instanceof LibV) {
    const name = c.path.slice(c.path.lastIndexOf('.') + 1);
    if (v instanceof LayerV) return v.className === name || name === 'Module';
    if (v instanceof TensorV) return name === 'Tensor';
    if (v instanceof InstanceV) return name === 'Module' && v.module !== undefined;
    return false;
  }
  if (c instanceof BuiltinV) {
    if (c.name === 'int') return typeof v === 'number' && Number.isInteger(v);
    if (c.name === 'float') return typeof v === 'number';
    if (c.name === 'str') return typeof v === 'string';
    if (c.name === 'bool') return typeof v === 'boolean';
    if (c.name === 'list') return v instanceof ListV;
    if (c.name === 'tuple') return Array.isArray(v);
    if (c.name === 'dict') return v instanceof DictV;
    return false;
  }
  if (c instanceof ClassV) {
    if (v instanceof InstanceV) return v.cls.mro().includes(c);
    if (v instanceof LayerV) return c === s.moduleClass;
  }
  return false;
};

export function makeBuiltins(s: Scope): Record<string, Value> {
  return {
    object: s.objectClass,
    Exception: s.exceptionClass,
    range: fn('range', (a, _k, line) => range(s, a, line)),
    len: fn('len', (a, _k, line) => {
      const v = a[0];
      if (v instanceof InstanceV && v.module) return v.module.children.size;
      if (v instanceof TensorV) return dimOrSym(v.shape[0]);
      if (v instanceof UnknownV || v instanceof OpaqueV) return v;
      return s.interp().iterate(v, line).length;
    }),
    int: fn('int', (a, _k, line) =>
      a.length === 0
        ? 0
        : typeof a[0] === 'string'
          ? Number.parseInt(a[0], 10)
          : a[0] instanceof SymDim || a[0] instanceof UnknownV || a[0] instanceof OpaqueV
            ? a[0]
            : Math.trunc(numArg(a[0], 'int()', line)),
    ),
    float: fn('float', (a, _k, line) =>
      a.length === 0
        ? 0
        : typeof a[0] === 'string'
          ? Number(a[0].replace('inf', 'Infinity'))
          : a[0] instanceof UnknownV || a[0] instanceof OpaqueV
            ? a[0]
            : numArg(a[0], 'float()', line),
    ),
    bool: fn('bool', (a, _k, line) => (a.length ? s.interp().truthy(a[0], line) : false)),
    str: fn('str', (a) => (a.length ? pyStr(a[0]) : '')),
    abs: fn('abs', (a, _k, line) => Math.abs(numArg(a[0], 'abs()', line))),
    round: fn('round', (a, _k, line) => {
      const x = numArg(a[0], 'round()', line);
      const nd = a[1] === undefined || a[1] === null ? undefined : numArg(a[1], 'round()', line);
      if (nd === undefined) {
        // Python rounds halves to even.
        const f = Math.floor(x);
        const diff = x - f;
        return diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
      }
      const p = 10 ** nd;
      return Math.round(x * p) / p;
    }),
    max: fn(
      'max',
      minMax(s, (a, b) => a > b),
    ),
    min: fn(
      'min',
      minMax(s, (a, b) => a < b),
    ),
    sum: fn('sum', (a, _k, line) => {
      let acc: Value = a[1] ?? 0;
      for (const x of s.interp().iterate(a[0], line)) acc = s.interp().binary('+', acc, x, line);
      return acc;
    }),
    divmod: fn('divmod', (a, _k, line) => {
      const x = numArg(a[0], 'divmod()', line);
      const y = numArg(a[1], 'divmod()', line);
      if (y === 0) throw new ComputeError(`line ${line}: divmod() by zero.`);
      return [pyFloorDiv(x, y), pyMod(x, y)];
    }),
    pow: fn('pow', (a, _k, line) => numArg(a[0], 'pow()', line) ** numArg(a[1], 'pow()', line)),
    list: fn('list', (a, _k, line) => new ListV(a.length ? s.interp().iterate(a[0], line) : [])),
    tuple: fn('tuple', (a, _k, line) => (a.length ? s.interp().iterate(a[0], line) : [])),
    set: fn('set', (a, _k, line) => new ListV(a.length ? s.interp().iterate(a[0], line) : [])),
    dict: fn('dict', (a, k, line) => {
      const d = new DictV();
      if (a[0] instanceof DictV) for (const e of a[0].entries.values()) d.set(e.key, e.value);
      else if (a[0] !== undefined)
        for (const pair of s.interp().iterate(a[0], line)) {
          const [key, value] = s.interp().iterate(pair, line);
          d.set(key, value);
        }
      for (const [key, v] of k) d.set(key, v);
      return d;
    }),
    zip: fn('zip', (a, _k, line) => {
      const lists = a.map((x) => s.interp().iterate(x, line));
      const n = Math.min(...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
    }),
    enumerate: fn('enumerate', (a, k, line) => {
      const start = numArg(a[1] ?? k.get('start') ?? 0, 'enumerate()', line);
      return s
        .interp()
        .iterate(a[0], line)
        .map((x, i) => [start + i, x]);
    }),
    reversed: fn('reversed', (a, _k, line) => s.interp().iterate(a[0], line).reverse()),
    sorted: fn('sorted', (a, k, line) => {
      const items = s.interp().iterate(a[0], line);
      if (!items.every((x) => typeof x === 'number')) throw new NotUnderstood('sorted() of values other than numbers is not read', line);
      const out = (items as number[]).sort((x, y) => x - y);
      return new ListV(k.get('reverse') === true ? out.reverse() : out);
    }),
    any: fn('any', (a, _k, line) =>
      s
        .interp()
        .iterate(a[0], line)
        .some((x) => s.interp().truthy(x, line)),
    ),
    all: fn('all', (a, _k, line) =>
      s
        .interp()
        .iterate(a[0], line)
        .every((x) => s.interp().truthy(x, line)),
    ),
    map: fn('map', (a, _k, line) => {
      const lists = a.slice(1).map((x) => s.interp().iterate(x, line));
      const n = Math.min(...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) =>
        s.interp().call(
          a[0],
          lists.map((l) => l[i]),
          new Map(),
          line,
        ),
      );
    }),
    filter: fn('filter', (a, _k, line) =>
      s
        .interp()
        .iterate(a[1], line)
        .filter((x) => s.interp().truthy(a[0] === null ? x : s.interp().call(a[0], [x], new Map(), line), line)),
    ),
    isinstance: fn('isinstance', (a) => isinstance(s, a[0], a[1])),
    issubclass: fn('issubclass', (a) => a[0] instanceof ClassV && a[1] instanceof ClassV && a[0].mro().includes(a[1])),
    hasattr: fn('hasattr', (a, _k, line) => s.interp().getAttr(a[0], String(a[1]), line, true) !== undefined),
    getattr: fn('getattr', (a, _k, line) => {
      const v = s.interp().getAttr(a[0], String(a[1]), line, a.length > 2);
      return v === undefined ? a[2] : v;
    }),
    setattr: fn('setattr', (a, _k, line) => {
      s.interp().setAttr(a[0], String(a[1]), a[2], line);
      return null;
    }),
    callable: fn(
      'callable',
      (a) =>
        a[0] instanceof FuncV ||
        a[0] instanceof BuiltinV ||
        a[0] instanceof ClassV ||
        a[0] instanceof PartialV ||
        a[0] instanceof LibV ||
        a[0] instanceof BoundMethodV,
    ),
    print: fn('print', () => null),
    repr: fn('repr', (a) => pyStr(a[0])),
    id: fn('id', () => 0),
    type: fn('type', (a) => (a[0] instanceof InstanceV ? a[0].cls : new OpaqueV('type() of a value', 0))),
    super: fn('super', (a, _k, line) => {
      if (a.length >= 2 && a[0] instanceof ClassV) return new SuperV(a[0], a[1]);
      const frame = s.interp().frames.at(-1);
      const owner = frame && funcOwner.get(frame.fn);
      if (!frame || !owner) throw new NotUnderstood('super() outside a method is not read', line);
      return new SuperV(owner, frame.self ?? null);
    }),
    staticmethod: fn('staticmethod', (a) => a[0]),
    classmethod: fn('classmethod', (a) => a[0]),
    property: fn('property', (a) => a[0]),
    NotImplementedError: s.exceptionClass,
    ValueError: s.exceptionClass,
    TypeError: s.exceptionClass,
    KeyError: s.exceptionClass,
    RuntimeError: s.exceptionClass,
    AssertionError: s.exceptionClass,
    __name__: 'model',
  };
}
