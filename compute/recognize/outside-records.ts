/**
 * Records read from outside the selection: a dict (`{"lr": 0.1}`), a `SimpleNamespace`/`EasyDict`/
 * `ConfigDict` with the attribute assignments that follow it, a class's fields (dataclass fields,
 * class attributes, bases first) and an instance (`Config(...)`: constructor arguments, or its
 * `__init__`'s `self.x = …`).
 */
import type { SyntaxNode } from '@lezer/common';
import { literalValue, nodeText, readCall, type PyCall } from '../python/syntax';
import { items, parametersOf } from './file-context';
import { chain } from './outside-index';
import { lookup, same, scopeOf } from './outside-lookup';
import type { Frame, ObjectReader, RecordObj } from './outside-objects';

/** The calls that build a record: namespaces, attribute dicts, config dicts, `dict(...)`. */
export const DICT_LIKE =
  /^(?:(?:types\.)?SimpleNamespace|(?:argparse\.)?Namespace|(?:easydict\.)?EasyDict|edict|(?:dotmap\.)?DotMap|(?:munch\.)?Munch|AttrDict|(?:ml_collections\.)?(?:config_dict\.)?(?:Frozen)?ConfigDict|OmegaConf\.create|dict)$/;

/** `{"lr": 0.1, "optim": {...}}`: string keys only. */
export function dictRecord(r: ObjectReader, node: SyntaxNode, frame: Frame | undefined, what: string, attr: boolean): RecordObj {
  const { text } = r.ctx;
  const rec: RecordObj = { kind: 'record', what, fields: new Map(), attr, item: true };
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
export function applyAttributeAssignments(r: ObjectReader, name: string, obj: RecordObj, binding: SyntaxNode, use: SyntaxNode, frame: Frame | undefined): void {
  const scope = scopeOf(binding);
  const useInScope = same(scopeOf(use), scope);
  for (const a of r.index.attrs.get(name) ?? []) {
    if (!same(scopeOf(a.stmt), scope) || a.stmt.from < binding.to || (useInScope && a.stmt.from > use.from)) continue;
    let rec: RecordObj = obj;
    for (const key of a.path.slice(0, -1)) {
      const f = rec.fields.get(key);
      const inner = f?.obj ?? (f?.node ? r.objectOfExpr(f.node, f.frame, `${name}.${key}`) : undefined);
      if (!inner || inner.kind !== 'record') return;
      rec.fields.set(key, { obj: inner, how: f!.how });
      rec = inner;
    }
    const last = a.path[a.path.length - 1];
    rec.fields.set(last, { node: a.value, frame, how: `${name}.${a.path.join('.')} = … (line ${r.line(a.stmt)})` });
  }
}

/** The fields of a class body (annotated dataclass fields and plain class attributes), bases first. */
export function classRecord(r: ObjectReader, cls: SyntaxNode, what: string, depth = 0): RecordObj {
  const { text } = r.ctx;
  const rec: RecordObj = { kind: 'record', what, fields: new Map(), attr: true, item: false };
  const bases = cls.getChild('ArgList');
  if (bases && depth < 4) {
    for (const b of items(bases, bases.from, bases.to)) {
      const found = b.name === 'VariableName' ? lookup(r.ctx, nodeText(text, b), b) : undefined;
      if (found?.kind === 'class') for (const [k, f] of classRecord(r, found.cls, what, depth + 1).fields) rec.fields.set(k, f);
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
      rec.fields.set(key, { how: `${name}.${key} (line ${r.line(s)}, no default)` });
      continue;
    }
    const call = value.name === 'CallExpression' ? readCall(text, value) : undefined;
    if (call && /^(dataclasses\.)?field$/.test(call.callee)) {
      const dflt = call.keywords.get('default');
      const factory = call.keywords.get('default_factory');
      if (dflt) rec.fields.set(key, { node: dflt, how: `the default of ${name}.${key}, field(default=…) (line ${r.line(s)})` });
      else if (factory) {
        const made = factory.name === 'VariableName' ? lookup(r.ctx, nodeText(text, factory), factory) : undefined;
        const obj = made?.kind === 'class' ? instance(r, made.cls, undefined, undefined) : undefined;
        rec.fields.set(
          key,
          obj
            ? { obj, how: `${name}.${key}: field(default_factory=${nodeText(text, factory)}) (line ${r.line(s)})` }
            : { how: `${name}.${key} (line ${r.line(s)}, a default_factory that is not a class of this file)` },
        );
      } else rec.fields.set(key, { how: `${name}.${key} (line ${r.line(s)}, no default)` });
      continue;
    }
    rec.fields.set(key, { node: value, how: `the default of ${name}.${key} (line ${r.line(s)})` });
  }
  return rec;
}

/** `Config(...)`: the class's fields, then the constructor's arguments (dataclass order) or its __init__'s `self.x = …`. */
export function instance(r: ObjectReader, cls: SyntaxNode, call: PyCall | undefined, frame: Frame | undefined): RecordObj {
  const { text } = r.ctx;
  const name = nodeText(text, cls.getChild('VariableName')!);
  const rec = classRecord(r, cls, call ? `${name}(...) at line ${r.line(call.node)}` : `${name}()`);
  rec.what = call ? `${name}(...) at line ${r.line(call.node)}` : `${name}()`;
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
        how: `${name}.__init__: self.${c.path[0].key} = ${nodeText(text, op.nextSibling).slice(0, 40)} (line ${r.line(s)})`,
      });
    }
    return rec;
  }
  // A dataclass: positional arguments in field order, keywords by name.
  const order = [...rec.fields.keys()];
  call?.positional.forEach((a, i) => order[i] && rec.fields.set(order[i], { node: a, frame, how: `${name}(...) argument ${i + 1} (line ${r.line(a)})` }));
  for (const [k, v] of call?.keywords ?? []) rec.fields.set(k, { node: v, frame, how: `${name}(${k}=…) (line ${r.line(v)})` });
  return rec;
}

/** `SimpleNamespace(lr=0.1)`, `dict(...)`, `ConfigDict({...})`: the keywords (and a dict given first) as fields. */
export function dictLikeRecord(r: ObjectReader, call: PyCall, frame: Frame | undefined): RecordObj {
  const plainDict = call.callee === 'dict';
  const rec: RecordObj = {
    kind: 'record',
    what: `${call.callee}(...) at line ${r.line(call.node)}`,
    fields: new Map(),
    attr: !plainDict,
    item: !/Namespace$/.test(call.callee),
  };
  const first = call.positional[0];
  if (first?.name === 'DictionaryExpression') {
    const d = dictRecord(r, first, frame, rec.what, true);
    for (const [k, f] of d.fields) rec.fields.set(k, f);
  }
  for (const [k, v] of call.keywords) rec.fields.set(k, { node: v, frame, how: `${call.callee}(${k}=…) (line ${r.line(v)})` });
  return rec;
}
