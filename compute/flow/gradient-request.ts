/** The `gradientFlow` sub-request of a flow request: Euler, RK4 and GD from one start. */
import { part, type Progress } from '../progress';
import { fail } from '../errors';
import { defaultRecordEvery, integrateGradientFlow, stepCount, type Trajectory } from './gradient-flow';
import { plainArray } from './layer';
import { objectiveFromJson } from './objective';
import { quadraticFlow } from './quadratic';
import { MAX_GRID, MAX_RECORDED, MAX_STEPS, type GradientFlowRequest, type GradientFlowResult, type GradientMethod, type TrajectoryResult } from './types';
import { box as readBox, finiteNumber, finiteVector, positiveInteger } from './validate';
import type { Objective } from './objective';

const METHODS: GradientMethod[] = ['euler', 'rk4', 'gd'];

function rows(flat: Float64Array, dim: number): number[][] {
  return Array.from({ length: flat.length / dim }, (_, i) => plainArray(flat.subarray(i * dim, (i + 1) * dim)));
}

function trajectoryJson(t: Trajectory): TrajectoryResult {
  return { times: plainArray(t.times), trajectory: rows(t.points, t.dim), loss: plainArray(t.loss), ...(t.diverged ? { diverged: t.diverged } : {}) };
}

export function simulateGradientFlow(request: GradientFlowRequest, onProgress?: Progress): GradientFlowResult {
  if (!request || typeof request !== 'object') fail('gradientFlow must be an object with objective, start, h and T.', 'gradientFlow');
  const start = finiteVector(request.start, 'gradientFlow.start');
  const objective = objectiveFromJson(request.objective, start.length);
  const h = finiteNumber(request.h, 'gradientFlow.h');
  const T = finiteNumber(request.T, 'gradientFlow.T');
  const { steps, lastStep } = stepCount(h, T);
  const eta = request.eta === undefined ? h : finiteNumber(request.eta, 'gradientFlow.eta');
  if (!(eta > 0)) fail(`gradientFlow.eta must be positive, not ${eta}.`, 'gradientFlow.eta');
  const gdSteps = Math.max(1, Math.floor(T / eta + 1e-9));
  if (gdSteps > MAX_STEPS)
    fail(
      `T/η asks for ${gdSteps.toLocaleString('en-US')} gradient-descent steps; at most ${MAX_STEPS.toLocaleString('en-US')} are allowed.`,
      'gradientFlow.eta',
    );
  const methods = request.methods ?? METHODS;
  if (!Array.isArray(methods) || methods.some((m) => !METHODS.includes(m)))
    fail(`gradientFlow.methods must list some of ${METHODS.map((m) => `"${m}"`).join(', ')}.`, 'gradientFlow.methods');
  const longest = Math.max(steps, gdSteps);
  const recordEvery =
    request.recordEvery === undefined ? defaultRecordEvery(longest) : positiveInteger(request.recordEvery, 'gradientFlow.recordEvery', MAX_STEPS);
  if (Math.floor(longest / recordEvery) + 2 > MAX_RECORDED) {
    fail(
      `Recording every ${recordEvery} of ${longest.toLocaleString('en-US')} steps gives too many states; use recordEvery ≥ ${defaultRecordEvery(longest)}.`,
      'gradientFlow.recordEvery',
    );
  }
  const result: GradientFlowResult = { h, T, eta, steps, recordEvery };
  const chosen = METHODS.filter((m) => methods.includes(m));
  for (const [index, method] of chosen.entries()) {
    const report = part(onProgress, index, chosen.length);
    const run =
      method === 'gd'
        ? integrateGradientFlow(objective, start, { method, h: eta, steps: gdSteps, recordEvery, onProgress: report })
        : integrateGradientFlow(objective, start, { method, h, steps, lastStep, recordEvery, onProgress: report });
    result[method] = trajectoryJson(run);
  }
  if (objective.quadratic) {
    const exact = quadraticFlow(objective.quadratic, start.length);
    const times: number[] = [];
    // The integrators' recorded states: every recordEvery-th step, then the last (at T).
    for (let k = 0; k < steps; k += recordEvery) times.push(k * h);
    times.push(T);
    const out = new Float64Array(start.length);
    result.exact = { times, trajectory: times.map((t) => Array.from(exact.at(start, t, out))) };
    result.stability = exact.stability();
  }
  if (request.grid !== undefined) result.grid = objectiveGrid(objective, request.grid, start, result);
  return result;
}

/** The square box around the start and every finite recorded state, padded by 10% (at least 0.5). */
function trajectoryBox(start: number[], result: GradientFlowResult): [number, number, number, number] {
  let [x0, x1, y0, y1] = [start[0], start[0], start[1], start[1]];
  for (const m of METHODS) {
    for (const p of result[m]?.trajectory ?? []) {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 1e6 || Math.abs(p[1]) > 1e6) continue;
      x0 = Math.min(x0, p[0]);
      x1 = Math.max(x1, p[0]);
      y0 = Math.min(y0, p[1]);
      y1 = Math.max(y1, p[1]);
    }
  }
  // Square, so that contours keep their true shape on a square plot.
  const half = 0.5 * Math.max(x1 - x0, y1 - y0) + Math.max(0.5, 0.1 * Math.max(x1 - x0, y1 - y0));
  const [cx, cy] = [0.5 * (x0 + x1), 0.5 * (y0 + y1)];
  return [cx - half, cx + half, cy - half, cy + half];
}

function objectiveGrid(
  objective: Objective,
  grid: NonNullable<GradientFlowRequest['grid']>,
  start: number[],
  result: GradientFlowResult,
): NonNullable<GradientFlowResult['grid']> {
  if (start.length !== 2) fail(`gradientFlow.grid needs a 2-D objective; start has ${start.length} coordinates.`, 'gradientFlow.grid');
  const n = positiveInteger(grid?.n, 'gradientFlow.grid.n', MAX_GRID);
  const b = grid.box !== undefined ? readBox(grid.box, 'gradientFlow.grid.box') : trajectoryBox(start, result);
  const x = new Float64Array(2);
  const g = new Float64Array(2);
  const values = new Array<number>(n * n);
  for (let i = 0; i < n; i++) {
    x[1] = n === 1 ? 0.5 * (b[2] + b[3]) : b[2] + ((b[3] - b[2]) * i) / (n - 1);
    for (let j = 0; j < n; j++) {
      x[0] = n === 1 ? 0.5 * (b[0] + b[1]) : b[0] + ((b[1] - b[0]) * j) / (n - 1);
      const f = objective.valueAndGradient(x, g);
      values[i * n + j] = Number.isFinite(f) ? f : NaN;
    }
  }
  return { box: b, n, values };
}
