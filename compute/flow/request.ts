/**
 * `simulateFlow`: a flow request (docs/cli.md) to its result. The fixed part:
 * `layers` and `points` in, `outputs` and `logDet` (log|det J| of the whole stack per point) out.
 * Optional parts: `direction: "inverse"`, `density` (a grid via change of variables),
 * `samples` (a seeded Gaussian pushed through), `warpedGrid`, `check` and `gradientFlow`.
 */
import type { Progress } from '../progress';
import { fail } from '../errors';
import { createRng } from '../random';
import { checkStack } from './check';
import { densityGrid, pushSamples, warpedGrid, type Box } from './density';
import { simulateGradientFlow } from './gradient-request';
import { emptyColumns, firstNonFinite, plainArray, toColumns, toRows } from './layer';
import { buildStack, type FlowStack } from './stack';
import { MAX_GRID, MAX_POINTS, MAX_WORK, type FlowRequest, type FlowResult } from './types';
import { box, finiteNumber, positiveInteger, show } from './validate';

const DEFAULT_BOX: Box = [-3, 3, -3, 3];

/** Validate `points`: a list of equally long lists of finite numbers. */
function readPoints(points: unknown, dim: number | undefined): number[][] {
  if (points === undefined) return [];
  if (!Array.isArray(points)) fail('points must be a list of points, each a list of numbers.', 'points');
  if (points.length > MAX_POINTS)
    fail(`A flow request may hold at most ${MAX_POINTS.toLocaleString('en-US')} points, not ${points.length.toLocaleString('en-US')}.`, 'points');
  const d = dim ?? (Array.isArray(points[0]) ? points[0].length : 0);
  points.forEach((p, k) => {
    if (!Array.isArray(p) || p.length !== d) fail(`points[${k}] must be a list of ${d} numbers (the flow's dimension).`, 'points');
    for (let j = 0; j < d; j++) {
      if (typeof p[j] !== 'number' || !Number.isFinite(p[j])) fail(`points[${k}][${j}] is ${show(p[j])}; every coordinate must be a finite number.`, 'points');
    }
  });
  return points;
}

function checkWork(stack: FlowStack, request: FlowRequest, pointCount: number): void {
  const lines = request.warpedGrid ? (request.warpedGrid.lines ?? 11) * (request.warpedGrid.resolution ?? 64) * 2 : 0;
  const n = typeof request.density?.n === 'number' ? request.density.n : 0;
  const samples = typeof request.samples?.count === 'number' ? request.samples.count : 0;
  const total = (pointCount + n * n + samples + lines) * stack.cost;
  if (total > MAX_WORK) {
    fail(
      `This request is too much work (about ${total.toExponential(1)} operations, the limit is ${MAX_WORK.toExponential(0)}): use fewer points, a smaller grid or fewer samples, or a smaller stack.`,
      'layers',
    );
  }
}

export function simulateFlow(request: FlowRequest, onProgress?: Progress): FlowResult {
  if (!request || typeof request !== 'object' || Array.isArray(request)) fail('A flow request must be a JSON object.');
  const direction = request.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'inverse') fail(`direction must be "forward" or "inverse", not ${JSON.stringify(direction)}.`, 'direction');
  const onlyGradientFlow =
    request.gradientFlow !== undefined && (request.layers === undefined || (Array.isArray(request.layers) && request.layers.length === 0));
  const result: FlowResult = { kind: 'flow', dim: 0, outputs: [], logDet: [] };
  if (!onlyGradientFlow) {
    const firstPoint = Array.isArray(request.points) && Array.isArray(request.points[0]) ? request.points[0].length : undefined;
    const stack = buildStack(request.layers, firstPoint);
    const points = readPoints(request.points, stack.dim);
    checkWork(stack, request, points.length);
    result.dim = stack.dim;
    runPoints(stack, points, direction, result);
    runExtras(stack, request, points, result);
  }
  if (request.gradientFlow !== undefined) result.gradientFlow = simulateGradientFlow(request.gradientFlow, onProgress);
  return result;
}

function runPoints(stack: FlowStack, points: number[][], direction: 'forward' | 'inverse', result: FlowResult): void {
  if (points.length === 0) return;
  const cols = toColumns(points, stack.dim);
  const logDet = new Float64Array(points.length);
  stack.run(direction, cols, logDet);
  const bad = firstNonFinite(cols, logDet);
  if (bad >= 0) stack.explainNonFinite(direction, points[bad], `points[${bad}]`);
  result.outputs = toRows(cols);
  result.logDet = plainArray(logDet);
}

function runExtras(stack: FlowStack, request: FlowRequest, points: number[][], result: FlowResult): void {
  if (request.density !== undefined) {
    const b = box(request.density?.box, 'density.box');
    const n = positiveInteger(request.density?.n, 'density.n', MAX_GRID);
    const grid = densityGrid(stack, b, n);
    result.density = { box: b, n, density: plainArray(grid.density), logDensity: plainArray(grid.logDensity), logDet: plainArray(grid.logDet) };
  }
  if (request.samples !== undefined) {
    const count = positiveInteger(request.samples?.count, 'samples.count', MAX_POINTS);
    const seed = request.samples.seed === undefined ? 0 : finiteNumber(request.samples.seed, 'samples.seed');
    const s = pushSamples(stack, count, seed);
    result.samples = { base: toRows(s.base), pushed: toRows(s.pushed), logDet: plainArray(s.logDet), logDensity: plainArray(s.logDensity) };
  }
  if (request.warpedGrid !== undefined) {
    const w = request.warpedGrid;
    const b = w.box !== undefined ? box(w.box, 'warpedGrid.box') : request.density?.box !== undefined ? box(request.density.box, 'density.box') : DEFAULT_BOX;
    result.warpedGrid = warpedGrid(stack, b, w.lines ?? 11, w.resolution ?? 64);
  }
  if (request.check === true) {
    // Check at the points if there are any, else at 200 seeded standard-normal points.
    let cols = points.length ? toColumns(points, stack.dim) : emptyColumns(stack.dim, 200);
    if (!points.length) {
      const rng = createRng(1);
      for (let k = 0; k < 200; k++) for (const c of cols) c[k] = rng.normal();
    }
    if (request.direction === 'inverse') {
      // The points are outputs: check at their preimages.
      cols = cols.map((c) => c.slice());
      stack.inverse(cols, new Float64Array(cols[0].length));
    }
    const c = checkStack(stack, cols);
    result.check = { points: c.points, inverseMaxError: c.inverseMaxError, logDetMaxError: c.logDetMaxError };
  }
}
