/**
 * Reading Python with @lezer/python (error-tolerant, never executed): call expressions, their
 * dotted callee names, and the literal values of their arguments.
 */
import { parser } from '@lezer/python';
import { TreeFragment, type SyntaxNode, type Tree } from '@lezer/common';

export type Literal = number | string | boolean | null | Literal[];

export interface PyCall {
  /** Dotted callee as written, e.g. `nn.Conv2d` or `torch.nn.Conv2d`. */
  callee: string;
  node: SyntaxNode;
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
}

/**
 * Python floats written with a trailing dot (`0.`, `64.`) that @lezer/python reads as a member
 * access (`p > 0. else …` then breaks the whole statement). They are parsed as if the dot were a
 * space: offsets stay the same, and the number's text is still read from the original.
 */
const TRAILING_DOT_FLOAT = /(?<![\w.])(\d+)\.(?=[\s)\],:;+\-*/%<>=!&|^}]|$)/gm;

/** The last few parses, by text: the hover links, CodeLens and commands read the same unchanged file. */
const parsed = new Map<string, Tree>();
const PARSE_CACHE = 4;

export function parsePython(text: string): Tree {
  const hit = parsed.get(text);
  if (hit) {
    parsed.delete(text);
    parsed.set(text, hit);
    return hit;
  }
  const source = text.includes('.') ? text.replace(TRAILING_DOT_FLOAT, '$1 ') : text;
  const tree = parser.parse(source, fragmentsFor(source));
  parsed.set(text, tree);
  if (parsed.size > PARSE_CACHE) parsed.delete(parsed.keys().next().value as string);
  last = { source, tree };
  return tree;
}

/** The previous parse, reused for what an edit within one line did not touch. */
let last: { source: string; tree: Tree } | undefined;

/**
 * The fragments of the previous tree an edit left alone, for incremental parsing — only for an
 * edit inside one line's code (no newline added or removed, not in the line's indentation, on a
 * line that had code). Python's indentation makes @lezer/python's reuse unsafe otherwise: adding
 * an indented comment on an empty line gave a tree with a class nested in the def before it (see
 * test/unit/incremental-parse.test.ts); those edits get a full parse.
 */
function fragmentsFor(source: string): readonly TreeFragment[] | undefined {
  if (!last) return undefined;
  const old = last.source;
  const max = Math.min(old.length, source.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === source.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === source.charCodeAt(source.length - 1 - suffix)) suffix++;
  const removed = old.slice(prefix, old.length - suffix);
  const added = source.slice(prefix, source.length - suffix);
  if (removed.includes('\n') || added.includes('\n') || removed.length + added.length > 200) return undefined;
  const lineStart = old.lastIndexOf('\n', prefix - 1) + 1;
  const lineEnd = old.indexOf('\n', prefix);
  const line = old.slice(lineStart, lineEnd < 0 ? old.length : lineEnd);
  const indent = /^[ \t]*/.exec(line)![0].length;
  if (line.trim() === '' || prefix - lineStart <= indent) return undefined;
  return TreeFragment.applyChanges(TreeFragment.addTree(last.tree), [{ fromA: prefix, toA: old.length - suffix, fromB: prefix, toB: source.length - suffix }]);
}

export function nodeText(text: string, node: SyntaxNode): string {
  return text.slice(node.from, node.to);
}

/** `a.b.c` for a chain of VariableName/MemberExpression nodes; undefined for anything else. */
export function dottedName(text: string, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName') return nodeText(text, node);
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.lastChild;
  if (!object || !property || property.name !== 'PropertyName') return undefined;
  const head = dottedName(text, object);
  return head === undefined ? undefined : `${head}.${nodeText(text, property)}`;
}

export function readCall(text: string, node: SyntaxNode): PyCall | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const calleeNode = node.firstChild;
  const args = node.getChild('ArgList');
  const callee = calleeNode && dottedName(text, calleeNode);
  if (!callee || !args) return undefined;
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (let child = args.firstChild; child; child = child.nextSibling) {
    if (child.name === '(' || child.name === ')' || child.name === ',') continue;
    const next = child.nextSibling;
    if (child.name === 'VariableName' && next?.name === 'AssignOp' && next.nextSibling) {
      keywords.set(nodeText(text, child), next.nextSibling);
      child = next.nextSibling;
    } else {
      positional.push(child);
    }
  }
  return { callee, node, positional, keywords };
}

/** Every call expression in the tree whose span intersects [from, to], outermost first. */
export function callsIn(tree: Tree, text: string, from = 0, to = text.length): PyCall[] {
  const calls: PyCall[] = [];
  tree.iterate({
    from,
    to,
    enter(ref) {
      const call = ref.name === 'CallExpression' ? readCall(text, ref.node) : undefined;
      if (call) calls.push(call);
    },
  });
  return calls;
}

export class NotLiteral extends Error {}

/** The value of a literal expression (numbers, strings, booleans, None, tuples, lists, ±). */
export function literalValue(text: string, node: SyntaxNode): Literal {
  switch (node.name) {
    case 'Number': {
      const raw = nodeText(text, node).replace(/_/g, '');
      const value = Number(raw);
      if (!Number.isFinite(value)) throw new NotLiteral(`\`${raw}\` (not a finite real number)`);
      return value;
    }
    case 'String': {
      const raw = nodeText(text, node);
      const m = /^[rRuUbB]?(['"])(.*)\1$/s.exec(raw);
      if (!m) throw new NotLiteral(`${raw} (an f-string, bytes or triple-quoted string)`);
      return m[2];
    }
    case 'Boolean':
      return nodeText(text, node) === 'True';
    case 'None':
      return null;
    case 'UnaryExpression': {
      const op = node.firstChild;
      const operand = node.lastChild;
      const value = operand ? literalValue(text, operand) : undefined;
      if (typeof value === 'number' && op && (nodeText(text, op) === '-' || nodeText(text, op) === '+')) {
        return nodeText(text, op) === '-' ? -value : value;
      }
      break;
    }
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      if (inner && inner.name !== ')') return literalValue(text, inner);
      break;
    }
    case 'TupleExpression':
    case 'ArrayExpression': {
      const items: Literal[] = [];
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (['(', ')', '[', ']', ','].includes(child.name)) continue;
        items.push(literalValue(text, child));
      }
      return items;
    }
  }
  throw new NotLiteral(`\`${nodeText(text, node)}\``);
}
