/** Small dense Float64 matrices (row-major) for checking identities. Vectors are n×1 columns. */
import { ComputeError } from '../errors';

export interface Mat {
  rows: number;
  cols: number;
  /** Row-major entries. */
  data: Float64Array;
}

export function mat(rows: number, cols: number, data?: ArrayLike<number>): Mat {
  const m = { rows, cols, data: data ? Float64Array.from(data) : new Float64Array(rows * cols) };
  if (m.data.length !== rows * cols) throw new ComputeError(`A ${rows}×${cols} matrix needs ${rows * cols} entries, not ${m.data.length}.`);
  return m;
}

export const shapeOf = (a: Mat) => `${a.rows}×${a.cols}`;
export const isScalar = (a: Mat) => a.rows === 1 && a.cols === 1;

export function identity(n: number): Mat {
  const m = mat(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function map(a: Mat, f: (v: number) => number): Mat {
  return { rows: a.rows, cols: a.cols, data: a.data.map(f) };
}

export function transpose(a: Mat): Mat {
  const t = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new ComputeError(`Cannot multiply ${shapeOf(a)} by ${shapeOf(b)}.`);
  const c = mat(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return c;
}

export function scale(a: Mat, s: number): Mat {
  return map(a, (v) => s * v);
}

/** Elementwise a ∘ b; a 1×1 operand is broadcast only when `broadcast` allows it. */
export function zip(a: Mat, b: Mat, f: (x: number, y: number) => number, broadcast = false): Mat {
  if (broadcast && isScalar(a) && !isScalar(b)) return map(b, (y) => f(a.data[0], y));
  if (broadcast && isScalar(b) && !isScalar(a)) return map(a, (x) => f(x, b.data[0]));
  if (a.rows !== b.rows || a.cols !== b.cols) throw new ComputeError(`Shapes ${shapeOf(a)} and ${shapeOf(b)} differ.`);
  return { rows: a.rows, cols: a.cols, data: a.data.map((x, i) => f(x, b.data[i])) };
}

export function trace(a: Mat): number {
  if (a.rows !== a.cols) throw new ComputeError(`The trace needs a square matrix, not ${shapeOf(a)}.`);
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i];
  return s;
}

/** LU with partial pivoting: the factors in place, the permutation sign and the pivots. */
function lu(a: Mat): { lu: Float64Array; perm: Int32Array; sign: number } {
  if (a.rows !== a.cols) throw new ComputeError(`Needs a square matrix, not ${shapeOf(a)}.`);
  const n = a.rows;
  const m = Float64Array.from(a.data);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]) > Math.abs(m[p * n + k])) p = i;
    if (m[p * n + k] === 0) throw new ComputeError('The matrix is singular.');
    if (p !== k) {
      for (let j = 0; j < n; j++) [m[k * n + j], m[p * n + j]] = [m[p * n + j], m[k * n + j]];
      [perm[k], perm[p]] = [perm[p], perm[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (m[i * n + k] /= m[k * n + k]);
      for (let j = k + 1; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return { lu: m, perm, sign };
}

export function det(a: Mat): number {
  const { lu: m, sign } = lu(a);
  let d = sign;
  for (let i = 0; i < a.rows; i++) d *= m[i * a.rows + i];
  return d;
}

/** log det A; A must have a positive determinant. */
export function logdet(a: Mat): number {
  const d = det(a);
  if (!(d > 0)) throw new ComputeError('log det needs a positive determinant.');
  const { lu: m } = lu(a);
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += Math.log(Math.abs(m[i * a.rows + i]));
  return s;
}

export function inverse(a: Mat): Mat {
  const n = a.rows;
  const { lu: m, perm } = lu(a);
  const inv = mat(n, n);
  for (let c = 0; c < n; c++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = perm[i] === c ? 1 : 0;
      for (let j = 0; j < i; j++) s -= m[i * n + j] * y[j];
      y[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let j = i + 1; j < n; j++) s -= m[i * n + j] * y[j];
      y[i] = s / m[i * n + i];
    }
    for (let i = 0; i < n; i++) inv.data[i * n + c] = y[i];
  }
  return inv;
}

/** Kronecker product a ⊗ b. */
export function kron(a: Mat, b: Mat): Mat {
  const k = mat(a.rows * b.rows, a.cols * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++)
      for (let r = 0; r < b.rows; r++)
        for (let c = 0; c < b.cols; c++) k.data[(i * b.rows + r) * k.cols + j * b.cols + c] = a.data[i * a.cols + j] * b.data[r * b.cols + c];
  return k;
}

/** vec(A): the columns stacked into one column (column-major), as in vec(AXB) = (Bᵀ ⊗ A) vec(X). */
export function vec(a: Mat): Mat {
  return { rows: a.rows * a.cols, cols: 1, data: transpose(a).data };
}

/** The diagonal matrix of a vector. */
export function diag(v: Mat): Mat {
  if (v.cols !== 1 && v.rows !== 1) throw new ComputeError(`diag needs a vector, not ${shapeOf(v)}.`);
  const n = v.data.length;
  const d = mat(n, n);
  for (let i = 0; i < n; i++) d.data[i * n + i] = v.data[i];
  return d;
}
