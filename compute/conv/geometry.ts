/**
 * Shared set-up for the fast convolution paths (GEMM, FFT): the layer's geometry lifted to three
 * spatial axes, and the input with its padding written out once, so the inner loops never test
 * for borders or padding modes.
 *
 * Lifting: a 1-D layer (L) becomes (1, 1, L), a 2-D layer (H, W) becomes (1, H, W); the missing
 * leading axes have size 1, kernel 1, stride 1 and no padding, which changes no value.
 */
import { fail } from '../errors';
import type { ConvLayer, PaddingMode } from './layer';
import { scratch } from './scratch';
// Where a padded coordinate reads from (reflect, replicate, circular), as in the direct reference.

/** Float64 by default; Float32 where the caller asked for single precision. */
export type { Real, RealArrayConstructor } from './scratch';
import type { Real, RealArrayConstructor } from './scratch';

/** A convolution's sizes, every spatial quantity as a [depth, height, width] triple. */
export interface ConvGeometry {
  batch: number;
  cIn: number;
  cOut: number;
  groups: number;
  /** Input and output channels per group. */
  cInG: number;
  cOutG: number;
  inSize: number[];
  /** Input size after padding: size + before + after on each axis. */
  padded: number[];
  outSize: number[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  padBefore: number[];
}

function lift3(values: readonly number[], fill: number): number[] {
  return [...Array(3 - values.length).fill(fill), ...values];
}

/** Geometry of a forward convolution `layer` on input shape (N, C, *spatial) giving `outShape`. */
export function convGeometry(layer: ConvLayer, inShape: readonly number[], outShape: readonly number[]): ConvGeometry {
  const [batch, cIn] = inShape;
  const inSize = lift3(inShape.slice(2), 1);
  const padBefore = lift3(
    layer.padding.map(([b]) => b),
    0,
  );
  const padAfter = lift3(
    layer.padding.map(([, a]) => a),
    0,
  );
  return {
    batch,
    cIn,
    cOut: layer.out_channels,
    groups: layer.groups,
    cInG: cIn / layer.groups,
    cOutG: layer.out_channels / layer.groups,
    inSize,
    padded: inSize.map((n, i) => n + padBefore[i] + padAfter[i]),
    outSize: lift3(outShape.slice(2), 1),
    kernel: lift3(layer.kernel_size, 1),
    stride: lift3(layer.stride, 1),
    dilation: lift3(layer.dilation, 1),
    padBefore,
  };
}

/** Map a padded coordinate to a source index, or −1 where the padding is zeros. */
export function sourceIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'reflect':
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'circular':
      return ((i % n) + n) % n;
  }
}

/** PyTorch's limits on padding for the non-zero modes (reflect < n, circular ≤ n). */
export function checkPaddingMode(layer: ConvLayer, spatial: readonly number[]): void {
  if (layer.padding_mode === 'zeros') return;
  layer.padding.forEach(([b, a], i) => {
    const n = spatial[i];
    const limit = layer.padding_mode === 'reflect' ? n - 1 : layer.padding_mode === 'circular' ? n : Infinity;
    if (Math.max(b, a) > limit) {
      fail(`padding_mode "${layer.padding_mode}" allows padding of at most ${limit} on an axis of size ${n}, not ${Math.max(b, a)}.`, 'padding');
    }
  });
}

/**
 * The input with its padding materialised: shape (N, C, Dp, Hp, Wp) in the requested array type.
 * Built row by row from per-axis source maps, so each padding mode costs one table look-up per
 * padded sample and nothing in the convolution loops.
 */
export function padInput(geom: ConvGeometry, mode: PaddingMode, x: Real, Type: RealArrayConstructor): Real {
  const [D, H, W] = geom.inSize;
  const [Dp, Hp, Wp] = geom.padded;
  const maps = geom.padded.map((np, axis) => {
    const map = new Int32Array(np);
    for (let i = 0; i < np; i++) map[i] = sourceIndex(i - geom.padBefore[axis], geom.inSize[axis], mode);
    return map;
  });
  const [mapD, mapH, mapW] = maps;
  const planes = geom.batch * geom.cIn;
  const inPlane = D * H * W;
  const outPlane = Dp * Hp * Wp;
  // Scratch: the padded input lives only for one convolution call.
  const out = scratch('padded', Type, planes * outPlane);
  // Inner columns that come straight from the input (no padding) are copied as one run.
  const wb = geom.padBefore[2];
  const runStart = wb;
  const runEnd = wb + W;
  for (let p = 0; p < planes; p++) {
    for (let pd = 0; pd < Dp; pd++) {
      const sd = mapD[pd];
      if (sd < 0) continue;
      for (let ph = 0; ph < Hp; ph++) {
        const sh = mapH[ph];
        if (sh < 0) continue;
        const src = p * inPlane + (sd * H + sh) * W;
        const dst = p * outPlane + (pd * Hp + ph) * Wp;
        for (let pw = 0; pw < runStart; pw++) {
          const sw = mapW[pw];
          if (sw >= 0) out[dst + pw] = x[src + sw];
        }
        out.set(x.subarray(src + runStart - wb, src + runEnd - wb), dst + runStart);
        for (let pw = runEnd; pw < Wp; pw++) {
          const sw = mapW[pw];
          if (sw >= 0) out[dst + pw] = x[src + sw];
        }
      }
    }
  }
  return out;
}
