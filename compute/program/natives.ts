/**
 * What the evaluator knows without reading source: Python's builtins, the parts of the standard
 * library model code uses (math, functools, collections), and PyTorch: torch.nn modules and
 * containers as the framework table describes them, tensors as shapes, functional ops.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { describe, funcOwner, dataclassFields, type Interp, type Natives } from './interp';
import {
  BoundMethodV,
  BuiltinV,
  ClassV,
  DictV,
  EllipsisV,
  FuncV,
  InstanceV,
  isModule,
  LayerV,
  LibV,
  ListV,
  OpaqueV,
  PartialV,
  SliceV,
  SuperV,
  Unavailable,
  type FileNS,
  type ModuleValue,
  type NativeBase,
  type Value,
} from './objects';
import type { ForwardResult, RfRule } from './table-types';
import { bindTorchArgs, torchLayerRule } from './torch-table';
import { bindKerasArgs, kerasAutoName, kerasInput, kerasLayerRule } from './keras-table';
import { bindLinenArgs, bindNnxArgs, flaxFunction, flaxLinenRule, flaxNnxRule, jaxArrayMethod, linenAutoName } from './flax-table';
import type { LayerRule } from './table-types';
import { binaryOp, indexTensor, tensorMethod, torchFunction } from './torch-ops';
import { NeedsUnknown, NotUnderstood, SymDim, TensorV, UnknownV, type Arg, type Dim } from './values';
import { convertIndex } from './slices';

/** Records what the forward pass does; trace.ts turns it into the model answer. */
export interface Recorder {
  /** A built-in layer was called. */
  layerCall(layer: LayerV, inputs: TensorV[], result: ForwardResult, out: Value, line: number): void;
  /** A functional op or operator produced a tensor. */
  opCall(op: string, type: string, inputs: TensorV[], out: Value, macs: number | null, line: number, from: number, to: number): void;
  /** A user module's forward starts / ends. */
  moduleEnter(m: InstanceV, inputs: Value[]): void;
  moduleExit(m: InstanceV, out: Value): void;
  /** A shape error the framework would raise (a layer's forward, an op, a constructor check). */
  shapeError?(e: { layer?: LayerV; message: string; line: number; inputs: TensorV[]; from?: number; to?: number; file?: string }): void;
  /** The receptive field of a tensor after a rule (window, global…), given its input's. */
  applyRf(inputs: TensorV[], rule: RfRule, out: TensorV): TensorV;
}

/** Finds a workspace module's text: `from .blocks import X` in models/resnet.py → models/blocks.py. */
export type ModuleLoader = (dotted: string, fromPath: string, level: number) => { path: string; text: string } | undefined;

export interface NativeOptions {
  recorder: Recorder;
  loader?: ModuleLoader;
  /** Creates and runs a workspace file (the program index caches them). */
  loadFile(path: string, text: string, module: string): FileNS;
}

const KNOWN_LIBRARIES =
  /^(torch|keras|tensorflow|flax|jax|optax|ml_collections|easydict|omegaconf|math|functools|collections|typing|numpy|np|itertools|operator|copy|warnings|logging|os|sys|abc|dataclasses|enum|argparse|types|re|json|time|random|torchvision|einops|timm|tqdm|PIL|pathlib|__future__)(\.|$)/;

export function makeNatives(opts: NativeOptions) {
  const objectClass = new ClassV('object', [], undefined, undefined, 'object');
  const nativeClass = (name: string, native: NativeBase) => new ClassV(name, [objectClass], undefined, undefined, native);
  const moduleClass = nativeClass('Module', 'Module');
  const sequentialClass = new ClassV('Sequential', [moduleClass], undefined, undefined, 'Sequential');
  const moduleListClass = new ClassV('ModuleList', [moduleClass], undefined, undefined, 'ModuleList');
  const moduleDictClass = new ClassV('ModuleDict', [moduleClass], undefined, undefined, 'ModuleDict');
  const exceptionClass = nativeClass('Exception', 'Exception');
  // Framework base classes: Keras models and layers, Flax linen and NNX modules register
  // submodules as torch.nn.Module does; `flavor` says how they are built and called.
  const kerasModelClass = new ClassV('Model', [moduleClass], undefined, undefined, 'Module');
  const kerasLayerClass = new ClassV('Layer', [moduleClass], undefined, undefined, 'Module');
  const kerasSequentialClass = new ClassV('Sequential', [moduleClass], undefined, undefined, 'Sequential');
  const functionalClass = new ClassV('Functional', [moduleClass], undefined, undefined, 'Module');
  const linenModuleClass = new ClassV('Module', [moduleClass], undefined, undefined, 'Module');
  const nnxModuleClass = new ClassV('Module', [moduleClass], undefined, undefined, 'Module');
  const flavors = new Map<ClassV, 'keras' | 'linen' | 'nnx'>([
    [kerasModelClass, 'keras'],
    [kerasLayerClass, 'keras'],
    [kerasSequentialClass, 'keras'],
    [functionalClass, 'keras'],
    [linenModuleClass, 'linen'],
    [nnxModuleClass, 'nnx'],
  ]);
  const flavorOf = (cls: ClassV) => {
    for (const c of cls.mro()) if (flavors.has(c)) return flavors.get(c);
    return undefined;
  };
  /** Keras names layers per session (`conv2d`, `conv2d_1`); Keras layers called so far, in order. */
  const kerasCounters = new Map<string, number>();
  const kerasCalled: LayerV[] = [];
  /** Linen modules whose `__call__` is running, innermost last, with their auto-name counters. */
  const linenStack: { module: InstanceV; counters: Map<string, number> }[] = [];
  const hasParent = new WeakSet<object>();
  const state = { framework: 'pytorch' as 'pytorch' | 'keras' | 'flax' };
  const namespaceClass = nativeClass('SimpleNamespace', 'object');
  const { recorder } = opts;

  // ---- conversions -------------------------------------------------------------------------
  const toArg = (v: Value, line: number): Arg => {
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
  const fromArg = (a: Arg): Value => {
    if (a === undefined) return null;
    if (Array.isArray(a)) return a.map(fromArg);
    if (a !== null && typeof a === 'object' && !(a instanceof TensorV) && !(a instanceof UnknownV) && !(a instanceof SymDim)) {
      const d = new DictV();
      for (const [k, v] of Object.entries(a)) d.set(k, fromArg(v));
      return d;
    }
    return a as Value;
  };
  const kwArgs = (kw: Map<string, Value>, line: number): Record<string, Arg> => Object.fromEntries([...kw].map(([k, v]) => [k, toArg(v, line)]));
  const tensorsIn = (vs: Value[]): TensorV[] => {
    const out: TensorV[] = [];
    const walk = (v: Value) => {
      if (v instanceof TensorV) out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v instanceof ListV) v.items.forEach(walk);
    };
    vs.forEach(walk);
    return out;
  };
  const opaqueIn = (vs: Value[]): OpaqueV | UnknownV | undefined => {
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

  // ---- modules -----------------------------------------------------------------------------
  const newModule = (cls: ClassV, line: number, node?: SyntaxNode): InstanceV => {
    const m = new InstanceV(cls, {
      children: new Map(),
      ownParams: 0,
      ownBuffers: 0,
      line,
      from: node?.from ?? 0,
      to: node?.to ?? 0,
      file: interpRef.current?.file?.path,
    });
    m.attrs.set('training', false);
    return m;
  };
  /**
   * A submodule the evaluator cannot read (an unknown library's block, a value not understood):
   * kept in the tree as a "not read" module so the answer says what is missing, where.
   */
  const notReadClass = nativeClass('(not read)', 'Module');
  const placeholder = (reason: string, line: number): InstanceV => {
    const m = newModule(notReadClass, line);
    m.attrs.set('reason', reason);
    m.module!.ownParams = null; // its parameters are not known: totals that hold it are not either
    return m;
  };
  const register = (m: InstanceV, name: string, child: Value) => {
    if (isModule(child)) {
      m.module!.children.set(name, child);
      hasParent.add(child);
    } else if (child instanceof OpaqueV || child instanceof UnknownV) {
      const reason = child instanceof OpaqueV ? child.reason.replace(/^line \d+: /, '') : `it depends on the unknown ${child.name}`;
      interp().warn(`${m.cls.name}.${name} is not read (${reason}); its parameters are not counted and its calls are not traced`, child.line);
      m.module!.children.set(name, placeholder(reason, child.line));
    }
  };
  const childrenOf = (m: InstanceV): ModuleValue[] => [...m.module!.children.values()];
  /** keras.Sequential's add(): a layer under its Keras name, or a keras.Input as the model's input. */
  const kerasAdd = (m: InstanceV, a: Value, line: number) => {
    if (a instanceof TensorV) m.attrs.set('declaredInput', a);
    else if (a instanceof LayerV) register(m, a.autoName ?? String(m.module!.children.size), a);
    else register(m, String(m.module!.children.size), a);
    void line;
  };
  /** A module called inside a linen `__call__` that has no parent yet becomes its child, named Conv_0, Dense_1… */
  const adoptIntoLinen = (m: ModuleValue) => {
    const top = linenStack.at(-1);
    if (!top || hasParent.has(m) || m === top.module) return;
    const cls = m instanceof LayerV ? m.className : m.cls.name;
    register(top.module, linenAutoName(cls, top.counters), m);
  };
  const nativeInit = (m: InstanceV, base: NativeBase | undefined, args: Value[], kw: Map<string, Value>, line: number) => {
    if (base === 'Sequential' && flavorOf(m.cls) === 'keras') {
      const items = args[0] ?? kw.get('layers');
      if (items !== undefined && items !== null) for (const a of interp().iterate(items, line)) kerasAdd(m, a, line);
    } else if (base === 'Sequential') {
      if (args.length === 1 && args[0] instanceof DictV) for (const e of args[0].entries.values()) register(m, String(e.key), e.value);
      else
        args.forEach((a, i) => {
          if (!isModule(a) && !(a instanceof OpaqueV) && !(a instanceof UnknownV))
            throw new ComputeError(`line ${line}: ${describe(a)} is not a Module subclass (nn.Sequential takes modules).`);
          register(m, String(i), a);
        });
    } else if (base === 'ModuleList') {
      const items = args[0] ?? kw.get('modules');
      const list = items !== undefined && items !== null ? interpRef.current!.iterate(items, line) : [];
      list.forEach((a, i) => register(m, String(i), a));
      m.attrs.set('__size__', list.length);
    } else if (base === 'ModuleDict') {
      const d = args[0] ?? kw.get('modules');
      if (d instanceof DictV) for (const e of d.entries.values()) register(m, String(e.key), e.value);
    }
  };
  /** Every module in the subtree, depth first, each once (named_modules order). */
  const modulesOf = (root: ModuleValue): ModuleValue[] => {
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

  const interpRef: { current?: Interp } = {};

  /** Run a module's forward (a user module, a container, or a built-in layer). */
  const callModule = (interp: Interp, m: ModuleValue, args: Value[], kw: Map<string, Value>, line: number): Value => {
    adoptIntoLinen(m);
    if (m instanceof LayerV) return callLayer(m, args, kw, line);
    if (m.cls === functionalClass) {
      const out = m.attrs.get('outputs');
      return out ?? new OpaqueV('a Keras functional model without outputs', line);
    }
    if (m.cls === notReadClass) {
      const reason = String(m.attrs.get('reason'));
      interp.warn(`a module that is not read is called here (${reason}); its output and what follows are not traced`, line);
      return new OpaqueV(`the output of a module that is not read (${reason})`, line);
    }
    const forward = m.cls.lookup('forward') ?? m.cls.lookup('call') ?? m.cls.lookup('__call__');
    const linen = flavorOf(m.cls) === 'linen';
    recorder.moduleEnter(m, args);
    if (linen) linenStack.push({ module: m, counters: new Map() });
    let out: Value;
    try {
      const layer = m.attrs.get('__layer__');
      if (forward instanceof FuncV) out = interp.callFunction(forward, [m, ...args], kw, line, m);
      else if (layer instanceof LayerV) out = callLayer(layer, args, kw, line);
      else if (m.cls.nativeBase() === 'Sequential') {
        out = args[0];
        for (const child of childrenOf(m)) out = callModule(interp, child, [out], new Map(), line);
      } else throw new NotUnderstood(`${m.cls.name} has no forward`, line);
    } finally {
      if (linen) linenStack.pop();
    }
    recorder.moduleExit(m, out);
    return out;
  };

  const callLayer = (layer: LayerV, args: Value[], kw: Map<string, Value>, line: number): Value => {
    const blocked = opaqueIn(args);
    if (blocked) {
      interpRef.current!.warn(
        `the input of ${layer.className} (built on line ${layer.line}) is not known, so it and what follows are not traced: ${blocked instanceof UnknownV ? `it depends on ${blocked.name}` : blocked.reason.replace(/^line \d+: /, '')}`,
        line,
      );
      return blocked instanceof OpaqueV ? blocked : new OpaqueV(`the output of ${layer.className} on line ${line}`, line);
    }
    // Keras merge layers take a list of tensors; torch layers take tensors as positionals.
    const inputs = layer.framework === 'pytorch' ? args.filter((a): a is TensorV => a instanceof TensorV) : tensorsIn(args);
    if (inputs.length === 0) throw new NotUnderstood(`${layer.className} is called without a tensor`, line);
    let result: ForwardResult;
    try {
      result = layer.rule.forward(layer.args, inputs, kwArgs(kw, line));
    } catch (e) {
      if (e instanceof NeedsUnknown) return new OpaqueV(`${layer.className} needs ${e.unknown.name}`, line);
      if (e instanceof ComputeError && !(e instanceof NotUnderstood)) {
        recorder.shapeError?.({ layer, message: e.message, line, inputs });
        throw new ComputeError(`line ${line}: ${layer.className} (built on line ${layer.line}): ${e.message}`);
      }
      throw e;
    }
    const withRf = (o: ForwardResult['out']): Value => (o instanceof TensorV ? recorder.applyRf(inputs, result.rf, o) : o.map(withRf));
    const out = withRf(result.out);
    if (layer.lazy && layer.params === null) lazyCounts(layer, inputs);
    for (const note of result.notes ?? []) interp().warn(`${layer.className}: ${note}`, line);
    if (layer.framework === 'keras' && !kerasCalled.includes(layer)) kerasCalled.push(layer);
    recorder.layerCall(layer, inputs, result, out, line);
    return out;
  };

  /** A Keras or linen layer's weights, created at its first call from the input it gets. */
  const lazyCounts = (layer: LayerV, inputs: TensorV[]) => {
    try {
      layer.params = layer.rule.paramCountFor ? layer.rule.paramCountFor(layer.args, inputs) : layer.rule.paramCount(layer.args);
      layer.nonTrainable = layer.rule.nonTrainableFor?.(layer.args, inputs) ?? 0;
      layer.params += layer.nonTrainable;
      layer.buffers = layer.rule.bufferCountFor?.(layer.args, inputs) ?? layer.buffers;
    } catch (e) {
      if (!(e instanceof NeedsUnknown)) throw e;
    }
  };

  /** A Keras, Flax linen or NNX layer from its table; lazy ones count parameters at their first call. */
  const buildFrameworkLayer = (
    framework: 'keras' | 'flax',
    flavor: 'keras' | 'linen' | 'nnx',
    rule: LayerRule,
    name: string,
    args: Value[],
    kw: Map<string, Value>,
    line: number,
    node?: SyntaxNode,
  ): LayerV => {
    // NNX layers take random keys (`rngs=`); no shape or parameter count depends on them.
    if (kw.has('rngs')) kw = new Map([...kw].map(([k, v]) => [k, k === 'rngs' ? null : v]));
    const blocked = [...args, ...kw.values()].find((v) => v instanceof OpaqueV) as OpaqueV | undefined;
    if (blocked) throw new NotUnderstood(`${name}'s arguments are not known: ${blocked.reason.replace(/^line \d+: /, '')} (line ${blocked.line})`, line);
    const positional = args.map((a) => toArg(a, line));
    const keywords = kwArgs(kw, line);
    const bound =
      flavor === 'keras'
        ? bindKerasArgs(rule as Parameters<typeof bindKerasArgs>[0], name, positional, keywords)
        : flavor === 'linen'
          ? bindLinenArgs(rule as Parameters<typeof bindLinenArgs>[0], name, positional, keywords)
          : bindNnxArgs(rule as Parameters<typeof bindNnxArgs>[0], name, positional, keywords);
    const layer = new LayerV(name, rule, bound.args, bound.defaultsUsed, line, node?.from ?? 0, node?.to ?? 0, null, 0);
    layer.file = interp().file?.path;
    layer.framework = framework;
    layer.lazy = flavor !== 'nnx';
    if (!layer.lazy) {
      try {
        layer.params = rule.paramCount(bound.args);
        layer.buffers = rule.bufferCount?.(bound.args) ?? 0;
      } catch (e) {
        if (!(e instanceof NeedsUnknown)) throw e;
      }
    }
    if (flavor === 'keras') {
      const given = kw.get('name');
      layer.autoName = typeof given === 'string' ? given : kerasAutoName(name, kerasCounters);
      const declared = (bound as { inputShape?: Dim[] }).inputShape;
      if (declared) layer.declaredInput = declared;
    }
    return layer;
  };

  /** keras.Input(shape=...): the symbolic input tensor, with a receptive field on its spatial axes. */
  const kerasInputTensor = (args: Value[], kw: Map<string, Value>, line: number): TensorV => {
    const t = kerasInput(
      args.map((a) => toArg(a, line)),
      kwArgs(kw, line),
    );
    const rank = t.shape.length;
    return rank >= 3 && rank <= 5
      ? new TensorV(
          t.shape,
          t.shape.slice(1, -1).map(() => ({ size: 1, jump: 1, left: 0 })),
        )
      : t;
  };

  const buildLayer = (name: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value | undefined => {
    const rule = torchLayerRule(name);
    if (!rule) return undefined;
    const blocked = [...args, ...kw.values()].find((v) => v instanceof OpaqueV) as OpaqueV | undefined;
    if (blocked) throw new NotUnderstood(`nn.${name}'s arguments are not known: ${blocked.reason.replace(/^line \d+: /, '')} (line ${blocked.line})`, line);
    let bound: ReturnType<typeof bindTorchArgs>;
    try {
      bound = bindTorchArgs(
        rule,
        name,
        args.map((a) => toArg(a, line)),
        kwArgs(kw, line),
      );
    } catch (e) {
      if (e instanceof ComputeError && !(e instanceof NotUnderstood))
        recorder.shapeError?.({ message: `nn.${name}: ${e.message}`, line, inputs: [], from: node?.from, to: node?.to, file: interp().file.path });
      throw e;
    }
    let params: number | null;
    let buffers = 0;
    try {
      params = rule.paramCount(bound.args);
      buffers = rule.bufferCount?.(bound.args) ?? 0;
    } catch (e) {
      if (!(e instanceof NeedsUnknown)) throw e;
      params = null;
    }
    const inner = [...args, ...kw.values()].filter((v): v is LayerV => v instanceof LayerV);
    const layer = new LayerV(name, rule, bound.args, bound.defaultsUsed, line, node?.from ?? 0, node?.to ?? 0, params, buffers, inner);
    layer.file = interp().file?.path;
    return layer;
  };

  // ---- builtins ----------------------------------------------------------------------------
  const fn = (name: string, f: (args: Value[], kw: Map<string, Value>, line: number) => Value) => new BuiltinV(name, f);
  const numArg = (v: Value, what: string, line: number): number => {
    if (typeof v === 'number') return v;
    if (v instanceof ValuesV && v.values.length === 1) return v.values[0];
    if (typeof v === 'boolean') return Number(v);
    if (v instanceof UnknownV || v instanceof OpaqueV) throw new Unavailable(v);
    throw new NotUnderstood(`${what} expects a number, not ${describe(v)}`, line);
  };
  const interp = () => interpRef.current!;
  const range = (args: Value[], line: number): Value => {
    const n = args.map((a) => numArg(a, 'range()', line));
    const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
    if (step === 0) throw new ComputeError(`line ${line}: range() arg 3 must not be zero.`);
    const count = Math.max(0, Math.ceil((stop - start) / step));
    if (count > interp().budget.maxLoop)
      throw new ComputeError(
        `line ${line}: range() of ${count.toLocaleString('en-US')} elements is more than the ${interp().budget.maxLoop.toLocaleString('en-US')} a loop may run.`,
      );
    return Array.from({ length: count }, (_, i) => start + i * step);
  };
  const minMax =
    (pick: (a: number, b: number) => boolean) =>
    (args: Value[], kw: Map<string, Value>, line: number): Value => {
      const items = args.length === 1 ? interp().iterate(args[0], line) : args;
      if (items.length === 0) {
        if (kw.has('default')) return kw.get('default')!;
        throw new ComputeError(`line ${line}: max()/min() of an empty sequence.`);
      }
      const key = kw.get('key');
      let best = items[0];
      let bestKey = key ? interp().call(key, [best], new Map(), line) : best;
      for (const it of items.slice(1)) {
        const k = key ? interp().call(key, [it], new Map(), line) : it;
        if (k instanceof UnknownV || k instanceof OpaqueV) return k;
        if (pick(numArg(k, 'max()/min()', line), numArg(bestKey, 'max()/min()', line))) {
          best = it;
          bestKey = k;
        }
      }
      return best;
    };
  const isinstance = (v: Value, c: Value): boolean => {
    if (Array.isArray(c)) return c.some((x) => isinstance(v, x));
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
      if (v instanceof LayerV) return c === moduleClass;
    }
    return false;
  };
  const pyStr = (v: Value): string =>
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

  const builtins: Record<string, Value> = {
    object: objectClass,
    Exception: exceptionClass,
    range: fn('range', (a, _k, line) => range(a, line)),
    len: fn('len', (a, _k, line) => {
      const v = a[0];
      if (v instanceof InstanceV && v.module) return v.module.children.size;
      if (v instanceof TensorV) return dimOrSym(v.shape[0]);
      if (v instanceof UnknownV || v instanceof OpaqueV) return v;
      return interp().iterate(v, line).length;
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
    bool: fn('bool', (a, _k, line) => (a.length ? interp().truthy(a[0], line) : false)),
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
      minMax((a, b) => a > b),
    ),
    min: fn(
      'min',
      minMax((a, b) => a < b),
    ),
    sum: fn('sum', (a, _k, line) => {
      let acc: Value = a[1] ?? 0;
      for (const x of interp().iterate(a[0], line)) acc = interp().binary('+', acc, x, line);
      return acc;
    }),
    divmod: fn('divmod', (a, _k, line) => {
      const x = numArg(a[0], 'divmod()', line);
      const y = numArg(a[1], 'divmod()', line);
      return [Math.floor(x / y), x - Math.floor(x / y) * y];
    }),
    pow: fn('pow', (a, _k, line) => numArg(a[0], 'pow()', line) ** numArg(a[1], 'pow()', line)),
    list: fn('list', (a, _k, line) => new ListV(a.length ? interp().iterate(a[0], line) : [])),
    tuple: fn('tuple', (a, _k, line) => (a.length ? interp().iterate(a[0], line) : [])),
    set: fn('set', (a, _k, line) => new ListV(a.length ? interp().iterate(a[0], line) : [])),
    dict: fn('dict', (a, k, line) => {
      const d = new DictV();
      if (a[0] instanceof DictV) for (const e of a[0].entries.values()) d.set(e.key, e.value);
      else if (a[0] !== undefined)
        for (const pair of interp().iterate(a[0], line)) {
          const [key, value] = interp().iterate(pair, line);
          d.set(key, value);
        }
      for (const [key, v] of k) d.set(key, v);
      return d;
    }),
    zip: fn('zip', (a, _k, line) => {
      const lists = a.map((x) => interp().iterate(x, line));
      const n = Math.min(...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
    }),
    enumerate: fn('enumerate', (a, k, line) => {
      const start = numArg(a[1] ?? k.get('start') ?? 0, 'enumerate()', line);
      return interp()
        .iterate(a[0], line)
        .map((x, i) => [start + i, x]);
    }),
    reversed: fn('reversed', (a, _k, line) => interp().iterate(a[0], line).reverse()),
    sorted: fn('sorted', (a, k, line) => {
      const items = interp().iterate(a[0], line);
      if (!items.every((x) => typeof x === 'number')) throw new NotUnderstood('sorted() of values other than numbers is not read', line);
      const out = (items as number[]).sort((x, y) => x - y);
      return new ListV(k.get('reverse') === true ? out.reverse() : out);
    }),
    any: fn('any', (a, _k, line) =>
      interp()
        .iterate(a[0], line)
        .some((x) => interp().truthy(x, line)),
    ),
    all: fn('all', (a, _k, line) =>
      interp()
        .iterate(a[0], line)
        .every((x) => interp().truthy(x, line)),
    ),
    map: fn('map', (a, _k, line) => {
      const lists = a.slice(1).map((x) => interp().iterate(x, line));
      const n = Math.min(...lists.map((l) => l.length));
      return Array.from({ length: n }, (_, i) =>
        interp().call(
          a[0],
          lists.map((l) => l[i]),
          new Map(),
          line,
        ),
      );
    }),
    filter: fn('filter', (a, _k, line) =>
      interp()
        .iterate(a[1], line)
        .filter((x) => interp().truthy(a[0] === null ? x : interp().call(a[0], [x], new Map(), line), line)),
    ),
    isinstance: fn('isinstance', (a) => isinstance(a[0], a[1])),
    issubclass: fn('issubclass', (a) => a[0] instanceof ClassV && a[1] instanceof ClassV && a[0].mro().includes(a[1])),
    hasattr: fn('hasattr', (a, _k, line) => interp().getAttr(a[0], String(a[1]), line, true) !== undefined),
    getattr: fn('getattr', (a, _k, line) => {
      const v = interp().getAttr(a[0], String(a[1]), line, a.length > 2);
      return v === undefined ? a[2] : v;
    }),
    setattr: fn('setattr', (a, _k, line) => {
      interp().setAttr(a[0], String(a[1]), a[2], line);
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
      const frame = interp().frames.at(-1);
      const owner = frame && funcOwner.get(frame.fn);
      if (!frame || !owner) throw new NotUnderstood('super() outside a method is not read', line);
      return new SuperV(owner, frame.self ?? null);
    }),
    staticmethod: fn('staticmethod', (a) => a[0]),
    classmethod: fn('classmethod', (a) => a[0]),
    property: fn('property', (a) => a[0]),
    NotImplementedError: exceptionClass,
    ValueError: exceptionClass,
    TypeError: exceptionClass,
    KeyError: exceptionClass,
    RuntimeError: exceptionClass,
    AssertionError: exceptionClass,
    __name__: 'model',
  };

  // ---- libraries ---------------------------------------------------------------------------
  const mathFns: Record<string, (x: number[]) => number> = {
    ceil: ([x]) => Math.ceil(x),
    floor: ([x]) => Math.floor(x),
    sqrt: ([x]) => Math.sqrt(x),
    log: ([x, b]) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
    log2: ([x]) => Math.log2(x),
    log10: ([x]) => Math.log10(x),
    exp: ([x]) => Math.exp(x),
    pow: ([x, y]) => x ** y,
    gcd: ([a, b]) => {
      let [x, y] = [Math.abs(a), Math.abs(b)];
      while (y) [x, y] = [y, x % y];
      return x;
    },
    prod: (xs) => xs.reduce((p, x) => p * x, 1),
    isclose: ([a, b]) => Number(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))),
    cos: ([x]) => Math.cos(x),
    sin: ([x]) => Math.sin(x),
    trunc: ([x]) => Math.trunc(x),
    fabs: ([x]) => Math.abs(x),
  };
  const mathConsts: Record<string, number> = { pi: Math.PI, e: Math.E, inf: Infinity, tau: 2 * Math.PI };
  const tensorFactories = /^(torch\.(randn|rand|zeros|ones|empty|full|randint|normal)|(numpy|np)\.(zeros|ones|empty)|(numpy|np)\.random\.(randn|rand))$/;

  const callLib = (path: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value | undefined => {
    const name = path.slice(path.lastIndexOf('.') + 1);
    if (path.startsWith('torch.nn.') && /^torch\.nn\.(modules\.\w+\.)?[A-Z]\w*$/.test(path)) {
      const built = buildLayer(name, args, kw, line, node);
      if (built) return built;
      if (name === 'Parameter') {
        const t = args[0] ?? kw.get('data');
        return t instanceof TensorV ? new ParameterV(t.shape, kw.get('requires_grad') !== false && args[1] !== false) : (t ?? null);
      }
    }
    // keras.layers.add([a, b]) and friends: the merge layer, built and called on the list.
    const merge = /^keras\.layers\.(add|concatenate|multiply|average|maximum|minimum|subtract|dot)$/.exec(path);
    if (merge) {
      const cls = merge[1] === 'dot' ? 'Dot' : merge[1][0].toUpperCase() + merge[1].slice(1);
      const rule = kerasLayerRule(cls);
      const inputsArg = args[0] ?? kw.get('inputs');
      if (rule && inputsArg !== undefined) {
        const rest = new Map([...kw].filter(([k]) => k !== 'inputs'));
        const layer = buildFrameworkLayer('keras', 'keras', rule, cls, args.slice(1), rest, line, node);
        return callLayer(layer, [inputsArg], new Map(), line);
      }
    }
    const keras = /^keras\.(?:layers\.(?:experimental\.preprocessing\.)?)?([A-Z]\w*)$/.exec(path);
    if (keras) {
      if (keras[1] === 'Input') return kerasInputTensor(args, kw, line);
      const rule = kerasLayerRule(keras[1]);
      if (rule) return buildFrameworkLayer('keras', 'keras', rule, keras[1], args, kw, line, node);
      if (keras[1] === 'Model' && (kw.has('outputs') || args.length >= 2)) return functionalModel(args, kw, line, node);
    }
    const linen = /^flax\.linen\.([A-Za-z]\w*)$/.exec(path);
    if (linen && /^[A-Z]/.test(linen[1])) {
      const rule = flaxLinenRule(linen[1]);
      if (rule) return buildFrameworkLayer('flax', 'linen', rule, linen[1], args, kw, line, node);
    }
    const nnx = /^flax\.nnx\.([A-Za-z]\w*)$/.exec(path);
    if (nnx && nnx[1] === 'Rngs') return null; // random keys: no shape or parameter depends on them
    if (nnx && /^[A-Z]/.test(nnx[1])) {
      const rule = flaxNnxRule(nnx[1]);
      if (rule) return buildFrameworkLayer('flax', 'nnx', rule, nnx[1], args, kw, line, node);
    }
    if (/^(jax\.numpy|numpy)\.(ones|zeros|empty)$/.test(path) && args[0] !== undefined) {
      const dims = typeof args[0] === 'number' ? [args[0]] : interp().iterate(args[0], line);
      return new TensorV(dims.map((d) => (d instanceof SymDim ? d.expr : numArg(d, `${path}()`, line))));
    }
    if (/^jax\.random\./.test(path)) return new OpaqueV(`${path}(…) (random keys and values)`, line);
    if (/^(flax\.linen|flax\.nnx|jax\.nn|jax\.numpy)\.[a-z_]\w*$/.test(path)) {
      const inputs = tensorsIn(args);
      const blocked = opaqueIn([...args, ...kw.values()]);
      if (blocked instanceof OpaqueV) return blocked;
      const r = flaxFunction(
        path,
        args.map((a) => toArg(a, line)),
        kwArgs(kw, line),
      );
      if (!r) throw new NotUnderstood(`\`${path}\` is not read`, line);
      return finishOp(r, path.replace(/^flax\.linen\./, 'nn.').replace(/^jax\.numpy\./, 'jnp.'), inputs, line, node);
    }
    if (/^torch\.nn\.utils\.(parametrizations\.)?spectral_norm$/.test(path) && isModule(args[0])) return args[0]; // weight_orig replaces weight: same count
    if (/^torch\.nn\.utils\.(parametrizations\.)?weight_norm$/.test(path) && args[0] instanceof LayerV && args[0].params !== null) {
      // weight becomes weight_g (one magnitude per output slice, dim=0) and weight_v (the weight's shape).
      const shape = weightShape(args[0]);
      if (shape && typeof shape[0] === 'number') args[0].params += shape[0];
      return args[0];
    }
    // Activation checkpointing recomputes in backward; forward is fn(*args).
    if (path === 'torch.utils.checkpoint.checkpoint' && args[0] !== undefined) {
      const rest = new Map([...kw].filter(([k]) => !['use_reentrant', 'preserve_rng_state', 'context_fn', 'determinism_check', 'debug'].includes(k)));
      return interp().call(args[0], args.slice(1), rest, line, node);
    }
    if (/^torch\.nn\.init\./.test(path) || /^torch\.nn\.utils\.(clip_grad|parametrize)/.test(path)) return null;
    if (
      path === 'torch.nn.functional.' + name ||
      path === 'torch.' + name ||
      path === 'torch.Tensor.' + name ||
      path === 'torch.fft.' + name ||
      path === 'torch.linalg.' + name
    ) {
      if (tensorFactories.test(path)) return tensorFactory(path, args, kw, line);
      if (name === 'tensor' || name === 'as_tensor') return new OpaqueV(`${path}(…) of data values`, line);
      if (name === 'arange' && args.length && args.every((a) => typeof a === 'number')) {
        const r = range(args, line) as number[];
        return new ValuesV(r);
      }
      if (name === 'linspace' && [args[0], args[1], args[2] ?? kw.get('steps')].every((a) => typeof a === 'number')) {
        // timm's stochastic-depth rates: [x.item() for x in torch.linspace(0, rate, depth)].
        const [a, b] = args as number[];
        const n = (args[2] ?? kw.get('steps')) as number;
        if (n > interp().budget.maxLoop)
          throw new ComputeError(`line ${line}: torch.linspace of ${n} steps is more than the ${interp().budget.maxLoop} followed.`);
        return new ValuesV(Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1))));
      }
      if (name === 'no_grad' || name === 'enable_grad' || name === 'inference_mode' || name === 'manual_seed' || name === 'set_grad_enabled') return null;
      const canonical = path.startsWith('torch.nn.functional.') ? `F.${name}` : `torch.${name}`;
      return runOp(canonical, args, kw, line, node);
    }
    if (path.startsWith('math.') && name in mathFns) {
      const xs = args.map((a) => a);
      const blocked = xs.find((x) => x instanceof UnknownV || x instanceof OpaqueV || x instanceof SymDim);
      if (blocked) return blocked;
      const nums =
        name === 'prod'
          ? interp()
              .iterate(xs[0], line)
              .map((x) => numArg(x, `math.${name}()`, line))
          : xs.map((x) => numArg(x, `math.${name}()`, line));
      return mathFns[name](nums);
    }
    if ((path === 'numpy.prod' || path === 'np.prod') && args[0] !== undefined)
      return interp()
        .iterate(args[0], line)
        .reduce<number>((p, x) => p * numArg(x, 'prod()', line), 1);
    if (path === 'functools.partial') return new PartialV(args[0], args.slice(1), kw);
    if (path === 'functools.reduce') {
      const items = interp().iterate(args[1], line);
      let acc = args.length > 2 ? args[2] : items.shift()!;
      for (const it of items) acc = interp().call(args[0], [acc, it], new Map(), line);
      return acc;
    }
    if (path === 'collections.OrderedDict') {
      return builtins.dict instanceof BuiltinV ? builtins.dict.call(args, kw, line) : null;
    }
    if (path === 'copy.deepcopy' || path === 'copy.copy') return args[0];
    if (path === 'argparse.ArgumentParser') return argParser(line);
    const re = /^re\.(split|sub|findall|fullmatch|match|search)$/.exec(path);
    if (re && typeof args[0] === 'string' && typeof args[re[1] === 'sub' ? 2 : 1] === 'string') return pythonRe(re[1], args, line);
    if (path === 'collections.namedtuple' || path === 'typing.NamedTuple') return namedTuple(args, kw, line);
    // Config objects: attribute access over a dict (ml_collections.ConfigDict, EasyDict, OmegaConf.create).
    if (/^(ml_collections\.(config_dict\.)?ConfigDict|ml_collections\.FrozenConfigDict|easydict\.EasyDict|omegaconf\.OmegaConf\.create)$/.test(path)) {
      const toNs = (d: DictV): InstanceV => {
        const ns = new InstanceV(namespaceClass);
        for (const e of d.entries.values()) ns.attrs.set(String(e.key), e.value instanceof DictV ? toNs(e.value) : e.value);
        return ns;
      };
      const init = args[0] ?? kw.get('initial_dictionary');
      const ns = init instanceof DictV ? toNs(init) : new InstanceV(namespaceClass);
      for (const [k, v] of kw) if (k !== 'initial_dictionary') ns.attrs.set(k, v instanceof DictV ? toNs(v) : v);
      return ns;
    }
    if (path === 'types.SimpleNamespace' || path === 'argparse.Namespace') {
      const ns = new InstanceV(namespaceClass);
      for (const [k, v] of kw) ns.attrs.set(k, v);
      return ns;
    }
    if (path === 'dataclasses.field') {
      if (kw.has('default')) return kw.get('default')!;
      const factory = kw.get('default_factory');
      if (factory !== undefined) return interp().call(factory, [], new Map(), line);
      return new OpaqueV('a dataclass field without a default', line);
    }
    if (/^(warnings\.warn|logging\.\w+|typing\.\w+|os\.environ\.get|sys\.exit)$/.test(path)) return null;
    return undefined;
  };

  const tensorFactory = (path: string, args: Value[], kw: Map<string, Value>, line: number): Value => {
    const name = path.slice(path.lastIndexOf('.') + 1);
    let dims: Value[] = args;
    if (name === 'full') dims = [args[0]];
    if (name === 'randint') dims = [args[args.length - 1]];
    if (name === 'normal') return new OpaqueV('torch.normal(…)', line);
    const size = kw.get('size');
    if (size !== undefined) dims = [size];
    if (dims.length === 1 && !(typeof dims[0] === 'number' || dims[0] instanceof SymDim)) dims = interp().iterate(dims[0], line);
    const shape: Dim[] = dims.map((d) => (d instanceof SymDim ? d.expr : d instanceof UnknownV ? d.name : numArg(d, `${path}()`, line)));
    return new TensorV(shape);
  };

  const runOp = (canonical: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value => {
    const blocked = opaqueIn([...args, ...kw.values()]);
    const inputs = tensorsIn(args);
    if (blocked && (blocked instanceof OpaqueV || inputs.length === 0))
      return blocked instanceof OpaqueV ? blocked : new OpaqueV(`${canonical} of ${blocked.name}`, line);
    let r: ReturnType<typeof torchFunction>;
    try {
      r = torchFunction(
        canonical,
        args.map((a) => toArg(a, line)),
        kwArgs(kw, line),
      );
    } catch (e) {
      if (e instanceof NeedsUnknown) return new OpaqueV(`${canonical} needs ${e.unknown.name}`, line);
      if (e instanceof ComputeError && !(e instanceof NotUnderstood)) {
        recorder.shapeError?.({ message: `${canonical}: ${e.message}`, line, inputs, from: node?.from, to: node?.to, file: interp().file.path });
        throw new ComputeError(`line ${line}: ${canonical}: ${e.message}`);
      }
      throw e;
    }
    if (!r) throw new NotUnderstood(`${canonical} is not read`, line);
    return finishOp(r, canonical, inputs, line, node);
  };

  const finishOp = (r: NonNullable<ReturnType<typeof torchFunction>>, type: string, inputs: TensorV[], line: number, node?: SyntaxNode): Value => {
    const value = fromArg(r.value);
    const withRf = (v: Value): Value => (v instanceof TensorV ? recorder.applyRf(inputs, r.rf, v) : Array.isArray(v) ? v.map(withRf) : v);
    const out = withRf(value);
    if (tensorsIn([out]).length) recorder.opCall(r.op, type, inputs, out, r.macs, line, node?.from ?? 0, node?.to ?? 0);
    return out;
  };

  // ---- natives interface ---------------------------------------------------------------------
  const natives: Natives = {
    builtin(name) {
      return Object.hasOwn(builtins, name) ? builtins[name] : undefined;
    },

    importModule(it, dotted, from, level, line) {
      interpRef.current = it;
      if (level === 0 && KNOWN_LIBRARIES.test(dotted)) return new LibV(canonicalLib(dotted));
      const found = opts.loader?.(dotted, from.path, level);
      if (found) {
        const ns = opts.loadFile(found.path, found.text, dotted);
        return new LibV(dotted, ns);
      }
      const missing = new OpaqueV(`the module ${'.'.repeat(level)}${dotted} (not found in the workspace, and not a library ML Lens knows)`, line);
      missing.path = dotted;
      return missing;
    },

    getAttr(it, obj, name, line) {
      interpRef.current = it;
      if (obj instanceof LibV) {
        if (obj.ns) return it.readGlobal(obj.ns, name, line);
        const path = `${obj.path}.${name}`.replace(/^tensorflow\.keras(?=\.|$)/, 'keras').replace(/^keras\.src\./, 'keras.');
        if (path === 'keras.Model' || path === 'keras.models.Model') return kerasModelClass;
        if (path === 'keras.layers.Layer' || path === 'keras.Layer') return kerasLayerClass;
        if (path === 'keras.Sequential' || path === 'keras.models.Sequential') return kerasSequentialClass;
        if (path === 'flax.linen.Module') return linenModuleClass;
        if (path === 'flax.nnx.Module') return nnxModuleClass;
        if (path === 'flax.nnx.Sequential') return sequentialClass;
        if (path === 'torch.nn.Module') return moduleClass;
        if (path === 'torch.nn.Sequential') return sequentialClass;
        if (path === 'torch.nn.ModuleList') return moduleListClass;
        if (path === 'torch.nn.ModuleDict') return moduleDictClass;
        if (obj.path === 'math' && name in mathConsts) return mathConsts[name];
        if (path === 'torch.float32' || path === 'torch.long' || path === 'torch.float') return path;
        return new LibV(path);
      }
      if (obj instanceof SuperV) {
        if (name === '__init__' && obj.self instanceof InstanceV) {
          const self = obj.self;
          return new BuiltinV('__init__', (args, kw, l) => {
            const layerBase = layerBaseOf(self.cls);
            if (layerBase) {
              const layer = buildLayer(layerBase, args, kw, l) as LayerV;
              self.attrs.set('__layer__', layer);
              self.module!.ownParams = layer.params;
              return null;
            }
            nativeInit(self, obj.cls.nativeBase() ?? self.cls.nativeBase(), args, kw, l);
            return null;
          });
        }
        if (obj.self instanceof InstanceV) return moduleMethod(obj.self, name, line);
        return undefined;
      }
      if (obj instanceof TensorV) return tensorAttr(obj, name, line);
      if (obj instanceof LayerV) return layerAttr(obj, name, line);
      if (obj instanceof InstanceV && obj.module) {
        const own = moduleMethod(obj, name, line);
        if (own !== undefined) return own;
        const layer = obj.attrs.get('__layer__');
        if (layer instanceof LayerV) return layerAttr(layer, name, line);
        return undefined;
      }
      if (obj instanceof InstanceV && obj.cls === namespaceClass) return undefined;
      if (obj instanceof InstanceV && obj.cls === parserClass) return parserMethod(obj, name);
      if (obj instanceof InstanceV && tupleClasses.has(obj.cls)) return tupleMethod(obj, name);
      if (obj instanceof ClassV && tupleClasses.has(obj) && name === '__new__') {
        // `BlockArgs.__new__.__defaults__ = (None,) * len(BlockArgs._fields)`: defaults for every field.
        const proxy = new InstanceV(newProxyClass);
        proxy.attrs.set('__cls__', obj);
        return proxy;
      }
      if (obj instanceof InstanceV && obj.cls === parameterClass) {
        const owner = obj.attrs.get('__owner__') as unknown as ModuleValue;
        const count = owner instanceof LayerV ? owner.params : owner.module!.ownParams;
        if (name === 'numel') return fn(name, () => count ?? new OpaqueV(`the size of a parameter`, line));
        if (name === 'requires_grad_') return fn(name, (a) => (freeze(owner, a[0] === false), obj));
        return new OpaqueV(`a parameter's .${name}`, line);
      }
      if (obj instanceof InstanceV && name === '__dict__') return new AttrDictV(obj);
      if (obj instanceof ListV) return listMethod(obj, name);
      if (obj instanceof DictV) return dictMethod(obj, name, line);
      if (typeof obj === 'string') return strMethod(obj, name);
      if (obj instanceof SymDim && (name === 'item' || name === '__index__')) return fn(name, () => obj);
      if (obj instanceof PartialV && name === 'func') return obj.fn;
      return undefined;
    },

    setAttr(it, obj, name, value, line) {
      interpRef.current = it;
      if (obj.cls === newProxyClass && name === '__defaults__') {
        (obj.attrs.get('__cls__') as ClassV).attrs.set('__defaults__', it.iterate(value, line));
        return;
      }
      if (obj.cls === parameterClass && name === 'requires_grad') freeze(obj.attrs.get('__owner__') as unknown as ModuleValue, value === false);
      obj.attrs.set(name, value);
      if (!obj.module) return;
      if (isModule(value)) register(obj, name, value);
      else if (value instanceof OpaqueV && value.moduleLike) register(obj, name, value);
      else if (obj.module.children.has(name) && value === null) obj.module.children.delete(name);
      if (value instanceof ParameterV) {
        const n = numelOf(value.shape);
        obj.module.ownParams = obj.module.ownParams === null || n === null ? null : obj.module.ownParams + n;
        if (value.trainable === false) obj.module.frozenParams = (obj.module.frozenParams ?? 0) + (n ?? 0);
      }
      void line;
    },

    baseClass(v) {
      // class StdConv2d(nn.Conv2d): a module class whose super().__init__ builds the layer.
      if (!(v instanceof LibV) || v.ns) return v;
      const name = v.path.slice(v.path.lastIndexOf('.') + 1);
      if (!/^torch\.nn\./.test(v.path) || !torchLayerRule(name)) return v;
      let cls = layerBases.get(name);
      if (!cls) {
        cls = new ClassV(name, [moduleClass], undefined, undefined, 'Module');
        layerBases.set(name, cls);
      }
      return cls;
    },

    setLayerAttr(it, layer, name, value, line) {
      interpRef.current = it;
      const own = weightShape(layer);
      if (name !== 'weight' || !(value instanceof WeightV) || !own) return false;
      if (own.join() !== value.shape.join())
        throw new ComputeError(
          `line ${line}: the weight of ${value.layer.className} [${value.shape.join(', ')}] does not fit ${layer.className}'s [${own.join(', ')}].`,
        );
      if (value.layer !== layer) layer.tiedParams = own.reduce<number>((p, d) => p * (typeof d === 'number' ? d : NaN), 1);
      return true;
    },

    call(it, f, args, kw, line, node) {
      interpRef.current = it;
      if (f instanceof BuiltinV) return callBuiltin(f, args, kw, line);
      if (f instanceof LibV) {
        if (f.ns) return undefined;
        const r = callLib(f.path, args, kw, line, node);
        if (r !== undefined) return r;
        if (f.path.startsWith('torch.') || f.path.startsWith('torchvision') || f.path.startsWith('timm'))
          throw new NotUnderstood(`\`${f.path}\` is not read`, line);
        const opaque = new OpaqueV(`\`${f.path}(…)\` (a library call ML Lens does not read)`, line);
        if (tensorsIn([...args, ...kw.values()]).length)
          it.warn(`\`${f.path}(…)\` is not read (a library call ML Lens does not know); its output and what follows are not traced`, line);
        // A class-like name (`timm.layers.DropPath(...)`) may well build a module.
        if (/(^|\.)[A-Z]\w*$/.test(f.path)) opaque.moduleLike = true;
        return opaque;
      }
      if (isModule(f)) return callModule(it, f, args, kw, line);
      if (f instanceof ClassV) return instantiate(it, f, args, kw, line, node);
      return undefined;
    },

    binary(it, op, a, b, line) {
      interpRef.current = it;
      return binary(op, a, b, line);
    },

    subscript(it, obj, index, line) {
      interpRef.current = it;
      return subscript(obj, index, line);
    },

    setItem(it, obj, index, value, line) {
      interpRef.current = it;
      if (obj instanceof ListV) {
        const i = numArg(index, 'a list index', line);
        obj.items[i < 0 ? obj.items.length + i : i] = value;
        return true;
      }
      if (obj instanceof DictV) {
        obj.set(index, value);
        return true;
      }
      if (obj instanceof InstanceV && obj.module && (obj.cls.nativeBase() === 'ModuleDict' || obj.cls.nativeBase() === 'ModuleList')) {
        register(obj, String(index), value);
        return true;
      }
      if (obj instanceof TensorV) return true; // x[mask] = 0 keeps the shape
      return false;
    },

    iterate(it, v, line) {
      interpRef.current = it;
      if (v instanceof InstanceV && tupleClasses.has(v.cls)) return (v.cls.attrs.get('_fields') as string[]).map((f) => v.attrs.get(f)!);
      if (v instanceof InstanceV && v.module) {
        const base = v.cls.nativeBase();
        if (base === 'ModuleDict') return [...v.module.children.keys()];
        if (base === 'ModuleList' && v.attrs.has('__size__'))
          return Array.from({ length: Number(v.attrs.get('__size__')) }, (_, i) => v.module!.children.get(String(i)) ?? null);
        if (base === 'ModuleList' || base === 'Sequential') return childrenOf(v);
      }
      if (v instanceof ValuesV && v.shape.length === 1) return v.values.map((x) => new ValuesV([x], []));
      if (v instanceof TensorV) {
        const n = v.shape[0];
        if (typeof n !== 'number') throw new NotUnderstood(`iterating over a tensor with ${n} rows is not read`, line);
        return Array.from({ length: n }, () => new TensorV(v.shape.slice(1)));
      }
      return undefined;
    },
  };

  // ---- argparse: args.x is the default of its --x (a value from outside the model) ----------
  const parserClass = nativeClass('ArgumentParser', 'object');
  const argParser = (line: number): InstanceV => {
    const p = new InstanceV(parserClass);
    p.attrs.set('__dests__', new DictV());
    p.attrs.set('__line__', line);
    return p;
  };
  const parserMethod = (p: InstanceV, name: string): Value | undefined => {
    const dests = p.attrs.get('__dests__') as DictV;
    switch (name) {
      case 'add_argument':
        return fn(name, (a, k, line) => {
          const flags = a.filter((x): x is string => typeof x === 'string');
          const long = flags.find((f) => f.startsWith('--')) ?? flags.find((f) => f.startsWith('-')) ?? flags[0];
          if (!long) return null;
          const dest = typeof k.get('dest') === 'string' ? (k.get('dest') as string) : long.replace(/^-+/, '').replace(/-/g, '_');
          const action = k.get('action');
          let value: Value | undefined = k.get('default');
          if (value === undefined && action === 'store_true') value = false;
          if (value === undefined && action === 'store_false') value = true;
          const type = k.get('type');
          if (typeof value === 'string' && type instanceof BuiltinV && (type.name === 'int' || type.name === 'float'))
            value = callBuiltin(type, [value], new Map(), line);
          const required = k.get('required') === true || !long.startsWith('-');
          if (value === undefined) {
            // No default: None in argparse, or given on the command line (required/positional).
            value = required ? new UnknownV(`args.${dest}`, `command-line argument ${long} (required, no default)`, line) : null;
            if (value instanceof UnknownV) interp().unknowns.set(value.name, value);
          }
          const givenName = [`args.${dest}`, dest].find((n) => interp().given.has(n));
          if (givenName) interp().usedGiven.add(givenName);
          const given = givenName ? interp().given.get(givenName) : undefined;
          dests.set(dest, given ?? value);
          return null;
        });
      case 'add_argument_group':
      case 'add_mutually_exclusive_group':
        return fn(name, () => p);
      case 'set_defaults':
        return fn(name, (_a, k) => {
          for (const [key, v] of k) dests.set(key, v);
          return null;
        });
      case 'parse_args':
      case 'parse_known_args': {
        return fn(name, () => {
          const ns = new InstanceV(namespaceClass);
          for (const e of dests.entries.values()) ns.attrs.set(String(e.key), e.value);
          return name === 'parse_args' ? ns : [ns, new ListV([])];
        });
      }
      default:
        return fn(name, () => null);
    }
  };

  // ---- collections.namedtuple ------------------------------------------------------------------
  const tupleClasses = new WeakSet<ClassV>();
  const namedTuple = (args: Value[], kw: Map<string, Value>, line: number): ClassV => {
    const name = typeof args[0] === 'string' ? args[0] : 'namedtuple';
    const spec = args[1] ?? kw.get('field_names');
    const fields =
      typeof spec === 'string'
        ? spec.split(/[\s,]+/).filter(Boolean)
        : interp()
            .iterate(spec ?? [], line)
            .map(String);
    const cls = new ClassV(name, [objectClass], undefined, undefined, 'object');
    cls.attrs.set('_fields', fields);
    const d = kw.get('defaults');
    if (d !== undefined && d !== null) cls.attrs.set('__defaults__', interp().iterate(d, line));
    tupleClasses.add(cls);
    return cls;
  };
  const makeTuple = (cls: ClassV, args: Value[], kw: Map<string, Value>, line: number): InstanceV => {
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
  const tupleMethod = (t: InstanceV, name: string): Value | undefined => {
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
  const functionalModel = (args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): InstanceV => {
    const m = newModule(functionalClass, line, node);
    m.attrs.set('inputs', kw.get('inputs') ?? args[0] ?? null);
    m.attrs.set('outputs', kw.get('outputs') ?? args[1] ?? null);
    for (const layer of kerasCalled) register(m, layer.autoName ?? layer.className, layer);
    return m;
  };

  const instantiate = (it: Interp, cls: ClassV, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value => {
    const base = cls.nativeBase();
    if (base === 'Exception') return new InstanceV(cls);
    if (cls === kerasModelClass && (kw.has('outputs') || args.length >= 2)) return functionalModel(args, kw, line, node);
    if (tupleClasses.has(cls)) return makeTuple(cls, args, kw, line);
    const m = base === 'Module' || base === 'Sequential' || base === 'ModuleList' || base === 'ModuleDict' ? newModule(cls, line, node) : new InstanceV(cls);
    const init = cls.lookup('__init__');
    const linen = flavorOf(cls) === 'linen';
    if (init instanceof FuncV) {
      it.callFunction(init, [m, ...args], kw, line, m);
    } else if (linen) {
      // A linen module is a dataclass: its annotated fields (inherited ones first), then setup().
      const fields = [...cls.mro()].reverse().flatMap((c) => dataclassFields.get(c) ?? []);
      const rest = [...args];
      for (const f of fields) {
        const v = rest.length ? rest.shift()! : kw.has(f.name) ? kw.get(f.name)! : f.default;
        m.attrs.set(
          f.name,
          v === undefined ? new UnknownV(f.name, `field of ${cls.name}`, cls.node && cls.file ? it.lineOf(cls.file, cls.node.from) : line) : v,
        );
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
    } else nativeInit(m, base, args, kw, line);
    return m;
  };

  // ---- attributes and methods ------------------------------------------------------------------
  const moduleMethod = (m: InstanceV, name: string, line: number): Value | undefined => {
    const mod = m.module!;
    switch (name) {
      case 'add_module':
      case 'register_module':
        return fn(name, (a) => {
          register(m, String(a[0]), a[1]);
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
          natives.setAttr(interp(), m, String(a[0]), a[1] ?? null, line);
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
        return fn(name, () => paramHandles(modulesOf(m), name === 'named_parameters'));
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
          register(m, String(size), a[0]);
          m.attrs.set('__size__', size + 1);
          return m;
        });
      case 'add':
        if (flavorOf(m.cls) !== 'keras') return undefined;
        return fn(name, (a, _k, l) => {
          kerasAdd(m, a[0], l);
          return null;
        });
      case 'extend':
        return fn(name, (a, _k, l) => {
          let size = Number(m.attrs.get('__size__') ?? mod.children.size);
          for (const x of interp().iterate(a[0], l)) register(m, String(size++), x);
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

  const layerAttr = (layer: LayerV, name: string, line: number): Value | undefined => {
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
    if (name === 'parameters' || name === 'named_parameters') return fn(name, () => paramHandles([layer], name === 'named_parameters'));
    return undefined;
  };

  /**
   * `model.parameters()`: one handle per layer (standing for all its tensors) and per module's own
   * nn.Parameter; `p.requires_grad = False` freezes what the handle stands for, `p.numel()` counts it.
   */
  const parameterClass = nativeClass('Parameter', 'object');
  /** torch.nn layer classes used as base classes, by name. */
  const layerBases = new Map<string, ClassV>();
  const layerBaseOf = (cls: ClassV): string | undefined => {
    for (const c of cls.mro()) for (const [name, base] of layerBases) if (base === c) return name;
    return undefined;
  };
  const newProxyClass = nativeClass('__new__', 'object');
  const freeze = (owner: ModuleValue, frozen: boolean) => {
    if (owner instanceof LayerV) owner.frozen = frozen;
    else if (owner.module) owner.module.frozenParams = frozen ? (owner.module.ownParams ?? 0) : 0;
  };
  const paramHandles = (modules: ModuleValue[], named: boolean): ListV => {
    const out: Value[] = [];
    for (const m of modules) {
      if (m instanceof InstanceV && m.module && (m.module.ownParams ?? 1) !== 0) {
        const h = new InstanceV(parameterClass);
        h.attrs.set('__owner__', m as unknown as Value);
        h.attrs.set('requires_grad', true);
        out.push(named ? ['', h] : h);
      }
      if (m instanceof LayerV && (m.params ?? 1) > 0) {
        const h = new InstanceV(parameterClass);
        h.attrs.set('__owner__', m as unknown as Value);
        h.attrs.set('requires_grad', !m.frozen);
        out.push(named ? ['', h] : h);
      }
    }
    return new ListV(out);
  };

  const tensorAttr = (t: TensorV, name: string, line: number): Value | undefined => {
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
        r = (state.framework === 'flax' ? jaxArrayMethod(t, name, positional, kwArgs(kw, l)) : undefined) ?? tensorMethod(t, name, positional, kwArgs(kw, l));
      } catch (e) {
        if (e instanceof NeedsUnknown) return new OpaqueV(`.${name}() needs ${e.unknown.name}`, l);
        if (e instanceof ComputeError && !(e instanceof NotUnderstood)) throw new ComputeError(`line ${l}: .${name}(): ${e.message}`);
        throw e;
      }
      if (!r) throw new NotUnderstood(`the tensor method .${name}() is not read`, l);
      return finishOp(r, `.${name}`, [t, ...tensorsIn(args)], l);
    });
  };

  const listMethod = (l: ListV, name: string): Value | undefined => {
    switch (name) {
      case 'append':
        return fn(name, (a) => (l.items.push(a[0]), null));
      case 'extend':
        return fn(name, (a, _k, line) => (l.items.push(...interp().iterate(a[0], line)), null));
      case 'insert':
        return fn(name, (a, _k, line) => (l.items.splice(numArg(a[0], 'insert()', line), 0, a[1]), null));
      case 'pop':
        return fn(name, (a, _k, line) => (a.length ? l.items.splice(numArg(a[0], 'pop()', line), 1)[0] : (l.items.pop() ?? null)));
      case 'copy':
        return fn(name, () => new ListV([...l.items]));
      case 'index':
        return fn(name, (a) => l.items.findIndex((x) => x === a[0]));
      case 'reverse':
        return fn(name, () => (l.items.reverse(), null));
      default:
        return undefined;
    }
  };

  const dictMethod = (d: DictV, name: string, line: number): Value | undefined => {
    switch (name) {
      case 'items':
        return fn(name, () => [...d.entries.values()].map((e) => [e.key, e.value]));
      case 'keys':
        return fn(name, () => [...d.entries.values()].map((e) => e.key));
      case 'values':
        return fn(name, () => [...d.entries.values()].map((e) => e.value));
      case 'get':
        return fn(name, (a) => d.get(a[0]) ?? a[1] ?? null);
      case 'pop':
        return fn(name, (a) => {
          const v = d.get(a[0]);
          d.entries.delete(DictV.keyOf(a[0]));
          return v ?? a[1] ?? null;
        });
      case 'setdefault':
        return fn(name, (a) => {
          if (d.get(a[0]) === undefined) d.set(a[0], a[1] ?? null);
          return d.get(a[0])!;
        });
      case 'update':
        return fn(name, (a, k) => {
          if (a[0] instanceof DictV) for (const e of a[0].entries.values()) d.set(e.key, e.value);
          for (const [key, v] of k) d.set(key, v);
          return null;
        });
      case 'copy':
        return fn(name, () => {
          const c = new DictV();
          for (const e of d.entries.values()) c.set(e.key, e.value);
          return c;
        });
      default:
        void line;
        return undefined;
    }
  };

  const strMethod = (s: string, name: string): Value | undefined => {
    switch (name) {
      case 'lower':
        return fn(name, () => s.toLowerCase());
      case 'upper':
        return fn(name, () => s.toUpperCase());
      case 'startswith':
        return fn(name, (a) => typeof a[0] === 'string' && s.startsWith(a[0]));
      case 'endswith':
        return fn(name, (a) => typeof a[0] === 'string' && s.endsWith(a[0]));
      case 'split':
        return fn(name, (a) => new ListV(typeof a[0] === 'string' ? s.split(a[0]) : s.trim().split(/\s+/)));
      case 'join':
        return fn(name, (a, _k, line) => interp().iterate(a[0], line).map(pyStr).join(s));
      case 'format':
        return fn(name, () => new OpaqueV('str.format(…)', 0));
      case 'replace':
        return fn(name, (a) => s.split(String(a[0])).join(String(a[1])));
      case 'strip':
        return fn(name, () => s.trim());
      default:
        return undefined;
    }
  };

  // ---- operators ---------------------------------------------------------------------------
  const binary = (op: string, a: Value, b: Value, line: number): Value | undefined => {
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
          recorder.shapeError?.({ message: `${op}: ${e.message}`, line, inputs, file: interp().file.path });
          throw new ComputeError(`line ${line}: ${describe(a)} ${op} ${describe(b)}: ${e.message}`);
        }
        throw e;
      }
      return finishOp(r, op, inputs, line);
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
          found = interp()
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
    if (op === '*' && sb && typeof a === 'number') return binary(op, b, a, line);
    if (op === '|' && a instanceof DictV && b instanceof DictV) {
      const d = new DictV();
      for (const e of [...a.entries.values(), ...b.entries.values()]) d.set(e.key, e.value);
      return d;
    }
    return undefined;
  };

  const numBinary = (op: string, a: number, b: number, line: number): Value => {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new ComputeError(`line ${line}: division by zero.`);
        return a / b;
      case '//':
        if (b === 0) throw new ComputeError(`line ${line}: integer division by zero.`);
        return Math.floor(a / b);
      case '%':
        if (b === 0) throw new ComputeError(`line ${line}: modulo by zero.`);
        return a - Math.floor(a / b) * b;
      case '**':
        return a ** b;
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
  const symBinary = (op: string, a: Value, b: Value, line: number): Value => {
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

  const equal = (a: Value, b: Value): boolean => {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
    if (a instanceof ListV && b instanceof ListV) return equal(a.items, b.items);
    return a === b;
  };

  const subscript = (obj: Value, index: Value, line: number): Value | undefined => {
    if (obj instanceof InstanceV && tupleClasses.has(obj.cls) && typeof index === 'number') {
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
      return finishOp(r, '[]', [obj], line);
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
          const sub = newModule(obj.cls, line);
          sliceOf(kids, index, line).forEach((k, i) => register(sub, String(i), k));
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

  const sliceOf = <T>(seq: T[], s: SliceV, line: number): T[] => {
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

  void EllipsisV;
  return Object.assign(natives, {
    layerOf: (m: InstanceV) => (m.attrs.get('__layer__') instanceof LayerV ? (m.attrs.get('__layer__') as LayerV) : undefined),
    modulesOf,
    childrenOf,
    setInterp: (it: Interp) => (interpRef.current = it),
    moduleClass,
    flavorOf,
    state,
    functionalClass,
    kerasSequentialClass,
  });
}

/** A 1-D tensor whose values are known (`torch.linspace(0, 0.1, 12)`, `torch.arange(4)`): `.item()` reads them. */
export class ValuesV extends TensorV {
  constructor(
    readonly values: number[],
    shape: Dim[] = [values.length],
  ) {
    super(shape);
  }
}

/**
 * The `re` functions model code uses to decode config strings (EfficientNet's 'r1_k3_s11_e1'),
 * for patterns JavaScript reads the same way; others are not read.
 */
function pythonRe(fn: string, args: Value[], line: number): Value {
  const pattern = args[0] as string;
  if (/\(\?P|\\A|\\Z|\(\?[aiLmsux]+\)/.test(pattern)) return new OpaqueV(`re.${fn} with the pattern ${JSON.stringify(pattern)}`, line);
  let rx: RegExp;
  try {
    rx = new RegExp(pattern, 'g');
  } catch {
    return new OpaqueV(`re.${fn} with the pattern ${JSON.stringify(pattern)}`, line);
  }
  const text = args[fn === 'sub' ? 2 : 1] as string;
  switch (fn) {
    case 'split':
      return new ListV(text.split(rx).map((x) => x ?? null));
    case 'sub':
      return typeof args[1] === 'string' ? text.replace(rx, args[1].replace(/\\(\d)/g, '$$$1')) : new OpaqueV('re.sub with a function', line);
    case 'findall': {
      const out: Value[] = [];
      for (const m of text.matchAll(rx)) out.push(m.length > 2 ? m.slice(1).map((x) => x ?? '') : (m[1] ?? m[0]));
      return new ListV(out);
    }
    default: {
      const anchored = new RegExp(fn === 'search' ? pattern : fn === 'match' ? `^(?:${pattern})` : `^(?:${pattern})$`);
      return anchored.test(text) ? new OpaqueV(`the match object of re.${fn}`, line) : null;
    }
  }
}

/** `self.__dict__`: a dict whose writes set the instance's attributes (`self.__dict__.update(cfg)`). */
class AttrDictV extends DictV {
  constructor(readonly owner: InstanceV) {
    super();
    for (const [k, v] of owner.attrs) super.set(k, v);
  }
  override set(key: Value, value: Value): void {
    super.set(key, value);
    if (typeof key === 'string') this.owner.attrs.set(key, value);
  }
}

/** A layer's weight as a tensor (`self.encoder.weight`): its shape, and which layer owns it. */
export class WeightV extends TensorV {
  constructor(
    shape: Dim[],
    readonly layer: LayerV,
  ) {
    super(shape);
  }
}

/** PyTorch's weight layout for the layers whose weights code commonly ties or reads. */
function weightShape(layer: LayerV): Dim[] | undefined {
  const a = layer.args;
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const ks = (v: unknown, d: number) => (Array.isArray(v) ? (v as number[]) : Array.from({ length: d }, () => v as number));
  switch (layer.className) {
    case 'Linear':
      return n(a.out_features) !== undefined && n(a.in_features) !== undefined ? [a.out_features as number, a.in_features as number] : undefined;
    case 'Embedding':
      return n(a.num_embeddings) !== undefined && n(a.embedding_dim) !== undefined ? [a.num_embeddings as number, a.embedding_dim as number] : undefined;
    case 'Conv1d':
    case 'Conv2d':
    case 'Conv3d': {
      const d = Number(layer.className[4]);
      const g = n(a.groups) ?? 1;
      if (n(a.in_channels) === undefined || n(a.out_channels) === undefined) return undefined;
      return [a.out_channels as number, (a.in_channels as number) / g, ...ks(a.kernel_size, d)];
    }
    default:
      return undefined;
  }
}

/** A tensor registered as a parameter (nn.Parameter). */
export class ParameterV extends TensorV {
  constructor(
    shape: Dim[],
    readonly trainable: boolean,
  ) {
    super(shape);
  }
}

export function callBuiltin(f: BuiltinV, args: Value[], kw: Map<string, Value>, line: number): Value {
  try {
    return f.call(args, kw, line);
  } catch (e) {
    if (e instanceof Unavailable) return e.value;
    throw e;
  }
}

/** 'denselayer%d' % (i + 1): the printf-style conversions model code uses for names (%d %i %s %r %%). */
function percentFormat(fmt: string, args: Value, line: number): Value {
  const items = Array.isArray(args) ? args : [args];
  let i = 0;
  let opaque = false;
  const out = fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([disrf%])/g, (_m, _flags: string, conv: string) => {
    if (conv === '%') return '%';
    const v = items[i++];
    if (typeof v === 'number') return conv === 'd' || conv === 'i' ? String(Math.trunc(v)) : String(v);
    if (typeof v === 'string') return v;
    opaque = true;
    return '';
  });
  return opaque ? new OpaqueV(`the %-formatted string ${JSON.stringify(fmt)}`, line) : out;
}

const dimOrSym = (d: Dim): number | SymDim => (typeof d === 'number' ? d : new SymDim(d));

export function numelOf(shape: readonly Dim[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}

/** `torch.nn.functional` written as `F`, `nn.functional`, or imported whole. */
function canonicalLib(dotted: string): string {
  if (dotted === 'np') return 'numpy';
  return dotted;
}
