/**
 * Convolution as an implicit matrix multiply ("implicit GEMM").
 *
 * Per group, a forward convolution is the product Y = W · X̂ of
 *   W  (C_out/g) × K   the weights, one row per output channel, K = (C_in/g)·kD·kH·kW taps;
 *   X̂  K × P           the im2col matrix: column p holds the K padded-input samples that output
 *                       position p sees, X̂[(ci, kd, kh, kw), p] = Xpad[ci, od·s + kd·d, ...].
 * We never build X̂: row k of it is the padded input shifted by a fixed offset, so an offset table
 * `off[k]` (ci·plane + kd·d·Hp·Wp + kh·d·Wp + kw·d) turns X̂[k, p] into Xpad[base(p) + off[k]].
 *
 * The multiply is register-blocked: a micro-kernel keeps a 4 (output channels) × 4 (adjacent
 * outputs along W) block of sums in local variables while it walks the K taps, so each loaded
 * input sample feeds 4 multiply-adds and each weight feeds 4. Weights are repacked so the
 * 4 channels' weights for tap k are adjacent. V8 does not vectorise, so this scalar blocking (and
 * fewer bounds-checked loads per multiply-add) is what makes it fast: ~0.5 ns per multiply-add
 * against ~6 ns for the reference loop nest and 1.5–3 ns for axpy-style loops (y[p] += w·x[p],
 * one or four channels at a time). Other block shapes (4×7, 3×4, 8×4, 4×8, 3×8, 8×2, 2×8) and a
 * stride-1 special case measured within ~10% of 4×4 on the benchmark layers.
 * Rows with fewer than 4 output channels left (depthwise) use a 1 × 8 block; single-channel 3×3
 * windows with unit stride use a sliding-window row kernel (a third of a load per multiply-add).
 *
 * Sums are accumulated in float64 whatever the storage type, so the float32 path only rounds
 * inputs, weights and each output once.
 */
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';
import { scratch } from './scratch';

/** Output channels and output columns per register block of the main micro-kernel. */
const MR = 4;
const NR = 4;
/** Output columns per block of the single-channel (depthwise) micro-kernel. */
const NR1 = 8;

/**
 * Offsets of the K taps of one group relative to the first sample a window reads, in the padded
 * input of shape (C, Dp, Hp, Wp). Tap order (ci, kd, kh, kw) matches PyTorch's weight layout.
 */
export function tapOffsets(geom: ConvGeometry): Int32Array {
  const [KD, KH, KW] = geom.kernel;
  const [dd, dh, dw] = geom.dilation;
  const [Dp, Hp, Wp] = geom.padded;
  const off = new Int32Array(geom.cInG * KD * KH * KW);
  let k = 0;
  for (let ci = 0; ci < geom.cInG; ci++) {
    for (let kd = 0; kd < KD; kd++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++) off[k++] = ci * Dp * Hp * Wp + kd * dd * Hp * Wp + kh * dh * Wp + kw * dw;
      }
    }
  }
  return off;
}

/** A weight matrix (rows × K, row-major) with whole blocks of MR rows interleaved by column. */
export interface PackedRows {
  /** The matrix as given: rows × K. */
  w: Real;
  /** packed[(block·K + k)·MR + r] = w[block·MR + r, k] for the floor(rows/MR) whole blocks. */
  packed: Real;
  rows: number;
  K: number;
}

/**
 * Pack `rows` rows of K weights starting at row `first` of `w` so that the MR rows of each block
 * are adjacent for every k. `slot` names the scratch buffer (callers holding two at once differ).
 */
export function packRows(w: Real, first: number, rows: number, K: number, Type: RealArrayConstructor, slot = 'packed-weights'): PackedRows {
  const blocks = Math.floor(rows / MR);
  const packed = scratch(slot, Type, blocks * MR * K);
  const w0 = first * K;
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < K; k++) {
      for (let r = 0; r < MR; r++) packed[(b * K + k) * MR + r] = w[w0 + (b * MR + r) * K + k];
    }
  }
  return { w: w0 === 0 && w.length === rows * K ? w : w.subarray(w0, w0 + rows * K), packed, rows, K };
}

/**
 * The implicit matrix product for `cols` adjacent output positions:
 *   y[yBase + r·plane + p] = bias[biasAt + r] + Σ_k W[r, k] · x[base + off[k] + p·s]
 * for every row r of W and p < cols. `bias` may be undefined (zero).
 */
export function multiplyRows(
  W: PackedRows,
  x: Real,
  base: number,
  off: Int32Array,
  s: number,
  cols: number,
  y: Real,
  yBase: number,
  plane: number,
  bias: Real | undefined,
  biasAt: number,
): void {
  const { w, packed, rows, K } = W;
  const blockRows = rows - (rows % MR);
  const colsFull = cols - (cols % NR);
  const b = bias ?? ZERO_BIAS;
  const at = bias ? biasAt : 0;
  for (let r = 0; r < blockRows; r += MR) {
    const yr = yBase + r * plane;
    const bb = bias ? at + r : 0;
    let p = 0;
    for (; p < colsFull; p += NR) block4x4(x, base + p * s, off, K, s, packed, r * K, y, yr + p, plane, b, bb);
    for (; p < cols; p++) block4x1(x, base + p * s, off, K, packed, r * K, y, yr + p, plane, b, bb);
  }
  const colsFull1 = cols - (cols % NR1);
  for (let r = blockRows; r < rows; r++) {
    const yr = yBase + r * plane;
    const bias0 = bias ? bias[biasAt + r] : 0;
    let p = 0;
    for (; p < colsFull1; p += NR1) block1x8(x, base + p * s, off, K, s, w, r * K, y, yr + p, bias0);
    for (; p < cols; p++) y[yr + p] = dotTaps(x, base + p * s, off, K, w, r * K, bias0);
  }
}

/** Zero bias for one block of MR rows, read when a product has no bias. */
const ZERO_BIAS = new Float64Array(MR);

/**
 * Forward convolution of the padded input `xp` (N, C_in, Dp, Hp, Wp) with PyTorch-layout weights
 * `w` (C_out, C_in/g, kD, kH, kW) plus `bias`, into a new array of shape (N, C_out, oD, oH, oW):
 * per group and output row, one `multiplyRows` over the row's OW positions.
 */
export function convGemm(geom: ConvGeometry, xp: Real, w: Real, bias: Real | undefined, Type: RealArrayConstructor): Real {
  const { batch, cIn, cOut, groups, cInG, cOutG } = geom;
  const [OD, OH, OW] = geom.outSize;
  const [sd, sh, sw] = geom.stride;
  const [Dp, Hp, Wp] = geom.padded;
  const off = tapOffsets(geom);
  const K = off.length;
  const inPlane = Dp * Hp * Wp;
  const outPlane = OD * OH * OW;
  const y = new Type(batch * cOut * outPlane);
  // Single-input-channel 3×3 windows with unit stride and dilation along W (depthwise): a
  // sliding-window row kernel instead of the blocked product.
  const [KD, KH, KW] = geom.kernel;
  const dh = geom.dilation[1];
  const slide3x3 = cInG === 1 && KD === 1 && KH === 3 && KW === 3 && sw === 1 && geom.dilation[2] === 1;
  for (let g = 0; g < groups; g++) {
    const W = slide3x3 ? undefined : packRows(w, g * cOutG, cOutG, K, Type);
    for (let n = 0; n < batch; n++) {
      const xGroup = (n * cIn + g * cInG) * inPlane;
      const yGroup = (n * cOut + g * cOutG) * outPlane;
      for (let od = 0; od < OD; od++) {
        for (let oh = 0; oh < OH; oh++) {
          const xRow = xGroup + od * sd * Hp * Wp + oh * sh * Wp;
          const yRow = yGroup + od * OH * OW + oh * OW;
          if (W) {
            multiplyRows(W, xp, xRow, off, sw, OW, y, yRow, outPlane, bias, g * cOutG);
            continue;
          }
          for (let r = 0; r < cOutG; r++) {
            const co = g * cOutG + r;
            row3x3(xp, xRow, dh * Wp, w, co * K, y, yRow + r * outPlane, OW, bias ? bias[co] : 0);
          }
        }
      }
    }
  }
  return y;
}

/**
 * The main micro-kernel: y[co + r, ow + j] = bias + Σ_k wp[k, r] · x[base + off[k] + j·s] for
 * r, j ∈ 0..3, with the 16 sums held in locals.
 */
function block4x4(
  x: Real,
  base: number,
  off: Int32Array,
  K: number,
  s: number,
  wp: Real,
  wBase: number,
  y: Real,
  yBase: number,
  plane: number,
  b: Real,
  co: number,
): void {
  const s2 = 2 * s;
  const s3 = 3 * s;
  let a00 = b[co],
    a01 = a00,
    a02 = a00,
    a03 = a00;
  let a10 = b[co + 1],
    a11 = a10,
    a12 = a10,
    a13 = a10;
  let a20 = b[co + 2],
    a21 = a20,
    a22 = a20,
    a23 = a20;
  let a30 = b[co + 3],
    a31 = a30,
    a32 = a30,
    a33 = a30;
  for (let k = 0; k < K; k++) {
    const o = base + off[k];
    const x0 = x[o],
      x1 = x[o + s],
      x2 = x[o + s2],
      x3 = x[o + s3];
    const q = wBase + 4 * k;
    let wv = wp[q];
    a00 += wv * x0;
    a01 += wv * x1;
    a02 += wv * x2;
    a03 += wv * x3;
    wv = wp[q + 1];
    a10 += wv * x0;
    a11 += wv * x1;
    a12 += wv * x2;
    a13 += wv * x3;
    wv = wp[q + 2];
    a20 += wv * x0;
    a21 += wv * x1;
    a22 += wv * x2;
    a23 += wv * x3;
    wv = wp[q + 3];
    a30 += wv * x0;
    a31 += wv * x1;
    a32 += wv * x2;
    a33 += wv * x3;
  }
  y[yBase] = a00;
  y[yBase + 1] = a01;
  y[yBase + 2] = a02;
  y[yBase + 3] = a03;
  yBase += plane;
  y[yBase] = a10;
  y[yBase + 1] = a11;
  y[yBase + 2] = a12;
  y[yBase + 3] = a13;
  yBase += plane;
  y[yBase] = a20;
  y[yBase + 1] = a21;
  y[yBase + 2] = a22;
  y[yBase + 3] = a23;
  yBase += plane;
  y[yBase] = a30;
  y[yBase + 1] = a31;
  y[yBase + 2] = a32;
  y[yBase + 3] = a33;
}

/** Leftover columns of a 4-channel block: one output position, four channels. */
function block4x1(
  x: Real,
  base: number,
  off: Int32Array,
  K: number,
  wp: Real,
  wBase: number,
  y: Real,
  yBase: number,
  plane: number,
  b: Real,
  co: number,
): void {
  let a0 = b[co],
    a1 = b[co + 1],
    a2 = b[co + 2],
    a3 = b[co + 3];
  for (let k = 0; k < K; k++) {
    const xv = x[base + off[k]];
    const q = wBase + 4 * k;
    a0 += wp[q] * xv;
    a1 += wp[q + 1] * xv;
    a2 += wp[q + 2] * xv;
    a3 += wp[q + 3] * xv;
  }
  y[yBase] = a0;
  y[yBase + plane] = a1;
  y[yBase + 2 * plane] = a2;
  y[yBase + 3 * plane] = a3;
}

/** One output channel, 8 adjacent outputs: the depthwise / few-channel micro-kernel. */
function block1x8(x: Real, base: number, off: Int32Array, K: number, s: number, w: Real, wBase: number, y: Real, yBase: number, bias: number): void {
  let a0 = bias,
    a1 = bias,
    a2 = bias,
    a3 = bias,
    a4 = bias,
    a5 = bias,
    a6 = bias,
    a7 = bias;
  for (let k = 0; k < K; k++) {
    const o = base + off[k];
    const wv = w[wBase + k];
    a0 += wv * x[o];
    a1 += wv * x[o + s];
    a2 += wv * x[o + 2 * s];
    a3 += wv * x[o + 3 * s];
    a4 += wv * x[o + 4 * s];
    a5 += wv * x[o + 5 * s];
    a6 += wv * x[o + 6 * s];
    a7 += wv * x[o + 7 * s];
  }
  y[yBase] = a0;
  y[yBase + 1] = a1;
  y[yBase + 2] = a2;
  y[yBase + 3] = a3;
  y[yBase + 4] = a4;
  y[yBase + 5] = a5;
  y[yBase + 6] = a6;
  y[yBase + 7] = a7;
}

/** A single output: bias + Σ_k w[k] · x[base + off[k]]. */
function dotTaps(x: Real, base: number, off: Int32Array, K: number, w: Real, wBase: number, bias: number): number {
  let acc = bias;
  for (let k = 0; k < K; k++) acc += w[wBase + k] * x[base + off[k]];
  return acc;
}

/**
 * One output row of a single-input-channel 3×3 window with unit stride and dilation along W:
 * y[ow] = bias + Σ_{kh,kw} w[kh,kw]·x[row_kh + ow + kw]. The window slides one column per
 * output, so each step loads only the three new input samples and reuses the six it already
 * holds (a third of a load per multiply-add); the nine weights stay in locals.
 */
function row3x3(x: Real, row0: number, rowStep: number, w: Real, wBase: number, y: Real, yBase: number, OW: number, bias: number): void {
  const w00 = w[wBase],
    w01 = w[wBase + 1],
    w02 = w[wBase + 2];
  const w10 = w[wBase + 3],
    w11 = w[wBase + 4],
    w12 = w[wBase + 5];
  const w20 = w[wBase + 6],
    w21 = w[wBase + 7],
    w22 = w[wBase + 8];
  const r0 = row0,
    r1 = row0 + rowStep,
    r2 = row0 + 2 * rowStep;
  let a0 = x[r0],
    a1 = x[r0 + 1];
  let b0 = x[r1],
    b1 = x[r1 + 1];
  let c0 = x[r2],
    c1 = x[r2 + 1];
  for (let ow = 0; ow < OW; ow++) {
    const a2 = x[r0 + ow + 2],
      b2 = x[r1 + ow + 2],
      c2 = x[r2 + ow + 2];
    // Same summation order as the reference: bias, then taps row by row.
    y[yBase + ow] = bias + w00 * a0 + w01 * a1 + w02 * a2 + w10 * b0 + w11 * b1 + w12 * b2 + w20 * c0 + w21 * c1 + w22 * c2;
    a0 = a1;
    a1 = a2;
    b0 = b1;
    b1 = b2;
    c0 = c1;
    c1 = c2;
  }
}
