/**
 * Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional
 * Neural Networks", 2016) for 3×3 windows with stride 1 and dilation 1.
 *
 * A 2×2 block of outputs sees a 4×4 patch d of the padded input. With the transforms
 *   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
 *   Aᵀ = [1 1 1 0; 0 1 −1 −1],
 * the block is Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A: the 3×3 kernel g and the patch are mapped to
 * 4×4 arrays, multiplied elementwise, and mapped back. Summed over input channels, the 16
 * elementwise positions ξ become 16 independent matrix products
 *   M_ξ (C_out/g × tiles) = U_ξ (C_out/g × C_in/g) · V_ξ (C_in/g × tiles),
 * which run on the blocked GEMM kernel: 16 multiply-adds per 4 outputs and channel pair instead
 * of 36, i.e. 2.25× fewer. The transforms use only additions and halvings, so the float64 result
 * stays within a few ulps of the direct sum.
 */
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';
import { multiplyRows, packRows } from './gemm';
import { scratch64 } from './scratch';

/** True when the layer's windows are 3×3 (2-D, or 1×3×3 in 3-D) with stride 1 and dilation 1. */
export function winogradApplies(geom: ConvGeometry): boolean {
  const [KD, KH, KW] = geom.kernel;
  return KD === 1 && KH === 3 && KW === 3 && geom.stride.every((s) => s === 1) && geom.dilation.every((d) => d === 1);
}

/** Output tiles (2×2 blocks) of the whole batch: the columns of the 16 products. */
export function winogradTiles(geom: ConvGeometry): number {
  const [OD, OH, OW] = geom.outSize;
  return geom.batch * OD * Math.ceil(OH / 2) * Math.ceil(OW / 2);
}

/**
 * Forward convolution of the padded input `xp` (N, C_in, Dp, Hp, Wp) with 3×3 PyTorch-layout
 * weights plus `bias`, into a new (N, C_out, oD, oH, oW) array. Requires `winogradApplies`.
 */
export function convWinograd(geom: ConvGeometry, xp: Real, w: Real, bias: Real | undefined, Type: RealArrayConstructor): Real {
  const { batch, cOut, groups, cInG, cOutG } = geom;
  const [OD, OH, OW] = geom.outSize;
  const T = winogradTiles(geom);
  const U = scratch64('winograd-u', 16 * cOutG * cInG);
  const V = scratch64('winograd-v', 16 * cInG * T);
  const M = scratch64('winograd-m', 16 * cOutG * T);
  // V[ci][ξ][t] and M[co][ξ][t]: one channel's 16 arrays of tiles stay close together, so the
  // tile transforms touch 16 nearby streams rather than 16 spread over the whole buffer.
  const off = new Int32Array(cInG);
  for (let ci = 0; ci < cInG; ci++) off[ci] = ci * 16 * T;
  const y = new Type(batch * cOut * OD * OH * OW);
  for (let g = 0; g < groups; g++) {
    transformFilters(w, g * cOutG, cOutG, cInG, U);
    transformInputs(geom, xp, g, V, T);
    for (let xi = 0; xi < 16; xi++) {
      const W = packRows(U, xi * cOutG, cOutG, cInG, Float64Array, 'winograd-packed');
      multiplyRows(W, V, xi * T, off, 1, T, M, xi * T, 16 * T, undefined, 0);
    }
    transformOutputs(geom, M, g, T, bias, y);
  }
  return y;
}

/** U[ξ][co][ci] = (G g Gᵀ)[ξ] for the group's output channels co and input channels ci. */
function transformFilters(w: Real, coStart: number, cOutG: number, cInG: number, U: Float64Array): void {
  const plane = cOutG * cInG;
  const a = new Float64Array(12);
  for (let col = 0; col < cOutG; col++) {
    for (let ci = 0; ci < cInG; ci++) {
      const at = ((coStart + col) * cInG + ci) * 9;
      // A = G g (4×3): rows g0, (g0+g1+g2)/2, (g0−g1+g2)/2, g2 of the kernel's rows.
      for (let j = 0; j < 3; j++) {
        const g0 = w[at + j], g1 = w[at + 3 + j], g2 = w[at + 6 + j];
        a[j] = g0;
        a[3 + j] = 0.5 * (g0 + g1 + g2);
        a[6 + j] = 0.5 * (g0 - g1 + g2);
        a[9 + j] = g2;
      }
      // U = A Gᵀ (4×4): the same combination along each row of A.
      const to = col * cInG + ci;
      for (let i = 0; i < 4; i++) {
        const a0 = a[3 * i], a1 = a[3 * i + 1], a2 = a[3 * i + 2];
        U[(4 * i) * plane + to] = a0;
        U[(4 * i + 1) * plane + to] = 0.5 * (a0 + a1 + a2);
        U[(4 * i + 2) * plane + to] = 0.5 * (a0 - a1 + a2);
        U[(4 * i + 3) * plane + to] = a2;
      }
    }
  }
}

/** V[ci][ξ][t] = (Bᵀ d B)[ξ] for every 4×4 input patch d (tile t) of the group's channels. */
function transformInputs(geom: ConvGeometry, xp: Real, g: number, V: Float64Array, T: number): void {
  const { batch, cIn, cInG } = geom;
  const [Dp, Hp, Wp] = geom.padded;
  const [OD, OH, OW] = geom.outSize;
  const tilesH = Math.ceil(OH / 2);
  const tilesW = Math.ceil(OW / 2);
  const plane = Dp * Hp * Wp;
  const stride = T;
  const d = new Float64Array(16);
  for (let ci = 0; ci < cInG; ci++) {
    let t = 0;
    for (let n = 0; n < batch; n++) {
      for (let od = 0; od < OD; od++) {
        const base = (n * cIn + g * cInG + ci) * plane + od * Hp * Wp;
        for (let th = 0; th < tilesH; th++) {
          const r = 2 * th;
          const rowsInside = r + 4 <= Hp;
          for (let tw = 0; tw < tilesW; tw++, t++) {
            const c = 2 * tw;
            if (rowsInside && c + 4 <= Wp) {
              inputTile(xp, base + r * Wp + c, Wp, V, ci * 16 * T + t, stride);
            } else {
              // Edge tile: samples past the padded input are zero (they only reach outputs
              // beyond the output size, which are discarded).
              for (let i = 0; i < 4; i++) {
                for (let j = 0; j < 4; j++) d[4 * i + j] = r + i < Hp && c + j < Wp ? xp[base + (r + i) * Wp + c + j] : 0;
              }
              inputTile(d, 0, 4, V, ci * 16 * T + t, stride);
            }
          }
        }
      }
    }
  }
}

/** Bᵀ d B for the 4×4 patch at x[at + i·pitch + j], stored at V[out + ξ·stride]. */
function inputTile(x: Real, at: number, pitch: number, V: Float64Array, out: number, stride: number): void {
  const r0 = at, r1 = at + pitch, r2 = at + 2 * pitch, r3 = at + 3 * pitch;
  // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3, column by column.
  const p00 = x[r0] - x[r2], p01 = x[r0 + 1] - x[r2 + 1], p02 = x[r0 + 2] - x[r2 + 2], p03 = x[r0 + 3] - x[r2 + 3];
  const p10 = x[r1] + x[r2], p11 = x[r1 + 1] + x[r2 + 1], p12 = x[r1 + 2] + x[r2 + 2], p13 = x[r1 + 3] + x[r2 + 3];
  const p20 = x[r2] - x[r1], p21 = x[r2 + 1] - x[r1 + 1], p22 = x[r2 + 2] - x[r1 + 2], p23 = x[r2 + 3] - x[r1 + 3];
  const p30 = x[r1] - x[r3], p31 = x[r1 + 1] - x[r3 + 1], p32 = x[r1 + 2] - x[r3 + 2], p33 = x[r1 + 3] - x[r3 + 3];
  // (Bᵀ d) B: the same combination along each row.
  V[out] = p00 - p02; V[out + stride] = p01 + p02; V[out + 2 * stride] = p02 - p01; V[out + 3 * stride] = p01 - p03;
  out += 4 * stride;
  V[out] = p10 - p12; V[out + stride] = p11 + p12; V[out + 2 * stride] = p12 - p11; V[out + 3 * stride] = p11 - p13;
  out += 4 * stride;
  V[out] = p20 - p22; V[out + stride] = p21 + p22; V[out + 2 * stride] = p22 - p21; V[out + 3 * stride] = p21 - p23;
  out += 4 * stride;
  V[out] = p30 - p32; V[out + stride] = p31 + p32; V[out + 2 * stride] = p32 - p31; V[out + 3 * stride] = p31 - p33;
}

/** y = bias + Aᵀ m A for every tile, where m[ξ] = M[co][ξ][t]; outputs past the edge are dropped. */
function transformOutputs(geom: ConvGeometry, M: Float64Array, g: number, T: number, bias: Real | undefined, y: Real): void {
  const { batch, cOut, cOutG } = geom;
  const [OD, OH, OW] = geom.outSize;
  const tilesH = Math.ceil(OH / 2);
  const tilesW = Math.ceil(OW / 2);
  const stride = T;
  const plane = OD * OH * OW;
  for (let col = 0; col < cOutG; col++) {
    const co = g * cOutG + col;
    const b = bias ? bias[co] : 0;
    let t = 0;
    for (let n = 0; n < batch; n++) {
      for (let od = 0; od < OD; od++) {
        const base = (n * cOut + co) * plane + od * OH * OW;
        for (let th = 0; th < tilesH; th++) {
          const r = 2 * th;
          for (let tw = 0; tw < tilesW; tw++, t++) {
            outputTile(M, col * 16 * T + t, stride, b, y, base + r * OW + 2 * tw, OW, r + 1 < OH, 2 * tw + 1 < OW);
          }
        }
      }
    }
  }
}

/** Aᵀ m A (+ bias) for the 16 values m[ξ] = M[at + ξ·stride], written to the 2×2 block at y[out]. */
function outputTile(M: Float64Array, at: number, stride: number, b: number, y: Real, out: number, OW: number, row1: boolean, col1: boolean): void {
  const m0 = M[at], m1 = M[at + stride], m2 = M[at + 2 * stride], m3 = M[at + 3 * stride];
  at += 4 * stride;
  const m4 = M[at], m5 = M[at + stride], m6 = M[at + 2 * stride], m7 = M[at + 3 * stride];
  at += 4 * stride;
  const m8 = M[at], m9 = M[at + stride], m10 = M[at + 2 * stride], m11 = M[at + 3 * stride];
  at += 4 * stride;
  const m12 = M[at], m13 = M[at + stride], m14 = M[at + 2 * stride], m15 = M[at + 3 * stride];
  // Aᵀ m: rows m0 + m1 + m2 and m1 − m2 − m3 of the 4×4 array, column by column.
  const s00 = m0 + m4 + m8, s01 = m1 + m5 + m9, s02 = m2 + m6 + m10, s03 = m3 + m7 + m11;
  const s10 = m4 - m8 - m12, s11 = m5 - m9 - m13, s12 = m6 - m10 - m14, s13 = m7 - m11 - m15;
  y[out] = b + (s00 + s01 + s02);
  if (col1) y[out + 1] = b + (s01 - s02 - s03);
  if (row1) {
    y[out + OW] = b + (s10 + s11 + s12);
    if (col1) y[out + OW + 1] = b + (s11 - s12 - s13);
  }
}
