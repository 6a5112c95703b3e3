/**
 * Static facts about a stack of conv/pool layers for a given input shape: output shapes,
 * parameter counts, multiply-accumulates and the receptive field, with no tensor values.
 */
import { fail } from '../errors';
import { numel } from '../tensor';
import { SHAPE_OPS, type ConvLayer, type ConvLayerJson, type ShapeOp } from './layer';
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
      fail(
        `${layer.op} would produce an empty output (size ${out}) on axis ${axes[i]} for input [${inShape.join(', ')}]: the padding crops more than the output holds.`,
        'padding',
      );
    }
    return out;
  });
  return [n, isConv ? layer.out_channels : c, ...spatial];
}

export function spatialNames(dims: number): string {
  return ['L', 'H, W', 'D, H, W'][dims - 1];
}

export function layerParams(layer: ConvLayer): number {
  if (layer.family !== 'conv' && layer.family !== 'conv_transpose') return 0;
  // Conv weight: (C_out, C_in/g, *k); transposed: (C_in, C_out/g, *k). Both hold C_in·C_out/g·∏k.
  const weights = (layer.in_channels * layer.out_channels * numel(layer.kernel_size)) / layer.groups;
  return weights + (layer.bias ? layer.out_channels : 0);
}

export function layerMacs(layer: ConvLayer, inShape: readonly number[], outShape: readonly number[]): number {
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

const intArg = (raw: ConvLayerJson, name: string, dflt?: number): number => {
  const v = raw[name] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(`${raw.op} needs "${name}" as an integer, not ${JSON.stringify(v)}.`, name);
  return v;
};

/** Shape, parameters and MACs of a pass-through or reshaping layer (see SHAPE_OPS). */
export function shapeLayerAnalysis(raw: ConvLayerJson, inShape: readonly number[]): Omit<LayerAnalysis, 'receptiveField'> {
  const op = raw.op as ShapeOp;
  const shape = [...inShape];
  const base = { inShape: shape, outShape: shape, params: 0, macs: 0 };
  switch (SHAPE_OPS[op]) {
    case 'pointwise':
      return base;
    case 'batch_norm': {
      const dims = Number(op.slice(-2, -1));
      const ranks = dims === 1 ? [2, 3] : [dims + 2];
      if (!ranks.includes(shape.length)) fail(`${op} expects a ${ranks.join('-D or ')}-D input but the input has shape [${shape.join(', ')}].`, 'inShape');
      const c = intArg(raw, 'num_features', shape[1]);
      if (c !== shape[1]) fail(`${op} has num_features=${c} but the input has ${shape[1]} channels.`, 'num_features');
      return { ...base, params: raw.affine === false ? 0 : 2 * c };
    }
    case 'flatten': {
      const norm = (d: number) => (d < 0 ? d + shape.length : d);
      const start = norm(intArg(raw, 'start_dim', 1));
      const end = norm(intArg(raw, 'end_dim', -1));
      if (start < 0 || end >= shape.length || start > end) fail(`flatten: start_dim/end_dim do not fit an input of shape [${shape.join(', ')}].`, 'start_dim');
      return { ...base, outShape: [...shape.slice(0, start), numel(shape.slice(start, end + 1)), ...shape.slice(end + 1)] };
    }
    case 'linear': {
      const inF = intArg(raw, 'in_features');
      const outF = intArg(raw, 'out_features');
      const last = shape[shape.length - 1];
      if (shape.length < 2 || last !== inF) {
        fail(
          `linear expects in_features=${inF} on the last axis but the input has shape [${shape.join(', ')}]${shape.length > 2 ? ' (missing a Flatten?)' : ` (in_features should be ${last})`}.`,
          'in_features',
        );
      }
      const rows = numel(shape.slice(0, -1));
      return { ...base, outShape: [...shape.slice(0, -1), outF], params: inF * outF + (raw.bias === false ? 0 : outF), macs: rows * inF * outF };
    }
    case 'adaptive_pool': {
      const dims = Number(op.slice(-2, -1));
      if (shape.length !== dims + 2) fail(`${op} expects a ${dims + 2}-D input but the input has shape [${shape.join(', ')}].`, 'inShape');
      const spec = raw.output_size;
      const sizes = Array.isArray(spec) ? spec : Array.from({ length: dims }, () => spec);
      if (sizes.length !== dims) fail(`${op}: output_size has ${sizes.length} values but the layer has ${dims} spatial axes.`, 'output_size');
      const out = sizes.map((v, i) => {
        if (v === null) return shape[2 + i];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
          fail(`${op}: output_size must be positive integers (or None), not ${JSON.stringify(spec)}.`, 'output_size');
        return v;
      });
      return { ...base, outShape: [shape[0], shape[1], ...out] };
    }
  }
}
