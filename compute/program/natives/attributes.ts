/** Attributes and methods of modules, layers, parameter handles and tensors. */
import { ComputeError } from '../../errors';
import { ClassV, InstanceV, isModule, LayerV, LibV, ListV, OpaqueV } from '../objects';
import type { ModuleValue, Value } from '../objects';
import { jaxArrayMethod } from '../flax-table';
import { tensorMethod } from '../torch-ops';
import { NeedsUnknown, NotUnderstood, TensorV } from '../values';
import type { Scope } from './scope';
import { fn, fromArg, kwArgs, opaqueIn, tensorsIn, toArg } from './convert';
import { dimOrSym, numelOf, ParameterV, ValuesV, weightShape, WeightV } from './values';
import { childrenOf, modulesOf, register, kerasAdd } from './modules';
import { finishOp } from './forward';

// ---- attributes and methods ------------------------------------------------------------------
export const moduleMethod = (s: Scope, m: InstanceV, name: string, line: number): Value | undefined => {
  const mod = m.module!;
  switch (name) {
    case 'add_module':
    case 'register_module':
      return fn(name, (a) => {
        register(s, m, String(a[0]), a[1]);
        m.attrs.set(String(a[0]), a[1]);
        return null;
      });
    case 'register_buffer':
      return fn(name, (a) => {
        const t = a[1];
        if (t instanceof TensorV) mod.ownBuffers += numelOf(t.shape) ?? 0;
        m.attrs.set(String(a[0]), t ?? null);
        return null;
      });
    case 'register_parameter':
      return fn(name, (a) => {
        setModuleAttr(s, m, String(a[0]), a[1] ?? null, line);
        return null;
      });
    case 'modules':
      return fn(name, () => modulesOf(m));
    case 'children':
      return fn(name, () => childrenOf(m));
    case 'named_children':
      return fn(name, () => [...mod.children].map(([k, v]) => [k, v]));
    case 'named_modules':
      return fn(name, () => modulesOf(m).map((x) => ['', x]));
    case 'parameters':
    case 'named_parameters':
      return fn(name, () => paramHandles(s, modulesOf(m), name === 'named_parameters'));
    case 'requires_grad_':
      return fn(name, (a) => {
        for (const sub of modulesOf(m)) if (sub instanceof LayerV) sub.frozen = a[0] === false;
        return m;
      });
    case 'buffers':
      return fn(name, () => new OpaqueV(`${m.cls.name}.${name}()`, line));
    case 'apply':
    case 'eval':
    case 'train':
    case 'to':
    case 'cuda':
    case 'cpu':
    case 'float':
    case 'half':
    case 'zero_grad':
      return fn(name, () => m);
    case 'append':
      return fn(name, (a) => {
        const size = Number(m.attrs.get('__size__') ?? mod.children.size);
        register(s, m, String(size), a[0]);
        m.attrs.set('__size__', size + 1);
        return m;
      });
    case 'add':
      if (s.flavorOf(m.cls) !== 'keras') return undefined;
      return fn(name, (a) => {
        kerasAdd(s, m, a[0]);
        return null;
      });
    case 'extend':
      return fn(name, (a, _k, l) => {
        let size = Number(m.attrs.get('__size__') ?? mod.children.size);
        for (const x of s.interp().iterate(a[0], l)) register(s, m, String(size++), x);
        m.attrs.set('__size__', size);
        return m;
      });
    case 'insert':
      return undefined;
    case 'keys':
      return fn(name, () => [...mod.children.keys()]);
    case 'values':
      return fn(name, () => childrenOf(m));
    case 'items':
      return fn(name, () => [...mod.children].map(([k, v]) => [k, v]));
    case 'forward':
      return undefined;
    case '__class__':
      return m.cls;
    default:
      if (mod.children.has(name)) return mod.children.get(name)!;
      return undefined;
  }
};

export const layerAttr = (s: Scope, layer: LayerV, name: string, line: number): Value | undefined => {
  const conv = /^Conv(Transpose)?([123])d$/.exec(layer.className);
  if (name === 'bias' && layer.framework === 'pytorch') {
    // The bias parameter, or None when the layer was built with bias=False.
    if (layer.args.bias === false) return null;
    const out = layer.args.out_channels ?? layer.args.out_features ?? layer.args.num_features ?? layer.args.normalized_shape;
    if (layer.args.bias === true && typeof out === 'number') return new TensorV([out]);
    return new OpaqueV(`the bias tensor of ${layer.className}`, line);
  }
  if (conv && ['kernel_size', 'stride', 'padding', 'dilation', 'output_padding'].includes(name) && Object.hasOwn(layer.args, name)) {
    // Conv layers store these as tuples, one per axis (PyTorch's _ntuple), except padding='same'/'valid'.
    const v = layer.args[name];
    const dims = Number(conv[2]);
    if (typeof v === 'number') return Array.from({ length: dims }, () => v);
    return fromArg(v);
  }
  if (Object.hasOwn(layer.args, name)) return fromArg(layer.args[name]);
  if (name === 'weight') {
    const shape = weightShape(layer);
    return shape ? new WeightV(shape, layer) : new OpaqueV(`the weight tensor of ${layer.className}`, line);
  }
  if (name === '__class__') return new LibV(`torch.nn.${layer.className}`);
  if (name === 'requires_grad_') {
    return fn(name, (a) => {
      layer.frozen = a[0] === false;
      return layer;
    });
  }
  if (['eval', 'train', 'to', 'cuda', 'float', 'double', 'half'].includes(name)) return fn(name, () => layer);
  if (name === 'modules' || name === 'children') return fn(name, () => (name === 'modules' ? [layer] : []));
  if (name === 'parameters' || name === 'named_parameters') return fn(name, () => paramHandles(s, [layer], name === 'named_parameters'));
  return undefined;
};

/** The torch.nn layer a user class subclasses (`class StdConv2d(nn.Conv2d)`), if any. */
export const layerBaseOf = (s: Scope, cls: ClassV): string | undefined => {
  for (const c of cls.mro()) for (const [name, base] of s.layerBases) if (base === c) return name;
  return undefined;
};
export const freeze = (owner: ModuleValue, frozen: boolean) => {
  if (owner instanceof LayerV) owner.frozen = frozen;
  else if (owner.module) owner.module.frozenParams = frozen ? (owner.module.ownParams ?? 0) : 0;
};
/**
 * `model.parameters()`: one handle per layer (standing for all its tensors) and per module's own
 * nn.Parameter; `p.requires_grad = False` freezes what the handle stands for, `p.numel()` counts it.
 */
export const paramHandles = (s: Scope, modules: ModuleValue[], named: boolean): ListV => {
  const out: Value[] = [];
  for (const m of modules) {
    if (m instanceof InstanceV && m.module && (m.module.ownParams ?? 1) !== 0) {
      const h = new InstanceV(s.parameterClass);
      h.attrs.set('__owner__', m as unknown as Value);
      h.attrs.set('requires_grad', true);
      out.push(named ? ['', h] : h);
    }
    if (m instanceof LayerV && (m.params ?? 1) > 0) {
      const h = new InstanceV(s.parameterClass);
      h.attrs.set('__owner__', m as unknown as Value);
      h.attrs.set('requires_grad', !m.frozen);
      out.push(named ? ['', h] : h);
    }
  }
  return new ListV(out);
};

export const tensorAttr = (s: Scope, t: TensorV, name: string, line: number): Value | undefined => {
  if (t instanceof ValuesV) {
    if (name === 'item' && t.values.length === 1) return fn(name, () => t.values[0]);
    if (name === 'tolist') return fn(name, () => new ListV([...t.values]));
    if (name === 'sum') return fn(name, () => new ValuesV([t.values.reduce((p, x) => p + x, 0)], []));
  }
  if (name === 'shape') return t.shape.map(dimOrSym);
  if (name === 'ndim') return t.shape.length;
  if (name === 'T') return new TensorV([...t.shape].reverse(), t.rf);
  if (name === 'dtype' || name === 'device') return new OpaqueV(`the tensor's ${name}`, line);
  if (name === 'data') return t;
  return fn(`Tensor.${name}`, (args, kw, l) => {
    const blocked = opaqueIn([...args, ...kw.values()]);
    if (blocked instanceof OpaqueV) return blocked;
    let r: ReturnType<typeof tensorMethod>;
    try {
      const positional = args.map((a) => toArg(a, l));
      r = (s.state.framework === 'flax' ? jaxArrayMethod(t, name, positional, kwArgs(kw, l)) : undefined) ?? tensorMethod(t, name, positional, kwArgs(kw, l));
    } catch (e) {
      if (e instanceof NeedsUnknown) return new OpaqueV(`.${name}() needs ${e.unknown.name}`, l);
      if (e instanceof ComputeError && !(e instanceof NotUnderstood)) throw new ComputeError(`line ${l}: .${name}(): ${e.message}`);
      throw e;
    }
    if (!r) throw new NotUnderstood(`the tensor method .${name}() is not read`, l);
    return finishOp(s, r, `.${name}`, [t, ...tensorsIn(args)], l);
  });
};

/** `obj.name = value` on an instance: registers submodules and parameters, freezes through a parameter handle. */
export const setModuleAttr = (s: Scope, obj: InstanceV, name: string, value: Value, line: number): void => {
  if (obj.cls === s.newProxyClass && name === '__defaults__') {
    (obj.attrs.get('__cls__') as ClassV).attrs.set('__defaults__', s.interp().iterate(value, line));
    return;
  }
  if (obj.cls === s.parameterClass && name === 'requires_grad') freeze(obj.attrs.get('__owner__') as unknown as ModuleValue, value === false);
  obj.attrs.set(name, value);
  if (!obj.module) return;
  if (isModule(value)) register(s, obj, name, value);
  else if (value instanceof OpaqueV && value.moduleLike) register(s, obj, name, value);
  else if (obj.module.children.has(name) && value === null) obj.module.children.delete(name);
  if (value instanceof ParameterV) {
    const n = numelOf(value.shape);
    obj.module.ownParams = obj.module.ownParams === null || n === null ? null : obj.module.ownParams + n;
    if (value.trainable === false) obj.module.frozenParams = (obj.module.frozenParams ?? 0) + (n ?? 0);
  }
};
