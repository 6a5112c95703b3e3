/** The module tree: new modules, registering children (Sequential, ModuleList, ModuleDict, Keras add, linen auto-names), walking it. */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../../errors';
import { describe } from '../interp-support';
import { ClassV, DictV, InstanceV, isModule, LayerV, OpaqueV } from '../objects';
import type { ModuleValue, NativeBase, Value } from '../objects';
import { linenAutoName } from '../flax-table';
import { TensorV, UnknownV } from '../values';
import type { Scope } from './scope';

export const newModule = (s: Scope, cls: ClassV, line: number, node?: SyntaxNode): InstanceV => {
  const m = new InstanceV(cls, {
    children: new Map(),
    ownParams: 0,
    ownBuffers: 0,
    line,
    from: node?.from ?? 0,
    to: node?.to ?? 0,
    file: s.interp()?.file?.path,
  });
  m.attrs.set('training', false);
  return m;
};
/**
 * A submodule the evaluator cannot read (an unknown library's block, a value not understood):
 * kept in the tree as a "not read" module so the answer says what is missing, where.
 */
export const placeholder = (s: Scope, reason: string, line: number): InstanceV => {
  const m = newModule(s, s.notReadClass, line);
  m.attrs.set('reason', reason);
  m.module!.ownParams = null; // its parameters are not known: totals that hold it are not either
  return m;
};
export const register = (s: Scope, m: InstanceV, name: string, child: Value) => {
  if (isModule(child)) {
    m.module!.children.set(name, child);
    s.hasParent.add(child);
  } else if (child instanceof OpaqueV || child instanceof UnknownV) {
    const reason = child instanceof OpaqueV ? child.reason.replace(/^line \d+: /, '') : `it depends on the unknown ${child.name}`;
    s.interp().warn(`${m.cls.name}.${name} is not read (${reason}); its parameters are not counted and its calls are not traced`, child.line);
    m.module!.children.set(name, placeholder(s, reason, child.line));
  }
};
export const childrenOf = (m: InstanceV): ModuleValue[] => [...m.module!.children.values()];
/** keras.Sequential's add(): a layer under its Keras name, or a keras.Input as the model's input. */
export const kerasAdd = (s: Scope, m: InstanceV, a: Value) => {
  if (a instanceof TensorV) m.attrs.set('declaredInput', a);
  else if (a instanceof LayerV) register(s, m, a.autoName ?? String(m.module!.children.size), a);
  else register(s, m, String(m.module!.children.size), a);
};
/** A module called inside a linen `__call__` that has no parent yet becomes its child, named Conv_0, Dense_1… */
export const adoptIntoLinen = (s: Scope, m: ModuleValue) => {
  const top = s.linenStack.at(-1);
  if (!top || s.hasParent.has(m) || m === top.module) return;
  const cls = m instanceof LayerV ? m.className : m.cls.name;
  register(s, top.module, linenAutoName(cls, top.counters), m);
};
export const nativeInit = (s: Scope, m: InstanceV, base: NativeBase | undefined, args: Value[], kw: Map<string, Value>, line: number) => {
  if (base === 'Sequential' && s.flavorOf(m.cls) === 'keras') {
    const items = args[0] ?? kw.get('layers');
    if (items !== undefined && items !== null) for (const a of s.interp().iterate(items, line)) kerasAdd(s, m, a);
  } else if (base === 'Sequential') {
    if (args.length === 1 && args[0] instanceof DictV) for (const e of args[0].entries.values()) register(s, m, String(e.key), e.value);
    else
      args.forEach((a, i) => {
        if (!isModule(a) && !(a instanceof OpaqueV) && !(a instanceof UnknownV))
          throw new ComputeError(`line ${line}: ${describe(a)} is not a Module subclass (nn.Sequential takes modules).`);
        register(s, m, String(i), a);
      });
  } else if (base === 'ModuleList') {
    const items = args[0] ?? kw.get('modules');
    const list = items !== undefined && items !== null ? s.interp().iterate(items, line) : [];
    list.forEach((a, i) => register(s, m, String(i), a));
    m.attrs.set('__size__', list.length);
  } else if (base === 'ModuleDict') {
    const d = args[0] ?? kw.get('modules');
    if (d instanceof DictV) for (const e of d.entries.values()) register(s, m, String(e.key), e.value);
  }
};
/** Every module in the subtree, depth first, each once (named_modules order). */
export const modulesOf = (root: ModuleValue): ModuleValue[] => {
  const out: ModuleValue[] = [];
  const seen = new Set<ModuleValue>();
  const walk = (m: ModuleValue) => {
    if (seen.has(m)) return;
    seen.add(m);
    out.push(m);
    if (m instanceof InstanceV) childrenOf(m).forEach(walk);
  };
  walk(root);
  return out;
};
