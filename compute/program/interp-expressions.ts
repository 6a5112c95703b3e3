/** Expressions: names, literals, f-strings, containers, comprehensions, attributes, subscripts, calls and operators. */
import type { SyntaxNode } from '@lezer/common';
import { InterpCore } from './interp-core';
import { CaptureSignal, closureOf, fnDefaults } from './interp-support';
import { exprChildren, hasTrailingComma, parseNumber, parseString } from './interp-syntax';
import { DictV, EllipsisV, FuncV, InstanceV, LayerV, ListV, OpaqueV, Scope, type Value } from './objects';
import { BudgetExceeded, NotUnderstood, SymDim, TensorV, UnknownV } from './values';

export abstract class InterpExpressions extends InterpCore {
  protected evalQuiet(node: SyntaxNode, scope: Scope): Value | undefined {
    try {
      return this.eval(node, scope);
    } catch (e) {
      if (e instanceof NotUnderstood) return undefined;
      throw e;
    }
  }

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
  protected comprehension(node: SyntaxNode, scope: Scope): { expr: SyntaxNode; value?: SyntaxNode; scope: Scope }[] {
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
}
