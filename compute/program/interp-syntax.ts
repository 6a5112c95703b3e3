/** The Python syntax the evaluator reads beside the tree walk: parsed files, parameter lists, literals, names a statement binds. */
import type { SyntaxNode } from '@lezer/common';
import { nodeText, parsePython } from '../python/syntax';
import { type FileNS } from './objects';
import { NotUnderstood } from './values';

const trees = new WeakMap<FileNS, SyntaxNode>();
export function parseTree(file: FileNS): SyntaxNode {
  let t = trees.get(file);
  if (!t) {
    t = parsePython(file.text).topNode;
    trees.set(file, t);
  }
  return t;
}

export interface ParamSpec {
  name: string;
  kind: 'normal' | 'varargs' | 'kwargs' | 'kwonly';
  default?: SyntaxNode;
}

export function paramSpecs(interp: { file: FileNS }, params: SyntaxNode | null, file?: FileNS): ParamSpec[] {
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
export function exprChildren(node: SyntaxNode, keepKeywords = false): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (['(', ')', '[', ']', '{', '}', ',', 'Comment'].includes(c.name)) continue;
    if (!keepKeywords && (c.name === 'return' || c.name === 'if' || c.name === 'else' || c.name === 'lambda')) continue;
    out.push(c);
  }
  if (node.name === 'ReturnStatement') return out.filter((c) => c.name !== 'return');
  return out;
}

export function hasTrailingComma(node: SyntaxNode): boolean {
  let last = node.lastChild;
  if (last && (last.name === ')' || last.name === ']')) last = last.prevSibling;
  return last?.name === ',';
}

export function parseNumber(raw: string, line: number): number {
  const clean = raw.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) throw new NotUnderstood(`the complex number ${raw} is not read`, line);
  const v = /^0[xob]/i.test(clean) ? Number(clean) : Number(clean.replace(/[lL]$/, ''));
  if (Number.isNaN(v)) throw new NotUnderstood(`the number ${raw} is not read`, line);
  return v;
}

export function parseString(raw: string): string {
  const m = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(raw);
  if (!m) return raw;
  const body = m[3];
  if (/r/i.test(m[1])) return body;
  return body.replace(/\\(n|t|\\|'|")/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' })[c] ?? c);
}

/** Names a statement binds (for marking them opaque when it is not understood). */
export function assignedNames(interp: { text(node: SyntaxNode): string }, s: SyntaxNode): string[] {
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
