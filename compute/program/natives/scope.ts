/**
 * What every native shares during one evaluation: the recorder that turns the forward pass into
 * the model answer, the native classes (object, nn.Module and its containers, the Keras and Flax
 * bases), and the per-run state (Keras auto-names, the linen call stack, namedtuple classes).
 */
import type { InterpCore } from '../interp-core';
import { ClassV, InstanceV, LayerV, type FileNS, type NativeBase, type Value } from '../objects';
import type { ForwardResult, RfRule } from '../table-types';
import type { TensorV } from '../values';

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

export type Flavor = 'keras' | 'linen' | 'nnx';

export class Scope {
  readonly recorder: Recorder;
  private current?: InterpCore;

  readonly objectClass = new ClassV('object', [], undefined, undefined, 'object');
  readonly moduleClass = this.nativeClass('Module', 'Module');
  readonly sequentialClass = new ClassV('Sequential', [this.moduleClass], undefined, undefined, 'Sequential');
  readonly moduleListClass = new ClassV('ModuleList', [this.moduleClass], undefined, undefined, 'ModuleList');
  readonly moduleDictClass = new ClassV('ModuleDict', [this.moduleClass], undefined, undefined, 'ModuleDict');
  readonly exceptionClass = this.nativeClass('Exception', 'Exception');
  // Framework base classes: Keras models and layers, Flax linen and NNX modules register
  // submodules as torch.nn.Module does; `flavor` says how they are built and called.
  readonly kerasModelClass = new ClassV('Model', [this.moduleClass], undefined, undefined, 'Module');
  readonly kerasLayerClass = new ClassV('Layer', [this.moduleClass], undefined, undefined, 'Module');
  readonly kerasSequentialClass = new ClassV('Sequential', [this.moduleClass], undefined, undefined, 'Sequential');
  readonly functionalClass = new ClassV('Functional', [this.moduleClass], undefined, undefined, 'Module');
  readonly linenModuleClass = new ClassV('Module', [this.moduleClass], undefined, undefined, 'Module');
  readonly nnxModuleClass = new ClassV('Module', [this.moduleClass], undefined, undefined, 'Module');
  private readonly flavors = new Map<ClassV, Flavor>([
    [this.kerasModelClass, 'keras'],
    [this.kerasLayerClass, 'keras'],
    [this.kerasSequentialClass, 'keras'],
    [this.functionalClass, 'keras'],
    [this.linenModuleClass, 'linen'],
    [this.nnxModuleClass, 'nnx'],
  ]);
  readonly namespaceClass = this.nativeClass('SimpleNamespace', 'object');
  /**
   * A submodule the evaluator cannot read (an unknown library's block, a value not understood):
   * kept in the tree as a "not read" module so the answer says what is missing, where.
   */
  readonly notReadClass = this.nativeClass('(not read)', 'Module');
  readonly parserClass = this.nativeClass('ArgumentParser', 'object');
  /** The handles `model.parameters()` returns (see attributes.ts). */
  readonly parameterClass = this.nativeClass('Parameter', 'object');
  /** `NamedTuple.__new__`, whose `__defaults__` code sets. */
  readonly newProxyClass = this.nativeClass('__new__', 'object');

  /** Keras names layers per session (`conv2d`, `conv2d_1`); Keras layers called so far, in order. */
  readonly kerasCounters = new Map<string, number>();
  readonly kerasCalled: LayerV[] = [];
  /** Linen modules whose `__call__` is running, innermost last, with their auto-name counters. */
  readonly linenStack: { module: InstanceV; counters: Map<string, number> }[] = [];
  readonly hasParent = new WeakSet<object>();
  /** Classes made by collections.namedtuple / typing.NamedTuple. */
  readonly tupleClasses = new WeakSet<ClassV>();
  /** torch.nn layer classes used as base classes, by name. */
  readonly layerBases = new Map<string, ClassV>();
  readonly state = { framework: 'pytorch' as 'pytorch' | 'keras' | 'flax' };
  /** Python's builtins (builtins.ts), set once the scope exists. */
  builtins: Record<string, Value> = {};

  constructor(readonly opts: NativeOptions) {
    this.recorder = opts.recorder;
  }

  nativeClass(name: string, native: NativeBase): ClassV {
    return new ClassV(name, [this.objectClass], undefined, undefined, native);
  }

  /** How a class's modules are built and called: Keras, Flax linen or NNX, or torch (undefined). */
  flavorOf(cls: ClassV): Flavor | undefined {
    for (const c of cls.mro()) if (this.flavors.has(c)) return this.flavors.get(c);
    return undefined;
  }

  /** The evaluator running now (each native entry point sets it). */
  interp(): InterpCore {
    return this.current!;
  }

  setInterp(it: InterpCore): InterpCore {
    return (this.current = it);
  }
}
