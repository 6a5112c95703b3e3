/**
 * The optimizer lab's simulation (docs/cli.md, kind "optimizer"): one or more
 * optimizers with exact framework semantics, optional schedules, gradient noise and averaging,
 * run on a built-in objective or a user expression, with divergence detection.
 *
 * Request: {kind: "optimizer", optimizer: {name, framework, hyperparameters, defaultsUsed[]}
 * (or optimizers: [...]), schedule?, objective: {name} | {expr}, start: number[], steps}.
 * Result: the first run's {trajectory, loss, lr, diverged?} at top level, every run in `runs`.
 */
import { part, type Progress } from '../progress';
import { fail } from '../errors';
import { buildOptimizer } from './frameworks';
import { objectiveGrid } from './grid';
import { MAX_DIMS, resolveObjective } from './objectives';
import { robbinsMonroForSchedule } from './robbins-monro';
import { emaAverage, polyakAverage, runOptimizer, type RawRun } from './run';
import { scheduleValues } from './schedules';
import { gdLossBound } from './theory';
import type { GridSpec } from './grid';
import type { AveragedPath, AveragingSpec, NoiseSpec, Objective, OptimizerRequest, OptimizerResult, OptimizerRun, OptimizerSpec } from './types';

export const MAX_STEPS = 1_000_000;
export const MAX_RUNS = 16;
/** Most trajectory numbers one request may produce, (steps + 1) × dims × runs (about 160 MB as float64). */
export const MAX_VALUES = 20_000_000;

function toPoints(flat: Float64Array, dims: number, points: number): number[][] {
  // Filled before use (a bare `new Array(n)` for large n is a slow dictionary-mode array in V8,
  // and Array.from on a typed array goes through the slow iterator); points in 1-D and 2-D are
  // literals, the cheapest arrays to build.
  const out: number[][] = new Array(points).fill(null);
  if (dims === 2) {
    for (let k = 0; k < points; k++) out[k] = [flat[2 * k], flat[2 * k + 1]];
  } else if (dims === 1) {
    for (let k = 0; k < points; k++) out[k] = [flat[k]];
  } else {
    for (let k = 0; k < points; k++) {
      const p = new Array<number>(dims).fill(0);
      for (let i = 0; i < dims; i++) p[i] = flat[k * dims + i];
      out[k] = p;
    }
  }
  return out;
}

function toList(values: Float64Array, count: number): number[] {
  const out: number[] = new Array(count).fill(0);
  for (let k = 0; k < count; k++) out[k] = values[k];
  return out;
}

function averaged(objective: Objective, flat: Float64Array, dims: number, points: number): AveragedPath {
  const loss: number[] = new Array(points).fill(0);
  const point = new Float64Array(dims);
  for (let k = 0; k < points; k++) {
    for (let i = 0; i < dims; i++) point[i] = flat[k * dims + i];
    loss[k] = objective.value(point);
  }
  return { trajectory: toPoints(flat, dims, points), loss };
}

function checkNoise(noise: NoiseSpec | null | undefined): NoiseSpec | undefined {
  if (noise === undefined || noise === null) return undefined;
  if (typeof noise !== 'object') fail('noise must be {"std": number, "seed": integer}.', 'noise');
  if (typeof noise.std !== 'number' || !(noise.std >= 0) || !Number.isFinite(noise.std))
    fail(`noise.std must be a finite number ≥ 0, not ${JSON.stringify(noise.std)}.`, 'noise.std');
  if (noise.seed !== undefined && !Number.isInteger(noise.seed)) fail(`noise.seed must be an integer, not ${JSON.stringify(noise.seed)}.`, 'noise.seed');
  return noise;
}

function checkAveraging(a: AveragingSpec | null | undefined): AveragingSpec | undefined {
  if (a === undefined || a === null) return undefined;
  if (typeof a !== 'object') fail('averaging must be {"polyak": true, "ema": 0.9}.', 'averaging');
  if (a.polyak !== undefined && typeof a.polyak !== 'boolean') fail('averaging.polyak must be true or false.', 'averaging.polyak');
  if (a.ema !== undefined && !(typeof a.ema === 'number' && a.ema >= 0 && a.ema < 1))
    fail(`averaging.ema is the EMA decay and must be in [0, 1), not ${JSON.stringify(a.ema)}.`, 'averaging.ema');
  return a;
}

/** Pick the per-optimizer setting when present (null switches it off), else the request's. */
const pick = <T>(own: T | null | undefined, shared: T | null | undefined): T | undefined => (own === undefined ? (shared ?? undefined) : (own ?? undefined));

function runOne(spec: OptimizerSpec, request: OptimizerRequest, objective: Objective, start: number[], steps: number, onProgress?: Progress): OptimizerRun {
  const built = buildOptimizer(spec);
  const stepper = built.create(objective.dims);
  const scheduleSpec = pick(spec.schedule, request.schedule);
  const baseLr = built.hyperparameters[built.lrName] as number;
  const schedule = scheduleValues(scheduleSpec, baseLr, steps, stepper.momentumName !== undefined);
  const noise = checkNoise(pick(spec.noise, request.noise));
  const averaging = checkAveraging(pick(spec.averaging, request.averaging));
  const raw: RawRun = runOptimizer({
    objective,
    stepper,
    start,
    steps,
    lr: schedule.lr,
    momentum: schedule.momentum,
    noise,
    maxAbs: request.divergence?.maxAbs,
    lossFactor: request.divergence?.lossFactor,
    onProgress,
  });
  const taken = raw.points - 1;
  const { dims, points } = raw;
  const run: OptimizerRun = {
    label: spec.label ?? (scheduleSpec ? `${built.owner} + ${schedule.name}` : built.owner),
    optimizer: { name: built.name, framework: built.framework, hyperparameters: built.hyperparameters, defaultsUsed: built.defaultsUsed },
    trajectory: toPoints(raw.trajectory, dims, points),
    loss: toList(raw.loss, points),
    lr: toList(schedule.lr, taken),
  };
  if (scheduleSpec) {
    run.schedule = {
      name: schedule.name,
      arguments: schedule.arguments,
      defaultsUsed: schedule.defaultsUsed,
      ...(schedule.notes.length ? { notes: schedule.notes } : {}),
    };
  }
  if (schedule.momentum) run.momentum = toList(schedule.momentum, taken);
  if (raw.diverged) run.diverged = raw.diverged;
  if (noise) run.noise = { std: noise.std, seed: noise.seed ?? 0 };
  const rm = robbinsMonroForSchedule(scheduleSpec, baseLr, steps);
  if (rm) run.robbinsMonro = rm;
  if (averaging?.polyak) run.polyak = averaged(objective, polyakAverage(raw.trajectory, dims, points), dims, points);
  if (averaging?.ema !== undefined)
    run.ema = { decay: averaging.ema, ...averaged(objective, emaAverage(raw.trajectory, dims, points, averaging.ema), dims, points) };
  return run;
}

/** Run an optimizer request; throws ComputeError with an actionable message on bad input. */
export function simulateOptimizer(request: OptimizerRequest, onProgress?: Progress): OptimizerResult {
  if (!request || typeof request !== 'object') fail('An optimizer request must be a JSON object.');
  const { steps } = request;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) fail(`"steps" must be a whole number ≥ 0, not ${JSON.stringify(steps)}.`, 'steps');
  if (steps > MAX_STEPS) fail(`At most ${MAX_STEPS.toLocaleString('en-US')} steps can be simulated, not ${steps.toLocaleString('en-US')}.`, 'steps');
  if (request.optimizer !== undefined && request.optimizers !== undefined)
    fail('Give either "optimizer" (one) or "optimizers" (a list), not both.', 'optimizers');
  const specs = request.optimizers ?? (request.optimizer ? [request.optimizer] : []);
  if (!Array.isArray(specs) || specs.length === 0)
    fail('The request needs an "optimizer", e.g. {"name": "adam", "framework": "pytorch", "hyperparameters": {"lr": 0.01}}.', 'optimizer');
  if (specs.length > MAX_RUNS) fail(`At most ${MAX_RUNS} optimizers can run at once, not ${specs.length}.`, 'optimizers');
  const start = request.start;
  if (start !== undefined && (!Array.isArray(start) || start.length === 0 || !start.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
    fail('"start" must be a non-empty list of finite numbers, one per variable.', 'start');
  }
  if (start && start.length > MAX_DIMS) fail(`At most ${MAX_DIMS} dimensions can be simulated, not ${start.length}.`, 'start');
  const { objective, info } = resolveObjective(request.objective, start?.length);
  const x0 = start ?? info.defaultStart;
  if (x0.length >= 2) {
    // Keep the start in the view box (with a margin), so the contour plot shows it.
    const widen = (range: [number, number], v: number): [number, number] => [Math.min(range[0], v - 0.5), Math.max(range[1], v + 0.5)];
    info.view = { x: widen(info.view.x, x0[0]), y: widen(info.view.y, x0[1]) };
  }
  if ((steps + 1) * objective.dims * specs.length > MAX_VALUES) {
    fail(
      `This request would store ${((steps + 1) * objective.dims * specs.length).toExponential(2)} numbers; keep (steps + 1) × dimensions × optimizers ≤ ${MAX_VALUES.toExponential(0)} (fewer steps or optimizers).`,
      'steps',
    );
  }
  const runs = specs.map((spec, i) => {
    try {
      return runOne(spec, request, objective, x0, steps, part(onProgress, i, specs.length));
    } catch (e) {
      if (specs.length > 1 && e instanceof Error) e.message = `Optimizer ${i + 1} (${spec?.name}): ${e.message}`;
      throw e;
    }
  });
  const result: OptimizerResult = { kind: 'optimizer', ...runs[0], objective: info, start: [...x0], steps, runs };
  if (request.grid !== undefined) result.grid = objectiveGrid(objective, request.grid as GridSpec, info.view);
  if (info.mu !== undefined && info.L !== undefined) {
    const rate = 1 - info.mu / info.L;
    result.theory = {
      mu: info.mu,
      L: info.L,
      kappa: info.L / info.mu,
      rate,
      lossBound: gdLossBound(info.mu, info.L, runs[0].loss[0], info.minimum ?? 0, steps),
    };
  }
  return result;
}

export { buildOptimizer, normalizeFramework, optimizerNamesFor, FRAMEWORKS, OPTIMIZER_NAMES, type BuiltOptimizer } from './frameworks';
export { objectiveGrid, MAX_GRID, type GridSpec, type GridResult } from './grid';
export { resolveObjective, expressionObjective, OBJECTIVE_NAMES, MAX_DIMS, type ResolvedObjective } from './objectives';
export {
  scheduleValues,
  scheduleSignature,
  scheduleSignatures,
  SCHEDULE_NAMES,
  type ScheduleValues,
  type ScheduleSignature,
  type ScheduleLibrary,
} from './schedules';
export { compilePyFunction, type PyFunction } from './py-function';
export type { ArgDef, ArgValue } from './hyper';
export { robbinsMonro, robbinsMonroForSchedule, stepSizeSums, type StepSizeFamily, type RobbinsMonroCheck } from './robbins-monro';
export { runOptimizer, polyakAverage, emaAverage, DIVERGENCE_DEFAULTS, type RunInput, type RawRun } from './run';
export { gdRateBound, gdContraction, gdLossBound, conditionAt, symmetricEigenvalues, type LocalCondition } from './theory';
export type * from './types';
