/**
 * What every normalizing-flow layer provides. Points travel as columns (structure of arrays):
 * `cols[j][k]` is coordinate j of point k, every column exactly `logDet.length` long. Layers work
 * in place and allocate nothing per point, so a whole grid goes through a layer in a few tight
 * loops (and expression layers in one batched tape sweep).
 */
export type FlowLayerType = 'affine_coupling' | 'planar' | 'radial';

export interface FlowLayer {
  readonly type: FlowLayerType;
  readonly dim: number;
  /** y = f(x) for every point, in place; adds log|det ∂f/∂x| at each point into `logDet`. */
  forward(cols: Float64Array[], logDet: Float64Array): void;
  /** x = f⁻¹(y) for every point, in place; adds log|det ∂f⁻¹/∂y| = −log|det ∂f/∂x| into `logDet`. */
  inverse(cols: Float64Array[], logDet: Float64Array): void;
  /** Why this layer might produce a non-finite value (used in error messages). */
  readonly failureHint: string;
  /** Rough arithmetic operations per point (for the work limit of a request). */
  readonly cost: number;
}

/** Columns for `count` points of dimension `dim`, all zero. */
export function emptyColumns(dim: number, count: number): Float64Array[] {
  return Array.from({ length: dim }, () => new Float64Array(count));
}

/** Points given as rows (number[][]) to columns. */
export function toColumns(points: readonly (readonly number[])[], dim: number): Float64Array[] {
  const cols = emptyColumns(dim, points.length);
  for (let k = 0; k < points.length; k++) for (let j = 0; j < dim; j++) cols[j][k] = points[k][j];
  return cols;
}

/** Columns back to rows (for JSON). */
export function toRows(cols: readonly Float64Array[], count = cols[0]?.length ?? 0): number[][] {
  const rows: number[][] = new Array(count);
  for (let k = 0; k < count; k++) {
    const row = new Array<number>(cols.length);
    for (let j = 0; j < cols.length; j++) row[j] = cols[j][k];
    rows[k] = row;
  }
  return rows;
}

/**
 * A typed array as a plain number[] (for JSON). A preallocated array filled by a loop is several
 * times faster than Array.from, which goes through the iterator protocol.
 */
export function plainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let k = 0; k < values.length; k++) out[k] = values[k];
  return out;
}

/** Index of the first point with a non-finite coordinate or log-determinant, or −1. */
export function firstNonFinite(cols: readonly Float64Array[], logDet: Float64Array): number {
  let first = -1;
  const scan = (a: Float64Array) => {
    const end = first < 0 ? a.length : first;
    for (let k = 0; k < end; k++) {
      // a − a is 0 for finite values and NaN for ±∞ and NaN.
      if (a[k] - a[k] !== 0) {
        first = k;
        return;
      }
    }
  };
  scan(logDet);
  for (const c of cols) scan(c);
  return first;
}
