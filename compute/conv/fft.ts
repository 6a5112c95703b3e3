/**
 * Convolution via the convolution theorem.
 *
 * PyTorch's "convolution" is a cross-correlation: y[p] = Σ_k x[p + k]·w[k]. On a periodic grid of
 * N samples its transform is Y[f] = X[f]·conj(W[f]) (for real w), so
 *   y = IFFT( Σ_ci FFT(x_ci) · conj(FFT(w_co,ci)) )   per output channel co,
 * with the kernel's taps placed at their dilated positions k·d in an otherwise zero grid.
 *
 * Wrap-around: the grid is at least as large as the padded input on every axis, so a window that
 * starts at p ≤ padded − span (every stride-1 output) never wraps. Stride is handled by reading
 * every s-th stride-1 output (the cost model keeps strided layers away from this path, since the
 * transform computes all of them). Padding modes come from the padded input, groups by running
 * each group's channels separately. Transforms are power-of-two sized, so each axis is
 * zero-filled to the next power of two; zero rows (the margin, most of a kernel's grid) skip
 * their row transforms, and rows holding no output skip the last inverse pass.
 */
import { fail } from '../errors';
import { RealFft3, nextPow2 } from './fourier';
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';
import { scratch64 } from './scratch';

/** Transform sizes per lifted axis (depth, height, width); the width needs an even length. */
export function fftGrid(geom: ConvGeometry): number[] {
  const [Dp, Hp, Wp] = geom.padded;
  return [nextPow2(Dp), nextPow2(Hp), nextPow2(Math.max(2, Wp))];
}

/** Largest number of complex bins the input spectra of one group may hold (256 MiB). */
export const MAX_SPECTRUM_BINS = 1 << 24;

/** Complex bins the FFT path keeps at once (the input spectra of one group, for the whole batch). */
export function fftSpectrumBins(geom: ConvGeometry): number {
  const [nd, nh, nw] = fftGrid(geom);
  return geom.batch * geom.cInG * nd * nh * (nw / 2 + 1);
}

/**
 * Forward convolution of the padded input `xp` (N, C_in, Dp, Hp, Wp) with PyTorch-layout weights
 * (C_out, C_in/g, kD, kH, kW) plus `bias`, into a new (N, C_out, oD, oH, oW) array.
 */
export function convFft(geom: ConvGeometry, xp: Real, w: Real, bias: Real | undefined, Type: RealArrayConstructor): Real {
  const { batch, cIn, cOut, groups, cInG, cOutG } = geom;
  if (fftSpectrumBins(geom) > MAX_SPECTRUM_BINS) {
    fail(
      `The FFT path would hold ${fftSpectrumBins(geom)} complex spectrum values at once (limit ${MAX_SPECTRUM_BINS}); use the direct or GEMM method for this layer.`,
      'method',
    );
  }
  const [nd, nh, nw] = fftGrid(geom);
  const [Dp, Hp, Wp] = geom.padded;
  const [KD, KH, KW] = geom.kernel;
  const [OD, OH, OW] = geom.outSize;
  const [sd, sh] = geom.stride;
  const fft = RealFft3.of(nd, nh, nw);
  const S = fft.size;
  const gridLen = nd * nh * nw;
  const grid = scratch64('fft-grid', gridLen);
  const inPlane = Dp * Hp * Wp;
  const kVol = KD * KH * KW;
  const outPlane = OD * OH * OW;
  // The unnormalised inverse multiplies by the grid size; divide once, in the spectrum product.
  const scale = 1 / gridLen;
  const y = new Type(batch * cOut * outPlane);

  // Spectra of one group's inputs for the whole batch, and of one kernel.
  const xRe = scratch64('fft-input-re', batch * cInG * S);
  const xIm = scratch64('fft-input-im', batch * cInG * S);
  const wRe = scratch64('fft-kernel-re', S);
  const wIm = scratch64('fft-kernel-im', S);
  const accRe = scratch64('fft-sum-re', batch * S);
  const accIm = scratch64('fft-sum-im', batch * S);
  // Grid rows (depth, height) that hold outputs: the inverse transform skips the rest.
  const outputRows = new Uint8Array(nd * nh);
  for (let od = 0; od < OD; od++) {
    for (let oh = 0; oh < OH; oh++) outputRows[od * sd * nh + oh * sh] = 1;
  }

  for (let g = 0; g < groups; g++) {
    for (let n = 0; n < batch; n++) {
      for (let ci = 0; ci < cInG; ci++) {
        // The padded plane, zero-filled up to the grid on every axis.
        grid.fill(0);
        copyRows(xp, (n * cIn + g * cInG + ci) * inPlane, Wp, Wp, grid, 0, nw, Dp * Hp, Hp, nh);
        const at = (n * cInG + ci) * S;
        fft.forward(grid, xRe.subarray(at, at + S), xIm.subarray(at, at + S));
      }
    }
    for (let col = 0; col < cOutG; col++) {
      const co = g * cOutG + col;
      accRe.fill(0);
      accIm.fill(0);
      for (let ci = 0; ci < cInG; ci++) {
        grid.fill(0);
        placeKernel(w, (co * cInG + ci) * kVol, geom.kernel, geom.dilation, grid, nh, nw);
        fft.forward(grid, wRe, wIm);
        for (let n = 0; n < batch; n++) multiplyConjugateAdd(xRe, xIm, (n * cInG + ci) * S, wRe, wIm, scale, accRe, accIm, n * S, S);
      }
      const b = bias ? bias[co] : 0;
      for (let n = 0; n < batch; n++) {
        fft.inverseUnscaled(accRe.subarray(n * S, (n + 1) * S), accIm.subarray(n * S, (n + 1) * S), grid, outputRows);
        readOutputs(grid, geom.outSize, geom.stride, nh, nw, b, y, (n * cOut + co) * outPlane);
      }
    }
  }
  return y;
}

/*
 * The loops below are small functions of their own so V8 optimises them after a few calls,
 * rather than running them in the interpreter (boxing every double) inside one long call.
 */

/**
 * Copy `rows` rows of `width` samples from `src` (row pitch `srcPitch`) into `dst` (row pitch
 * `dstPitch`), where every `rowsPerSlab` source rows start a new slab of `dstRowsPerSlab` rows.
 */
function copyRows(
  src: Real,
  from: number,
  width: number,
  srcPitch: number,
  dst: Float64Array,
  to: number,
  dstPitch: number,
  rows: number,
  rowsPerSlab: number,
  dstRowsPerSlab: number,
): void {
  for (let r = 0; r < rows; r++) {
    const slab = Math.floor(r / rowsPerSlab);
    const s = from + r * srcPitch;
    const d = to + (slab * dstRowsPerSlab + (r - slab * rowsPerSlab)) * dstPitch;
    for (let i = 0; i < width; i++) dst[d + i] = src[s + i];
  }
}

/** Kernel tap (kd, kh, kw) goes to grid position (kd·dd, kh·dh, kw·dw): the dilated kernel. */
function placeKernel(w: Real, wBase: number, kernel: number[], dilation: number[], grid: Float64Array, nh: number, nw: number): void {
  const [KD, KH, KW] = kernel;
  const [dd, dh, dw] = dilation;
  let t = wBase;
  for (let kd = 0; kd < KD; kd++) {
    for (let kh = 0; kh < KH; kh++) {
      const row = (kd * dd * nh + kh * dh) * nw;
      for (let kw = 0; kw < KW; kw++) grid[row + kw * dw] = w[t++];
    }
  }
}

/** acc += X · conj(W) · scale over S bins: the correlation theorem's product, summed over ci. */
function multiplyConjugateAdd(
  xRe: Float64Array,
  xIm: Float64Array,
  xa: number,
  wRe: Float64Array,
  wIm: Float64Array,
  scale: number,
  accRe: Float64Array,
  accIm: Float64Array,
  aa: number,
  S: number,
): void {
  for (let f = 0; f < S; f++) {
    const xr = xRe[xa + f],
      xi = xIm[xa + f];
    const wr = wRe[f] * scale,
      wi = wIm[f] * scale;
    accRe[aa + f] += xr * wr + xi * wi;
    accIm[aa + f] += xi * wr - xr * wi;
  }
}

/** Every stride-th stride-1 output of the correlation grid, plus bias, into y from `yi` on. */
function readOutputs(grid: Float64Array, outSize: number[], stride: number[], nh: number, nw: number, bias: number, y: Real, yi: number): void {
  const [OD, OH, OW] = outSize;
  const [sd, sh, sw] = stride;
  for (let od = 0; od < OD; od++) {
    for (let oh = 0; oh < OH; oh++) {
      const row = (od * sd * nh + oh * sh) * nw;
      for (let ow = 0; ow < OW; ow++) y[yi++] = grid[row + ow * sw] + bias;
    }
  }
}
