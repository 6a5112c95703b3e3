/**
 * The evaluator's core: its state (budget, warnings, unknowns, frames), names and assignment
 * targets, attributes and subscripts, calls (functions, classes, natives) with their parameters,
 * and the Python meaning of operators, truth and iteration. Expressions (interp-expressions.ts)
 * and statements (interp.ts) build on it.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { nodeText } from '../python/syntax';
import { lineAt } from '../text';
import { DEFAULT_BUDGET, ReturnSignal, describe, findInMro, fnDefaults, funcOwner, type Budget, type Frame, type Warning } from './interp-support';
import { exprChildren, hasTrailingComma, paramSpecs } from './interp-syntax';
import {
  BoundMethodV,
  ClassV,
  DictV,
  FuncV,
  InstanceV,
  LayerV,
  LazyV,
  ListV,
  OpaqueV,
  PartialV,
  Scope,
  SliceV,
  SuperV,
  Unavailable,
  type FileNS,
  type Value,
} from './objects';
import { BudgetExceeded, NotUnderstood, SymDim, TensorV, UnknownV } from './values';

/** What the library layer (natives.ts) provides to the core. */
export interface Natives {
  builtin(name: string): Value | undefined;
  /** Attribute of a value that is not a plain Python object (tensors, layers, modules, lists, libraries). */
  getAttr(interp: InterpCore, obj: Value, name: string, line: number): Value | undefined;
  setAttr(interp: InterpCore, obj: InstanceV, name: string, value: Value, line: number): void;
  /** A base class as written (`nn.Conv2d` in `class StdConv2d(nn.Conv2d)`) as a class the evaluator can subclass. */
  baseClass(v: Value): Value;
  /** `layer.weight = other.weight` (tied weights); false when the assignment is not read. */
  setLayerAttr(interp: InterpCore, layer: LayerV, name: string, value: Value, line: number): boolean;
  /** Call of a native value (library function, layer class, builtin, native class). */
  call(interp: InterpCore, fn: Value, args: Value[], kw: Map<string, Value>, line: number, node: SyntaxNode | undefined): Value | undefined;
  binary(interp: InterpCore, op: string, a: Value, b: Value, line: number): Value | undefined;
  subscript(interp: InterpCore, obj: Value, index: Value, line: number): Value | undefined;
  setItem(interp: InterpCore, obj: Value, index: Value, value: Value, line: number): boolean;
  iterate(interp: InterpCore, v: Value, line: number): Value[] | undefined;
  importModule(interp: InterpCore, dotted: string, from: FileNS, level: number, line: number): Value;
}

export abstract class InterpCore {
  steps = 0;
  depth = 0;
  readonly started = Date.now();
  readonly warnings: Warning[] = [];
  /** Unknown values by name: parameters no call site binds. */
  readonly unknowns = new Map<string, UnknownV>();
  /** Values the user gave for unknowns (`--set name=value`). */
  readonly given = new Map<string, Value>();
  /** The given names some unknown took. */
  readonly usedGiven = new Set<string>();
  readonly frames: Frame[] = [];
  /** When set, evaluating the call at this node throws CaptureSignal with its value. */
  capture?: { file: string; from: number; to: number };
  /** Current file and line, for messages. */
  file!: FileNS;
  /** Top-level statements (`file:from`) whose code this run executed or read: defs called, classes used, lazy globals. */
  readonly touched = new Set<string>();

  /** The first module each call expression produced, by `file:from:to`. */
  readonly callResults = new Map<string, Value>();
  /** Called after each assignment statement (the editor's shape hints read forward statements). */
  onAssign?: (statement: SyntaxNode, file: FileNS, value: Value) => void;

  constructor(
    readonly natives: Natives,
    readonly budget: Budget = DEFAULT_BUDGET,
  ) {}

  /** Record the top-level statement holding `node` as used by this run. */
  touch(node: SyntaxNode | undefined, file: FileNS | undefined): void {
    if (!node || !file) return;
    let n: SyntaxNode = node;
    while (n.parent && n.parent.name !== 'Script') n = n.parent;
    this.touched.add(`${file.path}:${n.from}`);
  }

  warn(message: string, line: number): void {
    if (!this.warnings.some((w) => w.message === message && w.line === line)) this.warnings.push({ message, line });
  }

  lineOf(file: FileNS, offset: number): number {
    return lineAt(file.lineStarts, offset);
  }

  text(node: SyntaxNode): string {
    return nodeText(this.file.text, node);
  }

  line(node: SyntaxNode): number {
    return this.lineOf(this.file, node.from);
  }

  protected tick(node: SyntaxNode): void {
    this.steps++;
    if (this.steps > this.budget.maxSteps)
      throw new BudgetExceeded(
        `The analysis stopped after ${this.budget.maxSteps.toLocaleString('en-US')} steps (line ${this.line(node)}); the model may be too large or loop without end.`,
      );
    if ((this.steps & 1023) === 0 && Date.now() - this.started > this.budget.maxMs) {
      throw new BudgetExceeded(`The analysis stopped after ${this.budget.maxMs} ms (line ${this.line(node)}).`);
    }
  }

  protected lookupQuiet(name: string, scope: Scope): Value | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    return undefined;
  }

  bind(name: string, value: Value, scope: Scope): void {
    if (scope.globals.has(name)) this.file.globals.set(name, value);
    else scope.vars.set(name, value);
  }

  lookup(name: string, scope: Scope, node: SyntaxNode): Value {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.globals.has(name)) break;
      if (s.vars.has(name)) {
        const v = s.vars.get(name)!;
        return v instanceof LazyV ? this.force(v, name, s.file, node) : v;
      }
    }
    const file = scope.file;
    if (file.globals.has(name)) {
      const v = file.globals.get(name)!;
      return v instanceof LazyV ? this.force(v, name, file, node) : v;
    }
    const b = this.natives.builtin(name);
    if (b !== undefined) return b;
    throw new NotUnderstood(`\`${name}\` is not defined in this file (nor imported)`, this.line(node));
  }

  assign(target: SyntaxNode, value: Value, scope: Scope): void {
    switch (target.name) {
      case 'VariableName':
        return this.bind(this.text(target), value, scope);
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression': {
        const items = exprChildren(target);
        if (target.name === 'ParenthesizedExpression' && items.length === 1 && !hasTrailingComma(target)) return this.assign(items[0], value, scope);
        return this.destructure(items, value, scope, target);
      }
      case 'MemberExpression': {
        const obj = this.eval(target.firstChild!, scope);
        const prop = target.getChild('PropertyName');
        if (prop) return this.setAttr(obj, this.text(prop), value, this.line(target));
        const index = this.subscriptIndex(target, scope);
        if (this.natives.setItem(this, obj, index, value, this.line(target))) return;
        if (obj instanceof OpaqueV || obj instanceof UnknownV) return;
        throw new NotUnderstood(`assigning to \`${this.text(target)}\` is not read`, this.line(target));
      }
      default:
        throw new NotUnderstood(`assigning to \`${this.text(target)}\` is not read`, this.line(target));
    }
  }

  protected destructure(targets: SyntaxNode[], value: Value, scope: Scope, at: SyntaxNode): void {
    if (value instanceof OpaqueV || value instanceof UnknownV) {
      for (const t of targets) this.assign(t.name === '*' ? t.nextSibling! : t, value, scope);
      return;
    }
    const items = this.iterate(value, this.line(at));
    const star = targets.findIndex((t) => t.name === '*' || this.text(t).startsWith('*'));
    if (star < 0) {
      if (items.length !== targets.length) throw new ComputeError(`line ${this.line(at)}: cannot unpack ${items.length} values into ${targets.length} names.`);
      targets.forEach((t, i) => this.assign(t, items[i], scope));
      return;
    }
    throw new NotUnderstood('starred unpacking in an assignment is not read', this.line(at));
  }

  setAttr(obj: Value, name: string, value: Value, line: number): void {
    if (obj instanceof InstanceV) return this.natives.setAttr(this, obj, name, value, line);
    if (obj instanceof LayerV && this.natives.setLayerAttr(this, obj, name, value, line)) return;
    if (obj instanceof ClassV) {
      obj.attrs.set(name, value);
      return;
    }
    if (obj instanceof OpaqueV || obj instanceof UnknownV) return;
    throw new NotUnderstood(`setting .${name} on ${describe(obj)} is not read`, line);
  }

  /** The index of `x[...]`: one value, a slice, or a tuple of them. */
  protected subscriptIndex(node: SyntaxNode, scope: Scope): Value {
    const open = node.getChild('[');
    const items: Value[] = [];
    let current: (SyntaxNode | ':')[] = [];
    const flush = () => {
      if (current.length === 0) return;
      if (current.includes(':')) {
        const parts: (SyntaxNode | undefined)[] = [undefined];
        for (const p of current) {
          if (p === ':') parts.push(undefined);
          else parts[parts.length - 1] = p;
        }
        const v = (n: SyntaxNode | undefined) => (n ? this.eval(n, scope) : null);
        items.push(new SliceV(v(parts[0]), v(parts[1]), v(parts[2])));
      } else items.push(this.eval(current[0] as SyntaxNode, scope));
      current = [];
    };
    let commas = 0;
    for (let c = open?.nextSibling ?? null; c && c.name !== ']'; c = c.nextSibling) {
      if (c.name === ',') {
        commas++;
        flush();
      } else current.push(c.name === ':' ? ':' : c);
    }
    flush();
    return items.length === 1 && commas === 0 ? items[0] : items;
  }

  subscript(obj: Value, index: Value, line: number, node?: SyntaxNode): Value {
    if (obj instanceof OpaqueV || obj instanceof UnknownV) return obj;
    const r = this.natives.subscript(this, obj, index, line);
    if (r !== undefined) return r;
    if (obj instanceof InstanceV) {
      const getitem = obj.cls.lookup('__getitem__');
      if (getitem instanceof FuncV) return this.callFunction(getitem, [obj, index], new Map(), line, obj);
    }
    throw new NotUnderstood(`indexing ${node ? `\`${this.text(node).slice(0, 40)}\`` : describe(obj)} is not read`, line);
  }

  getAttr(obj: Value, name: string, line: number, quiet = false): Value | undefined {
    if (obj instanceof OpaqueV) {
      if (!obj.path) return obj;
      const member = new OpaqueV(obj.reason, obj.line);
      member.path = `${obj.path}.${name}`;
      return member;
    }
    if (obj instanceof UnknownV) return new UnknownV(`${obj.name}.${name}`, obj.where, obj.line);
    if (obj instanceof InstanceV) {
      if (obj.attrs.has(name)) return obj.attrs.get(name)!;
      const found = findInMro(obj.cls, name);
      if (found) {
        this.touch(found.owner.node, found.owner.file);
        return this.bindMember(found.value, obj, found.owner, line);
      }
    }
    if (obj instanceof ClassV) {
      this.touch(obj.node, obj.file);
      if (name === '__name__') return obj.name;
      const found = findInMro(obj, name);
      if (found) {
        this.touch(found.owner.node, found.owner.file);
        if (found.value instanceof FuncV && found.value.kind === 'classmethod') return new BoundMethodV(obj, found.value, found.owner);
        return found.value;
      }
    }
    if (obj instanceof SuperV) {
      const mro = (obj.self instanceof InstanceV ? obj.self.cls : obj.cls).mro();
      const after = mro.slice(mro.indexOf(obj.cls) + 1);
      for (const c of after) {
        if (c.attrs.has(name)) return this.bindMember(c.attrs.get(name)!, obj.self, c, line);
      }
      const native = this.natives.getAttr(this, obj, name, line);
      if (native !== undefined) return native;
    }
    const native = this.natives.getAttr(this, obj, name, line);
    if (native !== undefined) return native;
    if (quiet) return undefined;
    throw new NotUnderstood(`${describe(obj)} has no attribute \`${name}\` that ML Lens reads`, line);
  }

  protected bindMember(value: Value, self: Value, owner: ClassV, line: number): Value {
    if (value instanceof FuncV) {
      if (value.kind === 'staticmethod') return value;
      if (value.kind === 'classmethod') return new BoundMethodV(self instanceof InstanceV ? self.cls : self, value, owner);
      if (value.kind === 'property') return this.callFunction(value, [self], new Map(), line, self);
      return new BoundMethodV(self, value, owner);
    }
    return value;
  }

  /** Call any value with evaluated arguments. */
  call(fn: Value, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value {
    if (fn instanceof OpaqueV || fn instanceof UnknownV) {
      // Calling something not read on a tensor loses the trace from here on: say so, here.
      if ([...args, ...kw.values()].some((a) => a instanceof TensorV)) {
        const why = fn instanceof OpaqueV ? fn.reason.replace(/^line \d+: /, '') : `it is the unknown ${fn.name}`;
        this.warn(`a call on a tensor is not read (${why}); its output and what follows are not traced`, line);
        return new OpaqueV(`the output of a call that is not read (line ${line})`, line);
      }
      if (fn instanceof OpaqueV && fn.path) {
        // `thirdparty.Block(64)`: a class-like name from a module not read may build a module.
        const made = new OpaqueV(`\`${fn.path}(…)\` (from ${fn.reason.replace(/^line \d+: /, '')})`, line);
        made.moduleLike = /(^|\.)[A-Z]\w*$/.test(fn.path);
        return made;
      }
      return fn instanceof OpaqueV ? fn : new UnknownV(`${fn.name}(…)`, fn.where, fn.line);
    }
    if (fn instanceof FuncV) return this.callFunction(fn, args, kw, line);
    if (fn instanceof BoundMethodV) {
      if (fn.fn instanceof FuncV) return this.callFunction(fn.fn, [fn.self, ...args], kw, line, fn.self);
      try {
        return fn.fn.call(args, kw, line);
      } catch (e) {
        if (e instanceof Unavailable) return e.value;
        throw e;
      }
    }
    if (fn instanceof PartialV) {
      const merged = new Map(fn.kw);
      for (const [k, v] of kw) merged.set(k, v);
      return this.call(fn.fn, [...fn.args, ...args], merged, line, node);
    }
    if (fn instanceof ClassV && !fn.native) {
      this.touch(fn.node, fn.file);
      return this.instantiate(fn, args, kw, line, node);
    }
    if (fn instanceof InstanceV) {
      const native = this.natives.call(this, fn, args, kw, line, node);
      if (native !== undefined) return native;
      const callMethod = fn.cls.lookup('__call__');
      if (callMethod instanceof FuncV) return this.callFunction(callMethod, [fn, ...args], kw, line, fn);
    }
    let native: Value | undefined;
    try {
      native = this.natives.call(this, fn, args, kw, line, node);
    } catch (e) {
      // A builtin or library function given an unknown or opaque argument: its value is that.
      if (e instanceof Unavailable) return e.value;
      throw e;
    }
    if (native !== undefined) return native;
    throw new NotUnderstood(`calling ${describe(fn)} is not read`, line);
  }

  /** `Cls(...)`: a new instance (a module when the class derives from nn.Module) and its __init__. */
  instantiate(cls: ClassV, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value {
    const native = this.natives.call(this, cls, args, kw, line, node);
    if (native !== undefined) return native;
    throw new NotUnderstood(`instantiating ${cls.name} is not read`, line);
  }

  callFunction(fn: FuncV, args: Value[], kw: Map<string, Value>, line: number, self?: Value): Value {
    this.touch(fn.node, fn.closure.file);
    if (this.depth >= this.budget.maxDepth)
      throw new BudgetExceeded(`line ${line}: calls nest more than ${this.budget.maxDepth} deep (recursion?); the analysis stopped there.`);
    const scope = new Scope(fn.closure.file, fn.closure);
    this.bindParameters(fn, args, kw, scope, line);
    const savedFile = this.file;
    this.file = fn.closure.file;
    this.depth++;
    this.frames.push({ fn, self });
    try {
      if (fn.node.name === 'LambdaExpression') return this.eval(fn.node.lastChild!, scope);
      this.execBody(fn.node.getChild('Body'), scope);
      return null;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
      this.file = savedFile;
    }
  }

  protected evalDefaults(params: SyntaxNode | null, scope: Scope): Map<string, Value> {
    const out = new Map<string, Value>();
    for (const p of paramSpecs(this, params)) if (p.default) out.set(p.name, this.eval(p.default, scope));
    return out;
  }

  private bindParameters(fn: FuncV, args: Value[], kw: Map<string, Value>, scope: Scope, line: number): void {
    const specs = paramSpecs(this, fn.node.getChild('ParamList'), fn.closure.file);
    const defaults = fnDefaults.get(fn) ?? new Map<string, Value>();
    const rest = [...args];
    const extraKw = new Map(kw);
    const opaqueKw = extraKw.get('**');
    extraKw.delete('**');
    for (const p of specs) {
      if (p.kind === 'varargs') {
        scope.vars.set(p.name, rest.splice(0));
        continue;
      }
      if (p.kind === 'kwargs') {
        const d = new DictV();
        for (const [k, v] of extraKw) d.set(k, v);
        extraKw.clear();
        scope.vars.set(p.name, d);
        continue;
      }
      if (p.kind === 'normal' && rest.length) {
        scope.vars.set(p.name, rest.shift()!);
        if (extraKw.has(p.name)) throw new ComputeError(`line ${line}: ${fn.qualname}() got multiple values for argument '${p.name}'.`);
        continue;
      }
      if (extraKw.has(p.name)) {
        scope.vars.set(p.name, extraKw.get(p.name)!);
        extraKw.delete(p.name);
        continue;
      }
      if (defaults.has(p.name)) {
        scope.vars.set(p.name, defaults.get(p.name)!);
        continue;
      }
      if (opaqueKw) {
        scope.vars.set(p.name, opaqueKw);
        continue;
      }
      scope.vars.set(p.name, this.unknownParameter(fn, p.name));
    }
    if (rest.length)
      throw new ComputeError(
        `line ${line}: ${fn.qualname}() takes ${specs.filter((p) => p.kind === 'normal').length} positional arguments but ${args.length} were given.`,
      );
    if (extraKw.size) throw new ComputeError(`line ${line}: ${fn.qualname}() got an unexpected keyword argument '${[...extraKw.keys()][0]}'.`);
  }

  /** A parameter no call binds: the value the user gave for it, or a named unknown. */
  unknownParameter(fn: FuncV, name: string): Value {
    const owner = funcOwner.get(fn);
    const where = `parameter of ${owner ? `${owner.name}.` : ''}${fn.name}`;
    if (this.given.has(name)) {
      this.usedGiven.add(name);
      return this.given.get(name)!;
    }
    const line = this.lineOf(fn.closure.file, fn.node.from);
    const u = new UnknownV(name, where, line);
    if (!this.unknowns.has(name)) this.unknowns.set(name, u);
    return u;
  }

  binary(op: string, a: Value, b: Value, line: number): Value {
    if (op === 'is') return a === b || (a === null && b === null);
    if (op === 'is not') return !(a === b || (a === null && b === null));
    const native = this.natives.binary(this, op, a, b, line);
    if (native !== undefined) return native;
    if (a instanceof OpaqueV) return a;
    if (b instanceof OpaqueV) return b;
    if (a instanceof UnknownV) return a;
    if (b instanceof UnknownV) return b;
    throw new NotUnderstood(`${describe(a)} ${op} ${describe(b)} is not read`, line);
  }

  truthy(v: Value, line: number, node?: SyntaxNode): boolean {
    if (v === null || v === false || v === 0 || v === '') return false;
    if (v === true || typeof v === 'number' || typeof v === 'string') return true;
    if (Array.isArray(v)) return v.length > 0;
    if (v instanceof ListV) return v.items.length > 0;
    if (v instanceof DictV) return v.entries.size > 0;
    if (v instanceof UnknownV || v instanceof OpaqueV || v instanceof TensorV || v instanceof SymDim) {
      const what = node ? `\`${this.text(node).slice(0, 50)}\`` : 'a condition';
      const why =
        v instanceof UnknownV
          ? `it depends on the unknown ${v.name}`
          : v instanceof OpaqueV
            ? `it depends on something not read (${v.reason})`
            : 'it depends on tensor values';
      throw new NotUnderstood(`the condition ${what} cannot be decided statically: ${why}`, line);
    }
    return true;
  }

  iterate(v: Value, line: number): Value[] {
    if (Array.isArray(v)) return [...v];
    if (v instanceof ListV) return [...v.items];
    if (v instanceof DictV) return [...v.entries.values()].map((e) => e.key);
    if (typeof v === 'string') return [...v];
    const native = this.natives.iterate(this, v, line);
    if (native) return native;
    if (v instanceof UnknownV) throw new NotUnderstood(`iterating over ${v.name} cannot be followed: it is unknown (${v.where})`, line);
    if (v instanceof OpaqueV) throw new NotUnderstood(`iterating over something not read (${v.reason})`, line);
    throw new NotUnderstood(`iterating over ${describe(v)} is not read`, line);
  }

  /** Evaluate an expression (interp-expressions.ts). */
  abstract eval(node: SyntaxNode, scope: Scope): Value;
  /** Run a block's statements (interp.ts). */
  abstract execBody(body: SyntaxNode | null, scope: Scope): void;
  /** A module-level name of a file, forced if lazy (interp.ts). */
  abstract readGlobal(file: FileNS, name: string, line: number): Value | undefined;
  /** The value of a lazily bound module-level name (interp.ts). */
  protected abstract force(lazy: LazyV, name: string, file: FileNS, node: SyntaxNode, atLine?: number): Value;
}
