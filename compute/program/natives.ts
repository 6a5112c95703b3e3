/**
 * What the evaluator knows without reading source: Python's builtins, the parts of the standard
 * library model code uses (math, functools, collections, argparse, re), and PyTorch, Keras and
 * Flax: modules and containers as the framework tables describe them, tensors as shapes,
 * functional ops. This file is the evaluator's entry point into them (the `Natives` interface);
 * each kind of value has its file in natives/.
 */
import { ComputeError } from '../errors';
import type { InterpCore, Natives } from './interp-core';
import { BuiltinV, ClassV, DictV, InstanceV, isModule, LayerV, LibV, ListV, OpaqueV, PartialV, SuperV, type ModuleValue } from './objects';
import { torchLayerRule } from './torch-table';
import { NotUnderstood, SymDim, TensorV } from './values';
import { freeze, layerAttr, layerBaseOf, moduleMethod, setModuleAttr, tensorAttr } from './natives/attributes';
import { makeBuiltins } from './natives/builtins';
import { callBuiltin, fn, numArg, tensorsIn } from './natives/convert';
import { callModule } from './natives/forward';
import { instantiate, tupleMethod } from './natives/instances';
import { buildLayer } from './natives/layers';
import { callLib, canonicalLib, KNOWN_LIBRARIES, mathConsts } from './natives/libraries';
import { childrenOf, modulesOf, nativeInit, register } from './natives/modules';
import { binary, subscript } from './natives/operators';
import { parserMethod } from './natives/argparse';
import { dictMethod, listMethod, strMethod } from './natives/python-methods';
import { Scope, type NativeOptions } from './natives/scope';
import { AttrDictV, ValuesV, weightShape, WeightV } from './natives/values';

export type { ModuleLoader, NativeOptions, Recorder } from './natives/scope';
export { callBuiltin } from './natives/convert';
export { numelOf, ParameterV, ValuesV, WeightV } from './natives/values';

export function makeNatives(opts: NativeOptions) {
  const s = new Scope(opts);
  s.builtins = makeBuiltins(s);
  const natives: Natives = {
    builtin(name) {
      return Object.hasOwn(s.builtins, name) ? s.builtins[name] : undefined;
    },

    importModule(it, dotted, from, level, line) {
      s.setInterp(it);
      if (level === 0 && KNOWN_LIBRARIES.test(dotted)) return new LibV(canonicalLib(dotted));
      const found = s.opts.loader?.(dotted, from.path, level);
      if (found) {
        const ns = s.opts.loadFile(found.path, found.text, dotted);
        return new LibV(dotted, ns);
      }
      const missing = new OpaqueV(`the module ${'.'.repeat(level)}${dotted} (not found in the workspace, and not a library ML Lens knows)`, line);
      missing.path = dotted;
      return missing;
    },

    getAttr(it, obj, name, line) {
      s.setInterp(it);
      if (obj instanceof LibV) {
        if (obj.ns) return it.readGlobal(obj.ns, name, line);
        const path = `${obj.path}.${name}`.replace(/^tensorflow\.keras(?=\.|$)/, 'keras').replace(/^keras\.src\./, 'keras.');
        if (path === 'keras.Model' || path === 'keras.models.Model') return s.kerasModelClass;
        if (path === 'keras.layers.Layer' || path === 'keras.Layer') return s.kerasLayerClass;
        if (path === 'keras.Sequential' || path === 'keras.models.Sequential') return s.kerasSequentialClass;
        if (path === 'flax.linen.Module') return s.linenModuleClass;
        if (path === 'flax.nnx.Module') return s.nnxModuleClass;
        if (path === 'flax.nnx.Sequential') return s.sequentialClass;
        if (path === 'torch.nn.Module') return s.moduleClass;
        if (path === 'torch.nn.Sequential') return s.sequentialClass;
        if (path === 'torch.nn.ModuleList') return s.moduleListClass;
        if (path === 'torch.nn.ModuleDict') return s.moduleDictClass;
        if (obj.path === 'math' && name in mathConsts) return mathConsts[name];
        if (path === 'torch.float32' || path === 'torch.long' || path === 'torch.float') return path;
        return new LibV(path);
      }
      if (obj instanceof SuperV) {
        if (name === '__init__' && obj.self instanceof InstanceV) {
          const self = obj.self;
          return new BuiltinV('__init__', (args, kw, l) => {
            const layerBase = layerBaseOf(s, self.cls);
            if (layerBase) {
              const layer = buildLayer(s, layerBase, args, kw, l) as LayerV;
              self.attrs.set('__layer__', layer);
              self.module!.ownParams = layer.params;
              return null;
            }
            nativeInit(s, self, obj.cls.nativeBase() ?? self.cls.nativeBase(), args, kw, l);
            return null;
          });
        }
        if (obj.self instanceof InstanceV) return moduleMethod(s, obj.self, name, line);
        return undefined;
      }
      if (obj instanceof TensorV) return tensorAttr(s, obj, name, line);
      if (obj instanceof LayerV) return layerAttr(s, obj, name, line);
      if (obj instanceof InstanceV && obj.module) {
        const own = moduleMethod(s, obj, name, line);
        if (own !== undefined) return own;
        const layer = obj.attrs.get('__layer__');
        if (layer instanceof LayerV) return layerAttr(s, layer, name, line);
        return undefined;
      }
      if (obj instanceof InstanceV && obj.cls === s.namespaceClass) return undefined;
      if (obj instanceof InstanceV && obj.cls === s.parserClass) return parserMethod(s, obj, name);
      if (obj instanceof InstanceV && s.tupleClasses.has(obj.cls)) return tupleMethod(obj, name);
      if (obj instanceof ClassV && s.tupleClasses.has(obj) && name === '__new__') {
        // `BlockArgs.__new__.__defaults__ = (None,) * len(BlockArgs._fields)`: defaults for every field.
        const proxy = new InstanceV(s.newProxyClass);
        proxy.attrs.set('__cls__', obj);
        return proxy;
      }
      if (obj instanceof InstanceV && obj.cls === s.parameterClass) {
        const owner = obj.attrs.get('__owner__') as unknown as ModuleValue;
        const count = owner instanceof LayerV ? owner.params : owner.module!.ownParams;
        if (name === 'numel') return fn(name, () => count ?? new OpaqueV(`the size of a parameter`, line));
        if (name === 'requires_grad_') return fn(name, (a) => (freeze(owner, a[0] === false), obj));
        return new OpaqueV(`a parameter's .${name}`, line);
      }
      if (obj instanceof InstanceV && name === '__dict__') return new AttrDictV(obj);
      if (obj instanceof ListV) return listMethod(s, obj, name);
      if (obj instanceof DictV) return dictMethod(obj, name);
      if (typeof obj === 'string') return strMethod(s, obj, name);
      if (obj instanceof SymDim && (name === 'item' || name === '__index__')) return fn(name, () => obj);
      if (obj instanceof PartialV && name === 'func') return obj.fn;
      return undefined;
    },

    setAttr(it, obj, name, value, line) {
      s.setInterp(it);
      setModuleAttr(s, obj, name, value, line);
    },

    baseClass(v) {
      // class StdConv2d(nn.Conv2d): a module class whose super().__init__ builds the layer.
      if (!(v instanceof LibV) || v.ns) return v;
      const name = v.path.slice(v.path.lastIndexOf('.') + 1);
      if (!/^torch\.nn\./.test(v.path) || !torchLayerRule(name)) return v;
      let cls = s.layerBases.get(name);
      if (!cls) {
        cls = new ClassV(name, [s.moduleClass], undefined, undefined, 'Module');
        s.layerBases.set(name, cls);
      }
      return cls;
    },

    setLayerAttr(it, layer, name, value, line) {
      s.setInterp(it);
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
      s.setInterp(it);
      if (f instanceof BuiltinV) return callBuiltin(f, args, kw, line);
      if (f instanceof LibV) {
        if (f.ns) return undefined;
        const r = callLib(s, f.path, args, kw, line, node);
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
      if (isModule(f)) return callModule(s, it, f, args, kw, line);
      if (f instanceof ClassV) return instantiate(s, it, f, args, kw, line, node);
      return undefined;
    },

    binary(it, op, a, b, line) {
      s.setInterp(it);
      return binary(s, op, a, b, line);
    },

    subscript(it, obj, index, line) {
      s.setInterp(it);
      return subscript(s, obj, index, line);
    },

    setItem(it, obj, index, value, line) {
      s.setInterp(it);
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
        register(s, obj, String(index), value);
        return true;
      }
      if (obj instanceof TensorV) return true; // x[mask] = 0 keeps the shape
      return false;
    },

    iterate(it, v, line) {
      s.setInterp(it);
      if (v instanceof InstanceV && s.tupleClasses.has(v.cls)) return (v.cls.attrs.get('_fields') as string[]).map((f) => v.attrs.get(f)!);
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

  return Object.assign(natives, {
    layerOf: (m: InstanceV) => (m.attrs.get('__layer__') instanceof LayerV ? (m.attrs.get('__layer__') as LayerV) : undefined),
    modulesOf,
    childrenOf,
    setInterp: (it: InterpCore) => s.setInterp(it),
    moduleClass: s.moduleClass,
    flavorOf: (cls: ClassV) => s.flavorOf(cls),
    state: s.state,
    functionalClass: s.functionalClass,
    kerasSequentialClass: s.kerasSequentialClass,
  });
}
