/**
 * Static facts about a stack of conv/pool layers for a given input shape: output shapes,
 * parameter counts, multiply-accumulates and the receptive field, with no tensor values.
 */
import { fail } from '../errors';
import { numel } from '../tensor';
import type { ConvLayer } from './layer';
import { convOutSize, convTransposeOutSize, effectiveKernel, poolOutSize } from './shape';

export interface ReceptiveField {
  /** Per axis: the largest span of network-input samples (first to last) one output depends on. */
  size: number[];
  /**
   * Per axis: network-input samples the field moves per output step: the product of the strides,
   * with a transposed conv dividing by its stride (so ½ after a stride-2 upsampling).
   */
  jump: number[];
}

export interface LayerAnalysis {
  inShape: number[];
  outShape: number[];
  /** Learned weights plus biases. */
  params: number;
  /** Multiply-accumulates with weights for one forward pass of the whole batch; 0 for pooling. */
  macs: number;
  /** Receptive field of one output sample of this layer, measured on the network's input. */
  receptiveField: ReceptiveField;
}

/** Output shape of one layer for an input of shape (N, C, *spatial). */
export function layerOutShape(layer: ConvLayer, inShape: readonly number[]): number[] {
  const { dims } = layer;
  if (inShape.length !== dims + 2) {
    fail(`${layer.op} expects a ${dims + 2}-D input (N, C, ${spatialNames(dims)}) but the input has shape [${inShape.join(', ')}].`, 'inShape');
  }
  const [n, c] = inShape;
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  if (isConv && c !== layer.in_channels) {
    fail(`${layer.op} expects ${layer.in_channels} input channels but the input has ${c}.`, 'in_channels');
  }
  const axes = spatialNames(dims).split(', ');
  const spatial = inShape.slice(2).map((size, i) => {
    const k = layer.kernel_size[i];
    const s = layer.stride[i];
    const d = layer.dilation[i];
    const [pb, pa] = layer.padding[i];
    const out =
      layer.family === 'conv'
        ? convOutSize(size, k, s, pb, pa, d)
        : layer.family === 'conv_transpose'
          ? convTransposeOutSize(size, k, s, pb, pa, d, layer.output_padding[i])
          : poolOutSize(size, k, s, pb, d, layer.ceil_mode);
    if (out <= 0 && layer.family !== 'conv_transpose') {
      fail(`On axis ${axes[i]} the kernel spans ${effectiveKernel(k, d)} samples but the padded input has only ${size + pb + pa}.`, 'kernel_size');
    }
    if (out <= 0) {
      fail(`${layer.op} would produce an empty output (size ${out}) on axis ${axes[i]} for input [${inShape.join(', ')}]: the padding crops more than the output holds.`, 'padding');
    }
    return out;
  });
  return [n, isConv ? layer.out_channels : c, ...spatial];
}

export function spatialNames(dims: number): string {
  return ['L', 'H, W', 'D, H, W'][dims - 1];
}

function layerParams(layer: ConvLayer): number {
  if (layer.family !== 'conv' && layer.family !== 'conv_transpose') return 0;
  // Conv weight: (C_out, C_in/g, *k); transposed: (C_in, C_out/g, *k). Both hold C_in·C_out/g·∏k.
  const weights = (layer.in_channels * layer.out_channels * numel(layer.kernel_size)) / layer.groups;
  return weights + (layer.bias ? layer.out_channels : 0);
}

function layerMacs(layer: ConvLayer, inShape: readonly number[], outShape: readonly number[]): number {
  const perPosition = (layer.in_channels * layer.out_channels * numel(layer.kernel_size)) / layer.groups;
  if (layer.family === 'conv') return inShape[0] * numel(outShape.slice(2)) * perPosition;
  // Each input sample of a transposed conv scatters C_out/g·∏k products per input channel.
  if (layer.family === 'conv_transpose') return inShape[0] * numel(inShape.slice(2)) * perPosition;
  return 0;
}

/**
 * Receptive fields, exactly, one axis at a time and ignoring the borders (an unbounded input).
 *
 * Output o of a conv or pool reads its input at o·s − p + κ·d for κ = 0 … k−1; output o of a
 * transposed conv receives input i wherever o = i·s − p + κ·d, i.e. i = (o + p − κ·d)/s when that
 * is an integer. Follow these back to the network input and keep, for every output position, the
 * first and last input sample it depends on: `size` is the largest such span (inclusive) and `jump`
 * how far the span moves per output step.
 *
 * For convs and pools alone this is the familiar recursion r ← r + d·(k − 1)·j, j ← j·s (Araujo et
 * al., Distill 2019). A transposed conv breaks it: its outputs do not all see the same number of
 * inputs (k = 3, s = 2: even outputs see two, odd ones one; k = 3, s = 4, d = 3: each sees one,
 * some none), so the span of a later window depends on where it starts. The first/last functions
 * are, however, periodic up to a shift: first(o + P) = first(o) + Q. We store them over one
 * period P (the product of the transposed strides, divided by what later strides absorb); the
 * jump is Q/P, e.g. ½ after a stride-2 transposed conv.
 */
interface SpanTable {
  period: number;
  /** Network-input samples the span moves per period. */
  shift: number;
  /** First and last network-input sample that output o (0 ≤ o < period) depends on; ±∞ if none. */
  first: number[];
  last: number[];
}

/** Past this many table entries × kernel taps (per axis, whole stack), fall back to an estimate. */
const SPAN_TABLE_BUDGET = 1 << 22;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function spanAt(t: SpanTable, x: number): [number, number] {
  const q = Math.floor(x / t.period);
  const r = x - q * t.period;
  return [t.first[r] + q * t.shift, t.last[r] + q * t.shift];
}

/** The span table of one layer's output along one axis, from the table of its input. */
function nextSpanTable(layer: ConvLayer, axis: number, t: SpanTable, budget: { left: number }): SpanTable | undefined {
  const k = layer.kernel_size[axis];
  const s = layer.stride[axis];
  const d = layer.dilation[axis];
  const p = layer.padding[axis][0];
  const transposed = layer.family === 'conv_transpose';
  // Conv: o + P' must move the inputs by whole periods, s·P' ≡ 0 (mod P). Transposed: o + s moves
  // the inputs by one, so P' = s·P.
  const period = transposed ? s * t.period : t.period / gcd(s, t.period);
  const shift = transposed ? t.shift : (t.shift * s * period) / t.period;
  budget.left -= period * k;
  if (budget.left < 0) return undefined;
  const first = new Array<number>(period).fill(Infinity);
  const last = new Array<number>(period).fill(-Infinity);
  for (let o = 0; o < period; o++) {
    for (let kk = 0; kk < k; kk++) {
      let x = o * s - p + kk * d;
      if (transposed) {
        if ((o + p - kk * d) % s !== 0) continue;
        x = (o + p - kk * d) / s;
      }
      const [lo, hi] = spanAt(t, x);
      first[o] = Math.min(first[o], lo);
      last[o] = Math.max(last[o], hi);
    }
  }
  return { period, shift, first, last };
}

function largestSpan(t: SpanTable): number {
  return t.first.reduce((m, lo, o) => (lo <= t.last[o] ? Math.max(m, t.last[o] - lo + 1) : m), 0);
}

/** Receptive field of every layer's output on the network input (see above). */
export function receptiveFields(layers: readonly ConvLayer[], dims: number): ReceptiveField[] {
  const fields: ReceptiveField[] = layers.map(() => ({ size: [], jump: [] }));
  for (let axis = 0; axis < dims; axis++) {
    let table: SpanTable | undefined = { period: 1, shift: 1, first: [0], last: [0] };
    const budget = { left: SPAN_TABLE_BUDGET };
    let size = 1;
    let jump = 1;
    layers.forEach((layer, i) => {
      table = table && nextSpanTable(layer, axis, table, budget);
      const span = effectiveKernel(layer.kernel_size[axis], layer.dilation[axis]) - 1;
      if (table) {
        size = largestSpan(table);
        jump = table.shift / table.period;
      } else if (layer.family === 'conv_transpose') {
        // Estimate for huge periods: the most inputs one output can draw from, ⌊d·(k − 1)/s⌋ + 1.
        size += Math.floor(span / layer.stride[axis]) * jump;
        jump /= layer.stride[axis];
      } else {
        size += span * jump;
        jump *= layer.stride[axis];
      }
      fields[i].size.push(size);
      fields[i].jump.push(jump);
    });
  }
  return fields;
}

/** Walk the layers from an input shape, one analysis per layer. Throws ComputeError on mismatch. */
export function analyzeLayers(inputShape: readonly number[], layers: readonly ConvLayer[]): LayerAnalysis[] {
  let shape = [...inputShape];
  const analyses = layers.map((layer, index) => {
    let outShape: number[];
    try {
      outShape = layerOutShape(layer, shape);
    } catch (e) {
      if (layers.length > 1 && e instanceof Error) e.message = `Layer ${index + 1} (${layer.op}): ${e.message}`;
      throw e;
    }
    const analysis = { inShape: shape, outShape, params: layerParams(layer), macs: layerMacs(layer, shape, outShape) };
    shape = outShape;
    return analysis;
  });
  // Every layer's dims matches the input's here: layerOutShape checked it.
  const fields = receptiveFields(layers, inputShape.length - 2);
  return analyses.map((a, i): LayerAnalysis => ({ ...a, receptiveField: fields[i] }));
}
