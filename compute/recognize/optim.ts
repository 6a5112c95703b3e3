/**
 * Optimizers and learning-rate schedules from code: `torch.optim.*`, `keras.optimizers.*`,
 * `optax.*`, `torch.optim.lr_scheduler.*`, Keras and optax schedules, in every import form
 * (optim-names.ts). Arguments are bound by the framework's positional order and validated by
 * compute/optim's own tables (buildOptimizer, scheduleValues), which also fill and list the
 * framework defaults. Values may come from outside the call (`args.lr`, `cfg.optim.lr`;
 * outside.ts). A scheduler finds its optimizer through the variable it is given; a call of a
 * helper of the file that returns an optimizer or a scheduler is read with the helper's
 * parameters bound to the call's arguments, and a selection inside such a helper is bound where
 * the helper is called.
 */
import type { SyntaxNode } from '@lezer/common';
import { kerasSchedule } from '../optim/keras-schedules';
import { optaxSchedule } from '../optim/schedules';
import { buildOptimizer, resolveObjective, scheduleValues, type ObjectiveSpec, type OptimizerRequest, type ScheduleSpec } from '../optim';
import { readArgs } from './conv';
import { classify, importTable, qualify, type CalleeKind, type OptimizerFramework } from './optim-names';
import { lookupName } from './outside';
import { callsIn, nodeText, readCall, type Literal, type PyCall } from '../python/syntax';
import { evaluate, withArguments, type FileContext } from './values';

/** Positional order of each optimizer's arguments (the first torch one is the parameters). */
const POSITIONAL: Record<OptimizerFramework, Record<string, string[]>> = {
  pytorch: {
    sgd: ['params', 'lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
    adam: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    adamw: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    rmsprop: ['params', 'lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered'],
    adagrad: ['params', 'lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps'],
    adadelta: ['params', 'lr', 'rho', 'eps', 'weight_decay', 'foreach'],
    adamax: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'foreach'],
    nadam: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay'],
    radam: ['params', 'lr', 'betas', 'eps', 'weight_decay', 'decoupled_weight_decay'],
    rprop: ['params', 'lr', 'etas', 'step_sizes'],
    asgd: ['params', 'lr', 'lambd', 'alpha', 't0', 'weight_decay', 'foreach', 'maximize'],
  },
  keras: {
    sgd: ['learning_rate', 'momentum', 'nesterov', 'weight_decay'],
    adam: ['learning_rate', 'beta_1', 'beta_2', 'epsilon', 'amsgrad', 'weight_decay'],
    adamw: ['learning_rate', 'weight_decay', 'beta_1', 'beta_2', 'epsilon', 'amsgrad'],
    rmsprop: ['learning_rate', 'rho', 'momentum', 'epsilon', 'centered', 'weight_decay'],
    adagrad: ['learning_rate', 'initial_accumulator_value', 'epsilon', 'weight_decay'],
    adadelta: ['learning_rate', 'rho', 'epsilon', 'weight_decay'],
    adamax: ['learning_rate', 'beta_1', 'beta_2', 'epsilon', 'weight_decay'],
    nadam: ['learning_rate', 'beta_1', 'beta_2', 'epsilon', 'weight_decay'],
  },
  optax: {
    sgd: ['learning_rate', 'momentum', 'nesterov'],
    adam: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root'],
    adamw: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root', 'mu_dtype', 'weight_decay'],
    rmsprop: ['learning_rate', 'decay', 'eps', 'initial_scale', 'eps_in_sqrt', 'centered', 'momentum', 'nesterov'],
    adagrad: ['learning_rate', 'initial_accumulator_value', 'eps'],
    nadam: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root', 'mu_dtype'],
    nadamw: ['learning_rate', 'b1', 'b2', 'eps', 'eps_root', 'mu_dtype', 'weight_decay'],
  },
};

/** Keras optimizer arguments that change the update but are not simulated (named in a warning). */
const KERAS_NOT_SIMULATED: Record<string, string> = {
  clipnorm: 'gradient clipping by norm',
  clipvalue: 'gradient clipping by value',
  global_clipnorm: 'gradient clipping by global norm',
  use_ema: 'an exponential moving average of the weights',
  ema_momentum: 'the weight EMA’s momentum',
  ema_overwrite_frequency: 'the weight EMA’s overwrite frequency',
  loss_scale_factor: 'loss scaling',
  gradient_accumulation_steps: 'gradient accumulation',
  jit_compile: 'XLA compilation (no effect on the maths)',
  mesh: 'distribution (no effect on the maths)',
};

/** Positional order of PyTorch schedulers' arguments after the optimizer. */
const TORCH_SCHEDULER_ARGS: Record<string, string[]> = {
  LambdaLR: ['lr_lambda', 'last_epoch', 'verbose'],
  MultiplicativeLR: ['lr_lambda', 'last_epoch', 'verbose'],
  StepLR: ['step_size', 'gamma', 'last_epoch', 'verbose'],
  MultiStepLR: ['milestones', 'gamma', 'last_epoch', 'verbose'],
  ConstantLR: ['factor', 'total_iters', 'last_epoch', 'verbose'],
  LinearLR: ['start_factor', 'end_factor', 'total_iters', 'last_epoch', 'verbose'],
  ExponentialLR: ['gamma', 'last_epoch', 'verbose'],
  SequentialLR: ['schedulers', 'milestones', 'last_epoch', 'verbose'],
  PolynomialLR: ['total_iters', 'power', 'last_epoch', 'verbose'],
  CosineAnnealingLR: ['T_max', 'eta_min', 'last_epoch', 'verbose'],
  ChainedScheduler: ['schedulers', 'optimizer'],
  ReduceLROnPlateau: ['mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown', 'min_lr', 'eps', 'verbose'],
  CyclicLR: [
    'base_lr',
    'max_lr',
    'step_size_up',
    'step_size_down',
    'mode',
    'gamma',
    'scale_fn',
    'scale_mode',
    'cycle_momentum',
    'base_momentum',
    'max_momentum',
    'last_epoch',
    'verbose',
  ],
  CosineAnnealingWarmRestarts: ['T_0', 'T_mult', 'eta_min', 'last_epoch', 'verbose'],
  OneCycleLR: [
    'max_lr',
    'total_steps',
    'epochs',
    'steps_per_epoch',
    'pct_start',
    'anneal_strategy',
    'cycle_momentum',
    'base_momentum',
    'max_momentum',
    'div_factor',
    'final_div_factor',
    'three_phase',
    'last_epoch',
    'verbose',
  ],
};

/** Keras schedules' positional order (keras/src/optimizers/schedules/learning_rate_schedule.py). */
const KERAS_SCHEDULE_ARGS: Record<string, string[]> = {
  ExponentialDecay: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name'],
  PiecewiseConstantDecay: ['boundaries', 'values', 'name'],
  PolynomialDecay: ['initial_learning_rate', 'decay_steps', 'end_learning_rate', 'power', 'cycle', 'name'],
  InverseTimeDecay: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name'],
  CosineDecay: ['initial_learning_rate', 'decay_steps', 'alpha', 'name', 'warmup_target', 'warmup_steps'],
  CosineDecayRestarts: ['initial_learning_rate', 'first_decay_steps', 't_mul', 'm_mul', 'alpha', 'name'],
};

/** optax schedules' positional order (optax/schedules/_schedule.py, _join.py). */
const OPTAX_ORDER: Record<string, string[]> = {
  constant_schedule: ['value'],
  polynomial_schedule: ['init_value', 'end_value', 'power', 'transition_steps', 'transition_begin'],
  linear_schedule: ['init_value', 'end_value', 'transition_steps', 'transition_begin'],
  piecewise_constant_schedule: ['init_value', 'boundaries_and_scales'],
  exponential_decay: ['init_value', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value'],
  cosine_decay_schedule: ['init_value', 'decay_steps', 'alpha', 'exponent'],
  warmup_constant_schedule: ['init_value', 'peak_value', 'warmup_steps'],
  warmup_cosine_decay_schedule: ['init_value', 'peak_value', 'warmup_steps', 'decay_steps', 'end_value', 'exponent'],
  warmup_exponential_decay_schedule: [
    'init_value',
    'peak_value',
    'warmup_steps',
    'transition_steps',
    'decay_rate',
    'transition_begin',
    'staircase',
    'end_value',
  ],
  cosine_onecycle_schedule: ['transition_steps', 'peak_value', 'pct_start', 'div_factor', 'final_div_factor'],
  linear_onecycle_schedule: ['transition_steps', 'peak_value', 'pct_start', 'pct_final', 'div_factor', 'final_div_factor'],
  join_schedules: ['schedules', 'boundaries'],
};

/** The optimizer a callee names (no file context: the usual spellings and bare class names). */
export function optimizerCallee(callee: string): { framework: OptimizerFramework; name: string } | undefined {
  const k = classify(qualify({ names: new Map(), star: [] }, callee));
  return k?.kind === 'optimizer' ? { framework: k.framework, name: k.kind === 'optimizer' && k.framework === 'optax' ? optaxName(k.name) : k.name } : undefined;
}

/** optax.nadam(w) is optax.adam(w) with nesterov=True. */
const optaxName = (fn: string) => (fn === 'nadam' ? 'adam' : fn === 'nadamw' ? 'adamw' : fn);

export interface ScheduleFound {
  schedule: ScheduleSpec;
  /** The initial learning rate an optax/Keras schedule carries. */
  initialLr?: number;
  /** The optimizer expression a PyTorch scheduler is built on. */
  optimizerNode?: SyntaxNode;
  notes: string[];
  warnings: string[];
  call: PyCall;
}

const lit = (v: Literal | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

function named(owner: string, args: { positional: Literal[]; keywords: Map<string, Literal> }, order: string[]): Record<string, Literal> {
  const out: Record<string, Literal> = {};
  args.positional.forEach((v, i) => {
    if (i >= order.length) throw new Error(`${owner} takes at most ${order.length} positional arguments.`);
    out[order[i]] = v;
  });
  for (const [k, v] of args.keywords) out[k] = v;
  return out;
}

/** A call's argument nodes by parameter name (positional ones by `order`, from `offset`). */
function argsByName(call: PyCall, order: string[], offset = 0): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  call.positional.forEach((n, i) => {
    if (i < offset) return;
    const name = order[i - offset];
    if (!name) throw new Error(`${call.callee} takes at most ${order.length + offset} positional arguments, not ${call.positional.length}.`);
    out.set(name, n);
  });
  for (const [k, n] of call.keywords) {
    if (out.has(k)) throw new Error(`${call.callee} got multiple values for argument '${k}'.`);
    out.set(k, n);
  }
  return out;
}

/** The values of argument nodes (names resolved, outside values read), by name. */
function valuesOf(ctx: FileContext, call: PyCall, nodes: Map<string, SyntaxNode>): Record<string, Literal> {
  return Object.fromEntries(readArgs(ctx, { ...call, positional: [], keywords: nodes }).keywords);
}

interface Reading {
  ctx: FileContext;
  notes: string[];
  warnings: string[];
  depth: number;
}

// ---------------------------------------------------------------------------------------------
// Following names to calls: `opt` → `opt = torch.optim.SGD(...)`, through helper frames.
// ---------------------------------------------------------------------------------------------

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
function callOf(ctx: FileContext, node: SyntaxNode, depth = 0, trail?: string[]): PyCall | undefined {
  if (depth > 8) return undefined;
  if (node.name === 'CallExpression') {
    const call = readCall(ctx.text, node);
    if (!call || kindOf(ctx, call.callee)) return call;
    // A helper of the file (`build_optimizer(args, model)`): the call it returns.
    const found = call.callee.includes('.') ? undefined : lookupName(ctx, call.callee, node);
    if (found?.kind !== 'def') return call;
    const args = bindCall(ctx, found.def, call);
    const returned = withArguments(ctx, found.def, args, () => returnedNode(ctx, found.def));
    const inner = returned && withArguments(ctx, found.def, args, () => callOf(ctx, returned.node, depth + 1, trail));
    if (!inner || !kindOf(ctx, inner.callee)) return call;
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
      let decided = false;
      for (let c = s.firstChild; c; c = c.nextSibling) {
        if (c.name === 'if' || c.name === 'elif') {
          const cond = c.nextSibling!;
          const truth = condition(ctx, cond);
          if (truth === undefined) return 'unknown';
          taken.push(`\`${nodeText(ctx.text, cond)}\` is ${truth ? 'True' : 'False'}`);
          if (truth) {
            const r = walk(cond.nextSibling);
            if (r) return r;
            decided = true;
            break;
          }
        } else if (c.name === 'else') {
          const r = walk(c.nextSibling);
          if (r) return r;
          decided = true;
          break;
        }
      }
      void decided;
    }
    return undefined;
  };
  const r = walk(def.getChild('Body'));
  return r && r !== 'unknown' ? { node: r, taken } : undefined;
}

const kindOf = (ctx: FileContext, callee: string): CalleeKind | undefined => classify(qualify(importTable(ctx.tree, ctx.text), callee));

// ---------------------------------------------------------------------------------------------
// Python functions given to schedulers (lr_lambda, scale_fn): source text with outside values.
// ---------------------------------------------------------------------------------------------

const PY_BUILTINS = new Set(['min', 'max', 'abs', 'round', 'int', 'float', 'pow', 'True', 'False', 'None']);

/**
 * The source of a lambda or def passed to a scheduler, with every name it takes from the code
 * around it (`warmup_steps`, `args.epochs`, a parameter of the helper it is defined in)
 * replaced by its value, so compute/optim can evaluate it alone.
 */
function functionSource(r: Reading, node: SyntaxNode, owner: string): string {
  const { ctx } = r;
  const { text } = ctx;
  let fnNode: SyntaxNode | undefined = node;
  if (node.name === 'VariableName') {
    const name = nodeText(text, node);
    const found = lookupName(ctx, name, node);
    if (found?.kind === 'def') fnNode = found.def;
    else if (found?.kind === 'assign' && found.assign.value.name === 'LambdaExpression') fnNode = found.assign.value;
    else if (found?.kind === 'assign' && found.assign.value.name === 'VariableName') return functionSource(r, found.assign.value, owner);
    else throw new Error(`${owner}: \`${name}\` is not a lambda or a def of this file, so the schedule cannot be computed; write the function as a lambda.`);
  }
  if (fnNode.name === 'ArrayExpression' || fnNode.name === 'TupleExpression') {
    const first = fnNode.firstChild?.nextSibling;
    if (!first || first.name === ']' || first.name === ')') throw new Error(`${owner}: an empty list of functions.`);
    r.warnings.push(`${owner}: one function per parameter group; the lab simulates one group and uses the first.`);
    return functionSource(r, first, owner);
  }
  if (fnNode.name !== 'LambdaExpression' && fnNode.name !== 'FunctionDefinition') {
    throw new Error(
      `${owner} is \`${nodeText(text, fnNode).slice(0, 60)}\`; only a lambda or a def of this file can be read (functools.partial and callable objects are not).`,
    );
  }
  // Names local to the function: its parameters and what its body assigns.
  const local = new Set<string>();
  for (let c = fnNode.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) if (c.name === 'VariableName') local.add(nodeText(text, c));
  fnNode.cursor().iterate((ref) => {
    if ((ref.name === 'AssignStatement' || ref.name === 'UpdateStatement') && ref.node.firstChild?.name === 'VariableName')
      local.add(nodeText(text, ref.node.firstChild));
  });
  const modules = importTable(ctx.tree, text).names;
  const edits: { from: number; to: number; value: string }[] = [];
  const body = fnNode.name === 'LambdaExpression' ? fnNode : fnNode.getChild('Body');
  const visit = (n: SyntaxNode) => {
    if (n.name === 'ParamList') {
      // Defaults of extra parameters may use outside names too.
      for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'VariableName' || c.prevSibling?.name === 'AssignOp') visit(c);
      return;
    }
    if (n.name === 'MemberExpression') {
      let head = n.firstChild;
      while (head?.name === 'MemberExpression') head = head.firstChild;
      const headName = head?.name === 'VariableName' ? nodeText(text, head) : '';
      if (head && headName && !local.has(headName) && !modules.has(headName) && !['math', 'np', 'numpy', 'torch'].includes(headName)) {
        edits.push({ from: n.from, to: n.to, value: pyNumber(owner, evaluate(ctx, n), nodeText(text, n)) });
        return;
      }
    }
    if (n.name === 'VariableName') {
      const name = nodeText(text, n);
      const isCallee = n.parent?.name === 'CallExpression' && n.parent.firstChild?.from === n.from;
      if (!local.has(name) && !isCallee && !PY_BUILTINS.has(name)) edits.push({ from: n.from, to: n.to, value: pyNumber(owner, evaluate(ctx, n), name) });
      return;
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  if (fnNode.name === 'LambdaExpression') {
    const params = fnNode.getChild('ParamList');
    if (params) visit(params);
    for (let c = params?.nextSibling ?? null; c; c = c.nextSibling) visit(c);
  } else if (body) {
    const params = fnNode.getChild('ParamList');
    if (params) visit(params);
    visit(body);
  }
  edits.sort((a, b) => a.from - b.from);
  let out = '';
  let at = fnNode.from;
  for (const e of edits) {
    out += text.slice(at, e.from) + e.value;
    at = e.to;
  }
  out += text.slice(at, fnNode.to);
  if (fnNode.name === 'FunctionDefinition') {
    // Dedent a nested def so it parses alone.
    const column = fnNode.from - (text.lastIndexOf('\n', fnNode.from - 1) + 1);
    if (column > 0)
      out = out
        .split('\n')
        .map((line, i) => (i === 0 ? line : line.slice(Math.min(column, line.length - line.trimStart().length))))
        .join('\n');
  }
  return out;
}

function pyNumber(owner: string, v: Literal, what: string): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  throw new Error(`${owner}: \`${what}\` is ${JSON.stringify(v)}, not a number.`);
}

// ---------------------------------------------------------------------------------------------
// Schedules.
// ---------------------------------------------------------------------------------------------

function readTorchScheduler(r: Reading, call: PyCall, className: string): ScheduleFound {
  const { ctx } = r;
  const owner = call.callee;
  const chained = className === 'ChainedScheduler';
  // The optimizer is the first argument (ChainedScheduler takes the schedulers first).
  const nodes = argsByName(call, TORCH_SCHEDULER_ARGS[className], chained ? 0 : 1);
  const optimizerNode = chained ? nodes.get('optimizer') : (call.positional[0] ?? nodes.get('optimizer'));
  nodes.delete('optimizer');
  const warnings: string[] = [];
  const special = new Map<string, SyntaxNode>();
  for (const k of ['lr_lambda', 'scale_fn', 'schedulers']) {
    const n = nodes.get(k);
    if (n) special.set(k, n);
    nodes.delete(k);
  }
  const schedule: ScheduleSpec = { name: className, ...valuesOf(ctx, call, nodes) };
  for (const key of ['lr_lambda', 'scale_fn']) {
    const n = special.get(key);
    if (n) schedule[key] = functionSource({ ...r, warnings }, n, `${className} ${key}`);
  }
  const list = special.get('schedulers');
  let chainedOptimizer: SyntaxNode | undefined;
  if (list) {
    if (r.depth >= 1) throw new Error(`${owner}: ${className} inside another SequentialLR/ChainedScheduler is not simulated.`);
    schedule.schedulers = childSchedulers({ ...r, depth: r.depth + 1, warnings }, list, owner, optimizerNode);
    if (chained && !optimizerNode) {
      // ChainedScheduler takes its optimizer from its schedulers.
      const first = listItems(ctx, list)[0];
      const firstCall = first ? callOf(ctx, first) : undefined;
      chainedOptimizer = firstCall ? (firstCall.positional[0] ?? firstCall.keywords.get('optimizer')) : undefined;
    }
  }
  return { schedule, optimizerNode: optimizerNode ?? chainedOptimizer, notes: [], warnings, call };
}

function listItems(ctx: FileContext, node: SyntaxNode): SyntaxNode[] {
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

function childSchedulers(r: Reading, list: SyntaxNode, owner: string, optimizerNode: SyntaxNode | undefined): ScheduleSpec[] {
  const { ctx } = r;
  const nodes = listItems(ctx, list);
  if (nodes.length === 0) throw new Error(`${owner}: "schedulers" must be a list of PyTorch schedulers written in this file (calls, or names assigned one).`);
  const optimizerCall = optimizerNode ? callOf(ctx, optimizerNode) : undefined;
  return nodes.map((n) => {
    const c = callOf(ctx, n);
    const k = c ? kindOf(ctx, c.callee) : undefined;
    if (!c || k?.kind !== 'torch-scheduler')
      throw new Error(`${owner}: \`${nodeText(ctx.text, n).slice(0, 60)}\` is not a PyTorch scheduler call (or a name assigned one in this file).`);
    const found = readTorchScheduler(r, c, k.className);
    const childOpt = found.optimizerNode ? callOf(ctx, found.optimizerNode) : undefined;
    if (optimizerCall && childOpt && childOpt.node.from !== optimizerCall.node.from)
      r.warnings.push(
        `${owner}: ${c.callee} (line ${lineOf(ctx, c.node.from)}) is built on another optimizer than ${owner}; PyTorch raises ValueError for that.`,
      );
    r.warnings.push(...found.warnings);
    return found.schedule;
  });
}

function lineOf(ctx: FileContext, offset: number): number {
  let line = 1;
  for (let i = ctx.text.indexOf('\n'); i >= 0 && i < offset; i = ctx.text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A Keras schedule: exponential decay as PyTorch's equivalent (the same per-step values), the others as Keras computes them. */
function readKerasSchedule(r: Reading, call: PyCall, className: string): ScheduleFound {
  const { ctx } = r;
  const owner = call.callee;
  const v = named(owner, readArgs(ctx, call), KERAS_SCHEDULE_ARGS[className]);
  delete v.name;
  const notes: string[] = [];
  if (className === 'ExponentialDecay') {
    const init = lit(v.initial_learning_rate);
    const steps = lit(v.decay_steps);
    const rate = lit(v.decay_rate);
    if (init === undefined || steps === undefined || rate === undefined) throw new Error(`${owner} needs initial_learning_rate, decay_steps and decay_rate.`);
    if (v.staircase === true) {
      notes.push(`${owner}(staircase=True) is the same per-step lr as PyTorch's StepLR(step_size=${steps}, gamma=${rate}).`);
      return { schedule: { name: 'StepLR', step_size: steps, gamma: rate }, initialLr: init, notes, warnings: [], call };
    }
    const gamma = rate ** (1 / steps);
    notes.push(
      `${owner} decays by ${rate} every ${steps} steps, continuously: the same per-step lr as PyTorch's ExponentialLR(gamma=${rate}^(1/${steps}) = ${gamma}).`,
    );
    return { schedule: { name: 'ExponentialLR', gamma }, initialLr: init, notes, warnings: [], call };
  }
  const schedule: ScheduleSpec = { name: `keras.${className}`, ...v };
  const built = kerasSchedule(schedule);
  notes.push(`${owner}: the optimizer's learning_rate is shown as schedule(0) = ${built.fn(0)}.`);
  return { schedule, initialLr: built.fn(0), notes, warnings: [], call };
}

/** The optax schedule as optax computes it (compute/optim's optax schedules), not mapped to a PyTorch scheduler. */
function optaxSpec(ctx: FileContext, call: PyCall, kind: string, depth = 0): ScheduleSpec {
  const order = OPTAX_ORDER[kind];
  if (!order)
    throw new Error(
      `${call.callee} is not supported; optax schedules that can be simulated: ${Object.keys(OPTAX_ORDER)
        .map((k) => `optax.${k}`)
        .join(', ')}.`,
    );
  if (kind === 'join_schedules') {
    if (depth > 4) throw new Error(`${call.callee}: schedules nested too deeply.`);
    const listNode = call.keywords.get('schedules') ?? call.positional[0];
    if (!listNode || !['ArrayExpression', 'TupleExpression', 'VariableName'].includes(listNode.name))
      throw new Error(`${call.callee}: "schedules" must be a list of optax schedule calls written in this file.`);
    const nodes = listItems(ctx, listNode);
    if (nodes.length === 0) throw new Error(`${call.callee}: \`${nodeText(ctx.text, listNode)}\` is not assigned a list of schedules in this file.`);
    const schedules: ScheduleSpec[] = nodes.map((c) => {
      const inner = callOf(ctx, c);
      const k = inner ? kindOf(ctx, inner.callee) : undefined;
      if (!inner || k?.kind !== 'optax-schedule')
        throw new Error(`${call.callee}: \`${nodeText(ctx.text, c).slice(0, 60)}\` is not an optax schedule call (or a name assigned one in this file).`);
      return optaxSpec(ctx, inner, k.fn, depth + 1);
    });
    const byName = argsByName(call, order);
    byName.delete('schedules');
    return { name: `optax.${kind}`, schedules, ...valuesOf(ctx, call, byName) };
  }
  const v = named(call.callee, readArgs(ctx, call), order);
  return { name: `optax.${kind}`, ...v };
}

function optaxNative(ctx: FileContext, call: PyCall, kind: string): ScheduleFound {
  const schedule = optaxSpec(ctx, call, kind);
  const built = optaxSchedule(schedule);
  return {
    schedule,
    initialLr: built.fn(0),
    notes: [
      `${call.callee} is simulated with optax's own formula (update k uses schedule(k)); the optimizer's learning_rate is shown as schedule(0) = ${built.fn(0)}.`,
    ],
    warnings: [],
    call,
  };
}

/** optax: exponential and cosine decay as their PyTorch equivalents where exact, the others (constant_schedule too) with optax's formulas. */
function readOptaxSchedule(ctx: FileContext, call: PyCall, kind: string): ScheduleFound {
  const owner = call.callee;
  if (!Object.hasOwn(OPTAX_ORDER, kind))
    throw new Error(
      `${owner} is not supported; optax schedules that can be simulated: ${Object.keys(OPTAX_ORDER)
        .map((k) => `optax.${k}`)
        .join(', ')}.`,
    );
  if (!['exponential_decay', 'cosine_decay_schedule'].includes(kind)) return optaxNative(ctx, call, kind);
  const v = named(owner, readArgs(ctx, call), OPTAX_ORDER[kind]);
  const init = lit(v.init_value ?? v.value);
  const notes: string[] = [];
  const found = (schedule: ScheduleSpec): ScheduleFound => ({ schedule, initialLr: init, notes, warnings: [], call });
  if (kind === 'exponential_decay') {
    const steps = lit(v.transition_steps);
    const rate = lit(v.decay_rate);
    if (steps === undefined || rate === undefined) throw new Error(`${owner} needs the decay steps and the decay rate.`);
    if (lit(v.transition_begin) || (v.end_value !== undefined && v.end_value !== null)) return optaxNative(ctx, call, kind);
    if (v.staircase === true) {
      notes.push(`${owner}(staircase=True) is the same per-step lr as PyTorch's StepLR(step_size=${steps}, gamma=${rate}).`);
      return found({ name: 'StepLR', step_size: steps, gamma: rate });
    }
    const gamma = rate ** (1 / steps);
    notes.push(
      `${owner} decays by ${rate} every ${steps} steps, continuously: the same per-step lr as PyTorch's ExponentialLR(gamma=${rate}^(1/${steps}) = ${gamma}).`,
    );
    return found({ name: 'ExponentialLR', gamma });
  }
  if (kind === 'cosine_decay_schedule') {
    const steps = lit(v.decay_steps);
    if (steps === undefined || init === undefined) throw new Error(`${owner} needs the initial value and decay_steps.`);
    if (v.exponent !== undefined && v.exponent !== 1) return optaxNative(ctx, call, kind);
    const alpha = lit(v.alpha) ?? 0;
    notes.push(
      `${owner} is shown as PyTorch's CosineAnnealingLR(T_max=${steps}, eta_min=${alpha * init}); they agree for the first ${steps} steps (after that ${owner} stays at its final value while CosineAnnealingLR rises again).`,
    );
    return found({ name: 'CosineAnnealingLR', T_max: steps, eta_min: alpha * init });
  }
  return optaxNative(ctx, call, kind);
}

/** A schedule call of any framework, or undefined when the call is not one. */
export function readSchedule(ctx: FileContext, call: PyCall, depth = 0): ScheduleFound | undefined {
  const k = kindOf(ctx, call.callee);
  const r: Reading = { ctx, notes: [], warnings: [], depth };
  if (k?.kind === 'torch-scheduler') return readTorchScheduler(r, call, k.className);
  if (k?.kind === 'keras-schedule') return readKerasSchedule(r, call, k.className);
  if (k?.kind === 'optax-schedule') return readOptaxSchedule(ctx, call, k.fn);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Optimizers.
// ---------------------------------------------------------------------------------------------

interface OptimizerFound {
  framework: OptimizerFramework;
  name: string;
  hyper: Record<string, unknown>;
  lrSchedule?: ScheduleFound;
  notes: string[];
  warnings: string[];
}

function readOptimizer(ctx: FileContext, call: PyCall, kind: CalleeKind & { kind: 'optimizer' }): OptimizerFound {
  const framework = kind.framework;
  const fn = kind.name;
  const name = framework === 'optax' ? optaxName(fn) : fn;
  const order = [...POSITIONAL[framework][fn]];
  const notes: string[] = [];
  const warnings: string[] = [];
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  // Keras 2's `lr=` is the learning rate.
  const keywords = new Map(call.keywords);
  // Keras 2's lr= and decay= (legacy optimizers): read as Keras 2 ran them.
  const legacy = /\.legacy\.\w+$/.test(call.callee);
  const legacyArgs = framework === 'keras' ? ['lr', 'decay'].filter((k) => keywords.has(k)) : [];
  if (legacyArgs.length) {
    if (!legacy) {
      warnings.push(
        `${call.callee}: ${legacyArgs.map((k) => `${k}=`).join(' and ')} ${legacyArgs.length > 1 ? 'are' : 'is'} Keras 2 (≤ 2.10) ${legacyArgs.length > 1 ? 'arguments' : 'an argument'}: tf.keras 2.11+ raises ValueError for ${legacyArgs.length > 1 ? 'them' : 'it'} unless the optimizer is keras.optimizers.legacy.${call.callee.slice(call.callee.lastIndexOf('.') + 1)}, and Keras 3 raises for lr= and ignores decay= with a warning. The lab shows what Keras 2's optimizer does with ${legacyArgs.length > 1 ? 'them' : 'it'}.`,
      );
    }
    if (keywords.has('lr') && !keywords.has('learning_rate')) {
      keywords.set('learning_rate', keywords.get('lr')!);
      notes.push(`${call.callee}: lr= is Keras 2's name for learning_rate.`);
    }
    keywords.delete('lr');
  }
  const legacyDecay = framework === 'keras' ? keywords.get('decay') : undefined;
  keywords.delete('decay');
  for (const k of [...keywords.keys()]) {
    if (framework === 'keras' && Object.hasOwn(KERAS_NOT_SIMULATED, k)) {
      warnings.push(`${call.callee}: ${k}=${nodeText(ctx.text, keywords.get(k)!)} (${KERAS_NOT_SIMULATED[k]}) is not simulated.`);
      keywords.delete(k);
    }
  }
  if (framework === 'keras') keywords.delete('name');
  const byName = argsByName({ ...call, keywords }, order);
  // A learning rate given as a schedule object (or a name bound to one) is read as a schedule.
  const lrNode = byName.get(lrKey);
  const lrCall = lrNode ? callOf(ctx, lrNode) : undefined;
  const lrSchedule = lrCall ? readSchedule(ctx, lrCall) : undefined;
  if (lrSchedule) byName.delete(lrKey);
  // PyTorch's first argument: the parameters, or parameter groups with their own settings.
  let group: Record<string, Literal> = {};
  const params = byName.get('params');
  byName.delete('params');
  if (framework === 'pytorch' && params && (params.name === 'ArrayExpression' || params.name === 'VariableName')) {
    const groups = listItems(ctx, params).filter((g) => g.name === 'DictionaryExpression');
    if (groups.length) {
      const read = groups.map((g) => groupSettings(ctx, g));
      group = read[0];
      const others = read
        .slice(1)
        .map((s, i) =>
          Object.keys(s).length
            ? `group ${i + 1}: ${Object.entries(s)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(', ')}`
            : '',
        )
        .filter(Boolean);
      warnings.push(
        `${call.callee}: ${groups.length} parameter groups; the lab simulates group 0${Object.keys(group).length ? ` (with its ${Object.keys(group).join(', ')})` : ''}${others.length ? `; the others differ (${others.join('; ')})` : ''}.`,
      );
    }
  }
  const hyper: Record<string, unknown> = { ...valuesOf(ctx, call, byName), ...group };
  if (framework === 'optax' && (fn === 'nadam' || fn === 'nadamw')) {
    hyper.nesterov = true;
    delete hyper.mu_dtype;
    notes.push(`optax.${fn} is optax.${name} with nesterov=True.`);
  }
  let schedule = lrSchedule;
  if (legacyDecay) {
    const decay = evaluate(ctx, legacyDecay);
    if (typeof decay !== 'number') throw new Error(`${call.callee}: decay= must be a number.`);
    if (decay !== 0) {
      if (schedule) throw new Error(`${call.callee}: both a learning-rate schedule and Keras 2's decay= are given; Keras rejects that.`);
      const init = typeof hyper.learning_rate === 'number' ? hyper.learning_rate : 0.01;
      schedule = {
        schedule: { name: 'keras.InverseTimeDecay', initial_learning_rate: init, decay_steps: 1, decay_rate: decay },
        initialLr: init,
        notes: [
          `decay=${decay} is Keras 2's per-iteration decay lr/(1 + decay·t), the same as keras.optimizers.schedules.InverseTimeDecay(${init}, decay_steps=1, decay_rate=${decay}).`,
        ],
        warnings: [],
        call,
      };
    }
  }
  return { framework, name, hyper, lrSchedule: schedule, notes, warnings };
}

/** A parameter group's own settings (`{"params": …, "lr": 1e-3}`), without its parameters. */
function groupSettings(ctx: FileContext, dict: SyntaxNode): Record<string, Literal> {
  const parts: SyntaxNode[] = [];
  for (let c: SyntaxNode | null = dict.firstChild; c; c = c.nextSibling) if (!['{', '}', ':', ','].includes(c.name)) parts.push(c);
  const out: Record<string, Literal> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i].name !== 'String') continue;
    const key = nodeText(ctx.text, parts[i]).slice(1, -1);
    if (key === 'params') continue;
    out[key] = evaluate(ctx, parts[i + 1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers of the file that return an optimizer or a scheduler.
// ---------------------------------------------------------------------------------------------

interface HelperCall {
  def: SyntaxNode;
  /** The optimizer or scheduler call the helper returns. */
  inner: PyCall;
  args: Map<string, SyntaxNode>;
}

function defParameters(ctx: FileContext, def: SyntaxNode): string[] {
  const out: string[] = [];
  for (let c = def.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName' && c.prevSibling?.name !== 'AssignOp') out.push(nodeText(ctx.text, c));
  }
  return out;
}

function bindCall(ctx: FileContext, def: SyntaxNode, call: PyCall): Map<string, SyntaxNode> {
  const params = defParameters(ctx, def);
  const args = new Map<string, SyntaxNode>();
  call.positional.forEach((a, i) => params[i] && args.set(params[i], a));
  for (const [k, v] of call.keywords) args.set(k, v);
  return args;
}

/** `make_scheduler(opt, 1000)` where `def make_scheduler(...)` returns a scheduler (or optimizer) call. */
function helperCall(ctx: FileContext, call: PyCall): (HelperCall & { taken: string[] }) | undefined {
  if (call.callee.includes('.')) return undefined;
  const found = lookupName(ctx, call.callee, call.node);
  if (found?.kind !== 'def') return undefined;
  const def = found.def;
  const args = bindCall(ctx, def, call);
  const returned = withArguments(ctx, def, args, () => returnedNode(ctx, def));
  if (!returned) return undefined;
  const inner = withArguments(ctx, def, args, () => callOf(ctx, returned.node));
  if (!inner || inner.node.from < def.from || inner.node.to > def.to) return undefined;
  const k = kindOf(ctx, inner.callee);
  if (!k || !['optimizer', 'torch-scheduler', 'keras-schedule', 'optax-schedule'].includes(k.kind)) return undefined;
  return { def, inner, args, taken: returned.taken };
}

// ---------------------------------------------------------------------------------------------
// The recognition.
// ---------------------------------------------------------------------------------------------

export interface OptimizerRecognition extends OptimizerRequest {
  framework: OptimizerFramework;
  resolved: Record<string, Literal>;
  /** Where values resolved outside the call came from (`args.lr`: "the argparse default of --lr (line 12)"). */
  resolvedFrom?: Record<string, string>;
  notes: string[];
  warnings: string[];
  source: { from: number; to: number };
  /** When the values come from a call of a helper (or the call that binds the helper's parameters). */
  boundBy?: { call: string; line: number };
}

export const DEFAULT_OBJECTIVE: ObjectiveSpec = { name: 'rosenbrock' };
export const DEFAULT_STEPS = 200;

/** The optimizer (and its schedule) in the selection, or undefined when there is none. */
export function recognizeOptimizer(ctx: FileContext, from: number, to: number): OptimizerRecognition | undefined {
  const calls = callsIn(ctx.tree, ctx.text, Math.max(0, from - 1), to).filter((c) =>
    from === to ? c.node.from <= from && from <= c.node.to : c.node.to > from && c.node.from < to,
  );
  const kinds = calls.map((c) => ({ call: c, kind: kindOf(ctx, c.callee) }));
  // An optax.chain(...) selected or under the cursor: the optimizer inside it.
  const chainCall = kinds.find((k) => k.kind?.kind === 'optax-chain')?.call;
  if (chainCall && !kinds.some((k) => k.kind?.kind === 'optimizer')) {
    for (const c of callsIn(ctx.tree, ctx.text, chainCall.node.from, chainCall.node.to)) {
      const k = kindOf(ctx, c.callee);
      if (k?.kind === 'optimizer' && c.node.from > chainCall.node.from) {
        kinds.push({ call: c, kind: k });
        calls.push(c);
        break;
      }
    }
  }
  const opt = kinds.find((k) => k.kind?.kind === 'optimizer');
  const scheds = kinds.filter((k) => k.kind && ['torch-scheduler', 'keras-schedule', 'optax-schedule'].includes(k.kind.kind));
  if (!opt && scheds.length === 0) {
    for (const c of calls) {
      const helper = helperCall(ctx, c);
      if (helper) {
        const r = withArguments(ctx, helper.def, helper.args, () => recognizeOptimizer(ctx, helper.inner.node.from, helper.inner.node.to));
        if (!r) continue;
        const fnName = nodeText(ctx.text, helper.def.getChild('VariableName')!);
        const why = helper.taken.length ? ` (${helper.taken.join(', ')})` : '';
        r.notes.unshift(
          `${fnName}() (line ${lineOf(ctx, helper.def.from)}) returns ${helper.inner.callee}(...) (line ${lineOf(ctx, helper.inner.node.from)})${why}; it is read with ${fnName}'s parameters bound to this call's arguments.`,
        );
        r.boundBy = { call: nodeText(ctx.text, c.node), line: lineOf(ctx, c.node.from) };
        r.source = { from: c.node.from, to: c.node.to };
        return r;
      }
    }
    const unsupported = kinds.find((k) => k.kind?.kind === 'unsupported');
    if (unsupported?.kind?.kind === 'unsupported') throw new Error(`${unsupported.call.callee}: ${unsupported.kind.why}.`);
    return undefined;
  }
  return bindWhereCalled(ctx, () =>
    recognizeFound(
      ctx,
      from,
      to,
      calls,
      opt?.call,
      scheds.map((s) => s.call),
    ),
  );
}

/**
 * Read the selection; when a value is a parameter of a def of the file without a default (the
 * def the selection sits in, or a helper it uses), read it again with that def's parameters
 * bound where the def is called in the file (all its calls must give the same answer).
 */
function bindWhereCalled(ctx: FileContext, read: () => OptimizerRecognition, bound: string[] = []): OptimizerRecognition {
  try {
    return read();
  } catch (e) {
    const m = e instanceof Error ? /is a parameter of (\w+)\(\) without a default/.exec(e.message) : null;
    if (!m || bound.includes(m[1]) || bound.length >= 4) throw e;
    const found = lookupDef(ctx, m[1]);
    const sites = found ? callsIn(ctx.tree, ctx.text).filter((c) => c.callee === m[1]) : [];
    if (!found || sites.length === 0) throw e;
    const def = found;
    const results = sites.map((site) => {
      ctx.resolved = {};
      ctx.resolvedFrom = {};
      const r = withArguments(ctx, def, bindCall(ctx, def, site), () => bindWhereCalled(ctx, read, [...bound, m[1]]));
      return { site, r };
    });
    const key = (r: OptimizerRecognition) => JSON.stringify([r.optimizer, r.schedule ?? null]);
    if (results.some((x) => key(x.r) !== key(results[0].r))) {
      throw new Error(
        `${(e as Error).message} It is called ${results.length} times in this file with different values (lines ${results.map((x) => lineOf(ctx, x.site.node.from)).join(', ')}); select one of those calls.`,
      );
    }
    const { site, r } = results[0];
    r.boundBy ??= { call: nodeText(ctx.text, site.node), line: lineOf(ctx, site.node.from) };
    r.notes.unshift(
      `${m[1]}()'s parameters are bound by ${results.length > 1 ? `its ${results.length} calls in this file (all the same), the first` : 'its call'} ${nodeText(ctx.text, site.node).slice(0, 80)} (line ${lineOf(ctx, site.node.from)}).`,
    );
    return r;
  }
}

/** The one def of the file with this name. */
function lookupDef(ctx: FileContext, name: string): SyntaxNode | undefined {
  const defs: SyntaxNode[] = [];
  ctx.tree.iterate({
    enter(ref) {
      if (ref.name === 'FunctionDefinition') {
        const n = ref.node.getChild('VariableName');
        if (n && nodeText(ctx.text, n) === name) defs.push(ref.node);
      }
    },
  });
  return defs.length === 1 ? defs[0] : undefined;
}

function recognizeFound(ctx: FileContext, from: number, to: number, calls: PyCall[], opt: PyCall | undefined, schedCalls: PyCall[]): OptimizerRecognition {
  const notes: string[] = [];
  const warnings: string[] = [];
  // optax.chain(clip, ..., adamw(...)): the other transforms change the update but are not simulated.
  const chain = opt && calls.find((c) => kindOf(ctx, c.callee)?.kind === 'optax-chain' && c.node.from < opt.node.from && opt.node.to <= c.node.to);
  if (chain && opt) {
    const args = chain.node.getChild('ArgList');
    const others = callsIn(ctx.tree, ctx.text, chain.node.from, chain.node.to).filter(
      (c) => c.node.parent?.from === args?.from && c.node.parent?.to === args?.to && c.node.from !== opt.node.from,
    );
    if (others.length)
      warnings.push(
        `optax.chain: ${others.map((c) => c.callee).join(', ')} ${others.length > 1 ? 'are' : 'is'} not simulated; the lab runs ${opt.callee} alone.`,
      );
  }
  // Which schedule: those the selection contains whole (a composite — SequentialLR,
  // ChainedScheduler — before the schedulers it holds); else the innermost one around the
  // selection or the cursor (a scheduler inside a composite's list is shown alone, with a note).
  const inside = schedCalls.filter((c) => from < to && c.node.from >= from && c.node.to <= to);
  const around = schedCalls.filter((c) => c.node.from <= from && to <= c.node.to).sort((a, b) => b.node.from - a.node.from);
  const candidates = inside.length ? inside : around.length ? around : schedCalls;
  const composite = inside.find((c) =>
    /^(SequentialLR|ChainedScheduler)$/.test((kindOf(ctx, c.callee) as { className?: string } | undefined)?.className ?? ''),
  );
  const ordered = composite ? [composite, ...candidates.filter((c) => c !== composite)] : candidates;
  let schedule: ScheduleFound | undefined;
  for (const c of ordered) {
    // A scheduler that is the learning rate of the selected optimizer is read with it.
    if (opt && c.node.from >= opt.node.from && c.node.to <= opt.node.to) continue;
    schedule = readSchedule(ctx, c);
    if (schedule) break;
  }
  if (schedule && !['SequentialLR', 'ChainedScheduler'].includes(schedule.schedule.name)) {
    const partOf = compositeUsing(ctx, schedule.call);
    if (partOf)
      notes.push(
        `${schedule.call.callee} is one of the schedulers of ${partOf.callee} (line ${lineOf(ctx, partOf.node.from)}); select that call to see the whole schedule.`,
      );
  }
  let optCall = opt;
  // A scheduler alone: its optimizer, when its variable is bound to an optimizer call.
  if (!optCall && schedule?.optimizerNode) {
    const trail: string[] = [];
    const c = callOf(ctx, schedule.optimizerNode, 0, trail);
    notes.push(...[...new Set(trail)]);
    if (c && kindOf(ctx, c.callee)?.kind === 'optimizer') optCall = c;
    else {
      const name = nodeText(ctx.text, schedule.optimizerNode);
      throw new Error(
        `${schedule.call.callee}: its optimizer \`${name}\` is not assigned an optimizer call in this file (such as ${name} = torch.optim.SGD(model.parameters(), lr=0.1)); select the optimizer too.`,
      );
    }
  }
  if (!optCall) {
    if (schedule && schedule.initialLr === undefined) throw new Error(`${schedule.call.callee}: no optimizer found; select the optimizer too.`);
  }
  const which = optCall ? (kindOf(ctx, optCall.callee) as CalleeKind & { kind: 'optimizer' }) : undefined;
  // A schedule alone runs on plain SGD of its own framework.
  const framework: OptimizerFramework = which?.framework ?? (schedule && kindOf(ctx, schedule.call.callee)?.kind === 'keras-schedule' ? 'keras' : 'optax');
  const name = which ? (which.framework === 'optax' ? optaxName(which.name) : which.name) : 'sgd';
  let hyper: Record<string, unknown> = {};
  const lrKey = framework === 'pytorch' ? 'lr' : 'learning_rate';
  if (optCall && which) {
    const read = readOptimizer(ctx, optCall, which);
    hyper = read.hyper;
    notes.push(...read.notes);
    warnings.push(...read.warnings);
    if (read.lrSchedule) {
      schedule = read.lrSchedule;
      if (!read.lrSchedule.schedule.name.startsWith('keras.InverseTimeDecay') || read.lrSchedule.call !== optCall)
        notes.push(`The learning rate is the schedule ${read.lrSchedule.call.callee}(...).`);
    }
    if (schedule?.initialLr !== undefined) hyper[lrKey] = schedule.initialLr;
  } else if (schedule?.initialLr !== undefined) {
    hyper.learning_rate = schedule.initialLr;
    notes.push(`No optimizer was selected; ${framework === 'keras' ? 'keras.optimizers.SGD' : 'optax.sgd'} carries the schedule.`);
  }
  const built = buildOptimizer({ name, framework, hyperparameters: hyper });
  if (schedule) {
    notes.push(...schedule.notes);
    warnings.push(...schedule.warnings);
    // Validate the schedule with compute/optim's own tables (and collect its notes).
    const hasMomentum = built.create(2).momentumName !== undefined;
    const values = scheduleValues(schedule.schedule, Number(built.hyperparameters[built.lrName] ?? 0.01), 1, hasMomentum);
    // What the simulation adds (CyclicLR's momentum, ReduceLROnPlateau's limits, Keras' formulas);
    // optax schedules already say it above.
    if (!schedule.schedule.name.startsWith('optax.')) for (const n of values.notes) if (!notes.includes(n)) notes.push(n);
  }
  if (name === 'rprop' && schedule)
    notes.push(
      'Rprop reads lr once, as its initial step size at the first step (PyTorch fills state["step_size"] then); a schedule changes nothing after that.',
    );
  if (name === 'asgd')
    notes.push(
      `ASGD's averaged parameters ā (optimizer.state[p]["ax"]) start averaging only after t0 = ${built.hyperparameters.t0} steps; the trajectory shown is θ, the parameters ASGD updates (the lab's Polyak averaging shows an average from step 0).`,
    );
  const start = resolveObjective(DEFAULT_OBJECTIVE).info.defaultStart;
  const sourceCalls = [optCall, schedule?.call].filter((c): c is PyCall => !!c && c.node.to > from - 1 && c.node.from <= Math.max(to, from + 1));
  const srcFrom = Math.min(...sourceCalls.map((c) => c.node.from));
  const srcTo = Math.max(...sourceCalls.map((c) => c.node.to));
  const resolvedFrom = ctx.resolvedFrom && Object.keys(ctx.resolvedFrom).length ? { ...ctx.resolvedFrom } : undefined;
  for (const [k, how] of Object.entries(resolvedFrom ?? {})) notes.push(`${k} = ${JSON.stringify(ctx.resolved[k])}: ${how}.`);
  return {
    kind: 'optimizer',
    framework,
    optimizer: {
      name,
      framework,
      hyperparameters: { ...built.hyperparameters },
      defaultsUsed: built.defaultsUsed,
      ...(schedule ? { schedule: schedule.schedule } : {}),
    },
    ...(schedule ? { schedule: schedule.schedule } : {}),
    objective: DEFAULT_OBJECTIVE,
    start: start ? [...start] : [-1.5, 2],
    steps: DEFAULT_STEPS,
    resolved: { ...ctx.resolved },
    ...(resolvedFrom ? { resolvedFrom } : {}),
    notes,
    warnings,
    source: { from: Number.isFinite(srcFrom) ? srcFrom : from, to: Number.isFinite(srcTo) ? srcTo : to },
  };
}

/** A SequentialLR/ChainedScheduler of the file whose schedulers include this call (or the name assigned it). */
function compositeUsing(ctx: FileContext, call: PyCall): PyCall | undefined {
  for (const c of callsIn(ctx.tree, ctx.text)) {
    const k = kindOf(ctx, c.callee);
    if (k?.kind !== 'torch-scheduler' || !['SequentialLR', 'ChainedScheduler'].includes(k.className)) continue;
    const list = k.className === 'ChainedScheduler' ? (c.positional[0] ?? c.keywords.get('schedulers')) : (c.positional[1] ?? c.keywords.get('schedulers'));
    if (!list) continue;
    if (listItems(ctx, list).some((n) => callOf(ctx, n)?.node.from === call.node.from)) return c;
  }
  return undefined;
}
