/**
 * Direct (loop-by-definition) convolution, transposed convolution and pooling. This is the
 * reference the faster paths are checked against; PyTorch's cross-correlation convention
 * (the kernel is not flipped).
 *
 * 1-D and 2-D layers are lifted to 3-D by giving the missing leading axes size 1, so one loop
 * nest serves every dimensionality.
 */
import { fail } from '../errors';
import { numel, zeros, type Tensor } from '../tensor';
import { layerOutShape } from './analyze';
import { checkPaddingMode, sourceIndex } from './geometry';
import { normalizeLayer, type ConvLayer } from './layer';

interface Lifted {
  size: number[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  padBefore: number[];
}

function lift(layer: ConvLayer, spatial: readonly number[]): Lifted {
  const ones = 3 - layer.dims;
  const pre = (values: number[], fill: number) => [...Array(ones).fill(fill), ...values];
  return {
    size: pre([...spatial], 1),
    kernel: pre(layer.kernel_size, 1),
    stride: pre(layer.stride, 1),
    dilation: pre(layer.dilation, 1),
    padBefore: pre(
      layer.padding.map(([b]) => b),
      0,
    ),
  };
}

function checkParam(t: Tensor | undefined, expected: number[], what: string, op: string): Tensor {
  if (!t) fail(`${op} needs a ${what} tensor of shape [${expected.join(', ')}] to compute values.`, what);
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    fail(`${op} ${what} has shape [${t.shape.join(', ')}] but should have [${expected.join(', ')}].`, what);
  }
  return t;
}

/** Weight shape PyTorch uses for the layer. */
export function weightShape(layer: ConvLayer): number[] {
  return layer.family === 'conv'
    ? [layer.out_channels, layer.in_channels / layer.groups, ...layer.kernel_size]
    : [layer.in_channels, layer.out_channels / layer.groups, ...layer.kernel_size];
}

/** Run one layer on an input of shape (N, C, *spatial). Weight and bias are PyTorch-shaped. */
export function runLayer(layer: ConvLayer, input: Tensor, weight?: Tensor, bias?: Tensor): Tensor {
  const outShape = layerOutShape(layer, input.shape);
  switch (layer.family) {
    case 'conv':
    case 'conv_transpose': {
      let w = checkParam(weight, weightShape(layer), 'weight', layer.op);
      if (layer.flip_kernel) w = flipKernel(w);
      const b = layer.bias ? checkParam(bias, [layer.out_channels], 'bias', layer.op) : undefined;
      checkPaddingMode(layer, input.shape.slice(2));
      return layer.family === 'conv' ? conv(layer, input, w, b, outShape) : convTranspose(layer, input, w, b, outShape);
    }
    default:
      return pool(layer, input, outShape);
  }
}

function conv(layer: ConvLayer, x: Tensor, w: Tensor, b: Tensor | undefined, outShape: number[]): Tensor {
  const [batch, cIn] = x.shape;
  const cOut = outShape[1];
  const L = lift(layer, x.shape.slice(2));
  const O = lift(layer, outShape.slice(2)).size;
  const cInG = cIn / layer.groups;
  const cOutG = cOut / layer.groups;
  const [D, H, W] = L.size;
  const [KD, KH, KW] = L.kernel;
  const inPlane = D * H * W;
  const kVol = KD * KH * KW;
  const out = zeros(outShape);
  const y = out.data;
  const mode = layer.padding_mode;
  let yi = 0;
  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < cOut; co++) {
      const g = Math.floor(co / cOutG);
      const bias = b ? b.data[co] : 0;
      for (let od = 0; od < O[0]; od++) {
        for (let oh = 0; oh < O[1]; oh++) {
          for (let ow = 0; ow < O[2]; ow++) {
            let acc = bias;
            for (let ci = 0; ci < cInG; ci++) {
              const xBase = (n * cIn + g * cInG + ci) * inPlane;
              const wBase = (co * cInG + ci) * kVol;
              for (let kd = 0; kd < KD; kd++) {
                const id = sourceIndex(od * L.stride[0] + kd * L.dilation[0] - L.padBefore[0], D, mode);
                if (id < 0) continue;
                for (let kh = 0; kh < KH; kh++) {
                  const ih = sourceIndex(oh * L.stride[1] + kh * L.dilation[1] - L.padBefore[1], H, mode);
                  if (ih < 0) continue;
                  for (let kw = 0; kw < KW; kw++) {
                    const iw = sourceIndex(ow * L.stride[2] + kw * L.dilation[2] - L.padBefore[2], W, mode);
                    if (iw < 0) continue;
                    acc += x.data[xBase + (id * H + ih) * W + iw] * w.data[wBase + (kd * KH + kh) * KW + kw];
                  }
                }
              }
            }
            y[yi++] = acc;
          }
        }
      }
    }
  }
  return out;
}

/** Transposed conv: every input sample scatters its kernel-weighted copy into the output. */
function convTranspose(layer: ConvLayer, x: Tensor, w: Tensor, b: Tensor | undefined, outShape: number[]): Tensor {
  const [batch, cIn] = x.shape;
  const cOut = outShape[1];
  const L = lift(layer, x.shape.slice(2));
  const O = lift(layer, outShape.slice(2)).size;
  const cInG = cIn / layer.groups;
  const cOutG = cOut / layer.groups;
  const [D, H, W] = L.size;
  const [KD, KH, KW] = L.kernel;
  const outPlane = O[0] * O[1] * O[2];
  const kVol = KD * KH * KW;
  const out = zeros(outShape);
  const y = out.data;
  let xi = 0;
  for (let n = 0; n < batch; n++) {
    for (let ci = 0; ci < cIn; ci++) {
      const g = Math.floor(ci / cInG);
      for (let id = 0; id < D; id++) {
        for (let ih = 0; ih < H; ih++) {
          for (let iw = 0; iw < W; iw++) {
            const v = x.data[xi++];
            for (let col = 0; col < cOutG; col++) {
              const co = g * cOutG + col;
              const yBase = (n * cOut + co) * outPlane;
              const wBase = (ci * cOutG + col) * kVol;
              for (let kd = 0; kd < KD; kd++) {
                const od = id * L.stride[0] + kd * L.dilation[0] - L.padBefore[0];
                if (od < 0 || od >= O[0]) continue;
                for (let kh = 0; kh < KH; kh++) {
                  const oh = ih * L.stride[1] + kh * L.dilation[1] - L.padBefore[1];
                  if (oh < 0 || oh >= O[1]) continue;
                  for (let kw = 0; kw < KW; kw++) {
                    const ow = iw * L.stride[2] + kw * L.dilation[2] - L.padBefore[2];
                    if (ow < 0 || ow >= O[2]) continue;
                    y[yBase + (od * O[1] + oh) * O[2] + ow] += v * w.data[wBase + (kd * KH + kh) * KW + kw];
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  if (b) {
    for (let n = 0; n < batch; n++) {
      for (let co = 0; co < cOut; co++) {
        const base = (n * cOut + co) * outPlane;
        for (let i = 0; i < outPlane; i++) y[base + i] += b.data[co];
      }
    }
  }
  return out;
}

/**
 * Max pooling ignores padded positions (implicit −∞); average pooling divides by the window
 * clipped to the padded input (count_include_pad) or to the real input (otherwise).
 */
function pool(layer: ConvLayer, x: Tensor, outShape: number[]): Tensor {
  const planes = x.shape[0] * x.shape[1];
  const L = lift(layer, x.shape.slice(2));
  const O = lift(layer, outShape.slice(2)).size;
  const padAfter = [...Array(3 - layer.dims).fill(0), ...layer.padding.map(([, a]) => a)];
  const [D, H, W] = L.size;
  const inPlane = numel(L.size);
  const isMax = layer.family === 'max_pool';
  const out = zeros(outShape);
  let yi = 0;
  const windowAxis = (o: number, axis: number) => {
    const start = o * L.stride[axis] - L.padBefore[axis];
    const end = Math.min(start + (L.kernel[axis] - 1) * L.dilation[axis] + 1, L.size[axis] + padAfter[axis]);
    return { start, end };
  };
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane;
    for (let od = 0; od < O[0]; od++) {
      const wd = windowAxis(od, 0);
      for (let oh = 0; oh < O[1]; oh++) {
        const wh = windowAxis(oh, 1);
        for (let ow = 0; ow < O[2]; ow++) {
          const ww = windowAxis(ow, 2);
          let acc = isMax ? -Infinity : 0;
          let count = 0;
          for (let id = wd.start; id < wd.end; id += L.dilation[0]) {
            if (id < 0 || id >= D) continue;
            for (let ih = wh.start; ih < wh.end; ih += L.dilation[1]) {
              if (ih < 0 || ih >= H) continue;
              for (let iw = ww.start; iw < ww.end; iw += L.dilation[2]) {
                if (iw < 0 || iw >= W) continue;
                const v = x.data[base + (id * H + ih) * W + iw];
                if (isMax) acc = v > acc || Number.isNaN(v) ? v : acc;
                else acc += v;
                count++;
              }
            }
          }
          if (!isMax) {
            // The window clipped to the padded input (its end may pass it with ceil_mode), or only
            // its real samples; divisor_override replaces both.
            const divisor = layer.divisor_override
              ? layer.divisor_override
              : layer.count_include_pad
                ? (wd.end - wd.start) * (wh.end - wh.start) * (ww.end - ww.start)
                : count;
            acc = divisor > 0 ? acc / divisor : 0;
          }
          out.data[yi++] = acc;
        }
      }
    }
  }
  return out;
}

/**
 * Reverse a weight along all of its spatial axes (every axis after the first two). PyTorch's
 * "convolution" is cross-correlation, y[o] = Σ x[o + κ]·w[κ]; with the flipped kernel it becomes
 * true convolution, y[o] = Σ x[o − κ]·w[κ] (up to a shift). Reversing every axis of a row-major
 * block at once is reversing the block, so each (out, in) filter is reversed in place.
 */
export function flipKernel(w: Tensor): Tensor {
  const volume = numel(w.shape.slice(2));
  const data = new Float64Array(w.data.length);
  for (let base = 0; base < data.length; base += volume) {
    for (let i = 0; i < volume; i++) data[base + i] = w.data[base + volume - 1 - i];
  }
  return { shape: [...w.shape], data };
}

/** The output sizes of scipy.signal.convolve / correlate. */
export type SignalMode = 'full' | 'valid' | 'same';

/**
 * True convolution of two 1- to 3-D arrays (no batch or channel axes), exactly as
 * scipy.signal.convolve(x, w, mode): (x ∗ w)[m] = Σ_κ x[m − κ]·w[κ].
 *
 * It runs as PyTorch-style cross-correlation with the flipped kernel and padding per axis:
 * 'full' pads k − 1 on both sides (every overlap, n + k − 1 outputs), 'valid' pads nothing (only
 * full overlaps, n − k + 1), 'same' keeps the n central outputs of 'full', starting ⌊(k − 1)/2⌋ in,
 * i.e. pads ⌈(k − 1)/2⌉ before and ⌊(k − 1)/2⌋ after.
 */
export function convolve(x: Tensor, w: Tensor, mode: SignalMode = 'full'): Tensor {
  const dims = x.shape.length;
  if (dims < 1 || dims > 3 || w.shape.length !== dims) {
    fail(`convolve needs two arrays with the same number (1 to 3) of axes, not [${x.shape.join(', ')}] and [${w.shape.join(', ')}].`, 'shape');
  }
  if (mode === 'valid' && x.shape.some((n, i) => n < w.shape[i])) {
    // Convolution commutes; SciPy swaps the arrays when the second is the larger one.
    if (w.shape.every((n, i) => n >= x.shape[i])) return convolve(w, x, mode);
    fail(`In 'valid' mode one array must be at least as large as the other on every axis ([${x.shape.join(', ')}] vs [${w.shape.join(', ')}]).`, 'shape');
  }
  const padding = w.shape.map((k): [number, number] => {
    const extra = k - 1;
    if (mode === 'full') return [extra, extra];
    if (mode === 'valid') return [0, 0];
    return [extra - Math.floor(extra / 2), Math.floor(extra / 2)];
  });
  const layer = normalizeLayer({ op: `conv${dims}d`, in_channels: 1, out_channels: 1, kernel_size: [...w.shape], padding, bias: false });
  const y = runLayer(layer, { shape: [1, 1, ...x.shape], data: x.data }, flipKernel({ shape: [1, 1, ...w.shape], data: w.data }));
  return { shape: y.shape.slice(2), data: y.data };
}

/**
 * Cross-correlation as scipy.signal.correlate(x, w, mode): the true convolution with the kernel
 * flipped, so the 'full' output m lines w[0] up with x[m − (k − 1)].
 */
export function correlate(x: Tensor, w: Tensor, mode: SignalMode = 'full'): Tensor {
  // Reversing the flat data flips every axis.
  return convolve(x, { shape: [...w.shape], data: w.data.slice().reverse() }, mode);
}
