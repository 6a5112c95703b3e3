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
 * each group's channels separately. Transforms are radix-2, so each axis is zero-filled to the
 * next power of two.
 */
import { fail } from '../errors';
import { RealFft3, nextPow2 } from './fourier';
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';

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
    fail(`The FFT path would hold ${fftSpectrumBins(geom)} complex spectrum values at once (limit ${MAX_SPECTRUM_BINS}); use the direct or GEMM method for this layer.`, 'method');
  }
  const [nd, nh, nw] = fftGrid(geom);
  const [Dp, Hp, Wp] = geom.padded;
  const [KD, KH, KW] = geom.kernel;
  const [dd, dh, dw] = geom.dilation;
  const [OD, OH, OW] = geom.outSize;
  const [sd, sh, sw] = geom.stride;
  const fft = new RealFft3(nd, nh, nw);
  const S = fft.size;
  const gridLen = nd * nh * nw;
  const grid = new Float64Array(gridLen);
  const inPlane = Dp * Hp * Wp;
  const kVol = KD * KH * KW;
  const outPlane = OD * OH * OW;
  // The unnormalised inverse multiplies by the grid size; divide once, in the spectrum product.
  const scale = 1 / gridLen;
  const y = new Type(batch * cOut * outPlane);

  // Spectra of one group's inputs for the whole batch, and of one kernel.
  const xRe = new Float64Array(batch * cInG * S);
  const xIm = new Float64Array(batch * cInG * S);
  const wRe = new Float64Array(S);
  const wIm = new Float64Array(S);
  const accRe = new Float64Array(batch * S);
  const accIm = new Float64Array(batch * S);

  for (let g = 0; g < groups; g++) {
    for (let n = 0; n < batch; n++) {
      for (let ci = 0; ci < cInG; ci++) {
        // Copy the padded plane into the zero-filled grid (the grid may be larger on every axis).
        grid.fill(0);
        const src = (n * cIn + g * cInG + ci) * inPlane;
        for (let d = 0; d < Dp; d++) {
          for (let h = 0; h < Hp; h++) {
            const from = src + (d * Hp + h) * Wp;
            const to = (d * nh + h) * nw;
            for (let i = 0; i < Wp; i++) grid[to + i] = xp[from + i];
          }
        }
        const at = (n * cInG + ci) * S;
        fft.forward(grid, xRe.subarray(at, at + S), xIm.subarray(at, at + S));
      }
    }
    for (let col = 0; col < cOutG; col++) {
      const co = g * cOutG + col;
      accRe.fill(0);
      accIm.fill(0);
      for (let ci = 0; ci < cInG; ci++) {
        // Kernel tap (kd, kh, kw) sits at grid position (kd·dd, kh·dh, kw·dw).
        grid.fill(0);
        const wBase = (co * cInG + ci) * kVol;
        for (let kd = 0; kd < KD; kd++) {
          for (let kh = 0; kh < KH; kh++) {
            for (let kw = 0; kw < KW; kw++) grid[(kd * dd * nh + kh * dh) * nw + kw * dw] = w[wBase + (kd * KH + kh) * KW + kw];
          }
        }
        fft.forward(grid, wRe, wIm);
        for (let n = 0; n < batch; n++) {
          // acc += X · conj(W) · scale
          const xa = (n * cInG + ci) * S;
          const aa = n * S;
          for (let f = 0; f < S; f++) {
            const xr = xRe[xa + f], xi = xIm[xa + f];
            const wr = wRe[f] * scale, wi = wIm[f] * scale;
            accRe[aa + f] += xr * wr + xi * wi;
            accIm[aa + f] += xi * wr - xr * wi;
          }
        }
      }
      const b = bias ? bias[co] : 0;
      for (let n = 0; n < batch; n++) {
        fft.inverseUnscaled(accRe.subarray(n * S, (n + 1) * S), accIm.subarray(n * S, (n + 1) * S), grid);
        let yi = (n * cOut + co) * outPlane;
        for (let od = 0; od < OD; od++) {
          for (let oh = 0; oh < OH; oh++) {
            const row = (od * sd * nh + oh * sh) * nw;
            for (let ow = 0; ow < OW; ow++) y[yi++] = grid[row + ow * sw] + b;
          }
        }
      }
    }
  }
  return y;
}
