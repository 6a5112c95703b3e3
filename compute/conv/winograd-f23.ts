/**
 * Winograd F(2×2, 3×3): 2×2 outputs from 4×4 input patches (16 products per patch and channel
 * pair, against 36 for the direct sum). Transforms (Lavin & Gray 2016):
 *   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
 *   Aᵀ = [1 1 1 0; 0 1 −1 −1].
 * Only additions and halvings, so the float64 result is within a few ulps of the direct sum.
 */
import type { Real } from './geometry';
import type { WinogradScheme } from './winograd-scheme';

/** G g (4×3), reused between calls. */
const A = new Float64Array(12);

/** U[ξ·plane + to] = (G g Gᵀ)[ξ] for the 3×3 kernel g = w[at…at+8]. */
function filter(w: Real, at: number, U: Float64Array, plane: number, to: number): void {
  // G g: rows g0, (g0+g1+g2)/2, (g0−g1+g2)/2, g2 of the kernel's rows, column by column.
  for (let j = 0; j < 3; j++) {
    const g0 = w[at + j],
      g1 = w[at + 3 + j],
      g2 = w[at + 6 + j];
    A[j] = g0;
    A[3 + j] = 0.5 * (g0 + g1 + g2);
    A[6 + j] = 0.5 * (g0 - g1 + g2);
    A[9 + j] = g2;
  }
  // (G g) Gᵀ: the same combination along each row.
  for (let i = 0; i < 4; i++) {
    const a0 = A[3 * i],
      a1 = A[3 * i + 1],
      a2 = A[3 * i + 2];
    U[4 * i * plane + to] = a0;
    U[(4 * i + 1) * plane + to] = 0.5 * (a0 + a1 + a2);
    U[(4 * i + 2) * plane + to] = 0.5 * (a0 - a1 + a2);
    U[(4 * i + 3) * plane + to] = a2;
  }
}

/** Bᵀ d B for the 4×4 patch at x[at + i·pitch + j], stored at V[out + ξ·stride]. */
function input(x: Real, at: number, pitch: number, V: Float64Array, out: number, stride: number): void {
  const r0 = at,
    r1 = at + pitch,
    r2 = at + 2 * pitch,
    r3 = at + 3 * pitch;
  // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3, column by column.
  const p00 = x[r0] - x[r2],
    p01 = x[r0 + 1] - x[r2 + 1],
    p02 = x[r0 + 2] - x[r2 + 2],
    p03 = x[r0 + 3] - x[r2 + 3];
  const p10 = x[r1] + x[r2],
    p11 = x[r1 + 1] + x[r2 + 1],
    p12 = x[r1 + 2] + x[r2 + 2],
    p13 = x[r1 + 3] + x[r2 + 3];
  const p20 = x[r2] - x[r1],
    p21 = x[r2 + 1] - x[r1 + 1],
    p22 = x[r2 + 2] - x[r1 + 2],
    p23 = x[r2 + 3] - x[r1 + 3];
  const p30 = x[r1] - x[r3],
    p31 = x[r1 + 1] - x[r3 + 1],
    p32 = x[r1 + 2] - x[r3 + 2],
    p33 = x[r1 + 3] - x[r3 + 3];
  // (Bᵀ d) B: the same combination along each row.
  V[out] = p00 - p02;
  V[out + stride] = p01 + p02;
  V[out + 2 * stride] = p02 - p01;
  V[out + 3 * stride] = p01 - p03;
  out += 4 * stride;
  V[out] = p10 - p12;
  V[out + stride] = p11 + p12;
  V[out + 2 * stride] = p12 - p11;
  V[out + 3 * stride] = p11 - p13;
  out += 4 * stride;
  V[out] = p20 - p22;
  V[out + stride] = p21 + p22;
  V[out + 2 * stride] = p22 - p21;
  V[out + 3 * stride] = p21 - p23;
  out += 4 * stride;
  V[out] = p30 - p32;
  V[out + stride] = p31 + p32;
  V[out + 2 * stride] = p32 - p31;
  V[out + 3 * stride] = p31 - p33;
}

/**
 * bias + Aᵀ m A for m[ξ] = M[at + ξ·stride], written to the top-left rows × cols of the 2×2
 * block at y[out] (row pitch OW).
 */
function output(M: Float64Array, at: number, stride: number, b: number, y: Real, out: number, OW: number, rows: number, cols: number): void {
  const m0 = M[at],
    m1 = M[at + stride],
    m2 = M[at + 2 * stride],
    m3 = M[at + 3 * stride];
  at += 4 * stride;
  const m4 = M[at],
    m5 = M[at + stride],
    m6 = M[at + 2 * stride],
    m7 = M[at + 3 * stride];
  at += 4 * stride;
  const m8 = M[at],
    m9 = M[at + stride],
    m10 = M[at + 2 * stride],
    m11 = M[at + 3 * stride];
  at += 4 * stride;
  const m12 = M[at],
    m13 = M[at + stride],
    m14 = M[at + 2 * stride],
    m15 = M[at + 3 * stride];
  // Aᵀ m: rows m0 + m1 + m2 and m1 − m2 − m3 of the 4×4 array, column by column; then along rows.
  const s00 = m0 + m4 + m8,
    s01 = m1 + m5 + m9,
    s02 = m2 + m6 + m10,
    s03 = m3 + m7 + m11;
  const s10 = m4 - m8 - m12,
    s11 = m5 - m9 - m13,
    s12 = m6 - m10 - m14,
    s13 = m7 - m11 - m15;
  y[out] = b + (s00 + s01 + s02);
  if (cols > 1) y[out + 1] = b + (s01 - s02 - s03);
  if (rows > 1) {
    y[out + OW] = b + (s10 + s11 + s12);
    if (cols > 1) y[out + OW + 1] = b + (s11 - s12 - s13);
  }
}

export const F2x2_3x3: WinogradScheme = { m: 2, alpha: 4, filter, input, output };
