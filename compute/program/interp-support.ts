/**
 * What the evaluator's layers share: its budget, the control-flow signals, call frames, the side
 * tables it keeps on functions and classes, and how a value is named in messages.
 */
import { BuiltinV, ClassV, DictV, FuncV, InstanceV, LayerV, LibV, ListV, OpaqueV, Scope, type Value } from './objects';
import { SymDim, TensorV, UnknownV } from './values';

export interface Budget {
  /** Statements and expressions evaluated, in all. */
  maxSteps: number;
  /** Nested calls. */
  maxDepth: number;
  /** Iterations of one loop. */
  maxLoop: number;
  /** Wall-clock milliseconds for the whole analysis. */
  maxMs: number;
}

export const DEFAULT_BUDGET: Budget = { maxSteps: 2_000_000, maxDepth: 120, maxLoop: 10_000, maxMs: 3_000 };

export interface Warning {
  message: string;
  line: number;
}

/** Control flow as exceptions (never reach the user). */
export class ReturnSignal {
  constructor(readonly value: Value) {}
}
export class BreakSignal {}
export class ContinueSignal {}
/** Thrown when the call being looked for (the selection) has been evaluated. */
export class CaptureSignal {
  constructor(readonly value: Value) {}
}

export interface Frame {
  fn: FuncV;
  self?: Value;
}

/** Defaults of each function, evaluated when its def ran (as Python does). */
export const fnDefaults = new WeakMap<FuncV, Map<string, Value>>();
/** The class whose body defined each method (for zero-argument super()). */
export const funcOwner = new WeakMap<FuncV, ClassV>();
/** Dataclass fields in order. */
export const dataclassFields = new WeakMap<ClassV, { name: string; default?: Value }[]>();
/** Class bodies: functions defined there close over the enclosing scope instead. */
export const classScopes = new WeakSet<Scope>();

export const closureOf = (scope: Scope): Scope => (classScopes.has(scope) && scope.parent ? closureOf(scope.parent) : scope);

export function findInMro(cls: ClassV, name: string): { value: Value; owner: ClassV } | undefined {
  for (const c of cls.mro()) if (c.attrs.has(name)) return { value: c.attrs.get(name)!, owner: c };
  return undefined;
}

export function describe(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a tuple';
  if (v instanceof ListV) return 'a list';
  if (v instanceof DictV) return 'a dict';
  if (v instanceof TensorV) return `a tensor [${v.shape.join('×')}]`;
  if (v instanceof UnknownV) return `the unknown ${v.name}`;
  if (v instanceof OpaqueV) return `a value not read (${v.reason})`;
  if (v instanceof FuncV) return `the function ${v.qualname}`;
  if (v instanceof BuiltinV) return `${v.name}`;
  if (v instanceof ClassV) return `the class ${v.name}`;
  if (v instanceof InstanceV) return `a ${v.cls.name}`;
  if (v instanceof LayerV) return `a ${v.className}`;
  if (v instanceof LibV) return `\`${v.path}\``;
  if (v instanceof SymDim) return v.expr;
  return 'a value';
}
