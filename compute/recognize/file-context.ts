/**
 * What the recognizer's value readers share: the file being read, its bindings, what was resolved
 * and from where, and the helper frames being followed; and the two syntax readers both use (a
 * node's items, a def's parameters). A leaf module, so that values.ts (literals, names,
 * arithmetic) and outside.ts (argparse and config objects) can call each other's readers without
 * importing each other.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { nodeText, type Literal } from '../python/syntax';
import { lineAt, lineStartsOf } from '../text';

export interface Binding {
  /** The assigned expression. */
  node: SyntaxNode;
  line: number;
}

export interface FileContext {
  text: string;
  tree: Tree;
  bindings: Map<string, Binding[]>;
  /** Names resolved while reading the selection, with their values. */
  resolved: Record<string, Literal>;
  /** Where a resolved value came from, when it is not a plain assignment ("the argparse default of --lr (line 12)"); see outside.ts. */
  resolvedFrom?: Record<string, string>;
  /**
   * While a helper's body is read for one call of it (`conv3x3(64, 128, stride=2)`): the
   * argument node bound to each parameter, by the helper def's offset (see withArguments).
   */
  frames?: Map<number, Map<string, SyntaxNode>>;
}

/** Run `read` with `def`'s parameters bound to a call's argument nodes (evaluated where the call is). */
export function withArguments<T>(ctx: FileContext, def: SyntaxNode, args: Map<string, SyntaxNode>, read: () => T): T {
  ctx.frames ??= new Map();
  const before = ctx.frames.get(def.from);
  ctx.frames.set(def.from, args);
  try {
    return read();
  } finally {
    if (before) ctx.frames.set(def.from, before);
    else ctx.frames.delete(def.from);
  }
}

/** A value that cannot be read statically; the message says why, in the user's terms. */
export class Unresolved extends Error {}

/** 1-based line numbers by offset: the line starts found once, then a binary search per lookup. */
export function lineNumbers(text: string): (offset: number) => number {
  const starts = lineStartsOf(text);
  return (offset) => lineAt(starts, offset);
}

/** The children of `node` between `from` and `to`, brackets and commas left out. */
export function items(node: SyntaxNode, from: number, to: number): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c: SyntaxNode | null = node.firstChild; c; c = c.nextSibling) {
    if (c.from >= from && c.to <= to && !['(', ')', '[', ']', ','].includes(c.name)) out.push(c);
  }
  return out;
}

/** A def's parameters in order (`self`, `*args` and `**kwargs` included as written), each with its default value node when it has one. */
export function parametersOf(text: string, def: SyntaxNode): { name: string; default?: SyntaxNode }[] {
  const out: { name: string; default?: SyntaxNode }[] = [];
  for (let c = def.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name !== 'VariableName') continue;
    let next = c.nextSibling;
    if (next?.name === 'TypeDef') next = next.nextSibling;
    out.push({ name: nodeText(text, c), default: next?.name === 'AssignOp' ? (next.nextSibling ?? undefined) : undefined });
    // Skip the default itself (it may be a name too).
    if (next?.name === 'AssignOp') c = next.nextSibling ?? next;
  }
  return out;
}
