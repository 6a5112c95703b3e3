/**
 * Following names to calls for the optimizer recognizer: `opt` → `opt = torch.optim.SGD(...)`,
 * through the argument bound to a parameter of a helper being read, the file's calls of a def
 * whose parameter it is, and helpers of the file that return an optimizer or a scheduler (their
 * `if`/`elif` decided where the condition can be read).
 */
import type { SyntaxNode } from '@lezer/common';
import { lineNumbers } from './file-context';
import { calleeKind } from './optim-names';
import { lookupName } from './outside';
import { callsIn, nodeText, readCall, type Literal, type PyCall } from '../python/syntax';
import { evaluate, parameterNames, withArguments, type FileContext } from './values';

/** The argument bound to a parameter of an enclosing helper being read for one call. */
function frameArgument(ctx: FileContext, node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name !== 'FunctionDefinition') continue;
    const arg = ctx.frames?.get(n.from)?.get(name);
    if (arg) return arg;
  }
  return undefined;
}

/** The call an expression is, or that the name it is was last assigned in its scope. */
export function callOf(ctx: FileContext, node: SyntaxNode, depth = 0, trail?: string[]): PyCall | undefined {
  if (depth > 8) return undefined;
  if (node.name === 'CallExpression') {
    const call = readCall(ctx.text, node);
    if (!call || calleeKind(ctx, call.callee)) return call;
    // A helper of the file (`build_optimizer(args, model)`): the call it returns.
    const found = call.callee.includes('.') ? undefined : lookupName(ctx, call.callee, node);
    if (found?.kind !== 'def') return call;
    const args = bindCall(ctx, found.def, call);
    const returned = withArguments(ctx, found.def, args, () => returnedNode(ctx, found.def));
    const inner = returned && withArguments(ctx, found.def, args, () => callOf(ctx, returned.node, depth + 1, trail));
    if (!inner || !calleeKind(ctx, inner.callee)) return call;
    trail?.push(
      `${nodeText(ctx.text, call.node).slice(0, 60)} (line ${lineOf(ctx, call.node.from)}) returns ${inner.callee}(...) (line ${lineOf(ctx, inner.node.from)})${returned.taken.length ? `: ${returned.taken.join(', ')}` : ''}.`,
    );
    return inner;
  }
  if (node.name !== 'VariableName') return undefined;
  const name = nodeText(ctx.text, node);
  const arg = frameArgument(ctx, node, name);
  if (arg) return callOf(ctx, arg, depth + 1, trail);
  const found = lookupName(ctx, name, node);
  if (found?.kind === 'assign' && found.assign.tupleIndex === undefined) return callOf(ctx, found.assign.value, depth + 1, trail);
  if (found?.kind === 'param') {
    // A parameter (`def build_scheduler(args, optimizer)`): what the file's calls of the def pass.
    const fnName = nodeText(ctx.text, found.def.getChild('VariableName')!);
    const passed = callsIn(ctx.tree, ctx.text)
      .filter((c) => c.callee === fnName)
      .map((c) => c.keywords.get(name) ?? c.positional[found.index])
      .filter((n): n is SyntaxNode => !!n)
      .map((n) => callOf(ctx, n, depth + 1, trail));
    if (passed.length && passed.every((c) => c && c.node.from === passed[0]!.node.from)) {
      trail?.push(
        `\`${name}\` is a parameter of ${fnName}(); the file's ${passed.length > 1 ? `${passed.length} calls` : 'call'} of ${fnName}() pass${passed.length > 1 ? '' : 'es'} ${passed[0]!.callee}(...) (line ${lineOf(ctx, passed[0]!.node.from)}).`,
      );
      return passed[0];
    }
  }
  return undefined;
}

/** The truth of a condition written with values the recognizer can read (`args.optimizer == "adamw"`); undefined when it cannot tell. */
function condition(ctx: FileContext, node: SyntaxNode): boolean | undefined {
  const { text } = ctx;
  const value = (n: SyntaxNode): Literal | undefined => {
    try {
      return evaluate(ctx, n);
    } catch {
      return undefined;
    }
  };
  if (node.name === 'ParenthesizedExpression') {
    const inner = node.firstChild?.nextSibling;
    return inner ? condition(ctx, inner) : undefined;
  }
  if (node.name === 'UnaryExpression' && node.firstChild?.name === 'not') {
    const c = node.lastChild ? condition(ctx, node.lastChild) : undefined;
    return c === undefined ? undefined : !c;
  }
  if (node.name === 'BinaryExpression') {
    const left = node.firstChild!;
    const op = left.nextSibling!;
    const right = node.lastChild!;
    const symbol = nodeText(text, op).replace(/\s+/g, ' ');
    if (symbol === 'and' || symbol === 'or') {
      const a = condition(ctx, left);
      if (a === undefined) return undefined;
      if (symbol === 'and' ? !a : a) return a;
      return condition(ctx, right);
    }
    if (op.name !== 'CompareOp' && !['in', 'not in', 'is', 'is not'].includes(symbol)) return undefined;
    const a = value(left);
    const b = value(right);
    if (a === undefined || b === undefined) return undefined;
    const eq = JSON.stringify(a) === JSON.stringify(b);
    switch (symbol) {
      case '==':
      case 'is':
        return eq;
      case '!=':
      case 'is not':
        return !eq;
      case 'in':
      case 'not in': {
        if (!Array.isArray(b) && typeof b !== 'string') return undefined;
        const has = Array.isArray(b) ? b.some((x) => JSON.stringify(x) === JSON.stringify(a)) : typeof a === 'string' && b.includes(a);
        return symbol === 'in' ? has : !has;
      }
    }
    if (typeof a !== 'number' || typeof b !== 'number') return undefined;
    return symbol === '<' ? a < b : symbol === '<=' ? a <= b : symbol === '>' ? a > b : symbol === '>=' ? a >= b : undefined;
  }
  const v = value(node);
  if (v === undefined) return undefined;
  return !(v === false || v === 0 || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

/**
 * What a def returns when it runs with the arguments bound in ctx.frames: its statements in
 * order, `if`/`elif`/`else` decided where the condition can be read. Undefined when a branch
 * cannot be decided or there is no return.
 */
function returnedNode(ctx: FileContext, def: SyntaxNode): { node: SyntaxNode; taken: string[] } | undefined {
  const taken: string[] = [];
  const walk = (body: SyntaxNode | null): SyntaxNode | undefined | 'unknown' => {
    for (let s = body?.firstChild ?? null; s; s = s.nextSibling) {
      if (s.name === 'ReturnStatement') {
        const v = s.lastChild;
        return v && v.name !== 'return' ? v : 'unknown';
      }
      if (s.name !== 'IfStatement') continue;
      for (let c = s.firstChild; c; c = c.nextSibling) {
        if (c.name === 'if' || c.name === 'elif') {
          const cond = c.nextSibling!;
          const truth = condition(ctx, cond);
          if (truth === undefined) return 'unknown';
          taken.push(`\`${nodeText(ctx.text, cond)}\` is ${truth ? 'True' : 'False'}`);
          if (truth) {
            const r = walk(cond.nextSibling);
            if (r) return r;
            break;
          }
        } else if (c.name === 'else') {
          const r = walk(c.nextSibling);
          if (r) return r;
          break;
        }
      }
    }
    return undefined;
  };
  const r = walk(def.getChild('Body'));
  return r && r !== 'unknown' ? { node: r, taken } : undefined;
}

/** The arguments of a call of a def of the file, by the def's parameter names. */
export function bindCall(ctx: FileContext, def: SyntaxNode, call: PyCall): Map<string, SyntaxNode> {
  const params = parameterNames(ctx, def);
  const args = new Map<string, SyntaxNode>();
  call.positional.forEach((a, i) => params[i] && args.set(params[i], a));
  for (const [k, v] of call.keywords) args.set(k, v);
  return args;
}

interface HelperCall {
  def: SyntaxNode;
  /** The optimizer or scheduler call the helper returns. */
  inner: PyCall;
  args: Map<string, SyntaxNode>;
}

/** `make_scheduler(opt, 1000)` where `def make_scheduler(...)` returns a scheduler (or optimizer) call. */
export function helperCall(ctx: FileContext, call: PyCall): (HelperCall & { taken: string[] }) | undefined {
  if (call.callee.includes('.')) return undefined;
  const found = lookupName(ctx, call.callee, call.node);
  if (found?.kind !== 'def') return undefined;
  const def = found.def;
  const args = bindCall(ctx, def, call);
  const returned = withArguments(ctx, def, args, () => returnedNode(ctx, def));
  if (!returned) return undefined;
  const inner = withArguments(ctx, def, args, () => callOf(ctx, returned.node));
  if (!inner || inner.node.from < def.from || inner.node.to > def.to) return undefined;
  const k = calleeKind(ctx, inner.callee);
  if (!k || !['optimizer', 'torch-scheduler', 'keras-schedule', 'optax-schedule'].includes(k.kind)) return undefined;
  return { def, inner, args, taken: returned.taken };
}

/** The items of a list or tuple, written there or assigned to the name given. */
export function listItems(ctx: FileContext, node: SyntaxNode): SyntaxNode[] {
  let list: SyntaxNode | undefined = node;
  if (node.name === 'VariableName') {
    const found = lookupName(ctx, nodeText(ctx.text, node), node);
    list = found?.kind === 'assign' ? found.assign.value : undefined;
  }
  if (!list || !['ArrayExpression', 'TupleExpression'].includes(list.name)) return [];
  const out: SyntaxNode[] = [];
  for (let c: SyntaxNode | null = list.firstChild; c; c = c.nextSibling) if (!['[', ']', '(', ')', ','].includes(c.name)) out.push(c);
  return out;
}

/** The 1-based line of an offset. */
export function lineOf(ctx: FileContext, offset: number): number {
  return lineNumbers(ctx.text)(offset);
}
