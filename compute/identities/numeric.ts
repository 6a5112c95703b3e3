/** Small dense helpers for checking identities numerically (row-major n×n matrices). */
import type { Rng } from '../random';

export function randomVector(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

export function randomMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

/** y = A x for an n×m matrix A. */
export function matVec(a: Float64Array, x: Float64Array, rows: number, cols: number): Float64Array {
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
    y[i] = s;
  }
  return y;
}

export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/**
 * Gradient of a scalar function by central differences, h scaled to each coordinate
 * (error O(h²) ≈ 1e-10 relative for smooth functions in Float64).
 */
export function numericGradient(f: (x: Float64Array) => number, x: Float64Array): Float64Array {
  const g = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** max |a − b| / max(1, max |b|): relative to the reference's scale, absolute near zero. */
export function maxRelError(a: Float64Array, b: Float64Array): number {
  let err = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}
