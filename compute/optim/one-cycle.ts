/**
 * PyTorch's OneCycleLR (torch/optim/lr_scheduler.py, 1.13; Smith & Topin, "Super-Convergence",
 * arXiv:1708.07120): lr rises from max_lr/div_factor to max_lr over pct_start of the steps, then
 * anneals to initial_lr/final_div_factor (cosine by default); with three_phase it first comes
 * back down to initial_lr. With cycle_momentum (the default) the momentum (SGD, RMSprop) or β₁
 * (Adam, AdamW) moves the opposite way between max_momentum and base_momentum, as PyTorch does
 * by rewriting the optimizer's param group every step. The optimizer's own lr is replaced.
 */
import { fail } from '../errors';
import { atLeastZero, bool, num, readArgs, type ArgDef, type ArgValue } from './hyper';
import type { ScheduleValues } from './types';

/** OneCycleLR's arguments (PyTorch's names and defaults). */
export const ONE_CYCLE_DEFS: readonly ArgDef[] = [
  { name: 'max_lr', type: 'number', check: atLeastZero('max_lr') },
  { name: 'total_steps', type: 'number?', integer: true, default: null },
  { name: 'epochs', type: 'number?', integer: true, default: null },
  { name: 'steps_per_epoch', type: 'number?', integer: true, default: null },
  {
    name: 'pct_start',
    type: 'number',
    default: 0.3,
    check: (v: number) => (v >= 0 && v <= 1 ? undefined : `Expected float between 0 and 1 pct_start, but got ${v}.`),
  },
  {
    name: 'anneal_strategy',
    type: 'string',
    default: 'cos',
    check: (v: string) => (v === 'cos' || v === 'linear' ? undefined : `anneal_strategy must by one of 'cos' or 'linear', instead got ${v}.`),
  },
  { name: 'cycle_momentum', type: 'boolean', default: true },
  { name: 'base_momentum', type: 'number', default: 0.85 },
  { name: 'max_momentum', type: 'number', default: 0.95 },
  { name: 'div_factor', type: 'number', default: 25 },
  { name: 'final_div_factor', type: 'number', default: 1e4 },
  { name: 'three_phase', type: 'boolean', default: false },
];

type Key = 'initial_lr' | 'max_lr' | 'min_lr' | 'max_momentum' | 'base_momentum';
interface Phase {
  end: number;
  lr: [Key, Key];
  momentum: [Key, Key];
}

const cosAnneal = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
const linearAnneal = (start: number, end: number, pct: number) => (end - start) * pct + start;

export interface OneCycleSetup {
  values: Record<string, ArgValue>;
  defaultsUsed: string[];
  notes: string[];
  total: number;
  /** cycle_momentum (and the optimizer has a momentum or β₁ to cycle). */
  cycle: boolean;
  /** lr and momentum at last_epoch = k (PyTorch's get_lr); k ≤ total_steps. */
  at(k: number): { lr: number; momentum: number };
}

/**
 * OneCycleLR's arguments read and checked, and its values at any step. `steps` stands in for
 * total_steps when neither it nor epochs × steps_per_epoch is given (PyTorch requires one).
 */
export function oneCycleSetup(given: Record<string, unknown>, steps: number, hasMomentum: boolean): OneCycleSetup {
  const { values, defaultsUsed } = readArgs('OneCycleLR', ONE_CYCLE_DEFS, given);
  const notes: string[] = [];
  let total: number;
  if (values.total_steps !== null) {
    total = num(values, 'total_steps');
    if (total <= 0) fail(`OneCycleLR: Expected positive integer total_steps, but got ${total}.`, 'schedule.total_steps');
  } else if (values.epochs !== null || values.steps_per_epoch !== null) {
    if (values.epochs === null || values.steps_per_epoch === null)
      fail('OneCycleLR: You must define either total_steps OR (epochs AND steps_per_epoch).', 'schedule');
    const [e, s] = [num(values, 'epochs'), num(values, 'steps_per_epoch')];
    if (e <= 0) fail(`OneCycleLR: Expected positive integer epochs, but got ${e}.`, 'schedule.epochs');
    if (s <= 0) fail(`OneCycleLR: Expected positive integer steps_per_epoch, but got ${s}.`, 'schedule.steps_per_epoch');
    total = e * s;
  } else {
    total = steps;
    notes.push(`total_steps was not given (PyTorch requires it); the run's ${steps} steps are used.`);
  }
  notes.push("The optimizer's own lr is replaced: the cycle starts at max_lr/div_factor, as in PyTorch.");
  const cycle = bool(values, 'cycle_momentum');
  if (cycle && !hasMomentum) {
    fail(
      'OneCycleLR: optimizer must support momentum with `cycle_momentum` option enabled (set cycle_momentum to false, or use an optimizer with momentum or betas).',
      'schedule.cycle_momentum',
    );
  }
  const pct = num(values, 'pct_start');
  const group: Record<Key, number> = {
    initial_lr: num(values, 'max_lr') / num(values, 'div_factor'),
    max_lr: num(values, 'max_lr'),
    min_lr: 0,
    max_momentum: num(values, 'max_momentum'),
    base_momentum: num(values, 'base_momentum'),
  };
  group.min_lr = group.initial_lr / num(values, 'final_div_factor');
  const phases: Phase[] = bool(values, 'three_phase')
    ? [
        { end: pct * total - 1, lr: ['initial_lr', 'max_lr'], momentum: ['max_momentum', 'base_momentum'] },
        { end: 2 * pct * total - 2, lr: ['max_lr', 'initial_lr'], momentum: ['base_momentum', 'max_momentum'] },
        { end: total - 1, lr: ['initial_lr', 'min_lr'], momentum: ['max_momentum', 'max_momentum'] },
      ]
    : [
        { end: pct * total - 1, lr: ['initial_lr', 'max_lr'], momentum: ['max_momentum', 'base_momentum'] },
        { end: total - 1, lr: ['max_lr', 'min_lr'], momentum: ['base_momentum', 'max_momentum'] },
      ];
  const anneal = values.anneal_strategy === 'cos' ? cosAnneal : linearAnneal;
  const at = (k: number) => {
    if (k > total)
      fail(
        `OneCycleLR: Tried to step ${k + 1} times. The specified number of total steps is ${total}. Run at most ${total} steps or raise total_steps.`,
        'steps',
      );
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i];
      if (k <= phase.end || i === phases.length - 1) {
        if (phase.end === start)
          fail(
            `OneCycleLR: a phase of the cycle has zero length (pct_start × total_steps = ${pct * total}), where PyTorch divides by zero. Use more total_steps or another pct_start.`,
            'schedule.pct_start',
          );
        const p = (k - start) / (phase.end - start);
        return { lr: anneal(group[phase.lr[0]], group[phase.lr[1]], p), momentum: anneal(group[phase.momentum[0]], group[phase.momentum[1]], p) };
      }
      start = phase.end;
    }
    return { lr: NaN, momentum: NaN };
  };
  return { values, defaultsUsed, notes, total, cycle, at };
}

export function oneCycle(given: Record<string, unknown>, steps: number, hasMomentum: boolean): ScheduleValues {
  const setup = oneCycleSetup(given, steps, hasMomentum);
  const { total, values, defaultsUsed, notes } = setup;
  if (steps > total) {
    fail(
      `OneCycleLR: Tried to step ${total + 2} times. The specified number of total steps is ${total}. Run at most ${total} steps or raise total_steps.`,
      'steps',
    );
  }
  const lr = new Float64Array(steps);
  const momentum = setup.cycle ? new Float64Array(steps) : undefined;
  for (let k = 0; k < steps; k++) {
    const v = setup.at(k);
    lr[k] = v.lr;
    if (momentum) momentum[k] = v.momentum;
  }
  return { name: 'OneCycleLR', arguments: { ...values, total_steps: total }, defaultsUsed, lr, momentum, notes };
}
