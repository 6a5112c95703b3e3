/**
 * Shared shapes of the optimizer lab: the request/result contract (docs/cli.md, optimizer
 * kind; those field names are fixed, the extra ones are ours), and the two small
 * interfaces the simulation loop runs on: an objective and an optimizer step. A leaf module: the
 * types other optim files share live here, so no import cycle runs through them.
 */

/** Frameworks whose optimizers we reproduce; each keeps its own argument names and defaults. */
export type OptimizerFramework = 'pytorch' | 'keras' | 'optax';

/** An optimizer as written in code: lower-case name, framework, the framework's own argument names. */
export interface OptimizerSpec {
  /** `gd | sgd | adagrad | rmsprop | adam | adamw` (lower-case). */
  name: string;
  /** Default `pytorch`; also `torch`, `keras`/`tf.keras`/`tensorflow`, `optax`/`jax`. */
  framework?: string;
  hyperparameters?: Record<string, unknown>;
  /** The recognizer's list of hyperparameters not written in the code (informational). */
  defaultsUsed?: string[];
  /** A per-optimizer schedule (overrides the request's `schedule`). */
  schedule?: ScheduleSpec | null;
  /** Gaussian noise added to every gradient (overrides the request's `noise`). */
  noise?: NoiseSpec | null;
  /** Extra averaged trajectories (overrides the request's `averaging`). */
  averaging?: AveragingSpec | null;
  /** A label for the lab's legend. */
  label?: string;
}

/** A PyTorch learning-rate scheduler by class name, with PyTorch's argument names. */
export interface ScheduleSpec {
  /** `StepLR | MultiStepLR | ExponentialLR | CosineAnnealingLR | OneCycleLR | LinearLR | ConstantLR` (any case, `_` ignored). */
  name: string;
  [argument: string]: unknown;
}

/** Gradient noise: g ← g + std·ξ with ξ ~ N(0, I) drawn from a seeded generator. */
export interface NoiseSpec {
  std: number;
  /** Default 0. */
  seed?: number;
}

/** Averaged iterates reported next to the raw trajectory. */
export interface AveragingSpec {
  /** Polyak–Ruppert: x̄ₖ = (x₀ + … + xₖ)/(k + 1). */
  polyak?: boolean;
  /** Exponential moving average eₖ = decay·eₖ₋₁ + (1 − decay)·xₖ, e₀ = x₀. */
  ema?: number;
}

export type ObjectiveSpec = { name: string; [parameter: string]: unknown } | { expr: string; [option: string]: unknown };

export interface OptimizerRequest {
  kind: 'optimizer';
  /** One optimizer (the contract); or use `optimizers` for several at once. */
  optimizer?: OptimizerSpec;
  optimizers?: OptimizerSpec[];
  schedule?: ScheduleSpec | null;
  objective: ObjectiveSpec;
  /** Start point; default: the built-in objective's default start. */
  start?: number[];
  steps: number;
  noise?: NoiseSpec | null;
  averaging?: AveragingSpec | null;
  /** Divergence thresholds (defaults: |xᵢ| > 1e8, loss > 1e12·max(|f(x₀)|, 1)). */
  divergence?: { maxAbs?: number; lossFactor?: number };
  /** Also sample f on an n × n grid (2-D objectives), for a contour plot. */
  grid?: GridSpec;
  [extra: string]: unknown;
}

export interface Divergence {
  /** Index of the first bad point (the iterate after `step` updates); the trajectory stops before it unless it is finite. */
  step: number;
  reason: string;
}

export interface AveragedPath {
  trajectory: number[][];
  loss: number[];
}

/** One optimizer's run. */
export interface OptimizerRun {
  label: string;
  optimizer: { name: string; framework: OptimizerFramework; hyperparameters: Record<string, unknown>; defaultsUsed: string[] };
  schedule?: { name: string; arguments: Record<string, unknown>; defaultsUsed: string[]; notes?: string[] };
  /** steps + 1 points (fewer after a divergence), the start first. */
  trajectory: number[][];
  /** f at every point of `trajectory`. */
  loss: number[];
  /** The learning rate used at each step (trajectory.length − 1 entries). */
  lr: number[];
  /** The momentum / β₁ used at each step when OneCycleLR cycles it. */
  momentum?: number[];
  diverged?: Divergence;
  /** The gradient noise used, when any. */
  noise?: { std: number; seed: number };
  /** Σα = ∞ and Σα² < ∞ for this run's schedule, decided by family. */
  robbinsMonro?: RobbinsMonroCheck;
  polyak?: AveragedPath;
  ema?: AveragedPath & { decay: number };
}

export interface ObjectiveInfo {
  name: string;
  /** The objective as an expression in the expression compiler's syntax. */
  expr: string;
  variables: string[];
  minimizers: number[][];
  minimum?: number;
  view: { x: [number, number]; y: [number, number] };
  defaultStart: number[];
  /** Strong convexity μ and smoothness L where they are known (quadratics). */
  mu?: number;
  L?: number;
}

/** The result: the first run's fields at top level (the contract), every run in `runs`. */
export interface OptimizerResult extends OptimizerRun {
  kind: 'optimizer';
  objective: ObjectiveInfo;
  start: number[];
  steps: number;
  runs: OptimizerRun[];
  /** For quadratics: GD's guaranteed rate with step 1/L, f(xₖ) − f* ≤ (1 − μ/L)ᵏ (f(x₀) − f*). */
  /** The objective on a grid, when the request asked for one. */
  grid?: GridResult;
  theory?: { mu: number; L: number; kappa: number; rate: number; lossBound: number[] };
}

/** An objective the loop can run on: f and ∇f at a point, written into `grad`. */
export interface Objective {
  readonly dims: number;
  value(x: Float64Array): number;
  valueAndGradient(x: Float64Array, grad: Float64Array): number;
}

/**
 * One optimizer's update rule with its state. `step` overwrites x with the next iterate, from
 * the gradient g at x (which it may overwrite too) and the step's learning rate.
 */
export interface Stepper {
  step(x: Float64Array, g: Float64Array, lr: number): void;
  /** The hyperparameter OneCycleLR's `cycle_momentum` drives (momentum or β₁); absent if none. */
  readonly momentumName?: string;
  setMomentum?(value: number): void;
}

/** The objective on a grid, for the contour plot (grid.ts computes it). */
export interface GridSpec {
  /** Points per axis (2 … 512). */
  n: number;
  /** The box; default: the objective's view box (widened to show the start). */
  box?: { x: [number, number]; y: [number, number] };
}

export interface GridResult {
  n: number;
  box: { x: [number, number]; y: [number, number] };
  /** n × n values of f (non-finite values as null in JSON). */
  values: number[];
}

/** A step-size schedule by family, for the Robbins–Monro verdict (robbins-monro.ts). */
export type StepSizeFamily =
  /** αₜ = a */
  | { family: 'constant'; a: number }
  /** αₜ = a/(t + b)ᵖ for t = 0, 1, … (needs b > 0 or t from 1; b defaults to 1) */
  | { family: 'power'; a: number; b?: number; p: number }
  /** αₜ = a·γᵗ (also StepLR, whose ratio over step_size steps is γ) */
  | { family: 'geometric'; a: number; gamma: number }
  /** αₜ periodic and not identically 0 (CosineAnnealingLR keeps oscillating past T_max) */
  | { family: 'periodic'; mean: number; what?: string }
  /** αₜ = a from some step on (a schedule that ends at a fixed value) */
  | { family: 'eventually'; a: number; after: number; what: string }
  /** defined for finitely many steps only (OneCycleLR) */
  | { family: 'finite'; steps: number };

export interface RobbinsMonroCheck {
  /** Σ αₜ = ∞. */
  sumDiverges: boolean;
  /** Σ αₜ² < ∞. */
  sumOfSquaresConverges: boolean;
  satisfied: boolean;
  /** The family and the reasoning in one sentence. */
  reason: string;
}

/** A schedule's values over a run (schedules.ts). */
export interface ScheduleValues {
  name: string;
  arguments: Record<string, unknown>;
  defaultsUsed: string[];
  /** lr at each of the `steps` optimizer steps. */
  lr: Float64Array;
  /** OneCycleLR's cycled momentum (or β₁) at each step, when cycle_momentum is on. */
  momentum?: Float64Array;
  notes: string[];
}
