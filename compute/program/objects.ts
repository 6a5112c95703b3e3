/**
 * Runtime objects of the static evaluator: Python functions, classes, instances, containers and
 * the built-in layers of a framework table. Plain data values (numbers, strings, tensors as
 * shapes, unknowns) live in values.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import type { BoundArgs, LayerFramework, LayerRule } from './table-types';
import { SymDim, TensorV, UnknownV, type Dim } from './values';

export type Value =
  | number
  | string
  | boolean
  | null
  | TensorV
  | UnknownV
  | SymDim
  | OpaqueV
  | readonly Value[] // a Python tuple
  | ListV
  | DictV
  | FuncV
  | BuiltinV
  | ClassV
  | InstanceV
  | LayerV
  | BoundMethodV
  | PartialV
  | LibV
  | SuperV
  | SliceV
  | EllipsisV
  | LazyV;

/** A Python file being evaluated: its globals and where it lives. */
export interface FileNS {
  path: string;
  text: string;
  module: string;
  globals: Map<string, Value>;
  /** Offsets of line starts, for 1-based line numbers. */
  lineStarts: number[];
}

/** Each file's top-level scope. */
export const rootScopeOf = new WeakMap<FileNS, Scope>();

/** A lexical scope: a function's locals, or a module's globals at the root. */
export class Scope {
  readonly vars: Map<string, Value>;
  /** Names declared `global` here. */
  readonly globals = new Set<string>();
  constructor(
    readonly file: FileNS,
    readonly parent?: Scope,
  ) {
    // A module's top-level scope is its globals.
    this.vars = parent ? new Map() : file.globals;
    if (!parent) rootScopeOf.set(file, this);
  }
}

/** A value produced by code the evaluator does not understand; it carries the reason. */
export class OpaqueV {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {}
  /** Made by calling something class-like: it may be a module (kept in the tree as not read). */
  moduleLike = false;
  /** The dotted name it stands for (`thirdparty.Block`), when it is a name from a module not read. */
  path?: string;
}

export class ListV {
  constructor(public items: Value[]) {}
}

export class DictV {
  readonly entries = new Map<string, { key: Value; value: Value }>();
  static keyOf(key: Value): string {
    return typeof key === 'string' ? `s:${key}` : `v:${JSON.stringify(key)}`;
  }
  get(key: Value): Value | undefined {
    return this.entries.get(DictV.keyOf(key))?.value;
  }
  set(key: Value, value: Value): void {
    this.entries.set(DictV.keyOf(key), { key, value });
  }
}

export class FuncV {
  constructor(
    readonly name: string,
    /** FunctionDefinition or LambdaExpression. */
    readonly node: SyntaxNode,
    readonly closure: Scope,
    readonly qualname: string,
    readonly kind: 'function' | 'staticmethod' | 'classmethod' | 'property' = 'function',
  ) {}
}

export type NativeCall = (args: Value[], kw: Map<string, Value>, line: number) => Value;

export class BuiltinV {
  constructor(
    readonly name: string,
    readonly call: NativeCall,
  ) {}
}

/** Framework base classes a user class may inherit from, with the behaviour they bring. */
export type NativeBase = 'Module' | 'Sequential' | 'ModuleList' | 'ModuleDict' | 'object' | 'dataclass' | 'Exception';

export class ClassV {
  readonly attrs = new Map<string, Value>();
  constructor(
    readonly name: string,
    readonly bases: Value[],
    readonly node: SyntaxNode | undefined,
    readonly file: FileNS | undefined,
    readonly native?: NativeBase,
  ) {}
  isDataclass = false;
  /** Method resolution order: this class, then bases depth-first, left to right, each once. */
  private mroCache?: ClassV[];
  mro(): ClassV[] {
    if (this.mroCache) return this.mroCache;
    const out: ClassV[] = [];
    const visit = (c: ClassV) => {
      const at = out.indexOf(c);
      if (at >= 0) out.splice(at, 1);
      out.push(c);
      for (const b of c.bases) if (b instanceof ClassV) visit(b);
    };
    visit(this);
    // Keep the class first; later duplicates were moved to the end (a C3-like order for diamonds).
    this.mroCache = out;
    return out;
  }
  lookup(name: string): Value | undefined {
    for (const c of this.mro()) if (c.attrs.has(name)) return c.attrs.get(name);
    return undefined;
  }
  nativeBase(): NativeBase | undefined {
    for (const c of this.mro()) if (c.native && c.native !== 'object') return c.native;
    return undefined;
  }
}

/** What a torch.nn.Module instance holds besides attributes: submodules in order, own parameters. */
export interface ModuleState {
  children: Map<string, ModuleValue>;
  /** Parameters registered directly on this module (nn.Parameter attributes); null when one is unknown. */
  ownParams: number | null;
  ownBuffers: number;
  /** Own parameters that are not trainable (requires_grad=False). */
  frozenParams?: number;
  /** The file the module was built in (from/to are offsets there). */
  file?: string;
  line: number;
  from: number;
  to: number;
}

export class InstanceV {
  readonly attrs = new Map<string, Value>();
  constructor(
    readonly cls: ClassV,
    readonly module?: ModuleState,
  ) {}
}

/** An instance of a built-in layer (a framework table entry): the trace does not descend into it. */
export class LayerV {
  constructor(
    readonly className: string,
    readonly rule: LayerRule,
    readonly args: BoundArgs,
    readonly defaultsUsed: string[],
    readonly line: number,
    readonly from: number,
    readonly to: number,
    /** Parameters, or null when an argument they need is unknown (or, for a lazy layer, before its first call). */
    public params: number | null,
    public buffers: number,
    /** Layers nested in this one's arguments (TransformerEncoder's layer), shown as its children. */
    readonly inner: LayerV[] = [],
  ) {}
  /** Parameters this layer shares with another one (`decoder.weight = encoder.weight`): counted once in totals. */
  tiedParams = 0;
  /** Which framework table the layer comes from. */
  framework: LayerFramework = 'pytorch';
  /** Keras/Flax linen layers get their weights at the first call: parameters are known from then on. */
  lazy = false;
  /** Parameters a framework counts as non-trainable (Keras BatchNormalization's moving statistics). */
  nonTrainable = 0;
  /** The model input a Keras layer declares (`input_shape=(28, 28, 1)`), batch first. */
  declaredInput?: Dim[];
  /** A name the framework gives the layer (`conv2d_1`, `Dense_0`), used as its path segment. */
  autoName?: string;
  /** `requires_grad_(False)` or `p.requires_grad = False` on its parameters: not trainable. */
  frozen = false;
  /** The file the layer was built in (its from/to are offsets there). */
  file?: string;
}

export type ModuleValue = InstanceV | LayerV;

export const isModule = (v: Value | undefined): v is ModuleValue => v instanceof LayerV || (v instanceof InstanceV && v.module !== undefined);

export class BoundMethodV {
  constructor(
    readonly self: Value,
    readonly fn: FuncV | BuiltinV,
    /** The class whose MRO the method was found in (for super()). */
    readonly owner?: ClassV,
  ) {}
}

export class PartialV {
  constructor(
    readonly fn: Value,
    readonly args: Value[],
    readonly kw: Map<string, Value>,
  ) {}
}

/** A name inside a library the evaluator knows in part (`torch.nn.Conv2d`, `math.ceil`). */
export class LibV {
  constructor(
    readonly path: string,
    /** A workspace module's namespace (`from .blocks import X`); absent for libraries. */
    readonly ns?: FileNS,
  ) {}
}

/** Thrown by builtins when an argument is unknown or opaque: the call's value becomes that value. */
export class Unavailable extends Error {
  constructor(readonly value: UnknownV | OpaqueV) {
    super('unavailable');
  }
}

export class SuperV {
  constructor(
    readonly cls: ClassV,
    readonly self: Value,
  ) {}
}

export class SliceV {
  constructor(
    readonly start: Value,
    readonly stop: Value,
    readonly step: Value,
  ) {}
}

export class EllipsisV {
  static readonly it = new EllipsisV();
}

/**
 * A module-level `NAME = expr` not evaluated yet: the program index binds the name to its
 * statement, and the value is computed the first time the name is read (a 20,000-line script's
 * assignments cost nothing unless the model uses them).
 */
export class LazyV {
  constructor(readonly statement: SyntaxNode) {}
  evaluating = false;
}
