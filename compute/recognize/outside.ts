/**
 * Values that come from outside the call, as training scripts write them (read, never run):
 *
 * - `args.lr` where `args = parser.parse_args()` (or `parse_known_args()`, or a function of the
 *   file that returns it): the argparse default of the argument whose dest is `lr`
 *   (`add_argument('--lr', type=float, default=0.01)`, `dest=`, `--learning-rate` →
 *   `args.learning_rate`, argument groups, `parser.set_defaults(lr=…)` in statement order, a
 *   string default converted by `type=`, a literal `parse_args([...])` list). An argument that is
 *   required or has no default is an error naming it with its line: its value comes from the
 *   command line and is never guessed.
 * - a config object of the file: a dict (`config['lr']`), a `SimpleNamespace`/`EasyDict`/
 *   `ml_collections.ConfigDict` (with the attribute assignments that follow it, `config.lr = …`,
 *   `config.optim = ConfigDict()`), a `@dataclass` (field defaults, `field(default=…)`,
 *   `field(default_factory=Sub)`, constructor arguments), a plain class's attributes or its
 *   `__init__`'s `self.x = …`, and a function of the file that builds and returns one
 *   (`config = get_config()`).
 * - a parameter (`def main_worker(gpu, args)`) bound where the function is called in the file
 *   (`main_worker(0, args)`, `mp.spawn(main_worker, args=(args,))`).
 *
 * Every value found is recorded in `ctx.resolved` under the expression (`args.lr`) and where it
 * came from in `ctx.resolvedFrom` ("the argparse default of --lr (line 12)").
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { importTable } from './optim-names';
import { literalValue, nodeText, readCall, type Literal, type PyCall } from '../python/syntax';
import { items, lineNumbers, parametersOf, Unresolved, withArguments, type FileContext } from './file-context';

const MAX_DEPTH = 12;

// ---------------------------------------------------------------------------------------------
// An index of the file, built once per parse tree.
// ---------------------------------------------------------------------------------------------

interface NameAssign {
  value: SyntaxNode;
  stmt: SyntaxNode;
  /** Position in a tuple target (`args, rest = parser.parse_known_args()`). */
  tupleIndex?: number;
}

interface AttrAssign {
  path: string[];
  value: SyntaxNode;
  stmt: SyntaxNode;
}

interface Index {
  lineOf(offset: number): number;
  names: Map<string, NameAssign[]>;
  attrs: Map<string, AttrAssign[]>;
  defs: Map<string, SyntaxNode[]>;
  classes: Map<string, SyntaxNode[]>;
  calls: PyCall[];
}

const indexes = new WeakMap<Tree, Index>();

/** `a.b['c'].d` as a base node and a path of keys; undefined for anything else. */
function chain(text: string, node: SyntaxNode): { base: SyntaxNode; path: { key: string; item: boolean }[] } | undefined {
  const path: { key: string; item: boolean }[] = [];
  let n: SyntaxNode = node;
  while (n.name === 'MemberExpression') {
    const object = n.firstChild;
    const last = n.lastChild;
    if (!object || !last) return undefined;
    if (last.name === 'PropertyName') {
      path.unshift({ key: nodeText(text, last), item: false });
    } else if (last.name === ']') {
      const key = object.nextSibling?.nextSibling;
      if (!key || key.name !== 'String') return undefined;
      let value: Literal;
      try {
        value = literalValue(text, key);
      } catch {
        return undefined;
      }
      path.unshift({ key: String(value), item: true });
    } else {
      return undefined;
    }
    n = object;
  }
  return { base: n, path };
}

function fileIndex(ctx: FileContext): Index {
  const cached = indexes.get(ctx.tree);
  if (cached) return cached;
  const { text } = ctx;
  const index: Index = { lineOf: lineNumbers(text), names: new Map(), attrs: new Map(), defs: new Map(), classes: new Map(), calls: [] };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  };
  ctx.tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (ref.name === 'CallExpression') {
        const call = readCall(text, node);
        if (call) index.calls.push(call);
      } else if (ref.name === 'FunctionDefinition' || ref.name === 'ClassDefinition') {
        const name = node.getChild('VariableName');
        if (name) push(ref.name === 'FunctionDefinition' ? index.defs : index.classes, nodeText(text, name), node);
      } else if (ref.name === 'AssignStatement') {
        const ops = node.getChildren('AssignOp');
        if (ops.length !== 1) return;
        const targets = items(node, node.from, ops[0].from).filter((t) => t.name !== 'TypeDef');
        const values = items(node, ops[0].to, node.to);
        if (values.length !== 1) return;
        const value = values[0];
        if (targets.length === 1) {
          const t = targets[0];
          if (t.name === 'VariableName') push(index.names, nodeText(text, t), { value, stmt: node });
          else if (t.name === 'MemberExpression') {
            const c = chain(text, t);
            if (c && c.base.name === 'VariableName') push(index.attrs, nodeText(text, c.base), { path: c.path.map((p) => p.key), value, stmt: node });
          }
        } else {
          const inner = ['TupleExpression', 'ParenthesizedExpression'].includes(value.name) ? items(value, value.from, value.to) : undefined;
          targets.forEach((t, i) => {
            if (t.name !== 'VariableName') return;
            if (inner && inner.length === targets.length) push(index.names, nodeText(text, t), { value: inner[i], stmt: node });
            else push(index.names, nodeText(text, t), { value, stmt: node, tupleIndex: i });
          });
        }
      }
    },
  });
  indexes.set(ctx.tree, index);
  return index;
}

// ---------------------------------------------------------------------------------------------
// Scopes.
// ---------------------------------------------------------------------------------------------

/** The innermost def or class around a node (undefined: module level). */
function scopeOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') return n;
  return undefined;
}

const same = (a: SyntaxNode | undefined, b: SyntaxNode | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.from === b.from && a.to === b.to;

/** Is `stmt` a direct statement of its scope's body (not inside if/for/while/try/with)? */
function straightLine(text: string, stmt: SyntaxNode): boolean {
  for (let n = stmt.parent; n; n = n.parent) {
    if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition' || n.name === 'Script') return true;
    if (['IfStatement', 'ForStatement', 'WhileStatement', 'TryStatement', 'WithStatement'].includes(n.name)) {
      // `if __name__ == "__main__":` is the script's main line, not a branch.
      if (n.name === 'IfStatement' && /^if\s+__name__\s*==/.test(text.slice(n.from, n.to))) continue;
      return false;
    }
  }
  return true;
}

export type Lookup =
  | { kind: 'assign'; assign: NameAssign }
  | { kind: 'param'; def: SyntaxNode; index: number; name: string }
  | { kind: 'class'; cls: SyntaxNode }
  | { kind: 'def'; def: SyntaxNode };

/**
 * What `name` refers to at `use`: the last assignment before it in the same function (or an
 * enclosing one), a parameter, or the module's assignment, class or def. Several assignments
 * where the last one is inside a branch are reported rather than guessed.
 */
function lookup(ctx: FileContext, name: string, use: SyntaxNode): Lookup | undefined {
  const index = fileIndex(ctx);
  const assigns = index.names.get(name) ?? [];
  for (let scope = scopeOf(use); ; scope = scope ? scopeOf(scope) : undefined) {
    if (scope?.name === 'ClassDefinition' && !same(scope, scopeOf(use))) continue; // class bodies are not visible from methods
    const here = assigns.filter((a) => same(scopeOf(a.stmt), scope));
    const moduleLevelUseInFunction = scope === undefined && scopeOf(use) !== undefined;
    const before = moduleLevelUseInFunction ? here : here.filter((a) => a.stmt.to <= use.from);
    if (before.length) {
      const last = before[before.length - 1];
      if (before.length > 1 && !straightLine(ctx.text, last.stmt)) {
        throw new Unresolved(
          `\`${name}\` is assigned in several places (lines ${before.map((a) => index.lineOf(a.stmt.from)).join(', ')}), the last inside a branch, so which one applies is known only when the code runs; write the value`,
        );
      }
      return { kind: 'assign', assign: last };
    }
    if (scope?.name === 'FunctionDefinition') {
      const params = parametersOf(ctx.text, scope);
      const i = params.findIndex((p) => p.name === name);
      if (i >= 0) return { kind: 'param', def: scope, index: i, name };
      // A def or class defined inside this function (a closure such as lr_lambda).
      const inner = (index.defs.get(name) ?? []).filter((d) => same(scopeOf(d), scope));
      if (inner.length === 1) return { kind: 'def', def: inner[0] };
      const innerClass = (index.classes.get(name) ?? []).filter((d) => same(scopeOf(d), scope));
      if (innerClass.length === 1) return { kind: 'class', cls: innerClass[0] };
    }
    if (!scope) break;
  }
  const cls = index.classes.get(name);
  if (cls?.length === 1 && scopeOf(cls[0]) === undefined) return { kind: 'class', cls: cls[0] };
  const def = index.defs.get(name);
  if (def?.length === 1 && scopeOf(def[0]) === undefined) return { kind: 'def', def: def[0] };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Objects: argparse namespaces and records (dicts, namespaces, config dicts, class instances).
// ---------------------------------------------------------------------------------------------

/** Evaluates a node where it stands, or inside a def with its parameters bound to a call's arguments. */
interface Frame {
  def: SyntaxNode;
  args: Map<string, SyntaxNode>;
}

interface Field {
  node?: SyntaxNode;
  obj?: Obj;
  /** A value already computed (a converted argparse string, a store_true flag). */
  literal?: Literal;
  frame?: Frame;
  /** Where the value comes from, for `resolvedFrom`. */
  how: string;
}

type Obj =
  | { kind: 'namespace'; parser: SyntaxNode; parserName: string; parse: PyCall; frame?: Frame }
  | { kind: 'record'; what: string; fields: Map<string, Field>; attr: boolean; item: boolean };

const DICT_LIKE =
  /^(?:(?:types\.)?SimpleNamespace|(?:argparse\.)?Namespace|(?:easydict\.)?EasyDict|edict|(?:dotmap\.)?DotMap|(?:munch\.)?Munch|AttrDict|(?:ml_collections\.)?(?:config_dict\.)?(?:Frozen)?ConfigDict|OmegaConf\.create|dict)$/;
const FROM_FILES = /^(?:OmegaConf\.load|yaml\.(?:safe_)?load|json\.loads?|toml\.load|tomllib\.load|hydra\.compose|compose|gin\.query_parameter|wandb\.config)$/;

class Reader {
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
            if (call && /\.parse_known_args$/.test(call.callee) && assign.tupleIndex === 0) return this.namespace(call, frame);
            throw new Unresolved(
              `\`${name}\` (line ${this.line(assign.stmt)}) is one part of \`${nodeText(this.ctx.text, assign.value).slice(0, 60)}\`, which is not read`,
            );
          }
          const obj = this.objectOfExpr(assign.value, frame, name);
          if (obj?.kind === 'record') this.applyAttributeAssignments(name, obj, assign.stmt, use, frame);
          return obj;
        }
        case 'param': {
          const arg = frame && same(frame.def, found.def) ? frame.args.get(name) : undefined;
          if (arg) return this.objectOfExpr(arg, undefined, name);
          return this.objectFromCallSites(found.def, found.index, name);
        }
        case 'class':
          return this.classRecord(found.cls, `class ${name}`);
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
      if (node.name === 'DictionaryExpression') return this.dictRecord(node, frame, `the dict at line ${this.line(node)}`, false);
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
      if (/\.parse_args$/.test(call.callee)) return this.namespace(call, frame);
      if (/\.parse_known_args$/.test(call.callee))
        throw new Unresolved(`\`${label}\` is the tuple parse_known_args() returns (line ${this.line(node)}); unpack it (args, _ = parser.parse_known_args())`);
      if (FROM_FILES.test(call.callee)) {
        throw new Unresolved(
          `\`${label}\` (line ${this.line(node)}) is \`${nodeText(text, node).slice(0, 60)}\`: values read from a file when the script runs cannot be known from the code; write the value`,
        );
      }
      if (DICT_LIKE.test(call.callee)) {
        const plainDict = call.callee === 'dict';
        const rec: Obj = {
          kind: 'record',
          what: `${call.callee}(...) at line ${this.line(node)}`,
          fields: new Map(),
          attr: !plainDict,
          item: !/Namespace$/.test(call.callee),
        };
        const first = call.positional[0];
        if (first?.name === 'DictionaryExpression') {
          const d = this.dictRecord(first, frame, rec.what, true);
          for (const [k, f] of d.fields) rec.fields.set(k, f);
        }
        for (const [k, v] of call.keywords) rec.fields.set(k, { node: v, frame, how: `${call.callee}(${k}=…) (line ${this.line(v)})` });
        return rec;
      }
      if (call.callee === 'field' || call.callee === 'dataclasses.field') return undefined;
      const found = call.callee.includes('.') ? undefined : lookup(this.ctx, call.callee, node);
      if (found?.kind === 'class') return this.instance(found.cls, call, frame);
      if (found?.kind === 'def') return this.returned(found.def, call, frame, label);
      return undefined;
    });
  }

  /** `{"lr": 0.1, "optim": {...}}`: string keys only. */
  private dictRecord(node: SyntaxNode, frame: Frame | undefined, what: string, attr: boolean): Obj & { kind: 'record' } {
    const { text } = this.ctx;
    const rec: Obj & { kind: 'record' } = { kind: 'record', what, fields: new Map(), attr, item: true };
    const parts = items(node, node.from, node.to).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ':');
    if (parts.some((c) => c.name === '**')) return rec;
    for (let i = 0; i + 1 < parts.length; i += 2) {
      if (parts[i].name !== 'String') continue;
      const key = String(literalValue(text, parts[i]));
      rec.fields.set(key, { node: parts[i + 1], frame, how: `"${key}" in ${what}` });
    }
    return rec;
  }

  /** `name.a.b = value` statements in the scope of the binding, after it (and before `use` when `use` is in that scope). */
  private applyAttributeAssignments(name: string, obj: Obj & { kind: 'record' }, binding: SyntaxNode, use: SyntaxNode, frame: Frame | undefined): void {
    const scope = scopeOf(binding);
    const useInScope = same(scopeOf(use), scope);
    for (const a of this.index.attrs.get(name) ?? []) {
      if (!same(scopeOf(a.stmt), scope) || a.stmt.from < binding.to || (useInScope && a.stmt.from > use.from)) continue;
      let rec: Obj & { kind: 'record' } = obj;
      for (const key of a.path.slice(0, -1)) {
        const f = rec.fields.get(key);
        const inner = f?.obj ?? (f?.node ? this.objectOfExpr(f.node, f.frame, `${name}.${key}`) : undefined);
        if (!inner || inner.kind !== 'record') return;
        rec.fields.set(key, { obj: inner, how: f!.how });
        rec = inner;
      }
      const last = a.path[a.path.length - 1];
      rec.fields.set(last, { node: a.value, frame, how: `${name}.${a.path.join('.')} = … (line ${this.line(a.stmt)})` });
    }
  }

  /** The fields of a class body (annotated dataclass fields and plain class attributes), bases first. */
  private classRecord(cls: SyntaxNode, what: string, depth = 0): Obj & { kind: 'record' } {
    const { text } = this.ctx;
    const rec: Obj & { kind: 'record' } = { kind: 'record', what, fields: new Map(), attr: true, item: false };
    const bases = cls.getChild('ArgList');
    if (bases && depth < 4) {
      for (const b of items(bases, bases.from, bases.to)) {
        const found = b.name === 'VariableName' ? lookup(this.ctx, nodeText(text, b), b) : undefined;
        if (found?.kind === 'class') for (const [k, f] of this.classRecord(found.cls, what, depth + 1).fields) rec.fields.set(k, f);
      }
    }
    const name = nodeText(text, cls.getChild('VariableName')!);
    for (const s of cls.getChild('Body')?.getChildren('AssignStatement') ?? []) {
      const target = s.firstChild;
      const op = s.getChild('AssignOp');
      if (target?.name !== 'VariableName') continue;
      const key = nodeText(text, target);
      const value = op?.nextSibling ?? undefined;
      if (!value) {
        rec.fields.set(key, { how: `${name}.${key} (line ${this.line(s)}, no default)` });
        continue;
      }
      const call = value.name === 'CallExpression' ? readCall(text, value) : undefined;
      if (call && /^(dataclasses\.)?field$/.test(call.callee)) {
        const dflt = call.keywords.get('default');
        const factory = call.keywords.get('default_factory');
        if (dflt) rec.fields.set(key, { node: dflt, how: `the default of ${name}.${key}, field(default=…) (line ${this.line(s)})` });
        else if (factory) {
          const made = factory.name === 'VariableName' ? lookup(this.ctx, nodeText(text, factory), factory) : undefined;
          const obj = made?.kind === 'class' ? this.instance(made.cls, undefined, undefined) : undefined;
          rec.fields.set(
            key,
            obj
              ? { obj, how: `${name}.${key}: field(default_factory=${nodeText(text, factory)}) (line ${this.line(s)})` }
              : { how: `${name}.${key} (line ${this.line(s)}, a default_factory that is not a class of this file)` },
          );
        } else rec.fields.set(key, { how: `${name}.${key} (line ${this.line(s)}, no default)` });
        continue;
      }
      rec.fields.set(key, { node: value, how: `the default of ${name}.${key} (line ${this.line(s)})` });
    }
    return rec;
  }

  /** `Config(...)`: the class's fields, then the constructor's arguments (dataclass order) or its __init__'s `self.x = …`. */
  private instance(cls: SyntaxNode, call: PyCall | undefined, frame: Frame | undefined): Obj & { kind: 'record' } {
    const { text } = this.ctx;
    const name = nodeText(text, cls.getChild('VariableName')!);
    const rec = this.classRecord(cls, call ? `${name}(...) at line ${this.line(call.node)}` : `${name}()`);
    rec.what = call ? `${name}(...) at line ${this.line(call.node)}` : `${name}()`;
    const init = cls
      .getChild('Body')
      ?.getChildren('FunctionDefinition')
      .find((d) => nodeText(text, d.getChild('VariableName')!) === '__init__');
    if (init) {
      const params = parametersOf(text, init).slice(1);
      const args = new Map<string, SyntaxNode>();
      call?.positional.forEach((a, i) => params[i] && args.set(params[i].name, a));
      for (const [k, v] of call?.keywords ?? []) args.set(k, v);
      const initFrame: Frame = { def: init, args };
      for (const s of init.getChild('Body')?.getChildren('AssignStatement') ?? []) {
        const target = s.firstChild;
        const op = s.getChild('AssignOp');
        const c = target?.name === 'MemberExpression' ? chain(text, target) : undefined;
        if (!c || nodeText(text, c.base) !== 'self' || c.path.length !== 1 || !op?.nextSibling) continue;
        rec.fields.set(c.path[0].key, {
          node: op.nextSibling,
          frame: initFrame,
          how: `${name}.__init__: self.${c.path[0].key} = ${nodeText(text, op.nextSibling).slice(0, 40)} (line ${this.line(s)})`,
        });
      }
      return rec;
    }
    // A dataclass: positional arguments in field order, keywords by name.
    const order = [...rec.fields.keys()];
    call?.positional.forEach((a, i) => order[i] && rec.fields.set(order[i], { node: a, frame, how: `${name}(...) argument ${i + 1} (line ${this.line(a)})` }));
    for (const [k, v] of call?.keywords ?? []) rec.fields.set(k, { node: v, frame, how: `${name}(${k}=…) (line ${this.line(v)})` });
    return rec;
  }

  /** `get_config()` / `get_args()`: the object the def returns, with its parameters bound to the call's arguments. */
  private returned(def: SyntaxNode, call: PyCall, _frame: Frame | undefined, label: string): Obj | undefined {
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

  private namespace(parse: PyCall, frame: Frame | undefined): Obj | undefined {
    const receiver = parse.node.firstChild?.firstChild;
    if (!receiver || receiver.name !== 'VariableName') return undefined;
    return { kind: 'namespace', parser: receiver, parserName: nodeText(this.ctx.text, receiver), parse, frame };
  }

  /** The value of one step of a path into an object; an object again, or a value node. */
  field(obj: Obj, key: string, item: boolean, label: string): Field {
    if (obj.kind === 'namespace') {
      if (item) throw new Unresolved(`\`${label}\`: an argparse Namespace is read with attributes (args.${key}), not subscripts`);
      return this.argparseField(obj, key, label);
    }
    if (item && !obj.item)
      throw new Unresolved(`\`${label}\`: ${obj.what} is not subscriptable (Python raises TypeError); use ${label.replace(/\[['"](\w+)['"]\]/g, '.$1')}`);
    if (!item && !obj.attr) throw new Unresolved(`\`${label}\`: ${obj.what} is a dict, so \`.${key}\` raises AttributeError in Python; use ['${key}']`);
    const f = obj.fields.get(key);
    if (!f) throw new Unresolved(`\`${label}\`: ${obj.what} has no \`${key}\` (its keys: ${[...obj.fields.keys()].join(', ') || 'none'})`);
    if (!f.node && !f.obj) throw new Unresolved(`\`${label}\`: ${f.how}, so its value is given only when the object is built; write the value`);
    return f;
  }

  /** argparse: the add_argument whose dest is `key`, then set_defaults and a literal parse_args list. */
  private argparseField(ns: Obj & { kind: 'namespace' }, key: string, label: string): Field {
    const { text } = this.ctx;
    const parserLookup = lookup(this.ctx, ns.parserName, ns.parser);
    const parserStmt = parserLookup?.kind === 'assign' ? parserLookup.assign : undefined;
    const parserCall = parserStmt ? readCall(text, parserStmt.value) : undefined;
    if (!parserStmt || !parserCall || !/(^|\.)ArgumentParser$/.test(parserCall.callee)) {
      throw new Unresolved(
        `\`${label}\`: \`${ns.parserName}\` (the parser of ${nodeText(text, ns.parse.node).slice(0, 40)}) is not an argparse.ArgumentParser(...) assigned in this file`,
      );
    }
    const scope = scopeOf(parserStmt.stmt);
    // The parser and its argument groups (parser.add_argument_group(...)).
    const receivers = new Set([ns.parserName]);
    for (const [name, list] of this.index.names) {
      for (const a of list) {
        const c = a.value.name === 'CallExpression' ? readCall(text, a.value) : undefined;
        if (
          c &&
          (c.callee === `${ns.parserName}.add_argument_group` || c.callee === `${ns.parserName}.add_mutually_exclusive_group`) &&
          same(scopeOf(a.stmt), scope)
        )
          receivers.add(name);
      }
    }
    const str = (n: SyntaxNode | undefined) => (n?.name === 'String' ? String(literalValue(text, n)) : undefined);
    let decl: { call: PyCall; option: string; action?: string; type?: string; required: boolean } | undefined;
    let value: { node: SyntaxNode; how: string } | undefined;
    let parserDefault: { node: SyntaxNode; how: string } | undefined;
    // In statement order, as argparse applies them: an add_argument default, then set_defaults
    // (which also changes the default of an argument added before it); an add_argument without
    // a default takes an earlier set_defaults value.
    for (const call of this.index.calls) {
      const dot = call.callee.lastIndexOf('.');
      const recv = call.callee.slice(0, dot);
      const method = call.callee.slice(dot + 1);
      if (!receivers.has(recv) || !same(scopeOf(call.node), scope)) continue;
      if (method === 'add_argument') {
        const flags = call.positional.map((p) => str(p) ?? '');
        const long = flags.find((f) => f.startsWith('--'));
        const short = flags.find((f) => f.startsWith('-'));
        const dest =
          str(call.keywords.get('dest')) ?? (long ? long.slice(2).replace(/-/g, '_') : short ? short.replace(/^-+/, '').replace(/-/g, '_') : flags[0]);
        if (dest !== key) continue;
        const positional = flags[0] !== undefined && flags[0] !== '' && !flags[0].startsWith('-');
        const required = call.keywords.get('required');
        decl = {
          call,
          option: flags.filter(Boolean).join('/') || key,
          action: str(call.keywords.get('action')),
          type: call.keywords.has('type') ? nodeText(text, call.keywords.get('type')!) : undefined,
          required: (required !== undefined && nodeText(text, required) === 'True') || (positional && !call.keywords.has('nargs')),
        };
        const dflt = call.keywords.get('default');
        value = dflt ? { node: dflt, how: `the argparse default of ${decl.option} (line ${this.line(call.node)})` } : parserDefault;
      } else if (method === 'set_defaults' && recv === ns.parserName && call.keywords.has(key)) {
        const v = { node: call.keywords.get(key)!, how: `${ns.parserName}.set_defaults(${key}=…) (line ${this.line(call.node)})` };
        parserDefault = v;
        if (decl) value = v;
      }
    }
    if (!decl) {
      if (parserDefault) return parserDefault;
      throw new Unresolved(`\`${label}\`: the parser \`${ns.parserName}\` (line ${this.line(parserStmt.stmt)}) has no argument whose dest is \`${key}\``);
    }
    const d = decl;
    // A literal argument list: parse_args(['--lr', '0.1']) (or parse_args([]) for the defaults).
    const list = ns.parse.positional[0] ?? ns.parse.keywords.get('args');
    if (list && (list.name === 'ArrayExpression' || list.name === 'TupleExpression')) {
      const words = items(list, list.from, list.to).map(str);
      const options = d.option.split('/');
      const where = `${nodeText(text, ns.parse.node).slice(0, 60)} (line ${this.line(ns.parse.node)})`;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (w === undefined) continue;
        const eq = w.indexOf('=');
        const flag = eq > 0 ? w.slice(0, eq) : w;
        if (!options.includes(flag)) continue;
        if (d.action === 'store_true' || d.action === 'store_false') return { literal: d.action === 'store_true', how: where };
        const raw = eq > 0 ? w.slice(eq + 1) : words[i + 1];
        if (raw === undefined) break;
        return { literal: convert(raw, d.type, label), how: where };
      }
    }
    if (value) {
      // argparse converts a string default with type= (a non-string default is used as is).
      if (d.type && value.node.name === 'String')
        return { literal: convert(String(literalValue(text, value.node)), d.type, label), how: `${value.how}, converted by type=${d.type}` };
      return value;
    }
    if (d.action === 'store_true') return { literal: false, how: `${d.option} is a store_true flag, False unless given (line ${this.line(d.call.node)})` };
    if (d.action === 'store_false') return { literal: true, how: `${d.option} is a store_false flag, True unless given (line ${this.line(d.call.node)})` };
    if (d.required)
      throw new Unresolved(
        `\`${label}\` comes from the command line: ${d.option} is required (line ${this.line(d.call.node)}) and has no default, so its value is known only when the script runs; write the value`,
      );
    throw new Unresolved(
      `\`${label}\` comes from the command line: ${d.option} (line ${this.line(d.call.node)}) has no default (it is None unless given), so its value is known only when the script runs; write the value`,
    );
  }
}

/** A command-line string converted as argparse's `type=` would (float, int, or kept as a string). */
function convert(raw: string, type: string | undefined, label: string): Literal {
  if (type === 'float') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new Unresolved(`\`${label}\`: argparse would reject ${JSON.stringify(raw)} for type=float`);
    return v;
  }
  if (type === 'int') {
    if (!/^\s*[-+]?\d+\s*$/.test(raw)) throw new Unresolved(`\`${label}\`: argparse would reject ${JSON.stringify(raw)} for type=int`);
    return Number(raw);
  }
  if (type === undefined || type === 'str') return raw;
  throw new Unresolved(`\`${label}\`: the string ${JSON.stringify(raw)} goes through type=${type}, which is not read`);
}

/**
 * The value of `args.lr`, `cfg.optim.lr` or `config["lr"]` when the object is one this module
 * reads; undefined when it is not (the caller then reports the expression as not a literal).
 * `evaluate` reads a field's expression (values.ts passes its own: the two read each other).
 */
export function outsideValue(
  ctx: FileContext,
  node: SyntaxNode,
  seen: Set<string>,
  evaluate: (ctx: FileContext, node: SyntaxNode, seen: Set<string>) => Literal,
): Literal | undefined {
  const { text } = ctx;
  const c = chain(text, node);
  if (!c || c.path.length === 0 || c.base.name !== 'VariableName') return undefined;
  const baseName = nodeText(text, c.base);
  if (baseName === 'self' || baseName === 'cls') return undefined;
  if (importTable(ctx.tree, text).names.has(baseName)) return undefined; // a module (math.pi, torch.float32)
  const label = nodeText(text, node).replace(/\s+/g, '');
  const reader = new Reader(ctx);
  const frame = frameAt(ctx, node);
  let obj = reader.objectOfName(baseName, c.base, frame);
  if (!obj) return undefined;
  let field: Field | undefined;
  for (const [i, step] of c.path.entries()) {
    if (!obj)
      throw new Unresolved(
        `\`${label}\`: \`${c.path
          .slice(0, i)
          .map((p) => p.key)
          .join('.')}\` is not an object whose fields can be read`,
      );
    field = reader.field(obj, step.key, step.item, label);
    if (i < c.path.length - 1) obj = field.obj ?? (field.node ? reader.objectOfExpr(field.node, field.frame, label) : undefined);
  }
  const f = field!;
  let value: Literal;
  if (f.literal !== undefined) value = f.literal;
  else if (f.node) {
    const n = f.node;
    const read = () => evaluate(ctx, n, seen);
    try {
      value = f.frame ? withArguments(ctx, f.frame.def, f.frame.args, read) : read();
    } catch (e) {
      if (e instanceof Unresolved) throw new Unresolved(`\`${label}\` is ${f.how}: ${e.message}`);
      throw new Unresolved(`\`${label}\` is ${f.how}, which is \`${nodeText(text, n).slice(0, 60)}\`, not a literal`);
    }
  } else {
    throw new Unresolved(`\`${label}\` is an object, not a number`);
  }
  ctx.resolved[label] = value;
  (ctx.resolvedFrom ??= {})[label] = f.how;
  return value;
}

/** The helper frame `withArguments` set for the def around `node`, if any. */
function frameAt(ctx: FileContext, node: SyntaxNode): Frame | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name !== 'FunctionDefinition') continue;
    const args = ctx.frames?.get(n.from);
    if (args) return { def: n, args };
  }
  return undefined;
}

/** What a name refers to where it is used (scope-aware; see `lookup`), for the optimizer recognizer. */
export function lookupName(ctx: FileContext, name: string, use: SyntaxNode): Lookup | undefined {
  return lookup(ctx, name, use);
}
