/**
 * The simulation loop: evaluate f and ∇f at xₖ, optionally add gradient noise, take the
 * optimizer's step with the step's lr, and watch for divergence. Allocation-free per step: the
 * iterate, the gradient and the optimizer state are reused Float64Arrays, and the trajectory is
 * written into one preallocated flat array.
 */
import { fail } from '../errors';
import { PROGRESS_EVERY, type Progress } from '../progress';
import { createRng } from '../random';
import type { Divergence, NoiseSpec, Objective, Stepper } from './types';

export const DIVERGENCE_DEFAULTS = { maxAbs: 1e8, lossFactor: 1e12 };

export interface RunInput {
  objective: Objective;
  stepper: Stepper;
  start: ArrayLike<number>;
  steps: number;
  /** lr at each step (length ≥ steps). */
  lr: Float64Array;
  /** OneCycleLR's momentum / β₁ at each step. */
  momentum?: Float64Array;
  noise?: NoiseSpec | null;
  /** Stop when some |xᵢ| exceeds maxAbs, or f exceeds lossFactor·max(|f(x₀)|, 1). */
  maxAbs?: number;
  lossFactor?: number;
  /** Told the fraction of steps taken, every PROGRESS_EVERY steps. */
  onProgress?: Progress;
}

export interface RawRun {
  dims: number;
  /** Points kept: steps + 1, or fewer after a divergence. */
  points: number;
  /** Flat, row-major: point k is trajectory[k·dims … (k+1)·dims). */
  trajectory: Float64Array;
  loss: Float64Array;
  diverged?: Divergence;
}

export function runOptimizer(input: RunInput): RawRun {
  const { objective, stepper, steps, lr, momentum } = input;
  const n = objective.dims;
  if (input.start.length !== n) fail(`The start point has ${input.start.length} coordinates but the objective takes ${n}.`, 'start');
  const maxAbs = input.maxAbs ?? DIVERGENCE_DEFAULTS.maxAbs;
  const lossFactor = input.lossFactor ?? DIVERGENCE_DEFAULTS.lossFactor;
  const x = Float64Array.from(input.start);
  const g = new Float64Array(n);
  const trajectory = new Float64Array((steps + 1) * n);
  const loss = new Float64Array(steps + 1);
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) fail('The start point must have finite coordinates.', 'start');
  let f = objective.valueAndGradient(x, g);
  if (!Number.isFinite(f)) fail(`The objective is not finite at the start point (f = ${f}); choose another start.`, 'start');
  const lossLimit = lossFactor * Math.max(Math.abs(f), 1);
  trajectory.set(x, 0);
  loss[0] = f;
  const noise = input.noise && input.noise.std !== 0 ? input.noise : undefined;
  const rng = noise ? createRng(noise.seed ?? 0) : undefined;
  const std = noise?.std ?? 0;
  const setMomentum = momentum && stepper.setMomentum ? stepper.setMomentum.bind(stepper) : undefined;
  let points = 1;
  let diverged: Divergence | undefined;
  const onProgress = input.onProgress;
  for (let k = 0; k < steps; k++) {
    if (onProgress && (k & (PROGRESS_EVERY - 1)) === 0) onProgress(k / steps);
    if (rng) for (let i = 0; i < n; i++) g[i] += std * rng.normal();
    if (setMomentum && !Number.isNaN(momentum![k])) setMomentum(momentum![k]); // NaN: not set by the schedule yet
    stepper.step(x, g, lr[k]);
    f = objective.valueAndGradient(x, g);
    // 0: fine; 1: some |xᵢ| > maxAbs; 2: some xᵢ is NaN or ±∞.
    let state = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(x[i]);
      if (!(a <= maxAbs)) state = Number.isFinite(a) ? Math.max(state, 1) : 2;
    }
    if (state === 2 || !Number.isFinite(f)) {
      diverged = { step: k + 1, reason: state === 2 ? `the iterate became non-finite at step ${k + 1}` : `the loss became ${f} at step ${k + 1}` };
      break;
    }
    const at = points * n;
    for (let i = 0; i < n; i++) trajectory[at + i] = x[i]; // (TypedArray.set costs more than this for small n)
    loss[points++] = f;
    if (state === 1) {
      diverged = { step: k + 1, reason: `|x| exceeded ${maxAbs} at step ${k + 1}` };
      break;
    }
    if (f > lossLimit) {
      diverged = { step: k + 1, reason: `the loss exceeded ${lossFactor} × max(|f(x₀)|, 1) at step ${k + 1}` };
      break;
    }
  }
  return { dims: n, points, trajectory, loss, diverged };
}

/** Polyak–Ruppert averages x̄ₖ = x̄ₖ₋₁ + (xₖ − x̄ₖ₋₁)/(k + 1) (torch.optim.swa_utils' running mean) of a flat trajectory. */
export function polyakAverage(trajectory: Float64Array, dims: number, points: number): Float64Array {
  const out = new Float64Array(points * dims);
  for (let k = 0; k < points; k++) {
    for (let i = 0; i < dims; i++) {
      const xi = trajectory[k * dims + i];
      out[k * dims + i] = k === 0 ? xi : out[(k - 1) * dims + i] + (xi - out[(k - 1) * dims + i]) / (k + 1);
    }
  }
  return out;
}

/** Exponential moving average eₖ = decay·eₖ₋₁ + (1 − decay)·xₖ, e₀ = x₀ (no bias correction needed). */
export function emaAverage(trajectory: Float64Array, dims: number, points: number, decay: number): Float64Array {
  if (!(decay >= 0 && decay < 1)) fail(`The EMA decay must be in [0, 1), not ${decay}.`, 'averaging.ema');
  const out = new Float64Array(points * dims);
  for (let k = 0; k < points; k++) {
    for (let i = 0; i < dims; i++) {
      const xi = trajectory[k * dims + i];
      out[k * dims + i] = k === 0 ? xi : decay * out[(k - 1) * dims + i] + (1 - decay) * xi;
    }
  }
  return out;
}
