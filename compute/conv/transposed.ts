/**
 * Transposed convolution as an ordinary stride-1 convolution, so the fast paths (GEMM, Winograd,
 * FFT) serve it too.
 *
 * PyTorch's transposed convolution scatters: y[i·s + k·d − p_before] += x[i]·w[k]. The same sum
 * gathered per output o is Σ_k x̃[o + k·d]·w[K − 1 − k], where x̃ is the input with s − 1 zeros
 * inserted between samples, then padded by d·(K − 1) − p_before before and
 * d·(K − 1) − p_after + output_padding after (negative padding crops). So it is a stride-1
 * convolution of x̃ with the kernel flipped on every spatial axis and its two channel axes
 * swapped: PyTorch stores (C_in, C_out/g, k…), a convolution wants (C_out, C_in/g, k…).
 *
 * The inserted zeros cost multiply-adds (a factor up to s per axis) but keep every output a dense,
 * blocked dot product, which measured faster than the reference's scatter loop.
 */
import { numel } from '../tensor';
import type { ConvGeometry, Real, RealArrayConstructor } from './geometry';
import type { ConvLayer } from './layer';
import { scratch } from './scratch';

function lift3(values: readonly number[], fill: number): number[] {
  return [...Array(3 - values.length).fill(fill), ...values];
}

/** Zeros inserted and padding added per lifted axis: x̃ index i reads x[(i − before)/stride]. */
interface Upsampling {
  stride: number[];
  before: number[];
}

/** The stride-1 convolution equivalent to `layer` (a transposed convolution) on `inShape`. */
export function transposedGeometry(layer: ConvLayer, inShape: readonly number[], outShape: readonly number[]): { geom: ConvGeometry; up: Upsampling } {
  const [batch, cIn] = inShape;
  const inSize = lift3(inShape.slice(2), 1);
  const outSize = lift3(outShape.slice(2), 1);
  const kernel = lift3(layer.kernel_size, 1);
  const dilation = lift3(layer.dilation, 1);
  const stride = lift3(layer.stride, 1);
  const padBefore = lift3(
    layer.padding.map(([b]) => b),
    0,
  );
  const before = kernel.map((k, i) => dilation[i] * (k - 1) - padBefore[i]);
  // The padded x̃ is exactly as long as the output plus the dilated kernel's extent minus one.
  const padded = outSize.map((o, i) => o + dilation[i] * (kernel[i] - 1));
  const geom: ConvGeometry = {
    batch,
    cIn,
    cOut: layer.out_channels,
    groups: layer.groups,
    cInG: cIn / layer.groups,
    cOutG: layer.out_channels / layer.groups,
    inSize,
    padded,
    outSize,
    kernel,
    stride: [1, 1, 1],
    dilation,
    padBefore: [0, 0, 0],
  };
  return { geom, up: { stride, before } };
}

/**
 * x̃: the input (N, C, D, H, W) with stride − 1 zeros between samples and the equivalent padding,
 * shape (N, C, Dp, Hp, Wp) as `geom.padded`.
 */
export function upsamplePad(geom: ConvGeometry, up: Upsampling, x: Real, Type: RealArrayConstructor): Real {
  const [D, H, W] = geom.inSize;
  const [Dp, Hp, Wp] = geom.padded;
  // Source index along each axis for every padded position, or −1 for an inserted/padding zero.
  const maps = geom.padded.map((np, axis) => {
    const map = new Int32Array(np);
    const n = geom.inSize[axis];
    const s = up.stride[axis];
    for (let i = 0; i < np; i++) {
      const j = i - up.before[axis];
      map[i] = j >= 0 && j % s === 0 && j / s < n ? j / s : -1;
    }
    return map;
  });
  const [mapD, mapH, mapW] = maps;
  const planes = geom.batch * geom.cIn;
  const inPlane = D * H * W;
  const outPlane = Dp * Hp * Wp;
  const out = scratch('padded', Type, planes * outPlane);
  for (let p = 0; p < planes; p++) {
    for (let pd = 0; pd < Dp; pd++) {
      if (mapD[pd] < 0) continue;
      for (let ph = 0; ph < Hp; ph++) {
        if (mapH[ph] < 0) continue;
        scatterRow(x, p * inPlane + (mapD[pd] * H + mapH[ph]) * W, mapW, out, p * outPlane + (pd * Hp + ph) * Wp);
      }
    }
  }
  return out;
}

function scatterRow(x: Real, src: number, mapW: Int32Array, out: Real, dst: number): void {
  for (let i = 0; i < mapW.length; i++) {
    const j = mapW[i];
    if (j >= 0) out[dst + i] = x[src + j];
  }
}

/**
 * The equivalent convolution's weight (C_out, C_in/g, k…) from PyTorch's transposed layout
 * (C_in, C_out/g, k…): channel axes swapped within each group, every spatial axis reversed
 * (unless the layer already asks for the flipped kernel, which cancels the reversal).
 */
export function transposedWeights(layer: ConvLayer, w: Real, Type: RealArrayConstructor): Real {
  const kVol = numel(layer.kernel_size);
  const { groups } = layer;
  const cInG = layer.in_channels / groups;
  const cOutG = layer.out_channels / groups;
  const flip = !layer.flip_kernel;
  const out = new Type(w.length);
  for (let g = 0; g < groups; g++) {
    for (let j = 0; j < cOutG; j++) {
      for (let i = 0; i < cInG; i++) {
        const from = ((g * cInG + i) * cOutG + j) * kVol;
        const to = ((g * cOutG + j) * cInG + i) * kVol;
        for (let t = 0; t < kVol; t++) out[to + t] = w[from + (flip ? kVol - 1 - t : t)];
      }
    }
  }
  return out;
}
