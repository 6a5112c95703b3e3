/**
 * The Robbins–Monro step-size conditions (Robbins & Monro, "A Stochastic Approximation Method",
 * Ann. Math. Statist. 1951): Σ αₜ = ∞ (the steps can travel any distance) and Σ αₜ² < ∞ (the
 * injected noise has finite total variance). Together they make SGD converge almost surely on
 * suitable problems (Bottou, Curtis & Nocedal, "Optimization Methods for Large-Scale Machine
 * Learning", SIAM Review 2018, Thm 4.7). Decided symbolically, by family of schedule.
 */
import { fail } from '../errors';
import { kerasSchedule } from './keras-schedules';
import { optaxStepSizeFamily, scheduleArgs, scheduleKey } from './schedules';
import type { RobbinsMonroCheck, ScheduleSpec, StepSizeFamily } from './types';

export type { RobbinsMonroCheck, StepSizeFamily } from './types';

const verdict = (sumDiverges: boolean, sumOfSquaresConverges: boolean, reason: string): RobbinsMonroCheck => ({
  sumDiverges,
  sumOfSquaresConverges,
  satisfied: sumDiverges && sumOfSquaresConverges,
  reason,
});

/** Σα = ∞ and Σα² < ∞ for a family of step sizes, decided from its parameters. */
export function robbinsMonro(f: StepSizeFamily): RobbinsMonroCheck {
  switch (f.family) {
    case 'constant':
      return f.a === 0
        ? verdict(false, true, 'A zero step size never moves: Σα = 0.')
        : verdict(
            true,
            false,
            `A constant step α = ${f.a} gives Σα = ∞ but also Σα² = ∞, so the noise never averages out (SGD only reaches a neighbourhood of the minimizer).`,
          );
    case 'power': {
      const { a, p } = f;
      if ((f.b ?? 1) <= 0) fail('The power family a/(t + b)^p needs b > 0.', 'b');
      if (a === 0) return verdict(false, true, 'a = 0: the step size is identically zero.');
      // Σ 1/tᵖ diverges iff p ≤ 1 (p-series); Σ 1/t²ᵖ converges iff 2p > 1.
      const diverges = p <= 1;
      const squares = 2 * p > 1;
      return verdict(
        diverges,
        squares,
        `α = a/(t + b)^p with p = ${p}: Σα = ∞ iff p ≤ 1 and Σα² < ∞ iff p > 1/2, so the conditions hold exactly for p ∈ (1/2, 1].`,
      );
    }
    case 'geometric': {
      const { a, gamma } = f;
      if (a === 0 || gamma === 0) return verdict(false, true, 'The step size becomes zero: Σα is finite.');
      if (gamma < 1)
        return verdict(false, true, `A geometric decay (ratio ${gamma} < 1) sums to a finite total Σα, so the iterates can stop short of a distant minimizer.`);
      if (gamma === 1) return robbinsMonro({ family: 'constant', a });
      return verdict(true, false, `A growing step size (ratio ${gamma} > 1) makes both Σα and Σα² infinite.`);
    }
    case 'periodic':
      return f.mean === 0
        ? verdict(false, true, 'The step size is identically zero.')
        : verdict(
            true,
            false,
            `A periodic schedule (${f.what ?? 'PyTorch’s CosineAnnealingLR rises again after T_max'}) has Σα = ∞ and Σα² = ∞, like a constant step.`,
          );
    case 'eventually':
      return f.a === 0
        ? verdict(false, true, `${f.what} reaches 0 after step ${f.after} and stays there, so both Σα and Σα² are finite: the iterates stop moving.`)
        : verdict(true, false, `${f.what} stays at α = ${f.a} from step ${f.after} on, so Σα = ∞ but also Σα² = ∞ (like a constant step).`);
    case 'finite':
      return verdict(
        false,
        true,
        `The schedule is defined for ${f.steps} steps only (PyTorch stops it there), so the infinite sums do not apply; over those steps both sums are finite.`,
      );
  }
}

/**
 * The family of a PyTorch schedule (by its arguments and the optimizer's lr), then its check;
 * undefined where the family cannot be decided from the arguments (a LambdaLR's function, a
 * metric-driven ReduceLROnPlateau, a product of ChainedScheduler's schedules).
 */
export function robbinsMonroForSchedule(spec: ScheduleSpec | null | undefined, lr: number, steps = 0): RobbinsMonroCheck | undefined {
  if (!spec) return robbinsMonro({ family: 'constant', a: lr });
  const key = scheduleKey(spec.name);
  if (key.startsWith('optax')) return robbinsMonro(optaxStepSizeFamily(spec));
  if (key.startsWith('keras')) {
    const family = kerasSchedule(spec).family;
    return family ? robbinsMonro(family) : undefined;
  }
  const a = scheduleArgs(spec) as Record<string, number | number[] | undefined>;
  const gamma = (a.gamma as number | undefined) ?? 0.1;
  switch (key) {
    case 'steplr':
      return robbinsMonro({ family: 'geometric', a: lr, gamma });
    case 'exponentiallr':
      return robbinsMonro({ family: 'geometric', a: lr, gamma: a.gamma as number });
    case 'multisteplr':
      // Finitely many milestones: eventually constant at lr·γ^(number of milestones).
      return robbinsMonro({ family: 'constant', a: lr * gamma ** ((a.milestones as number[] | undefined)?.length ?? 0) });
    case 'cosineannealinglr':
      return robbinsMonro({ family: 'periodic', mean: (lr + ((a.eta_min as number | undefined) ?? 0)) / 2 });
    case 'linearlr':
      return robbinsMonro({ family: 'constant', a: lr * ((a.end_factor as number | undefined) ?? 1) });
    case 'constantlr':
      return robbinsMonro({ family: 'constant', a: lr });
    case 'onecyclelr':
      return robbinsMonro({ family: 'finite', steps: (a.total_steps as number | undefined) ?? steps });
    case 'polynomiallr': {
      const n = (a.total_iters as number | undefined) ?? 5;
      return robbinsMonro({ family: 'eventually', a: 0, after: n, what: 'PolynomialLR' });
    }
    case 'cosineannealingwarmrestarts':
      return robbinsMonro({
        family: 'periodic',
        mean: (lr + ((a.eta_min as number | undefined) ?? 0)) / 2,
        what: 'CosineAnnealingWarmRestarts restarts from the initial lr every T_i steps',
      });
    case 'cycliclr': {
      const raw = a as Record<string, unknown>;
      if (typeof raw.scale_fn === 'string' && raw.scale_fn !== '') return undefined;
      const base = a.base_lr as number;
      if (raw.mode === 'triangular2' || raw.mode === 'exp_range') {
        // The amplitude shrinks geometrically, so αₜ → base_lr (and Σ of the excursions is finite).
        return base === 0 ? robbinsMonro({ family: 'geometric', a: a.max_lr as number, gamma: 0.5 }) : robbinsMonro({ family: 'constant', a: base });
      }
      return robbinsMonro({
        family: 'periodic',
        mean: (base + (a.max_lr as number)) / 2,
        what: 'CyclicLR’s triangle repeats every step_size_up + step_size_down steps',
      });
    }
    case 'sequentiallr': {
      // From the last milestone on, only the last scheduler runs, from the optimizer's lr.
      const list = a.schedulers as ScheduleSpec[] | undefined;
      return list?.length ? robbinsMonroForSchedule(list[list.length - 1], lr, steps) : undefined;
    }
    case 'lambdalr':
    case 'multiplicativelr':
    case 'chainedscheduler':
    case 'reducelronplateau':
      return undefined;
    default:
      return fail(`No Robbins–Monro rule for schedule "${spec.name}".`, 'schedule');
  }
}

/** Partial sums Σα and Σα² over the steps of a run (for plotting how they grow). */
export function stepSizeSums(lr: ArrayLike<number>): { sum: number; sumOfSquares: number } {
  let sum = 0;
  let sumOfSquares = 0;
  for (let k = 0; k < lr.length; k++) {
    sum += lr[k];
    sumOfSquares += lr[k] * lr[k];
  }
  return { sum, sumOfSquares };
}
