/**
 * PyTorch's learning-rate schedulers as PyTorch runs them (torch/optim/lr_scheduler.py, 1.13):
 * objects that share the optimizer's param group and rewrite its `lr` (and, for OneCycleLR and
 * CyclicLR, its momentum or β₁). Each is built on the group (recording `initial_lr` the first
 * time, then taking one step, so last_epoch = 0), and `step()` is called once after every
 * optimizer step: the lr used at optimizer step k is the group's lr after k scheduler steps.
 * Most schedulers are "chainable": they multiply the group's current lr, so several of them
 * (ChainedScheduler) or a hand-over between them (SequentialLR, which calls the next one's
 * step(0) and so its closed form) compose exactly as in PyTorch. This module reproduces that
 * machinery, not just each closed form, so the composites match PyTorch's floats
 * (test/fixtures/gen_optim.py).
 */
import { fail } from '../errors';
import { atLeastZero, bool, num, readArgs, type ArgDef, type ArgValue } from './hyper';
import { ONE_CYCLE_DEFS, oneCycleSetup } from './one-cycle';
import { compilePyFunction, type PyFunction } from './py-function';
import type { ScheduleSpec } from './types';

/** The optimizer's (single) parameter group as the schedulers see it. */
interface Group {
  lr: number;
  initialLr?: number;
  /** Momentum or β₁, once a scheduler sets it. */
  momentum?: number;
}

interface BuildContext {
  group: Group;
  /** The optimizer has a momentum or β₁ (OneCycleLR/CyclicLR cycle_momentum). */
  hasMomentum: boolean;
  /** Steps of the run (OneCycleLR without total_steps uses them). */
  steps: number;
  notes: string[];
  depth: number;
}

/** The part of a scheduler SequentialLR and ChainedScheduler drive. */
interface Steppable {
  /** `epoch` given: PyTorch's step(epoch), which uses the closed form where there is one. */
  step(epoch?: number): void;
  /** Re-run the construction step (SequentialLR does this for its first scheduler). */
  initialStep(): void;
  lastEpoch: number;
}

/** torch.optim.lr_scheduler._LRScheduler. */
abstract class Scheduler implements Steppable {
  lastEpoch = -1;
  stepCount = 0;
  baseLr: number;

  constructor(readonly group: Group) {
    group.initialLr ??= group.lr;
    this.baseLr = group.initialLr;
  }

  abstract getLr(): number;

  /** _get_closed_form_lr, for schedulers that have one. */
  closedForm(): number | undefined {
    return undefined;
  }

  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  step(epoch?: number): void {
    this.stepCount++;
    let value: number;
    if (epoch === undefined) {
      this.lastEpoch++;
      value = this.getLr();
    } else {
      this.lastEpoch = epoch;
      value = this.closedForm() ?? this.getLr();
    }
    this.group.lr = value;
  }
}

class LambdaLR extends Scheduler {
  constructor(
    group: Group,
    private readonly fn: PyFunction,
  ) {
    super(group);
  }
  getLr() {
    return this.baseLr * this.fn(this.lastEpoch);
  }
}

class MultiplicativeLR extends Scheduler {
  constructor(
    group: Group,
    private readonly fn: PyFunction,
  ) {
    super(group);
  }
  getLr() {
    return this.lastEpoch > 0 ? this.group.lr * this.fn(this.lastEpoch) : this.group.lr;
  }
}

class StepLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    const e = this.lastEpoch;
    return e === 0 || e % num(this.a, 'step_size') !== 0 ? this.group.lr : this.group.lr * num(this.a, 'gamma');
  }
  override closedForm() {
    return this.baseLr * num(this.a, 'gamma') ** Math.floor(this.lastEpoch / num(this.a, 'step_size'));
  }
}

class MultiStepLR extends Scheduler {
  private readonly sorted: number[];
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
    this.sorted = [...(a.milestones as number[])].sort((x, y) => x - y);
  }
  getLr() {
    // PyTorch keeps a Counter: a milestone listed twice decays by gamma² there.
    const count = this.sorted.filter((m) => m === this.lastEpoch).length;
    return count === 0 ? this.group.lr : this.group.lr * num(this.a, 'gamma') ** count;
  }
  override closedForm() {
    return this.baseLr * num(this.a, 'gamma') ** this.sorted.filter((m) => m <= this.lastEpoch).length;
  }
}

class ConstantLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    const n = num(this.a, 'total_iters');
    if (this.lastEpoch === 0) return this.group.lr * num(this.a, 'factor');
    if (this.lastEpoch !== n) return this.group.lr;
    return this.group.lr * (1 / num(this.a, 'factor'));
  }
  override closedForm() {
    const f = num(this.a, 'factor');
    return this.baseLr * (f + (this.lastEpoch >= num(this.a, 'total_iters') ? 1 : 0) * (1 - f));
  }
}

class LinearLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    const s = num(this.a, 'start_factor');
    const e = num(this.a, 'end_factor');
    const n = num(this.a, 'total_iters');
    if (this.lastEpoch === 0) return this.group.lr * s;
    if (this.lastEpoch > n) return this.group.lr;
    return this.group.lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s)));
  }
  override closedForm() {
    const s = num(this.a, 'start_factor');
    const n = num(this.a, 'total_iters');
    return this.baseLr * (s + ((num(this.a, 'end_factor') - s) * Math.min(n, this.lastEpoch)) / n);
  }
}

class ExponentialLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    return this.lastEpoch === 0 ? this.group.lr : this.group.lr * num(this.a, 'gamma');
  }
  override closedForm() {
    return this.baseLr * num(this.a, 'gamma') ** this.lastEpoch;
  }
}

class PolynomialLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    const n = num(this.a, 'total_iters');
    const e = this.lastEpoch;
    if (e === 0 || e > n) return this.group.lr;
    const factor = ((1 - e / n) / (1 - (e - 1) / n)) ** num(this.a, 'power');
    return this.group.lr * factor;
  }
  override closedForm() {
    const n = num(this.a, 'total_iters');
    return this.baseLr * (1 - Math.min(n, this.lastEpoch) / n) ** num(this.a, 'power');
  }
}

class CosineAnnealingLR extends Scheduler {
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
  getLr() {
    const T = num(this.a, 'T_max');
    const etaMin = num(this.a, 'eta_min');
    const e = this.lastEpoch;
    if (e === 0) return this.group.lr;
    if (this.stepCount === 1 && e > 0) return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2;
    if ((e - 1 - T) % (2 * T) === 0) return this.group.lr + ((this.baseLr - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (this.group.lr - etaMin) + etaMin;
  }
  override closedForm() {
    const etaMin = num(this.a, 'eta_min');
    return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / num(this.a, 'T_max')))) / 2;
  }
}

/** CosineAnnealingWarmRestarts: its own step(), which tracks T_cur and T_i (SGDR). */
class CosineAnnealingWarmRestarts extends Scheduler {
  private Ti: number;
  private Tcur: number;
  constructor(
    group: Group,
    private readonly a: Record<string, ArgValue>,
  ) {
    super(group);
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
class OneCycleLR extends Scheduler {
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

// ---------------------------------------------------------------------------------------------
// Arguments (PyTorch's names, defaults and checks) and construction.
// ---------------------------------------------------------------------------------------------

const positiveInt = (name: string, dflt?: number): ArgDef => ({
  name,
  type: 'number',
  integer: true,
  default: dflt,
  check: (v: number) => (v >= 1 ? undefined : `${name} must be a positive integer, not ${v}.`),
});
const gamma = (dflt?: number): ArgDef => ({ name: 'gamma', type: 'number', default: dflt, check: atLeastZero('gamma') });
const lrLambda: ArgDef = { name: 'lr_lambda', type: 'string', about: 'a function of the epoch, as Python source such as "lambda epoch: 0.95 ** epoch"' };

interface Def {
  owner: string;
  defs: ArgDef[];
  validate?(a: Record<string, ArgValue>): string | undefined;
  /** Arguments that are not plain values (lists of schedulers), passed through raw. */
  nested?: string[];
  build(a: Record<string, ArgValue>, raw: Record<string, unknown>, ctx: BuildContext): Steppable;
}

const constructed = <T extends Scheduler>(s: T): T => {
  s.initialStep();
  return s;
};

const DEFS: Record<string, Def> = {
  lambdalr: {
    owner: 'LambdaLR',
    defs: [lrLambda],
    build: (a, _raw, ctx) => constructed(new LambdaLR(ctx.group, compilePyFunction(a.lr_lambda, 'LambdaLR lr_lambda'))),
  },
  multiplicativelr: {
    owner: 'MultiplicativeLR',
    defs: [lrLambda],
    build: (a, _raw, ctx) => constructed(new MultiplicativeLR(ctx.group, compilePyFunction(a.lr_lambda, 'MultiplicativeLR lr_lambda'))),
  },
  steplr: { owner: 'StepLR', defs: [positiveInt('step_size'), gamma(0.1)], build: (a, _r, ctx) => constructed(new StepLR(ctx.group, a)) },
  multisteplr: {
    owner: 'MultiStepLR',
    defs: [{ name: 'milestones', type: 'numbers' }, gamma(0.1)],
    build: (a, _r, ctx) => constructed(new MultiStepLR(ctx.group, a)),
  },
  exponentiallr: { owner: 'ExponentialLR', defs: [gamma()], build: (a, _r, ctx) => constructed(new ExponentialLR(ctx.group, a)) },
  cosineannealinglr: {
    owner: 'CosineAnnealingLR',
    defs: [positiveInt('T_max'), { name: 'eta_min', type: 'number', default: 0 }],
    build: (a, _r, ctx) => constructed(new CosineAnnealingLR(ctx.group, a)),
  },
  linearlr: {
    owner: 'LinearLR',
    defs: [{ name: 'start_factor', type: 'number', default: 1 / 3 }, { name: 'end_factor', type: 'number', default: 1 }, positiveInt('total_iters', 5)],
    validate: (a) =>
      !(num(a, 'start_factor') > 0 && num(a, 'start_factor') <= 1)
        ? 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1 (start_factor = 0 makes PyTorch divide by zero).'
        : !(num(a, 'end_factor') >= 0 && num(a, 'end_factor') <= 1)
          ? 'Ending multiplicative factor expected to be between 0 and 1.'
          : undefined,
    build: (a, _r, ctx) => constructed(new LinearLR(ctx.group, a)),
  },
  constantlr: {
    owner: 'ConstantLR',
    defs: [{ name: 'factor', type: 'number', default: 1 / 3 }, positiveInt('total_iters', 5)],
    validate: (a) =>
      num(a, 'factor') > 0 && num(a, 'factor') <= 1
        ? undefined
        : 'Constant multiplicative factor expected to be greater than 0 and less or equal to 1 (factor = 0 makes PyTorch divide by zero).',
    build: (a, _r, ctx) => constructed(new ConstantLR(ctx.group, a)),
  },
  polynomiallr: {
    owner: 'PolynomialLR',
    defs: [positiveInt('total_iters', 5), { name: 'power', type: 'number', default: 1 }],
    build: (a, _r, ctx) => constructed(new PolynomialLR(ctx.group, a)),
  },
  cosineannealingwarmrestarts: {
    owner: 'CosineAnnealingWarmRestarts',
    defs: [
      { name: 'T_0', type: 'number', integer: true, check: (v: number) => (v > 0 ? undefined : `Expected positive integer T_0, but got ${v}.`) },
      { name: 'T_mult', type: 'number', integer: true, default: 1, check: (v: number) => (v >= 1 ? undefined : `Expected integer T_mult >= 1, but got ${v}.`) },
      { name: 'eta_min', type: 'number', default: 0 },
    ],
    build: (a, _r, ctx) => constructed(new CosineAnnealingWarmRestarts(ctx.group, a)),
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
    build: (a, _r, ctx) => {
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
    build: (a, _r, ctx) => {
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
    build: (a, raw, ctx) => {
      const children = childSchedulers('SequentialLR', raw.schedulers, ctx);
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
  chainedscheduler: {
    owner: 'ChainedScheduler',
    defs: [],
    nested: ['schedulers'],
    build: (_a, raw, ctx) => new ChainedScheduler(childSchedulers('ChainedScheduler', raw.schedulers, ctx)),
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
  lambda: 'lambdalr',
  multiplicative: 'multiplicativelr',
  polynomial: 'polynomiallr',
  cyclic: 'cycliclr',
  sequential: 'sequentiallr',
  chained: 'chainedscheduler',
  plateau: 'reducelronplateau',
  warmrestarts: 'cosineannealingwarmrestarts',
};

/** PyTorch scheduler class names accepted (case and underscores ignored). */
export const TORCH_SCHEDULE_NAMES = Object.values(DEFS).map((d) => d.owner);

/**
 * A PyTorch scheduler's arguments as the simulator reads them (names, types, defaults, checks),
 * and the arguments that are not plain values (`schedulers`, a list of child schedulers); by
 * table key (torchScheduleKey). For the lab's form.
 */
export function torchScheduleSignature(key: string): { owner: string; defs: readonly ArgDef[]; nested: readonly string[] } | undefined {
  if (!Object.hasOwn(DEFS, key)) return undefined;
  const def = DEFS[key];
  return { owner: def.owner, defs: key === 'onecyclelr' ? ONE_CYCLE_DEFS : def.defs, nested: def.nested ?? [] };
}

/** The table key of a PyTorch scheduler name, or undefined. */
export function torchScheduleKey(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/^(torch\.optim\.)?(lr_scheduler\.)?/, '')
    .replace(/[^a-z]/g, '');
  const resolved = ALIASES[key] ?? key;
  return Object.hasOwn(DEFS, resolved) ? resolved : undefined;
}

/** Arguments every PyTorch scheduler takes and that change nothing for a fresh run. */
function ownArgs(spec: ScheduleSpec, owner: string): Record<string, unknown> {
  if (spec.last_epoch !== undefined && spec.last_epoch !== -1)
    fail(`${owner}: only last_epoch = -1 (a fresh schedule) can be simulated.`, 'schedule.last_epoch');
  return Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'name' && k !== 'last_epoch' && k !== 'verbose'));
}

function buildScheduler(
  spec: ScheduleSpec,
  ctx: BuildContext,
): { scheduler: Steppable; owner: string; arguments: Record<string, unknown>; defaultsUsed: string[] } {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    fail('A schedule must be an object such as {"name": "StepLR", "step_size": 30, "gamma": 0.1}.', 'schedule');
  const key = typeof spec.name === 'string' ? torchScheduleKey(spec.name) : undefined;
  if (!key) fail(`Unknown PyTorch scheduler "${String(spec.name)}"; use one of ${TORCH_SCHEDULE_NAMES.join(', ')}.`, 'schedule.name');
  const def = DEFS[key];
  const raw = ownArgs(spec, def.owner);
  const nested = def.nested ?? [];
  if (key === 'onecyclelr') {
    const setup = oneCycleSetup(raw, ctx.steps, ctx.hasMomentum);
    ctx.notes.push(...setup.notes);
    return {
      scheduler: constructed(new OneCycleLR(ctx.group, setup)),
      owner: def.owner,
      arguments: { ...setup.values, total_steps: setup.total },
      defaultsUsed: setup.defaultsUsed,
    };
  }
  const plain = Object.fromEntries(Object.entries(raw).filter(([k]) => !nested.includes(k)));
  const { values, defaultsUsed } = readArgs(def.owner, def.defs, plain);
  const problem = def.validate?.(values);
  if (problem) fail(`${def.owner}: ${problem}`, 'schedule');
  const scheduler = def.build(values, raw, ctx);
  const args: Record<string, unknown> = { ...values };
  for (const k of nested) if (raw[k] !== undefined) args[k] = raw[k];
  return { scheduler, owner: def.owner, arguments: args, defaultsUsed };
}

function childSchedulers(owner: string, list: unknown, ctx: BuildContext): Steppable[] {
  if (!Array.isArray(list) || list.length === 0)
    fail(
      `${owner} needs "schedulers": a list of PyTorch schedulers such as [{"name": "LinearLR", "start_factor": 0.1, "total_iters": 5}, {"name": "CosineAnnealingLR", "T_max": 95}].`,
      'schedule.schedulers',
    );
  if (ctx.depth >= 1) fail(`${owner} inside SequentialLR or ChainedScheduler is not simulated.`, 'schedule.schedulers');
  if (list.length > 16) fail(`${owner}: at most 16 schedulers are simulated, not ${list.length}.`, 'schedule.schedulers');
  // Built in list order on the shared group, each taking its construction step, as they are
  // when a script builds them one after another before the composite.
  return list.map((s) => buildScheduler(s as ScheduleSpec, { ...ctx, depth: ctx.depth + 1 }).scheduler);
}

export interface TorchScheduleRun {
  owner: string;
  arguments: Record<string, unknown>;
  defaultsUsed: string[];
  lr: Float64Array;
  momentum?: Float64Array;
  notes: string[];
}

/** The group's lr (and momentum, when a scheduler sets it) before each of `steps` optimizer steps. */
export function torchScheduleRun(spec: ScheduleSpec, baseLr: number, steps: number, hasMomentum: boolean): TorchScheduleRun {
  const group: Group = { lr: baseLr };
  const notes: string[] = [];
  const built = buildScheduler(spec, { group, hasMomentum, steps, notes, depth: 0 });
  const lr = new Float64Array(steps);
  let momentum: Float64Array | undefined;
  for (let k = 0; k < steps; k++) {
    lr[k] = group.lr;
    if (group.momentum !== undefined) {
      momentum ??= new Float64Array(steps).fill(NaN); // NaN: the optimizer's own momentum (run.ts)
      momentum[k] = group.momentum;
    }
    if (!Number.isFinite(group.lr)) fail(`${built.owner}: the learning rate becomes ${group.lr} at step ${k}.`, 'schedule');
    built.scheduler.step();
  }
  return { owner: built.owner, arguments: built.arguments, defaultsUsed: built.defaultsUsed, lr, momentum, notes };
}
