/**
 * What a flow does to a base density. With z ~ p_z = N(0, I) and x = f(z), the change of
 * variables gives
 *   p_x(x) = p_z(f⁻¹(x)) · |det J_{f⁻¹}(x)| = p_z(z) / |det J_f(z)|,   z = f⁻¹(x),
 * so the density on a grid needs the inverse of the stack at every grid point (one batched
 * inverse pass). Also: seeded samples pushed forward, and the images of grid lines (the warped
 * grid), which show how f bends space.
 */
import { fail } from '../errors';
import { createRng } from '../random';
import { emptyColumns, firstNonFinite, toRows } from './layer';
import type { FlowStack } from './stack';
import { MAX_GRID, MAX_POINTS } from './types';

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(z; 0, I) for every point, added into `out`. */
export function addLogStandardNormal(cols: readonly Float64Array[], out: Float64Array): void {
  const c = -0.5 * cols.length * LOG_2PI;
  for (let k = 0; k < out.length; k++) out[k] += c;
  for (const z of cols) for (let k = 0; k < out.length; k++) out[k] -= 0.5 * z[k] * z[k];
}

export type Box = readonly [number, number, number, number];

export interface DensityGrid {
  box: Box;
  n: number;
  /** Row-major n×n: entry i·n + j is at (x_j, y_i), x_j = xmin + j (xmax − xmin)/(n − 1). */
  logDensity: Float64Array;
  density: Float64Array;
  /** log|det J_f(f⁻¹(x))| at every grid point. */
  logDet: Float64Array;
}

/** Grid coordinates: x_j and y_i for an n×n grid over the box, edges included. */
export function gridAxes(box: Box, n: number): { xs: Float64Array; ys: Float64Array } {
  const axis = (lo: number, hi: number) => Float64Array.from({ length: n }, (_, i) => (n === 1 ? 0.5 * (lo + hi) : lo + ((hi - lo) * i) / (n - 1)));
  return { xs: axis(box[0], box[1]), ys: axis(box[2], box[3]) };
}

/** p_x on an n×n grid over `box` (2-D flows), by one batched inverse pass through the stack. */
export function densityGrid(stack: FlowStack, box: Box, n: number): DensityGrid {
  if (stack.dim !== 2) fail(`A density grid needs a 2-D flow; this one is ${stack.dim}-dimensional.`, 'density');
  if (!Number.isInteger(n) || n < 2 || n > MAX_GRID) fail(`density.n must be an integer from 2 to ${MAX_GRID}, not ${n}.`, 'density.n');
  const { xs, ys } = gridAxes(box, n);
  const count = n * n;
  const cols = emptyColumns(2, count);
  for (let i = 0; i < n; i++) {
    cols[0].set(xs, i * n);
    cols[1].fill(ys[i], i * n, (i + 1) * n);
  }
  const logDensity = new Float64Array(count);
  stack.inverse(cols, logDensity);
  const bad = firstNonFinite(cols, logDensity);
  if (bad >= 0) stack.explainNonFinite('inverse', [xs[bad % n], ys[Math.floor(bad / n)]], 'grid point');
  // logDensity holds log|det J_{f⁻¹}|; its negative is the forward log-determinant.
  const logDet = new Float64Array(count);
  for (let k = 0; k < count; k++) logDet[k] = -logDensity[k];
  addLogStandardNormal(cols, logDensity);
  const density = new Float64Array(count);
  for (let k = 0; k < count; k++) density[k] = Math.exp(logDensity[k]);
  return { box, n, logDensity, density, logDet };
}

/** log p_x at arbitrary points (columns, left unchanged). */
export function logDensityAt(stack: FlowStack, points: readonly Float64Array[]): Float64Array {
  const count = points[0].length;
  const cols = points.map((c) => c.slice());
  const out = new Float64Array(count);
  stack.inverse(cols, out);
  const bad = firstNonFinite(cols, out);
  if (bad >= 0)
    stack.explainNonFinite(
      'inverse',
      points.map((c) => c[bad]),
      `point ${bad}`,
    );
  addLogStandardNormal(cols, out);
  return out;
}

export interface PushedSamples {
  /** z ~ N(0, I), drawn point by point from createRng(seed).normal(). */
  base: Float64Array[];
  pushed: Float64Array[];
  logDet: Float64Array;
  /** log p_x(f(z)) = log p_z(z) − log|det J_f(z)|. */
  logDensity: Float64Array;
}

export function pushSamples(stack: FlowStack, count: number, seed: number): PushedSamples {
  if (!Number.isInteger(count) || count < 1 || count > MAX_POINTS)
    fail(`samples.count must be an integer from 1 to ${MAX_POINTS.toLocaleString('en-US')}, not ${count}.`, 'samples.count');
  const rng = createRng(seed);
  const base = emptyColumns(stack.dim, count);
  for (let k = 0; k < count; k++) for (let j = 0; j < stack.dim; j++) base[j][k] = rng.normal();
  const pushed = base.map((c) => c.slice());
  const logDet = new Float64Array(count);
  stack.forward(pushed, logDet);
  const bad = firstNonFinite(pushed, logDet);
  if (bad >= 0)
    stack.explainNonFinite(
      'forward',
      base.map((c) => c[bad]),
      `sample ${bad}`,
    );
  const logDensity = new Float64Array(count);
  addLogStandardNormal(base, logDensity);
  for (let k = 0; k < count; k++) logDensity[k] -= logDet[k];
  return { base, pushed, logDet, logDensity };
}

export interface WarpedGrid {
  /** lines × resolution points each; horizontal[i] is the image of y = y_i, as [x, y] pairs. */
  horizontal: number[][][];
  vertical: number[][][];
}

/** Images under f of `lines` horizontal and vertical grid lines over the box (2-D flows). */
export function warpedGrid(stack: FlowStack, box: Box, lines = 11, resolution = 64): WarpedGrid {
  if (stack.dim !== 2) fail(`A warped grid needs a 2-D flow; this one is ${stack.dim}-dimensional.`, 'warpedGrid');
  if (!Number.isInteger(lines) || lines < 2 || lines > MAX_GRID)
    fail(`warpedGrid.lines must be an integer from 2 to ${MAX_GRID}, not ${lines}.`, 'warpedGrid.lines');
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > MAX_GRID)
    fail(`warpedGrid.resolution must be an integer from 2 to ${MAX_GRID}, not ${resolution}.`, 'warpedGrid.resolution');
  const across = gridAxes(box, lines);
  const along = gridAxes(box, resolution);
  const per = lines * resolution;
  const cols = emptyColumns(2, 2 * per);
  for (let i = 0; i < lines; i++) {
    cols[0].set(along.xs, i * resolution);
    cols[1].fill(across.ys[i], i * resolution, (i + 1) * resolution);
    cols[0].fill(across.xs[i], per + i * resolution, per + (i + 1) * resolution);
    cols[1].set(along.ys, per + i * resolution);
  }
  const input = cols.map((c) => c.slice());
  const logDet = new Float64Array(2 * per);
  stack.forward(cols, logDet);
  const bad = firstNonFinite(cols, logDet);
  if (bad >= 0) stack.explainNonFinite('forward', [input[0][bad], input[1][bad]], 'grid-line point');
  const rows = toRows(cols);
  const line = (start: number) => rows.slice(start, start + resolution);
  return {
    horizontal: Array.from({ length: lines }, (_, i) => line(i * resolution)),
    vertical: Array.from({ length: lines }, (_, i) => line(per + i * resolution)),
  };
}
