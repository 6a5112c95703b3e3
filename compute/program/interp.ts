/**
 * The static evaluator: interprets Python model code over abstract values, never executing it.
 * Numbers, strings, tuples, lists, dicts, functions, classes and instances behave as in Python;
 * tensors are shapes; library calls resolve through the framework tables; anything else becomes
 * an OpaqueV that carries its reason and line. Every run is bounded in steps, depth, loop
 * iterations and time.
 *
 * Three layers, one file each: interp-core.ts (state, names, calls, operators), on it
 * interp-expressions.ts, and on that this file, the statements. interp-support.ts and
 * interp-syntax.ts hold what they share; natives.ts what the evaluator knows without source.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { InterpExpressions } from './interp-expressions';
import { BreakSignal, ContinueSignal, ReturnSignal, classScopes, closureOf, dataclassFields, fnDefaults, funcOwner } from './interp-support';
import { assignedNames, exprChildren, hasTrailingComma, parseTree } from './interp-syntax';
import { ClassV, FuncV, InstanceV, LazyV, ListV, OpaqueV, Scope, rootScopeOf, type FileNS, type Value } from './objects';
import { BudgetExceeded, NotUnderstood } from './values';

export { CaptureSignal, DEFAULT_BUDGET, type Budget } from './interp-support';
export { parseTree } from './interp-syntax';

/** The evaluator: statements, on top of expressions and the core. */
export class Interp extends InterpExpressions {
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
  protected force(lazy: LazyV, name: string, file: FileNS, node: SyntaxNode, atLine?: number): Value {
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
}
