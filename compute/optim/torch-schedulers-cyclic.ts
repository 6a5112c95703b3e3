/**
 * PyTorch's cycling schedulers (torch/optim/lr_scheduler.py, 1.13), which set the lr from their
 * own state rather than multiplying the group's: CosineAnnealingWarmRestarts (SGDR, its own
 * step()), CyclicLR and OneCycleLR (which also cycle the optimizer's momentum or β₁). With their
 * table entries; OneCycleLR's arguments are read by oneCycleSetup (one-cycle.ts).
 */
import { fail } from '../errors';
import { ArgScheduler, Scheduler, constructed, fromArgs, gamma, type Def, type Group } from './torch-schedulers-core';
import { atLeastZero, bool, num, type ArgValue } from './hyper';
import type { oneCycleSetup } from './one-cycle';
import { compilePyFunction, type PyFunction } from './py-function';

/** CosineAnnealingWarmRestarts: its own step(), which tracks T_cur and T_i (SGDR). */
class CosineAnnealingWarmRestarts extends ArgScheduler {
  private Ti: number;
  private Tcur: number;
  constructor(group: Group, a: Record<string, ArgValue>) {
    super(group, a);
    this.Ti = num(a, 'T_0');
    this.Tcur = this.lastEpoch;
  }
  getLr() {
    const etaMin = num(this.a, 'eta_min');
    return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((Math.PI * this.Tcur) / this.Ti))) / 2;
  }
  override step(epoch?: number): void {
    const T0 = num(this.a, 'T_0');
    const Tmult = num(this.a, 'T_mult');
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.Tcur = this.Tcur + 1;
      if (this.Tcur >= this.Ti) {
        this.Tcur = this.Tcur - this.Ti;
        this.Ti = this.Ti * Tmult;
      }
    } else if (epoch >= T0) {
      if (Tmult === 1) {
        this.Tcur = epoch % T0;
      } else {
        const n = Math.trunc(Math.log((epoch / T0) * (Tmult - 1) + 1) / Math.log(Tmult));
        this.Tcur = epoch - (T0 * (Tmult ** n - 1)) / (Tmult - 1);
        this.Ti = T0 * Tmult ** n;
      }
    } else {
      this.Ti = T0;
      this.Tcur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
    this.group.lr = this.getLr();
  }
}

/** CyclicLR (Smith, "Cyclical Learning Rates for Training Neural Networks"): replaces the lr by base_lr and cycles it. */
class CyclicLR extends Scheduler {
  private readonly total: number;
  private readonly ratio: number;
  private readonly scale: (x: number) => number;
  private readonly scaleMode: string;
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
    scaleFn: PyFunction | undefined,
    private readonly cycleMomentum: boolean,
  ) {
    group.lr = num(a, 'base_lr');
    if (cycleMomentum) group.momentum = num(a, 'base_momentum');
    super(group);
    const up = num(a, 'step_size_up');
    const down = a.step_size_down === null ? up : num(a, 'step_size_down');
    this.total = up + down;
    this.ratio = up / this.total;
    const gamma = num(a, 'gamma');
    if (scaleFn) {
      this.scale = scaleFn;
      this.scaleMode = String(a.scale_mode);
    } else if (a.mode === 'triangular2') {
      this.scale = (x) => 1 / 2 ** (x - 1);
      this.scaleMode = 'cycle';
    } else if (a.mode === 'exp_range') {
      this.scale = (x) => gamma ** x;
      this.scaleMode = 'iterations';
    } else {
      this.scale = () => 1;
      this.scaleMode = 'cycle';
    }
  }
  /** After construction PyTorch sets base_lrs to base_lr (the construction step used initial_lr). */
  finish(): void {
    this.baseLr = num(this.a, 'base_lr');
  }
  getLr() {
    const cycle = Math.floor(1 + this.lastEpoch / this.total);
    const x = 1 + this.lastEpoch / this.total - cycle;
    const factor = x <= this.ratio ? x / this.ratio : (x - 1) / (this.ratio - 1);
    const s = this.scale(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    const lr = this.baseLr + (num(this.a, 'max_lr') - this.baseLr) * factor * s;
    if (this.cycleMomentum) {
      const maxM = num(this.a, 'max_momentum');
      this.group.momentum = maxM - (maxM - num(this.a, 'base_momentum')) * factor * s;
    }
    return lr;
  }
}

/** OneCycleLR: sets initial_lr = max_lr/div_factor on the group, then anneals by step count. */
export class OneCycleLR extends Scheduler {
  constructor(
    group: Group,
    private readonly setup: ReturnType<typeof oneCycleSetup>,
  ) {
    group.initialLr = num(setup.values, 'max_lr') / num(setup.values, 'div_factor');
    if (setup.cycle) group.momentum = num(setup.values, 'max_momentum');
    super(group);
  }
  getLr() {
    const v = this.setup.at(this.lastEpoch);
    if (this.setup.cycle) this.group.momentum = v.momentum;
    return v.lr;
  }
}

/** Table entries, by key (torchScheduleKey), in PyTorch's documentation order. */
export const CYCLIC_DEFS: Record<string, Def> = {
  cosineannealingwarmrestarts: {
    owner: 'CosineAnnealingWarmRestarts',
    defs: [
      { name: 'T_0', type: 'number', integer: true, check: (v: number) => (v > 0 ? undefined : `Expected positive integer T_0, but got ${v}.`) },
      { name: 'T_mult', type: 'number', integer: true, default: 1, check: (v: number) => (v >= 1 ? undefined : `Expected integer T_mult >= 1, but got ${v}.`) },
      { name: 'eta_min', type: 'number', default: 0 },
    ],
    build: fromArgs(CosineAnnealingWarmRestarts),
  },
  cycliclr: {
    owner: 'CyclicLR',
    defs: [
      { name: 'base_lr', type: 'number', check: atLeastZero('base_lr') },
      { name: 'max_lr', type: 'number', check: atLeastZero('max_lr') },
      { name: 'step_size_up', type: 'number', default: 2000, check: (v: number) => (v > 0 ? undefined : `step_size_up must be > 0, not ${v}.`) },
      { name: 'step_size_down', type: 'number?', default: null },
      { name: 'mode', type: 'string', default: 'triangular' },
      gamma(1),
      { name: 'scale_fn', type: 'string', default: '' },
      {
        name: 'scale_mode',
        type: 'string',
        default: 'cycle',
        check: (v: string) => (v === 'cycle' || v === 'iterations' ? undefined : `scale_mode must be 'cycle' or 'iterations', not '${v}'.`),
      },
      { name: 'cycle_momentum', type: 'boolean', default: true },
      { name: 'base_momentum', type: 'number', default: 0.8 },
      { name: 'max_momentum', type: 'number', default: 0.9 },
    ],
    validate: (a) =>
      a.scale_fn === '' && !['triangular', 'triangular2', 'exp_range'].includes(String(a.mode))
        ? 'mode is invalid and scale_fn is None (mode must be triangular, triangular2 or exp_range).'
        : undefined,
    build: (a, ctx) => {
      const cycle = bool(a, 'cycle_momentum');
      if (cycle && !ctx.hasMomentum)
        fail(
          'CyclicLR: optimizer must support momentum or beta1 with `cycle_momentum` option enabled (set cycle_momentum=False, or use an optimizer with momentum or betas).',
          'schedule.cycle_momentum',
        );
      const scaleFn = a.scale_fn === '' ? undefined : compilePyFunction(a.scale_fn, 'CyclicLR scale_fn');
      ctx.notes.push(`CyclicLR replaces the optimizer's lr by base_lr = ${num(a, 'base_lr')} and cycles it up to max_lr = ${num(a, 'max_lr')}, as in PyTorch.`);
      if (cycle)
        ctx.notes.push(
          `CyclicLR's cycle_momentum=True also sets the optimizer's momentum (β₁ for Adam-like optimizers) and cycles it between max_momentum = ${num(a, 'max_momentum')} and base_momentum = ${num(a, 'base_momentum')}, whatever momentum the optimizer was given (PyTorch < 2.0 refuses β₁ optimizers here).`,
        );
      const s = constructed(new CyclicLR(ctx.group, a, scaleFn, cycle));
      s.finish();
      return s;
    },
  },
  // Read by oneCycleSetup (one-cycle.ts), which buildScheduler calls directly.
  onecyclelr: { owner: 'OneCycleLR', defs: [], build: () => fail('OneCycleLR is built by buildScheduler.') },
};
