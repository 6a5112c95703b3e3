/**
 * Winograd F(4×4, 3×3): 4×4 outputs from 6×6 input patches (36 products per patch and channel
 * pair, against 144 for the direct sum: 4× fewer, against 2.25× for F(2×2, 3×3)). Transforms
 * (Lavin & Gray 2016, interpolation points 0, ±1, ±2, ∞):
 *   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
 *   G  = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1]
 *   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
 * The larger coefficients cost some accuracy: in float64 the result stays within ~1e-14
 * (relative to the output's scale) of the direct sum.
 */
import type { Real } from './geometry';
import type { WinogradScheme } from './winograd-scheme';

/** Intermediate 6×6 (or 6×3, 4×6) arrays of the two-pass transforms, reused between calls. */
const T = new Float64Array(36);

/** U[ξ·plane + to] = (G g Gᵀ)[ξ] for the 3×3 kernel g = w[at…at+8]. */
function filter(w: Real, at: number, U: Float64Array, plane: number, to: number): void {
  // G g (6×3), column by column.
  for (let j = 0; j < 3; j++) {
    const g0 = w[at + j],
      g1 = w[at + 3 + j],
      g2 = w[at + 6 + j];
    T[j] = g0 / 4;
    T[3 + j] = -(g0 + g1 + g2) / 6;
    T[6 + j] = -(g0 - g1 + g2) / 6;
    T[9 + j] = g0 / 24 + g1 / 12 + g2 / 6;
    T[12 + j] = g0 / 24 - g1 / 12 + g2 / 6;
    T[15 + j] = g2;
  }
  // (G g) Gᵀ (6×6): the same combination along each row.
  for (let i = 0; i < 6; i++) {
    const g0 = T[3 * i],
      g1 = T[3 * i + 1],
      g2 = T[3 * i + 2];
    const row = 6 * i;
    U[row * plane + to] = g0 / 4;
    U[(row + 1) * plane + to] = -(g0 + g1 + g2) / 6;
    U[(row + 2) * plane + to] = -(g0 - g1 + g2) / 6;
    U[(row + 3) * plane + to] = g0 / 24 + g1 / 12 + g2 / 6;
    U[(row + 4) * plane + to] = g0 / 24 - g1 / 12 + g2 / 6;
    U[(row + 5) * plane + to] = g2;
  }
}

/** Bᵀ d B for the 6×6 patch at x[at + i·pitch + j], stored at V[out + ξ·stride]. */
function input(x: Real, at: number, pitch: number, V: Float64Array, out: number, stride: number): void {
  // Bᵀ d, column by column: with a = d4 − 4d2, b = d3 − 4d1, c = d4 − d2, e = 2(d3 − d1),
  // the rows are 4d0 − 5d2 + d4, a + b, a − b, c + e, c − e, 4d1 − 5d3 + d5.
  for (let j = 0; j < 6; j++) {
    const p = at + j;
    const d0 = x[p],
      d1 = x[p + pitch],
      d2 = x[p + 2 * pitch],
      d3 = x[p + 3 * pitch],
      d4 = x[p + 4 * pitch],
      d5 = x[p + 5 * pitch];
    const a = d4 - 4 * d2,
      b = d3 - 4 * d1,
      c = d4 - d2,
      e = 2 * (d3 - d1);
    T[j] = 4 * d0 - 5 * d2 + d4;
    T[6 + j] = a + b;
    T[12 + j] = a - b;
    T[18 + j] = c + e;
    T[24 + j] = c - e;
    T[30 + j] = 4 * d1 - 5 * d3 + d5;
  }
  // (Bᵀ d) B: the same combination along each row.
  for (let i = 0; i < 6; i++) {
    const r = 6 * i;
    const d0 = T[r],
      d1 = T[r + 1],
      d2 = T[r + 2],
      d3 = T[r + 3],
      d4 = T[r + 4],
      d5 = T[r + 5];
    const a = d4 - 4 * d2,
      b = d3 - 4 * d1,
      c = d4 - d2,
      e = 2 * (d3 - d1);
    const o = out + r * stride;
    V[o] = 4 * d0 - 5 * d2 + d4;
    V[o + stride] = a + b;
    V[o + 2 * stride] = a - b;
    V[o + 3 * stride] = c + e;
    V[o + 4 * stride] = c - e;
    V[o + 5 * stride] = 4 * d1 - 5 * d3 + d5;
  }
}

/**
 * bias + Aᵀ m A for m[ξ] = M[at + ξ·stride], written to the top-left rows × cols of the 4×4
 * block at y[out] (row pitch OW).
 */
function output(M: Float64Array, at: number, stride: number, b: number, y: Real, out: number, OW: number, rows: number, cols: number): void {
  // Aᵀ m (4×6), column by column: with s = m1 + m2, d = m1 − m2, p = m3 + m4, q = m3 − m4,
  // the rows are m0 + s + p, d + 2q, s + 4p, d + 8q + m5.
  for (let j = 0; j < 6; j++) {
    const k = at + j * stride;
    const m0 = M[k],
      m1 = M[k + 6 * stride],
      m2 = M[k + 12 * stride],
      m3 = M[k + 18 * stride],
      m4 = M[k + 24 * stride],
      m5 = M[k + 30 * stride];
    const s = m1 + m2,
      d = m1 - m2,
      p = m3 + m4,
      q = m3 - m4;
    T[j] = m0 + s + p;
    T[6 + j] = d + 2 * q;
    T[12 + j] = s + 4 * p;
    T[18 + j] = d + 8 * q + m5;
  }
  // (Aᵀ m) A: the same combination along each row.
  for (let i = 0; i < rows; i++) {
    const r = 6 * i;
    const m0 = T[r],
      m1 = T[r + 1],
      m2 = T[r + 2],
      m3 = T[r + 3],
      m4 = T[r + 4],
      m5 = T[r + 5];
    const s = m1 + m2,
      d = m1 - m2,
      p = m3 + m4,
      q = m3 - m4;
    const o = out + i * OW;
    y[o] = b + (m0 + s + p);
    if (cols > 1) y[o + 1] = b + (d + 2 * q);
    if (cols > 2) y[o + 2] = b + (s + 4 * p);
    if (cols > 3) y[o + 3] = b + (d + 8 * q + m5);
  }
}

export const F4x4_3x3: WinogradScheme = { m: 4, alpha: 6, filter, input, output };
