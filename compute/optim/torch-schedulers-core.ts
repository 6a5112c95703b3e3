/**
 * The machinery every simulated torch.optim.lr_scheduler shares (torch/optim/lr_scheduler.py,
 * 1.13): the param group the schedulers rewrite, the `_LRScheduler` base class with its
 * construction step and step()/step(epoch) (closed form), and the shape of a table entry that
 * reads a scheduler's arguments and builds it. The families live in torch-schedulers-decay.ts,
 * torch-schedulers-cyclic.ts and torch-schedulers-compose.ts; torch-schedulers.ts builds and runs
 * them.
 */
import { atLeastZero, type ArgDef, type ArgValue } from './hyper';

/** The optimizer's (single) parameter group as the schedulers see it. */
export interface Group {
  lr: number;
  initialLr?: number;
  /** Momentum or β₁, once a scheduler sets it. */
  momentum?: number;
}

export interface BuildContext {
  group: Group;
  /** The optimizer has a momentum or β₁ (OneCycleLR/CyclicLR cycle_momentum). */
  hasMomentum: boolean;
  /** Steps of the run (OneCycleLR without total_steps uses them). */
  steps: number;
  notes: string[];
  depth: number;
}

/** The part of a scheduler SequentialLR and ChainedScheduler drive. */
export interface Steppable {
  /** `epoch` given: PyTorch's step(epoch), which uses the closed form where there is one. */
  step(epoch?: number): void;
  /** Re-run the construction step (SequentialLR does this for its first scheduler). */
  initialStep(): void;
  lastEpoch: number;
}

/** torch.optim.lr_scheduler._LRScheduler. */
export abstract class Scheduler implements Steppable {
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

/** A scheduler whose behaviour is its read arguments, kept as `a`. */
export abstract class ArgScheduler extends Scheduler {
  constructor(
    group: Group,
    protected readonly a: Record<string, ArgValue>,
  ) {
    super(group);
  }
}

/** One table entry: a scheduler's arguments (PyTorch's names, defaults and checks) and its construction. */
export interface Def {
  owner: string;
  defs: ArgDef[];
  validate?(a: Record<string, ArgValue>): string | undefined;
  /** Arguments that are not plain values (lists of schedulers), passed through raw. */
  nested?: string[];
  /** `children`: the schedulers of a `nested` `schedulers` list, already built (empty otherwise). */
  build(a: Record<string, ArgValue>, ctx: BuildContext, children: Steppable[]): Steppable;
}

/** A scheduler after its construction step (last_epoch = 0), as PyTorch's constructor leaves it. */
export const constructed = <T extends Scheduler>(s: T): T => {
  s.initialStep();
  return s;
};

/** The build of a scheduler made from its arguments alone. */
export const fromArgs =
  (Class: new (group: Group, a: Record<string, ArgValue>) => Scheduler) =>
  (a: Record<string, ArgValue>, ctx: BuildContext): Scheduler =>
    constructed(new Class(ctx.group, a));

export const gamma = (dflt?: number): ArgDef => ({ name: 'gamma', type: 'number', default: dflt, check: atLeastZero('gamma') });
