/**
 * Winograd's minimal filtering (Lavin & Gray, "Fast Algorithms for Convolutional Neural
 * Networks", 2016) for 3×3 windows with stride 1 and dilation 1: F(2×2, 3×3) in winograd-f23.ts
 * and F(4×4, 3×3) in winograd-f43.ts.
 *
 * An m×m block of outputs sees an α×α patch d of the padded input (α = m + 2), and equals
 * Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A: the 3×3 kernel g and the patch are mapped to α×α arrays,
 * multiplied elementwise and mapped back. Summed over input channels, each of the α² elementwise
 * positions ξ becomes an independent matrix product
 *   M_ξ (C_out/g × tiles) = U_ξ (C_out/g × C_in/g) · V_ξ (C_in/g × tiles),
 * which runs on the blocked GEMM kernel (gemm.ts). Per output and channel pair that is α²/m²
 * multiply-adds (4 for F(2,3), 2.25 for F(4,3)) instead of 9.
 */
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';
import { multiplyRows, packRows } from './gemm';
import { scratch64 } from './scratch';
import { F2x2_3x3 } from './winograd-f23';
import { F4x4_3x3 } from './winograd-f43';
import type { WinogradScheme } from './winograd-scheme';

/** Output block size m of the available schemes. */
export type WinogradTile = 2 | 4;

const SCHEMES: Record<WinogradTile, WinogradScheme> = { 2: F2x2_3x3, 4: F4x4_3x3 };

/** True when the layer's windows are 3×3 (2-D, or 1×3×3 in 3-D) with stride 1 and dilation 1. */
export function winogradApplies(geom: ConvGeometry): boolean {
  const [KD, KH, KW] = geom.kernel;
  return KD === 1 && KH === 3 && KW === 3 && geom.stride.every((s) => s === 1) && geom.dilation.every((d) => d === 1);
}

/** Output tiles (m×m blocks) of the whole batch: the columns of the α² products. */
export function winogradTiles(geom: ConvGeometry, m: WinogradTile): number {
  const [OD, OH, OW] = geom.outSize;
  return geom.batch * OD * Math.ceil(OH / m) * Math.ceil(OW / m);
}

/**
 * Forward convolution of the padded input `xp` (N, C_in, Dp, Hp, Wp) with 3×3 PyTorch-layout
 * weights plus `bias`, into a new (N, C_out, oD, oH, oW) array, by F(m×m, 3×3). Requires
 * `winogradApplies`.
 */
export function convWinograd(geom: ConvGeometry, xp: Real, w: Real, bias: Real | undefined, Type: RealArrayConstructor, m: WinogradTile = 2): Real {
  const scheme = SCHEMES[m];
  const points = scheme.alpha * scheme.alpha;
  const { batch, cOut, groups, cInG, cOutG } = geom;
  const [OD, OH, OW] = geom.outSize;
  const T = winogradTiles(geom, m);
  const U = scratch64('winograd-u', points * cOutG * cInG);
  const V = scratch64('winograd-v', points * cInG * T);
  const M = scratch64('winograd-m', points * cOutG * T);
  // V[ci][ξ][t] and M[co][ξ][t]: one channel's α² arrays of tiles stay close together, so the
  // tile transforms touch α² nearby streams rather than α² spread over the whole buffer.
  const off = new Int32Array(cInG);
  for (let ci = 0; ci < cInG; ci++) off[ci] = ci * points * T;
  const y = new Type(batch * cOut * OD * OH * OW);
  for (let g = 0; g < groups; g++) {
    transformFilters(scheme, w, g * cOutG, cOutG, cInG, U);
    transformInputs(scheme, geom, xp, g, V, T);
    for (let xi = 0; xi < points; xi++) {
      const W = packRows(U, xi * cOutG, cOutG, cInG, Float64Array, 'winograd-packed');
      multiplyRows(W, V, xi * T, off, 1, T, M, xi * T, points * T, undefined, 0);
    }
    transformOutputs(scheme, geom, M, g, T, bias, y);
  }
  return y;
}

/** U[ξ][co][ci] = (G g Gᵀ)[ξ] for the group's output channels co and input channels ci. */
function transformFilters(scheme: WinogradScheme, w: Real, coStart: number, cOutG: number, cInG: number, U: Float64Array): void {
  const plane = cOutG * cInG;
  for (let col = 0; col < cOutG; col++) {
    for (let ci = 0; ci < cInG; ci++) scheme.filter(w, ((coStart + col) * cInG + ci) * 9, U, plane, col * cInG + ci);
  }
}

/** V[ci][ξ][t] = (Bᵀ d B)[ξ] for every α×α input patch d (tile t) of the group's channels. */
function transformInputs(scheme: WinogradScheme, geom: ConvGeometry, xp: Real, g: number, V: Float64Array, T: number): void {
  const { m, alpha } = scheme;
  const points = alpha * alpha;
  const { batch, cIn, cInG } = geom;
  const [Dp, Hp, Wp] = geom.padded;
  const [OD, OH, OW] = geom.outSize;
  const tilesH = Math.ceil(OH / m);
  const tilesW = Math.ceil(OW / m);
  const plane = Dp * Hp * Wp;
  const patch = new Float64Array(points);
  for (let ci = 0; ci < cInG; ci++) {
    let t = 0;
    for (let n = 0; n < batch; n++) {
      for (let od = 0; od < OD; od++) {
        const base = (n * cIn + g * cInG + ci) * plane + od * Hp * Wp;
        for (let th = 0; th < tilesH; th++) {
          const r = m * th;
          const rowsInside = r + alpha <= Hp;
          for (let tw = 0; tw < tilesW; tw++, t++) {
            const c = m * tw;
            if (rowsInside && c + alpha <= Wp) {
              scheme.input(xp, base + r * Wp + c, Wp, V, ci * points * T + t, T);
            } else {
              // Edge tile: samples past the padded input are zero (they only reach outputs
              // beyond the output size, which are discarded).
              for (let i = 0; i < alpha; i++) {
                for (let j = 0; j < alpha; j++) patch[alpha * i + j] = r + i < Hp && c + j < Wp ? xp[base + (r + i) * Wp + c + j] : 0;
              }
              scheme.input(patch, 0, alpha, V, ci * points * T + t, T);
            }
          }
        }
      }
    }
  }
}

/** y = bias + Aᵀ m A for every tile, where m[ξ] = M[co][ξ][t]; outputs past the edge are dropped. */
function transformOutputs(scheme: WinogradScheme, geom: ConvGeometry, M: Float64Array, g: number, T: number, bias: Real | undefined, y: Real): void {
  const { m, alpha } = scheme;
  const points = alpha * alpha;
  const { batch, cOut, cOutG } = geom;
  const [OD, OH, OW] = geom.outSize;
  const tilesH = Math.ceil(OH / m);
  const tilesW = Math.ceil(OW / m);
  const plane = OD * OH * OW;
  for (let col = 0; col < cOutG; col++) {
    const co = g * cOutG + col;
    const b = bias ? bias[co] : 0;
    let t = 0;
    for (let n = 0; n < batch; n++) {
      for (let od = 0; od < OD; od++) {
        const base = (n * cOut + co) * plane + od * OH * OW;
        for (let th = 0; th < tilesH; th++) {
          const r = m * th;
          const rows = Math.min(m, OH - r);
          for (let tw = 0; tw < tilesW; tw++, t++) {
            const c = m * tw;
            scheme.output(M, col * points * T + t, T, b, y, base + r * OW + c, OW, rows, Math.min(m, OW - c));
          }
        }
      }
    }
  }
}
