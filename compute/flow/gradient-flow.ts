/**
 * The gradient flow ẋ = −∇f(x) (the continuous-time limit of gradient descent) integrated by
 *   explicit Euler  x_{k+1} = x_k − h∇f(x_k)                        (global error O(h)),
 *   classical RK4   x_{k+1} = x_k + h/6 (k₁ + 2k₂ + 2k₃ + k₄)        (global error O(h⁴)),
 *                   k₁ = F(x_k), k₂ = F(x_k + h/2 k₁), k₃ = F(x_k + h/2 k₂), k₄ = F(x_k + h k₃), F = −∇f,
 * and gradient descent x_{k+1} = x_k − η∇f(x_k), which with η = h is exactly Euler's method
 * (Hairer, Nørsett & Wanner, Solving ODEs I, §II.1). A step whose state or loss is not finite
 * is reported as the blow-up step, and integration stops there.
 */
import { PROGRESS_EVERY, type Progress } from '../progress';
import { fail } from '../errors';
import type { Objective } from './objective';
import { MAX_RECORDED, MAX_STEPS, type GradientMethod } from './types';
import { formatPoint } from './validate';

export interface Trajectory {
  /** Times of the recorded states (k·h, the last one T; k·η for GD). */
  times: Float64Array;
  /** Recorded states, row-major (times.length × dim). */
  points: Float64Array;
  loss: Float64Array;
  dim: number;
  /** The first step whose state, gradient or loss was not finite. */
  diverged?: { step: number; time: number };
}

/** How many steps of size h reach T: T/h when that is a whole number, else one more, shorter, step. */
export function stepCount(h: number, T: number): { steps: number; lastStep: number } {
  if (!(h > 0) || !Number.isFinite(h)) fail(`The step h must be a positive number, not ${h}.`, 'h');
  if (!(T > 0) || !Number.isFinite(T)) fail(`The final time T must be a positive number, not ${T}.`, 'T');
  const ratio = T / h;
  const whole = Math.round(ratio);
  if (whole >= 1 && Math.abs(ratio - whole) <= 1e-9 * ratio) return check(whole, h);
  const steps = Math.ceil(ratio);
  return check(steps, T - (steps - 1) * h);
  function check(steps: number, lastStep: number) {
    if (steps > MAX_STEPS)
      fail(
        `T/h asks for ${steps.toLocaleString('en-US')} steps; at most ${MAX_STEPS.toLocaleString('en-US')} are allowed. Use a larger h or a smaller T.`,
        'h',
      );
    return { steps, lastStep };
  }
}

/** The smallest recording stride that keeps a trajectory within MAX_RECORDED states. */
export const defaultRecordEvery = (steps: number) => Math.max(1, Math.ceil(steps / (MAX_RECORDED - 2)));

export interface IntegrateOptions {
  method: GradientMethod;
  /** Step size (η for GD). */
  h: number;
  steps: number;
  /** Size of the final step (default h; Euler and RK4 only). */
  lastStep?: number;
  /** Record every k-th state (the start and the last state always). Default 1. */
  recordEvery?: number;
  /** Told the fraction of steps taken, every PROGRESS_EVERY steps. */
  onProgress?: Progress;
}

/** Integrate from `start`; see the module comment for the methods. */
export function integrateGradientFlow(objective: Objective, start: readonly number[], options: IntegrateOptions): Trajectory {
  const { method, h, steps } = options;
  const d = objective.dim;
  const every = options.recordEvery ?? 1;
  const lastStep = method === 'gd' ? h : (options.lastStep ?? h);
  if (steps > MAX_STEPS) fail(`At most ${MAX_STEPS.toLocaleString('en-US')} steps are allowed, not ${steps}.`, 'steps');
  const capacity = Math.floor(steps / every) + 2;
  const times = new Float64Array(capacity);
  const points = new Float64Array(capacity * d);
  const loss = new Float64Array(capacity);
  let recorded = 0;
  let lastRecordedStep = -1;
  const timeAt = (step: number) => (step === steps ? (steps - 1) * h + lastStep : step * h);
  const record = (step: number, x: Float64Array, f: number) => {
    times[recorded] = timeAt(step);
    for (let i = 0; i < d; i++) points[recorded * d + i] = x[i];
    loss[recorded++] = f;
    lastRecordedStep = step;
  };

  const x = Float64Array.from(start);
  const prev = new Float64Array(d);
  let prevLoss = NaN;
  const g = new Float64Array(d);
  const stage = new Float64Array(d);
  const acc = new Float64Array(d);
  const gs = new Float64Array(d);
  let diverged: Trajectory['diverged'];
  const onProgress = options.onProgress;
  for (let k = 0; k <= steps; k++) {
    if (onProgress && (k & (PROGRESS_EVERY - 1)) === 0) onProgress(k / (steps + 1));
    const f = objective.valueAndGradient(x, g);
    let finite = Number.isFinite(f);
    for (let i = 0; i < d && finite; i++) finite = Number.isFinite(x[i]) && Number.isFinite(g[i]);
    if (!finite) {
      if (k === 0) fail(`The objective or its gradient is not finite at the start ${formatPoint(start)}; pick another start.`, 'start');
      diverged = { step: k, time: timeAt(k) };
      if (lastRecordedStep !== k - 1) record(k - 1, prev, prevLoss);
      break;
    }
    if (k % every === 0 || k === steps) record(k, x, f);
    if (k === steps) break;
    prev.set(x);
    prevLoss = f;
    const hk = k === steps - 1 ? lastStep : h;
    if (method !== 'rk4') {
      for (let i = 0; i < d; i++) x[i] -= hk * g[i];
      continue;
    }
    // RK4 with F = −∇f: acc collects k₁ + 2k₂ + 2k₃ + k₄.
    for (let i = 0; i < d; i++) {
      acc[i] = -g[i];
      stage[i] = x[i] - 0.5 * hk * g[i];
    }
    objective.valueAndGradient(stage, gs);
    for (let i = 0; i < d; i++) {
      acc[i] -= 2 * gs[i];
      stage[i] = x[i] - 0.5 * hk * gs[i];
    }
    objective.valueAndGradient(stage, gs);
    for (let i = 0; i < d; i++) {
      acc[i] -= 2 * gs[i];
      stage[i] = x[i] - hk * gs[i];
    }
    objective.valueAndGradient(stage, gs);
    for (let i = 0; i < d; i++) x[i] += (hk / 6) * (acc[i] - gs[i]);
  }
  return { times: times.slice(0, recorded), points: points.slice(0, recorded * d), loss: loss.slice(0, recorded), dim: d, ...(diverged ? { diverged } : {}) };
}

/** The state at the end of a trajectory (the last recorded one). */
export function finalState(t: Trajectory): Float64Array {
  return t.points.slice(t.points.length - t.dim);
}
