/**
 * PyTorch's schedulers that drive other schedulers or wait on a metric (torch/optim/
 * lr_scheduler.py, 1.13): SequentialLR (hands the group over at each milestone), ChainedScheduler
 * (steps them all) and ReduceLROnPlateau (needs the metric, so the lr stays where it starts). With
 * their table entries; the child schedulers come built by buildScheduler (torch-schedulers.ts).
 */
import { fail } from '../errors';
import type { Def, Group, Steppable } from './torch-schedulers-core';
import { num } from './hyper';

/** SequentialLR: hands the group from one scheduler to the next at each milestone. */
class SequentialLR implements Steppable {
  lastEpoch: number;
  constructor(
    group: Group,
    private readonly schedulers: Steppable[],
    private readonly milestones: number[],
  ) {
    this.lastEpoch = 0;
    group.lr = group.initialLr ?? group.lr;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0].initialStep();
  }
  initialStep(): void {
    fail('SequentialLR inside another SequentialLR or ChainedScheduler is not simulated.', 'schedule.schedulers');
  }
  step(epoch?: number): void {
    if (epoch !== undefined) fail('SequentialLR.step() takes no epoch in PyTorch.', 'schedule');
    this.lastEpoch++;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length; // bisect_right
    const s = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
  }
}

/** ChainedScheduler: steps every scheduler, in order, on the same group. */
class ChainedScheduler implements Steppable {
  lastEpoch = 0;
  constructor(private readonly schedulers: Steppable[]) {}
  initialStep(): void {
    fail('ChainedScheduler inside SequentialLR or another ChainedScheduler is not simulated.', 'schedule.schedulers');
  }
  step(epoch?: number): void {
    if (epoch !== undefined) fail('ChainedScheduler.step() takes no epoch in PyTorch.', 'schedule');
    for (const s of this.schedulers) s.step();
  }
}

/** ReduceLROnPlateau: only scheduler.step(metric) can lower the lr, and the metric is not in the code. */
class Plateau implements Steppable {
  lastEpoch = 0;
  initialStep(): void {}
  step(): void {
    /* no metric: nothing to reduce */
  }
}

/** Table entries, by key (torchScheduleKey), in PyTorch's documentation order. */
export const COMPOSE_DEFS: Record<string, Def> = {
  reducelronplateau: {
    owner: 'ReduceLROnPlateau',
    defs: [
      { name: 'mode', type: 'string', default: 'min', check: (v: string) => (v === 'min' || v === 'max' ? undefined : `mode ${v} is unknown!`) },
      { name: 'factor', type: 'number', default: 0.1, check: (v: number) => (v < 1 ? undefined : 'Factor should be < 1.0.') },
      { name: 'patience', type: 'number', integer: true, default: 10 },
      { name: 'threshold', type: 'number', default: 1e-4 },
      {
        name: 'threshold_mode',
        type: 'string',
        default: 'rel',
        check: (v: string) => (v === 'rel' || v === 'abs' ? undefined : `threshold mode ${v} is unknown!`),
      },
      { name: 'cooldown', type: 'number', integer: true, default: 0 },
      { name: 'min_lr', type: 'number', default: 0 },
      { name: 'eps', type: 'number', default: 1e-8 },
    ],
    build: (a, ctx) => {
      if (ctx.depth > 0)
        fail(
          'ReduceLROnPlateau cannot be part of SequentialLR or ChainedScheduler: its step() needs the monitored metric (PyTorch raises here too).',
          'schedule.schedulers',
        );
      const better = a.mode === 'min' ? 'fall' : 'rise';
      ctx.notes.push(
        `ReduceLROnPlateau changes the lr only when the code calls scheduler.step(metric) and the metric (mode='${a.mode}') has not improved by more than threshold=${num(a, 'threshold')} (${a.threshold_mode}) for more than patience=${num(a, 'patience')} calls; then it multiplies the lr by factor=${num(a, 'factor')} (not below min_lr=${num(a, 'min_lr')}) and waits cooldown=${num(a, 'cooldown')} calls. ` +
          `That metric (usually a validation loss) exists only when training runs, so it cannot be read from the code: the lr is shown at its starting value, constant, which is what it stays at while the metric keeps improving (the metric must ${better}). Each plateau would multiply it by ${num(a, 'factor')}.`,
      );
      return new Plateau();
    },
  },
  sequentiallr: {
    owner: 'SequentialLR',
    defs: [{ name: 'milestones', type: 'numbers' }],
    nested: ['schedulers'],
    build: (a, ctx, children) => {
      const milestones = a.milestones as number[];
      if (milestones.length !== children.length - 1) {
        fail(
          `SequentialLR: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${children.length} and the number of milestones to be equal to ${milestones.length}.`,
          'schedule.milestones',
        );
      }
      return new SequentialLR(ctx.group, children, milestones);
    },
  },
  chainedscheduler: { owner: 'ChainedScheduler', defs: [], nested: ['schedulers'], build: (_a, _ctx, children) => new ChainedScheduler(children) },
};
