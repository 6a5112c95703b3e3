/**
 * The sliding-window picture of one 1-D or 2-D layer on a small single-image example: the padded
 * input grid with where every cell's value comes from, and for every output position the cells
 * the kernel reads, the kernel entries they meet, the products and the sum. The values are
 * summed in exactly the order compute's reference (runLayer in direct.ts) sums them, so every
 * output equals runLayer's bit for bit.
 *
 * Transposed convolution is shown as the equivalent direct convolution: the input with stride − 1
 * zeros inserted between samples, padded by d·(k − 1) − p before and d·(k − 1) − p + output_padding
 * after (negative padding crops), slid over with stride 1 and the kernel flipped on every spatial
 * axis (see transposed.ts). Inserted zeros and padding zeros are told apart.
 *
 * Everything is lifted to two axes: a 1-D layer is one row (rows = 1).
 */
import { fail } from '../errors';
import { numel, type Tensor } from '../tensor';
import { layerOutShape } from './analyze';
import { weightShape } from './direct';
import { sourceIndex } from './geometry';
import { checkPaddingMode, convGeometry, type ConvGeometry } from './geometry';
import { normalizeLayer, type ConvLayer, type ConvLayerJson, type Family } from './layer';
import { transposedGeometry } from './transposed';

/** The view is for small examples; larger layers are refused with a message. */
export const WINDOW_LIMITS = {
  /** Input samples per spatial axis. */
  spatial: 16,
  /** Input and output channels. */
  channels: 4,
  /** Kernel taps per axis. */
  kernel: 7,
  /** Padded (or zero-inserted) grid and output, per axis. */
  grid: 40,
} as const;

/**
 * Where a padded cell's value comes from: the input itself, zero padding, a padding mode's copy of
 * an input sample (reflect, replicate, circular), or a zero inserted between samples (transposed).
 */
export type CellKind = 'input' | 'pad' | 'mode' | 'inserted';

export interface PaddedGrid {
  rows: number;
  cols: number;
  /** Padding before the input on each axis [rows, cols] (negative: cropped, transposed only). */
  before: [number, number];
  /** Per cell (row-major, shared by every channel): where the value comes from. */
  kind: CellKind[];
  /** Per cell: flat index r·W + c into an input plane, or −1 for zeros (pad, inserted). */
  source: number[];
  /** Per input channel, row-major values (zeros where padded; −∞ for max pooling's padding). */
  values: number[][];
}

export interface WindowTerm {
  /** Input channel. */
  channel: number;
  /** Flat padded-grid cell. */
  cell: number;
  /** Flat index into the kernel as it slides (kh·KW + kw), i.e. after any flip. */
  tap: number;
  /** Flat index into the PyTorch-layout weight data, or −1 for pooling. */
  weightIndex: number;
  x: number;
  /** The kernel entry (NaN for pooling). */
  w: number;
  /** x·w for convolutions, x for pooling. */
  product: number;
  /**
   * Whether the term enters the result: zero padding and inserted zeros are listed but skipped (as
   * the reference skips them); so are max-pool padding cells.
   */
  counted: boolean;
}

export interface OutputWindow {
  channel: number;
  /** Flat output position r·OW + c, and its row and column. */
  position: number;
  row: number;
  col: number;
  /** Top-left padded cell of the window [row, col]. */
  origin: [number, number];
  terms: WindowTerm[];
  /** The bias added (0 without bias; pooling has none). */
  bias: number;
  value: number;
  /** Max pooling: index into `terms` of the maximum (−1 if the window holds no input). */
  argmax: number;
  /** Average pooling: what the sum was divided by. */
  divisor: number;
}

export interface ChannelGroup {
  group: number;
  inputChannels: number[];
  outputChannels: number[];
}

export interface SlidingExample {
  layer: ConvLayer;
  family: Family;
  dims: 1 | 2;
  inShape: number[];
  outShape: number[];
  /** Input plane [rows, cols]. */
  inSize: [number, number];
  padded: PaddedGrid;
  /** Kernel [rows, cols], and the step and spacing of the sliding picture (stride 1 for transposed). */
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  outSize: [number, number];
  inChannels: number;
  outChannels: number;
  groups: ChannelGroup[];
  /**
   * Whether the sliding kernel is the weight reversed on every spatial axis (transposed
   * convolution, or flip_kernel): tap t multiplies weight entry K − 1 − t.
   */
  kernelFlipped: boolean;
  /** Output values (C_out × rows × cols), equal to runLayer's. */
  output: Float64Array;
  /** The window of output `position` (flat) of output channel `channel`. */
  windowAt(channel: number, position: number): OutputWindow;
  /** Flat output positions whose window reads padded cell `cell` (any channel of its group). */
  readersOf(cell: number): number[];
  /** The effective kernel (after flip) for an output channel and one of its input channels. */
  kernelOf(outChannel: number, inChannel: number): { values: number[]; weightIndex: number[] };
}

/** Tensors of the example as flat data with a shape (TensorJson or Tensor). */
export interface ExampleTensor {
  shape: readonly number[];
  data: ArrayLike<number>;
}

const last2 = (values: readonly number[]): [number, number] => [values[values.length - 2], values[values.length - 1]];

function asTensor(t: ExampleTensor): Tensor {
  return { shape: [...t.shape], data: Float64Array.from(t.data) };
}

/** Refuse 3-D layers and anything above WINDOW_LIMITS with a message saying what fits. */
function checkLimits(layer: ConvLayer, inShape: readonly number[]): void {
  if (layer.dims === 3) fail(`The kernel view shows 1-D and 2-D layers; ${layer.op} is 3-D.`, 'op');
  if (inShape.length !== layer.dims + 2) {
    fail(`${layer.op} expects an input of shape (N, C, ${layer.dims === 1 ? 'L' : 'H, W'}), not [${inShape.join(', ')}].`, 'input');
  }
  if (inShape[0] !== 1) fail(`The kernel view shows a single image (batch 1), not a batch of ${inShape[0]}.`, 'input');
  const L = WINDOW_LIMITS;
  if (inShape[1] > L.channels || layer.out_channels > L.channels) {
    fail(
      `The kernel view shows at most ${L.channels} input and output channels; this example has ${inShape[1]} in and ${layer.out_channels || inShape[1]} out.`,
      'channels',
    );
  }
  inShape.slice(2).forEach((n) => {
    if (n > L.spatial) fail(`The kernel view shows inputs of at most ${L.spatial} samples per axis, not ${n}.`, 'input');
  });
  layer.kernel_size.forEach((k) => {
    if (k > L.kernel) fail(`The kernel view shows kernels of at most ${L.kernel} taps per axis, not ${k}.`, 'kernel_size');
  });
}

/**
 * The sliding picture of `layer` (PyTorch argument names) on `input` (shape (1, C, L) or
 * (1, C, H, W)), with `weight` (PyTorch layout) and `bias` for convolutions. Throws ComputeError
 * for 3-D layers, sizes above WINDOW_LIMITS, and whatever runLayer would refuse.
 */
export function slidingExample(layerJson: ConvLayerJson, input: ExampleTensor, weight?: ExampleTensor, bias?: ExampleTensor): SlidingExample {
  const layer = normalizeLayer(layerJson);
  const x = asTensor(input);
  if (x.data.length !== numel(x.shape)) fail(`The input has shape [${x.shape.join(', ')}] but ${x.data.length} values.`, 'input');
  checkLimits(layer, x.shape);
  const outShape = layerOutShape(layer, x.shape);
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  const transposed = layer.family === 'conv_transpose';
  let w: Tensor | undefined;
  let b: Tensor | undefined;
  if (isConv) {
    const expected = weightShape(layer);
    if (!weight) fail(`${layer.op} needs a weight of shape [${expected.join(', ')}].`, 'weight');
    w = asTensor(weight);
    if (w.shape.length !== expected.length || w.shape.some((d, i) => d !== expected[i]) || w.data.length !== numel(expected)) {
      fail(`The weight has shape [${w.shape.join(', ')}] but ${layer.op} needs [${expected.join(', ')}].`, 'weight');
    }
    if (layer.bias) {
      if (!bias) fail(`${layer.op} has a bias: pass ${layer.out_channels} bias values (or set bias=False).`, 'bias');
      b = asTensor(bias);
      if (b.data.length !== layer.out_channels) fail(`The bias has ${b.data.length} values but ${layer.op} has ${layer.out_channels} output channels.`, 'bias');
    }
    checkPaddingMode(layer, x.shape.slice(2));
  }

  const cIn = x.shape[1];
  const cOut = outShape[1];
  const groups = isConv ? layer.groups : cIn;
  const cInG = cIn / groups;
  const cOutG = cOut / groups;
  const inSize = last2([1, ...x.shape.slice(2)]);
  const outSize = last2([1, ...outShape.slice(2)]);
  const kernel = last2([1, ...layer.kernel_size]);
  const kVol = kernel[0] * kernel[1];

  // Geometry of the sliding picture, from the helpers the fast paths use.
  let geom: ConvGeometry;
  let upStride: [number, number] = [1, 1];
  let upBefore: [number, number] = [0, 0];
  if (transposed) {
    const t = transposedGeometry(layer, x.shape, outShape);
    geom = t.geom;
    upStride = last2(t.up.stride);
    upBefore = last2(t.up.before);
  } else {
    geom = convGeometry(layer, x.shape, outShape);
  }
  const [rows, cols] = last2(geom.padded);
  const stride = last2(geom.stride);
  const dilation = last2(geom.dilation);
  const before: [number, number] = transposed ? upBefore : last2(geom.padBefore);
  if (rows > WINDOW_LIMITS.grid || cols > WINDOW_LIMITS.grid || outSize.some((o) => o > WINDOW_LIMITS.grid)) {
    fail(
      `The kernel view shows grids of at most ${WINDOW_LIMITS.grid} cells per axis; this example needs ${rows}×${cols} in and ${outSize.join('×')} out.`,
      'input',
    );
  }

  // Where each padded coordinate reads from, per axis: [source, kind].
  const axisMap = (axis: 0 | 1): { src: number[]; kind: CellKind[] } => {
    const np = axis === 0 ? rows : cols;
    const n = inSize[axis];
    const src: number[] = [];
    const kind: CellKind[] = [];
    for (let i = 0; i < np; i++) {
      const j = i - before[axis];
      if (transposed) {
        const s = upStride[axis];
        const inside = j >= 0 && j <= s * (n - 1);
        if (inside && j % s === 0) {
          src.push(j / s);
          kind.push('input');
        } else {
          src.push(-1);
          kind.push(inside ? 'inserted' : 'pad');
        }
      } else if (!isConv) {
        const inside = j >= 0 && j < n;
        src.push(inside ? j : -1);
        kind.push(inside ? 'input' : 'pad');
      } else {
        const s = sourceIndex(j, n, layer.padding_mode);
        src.push(s);
        kind.push(s < 0 ? 'pad' : j >= 0 && j < n ? 'input' : 'mode');
      }
    }
    return { src, kind };
  };
  const mapR = axisMap(0);
  const mapC = axisMap(1);
  const rank = (k: CellKind) => ['input', 'mode', 'inserted', 'pad'].indexOf(k);
  const kind: CellKind[] = [];
  const source: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const sr = mapR.src[r];
      const sc = mapC.src[c];
      if (sr < 0 || sc < 0) {
        source.push(-1);
        // A zero cell is "inserted" only where neither axis is padding.
        const kr = mapR.kind[r];
        const kc = mapC.kind[c];
        kind.push(kr === 'pad' || kc === 'pad' ? 'pad' : 'inserted');
      } else {
        source.push(sr * inSize[1] + sc);
        kind.push(rank(mapR.kind[r]) >= rank(mapC.kind[c]) ? mapR.kind[r] : mapC.kind[c]);
      }
    }
  }
  const inPlane = inSize[0] * inSize[1];
  const padFill = layer.family === 'max_pool' ? -Infinity : 0;
  const values: number[][] = [];
  for (let ch = 0; ch < cIn; ch++) {
    values.push(source.map((s) => (s < 0 ? padFill : x.data[ch * inPlane + s])));
  }
  const padded: PaddedGrid = { rows, cols, before, kind, source, values };

  // Pools: the window end is clipped to the padded input (ceil_mode windows may pass it).
  const padAfter = last2([0, ...layer.padding.map(([, a]) => a)]);
  const poolEnd = (o: number, axis: 0 | 1) => {
    const start = o * stride[axis];
    return Math.min(start + (kernel[axis] - 1) * dilation[axis] + 1, axis === 0 ? rows : cols, inSize[axis] + before[axis] + padAfter[axis]);
  };

  const flipped = transposed ? !layer.flip_kernel : layer.flip_kernel;
  const weightIndexOf = (co: number, ci: number, tap: number): number => {
    const t = flipped ? kVol - 1 - tap : tap;
    const g = Math.floor(co / cOutG);
    if (transposed) return (ci * cOutG + (co - g * cOutG)) * kVol + t;
    return (co * cInG + (ci - g * cInG)) * kVol + t;
  };
  const groupOf = (co: number) => Math.floor(co / cOutG);
  const inputsOf = (co: number) => (isConv ? Array.from({ length: cInG }, (_, i) => groupOf(co) * cInG + i) : [co]);

  const windowAt = (co: number, position: number): OutputWindow => {
    if (!(co >= 0 && co < cOut) || !(position >= 0 && position < outSize[0] * outSize[1])) {
      fail(`No output at channel ${co}, position ${position}.`, 'position');
    }
    const row = Math.floor(position / outSize[1]);
    const col = position % outSize[1];
    const r0 = row * stride[0];
    const c0 = col * stride[1];
    const terms: WindowTerm[] = [];
    let argmax = -1;
    let divisor = 0;
    let value: number;
    let biasValue = 0;
    if (isConv) {
      biasValue = b ? b.data[co] : 0;
      // runLayer: conv starts from the bias; transposed scatters into zeros and adds the bias last.
      let acc = transposed ? 0 : biasValue;
      for (const ci of inputsOf(co)) {
        for (let kh = 0; kh < kernel[0]; kh++) {
          for (let kw = 0; kw < kernel[1]; kw++) {
            const cell = (r0 + kh * dilation[0]) * cols + c0 + kw * dilation[1];
            const tap = kh * kernel[1] + kw;
            const weightIndex = weightIndexOf(co, ci, tap);
            const xv = values[ci][cell];
            const wv = w!.data[weightIndex];
            const counted = source[cell] >= 0;
            const product = xv * wv;
            if (counted) acc += product;
            terms.push({ channel: ci, cell, tap, weightIndex, x: xv, w: wv, product, counted });
          }
        }
      }
      value = transposed ? acc + biasValue : acc;
    } else {
      const isMax = layer.family === 'max_pool';
      const endR = poolEnd(row, 0);
      const endC = poolEnd(col, 1);
      let acc = isMax ? -Infinity : 0;
      let count = 0;
      for (let pr = r0, kh = 0; pr < endR; pr += dilation[0], kh++) {
        for (let pc = c0, kw = 0; pc < endC; pc += dilation[1], kw++) {
          const cell = pr * cols + pc;
          const xv = values[co][cell];
          const counted = source[cell] >= 0 || (!isMax && layer.count_include_pad);
          terms.push({ channel: co, cell, tap: kh * kernel[1] + kw, weightIndex: -1, x: xv, w: NaN, product: xv, counted });
          if (source[cell] < 0) continue;
          if (isMax) {
            if (xv > acc || Number.isNaN(xv)) {
              acc = xv;
              argmax = terms.length - 1;
            }
          } else acc += xv;
          count++;
        }
      }
      if (!isMax) {
        divisor = layer.divisor_override ? layer.divisor_override : layer.count_include_pad ? (endR - r0) * (endC - c0) : count;
        acc = divisor > 0 ? acc / divisor : 0;
      }
      value = acc;
    }
    return { channel: co, position, row, col, origin: [r0, c0], terms, bias: biasValue, value, argmax, divisor };
  };

  const output = new Float64Array(cOut * outSize[0] * outSize[1]);
  const outPlane = outSize[0] * outSize[1];
  for (let co = 0; co < cOut; co++) {
    for (let p = 0; p < outPlane; p++) output[co * outPlane + p] = windowAt(co, p).value;
  }

  // Output indices along one axis whose window covers padded index i.
  const axisReaders = (i: number, axis: 0 | 1): number[] => {
    const found: number[] = [];
    for (let o = 0; o < outSize[axis]; o++) {
      const offset = i - o * stride[axis];
      if (offset < 0 || offset % dilation[axis] !== 0 || offset / dilation[axis] >= kernel[axis]) continue;
      if (!isConv && i >= poolEnd(o, axis)) continue;
      found.push(o);
    }
    return found;
  };
  const readersOf = (cell: number): number[] => {
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    const found: number[] = [];
    for (const orow of axisReaders(r, 0)) for (const ocol of axisReaders(c, 1)) found.push(orow * outSize[1] + ocol);
    return found;
  };

  const kernelOf = (co: number, ci: number) => {
    const weightIndex = Array.from({ length: kVol }, (_, tap) => weightIndexOf(co, ci, tap));
    return { weightIndex, values: weightIndex.map((i) => (w ? w.data[i] : NaN)) };
  };

  const groupList: ChannelGroup[] = Array.from({ length: groups }, (_, g) => ({
    group: g,
    inputChannels: Array.from({ length: cInG }, (_, i) => g * cInG + i),
    outputChannels: Array.from({ length: cOutG }, (_, i) => g * cOutG + i),
  }));

  return {
    layer,
    family: layer.family,
    dims: layer.dims as 1 | 2,
    inShape: [...x.shape],
    outShape,
    inSize,
    padded,
    kernel,
    stride,
    dilation,
    outSize,
    inChannels: cIn,
    outChannels: cOut,
    groups: groupList,
    kernelFlipped: isConv && flipped,
    output,
    windowAt,
    readersOf,
    kernelOf,
  };
}

/**
 * A small example of `layer` the view can show: channels cut to WINDOW_LIMITS.channels keeping
 * the group structure (depthwise stays depthwise), and an input a few samples per axis, large
 * enough for the kernel (and the padding mode) to give at least two outputs per axis. Returns
 * the layer arguments (PyTorch names) and the input shape (1, C, …), plus what was reduced.
 */
export function smallExample(layerJson: ConvLayerJson, inShape?: readonly number[]): { layer: ConvLayerJson; inShape: number[]; reduced: string[] } {
  const layer = normalizeLayer(layerJson);
  if (layer.dims === 3) fail(`The kernel view shows 1-D and 2-D layers; ${layer.op} is 3-D.`, 'op');
  const reduced: string[] = [];
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  const maxC = WINDOW_LIMITS.channels;
  const next: ConvLayerJson = { ...layerJson };
  let channels: number;
  if (isConv) {
    const g = Math.min(layer.groups, maxC);
    const per = Math.floor(maxC / g);
    const cInG = Math.min(layer.in_channels / layer.groups, per, 2);
    const cOutG = Math.min(layer.out_channels / layer.groups, per, 2);
    if (g * cInG !== layer.in_channels || g * cOutG !== layer.out_channels || g !== layer.groups) {
      reduced.push(
        `channels ${layer.in_channels}→${g * cInG} in, ${layer.out_channels}→${g * cOutG} out${layer.groups > 1 ? `, groups ${layer.groups}→${g}` : ''}`,
      );
    }
    next.in_channels = g * cInG;
    next.out_channels = g * cOutG;
    next.groups = g;
    channels = g * cInG;
  } else {
    const c = inShape?.[1] ?? 1;
    channels = Math.min(c, 2);
    if (channels !== c) reduced.push(`channels ${c}→${channels}`);
  }
  // Remove analysis-only or value fields that do not apply to the example.
  delete next.weight;
  if (typeof next.bias === 'object') next.bias = true;
  const spatial = layer.kernel_size.map((k, i) => {
    const d = layer.dilation[i];
    const s = layer.stride[i];
    const [pb, pa] = layer.padding[i];
    const given = inShape?.[i + 2] ?? 6;
    let n: number;
    if (layer.family === 'conv_transpose') {
      n = Math.min(given, 4);
      // Enough input that the cropped output is not empty.
      while (s * (n - 1) + d * (k - 1) + 1 + layer.output_padding[i] - pb - pa < 2 && n < WINDOW_LIMITS.spatial) n++;
    } else {
      const span = d * (k - 1) + 1;
      n = Math.max(Math.min(given, 6), span - pb - pa + s, 1);
      if (layer.padding_mode === 'reflect') n = Math.max(n, pb + 1, pa + 1);
      if (layer.padding_mode === 'circular') n = Math.max(n, pb, pa);
      n = Math.min(n, Math.max(given, span - pb - pa));
    }
    if (n > WINDOW_LIMITS.spatial) fail(`The kernel view needs more than ${WINDOW_LIMITS.spatial} input samples per axis for this layer.`, 'kernel_size');
    if (inShape && n !== inShape[i + 2]) reduced.push(`axis ${i}: ${inShape[i + 2]}→${n} samples`);
    return n;
  });
  return { layer: next, inShape: [1, channels, ...spatial], reduced };
}
