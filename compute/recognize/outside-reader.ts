/**
 * The Reader of objects from outside the selection: the object a name or an expression refers to
 * (following assignments, parameters bound at call sites, helpers that return one), and one field
 * of it. Each kind of object is read in its own file (outside-argparse.ts, outside-records.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { nodeText, readCall, type PyCall } from '../python/syntax';
import { items, parametersOf, Unresolved, type FileContext } from './file-context';
import { argparseField, namespaceOf } from './outside-argparse';
import { chain, fileIndex, type Index } from './outside-index';
import { lookup, same } from './outside-lookup';
import type { Field, Frame, Obj, ObjectReader } from './outside-objects';
import { applyAttributeAssignments, classRecord, DICT_LIKE, dictLikeRecord, dictRecord, instance } from './outside-records';

const MAX_DEPTH = 12;

const FROM_FILES = /^(?:OmegaConf\.load|yaml\.(?:safe_)?load|json\.loads?|toml\.load|tomllib\.load|hydra\.compose|compose|gin\.query_parameter|wandb\.config)$/;

export class Reader implements ObjectReader {
  private depth = 0;
  readonly index: Index;

  constructor(readonly ctx: FileContext) {
    this.index = fileIndex(ctx);
  }

  line(node: SyntaxNode): number {
    return this.index.lineOf(node.from);
  }

  private enter<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Unresolved('the value is defined through too many levels of calls and names to follow');
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** The object a name refers to at `use`, or undefined when it is not one this module reads. */
  objectOfName(name: string, use: SyntaxNode, frame: Frame | undefined): Obj | undefined {
    return this.enter(() => {
      const found = lookup(this.ctx, name, use);
      if (!found) return undefined;
      switch (found.kind) {
        case 'assign': {
          const { assign } = found;
          if (assign.tupleIndex !== undefined) {
            const call = readCall(this.ctx.text, assign.value);
            if (call && /\.parse_known_args$/.test(call.callee) && assign.tupleIndex === 0) return namespaceOf(this.ctx.text, call, frame);
            throw new Unresolved(
              `\`${name}\` (line ${this.line(assign.stmt)}) is one part of \`${nodeText(this.ctx.text, assign.value).slice(0, 60)}\`, which is not read`,
            );
          }
          const obj = this.objectOfExpr(assign.value, frame, name);
          if (obj?.kind === 'record') applyAttributeAssignments(this, name, obj, assign.stmt, use, frame);
          return obj;
        }
        case 'param': {
          const arg = frame && same(frame.def, found.def) ? frame.args.get(name) : undefined;
          if (arg) return this.objectOfExpr(arg, undefined, name);
          return this.objectFromCallSites(found.def, found.index, name);
        }
        case 'class':
          return classRecord(this, found.cls, `class ${name}`);
        default:
          return undefined;
      }
    });
  }

  /** A parameter bound where its function is called in the file (all call sites must agree). */
  private objectFromCallSites(def: SyntaxNode, index: number, name: string): Obj | undefined {
    const fnName = nodeText(this.ctx.text, def.getChild('VariableName')!);
    const params = parametersOf(this.ctx.text, def);
    if (params[0]?.name === 'self' || params[0]?.name === 'cls') return undefined;
    const bound: { node: SyntaxNode; call: PyCall }[] = [];
    for (const call of this.index.calls) {
      if (call.callee === fnName) {
        const arg = call.keywords.get(name) ?? call.positional[index];
        if (arg) bound.push({ node: arg, call });
      } else if (/(^|\.)spawn$/.test(call.callee) && call.positional[0] && nodeText(this.ctx.text, call.positional[0]) === fnName) {
        // torch.multiprocessing.spawn(fn, args=(a, b)) calls fn(i, a, b).
        const tuple = call.keywords.get('args');
        const parts = tuple && ['TupleExpression', 'ParenthesizedExpression'].includes(tuple.name) ? items(tuple, tuple.from, tuple.to) : [];
        if (index >= 1 && parts[index - 1]) bound.push({ node: parts[index - 1], call });
      }
    }
    if (bound.length === 0)
      throw new Unresolved(
        `\`${name}\` is a parameter of ${fnName}() and no call of ${fnName}() in this file passes it, so its value is known only when the code runs; write the value`,
      );
    const objects = bound.map((b) => this.objectOfExpr(b.node, undefined, name));
    const first = objects[0];
    if (!first) return undefined;
    const key = (o: Obj | undefined) => (o?.kind === 'namespace' ? `ns:${o.parse.node.from}` : o ? `rec:${o.what}` : 'none');
    if (objects.some((o) => key(o) !== key(first))) {
      throw new Unresolved(
        `\`${name}\` is a parameter of ${fnName}(), which is called with different objects (lines ${bound.map((b) => this.line(b.call.node)).join(', ')}); write the value`,
      );
    }
    return first;
  }

  /** The object an expression builds, or undefined when it is not one this module reads. */
  objectOfExpr(node: SyntaxNode, frame: Frame | undefined, label: string): Obj | undefined {
    return this.enter(() => {
      const { text } = this.ctx;
      if (node.name === 'VariableName') return this.objectOfName(nodeText(text, node), node, frame);
      if (node.name === 'DictionaryExpression') return dictRecord(this, node, frame, `the dict at line ${this.line(node)}`, false);
      if (node.name === 'MemberExpression') {
        const c = chain(text, node);
        if (!c) return undefined;
        let obj = c.base.name === 'VariableName' ? this.objectOfName(nodeText(text, c.base), c.base, frame) : undefined;
        for (const step of c.path) {
          if (!obj || obj.kind !== 'record') return undefined;
          const f = obj.fields.get(step.key);
          obj = f?.obj ?? (f?.node ? this.objectOfExpr(f.node, f.frame, label) : undefined);
        }
        return obj;
      }
      if (node.name !== 'CallExpression') return undefined;
      const call = readCall(text, node);
      if (!call) return undefined;
      if (/\.parse_args$/.test(call.callee)) return namespaceOf(this.ctx.text, call, frame);
      if (/\.parse_known_args$/.test(call.callee))
        throw new Unresolved(`\`${label}\` is the tuple parse_known_args() returns (line ${this.line(node)}); unpack it (args, _ = parser.parse_known_args())`);
      if (FROM_FILES.test(call.callee)) {
        throw new Unresolved(
          `\`${label}\` (line ${this.line(node)}) is \`${nodeText(text, node).slice(0, 60)}\`: values read from a file when the script runs cannot be known from the code; write the value`,
        );
      }
      if (DICT_LIKE.test(call.callee)) return dictLikeRecord(this, call, frame);
      if (call.callee === 'field' || call.callee === 'dataclasses.field') return undefined;
      const found = call.callee.includes('.') ? undefined : lookup(this.ctx, call.callee, node);
      if (found?.kind === 'class') return instance(this, found.cls, call, frame);
      if (found?.kind === 'def') return this.returned(found.def, call, label);
      return undefined;
    });
  }

  /** `get_config()` / `get_args()`: the object the def returns, with its parameters bound to the call's arguments. */
  private returned(def: SyntaxNode, call: PyCall, label: string): Obj | undefined {
    const { text } = this.ctx;
    const returns: SyntaxNode[] = [];
    def
      .getChild('Body')
      ?.cursor()
      .iterate((ref) => {
        if (ref.name === 'FunctionDefinition' || ref.name === 'ClassDefinition' || ref.name === 'LambdaExpression')
          return ref.node.from === def.getChild('Body')!.from ? undefined : false;
        if (ref.name === 'ReturnStatement') returns.push(ref.node);
        return undefined;
      });
    if (returns.length !== 1) return undefined;
    const value = returns[0].lastChild;
    if (!value || value.name === 'return') return undefined;
    const params = parametersOf(text, def);
    const args = new Map<string, SyntaxNode>();
    call.positional.forEach((a, i) => params[i] && args.set(params[i].name, a));
    for (const [k, v] of call.keywords) args.set(k, v);
    const frame: Frame = { def, args };
    if (value.name === 'VariableName') return this.objectOfName(nodeText(text, value), returns[0], frame);
    return this.objectOfExpr(value, frame, label);
  }

  /** The value of one step of a path into an object; an object again, or a value node. */
  field(obj: Obj, key: string, item: boolean, label: string): Field {
    if (obj.kind === 'namespace') {
      if (item) throw new Unresolved(`\`${label}\`: an argparse Namespace is read with attributes (args.${key}), not subscripts`);
      return argparseField(this, obj, key, label);
    }
    if (item && !obj.item)
      throw new Unresolved(`\`${label}\`: ${obj.what} is not subscriptable (Python raises TypeError); use ${label.replace(/\[['"](\w+)['"]\]/g, '.$1')}`);
    if (!item && !obj.attr) throw new Unresolved(`\`${label}\`: ${obj.what} is a dict, so \`.${key}\` raises AttributeError in Python; use ['${key}']`);
    const f = obj.fields.get(key);
    if (!f) throw new Unresolved(`\`${label}\`: ${obj.what} has no \`${key}\` (its keys: ${[...obj.fields.keys()].join(', ') || 'none'})`);
    if (!f.node && !f.obj) throw new Unresolved(`\`${label}\`: ${f.how}, so its value is given only when the object is built; write the value`);
    return f;
  }
}
