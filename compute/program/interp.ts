/**
 * The static evaluator: interprets Python model code over abstract values, never executing it.
 * Numbers, strings, tuples, lists, dicts, functions, classes and instances behave as in Python;
 * tensors are shapes; library calls resolve through the framework tables; anything else becomes
 * an OpaqueV that carries its reason and line. Every run is bounded in steps, depth, loop
 * iterations and time.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { nodeText } from '../python/syntax';
import {
  BoundMethodV,
  BuiltinV,
  ClassV,
  DictV,
  EllipsisV,
  FuncV,
  InstanceV,
  LayerV,
  LazyV,
  LibV,
  ListV,
  OpaqueV,
  PartialV,
  Scope,
  SliceV,
  SuperV,
  Unavailable,
  rootScopeOf,
  type FileNS,
  type Value,
} from './objects';
import { parsePython } from '../python/syntax';
import { BudgetExceeded, NotUnderstood, SymDim, TensorV, UnknownV } from './values';

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
class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}
/** Thrown when the call being looked for (the selection) has been evaluated. */
export class CaptureSignal {
  constructor(readonly value: Value) {}
}

export interface Frame {
  fn: FuncV;
  self?: Value;
}

/** What the library layer (natives.ts) provides to the core. */
export interface Natives {
  builtin(name: string): Value | undefined;
  /** Attribute of a value that is not a plain Python object (tensors, layers, modules, lists, libraries). */
  getAttr(interp: Interp, obj: Value, name: string, line: number): Value | undefined;
  setAttr(interp: Interp, obj: InstanceV, name: string, value: Value, line: number): void;
  /** A base class as written (`nn.Conv2d` in `class StdConv2d(nn.Conv2d)`) as a class the evaluator can subclass. */
  baseClass(v: Value): Value;
  /** `layer.weight = other.weight` (tied weights); false when the assignment is not read. */
  setLayerAttr(interp: Interp, layer: LayerV, name: string, value: Value, line: number): boolean;
  /** Call of a native value (library function, layer class, builtin, native class). */
  call(interp: Interp, fn: Value, args: Value[], kw: Map<string, Value>, line: number, node: SyntaxNode | undefined): Value | undefined;
  binary(interp: Interp, op: string, a: Value, b: Value, line: number): Value | undefined;
  subscript(interp: Interp, obj: Value, index: Value, line: number): Value | undefined;
  setItem(interp: Interp, obj: Value, index: Value, value: Value, line: number): boolean;
  iterate(interp: Interp, v: Value, line: number): Value[] | undefined;
  importModule(interp: Interp, dotted: string, from: FileNS, level: number, line: number): Value;
}

export class Interp {
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

  /** Record the top-level statement holding `node` as used by this run. */
  touch(node: SyntaxNode | undefined, file: FileNS | undefined): void {
    if (!node || !file) return;
    let n: SyntaxNode = node;
    while (n.parent && n.parent.name !== 'Script') n = n.parent;
    this.touched.add(`${file.path}:${n.from}`);
  }

  /** The first module each call expression produced, by `file:from:to`. */
  readonly callResults = new Map<string, Value>();
  /** Called after each assignment statement (the editor's shape hints read forward statements). */
  onAssign?: (statement: SyntaxNode, file: FileNS, value: Value) => void;

  constructor(
    readonly natives: Natives,
    readonly budget: Budget = DEFAULT_BUDGET,
  ) {}

  warn(message: string, line: number): void {
    if (!this.warnings.some((w) => w.message === message && w.line === line)) this.warnings.push({ message, line });
  }

  lineOf(file: FileNS, offset: number): number {
    const starts = file.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  text(node: SyntaxNode): string {
    return nodeText(this.file.text, node);
  }

  line(node: SyntaxNode): number {
    return this.lineOf(this.file, node.from);
  }

  private tick(node: SyntaxNode): void {
    this.steps++;
    if (this.steps > this.budget.maxSteps)
      throw new BudgetExceeded(
        `The analysis stopped after ${this.budget.maxSteps.toLocaleString('en-US')} steps (line ${this.line(node)}); the model may be too large or loop without end.`,
      );
    if ((this.steps & 1023) === 0 && Date.now() - this.started > this.budget.maxMs) {
      throw new BudgetExceeded(`The analysis stopped after ${this.budget.maxMs} ms (line ${this.line(node)}).`);
    }
  }

  // ---- statements ----------------------------------------------------------------------

  /** Run a module's top-level statements; one that is not understood binds its names to opaque values. */
  runFile(file: FileNS, scope: Scope): void {
    const saved = this.file;
    this.file = file;
    try {
      const top = parseTree(file);
      // Names assigned once at module level by a plain `NAME = expr` are evaluated lazily.
      const counts = new Map<string, number>();
      for (let s = top.firstChild; s; s = s.nextSibling) for (const n of assignedNames(this, s)) counts.set(n, (counts.get(n) ?? 0) + 1);
      for (let s = top.firstChild; s; s = s.nextSibling) {
        const single =
          s.name === 'AssignStatement' &&
          s.getChildren('AssignOp').length === 1 &&
          s.firstChild?.name === 'VariableName' &&
          s.firstChild.nextSibling?.name !== ',';
        const name = single ? this.text(s.firstChild!) : undefined;
        if (name && counts.get(name) === 1 && s.getChild('AssignOp')) scope.vars.set(name, new LazyV(s));
        else this.topStatement(s, scope);
      }
    } finally {
      this.file = saved;
    }
  }

  /** A module-level name of a file (another module's `from .blocks import X`), forced if lazy. */
  readGlobal(file: FileNS, name: string, line: number): Value | undefined {
    const v = file.globals.get(name);
    if (!(v instanceof LazyV)) return v;
    return this.force(v, name, file, v.statement, line);
  }

  /** The value of a lazily bound module-level name: its statement runs now, in its file. */
  private force(lazy: LazyV, name: string, file: FileNS, node: SyntaxNode, atLine?: number): Value {
    this.touch(lazy.statement, file);
    if (lazy.evaluating) throw new NotUnderstood(`\`${name}\` is defined in terms of itself`, atLine ?? this.line(node));
    lazy.evaluating = true;
    const saved = this.file;
    this.file = file;
    try {
      this.topStatement(lazy.statement, rootScopeOf.get(file) ?? new Scope(file));
    } finally {
      this.file = saved;
      lazy.evaluating = false;
    }
    const v = file.globals.get(name);
    return v === undefined || v instanceof LazyV
      ? new OpaqueV(`\`${name}\` (line ${this.lineOf(file, lazy.statement.from)})`, this.lineOf(file, lazy.statement.from))
      : v;
  }

  private topStatement(s: SyntaxNode, scope: Scope): void {
    try {
      this.exec(s, scope);
    } catch (e) {
      if (e instanceof NotUnderstood || (e instanceof ComputeError && !(e instanceof BudgetExceeded))) {
        // Module-level code that is not understood (a training loop, a data download) matters only
        // if the model uses what it binds: those names become opaque with the reason.
        for (const name of assignedNames(this, s)) scope.vars.set(name, new OpaqueV(e.message, this.line(s)));
        return;
      }
      if (e instanceof ReturnSignal || e instanceof BreakSignal || e instanceof ContinueSignal) return;
      throw e;
    }
  }

  execBody(body: SyntaxNode | null, scope: Scope): void {
    if (!body) return;
    for (let s = body.firstChild; s; s = s.nextSibling) {
      if (s.name === ':' || s.name === 'Comment') continue;
      this.statementInFunction(s, scope);
    }
  }

  /** A statement in a function body: one that is not understood is named, its targets become opaque, and the body goes on. */
  private statementInFunction(s: SyntaxNode, scope: Scope): void {
    try {
      this.exec(s, scope);
    } catch (e) {
      if (e instanceof NotUnderstood && !(e instanceof BudgetExceeded)) {
        const line = e.line ?? this.line(s);
        this.warn(e.message.replace(/^line \d+: /, ''), line);
        for (const name of assignedNames(this, s)) scope.vars.set(name, new OpaqueV(e.message, line));
        this.forgetWrites(s, scope, `${e.message.replace(/^line \d+: /, '')} (line ${line})`);
        return;
      }
      throw e;
    }
  }

  /**
   * A block that was not run (an `if` whose condition cannot be decided, a loop over something not
   * read) may have assigned names, set `self.` attributes or filled containers: all of them become
   * values not read, so what later code computes from them is flagged instead of silently stale.
   */
  private forgetWrites(block: SyntaxNode, scope: Scope, reason: string): void {
    const line = this.line(block);
    const opaque = (moduleLike: boolean) => {
      const o = new OpaqueV(`set in a block that was not read: ${reason}`, line);
      o.moduleLike = moduleLike;
      return o;
    };
    block.cursor().iterate((ref) => {
      const n = ref.node;
      if (n.name === 'AssignStatement' || n.name === 'UpdateStatement' || n.name === 'ForStatement') {
        for (let c = n.firstChild; c && !['AssignOp', 'UpdateOp', 'in'].includes(c.name); c = c.nextSibling) {
          if (c.name === 'VariableName' && c.from > n.from - 1 && n.name !== 'ForStatement') scope.vars.set(this.text(c), opaque(false));
          if (n.name === 'ForStatement' && c.name === 'VariableName') scope.vars.set(this.text(c), opaque(false));
          if (c.name === 'MemberExpression') {
            const base = c.firstChild;
            const prop = c.getChild('PropertyName');
            if (base?.name === 'VariableName' && prop && this.text(base) === 'self') {
              const self = this.lookupQuiet('self', scope);
              const value = n.lastChild;
              const moduleLike = !!value && value.name === 'CallExpression' && /(^|\.)[A-Z]\w*$/.test(this.text(value.firstChild!));
              if (self instanceof InstanceV) this.natives.setAttr(this, self, this.text(prop), opaque(moduleLike), line);
            } else if (base?.name === 'VariableName') scope.vars.set(this.text(base), opaque(false));
          }
        }
      }
      // lst.append(...), d.update(...): the container changes in an unknown way.
      if (n.name === 'CallExpression' && n.firstChild?.name === 'MemberExpression') {
        const base = n.firstChild.firstChild;
        const prop = n.firstChild.getChild('PropertyName');
        if (
          base?.name === 'VariableName' &&
          prop &&
          /^(append|extend|insert|update|pop|add|setdefault|remove|clear)$/.test(this.text(prop)) &&
          this.text(base) !== 'self'
        ) {
          scope.vars.set(this.text(base), opaque(false));
        }
      }
      return undefined;
    });
  }

  private lookupQuiet(name: string, scope: Scope): Value | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    return undefined;
  }

  exec(s: SyntaxNode, scope: Scope): void {
    this.tick(s);
    switch (s.name) {
      case 'ExpressionStatement':
        if (s.firstChild) this.eval(s.firstChild, scope);
        return;
      case 'AssignStatement':
        return this.assignStatement(s, scope);
      case 'UpdateStatement':
        return this.updateStatement(s, scope);
      case 'IfStatement':
        return this.ifStatement(s, scope);
      case 'ForStatement':
        return this.forStatement(s, scope);
      case 'WhileStatement':
        return this.whileStatement(s, scope);
      case 'ReturnStatement': {
        const values = exprChildren(s);
        throw new ReturnSignal(values.length === 0 ? null : values.length === 1 ? this.eval(values[0], scope) : values.map((v) => this.eval(v, scope)));
      }
      case 'PassStatement':
      case 'Comment':
      case 'DeleteStatement':
      case 'AssertStatement':
        return;
      case 'BreakStatement':
        throw new BreakSignal();
      case 'ContinueStatement':
        throw new ContinueSignal();
      case 'FunctionDefinition':
        return this.defineFunction(s, scope, []);
      case 'ClassDefinition':
        return this.defineClass(s, scope, []);
      case 'DecoratedStatement':
        return this.decorated(s, scope);
      case 'ImportStatement':
        return this.importStatement(s, scope);
      case 'ScopeStatement':
        if (s.firstChild && this.text(s.firstChild) === 'global') for (const n of s.getChildren('VariableName')) scope.globals.add(this.text(n));
        return;
      case 'WithStatement': {
        // `with torch.no_grad():` and friends: the body runs; an `as` name binds the context value.
        let c = s.firstChild?.nextSibling ?? null;
        while (c && c.name !== 'Body') {
          const value = c.name === 'as' || c.name === ',' ? undefined : this.evalQuiet(c, scope);
          if (c.nextSibling?.name === 'as' && c.nextSibling.nextSibling) {
            this.assign(c.nextSibling.nextSibling, value ?? null, scope);
            c = c.nextSibling.nextSibling.nextSibling;
            continue;
          }
          c = c.nextSibling;
        }
        return this.execBody(s.getChild('Body'), scope);
      }
      case 'TryStatement':
        // The code under `try` is what normally runs; handlers are for failures we do not model.
        return this.execBody(s.getChild('Body'), scope);
      case 'RaiseStatement': {
        const what = s.firstChild?.nextSibling;
        throw new ComputeError(`line ${this.line(s)}: with these values the code raises ${what ? this.text(what) : 'an exception'}.`);
      }
      case 'YieldStatement':
        throw new NotUnderstood('generators (yield) are not read', this.line(s));
      default:
        if (s.type.isError || s.name === '⚠') throw new NotUnderstood(`a syntax error here: \`${this.text(s).slice(0, 40)}\``, this.line(s));
        throw new NotUnderstood(`a ${s.name} statement is not read`, this.line(s));
    }
  }

  private evalQuiet(node: SyntaxNode, scope: Scope): Value | undefined {
    try {
      return this.eval(node, scope);
    } catch (e) {
      if (e instanceof NotUnderstood) return undefined;
      throw e;
    }
  }

  private assignStatement(s: SyntaxNode, scope: Scope): void {
    // Groups separated by `=`: every group but the last is a target list; the last is the value.
    const groups: SyntaxNode[][] = [[]];
    for (let c = s.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') groups.push([]);
      else if (c.name !== ',' && c.name !== 'TypeDef') groups[groups.length - 1].push(c);
    }
    if (groups.length === 1) return; // `x: int` declares, assigns nothing
    const valueNodes = groups.pop()!;
    const value = valueNodes.length === 1 && !hasTrailingComma(s) ? this.eval(valueNodes[0], scope) : valueNodes.map((n) => this.eval(n, scope));
    for (const targets of groups) {
      if (targets.length === 1) this.assign(targets[0], value, scope);
      else this.destructure(targets, value, scope, s);
    }
    this.onAssign?.(s, this.file, value);
  }

  private updateStatement(s: SyntaxNode, scope: Scope): void {
    const target = s.firstChild!;
    const op = s.getChild('UpdateOp');
    const valueNode = op?.nextSibling;
    if (!op || !valueNode) throw new NotUnderstood('an incomplete augmented assignment', this.line(s));
    const current = this.eval(target, scope);
    const value = this.eval(valueNode, scope);
    const binop = this.text(op).slice(0, -1);
    // `list += iterable` extends the list in place (the same object), as Python does.
    if (binop === '+' && current instanceof ListV) {
      current.items.push(...this.iterate(value, this.line(s)));
      return;
    }
    const next = this.binary(binop, current, value, this.line(s));
    this.assign(target, next, scope);
    this.onAssign?.(s, this.file, next);
  }

  private ifStatement(s: SyntaxNode, scope: Scope): void {
    // Children: if cond Body (elif cond Body)* (else Body)?
    let c = s.firstChild;
    while (c) {
      if (c.name === 'if' || c.name === 'elif') {
        const cond = c.nextSibling!;
        const body = cond.nextSibling!;
        const v = this.eval(cond, scope);
        const truth = this.truthy(v, this.line(cond), cond);
        if (truth) return this.execBody(body, scope);
        c = body.nextSibling;
      } else if (c.name === 'else') {
        return this.execBody(c.nextSibling, scope);
      } else c = c.nextSibling;
    }
  }

  private forStatement(s: SyntaxNode, scope: Scope): void {
    const inKw = s.getChild('in');
    const body = s.getChild('Body');
    if (!inKw || !body) throw new NotUnderstood('an incomplete for statement', this.line(s));
    const targets: SyntaxNode[] = [];
    for (let c = s.firstChild?.nextSibling ?? null; c && c.from !== inKw.from; c = c.nextSibling) if (c.name !== ',') targets.push(c);
    const iterNodes: SyntaxNode[] = [];
    for (let c = inKw.nextSibling; c && c.from !== body.from; c = c.nextSibling) if (c.name !== ',') iterNodes.push(c);
    const iterable = iterNodes.length === 1 ? this.eval(iterNodes[0], scope) : iterNodes.map((n) => this.eval(n, scope));
    const items = this.iterate(iterable, this.line(s));
    if (items.length > this.budget.maxLoop)
      throw new BudgetExceeded(
        `line ${this.line(s)}: the loop runs ${items.length.toLocaleString('en-US')} times; at most ${this.budget.maxLoop.toLocaleString('en-US')} iterations are followed.`,
      );
    for (const item of items) {
      if (targets.length === 1) this.assign(targets[0], item, scope);
      else this.destructure(targets, item, scope, s);
      if (!this.loopPass(body, scope)) return;
    }
  }

  /** One pass of a loop's body: false when it ran `break`. */
  private loopPass(body: SyntaxNode | null, scope: Scope): boolean {
    try {
      this.execBody(body, scope);
    } catch (e) {
      if (e instanceof BreakSignal) return false;
      if (e instanceof ContinueSignal) return true;
      throw e;
    }
    return true;
  }

  private whileStatement(s: SyntaxNode, scope: Scope): void {
    const cond = s.firstChild!.nextSibling!;
    const body = s.getChild('Body');
    for (let i = 0; ; i++) {
      if (i >= this.budget.maxLoop)
        throw new BudgetExceeded(
          `line ${this.line(s)}: the while loop ran ${this.budget.maxLoop.toLocaleString('en-US')} times without ending; the analysis stopped there.`,
        );
      if (!this.truthy(this.eval(cond, scope), this.line(s), cond)) return;
      if (!this.loopPass(body, scope)) return;
    }
  }

  private decorated(s: SyntaxNode, scope: Scope): void {
    const decorators = s.getChildren('Decorator').map((d) => this.text(d).replace(/^@\s*/, '').trim());
    const def = s.getChild('FunctionDefinition') ?? s.getChild('ClassDefinition');
    if (!def) return;
    if (def.name === 'FunctionDefinition') this.defineFunction(def, scope, decorators);
    else this.defineClass(def, scope, decorators);
  }

  private defineFunction(s: SyntaxNode, scope: Scope, decorators: string[]): void {
    const nameNode = s.getChild('VariableName');
    if (!nameNode) return;
    const name = this.text(nameNode);
    const kind = decorators.includes('staticmethod')
      ? 'staticmethod'
      : decorators.includes('classmethod')
        ? 'classmethod'
        : decorators.some((d) => d === 'property' || d.endsWith('.setter'))
          ? 'property'
          : 'function';
    if (decorators.some((d) => d.endsWith('.setter'))) return; // a property setter does not replace the getter
    const fn = new FuncV(name, s, closureOf(scope), name, kind);
    fnDefaults.set(fn, this.evalDefaults(s.getChild('ParamList'), scope));
    let value: Value = fn;
    for (const d of decorators.filter(
      (d) =>
        !/^(staticmethod|classmethod|property|torch\.no_grad\(\)|torch\.jit\.\w+|nn\.compact|linen\.compact|flax\.linen\.compact|nnx\.jit|override|abstractmethod|.*\.setter)$/.test(
          d,
        ),
    )) {
      if (/^(functools\.)?(lru_cache|cache|wraps)\b/.test(d)) continue;
      value = new OpaqueV(`the decorator @${d} on ${name} is not read`, this.line(s));
    }
    this.bind(name, value, scope);
  }

  private defineClass(s: SyntaxNode, scope: Scope, decorators: string[]): void {
    const nameNode = s.getChild('VariableName');
    if (!nameNode) return;
    const name = this.text(nameNode);
    const bases: Value[] = [];
    const argList = s.getChild('ArgList');
    for (let c = argList?.firstChild ?? null; c; c = c.nextSibling) {
      if (['(', ')', ',', 'Comment'].includes(c.name)) continue;
      if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
        c = c.nextSibling.nextSibling ?? c.nextSibling; // metaclass=... is not read
        continue;
      }
      bases.push(this.natives.baseClass(this.eval(c, scope)));
    }
    const cls = new ClassV(name, bases.length ? bases : [this.natives.builtin('object')!], s, this.file);
    const body = new Scope(this.file, scope);
    classScopes.add(body);
    this.execBody(s.getChild('Body'), body);
    for (const [k, v] of body.vars) {
      cls.attrs.set(k, v);
      if (v instanceof FuncV) funcOwner.set(v, cls);
    }
    // Annotated fields (dataclasses, Flax linen modules), in order.
    dataclassFields.set(cls, this.dataclassFieldsOf(s.getChild('Body'), body));
    if (decorators.some((d) => /^(dataclasses\.)?dataclass\b/.test(d) || /^(flax\.)?struct\.dataclass$/.test(d))) cls.isDataclass = true;
    this.bind(name, cls, scope);
  }

  /** Annotated class-body names in order, with their defaults (dataclasses). */
  private dataclassFieldsOf(body: SyntaxNode | null, scope: Scope): { name: string; default?: Value }[] {
    const out: { name: string; default?: Value }[] = [];
    for (let s = body?.firstChild ?? null; s; s = s.nextSibling) {
      if (s.name !== 'AssignStatement' || !s.getChild('TypeDef')) continue;
      const nameNode = s.firstChild;
      if (nameNode?.name !== 'VariableName') continue;
      const name = this.text(nameNode);
      out.push(s.getChild('AssignOp') ? { name, default: scope.vars.get(name) } : { name });
    }
    return out;
  }

  private importStatement(s: SyntaxNode, scope: Scope): void {
    const line = this.line(s);
    const parts: string[] = [];
    for (let c = s.firstChild; c; c = c.nextSibling) parts.push(c.name === 'VariableName' ? `v:${this.text(c)}` : this.text(c));
    if (parts[0] === 'import') {
      // import a.b.c [as d], e
      let i = 1;
      while (i < parts.length) {
        const dotted: string[] = [];
        while (i < parts.length && parts[i] !== ',' && parts[i] !== 'as') {
          if (parts[i].startsWith('v:')) dotted.push(parts[i].slice(2));
          i++;
        }
        let alias: string | undefined;
        if (parts[i] === 'as') {
          alias = parts[i + 1].slice(2);
          i += 2;
        }
        i++;
        const path = dotted.join('.');
        if (alias) this.bind(alias, this.natives.importModule(this, path, this.file, 0, line), scope);
        else this.bind(dotted[0], this.natives.importModule(this, dotted[0], this.file, 0, line), scope);
      }
      return;
    }
    // from [.]*a.b import x [as y], z  |  from a import *
    let i = 1;
    let level = 0;
    const dotted: string[] = [];
    for (; parts[i] !== 'import' && i < parts.length; i++) {
      if (parts[i] === '.' && dotted.length === 0) level++;
      else if (parts[i] === '...') level += 3;
      else if (parts[i].startsWith('v:')) dotted.push(parts[i].slice(2));
    }
    i++;
    const from = dotted.join('.');
    const mod = this.natives.importModule(this, from, this.file, level, line);
    for (; i < parts.length; i++) {
      if (parts[i] === ',' || parts[i] === '(' || parts[i] === ')') continue;
      if (parts[i] === '*') {
        this.warn(`\`from ${from} import *\` is not read; names it brings are unknown`, line);
        continue;
      }
      const name = parts[i].slice(2);
      let alias = name;
      if (parts[i + 1] === 'as') {
        alias = parts[i + 2].slice(2);
        i += 2;
      }
      let value = this.getAttr(mod, name, line, true);
      if (value === undefined) value = this.natives.importModule(this, from ? `${from}.${name}` : name, this.file, level, line);
      this.bind(alias, value, scope);
    }
  }

  // ---- names and targets -----------------------------------------------------------------

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

  private destructure(targets: SyntaxNode[], value: Value, scope: Scope, at: SyntaxNode): void {
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

  // ---- expressions -------------------------------------------------------------------------

  eval(node: SyntaxNode, scope: Scope): Value {
    this.tick(node);
    switch (node.name) {
      case 'Number':
        return parseNumber(this.text(node), this.line(node));
      case 'String':
        return parseString(this.text(node));
      case 'FormatString':
        return this.formatString(node, scope);
      case 'ContinuedString':
        return node
          .getChildren('String')
          .map((c) => parseString(this.text(c)))
          .join('');
      case 'Boolean':
        return this.text(node) === 'True';
      case 'None':
        return null;
      case 'Ellipsis':
        return EllipsisV.it;
      case 'VariableName':
        return this.lookup(this.text(node), scope, node);
      case 'ParenthesizedExpression': {
        const inner = exprChildren(node);
        if (inner.length === 1 && !hasTrailingComma(node)) return this.eval(inner[0], scope);
        return this.evalItems(inner, scope);
      }
      case 'TupleExpression':
        return this.evalItems(exprChildren(node), scope);
      case 'ArrayExpression':
        return new ListV(this.evalItems(exprChildren(node), scope));
      case 'SetExpression':
        return new ListV(this.evalItems(exprChildren(node), scope));
      case 'DictionaryExpression':
        return this.dictionary(node, scope);
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return new ListV(this.comprehension(node, scope).map((s) => this.eval(s.expr, s.scope)));
      case 'DictionaryComprehensionExpression': {
        const d = new DictV();
        for (const s of this.comprehension(node, scope)) d.set(this.eval(s.expr, s.scope), this.eval(s.value!, s.scope));
        return d;
      }
      case 'MemberExpression':
        return this.member(node, scope);
      case 'CallExpression':
        return this.callExpression(node, scope);
      case 'UnaryExpression':
        return this.unary(node, scope);
      case 'BinaryExpression':
        return this.binaryExpression(node, scope);
      case 'ConditionalExpression': {
        // a if cond else b
        const [a, cond, b] = exprChildren(node);
        return this.truthy(this.eval(cond, scope), this.line(cond), cond) ? this.eval(a, scope) : this.eval(b, scope);
      }
      case 'LambdaExpression': {
        const fn = new FuncV('<lambda>', node, closureOf(scope), '<lambda>');
        fnDefaults.set(fn, this.evalDefaults(node.getChild('ParamList'), scope));
        return fn;
      }
      case 'AwaitExpression':
        throw new NotUnderstood('await is not read', this.line(node));
      default:
        if (node.type.isError || node.name === '⚠') throw new NotUnderstood(`a syntax error here: \`${this.text(node).slice(0, 40)}\``, this.line(node));
        throw new NotUnderstood(`\`${this.text(node).slice(0, 40)}\` (${node.name}) is not read`, this.line(node));
    }
  }

  /** f"layer{i + 1}": each replacement evaluated and written as str() would; format specs are not read. */
  private formatString(node: SyntaxNode, scope: Scope): Value {
    const raw = this.text(node);
    const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(raw)?.[1] ?? '"';
    const opaque = () => new OpaqueV(`the f-string ${raw.slice(0, 40)}`, this.line(node));
    let out = '';
    let at = node.from + (/^[a-zA-Z]*/.exec(raw)?.[0].length ?? 0) + quote.length;
    for (const rep of node.getChildren('FormatReplacement')) {
      out += this.file.text.slice(at, rep.from);
      const expr = rep.firstChild?.nextSibling;
      if (!expr || expr.name === '}' || rep.getChild('FormatSpec') || rep.getChild('FormatConversion')) return opaque();
      const v = this.eval(expr, scope);
      if (typeof v === 'number' || typeof v === 'string') out += String(v);
      else if (typeof v === 'boolean') out += v ? 'True' : 'False';
      else if (v === null) out += 'None';
      else return opaque();
      at = rep.to;
    }
    out += this.file.text.slice(at, node.to - quote.length);
    return out.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  }

  private evalItems(nodes: SyntaxNode[], scope: Scope): Value[] {
    const out: Value[] = [];
    for (const n of nodes) {
      if (n.name === '*') continue;
      const v = this.eval(n, scope);
      if (n.prevSibling?.name === '*') out.push(...this.iterate(v, this.line(n)));
      else out.push(v);
    }
    return out;
  }

  private dictionary(node: SyntaxNode, scope: Scope): DictV {
    const d = new DictV();
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === '{' || c.name === '}' || c.name === ',' || c.name === 'Comment') continue;
      if (c.name === '**') {
        const other = this.eval(c.nextSibling!, scope);
        if (!(other instanceof DictV)) throw new NotUnderstood(`\`**${this.text(c.nextSibling!)}\` is not a known dict`, this.line(c));
        for (const e of other.entries.values()) d.set(e.key, e.value);
        c = c.nextSibling!;
        continue;
      }
      const colon = c.nextSibling;
      const value = colon?.nextSibling;
      if (colon?.name !== ':' || !value) throw new NotUnderstood('a dict entry is not read', this.line(c));
      d.set(this.eval(c, scope), this.eval(value, scope));
      c = value;
    }
    return d;
  }

  /** The bindings a comprehension iterates over: one scope per produced element. */
  private comprehension(node: SyntaxNode, scope: Scope): { expr: SyntaxNode; value?: SyntaxNode; scope: Scope }[] {
    const kids = exprChildren(node, true);
    const forAt = kids.findIndex((k) => k.name === 'for');
    const head = kids.slice(0, forAt).filter((k) => k.name !== ':');
    const clauses = kids.slice(forAt);
    const out: { expr: SyntaxNode; value?: SyntaxNode; scope: Scope }[] = [];
    const walk = (i: number, s: Scope) => {
      if (i >= clauses.length) {
        out.push({ expr: head[0], value: head[1], scope: s });
        if (out.length > this.budget.maxLoop)
          throw new BudgetExceeded(`line ${this.line(node)}: the comprehension makes more than ${this.budget.maxLoop.toLocaleString('en-US')} elements.`);
        return;
      }
      const k = clauses[i];
      if (k.name === 'for') {
        const targets: SyntaxNode[] = [];
        let j = i + 1;
        for (; clauses[j] && clauses[j].name !== 'in'; j++) if (clauses[j].name !== ',') targets.push(clauses[j]);
        const iterNode = clauses[j + 1];
        const items = this.iterate(this.eval(iterNode, s), this.line(iterNode));
        for (const item of items) {
          const inner = new Scope(s.file, s);
          if (targets.length === 1) this.assign(targets[0], item, inner);
          else this.destructure(targets, item, inner, k);
          walk(j + 2, inner);
        }
      } else if (k.name === 'if') {
        const cond = clauses[i + 1];
        if (this.truthy(this.eval(cond, s), this.line(cond), cond)) walk(i + 2, s);
      } else walk(i + 1, s);
    };
    walk(0, scope);
    return out;
  }

  private member(node: SyntaxNode, scope: Scope): Value {
    // lezer reads the float `64.` as a member access with a missing name.
    if (node.firstChild?.name === 'Number' && /^\d+\.$/.test(this.text(node))) return Number(this.text(node).slice(0, -1));
    const obj = this.eval(node.firstChild!, scope);
    const prop = node.getChild('PropertyName');
    const line = this.line(node);
    if (prop) return this.getAttr(obj, this.text(prop), line)!;
    const index = this.subscriptIndex(node, scope);
    return this.subscript(obj, index, line, node);
  }

  /** The index of `x[...]`: one value, a slice, or a tuple of them. */
  private subscriptIndex(node: SyntaxNode, scope: Scope): Value {
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

  private bindMember(value: Value, self: Value, owner: ClassV, line: number): Value {
    if (value instanceof FuncV) {
      if (value.kind === 'staticmethod') return value;
      if (value.kind === 'classmethod') return new BoundMethodV(self instanceof InstanceV ? self.cls : self, value, owner);
      if (value.kind === 'property') return this.callFunction(value, [self], new Map(), line, self);
      return new BoundMethodV(self, value, owner);
    }
    return value;
  }

  private callExpression(node: SyntaxNode, scope: Scope): Value {
    const calleeNode = node.firstChild!;
    const argList = node.getChild('ArgList');
    const line = this.line(node);
    const fn = this.eval(calleeNode, scope);
    const args: Value[] = [];
    const kw = new Map<string, Value>();
    // A generator expression as the only argument: sum(x for x in xs).
    if (argList?.getChild('for')) args.push(new ListV(this.comprehension(argList, scope).map((s) => this.eval(s.expr, s.scope))));
    else
      for (let c = argList?.firstChild ?? null; c; c = c.nextSibling) {
        if (c.name === '(' || c.name === ')' || c.name === ',' || c.name === 'Comment') continue;
        if (c.name === '*') {
          c = c.nextSibling!;
          args.push(...this.iterate(this.eval(c, scope), line));
          continue;
        }
        if (c.name === '**') {
          c = c.nextSibling!;
          const d = this.eval(c, scope);
          if (d instanceof DictV) for (const e of d.entries.values()) kw.set(String(e.key), e.value);
          else if (d instanceof OpaqueV || d instanceof UnknownV) kw.set('**', d);
          else throw new NotUnderstood(`\`**${this.text(c)}\` is not a known dict`, line);
          continue;
        }
        if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
          const value = c.nextSibling.nextSibling!;
          kw.set(this.text(c), this.eval(value, scope));
          c = value;
          continue;
        }
        args.push(this.eval(c, scope));
      }
    const result = this.call(fn, args, kw, line, node);
    if (this.capture && this.capture.file === this.file.path && this.capture.from === node.from && this.capture.to === node.to) throw new CaptureSignal(result);
    // The first module each call in the code produced (a helper such as conv3x3(...) selected in a block).
    if (result !== null && typeof result === 'object' && (result instanceof LayerV || (result instanceof InstanceV && result.module))) {
      const key = `${this.file.path}:${node.from}:${node.to}`;
      if (!this.callResults.has(key)) this.callResults.set(key, result);
    }
    return result;
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

  private evalDefaults(params: SyntaxNode | null, scope: Scope): Map<string, Value> {
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

  private unary(node: SyntaxNode, scope: Scope): Value {
    const op = this.text(node.firstChild!);
    const v = this.eval(node.lastChild!, scope);
    const line = this.line(node);
    if (op === 'not') {
      if (v instanceof OpaqueV || v instanceof UnknownV) return v;
      return !this.truthy(v, line, node);
    }
    if (typeof v === 'number') return op === '-' ? -v : op === '~' ? ~v : v;
    if (typeof v === 'boolean') return op === '-' ? -Number(v) : Number(v);
    if (v instanceof SymDim) return op === '-' ? new SymDim(`-${v.expr}`) : v;
    if (v instanceof OpaqueV || v instanceof UnknownV || v instanceof TensorV) return op === '-' && v instanceof TensorV ? v : v;
    throw new NotUnderstood(`\`${this.text(node)}\` is not read`, line);
  }

  private binaryExpression(node: SyntaxNode, scope: Scope): Value {
    const left = node.firstChild!;
    const right = node.lastChild!;
    const opNodes: string[] = [];
    for (let c = left.nextSibling; c && c.from !== right.from; c = c.nextSibling) opNodes.push(this.text(c));
    const op = opNodes.join(' ').replace(/\s+/g, ' ');
    const line = this.line(node);
    if (op === 'and' || op === 'or') {
      const a = this.eval(left, scope);
      if (a instanceof OpaqueV || a instanceof UnknownV) return a;
      const t = this.truthy(a, line, left);
      if (op === 'and') return t ? this.eval(right, scope) : a;
      return t ? a : this.eval(right, scope);
    }
    return this.binary(op, this.eval(left, scope), this.eval(right, scope), line);
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
}

// ---- helpers ---------------------------------------------------------------------------------

/** Defaults of each function, evaluated when its def ran (as Python does). */
const fnDefaults = new WeakMap<FuncV, Map<string, Value>>();
/** The class whose body defined each method (for zero-argument super()). */
export const funcOwner = new WeakMap<FuncV, ClassV>();
/** Dataclass fields in order. */
export const dataclassFields = new WeakMap<ClassV, { name: string; default?: Value }[]>();
/** Class bodies: functions defined there close over the enclosing scope instead. */
const classScopes = new WeakSet<Scope>();

const closureOf = (scope: Scope): Scope => (classScopes.has(scope) && scope.parent ? closureOf(scope.parent) : scope);

function findInMro(cls: ClassV, name: string): { value: Value; owner: ClassV } | undefined {
  for (const c of cls.mro()) if (c.attrs.has(name)) return { value: c.attrs.get(name)!, owner: c };
  return undefined;
}

export interface ParamSpec {
  name: string;
  kind: 'normal' | 'varargs' | 'kwargs' | 'kwonly';
  default?: SyntaxNode;
}

export function paramSpecs(interp: Interp, params: SyntaxNode | null, file?: FileNS): ParamSpec[] {
  const out: ParamSpec[] = [];
  const text = (n: SyntaxNode) => nodeText((file ?? interp.file).text, n);
  let star: 'varargs' | 'kwargs' | undefined;
  let kwOnly = false;
  for (let c = params?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === '*') {
      star = 'varargs';
      kwOnly = true;
      continue;
    }
    if (c.name === '**') {
      star = 'kwargs';
      continue;
    }
    if (c.name === ',') {
      star = undefined;
      continue;
    }
    if (c.name === 'VariableName') {
      const spec: ParamSpec = { name: text(c), kind: star ?? (kwOnly ? 'kwonly' : 'normal') };
      let n = c.nextSibling;
      if (n?.name === 'TypeDef') n = n.nextSibling;
      if (n?.name === 'AssignOp' && n.nextSibling) {
        spec.default = n.nextSibling;
        c = n.nextSibling;
      }
      out.push(spec);
      star = undefined;
    }
  }
  return out;
}

/** The expression children of a bracketed node (no brackets, commas or keywords). */
function exprChildren(node: SyntaxNode, keepKeywords = false): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (['(', ')', '[', ']', '{', '}', ',', 'Comment'].includes(c.name)) continue;
    if (!keepKeywords && (c.name === 'return' || c.name === 'if' || c.name === 'else' || c.name === 'lambda')) continue;
    out.push(c);
  }
  if (node.name === 'ReturnStatement') return out.filter((c) => c.name !== 'return');
  return out;
}

function hasTrailingComma(node: SyntaxNode): boolean {
  let last = node.lastChild;
  if (last && (last.name === ')' || last.name === ']')) last = last.prevSibling;
  return last?.name === ',';
}

function parseNumber(raw: string, line: number): number {
  const clean = raw.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) throw new NotUnderstood(`the complex number ${raw} is not read`, line);
  const v = /^0[xob]/i.test(clean) ? Number(clean) : Number(clean.replace(/[lL]$/, ''));
  if (Number.isNaN(v)) throw new NotUnderstood(`the number ${raw} is not read`, line);
  return v;
}

function parseString(raw: string): string {
  const m = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(raw);
  if (!m) return raw;
  const body = m[3];
  if (/r/i.test(m[1])) return body;
  return body.replace(/\\(n|t|\\|'|")/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' })[c] ?? c);
}

/** Names a statement binds (for marking them opaque when it is not understood). */
function assignedNames(interp: Interp, s: SyntaxNode): string[] {
  const out: string[] = [];
  if (s.name === 'AssignStatement' || s.name === 'UpdateStatement' || s.name === 'ForStatement') {
    for (let c = s.firstChild; c && c.name !== 'AssignOp' && c.name !== 'UpdateOp' && c.name !== 'in'; c = c.nextSibling) {
      if (c.name === 'VariableName') out.push(interp.text(c));
      if (c.name === 'TupleExpression' || c.name === 'ParenthesizedExpression') for (const v of c.getChildren('VariableName')) out.push(interp.text(v));
    }
  }
  if (s.name === 'FunctionDefinition' || s.name === 'ClassDefinition') {
    const n = s.getChild('VariableName');
    if (n) out.push(interp.text(n));
  }
  if (s.name === 'ImportStatement') for (const v of s.getChildren('VariableName')) out.push(interp.text(v));
  return out;
}

const trees = new WeakMap<FileNS, SyntaxNode>();
export function parseTree(file: FileNS): SyntaxNode {
  let t = trees.get(file);
  if (!t) {
    t = parsePython(file.text).topNode;
    trees.set(file, t);
  }
  return t;
}
export function setTree(file: FileNS, top: SyntaxNode): void {
  trees.set(file, top);
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
