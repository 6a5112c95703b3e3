/**
 * Objectives and flows written as expressions.
 *
 * Objectives: a selected expression in x, y (or x0 … xn) in Python/NumPy/PyTorch syntax
 * (`(1 - x)**2 + 100*(y - x**2)**2`, `np.sin(x) * torch.exp(-y)`), a `def f(x, y): return ...`
 * or a `lambda x, y: ...` (also `f = lambda ...`). With only a cursor, the function definition or
 * lambda around it.
 *
 * Flows (affine coupling layers, y = m⊙x + (1−m)⊙(x⊙exp(s) + t)), in either form:
 *  - a call whose name ends in `Coupling` with `mask`, `s` and `t` keywords, each of `s`/`t` a
 *    string expression or a lambda in x0, x1, …:
 *    `AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2")`, `AffineCoupling([1, 0], s=lambda x0: 0.5*x0, t=lambda x0: x0**2)`
 *    (several such calls in the selection form a stack);
 *  - assignments in the selection: `mask = [1, 0]` (optional; default [1, 0]), `s = lambda x0: ...`,
 *    `t = lambda x0: ...` (or string expressions).
 */
import type { SyntaxNode } from '@lezer/common';
import { compileExpression } from '../expr';
import type { AffineCouplingJson } from '../flow/types';
import { DEFAULT_STEPS } from './optim';
import { callsIn, nodeText, type PyCall } from '../python/syntax';
import { evaluate, resolveName, type FileContext } from './values';

/** The default optimizer for a recognized objective (listed in defaultsUsed). */
export const DEFAULT_OBJECTIVE_OPTIMIZER = { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.01 } };

export interface ObjectiveRecognition {
  [extra: string]: unknown;
  kind: 'optimizer';
  optimizer: { name: string; framework: string; hyperparameters: Record<string, unknown>; defaultsUsed: string[] };
  objective: { expr: string };
  start: number[];
  steps: number;
  variables: string[];
  notes: string[];
  warnings: string[];
  source: { from: number; to: number };
}

export interface FlowRecognition {
  kind: 'flow';
  layers: AffineCouplingJson[];
  points: number[][];
  notes: string[];
  warnings: string[];
  source: { from: number; to: number };
}

/** A 5 × 5 grid on [−2, 2]² (or the diagonal in other dimensions). */
export function defaultPoints(dims: number): number[][] {
  const ticks = [-2, -1, 0, 1, 2];
  if (dims === 2) return ticks.flatMap((a) => ticks.map((b) => [a, b]));
  return ticks.map((v) => new Array(dims).fill(v));
}

function enclosing(ctx: FileContext, pos: number, names: string[]): SyntaxNode | undefined {
  let node: SyntaxNode | null = ctx.tree.resolveInner(pos, 0);
  for (; node; node = node.parent) if (names.includes(node.name)) return node;
  return undefined;
}

/** The expression source of an objective in the selection, or undefined. */
export function recognizeObjective(ctx: FileContext, from: number, to: number): ObjectiveRecognition | undefined {
  let src: string;
  let at = { from, to };
  if (from === to) {
    const node = enclosing(ctx, from, ['FunctionDefinition', 'LambdaExpression']);
    if (!node) return undefined;
    src = nodeText(ctx.text, node);
    at = { from: node.from, to: node.to };
  } else {
    src = ctx.text.slice(from, to).trim();
  }
  // `f = lambda x, y: …`, `loss = (1 - x)**2 + …` and `return …`: the expression is the right-hand side.
  src = src.replace(/^[A-Za-z_]\w*\s*=(?!=)\s*/, '').replace(/^return\s+/, '');
  if (!src || src.length > 10_000 || /^[A-Za-z_][\w.]*$/.test(src)) return undefined;
  // An objective depends on x, y or x0, x1, …; a constant such as `x = 1` is not one.
  if (!/^(def|lambda)\b/.test(src) && !/(?<![\w.])(x\d*|y)(?![\w(])/.test(src)) return undefined;
  // Names other than the coordinates that are assigned one number in the file are substituted.
  if (!/^(def|lambda)\b/.test(src)) {
    const names = new Set([...src.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?![\w.(])/g)].map((m) => m[1]));
    for (const name of names) {
      if (name === 'x' || name === 'y' || /^x\d+$/.test(name) || !ctx.bindings.has(name)) continue;
      const value = resolveName(ctx, name);
      if (typeof value !== 'number') throw new Error(`\`${name}\` is ${JSON.stringify(value)}, not a number.`);
      src = src.replace(new RegExp(`(?<![\\w.])${name}(?![\\w.(])`, 'g'), `(${value})`);
    }
  }
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(src);
  } catch {
    return undefined;
  }
  const vars = compiled.variables;
  const standard = (vars.length === 2 && vars[0] === 'x' && vars[1] === 'y') || (vars.length === 1 && vars[0] === 'x') || vars.every((v, i) => v === `x${i}`);
  if (vars.length === 0) return undefined;
  const isFunction = /^(def|lambda)\b/.test(src);
  if (!standard && !isFunction) {
    throw new Error(`The expression's variables are ${vars.join(', ')}; an objective uses x, y (2-D) or x0, x1, … (or wrap it in a lambda naming them).`);
  }
  return {
    kind: 'optimizer',
    optimizer: {
      ...DEFAULT_OBJECTIVE_OPTIMIZER,
      hyperparameters: { ...DEFAULT_OBJECTIVE_OPTIMIZER.hyperparameters },
      defaultsUsed: ['name', 'framework', 'lr'],
    },
    objective: { expr: src },
    // Not (1, 1): that is the minimum of the Rosenbrock-like functions people write; Rosenbrock's usual start instead.
    start: vars.length === 2 ? [-1.5, 2] : new Array(vars.length).fill(-1.5),
    steps: DEFAULT_STEPS,
    variables: [...vars],
    notes: ['No optimizer was selected: PyTorch Adam with lr = 0.01 is used (change it in the lab).'],
    warnings: [],
    resolved: { ...ctx.resolved },
    source: at,
  };
}

function netSource(ctx: FileContext, node: SyntaxNode, what: string): string {
  if (node.name === 'String') {
    const v = evaluate(ctx, node);
    if (typeof v === 'string') return v;
  }
  if (node.name === 'LambdaExpression') {
    const params = node.getChild('ParamList');
    const names = params
      ? nodeText(ctx.text, params)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    const body = params?.nextSibling?.nextSibling;
    if (!body) throw new Error(`${what}: an empty lambda.`);
    if (!names.every((n) => /^x\d+$/.test(n)))
      throw new Error(`${what}: the lambda's parameters must be named x0, x1, … (the coupling layer's input coordinates), not ${names.join(', ')}.`);
    return nodeText(ctx.text, body);
  }
  if (node.name === 'VariableName') {
    const list = ctx.bindings.get(nodeText(ctx.text, node));
    if (list?.length === 1) return netSource(ctx, list[0].node, what);
  }
  throw new Error(
    `${what} must be a string expression such as "tanh(x0)" or a lambda such as lambda x0: 0.5*x0, not \`${nodeText(ctx.text, node).slice(0, 60)}\`.`,
  );
}

function couplingFromCall(ctx: FileContext, call: PyCall): AffineCouplingJson {
  const maskNode = call.keywords.get('mask') ?? call.positional[0];
  const mask = maskNode ? evaluate(ctx, maskNode) : [1, 0];
  if (!Array.isArray(mask) || mask.some((m) => m !== 0 && m !== 1)) throw new Error(`${call.callee}: mask must be a list of 0s and 1s, such as [1, 0].`);
  const s = call.keywords.get('s') ?? call.positional[1];
  const t = call.keywords.get('t') ?? call.positional[2];
  return {
    type: 'affine_coupling',
    mask: mask as number[],
    ...(s ? { s: netSource(ctx, s, `${call.callee} s`) } : {}),
    ...(t ? { t: netSource(ctx, t, `${call.callee} t`) } : {}),
  };
}

export function recognizeFlow(ctx: FileContext, from: number, to: number): FlowRecognition | undefined {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to).filter(
    (c) => /Coupling$/.test(c.callee) && (from === to ? c.node.from <= from && from <= c.node.to : c.node.to > from && c.node.from < to),
  );
  if (calls.length) {
    const layers = calls.map((c) => couplingFromCall(ctx, c));
    return {
      kind: 'flow',
      layers,
      points: defaultPoints(layers[0].mask.length),
      notes: ['Default points: a 5 × 5 grid on [−2, 2]².'],
      warnings: [],
      source: { from: calls[0].node.from, to: calls[calls.length - 1].node.to },
    };
  }
  if (from === to) return undefined;
  // Assignments `s = ...`, `t = ...` (and `mask = ...`) inside the selection.
  const found: Record<string, SyntaxNode> = {};
  ctx.tree.iterate({
    from,
    to,
    enter(ref) {
      if (ref.name !== 'AssignStatement' || ref.from < from || ref.to > to) return;
      const target = ref.node.firstChild;
      const op = ref.node.getChild('AssignOp');
      const value = op?.nextSibling;
      if (target?.name === 'VariableName' && value) {
        const name = nodeText(ctx.text, target);
        if (['s', 't', 'mask'].includes(name)) found[name] = value;
      }
    },
  });
  if (!found.s && !found.t) return undefined;
  const mask = found.mask ? evaluate(ctx, found.mask) : [1, 0];
  if (!Array.isArray(mask) || mask.some((m) => m !== 0 && m !== 1)) throw new Error('mask must be a list of 0s and 1s, such as [1, 0].');
  const layer: AffineCouplingJson = {
    type: 'affine_coupling',
    mask: mask as number[],
    ...(found.s ? { s: netSource(ctx, found.s, 's') } : {}),
    ...(found.t ? { t: netSource(ctx, found.t, 't') } : {}),
  };
  return {
    kind: 'flow',
    layers: [layer],
    points: defaultPoints(layer.mask.length),
    notes: [found.mask ? '' : 'No mask was given: [1, 0] is used.', 'Default points: a 5 × 5 grid on [−2, 2]².'].filter(Boolean),
    warnings: [],
    source: { from, to },
  };
}
