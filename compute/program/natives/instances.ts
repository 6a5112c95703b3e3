/** Calling a class: user classes (dataclasses, linen modules, nn.Module), namedtuples, Keras functional models. */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../../errors';
import { dataclassFields } from '../interp-support';
import type { InterpCore } from '../interp-core';
import { ClassV, DictV, FuncV, InstanceV } from '../objects';
import type { Value } from '../objects';
import { UnknownV } from '../values';
import type { Scope } from './scope';
import { fn } from './convert';
import { newModule, register, nativeInit } from './modules';

// ---- collections.namedtuple ------------------------------------------------------------------
export const namedTuple = (s: Scope, args: Value[], kw: Map<string, Value>, line: number): ClassV => {
  const name = typeof args[0] === 'string' ? args[0] : 'namedtuple';
  const spec = args[1] ?? kw.get('field_names');
  const fields =
    typeof spec === 'string'
      ? spec.split(/[\s,]+/).filter(Boolean)
      : s
          .interp()
          .iterate(spec ?? [], line)
          .map(String);
  const cls = new ClassV(name, [s.objectClass], undefined, undefined, 'object');
  cls.attrs.set('_fields', fields);
  const d = kw.get('defaults');
  if (d !== undefined && d !== null) cls.attrs.set('__defaults__', s.interp().iterate(d, line));
  s.tupleClasses.add(cls);
  return cls;
};
export const makeTuple = (cls: ClassV, args: Value[], kw: Map<string, Value>, line: number): InstanceV => {
  const fields = cls.attrs.get('_fields') as string[];
  const defaults = (cls.attrs.get('__defaults__') as Value[] | undefined) ?? [];
  const t = new InstanceV(cls);
  fields.forEach((f, i) => {
    const fromDefault = i - (fields.length - defaults.length);
    const v = i < args.length ? args[i] : kw.has(f) ? kw.get(f)! : fromDefault >= 0 ? defaults[fromDefault] : undefined;
    if (v === undefined) throw new ComputeError(`line ${line}: ${cls.name}() is missing the argument '${f}'.`);
    t.attrs.set(f, v);
  });
  return t;
};
export const tupleMethod = (t: InstanceV, name: string): Value | undefined => {
  const fields = t.cls.attrs.get('_fields') as string[];
  if (name === '_replace')
    return fn(name, (_a, k, line) =>
      makeTuple(
        t.cls,
        fields.map((f) => (k.has(f) ? k.get(f)! : t.attrs.get(f)!)),
        new Map(),
        line,
      ),
    );
  if (name === '_asdict') {
    return fn(name, () => {
      const d = new DictV();
      for (const f of fields) d.set(f, t.attrs.get(f)!);
      return d;
    });
  }
  if (name === '_fields') return fields;
  return undefined;
};

/**
 * keras.Model(inputs, outputs): the layers were called while the graph was built; they become
 * the model's children (by their Keras names) and its forward is the graph already traced.
 */
export const functionalModel = (s: Scope, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): InstanceV => {
  const m = newModule(s, s.functionalClass, line, node);
  m.attrs.set('inputs', kw.get('inputs') ?? args[0] ?? null);
  m.attrs.set('outputs', kw.get('outputs') ?? args[1] ?? null);
  for (const layer of s.kerasCalled) register(s, m, layer.autoName ?? layer.className, layer);
  return m;
};

export const instantiate = (s: Scope, it: InterpCore, cls: ClassV, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value => {
  const base = cls.nativeBase();
  if (base === 'Exception') return new InstanceV(cls);
  if (cls === s.kerasModelClass && (kw.has('outputs') || args.length >= 2)) return functionalModel(s, args, kw, line, node);
  if (s.tupleClasses.has(cls)) return makeTuple(cls, args, kw, line);
  const m = base === 'Module' || base === 'Sequential' || base === 'ModuleList' || base === 'ModuleDict' ? newModule(s, cls, line, node) : new InstanceV(cls);
  const init = cls.lookup('__init__');
  const linen = s.flavorOf(cls) === 'linen';
  if (init instanceof FuncV) {
    it.callFunction(init, [m, ...args], kw, line, m);
  } else if (linen) {
    // A linen module is a dataclass: its annotated fields (inherited ones first), then setup().
    const fields = [...cls.mro()].reverse().flatMap((c) => dataclassFields.get(c) ?? []);
    const rest = [...args];
    for (const f of fields) {
      const v = rest.length ? rest.shift()! : kw.has(f.name) ? kw.get(f.name)! : f.default;
      m.attrs.set(f.name, v === undefined ? new UnknownV(f.name, `field of ${cls.name}`, cls.node && cls.file ? it.lineOf(cls.file, cls.node.from) : line) : v);
    }
    const setup = cls.lookup('setup');
    if (setup instanceof FuncV) it.callFunction(setup, [m], new Map(), line, m);
  } else if (cls.isDataclass) {
    const fields = dataclassFields.get(cls) ?? [];
    const rest = [...args];
    for (const f of fields) {
      const v = rest.length ? rest.shift()! : kw.has(f.name) ? kw.get(f.name)! : f.default;
      if (v === undefined) throw new ComputeError(`line ${line}: ${cls.name}() is missing the argument '${f.name}'.`);
      m.attrs.set(f.name, v);
    }
    const post = cls.lookup('__post_init__');
    if (post instanceof FuncV) it.callFunction(post, [m], new Map(), line, m);
  } else nativeInit(s, m, base, args, kw, line);
  return m;
};
