/**
 * Values of argument expressions: literals, and names bound to literals elsewhere in the same
 * file (`lr = 3e-4`, `C = 64`, `k, s = 3, 2`), with simple arithmetic on numbers (`C * 2`), and
 * argparse defaults and config objects (`args.lr`, `cfg.optim.lr`; outside.ts). A
 * name that is never bound, bound to something that is not a literal, or bound to different
 * values in several places is an error naming the variable; nothing is guessed.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { items, lineNumbers, parametersOf, Unresolved, type Binding, type FileContext } from './file-context';
import { outsideValue } from './outside';
import { literalValue, nodeText, NotLiteral, type Literal } from '../python/syntax';
import { pyArith } from '../python/arithmetic';

export { Unresolved, withArguments, type Binding, type FileContext } from './file-context';

/** The parameter names of a def, in order (`self`, `*args` and `**kwargs` included as written). */
export function parameterNames(ctx: FileContext, def: SyntaxNode): string[] {
  return parametersOf(ctx.text, def).map((p) => p.name);
}

/** Every `name = value` (and `a, b = 1, 2`) assignment in the file. */
export function fileContext(text: string, tree: Tree): FileContext {
  const bindings = new Map<string, Binding[]>();
  const lineOf = lineNumbers(text);
  const bind = (name: string, node: SyntaxNode) => {
    const list = bindings.get(name) ?? [];
    list.push({ node, line: lineOf(node.from) });
    bindings.set(name, list);
  };
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'AssignStatement') return;
      const node = ref.node;
      const ops = node.getChildren('AssignOp');
      if (ops.length !== 1) return;
      const op = ops[0];
      const targets = items(node, node.from, op.from);
      const values = items(node, op.to, node.to);
      if (targets.length === 1 && values.length === 1) {
        if (targets[0].name === 'VariableName') bind(nodeText(text, targets[0]), values[0]);
      } else if (targets.length === values.length) {
        targets.forEach((t, i) => t.name === 'VariableName' && bind(nodeText(text, t), values[i]));
      } else if (values.length === 1 && ['TupleExpression', 'ParenthesizedExpression'].includes(values[0].name)) {
        const inner = items(values[0], values[0].from, values[0].to);
        if (inner.length === targets.length) targets.forEach((t, i) => t.name === 'VariableName' && bind(nodeText(text, t), inner[i]));
      }
    },
  });
  return { text, tree, bindings, resolved: {} };
}

/** The enclosing def that takes `name` as a parameter, with the parameter's default value node. */
function parameterOf(
  ctx: FileContext,
  node: SyntaxNode,
  name: string,
): { fn: string; default?: SyntaxNode; argument?: SyntaxNode; helper?: boolean } | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.name !== 'FunctionDefinition') continue;
    const frame = ctx.frames?.get(n.from);
    const argument = frame?.get(name);
    if (argument) return { fn: '', argument };
    const param = parametersOf(ctx.text, n).find((p) => p.name === name);
    if (!param) continue;
    const fnName = n.getChild('VariableName');
    return { fn: fnName ? nodeText(ctx.text, fnName) : 'the function', default: param.default, helper: frame !== undefined };
  }
  return undefined;
}

const same = (a: Literal, b: Literal): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The single literal value a name is bound to in the file; throws Unresolved naming it otherwise. */
export function resolveName(ctx: FileContext, name: string, seen: Set<string> = new Set()): Literal {
  const list = ctx.bindings.get(name);
  if (!list?.length)
    throw new Unresolved(
      `\`${name}\` is not assigned a literal value in this file, so it cannot be resolved; write the value or select code where it is assigned`,
    );
  if (seen.has(name)) throw new Unresolved(`\`${name}\` is defined in terms of itself`);
  seen.add(name);
  const values = list.map((b) => {
    try {
      return evaluate(ctx, b.node, seen);
    } catch (e) {
      if (e instanceof NotLiteral || e instanceof Unresolved) {
        throw new Unresolved(`\`${name}\` (line ${b.line}) is \`${nodeText(ctx.text, b.node).slice(0, 60)}\`, not a literal, so it cannot be resolved`);
      }
      throw e;
    }
  });
  seen.delete(name);
  const distinct = values.filter((v, i) => values.findIndex((w) => same(v, w)) === i);
  if (distinct.length > 1) {
    throw new Unresolved(
      `\`${name}\` is assigned different values (${list.map((b, i) => `line ${b.line}: ${JSON.stringify(values[i])}`).join(', ')}), so it cannot be resolved; write the value`,
    );
  }
  ctx.resolved[name] = values[0];
  return values[0];
}

/** Python's round(x) (halves to even); exact for the numbers configs hold. */
const pyRound = (x: number) => (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x));

/** Numeric builtins that are pure functions of their arguments (no keyword arguments). */
const PURE: Record<string, (a: number[]) => number | undefined> = {
  int: (a) => (a.length === 1 ? Math.trunc(a[0]) : undefined),
  float: (a) => (a.length === 1 ? a[0] : undefined),
  abs: (a) => (a.length === 1 ? Math.abs(a[0]) : undefined),
  round: (a) => (a.length === 1 ? pyRound(a[0]) : undefined),
  min: (a) => Math.min(...a),
  max: (a) => Math.max(...a),
  'math.ceil': (a) => (a.length === 1 ? Math.ceil(a[0]) : undefined),
  'math.floor': (a) => (a.length === 1 ? Math.floor(a[0]) : undefined),
  'math.sqrt': (a) => (a.length === 1 && a[0] >= 0 ? Math.sqrt(a[0]) : undefined),
};

/** The value of an expression: literals, resolvable names, and arithmetic on numbers. */
export function evaluate(ctx: FileContext, node: SyntaxNode, seen: Set<string> = new Set()): Literal {
  const { text } = ctx;
  switch (node.name) {
    case 'VariableName': {
      const name = nodeText(text, node);
      const param = parameterOf(ctx, node, name);
      if (!param) return resolveName(ctx, name, seen);
      // Inside a helper read for one call: the argument passed, evaluated in the caller's scope.
      if (param.argument) return evaluate(ctx, param.argument, seen);
      // A parameter of an enclosing def shadows the file's names: its default is the value the
      // code uses when the caller does not pass one (reported in `resolved`).
      if (!param.default)
        throw new Unresolved(
          `\`${name}\` is a parameter of ${param.fn}() without a default, so its value is known only where ${param.fn}() is called; write the value`,
        );
      const value = evaluate(ctx, param.default, seen);
      // A helper's own default (conv3x3's stride=1) is part of the helper, not a name of the file.
      if (!param.helper) ctx.resolved[name] = value;
      return value;
    }
    case 'BinaryExpression': {
      const parts = items(node, node.from, node.to);
      if (parts.length === 3) {
        const a = evaluate(ctx, parts[0], seen);
        const b = evaluate(ctx, parts[2], seen);
        const op = nodeText(text, parts[1]).trim();
        if (typeof a === 'number' && typeof b === 'number') {
          const v = pyArith(op, a, b);
          if (v !== undefined && Number.isFinite(v)) return v;
        }
        if (op === '*' && Array.isArray(a) && typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 16)
          return Array.from({ length: b }, () => a).flat();
      }
      break;
    }
    case 'UnaryExpression': {
      const op = node.firstChild;
      const operand = node.lastChild;
      if (op && operand && operand !== op) {
        const v = evaluate(ctx, operand, seen);
        const sign = nodeText(text, op);
        if (typeof v === 'number' && (sign === '-' || sign === '+')) return sign === '-' ? -v : v;
      }
      break;
    }
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      if (inner && inner.name !== ')') return evaluate(ctx, inner, seen);
      break;
    }
    case 'DictionaryExpression': {
      // {k: v, ...} → [[k, v], ...] (Literal has no dict; optax's boundaries_and_scales is one).
      const parts = items(node, node.from, node.to).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ':');
      if (parts.length % 2 === 0 && !parts.some((c) => c.name === '**')) {
        const out: Literal[] = [];
        for (let i = 0; i < parts.length; i += 2) out.push([evaluate(ctx, parts[i], seen), evaluate(ctx, parts[i + 1], seen)]);
        return out;
      }
      break;
    }
    case 'TupleExpression':
    case 'ArrayExpression':
      return items(node, node.from, node.to).map((c) => evaluate(ctx, c, seen));
    case 'MemberExpression': {
      // args.lr, cfg.optim.lr, config["lr"]: argparse defaults and config objects of the file.
      const value = outsideValue(ctx, node, seen, evaluate);
      if (value !== undefined) return value;
      break;
    }
    case 'CallExpression': {
      // Pure numeric builtins: int(…), round(…), max(…), math.ceil(…), …
      const callee = node.firstChild;
      const name = callee ? nodeText(text, callee) : '';
      const fn = Object.hasOwn(PURE, name) ? PURE[name] : undefined;
      const args = node.getChild('ArgList');
      if (!fn || !args) break;
      const values = items(args, args.from, args.to).map((c) => evaluate(ctx, c, seen));
      const numbers = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
      if (numbers.length && numbers.every((v) => typeof v === 'number')) {
        const v = fn(numbers as number[]);
        if (v !== undefined && Number.isFinite(v)) return v;
      }
      break;
    }
    default:
      return literalValue(text, node);
  }
  throw new NotLiteral(`\`${nodeText(text, node)}\``);
}
