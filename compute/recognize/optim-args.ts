/**
 * The optimizer recognizer's framework argument tables, and binding a call's arguments by them:
 * each optimizer's and schedule's positional order in PyTorch, Keras and optax, the Keras
 * optimizer arguments that are named but not simulated, and the readers that turn a call's
 * arguments into values by parameter name.
 */
import type { SyntaxNode } from '@lezer/common';
import { readArgs } from './conv';
import type { OptimizerFramework } from './optim-names';
import type { Literal, PyCall } from '../python/syntax';
import type { FileContext } from './values';

/** Positional order of each optimizer's arguments (the first torch one is the parameters). */
export const POSITIONAL: Record<OptimizerFramework, Record<string, string[]>> = {
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
export const KERAS_NOT_SIMULATED: Record<string, string> = {
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
export const TORCH_SCHEDULER_ARGS: Record<string, string[]> = {
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
export const KERAS_SCHEDULE_ARGS: Record<string, string[]> = {
  ExponentialDecay: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name'],
  PiecewiseConstantDecay: ['boundaries', 'values', 'name'],
  PolynomialDecay: ['initial_learning_rate', 'decay_steps', 'end_learning_rate', 'power', 'cycle', 'name'],
  InverseTimeDecay: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase', 'name'],
  CosineDecay: ['initial_learning_rate', 'decay_steps', 'alpha', 'name', 'warmup_target', 'warmup_steps'],
  CosineDecayRestarts: ['initial_learning_rate', 'first_decay_steps', 't_mul', 'm_mul', 'alpha', 'name'],
};

/** optax schedules' positional order (optax/schedules/_schedule.py, _join.py). */
export const OPTAX_ORDER: Record<string, string[]> = {
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

/** optax.nadam(w) is optax.adam(w) with nesterov=True. */
export const optaxName = (fn: string) => (fn === 'nadam' ? 'adam' : fn === 'nadamw' ? 'adamw' : fn);

/** A number literal, or undefined. */
export const lit = (v: Literal | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** Literal arguments by parameter name (positional ones by `order`). */
export function named(owner: string, args: { positional: Literal[]; keywords: Map<string, Literal> }, order: string[]): Record<string, Literal> {
  const out: Record<string, Literal> = {};
  args.positional.forEach((v, i) => {
    if (i >= order.length) throw new Error(`${owner} takes at most ${order.length} positional arguments.`);
    out[order[i]] = v;
  });
  for (const [k, v] of args.keywords) out[k] = v;
  return out;
}

/** A call's argument nodes by parameter name (positional ones by `order`, from `offset`). */
export function argsByName(call: PyCall, order: string[], offset = 0): Map<string, SyntaxNode> {
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
export function valuesOf(ctx: FileContext, call: PyCall, nodes: Map<string, SyntaxNode>): Record<string, Literal> {
  return Object.fromEntries(readArgs(ctx, { ...call, positional: [], keywords: nodes }).keywords);
}

/** What reading one schedule carries: the file, the notes and warnings gathered, how deep in composite schedulers. */
export interface Reading {
  ctx: FileContext;
  notes: string[];
  warnings: string[];
  depth: number;
}
