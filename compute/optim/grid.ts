/**
 * The objective sampled on a regular grid, for the lab's contour plot: computed in the worker
 * with the simulation, so the UI thread only draws. Row-major, y outer: values[j·n + i] is f at
 * (x0 + i·dx, y0 + j·dy), with dx = (x1 − x0)/(n − 1).
 */
import { fail } from '../errors';
import type { GridResult, GridSpec, Objective } from './types';

export type { GridResult, GridSpec } from './types';

export const MAX_GRID = 512;

const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v)) && r[0] < r[1];

export function objectiveGrid(objective: Objective, spec: GridSpec, view: { x: [number, number]; y: [number, number] }): GridResult {
  if (!spec || typeof spec !== 'object') fail('"grid" must be {"n": 128} or {"n": 128, "box": {"x": [-2, 2], "y": [-1, 3]}}.', 'grid');
  const { n } = spec;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2 || n > MAX_GRID)
    fail(`grid.n must be a whole number from 2 to ${MAX_GRID}, not ${JSON.stringify(n)}.`, 'grid.n');
  if (objective.dims !== 2) fail(`A contour grid needs a 2-D objective; this one has ${objective.dims} variables.`, 'grid');
  const box = spec.box ?? view;
  if (!box || !isRange(box.x) || !isRange(box.y)) fail('grid.box must be {"x": [x0, x1], "y": [y0, y1]} with x0 < x1 and y0 < y1.', 'grid.box');
  const values: number[] = new Array(n * n).fill(0);
  const p = new Float64Array(2);
  const dx = (box.x[1] - box.x[0]) / (n - 1);
  const dy = (box.y[1] - box.y[0]) / (n - 1);
  for (let j = 0; j < n; j++) {
    p[1] = box.y[0] + j * dy;
    for (let i = 0; i < n; i++) {
      p[0] = box.x[0] + i * dx;
      values[j * n + i] = objective.value(p);
    }
  }
  return { n, box: { x: [box.x[0], box.x[1]], y: [box.y[0], box.y[1]] }, values };
}
