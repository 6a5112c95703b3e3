/**
 * The shape section of a Python hover: on a layer construction (`nn.Conv2d(…)`, or `self.conv1`
 * wherever the class uses it) its input and output shape, parameters and MACs; on a tensor
 * variable inside `forward` the shape it holds there. Read from a finished whole-file analysis;
 * this never starts one. Pure: no vscode.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { FileAnalysis, ShapeHint } from '../program/file-types';
import { hintLines } from '../editor/shape-text';
import { nodeText, parsePython } from '../python/syntax';

export interface ShapeHover {
  /** Markdown, to go under the term's definition (or alone). */
  markdown: string;
  /** The text the hover is about (a call, a name). */
  from: number;
  to: number;
}

const lineEnd = (text: string, offset: number) => {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
};

/**
 * The shape section at an offset of `text` (the text `analysis` was made from), or null. `tree` is
 * the text's parse when the caller keeps one (the editor does, so a hover never parses).
 */
export function shapeHoverAt(analysis: FileAnalysis, text: string, offset: number, tree?: Tree): ShapeHover | null {
  if (!analysis.hints.length) return null;
  const parsed = tree ?? parsePython(text);
  const found = layerAt(analysis, text, offset, parsed) ?? variableAt(analysis, text, offset, parsed);
  if (!found) return null;
  return {
    markdown: `**Shapes** (ML Lens, traced statically)  \n${hintLines(analysis, text, found.hint, parsed).join('  \n')}`,
    from: found.from,
    to: found.to,
  };
}

const layerHint = (analysis: FileAnalysis, at: number) => analysis.hints.find((h) => h.kind === 'layer' && h.at === at);

/** The innermost layer construction around the offset, or `self.name` naming one built in the class. */
function layerAt(analysis: FileAnalysis, text: string, offset: number, tree: Tree): { hint: ShapeHint; from: number; to: number } | undefined {
  const node = tree.resolveInner(offset, 1);
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.name !== 'CallExpression') continue;
    const hint = layerHint(analysis, n.to);
    if (hint) return { hint, from: n.from, to: n.to };
  }
  // `self.conv1` (in forward, or its own assignment): the layer assigned to it in the class.
  const member = node.name === 'PropertyName' ? node.parent : undefined;
  if (member?.name === 'MemberExpression' && member.firstChild && nodeText(text, member.firstChild) === 'self') {
    const attribute = nodeText(text, node);
    const cls = ancestor(member, 'ClassDefinition');
    if (!cls) return undefined;
    let result: { hint: ShapeHint; from: number; to: number } | undefined;
    cls.cursor().iterate((ref) => {
      if (result) return false;
      if (ref.name !== 'AssignStatement') return undefined;
      const target = ref.node.firstChild;
      const value = ref.node.lastChild;
      if (target?.name === 'MemberExpression' && nodeText(text, target) === `self.${attribute}` && value) {
        const hint = layerHint(analysis, value.to);
        if (hint) result = { hint, from: node.from, to: node.to };
      }
      return undefined;
    });
    return result;
  }
  return undefined;
}

/** A name inside a function: the shape the statement assigning it produces, or the last one before. */
function variableAt(analysis: FileAnalysis, text: string, offset: number, tree: Tree): { hint: ShapeHint; from: number; to: number } | undefined {
  const node = tree.resolveInner(offset, 1);
  if (node.name !== 'VariableName') return undefined;
  const fn = ancestor(node, 'FunctionDefinition');
  const body = fn?.getChild('Body');
  if (!fn || !body || offset < body.from) return undefined;
  const name = nodeText(text, node);
  const statement = statementOf(node);
  const statements = analysis.hints.filter((h) => h.kind === 'statement' && h.at > body.from && h.at <= body.to && assigns(h.label, name));
  if ((statement?.name === 'AssignStatement' || statement?.name === 'UpdateStatement') && isTarget(statement, node)) {
    const own = statements.find((h) => h.at === lineEnd(text, statement.to));
    return own && { hint: own, from: node.from, to: node.to };
  }
  // A use: the value the name holds there, assigned by an earlier statement of the function.
  const before = statements.filter((h) => h.at <= (statement?.from ?? offset));
  const last = before[before.length - 1];
  return last && { hint: last, from: node.from, to: node.to };
}

/** A statement labelled `x` (or `x, y`) assigns `x`. */
function assigns(label: string, name: string): boolean {
  return label === name || label.split(/\s*,\s*/).includes(name);
}

function isTarget(statement: SyntaxNode, node: SyntaxNode): boolean {
  // Targets come before the first AssignOp / UpdateOp.
  for (let c = statement.firstChild; c; c = c.nextSibling) {
    if (c.name === 'AssignOp' || c.name === 'UpdateOp') return false;
    if (c.from <= node.from && node.to <= c.to) return true;
  }
  return false;
}

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node; n; n = n.parent) if (n.parent?.name === 'Body' || n.parent?.name === 'Script') return n;
  return undefined;
}

function ancestor(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (n.name === name) return n;
  return undefined;
}
