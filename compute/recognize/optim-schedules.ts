/**
 * Learning-rate schedules from code: PyTorch schedulers (SequentialLR and ChainedScheduler with
 * their children), Keras schedules and optax schedules, each mapped to an equivalent PyTorch
 * scheduler where the per-step values are the same, else kept with its framework's own formula.
 */
import type { SyntaxNode } from '@lezer/common';
import { kerasSchedule } from '../optim/keras-schedules';
import { optaxSchedule } from '../optim/schedules';
import type { ScheduleSpec } from '../optim';
import { readArgs } from './conv';
import { argsByName, KERAS_SCHEDULE_ARGS, lit, named, OPTAX_ORDER, TORCH_SCHEDULER_ARGS, valuesOf, type Reading } from './optim-args';
import { callOf, lineOf, listItems } from './optim-follow';
import { functionSource } from './optim-lambda';
import { calleeKind } from './optim-names';
import { callsIn, nodeText, type PyCall } from '../python/syntax';
import type { FileContext } from './values';

/** A schedule read from a call, with what the recognizer says about it. */
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

/** A PyTorch scheduler: its arguments after the optimizer, its functions and child schedulers, and the optimizer node. */
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

/** The children of a SequentialLR/ChainedScheduler, each a PyTorch scheduler on the same optimizer. */
function childSchedulers(r: Reading, list: SyntaxNode, owner: string, optimizerNode: SyntaxNode | undefined): ScheduleSpec[] {
  const { ctx } = r;
  const nodes = listItems(ctx, list);
  if (nodes.length === 0) throw new Error(`${owner}: "schedulers" must be a list of PyTorch schedulers written in this file (calls, or names assigned one).`);
  const optimizerCall = optimizerNode ? callOf(ctx, optimizerNode) : undefined;
  return nodes.map((n) => {
    const c = callOf(ctx, n);
    const k = c ? calleeKind(ctx, c.callee) : undefined;
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

const notSimulated = (callee: string) =>
  new Error(
    `${callee} is not supported; optax schedules that can be simulated: ${Object.keys(OPTAX_ORDER)
      .map((k) => `optax.${k}`)
      .join(', ')}.`,
  );

/** The optax schedule as optax computes it (compute/optim's optax schedules), not mapped to a PyTorch scheduler. */
function optaxSpec(ctx: FileContext, call: PyCall, kind: string, depth = 0): ScheduleSpec {
  const order = OPTAX_ORDER[kind];
  if (!order) throw notSimulated(call.callee);
  if (kind === 'join_schedules') {
    if (depth > 4) throw new Error(`${call.callee}: schedules nested too deeply.`);
    const listNode = call.keywords.get('schedules') ?? call.positional[0];
    if (!listNode || !['ArrayExpression', 'TupleExpression', 'VariableName'].includes(listNode.name))
      throw new Error(`${call.callee}: "schedules" must be a list of optax schedule calls written in this file.`);
    const nodes = listItems(ctx, listNode);
    if (nodes.length === 0) throw new Error(`${call.callee}: \`${nodeText(ctx.text, listNode)}\` is not assigned a list of schedules in this file.`);
    const schedules: ScheduleSpec[] = nodes.map((c) => {
      const inner = callOf(ctx, c);
      const k = inner ? calleeKind(ctx, inner.callee) : undefined;
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

/** An optax schedule kept with optax's formula. */
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
  if (!Object.hasOwn(OPTAX_ORDER, kind)) throw notSimulated(owner);
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
  // cosine_decay_schedule.
  const steps = lit(v.decay_steps);
  if (steps === undefined || init === undefined) throw new Error(`${owner} needs the initial value and decay_steps.`);
  if (v.exponent !== undefined && v.exponent !== 1) return optaxNative(ctx, call, kind);
  const alpha = lit(v.alpha) ?? 0;
  notes.push(
    `${owner} is shown as PyTorch's CosineAnnealingLR(T_max=${steps}, eta_min=${alpha * init}); they agree for the first ${steps} steps (after that ${owner} stays at its final value while CosineAnnealingLR rises again).`,
  );
  return found({ name: 'CosineAnnealingLR', T_max: steps, eta_min: alpha * init });
}

/** A schedule call of any framework, or undefined when the call is not one. */
export function readSchedule(ctx: FileContext, call: PyCall, depth = 0): ScheduleFound | undefined {
  const k = calleeKind(ctx, call.callee);
  const r: Reading = { ctx, notes: [], warnings: [], depth };
  if (k?.kind === 'torch-scheduler') return readTorchScheduler(r, call, k.className);
  if (k?.kind === 'keras-schedule') return readKerasSchedule(r, call, k.className);
  if (k?.kind === 'optax-schedule') return readOptaxSchedule(ctx, call, k.fn);
  return undefined;
}

/** A SequentialLR/ChainedScheduler of the file whose schedulers include this call (or the name assigned it). */
export function compositeUsing(ctx: FileContext, call: PyCall): PyCall | undefined {
  for (const c of callsIn(ctx.tree, ctx.text)) {
    const k = calleeKind(ctx, c.callee);
    if (k?.kind !== 'torch-scheduler' || !['SequentialLR', 'ChainedScheduler'].includes(k.className)) continue;
    const list = k.className === 'ChainedScheduler' ? (c.positional[0] ?? c.keywords.get('schedulers')) : (c.positional[1] ?? c.keywords.get('schedulers'));
    if (!list) continue;
    if (listItems(ctx, list).some((n) => callOf(ctx, n)?.node.from === call.node.from)) return c;
  }
  return undefined;
}
