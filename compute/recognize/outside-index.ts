/**
 * An index of a file for reading values from outside the selection, built once per parse tree:
 * every `name = value` (tuple targets included), every `a.b.c = value`, the defs, classes and
 * calls; and `chain`, which reads `a.b['c'].d` as a base name and a path of keys.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { literalValue, nodeText, readCall, type Literal, type PyCall } from '../python/syntax';
import { items, lineNumbers, type FileContext } from './file-context';

export interface NameAssign {
  value: SyntaxNode;
  stmt: SyntaxNode;
  /** Position in a tuple target (`args, rest = parser.parse_known_args()`). */
  tupleIndex?: number;
}

export interface AttrAssign {
  path: string[];
  value: SyntaxNode;
  stmt: SyntaxNode;
}

export interface Index {
  lineOf(offset: number): number;
  names: Map<string, NameAssign[]>;
  attrs: Map<string, AttrAssign[]>;
  defs: Map<string, SyntaxNode[]>;
  classes: Map<string, SyntaxNode[]>;
  calls: PyCall[];
}

const indexes = new WeakMap<Tree, Index>();

/** `a.b['c'].d` as a base node and a path of keys; undefined for anything else. */
export function chain(text: string, node: SyntaxNode): { base: SyntaxNode; path: { key: string; item: boolean }[] } | undefined {
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

export function fileIndex(ctx: FileContext): Index {
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
