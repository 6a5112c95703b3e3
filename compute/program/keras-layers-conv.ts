/**
 * Keras convolutions: Conv1D/2D/3D, their transposes, DepthwiseConv1D/2D and SeparableConv1D/2D,
 * channels-last by default (data_format='channels_first' is read too). Keras creates the kernel
 * at the layer's first call from the input's channel axis, so parameters come from
 * `paramCountFor(args, [input])`:
 *
 * - Conv:        ∏k · C_in/groups · filters  (+ filters biases)
 * - Transpose:   ∏k · filters · C_in         (+ filters)
 * - Depthwise:   ∏k · C_in · depth_multiplier (+ C_in·depth_multiplier)
 * - Separable:   ∏k · C_in · dm  +  C_in·dm · filters  (+ filters)
 *
 * MACs (multiply-accumulates with weights): every output position of every filter sums over its
 * window, conv = N·∏out·filters·C_in/g·∏k; a transposed conv scatters each input position into
 * filters·∏k outputs, N·∏in·C_in·filters·∏k; separable = depthwise N·∏out·C_in·dm·∏k plus the
 * 1×1 pointwise N·∏out·C_in·dm·filters.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardResult } from './table-types';
import {
  checkRank,
  KERNEL_BIAS_EXTRAS,
  kerasDataFormat,
  kerasLayout,
  kerasPadding,
  kerasShape,
  kerasTuple,
  type KerasLayerRule,
  type KerasLayout,
} from './keras-args';
import { dilated, knownChannels, pads, padBefore, SAME, transposedRf, windowOut, windowRf, type PadSpec } from './nhwc-window';

export { knownChannels };
import { addConst, boolArg, divDim, macCount, mulDim, sizeArg } from './torch-dims';
import { NeedsUnknown, num, TensorV, UnknownV, type Dim } from './values';

/** A lazily built layer has no parameter count before its first call. */
export const lazyParams = (cls: string) => (): number => {
  throw new NeedsUnknown(new UnknownV(`input of ${cls}`, `${cls} creates its weights at its first call, from the input's shape`, 0));
};

const prod = (xs: readonly number[]): number => xs.reduce((p, x) => p * x, 1);
/** Keras's signature default for a per-axis argument: 1 in 1-D, (1, 1) in 2-D, (1, 1, 1) in 3-D. */
export const ones = (dims: number): number | number[] => (dims === 1 ? 1 : Array.from({ length: dims }, () => 1));
const npArray = (xs: readonly number[]): string => `[${xs.join(' ')}]`;
const pyTuple = (xs: readonly (number | string)[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;

type ConvKind = 'conv' | 'transpose' | 'depthwise' | 'separable';

interface Window {
  layout: KerasLayout;
  kernel: number[];
  strides: number[];
  dilation: number[];
  mode: 'valid' | 'same' | 'causal';
  pads: PadSpec[];
}

/** Kernel, strides, dilation and padding of a conv call, with Keras's rank check. */
function convWindow(cls: string, a: BoundArgs, x: TensorV, dims: number, causal: boolean): Window {
  checkRank(cls, x.shape, dims + 2, 'min_ndim');
  const format = kerasDataFormat(a.data_format);
  const kernel = kerasTuple(a.kernel_size, dims, 'kernel_size');
  if (x.shape.length !== dims + 2) {
    const last = x.shape[x.shape.length - 1];
    const out = typeof a.filters === 'number' ? a.filters : typeof a.depth_multiplier === 'number' ? a.depth_multiplier : '?';
    throw new ComputeError(
      `Kernel shape must have the same length as input, but received kernel of shape ${pyTuple([...kernel, last, out])} and input of shape ${kerasShape(x.shape)}.`,
    );
  }
  const strides = kerasTuple(a.strides, dims, 'strides');
  const dilation = kerasTuple(a.dilation_rate, dims, 'dilation_rate');
  const mode = kerasPadding(a.padding, causal);
  // 'causal' (Conv1D): k_d − 1 zeros before, none after, so output t never reads past input t.
  const spec = (k: number, d: number): PadSpec => (mode === 'same' ? SAME : mode === 'causal' ? pads(dilated(k, d) - 1, 0) : pads(0, 0));
  return { layout: kerasLayout(x.shape, dims, format), kernel, strides, dilation, mode, pads: kernel.map((k, i) => spec(k, dilation[i])) };
}

/** Output spatial sizes of a (non-transposed) conv, with Keras's "zero or negative" error. */
function convSpatial(w: Window, x: TensorV, weight: readonly (number | string)[]): Dim[] {
  return windowOut(
    w.layout.spatial,
    w.kernel,
    w.strides,
    w.dilation,
    w.pads,
    () =>
      new ComputeError(
        `Computed output size would be zero or negative. Received \`inputs shape=${kerasShape(x.shape)}\`, \`kernel shape=${pyTuple(weight)}\`, \`dilation_rate=${npArray(w.dilation)}\`, \`strides=${pyTuple(w.strides)}\`, \`padding=${w.mode}\`.`,
      ),
  );
}

const rfOf = (w: Window): ForwardResult['rf'] =>
  windowRf(
    w.kernel,
    w.strides,
    w.dilation,
    w.layout.spatial.map((n, i) => padBefore(n, w.kernel[i], w.strides[i], w.dilation[i], w.pads[i])),
    w.layout.axes,
  );

/** Keras's constructor checks (BaseConv.__init__ and friends), in its words. */
function checkConv(a: BoundArgs, dims: number, kind: ConvKind): void {
  const known = (v: unknown): v is number => typeof v === 'number';
  if (kind !== 'depthwise' && known(a.filters) && a.filters <= 0) {
    throw new ComputeError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${a.filters}.`, 'filters');
  }
  if ((kind === 'depthwise' || kind === 'separable') && known(a.depth_multiplier) && a.depth_multiplier <= 0) {
    throw new ComputeError(
      `Invalid value for argument \`depth_multiplier\`. Expected a strictly positive value. Received depth_multiplier=${a.depth_multiplier}.`,
      'depth_multiplier',
    );
  }
  if (kind === 'conv' && known(a.groups)) {
    if (a.groups <= 0) throw new ComputeError(`The number of groups must be a positive integer. Received: groups=${a.groups}.`, 'groups');
    if (known(a.filters) && a.filters % a.groups !== 0) {
      throw new ComputeError(
        `The number of filters must be evenly divisible by the number of groups. Received: groups=${a.groups}, filters=${a.filters}.`,
        'groups',
      );
    }
  }
  kerasTuple(a.kernel_size, dims, 'kernel_size');
  const strides = kerasTuple(a.strides, dims, 'strides');
  const dilation = kerasTuple(a.dilation_rate, dims, 'dilation_rate');
  kerasPadding(a.padding, kind === 'conv' && dims === 1);
  kerasDataFormat(a.data_format);
  if (kind === 'transpose' && a.output_padding !== null && a.output_padding !== undefined) {
    const op = kerasTuple(a.output_padding, dims, 'output_padding', true);
    if (op.some((p, i) => p >= strides[i]))
      throw new ComputeError(`\`output_padding\` must be < \`strides\`. output_padding=${pyTuple(op)}, strides=${pyTuple(strides)}`, 'output_padding');
  }
  if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    throw new ComputeError(
      `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(strides)} and dilation_rate=${pyTuple(dilation)}`,
      'strides',
    );
  }
}

// ── Conv1D / Conv2D / Conv3D ────────────────────────────────────────────────────────────────────

function convRule(dims: number): KerasLayerRule {
  const cls = `Conv${dims}D`;
  return {
    op: `conv${dims}d`,
    params: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
    defaults: { strides: ones(dims), padding: 'valid', data_format: null, dilation_rate: ones(dims), groups: 1, activation: null, use_bias: true },
    ignoredParams: [...KERNEL_BIAS_EXTRAS, 'lora_rank', 'lora_alpha'],
    check: (a) => checkConv(a, dims, 'conv'),
    paramCount: lazyParams(cls),
    paramCountFor(a, [x]) {
      const w = convWindow(cls, a, x, dims, dims === 1);
      const c = knownChannels(w.layout.channels, cls);
      const filters = num(a.filters, 'filters');
      return prod(w.kernel) * (c / num(a.groups, 'groups')) * filters + (boolArg(a.use_bias, 'use_bias') ? filters : 0);
    },
    forward(a, [x]) {
      const w = convWindow(cls, a, x, dims, dims === 1);
      const groups = num(a.groups, 'groups');
      const c = w.layout.channels;
      const filters = sizeArg(a.filters, 'filters');
      if (typeof c === 'number' && c % groups !== 0) {
        throw new ComputeError(
          `The number of input channels must be evenly divisible by the number of groups. Received groups=${groups}, but the input has ${c} channels (full input shape is ${kerasShape(x.shape)}).`,
        );
      }
      const out = convSpatial(w, x, [...w.kernel, c, filters]);
      const [n] = x.shape;
      return { out: new TensorV(w.layout.build(out, filters)), macs: macCount([n, ...out, filters, divDim(c, groups), ...w.kernel]), rf: rfOf(w) };
    },
  };
}

// ── Conv1DTranspose / Conv2DTranspose / Conv3DTranspose ────────────────────────────────────────

/**
 * Keras's transposed output length (compute_conv_transpose_output_length), k_d the dilated kernel:
 * output_padding None: 'valid' → n·s + max(k_d − s, 0), 'same' → n·s;
 * output_padding p:    (n − 1)·s + k_d − 2·pad + p, pad = ⌊k_d/2⌋ for 'same', 0 for 'valid'.
 */
export function kerasTransposeLength(n: Dim, k: number, s: number, d: number, mode: 'valid' | 'same', outputPadding: number | null): Dim {
  const kd = dilated(k, d);
  if (outputPadding === null) return mode === 'valid' ? addConst(mulDim(n, s), Math.max(kd - s, 0)) : mulDim(n, s);
  const pad = mode === 'same' ? Math.floor(kd / 2) : 0;
  return addConst(mulDim(n, s), -s + kd - 2 * pad + outputPadding);
}

/**
 * Where TensorFlow crops the full transposed output ((n − 1)·s + k_d samples) to that length:
 * total = (n − 1)·s + k_d − L, ⌊total/2⌋ before for 'same', nothing before for 'valid' (a
 * negative total is extra samples after). total does not depend on n for these lengths.
 */
function kerasTransposeCrop(k: number, s: number, d: number, mode: 'valid' | 'same', outputPadding: number | null): number {
  const total = dilated(k, d) - (kerasTransposeLength(1, k, s, d, mode, outputPadding) as number);
  return total >= 0 && mode === 'same' ? Math.floor(total / 2) : 0;
}

function transposeRule(dims: number): KerasLayerRule {
  const cls = `Conv${dims}DTranspose`;
  const window = (a: BoundArgs, x: TensorV) => {
    const w = convWindow(cls, a, x, dims, false);
    const outputPadding = a.output_padding === null || a.output_padding === undefined ? null : kerasTuple(a.output_padding, dims, 'output_padding', true);
    return { ...w, mode: w.mode as 'valid' | 'same', outputPadding };
  };
  return {
    op: `conv_transpose${dims}d`,
    params: ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
    defaults: { strides: ones(dims), padding: 'valid', output_padding: null, data_format: null, dilation_rate: ones(dims), activation: null, use_bias: true },
    ignoredParams: [...KERNEL_BIAS_EXTRAS],
    check: (a) => checkConv(a, dims, 'transpose'),
    paramCount: lazyParams(cls),
    // Kernel (*k, filters, C_in) plus filters biases.
    paramCountFor(a, [x]) {
      const w = window(a, x);
      const filters = num(a.filters, 'filters');
      return prod(w.kernel) * filters * knownChannels(w.layout.channels, cls) + (boolArg(a.use_bias, 'use_bias') ? filters : 0);
    },
    forward(a, [x]) {
      const w = window(a, x);
      const filters = sizeArg(a.filters, 'filters');
      const op = (i: number) => (w.outputPadding ? w.outputPadding[i] : null);
      const out = w.layout.spatial.map((n, i) => kerasTransposeLength(n, w.kernel[i], w.strides[i], w.dilation[i], w.mode, op(i)));
      const crop = w.kernel.map((k, i) => kerasTransposeCrop(k, w.strides[i], w.dilation[i], w.mode, op(i)));
      const [n] = x.shape;
      return {
        out: new TensorV(w.layout.build(out, filters)),
        macs: macCount([n, ...w.layout.spatial, w.layout.channels, filters, ...w.kernel]),
        rf: transposedRf(w.kernel, w.strides, w.dilation, crop, w.layout.axes),
      };
    },
  };
}

// ── DepthwiseConv1D/2D and SeparableConv1D/2D ──────────────────────────────────────────────────

const DEPTHWISE_EXTRAS = [
  'depthwise_initializer',
  'bias_initializer',
  'depthwise_regularizer',
  'bias_regularizer',
  'activity_regularizer',
  'depthwise_constraint',
  'bias_constraint',
];
const SEPARABLE_EXTRAS = [
  'depthwise_initializer',
  'pointwise_initializer',
  'bias_initializer',
  'depthwise_regularizer',
  'pointwise_regularizer',
  'bias_regularizer',
  'activity_regularizer',
  'depthwise_constraint',
  'pointwise_constraint',
  'bias_constraint',
];

function depthwiseRule(dims: number): KerasLayerRule {
  const cls = `DepthwiseConv${dims}D`;
  return {
    op: `conv${dims}d`,
    params: ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
    defaults: { strides: ones(dims), padding: 'valid', depth_multiplier: 1, data_format: null, dilation_rate: ones(dims), activation: null, use_bias: true },
    ignoredParams: DEPTHWISE_EXTRAS,
    check: (a) => checkConv(a, dims, 'depthwise'),
    paramCount: lazyParams(cls),
    // Kernel (*k, C_in, depth_multiplier) plus C_in·depth_multiplier biases.
    paramCountFor(a, [x]) {
      const w = convWindow(cls, a, x, dims, false);
      const cm = knownChannels(w.layout.channels, cls) * num(a.depth_multiplier, 'depth_multiplier');
      return prod(w.kernel) * cm + (boolArg(a.use_bias, 'use_bias') ? cm : 0);
    },
    forward(a, [x]) {
      const w = convWindow(cls, a, x, dims, false);
      const c = w.layout.channels;
      const outC = mulDim(c, num(a.depth_multiplier, 'depth_multiplier'));
      const out = convSpatial(w, x, [...w.kernel, c, num(a.depth_multiplier, 'depth_multiplier')]);
      return { out: new TensorV(w.layout.build(out, outC)), macs: macCount([x.shape[0], ...out, outC, ...w.kernel]), rf: rfOf(w) };
    },
  };
}

function separableRule(dims: number): KerasLayerRule {
  const cls = `SeparableConv${dims}D`;
  return {
    op: `conv${dims}d`,
    params: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'],
    defaults: { strides: ones(dims), padding: 'valid', data_format: null, dilation_rate: ones(dims), depth_multiplier: 1, activation: null, use_bias: true },
    ignoredParams: SEPARABLE_EXTRAS,
    check: (a) => checkConv(a, dims, 'separable'),
    paramCount: lazyParams(cls),
    // Depthwise kernel (*k, C_in, dm), pointwise kernel (1…, C_in·dm, filters), filters biases.
    paramCountFor(a, [x]) {
      const w = convWindow(cls, a, x, dims, false);
      const cm = knownChannels(w.layout.channels, cls) * num(a.depth_multiplier, 'depth_multiplier');
      const filters = num(a.filters, 'filters');
      return prod(w.kernel) * cm + cm * filters + (boolArg(a.use_bias, 'use_bias') ? filters : 0);
    },
    forward(a, [x]) {
      const w = convWindow(cls, a, x, dims, false);
      const cm = mulDim(w.layout.channels, num(a.depth_multiplier, 'depth_multiplier'));
      const filters = sizeArg(a.filters, 'filters');
      const out = convSpatial(w, x, [...w.kernel, w.layout.channels, filters]);
      const depthwise = macCount([x.shape[0], ...out, cm, ...w.kernel]);
      const pointwise = macCount([x.shape[0], ...out, cm, filters]);
      return { out: new TensorV(w.layout.build(out, filters)), macs: depthwise === null || pointwise === null ? null : depthwise + pointwise, rf: rfOf(w) };
    },
  };
}

export const KERAS_CONV_LAYERS: Record<string, KerasLayerRule> = {};
for (const d of [1, 2, 3]) {
  KERAS_CONV_LAYERS[`Conv${d}D`] = convRule(d);
  KERAS_CONV_LAYERS[`Convolution${d}D`] = KERAS_CONV_LAYERS[`Conv${d}D`];
  KERAS_CONV_LAYERS[`Conv${d}DTranspose`] = transposeRule(d);
  KERAS_CONV_LAYERS[`Convolution${d}DTranspose`] = KERAS_CONV_LAYERS[`Conv${d}DTranspose`];
}
for (const d of [1, 2]) {
  KERAS_CONV_LAYERS[`DepthwiseConv${d}D`] = depthwiseRule(d);
  KERAS_CONV_LAYERS[`SeparableConv${d}D`] = separableRule(d);
  KERAS_CONV_LAYERS[`SeparableConvolution${d}D`] = KERAS_CONV_LAYERS[`SeparableConv${d}D`];
}
