/**
 * PyTorch's chainable decay schedulers (torch/optim/lr_scheduler.py, 1.13): LambdaLR,
 * MultiplicativeLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, ConstantLR
 * and PolynomialLR. Each step() multiplies the group's current lr (getLr), and step(epoch) uses
 * the closed form where PyTorch has one, so that they chain and hand over as in PyTorch. With
 * their table entries (arguments, defaults, checks).
 */
import { ArgScheduler, Scheduler, constructed, fromArgs, gamma, type Def, type Group } from './torch-schedulers-core';
import { num, type ArgDef, type ArgValue } from './hyper';
import { compilePyFunction, type PyFunction } from './py-function';

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

class StepLR extends ArgScheduler {
  getLr() {
    const e = this.lastEpoch;
    return e === 0 || e % num(this.a, 'step_size') !== 0 ? this.group.lr : this.group.lr * num(this.a, 'gamma');
  }
  override closedForm() {
    return this.baseLr * num(this.a, 'gamma') ** Math.floor(this.lastEpoch / num(this.a, 'step_size'));
  }
}

class MultiStepLR extends ArgScheduler {
  private readonly sorted: number[];
  constructor(group: Group, a: Record<string, ArgValue>) {
    super(group, a);
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

class ConstantLR extends ArgScheduler {
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

class LinearLR extends ArgScheduler {
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

class ExponentialLR extends ArgScheduler {
  getLr() {
    return this.lastEpoch === 0 ? this.group.lr : this.group.lr * num(this.a, 'gamma');
  }
  override closedForm() {
    return this.baseLr * num(this.a, 'gamma') ** this.lastEpoch;
  }
}

class PolynomialLR extends ArgScheduler {
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

class CosineAnnealingLR extends ArgScheduler {
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

const positiveInt = (name: string, dflt?: number): ArgDef => ({
  name,
  type: 'number',
  integer: true,
  default: dflt,
  check: (v: number) => (v >= 1 ? undefined : `${name} must be a positive integer, not ${v}.`),
});
const lrLambda: ArgDef = { name: 'lr_lambda', type: 'string', about: 'a function of the epoch, as Python source such as "lambda epoch: 0.95 ** epoch"' };

/** Table entries, by key (torchScheduleKey), in PyTorch's documentation order. */
export const DECAY_DEFS: Record<string, Def> = {
  lambdalr: {
    owner: 'LambdaLR',
    defs: [lrLambda],
    build: (a, ctx) => constructed(new LambdaLR(ctx.group, compilePyFunction(a.lr_lambda, 'LambdaLR lr_lambda'))),
  },
  multiplicativelr: {
    owner: 'MultiplicativeLR',
    defs: [lrLambda],
    build: (a, ctx) => constructed(new MultiplicativeLR(ctx.group, compilePyFunction(a.lr_lambda, 'MultiplicativeLR lr_lambda'))),
  },
  steplr: { owner: 'StepLR', defs: [positiveInt('step_size'), gamma(0.1)], build: fromArgs(StepLR) },
  multisteplr: { owner: 'MultiStepLR', defs: [{ name: 'milestones', type: 'numbers' }, gamma(0.1)], build: fromArgs(MultiStepLR) },
  exponentiallr: { owner: 'ExponentialLR', defs: [gamma()], build: fromArgs(ExponentialLR) },
  cosineannealinglr: {
    owner: 'CosineAnnealingLR',
    defs: [positiveInt('T_max'), { name: 'eta_min', type: 'number', default: 0 }],
    build: fromArgs(CosineAnnealingLR),
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
    build: fromArgs(LinearLR),
  },
  constantlr: {
    owner: 'ConstantLR',
    defs: [{ name: 'factor', type: 'number', default: 1 / 3 }, positiveInt('total_iters', 5)],
    validate: (a) =>
      num(a, 'factor') > 0 && num(a, 'factor') <= 1
        ? undefined
        : 'Constant multiplicative factor expected to be greater than 0 and less or equal to 1 (factor = 0 makes PyTorch divide by zero).',
    build: fromArgs(ConstantLR),
  },
  polynomiallr: { owner: 'PolynomialLR', defs: [positiveInt('total_iters', 5), { name: 'power', type: 'number', default: 1 }], build: fromArgs(PolynomialLR) },
};
