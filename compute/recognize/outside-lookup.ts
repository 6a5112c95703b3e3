/**
 * Scope-aware lookup of a name for reading values from outside the selection: what `name` refers
 * to where it is used (an assignment, a parameter, a class or a def), following Python's scopes.
 */
import type { SyntaxNode } from '@lezer/common';
import { parametersOf, Unresolved, type FileContext } from './file-context';
import { fileIndex, type NameAssign } from './outside-index';

/** The innermost def or class around a node (undefined: module level). */
export function scopeOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') return n;
  return undefined;
}

export const same = (a: SyntaxNode | undefined, b: SyntaxNode | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.from === b.from && a.to === b.to;

/** Is `stmt` a direct statement of its scope's body (not inside if/for/while/try/with)? */
export function straightLine(text: string, stmt: SyntaxNode): boolean {
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
export function lookup(ctx: FileContext, name: string, use: SyntaxNode): Lookup | undefined {
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
