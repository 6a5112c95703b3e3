/**
 * PyTorch's learning-rate schedulers (torch/optim/lr_scheduler.py, 1.13) with their per-step
 * semantics: the scheduler is built on the optimizer (which runs its first `step()`, so
 * last_epoch = 0), and `scheduler.step()` is called once after every `optimizer.step()`. The lr
 * used at optimizer step k is therefore the scheduler's value at last_epoch = k. Values come
 * from the same recursive ("chainable") formulas PyTorch uses, not the closed forms, so they
 * match PyTorch's floats.
 */
import { fail } from '../errors';
import { atLeastZero, num, readArgs, type ArgDef, type ArgValue } from './hyper';
import { oneCycle } from './one-cycle';
import type { ScheduleSpec } from './types';

export interface ScheduleValues {
  name: string;
  arguments: Record<string, ArgValue>;
  defaultsUsed: string[];
  /** lr at each of the `steps` optimizer steps. */
  lr: Float64Array;
  /** OneCycleLR's cycled momentum (or β₁) at each step, when cycle_momentum is on. */
  momentum?: Float64Array;
  notes: string[];
}

interface SchedulerDef {
  owner: string;
  defs: ArgDef[];
  /** The group lr after last_epoch is set to `epoch`, from the previous group lr (PyTorch's get_lr). */
  next(args: Record<string, ArgValue>, epoch: number, lr: number, baseLr: number): number;
  validate?(args: Record<string, ArgValue>): string | undefined;
}

const positiveInt = (name: string, dflt?: number): ArgDef => ({ name, type: 'number', integer: true, default: dflt, check: (v: number) => (v >= 1 ? undefined : `${name} must be a positive integer, not ${v}.`) });
const gamma = (dflt?: number): ArgDef => ({ name: 'gamma', type: 'number', default: dflt, check: atLeastZero('gamma') });

const SCHEDULERS: Record<string, SchedulerDef> = {
  steplr: {
    owner: 'StepLR',
    defs: [positiveInt('step_size'), gamma(0.1)],
    next: (a, epoch, lr) => (epoch === 0 || epoch % num(a, 'step_size') !== 0 ? lr : lr * num(a, 'gamma')),
  },
  multisteplr: {
    owner: 'MultiStepLR',
    defs: [{ name: 'milestones', type: 'numbers' }, gamma(0.1)],
    next: (a, epoch, lr) => {
      // PyTorch keeps a Counter: a milestone listed twice decays by gamma² there.
      const count = (a.milestones as number[]).filter((m) => m === epoch).length;
      return count === 0 ? lr : lr * num(a, 'gamma') ** count;
    },
  },
  exponentiallr: {
    owner: 'ExponentialLR',
    defs: [gamma()],
    next: (a, epoch, lr) => (epoch === 0 ? lr : lr * num(a, 'gamma')),
  },
  cosineannealinglr: {
    owner: 'CosineAnnealingLR',
    defs: [positiveInt('T_max'), { name: 'eta_min', type: 'number', default: 0 }],
    next: (a, epoch, lr, baseLr) => {
      const T = num(a, 'T_max');
      const etaMin = num(a, 'eta_min');
      if (epoch === 0) return lr;
      if ((epoch - 1 - T) % (2 * T) === 0) return lr + ((baseLr - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
      return ((1 + Math.cos((Math.PI * epoch) / T)) / (1 + Math.cos((Math.PI * (epoch - 1)) / T))) * (lr - etaMin) + etaMin;
    },
  },
  linearlr: {
    owner: 'LinearLR',
    defs: [
      { name: 'start_factor', type: 'number', default: 1 / 3 },
      { name: 'end_factor', type: 'number', default: 1 },
      positiveInt('total_iters', 5),
    ],
    validate: (a) =>
      !(num(a, 'start_factor') > 0 && num(a, 'start_factor') <= 1)
        ? 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1 (start_factor = 0 makes PyTorch divide by zero).'
        : !(num(a, 'end_factor') >= 0 && num(a, 'end_factor') <= 1)
          ? 'Ending multiplicative factor expected to be between 0 and 1.'
          : undefined,
    next: (a, epoch, lr) => {
      const s = num(a, 'start_factor');
      const e = num(a, 'end_factor');
      const n = num(a, 'total_iters');
      if (epoch === 0) return lr * s;
      if (epoch > n) return lr;
      return lr * (1 + (e - s) / (n * s + (epoch - 1) * (e - s)));
    },
  },
  constantlr: {
    owner: 'ConstantLR',
    defs: [{ name: 'factor', type: 'number', default: 1 / 3 }, positiveInt('total_iters', 5)],
    validate: (a) => (num(a, 'factor') > 0 && num(a, 'factor') <= 1 ? undefined : 'Constant multiplicative factor expected to be greater than 0 and less or equal to 1 (factor = 0 makes PyTorch divide by zero).'),
    next: (a, epoch, lr) => {
      const n = num(a, 'total_iters');
      if (epoch === 0) return lr * num(a, 'factor');
      return epoch === n ? lr * (1 / num(a, 'factor')) : lr;
    },
  },
};

const ALIASES: Record<string, string> = {
  step: 'steplr',
  multistep: 'multisteplr',
  exponential: 'exponentiallr',
  exp: 'exponentiallr',
  cosine: 'cosineannealinglr',
  cosineannealing: 'cosineannealinglr',
  cos: 'cosineannealinglr',
  linear: 'linearlr',
  warmup: 'linearlr',
  constant: 'constantlr',
  onecycle: 'onecyclelr',
};

/** Scheduler names accepted (PyTorch class names; case and underscores ignored). */
export const SCHEDULE_NAMES = ['StepLR', 'MultiStepLR', 'ExponentialLR', 'CosineAnnealingLR', 'OneCycleLR', 'LinearLR', 'ConstantLR'];

export function scheduleKey(name: unknown): string {
  if (typeof name !== 'string') fail(`A schedule needs a "name": one of ${SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const key = name.toLowerCase().replace(/^(torch\.optim\.)?(lr_scheduler\.)?/, '').replace(/[^a-z]/g, '');
  const resolved = ALIASES[key] ?? key;
  if (resolved !== 'onecyclelr' && !SCHEDULERS[resolved]) fail(`Unknown schedule "${name}"; use one of ${SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  return resolved;
}

/** The schedule's own arguments (everything but `name`; `last_epoch` −1 and `verbose` are accepted and ignored). */
export function scheduleArgs(spec: ScheduleSpec): Record<string, unknown> {
  if (spec.last_epoch !== undefined && spec.last_epoch !== -1) fail('Only last_epoch = -1 (a fresh schedule) can be simulated.', 'schedule.last_epoch');
  return Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name' && k !== 'last_epoch' && k !== 'verbose'));
}

/**
 * The lr (and OneCycleLR's momentum) for `steps` optimizer steps, from the optimizer's lr.
 * `momentum` says whether the optimizer has a momentum-like hyperparameter for cycle_momentum.
 */
export function scheduleValues(spec: ScheduleSpec | null | undefined, baseLr: number, steps: number, momentum: boolean): ScheduleValues {
  if (!spec) return { name: 'constant', arguments: {}, defaultsUsed: [], lr: new Float64Array(steps).fill(baseLr), notes: [] };
  if (typeof spec !== 'object') fail('A schedule must be an object such as {"name": "StepLR", "step_size": 30, "gamma": 0.1}.', 'schedule');
  const key = scheduleKey(spec.name);
  if (key === 'onecyclelr') return oneCycle(scheduleArgs(spec), steps, momentum);
  const def = SCHEDULERS[key];
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, scheduleArgs(spec));
  const problem = def.validate?.(values);
  if (problem) fail(`${def.owner}: ${problem}`, 'schedule');
  const lr = new Float64Array(steps);
  let current = baseLr;
  for (let k = 0; k < steps; k++) {
    current = def.next(values, k, current, baseLr);
    lr[k] = current;
  }
  return { name: def.owner, arguments: values, defaultsUsed, lr, notes: [] };
}
