import type { Real } from './geometry';

/**
 * One Winograd minimal-filtering algorithm F(m×m, 3×3): m×m outputs from α×α input patches,
 * α = m + 2, as three transforms; α² elementwise products per patch and channel pair replace
 * 9·m² multiply-adds.
 */
export interface WinogradScheme {
  m: number;
  alpha: number;
  /** U[ξ·plane + to] = (G g Gᵀ)[ξ] for the 3×3 kernel g = w[at…at+8] (row-major). */
  filter(w: Real, at: number, U: Float64Array, plane: number, to: number): void;
  /** V[out + ξ·stride] = (Bᵀ d B)[ξ] for the α×α patch d at x[at + i·pitch + j]. */
  input(x: Real, at: number, pitch: number, V: Float64Array, out: number, stride: number): void;
  /** The top-left rows × cols of bias + Aᵀ m A, m[ξ] = M[at + ξ·stride], into y[out + i·OW + j]. */
  output(M: Float64Array, at: number, stride: number, b: number, y: Real, out: number, OW: number, rows: number, cols: number): void;
}
