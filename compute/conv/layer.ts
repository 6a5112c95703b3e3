/**
 * Convolution and pooling layers as data: the PyTorch-named arguments of a request, checked and
 * expanded to one value per spatial axis. Every later step (shapes, costs, values) reads the
 * normalized form only.
 */
import { fail } from '../errors';
import type { TensorJson } from '../tensor';

export type Family = 'conv' | 'conv_transpose' | 'max_pool' | 'avg_pool';
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export const CONV_OPS = {
  conv1d: { family: 'conv', dims: 1 },
  conv2d: { family: 'conv', dims: 2 },
  conv3d: { family: 'conv', dims: 3 },
  conv_transpose1d: { family: 'conv_transpose', dims: 1 },
  conv_transpose2d: { family: 'conv_transpose', dims: 2 },
  conv_transpose3d: { family: 'conv_transpose', dims: 3 },
  max_pool1d: { family: 'max_pool', dims: 1 },
  max_pool2d: { family: 'max_pool', dims: 2 },
  max_pool3d: { family: 'max_pool', dims: 3 },
  avg_pool1d: { family: 'avg_pool', dims: 1 },
  avg_pool2d: { family: 'avg_pool', dims: 2 },
  avg_pool3d: { family: 'avg_pool', dims: 3 },
} as const satisfies Record<string, { family: Family; dims: 1 | 2 | 3 }>;

export type ConvOp = keyof typeof CONV_OPS;

/** A layer as a request carries it (JSON): PyTorch's argument names, tuples or scalars. */
export interface ConvLayerJson {
  op: string;
  in_channels?: number;
  out_channels?: number;
  kernel_size?: number | number[];
  stride?: number | number[] | null;
  padding?: number | number[] | number[][] | 'same' | 'valid';
  dilation?: number | number[];
  groups?: number;
  /** `true`/`false` is the argument; a tensor gives the bias values. */
  bias?: boolean | TensorJson;
  weight?: TensorJson;
  output_padding?: number | number[];
  padding_mode?: string;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  /** Average pooling: divide every window sum by this instead of the window size. */
  divisor_override?: number | null;
  /** Not a PyTorch argument: flip the kernel, turning cross-correlation into true convolution. */
  flip_kernel?: boolean;
  [extra: string]: unknown;
}

/** A layer with every argument present and expanded per spatial axis. */
export interface ConvLayer {
  op: ConvOp;
  family: Family;
  dims: 1 | 2 | 3;
  /** Channels in and out of a convolution; 0 for pooling, whose channels pass through. */
  in_channels: number;
  out_channels: number;
  kernel_size: number[];
  stride: number[];
  /** Zeros (or mode-filled values) added [before, after] on each axis. */
  padding: [number, number][];
  /** The padding as written, for display ('same', 3, [1, 2], ...). */
  paddingSpec: ConvLayerJson['padding'];
  dilation: number[];
  groups: number;
  bias: boolean;
  output_padding: number[];
  padding_mode: PaddingMode;
  ceil_mode: boolean;
  count_include_pad: boolean;
  /** Average pooling's fixed divisor, or 0 to divide by the window size. */
  divisor_override: number;
  /** Run with the kernel reversed on every spatial axis (true convolution). */
  flip_kernel: boolean;
}

/** Largest kernel, stride, dilation or padding accepted on one axis. */
export const MAX_ARG = 1 << 16;

function positiveInt(value: unknown, name: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_ARG) {
    const range = min === 0 ? 'a non-negative integer' : 'a positive integer';
    fail(`${name} must be ${range} (at most ${MAX_ARG}), not ${JSON.stringify(value)}.`, name);
  }
  return value;
}

/** A scalar or a tuple of `dims` values, expanded to an array of `dims` integers. */
export function perAxis(value: unknown, dims: number, name: string, min = 1): number[] {
  if (Array.isArray(value)) {
    if (value.length !== dims) {
      fail(`${name} has ${value.length} values but the layer has ${dims} spatial axes.`, name);
    }
    return value.map((v, i) => positiveInt(v, `${name}[${i}]`, min));
  }
  const v = positiveInt(value, name, min);
  return Array.from({ length: dims }, () => v);
}

function paddingPairs(spec: ConvLayerJson['padding'], dims: number, kernel: number[], dilation: number[], stride: number[]): [number, number][] {
  if (spec === 'valid') return kernel.map(() => [0, 0]);
  if (spec === 'same') {
    if (stride.some((s) => s !== 1)) {
      fail("padding='same' needs stride 1 on every axis (PyTorch rejects it otherwise).", 'padding');
    }
    // PyTorch splits the total d·(k−1) with the extra element after: left = ⌊total/2⌋.
    return kernel.map((k, i) => {
      const total = dilation[i] * (k - 1);
      const before = Math.floor(total / 2);
      return [before, total - before];
    });
  }
  if (Array.isArray(spec) && spec.some(Array.isArray)) {
    if (spec.length !== dims) fail(`padding has ${spec.length} pairs but the layer has ${dims} spatial axes.`, 'padding');
    return spec.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) fail(`padding[${i}] must be a pair [before, after].`, 'padding');
      return [positiveInt(pair[0], `padding[${i}][0]`, 0), positiveInt(pair[1], `padding[${i}][1]`, 0)];
    });
  }
  if (typeof spec === 'string') fail(`padding must be a number, a tuple, 'same' or 'valid', not '${spec}'.`, 'padding');
  return perAxis(spec ?? 0, dims, 'padding', 0).map((p) => [p, p]);
}

const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** Check a layer's arguments and fill PyTorch's defaults. Throws ComputeError on bad input. */
export function normalizeLayer(raw: ConvLayerJson): ConvLayer {
  if (!raw || typeof raw !== 'object') fail('Each layer must be an object with an "op" field.');
  const info = CONV_OPS[raw.op as ConvOp];
  if (!info) {
    fail(`Unknown layer op "${raw.op}". Expected one of: ${[...Object.keys(CONV_OPS), ...Object.keys(SHAPE_OPS)].join(', ')}.`, 'op');
  }
  const { family, dims } = info;
  const op = raw.op as ConvOp;
  const isConv = family === 'conv' || family === 'conv_transpose';
  if (raw.kernel_size === undefined) fail(`${op} needs kernel_size.`, 'kernel_size');
  const kernel_size = perAxis(raw.kernel_size, dims, 'kernel_size');
  // Pooling's stride defaults to the kernel size (PyTorch's stride=None); convolution's to 1.
  const stride = perAxis(raw.stride ?? (isConv ? 1 : kernel_size), dims, 'stride');
  if (family === 'avg_pool' && raw.dilation !== undefined && perAxis(raw.dilation, dims, 'dilation').some((d) => d !== 1)) {
    fail('Average pooling has no dilation argument.', 'dilation');
  }
  const dilation = perAxis(raw.dilation ?? 1, dims, 'dilation');
  if (!isConv && typeof raw.padding === 'string') {
    fail('Pooling padding must be a number or a tuple.', 'padding');
  }
  if (family === 'conv_transpose' && typeof raw.padding === 'string') {
    fail(`Transposed convolution takes numeric padding (it crops the output), not '${raw.padding}'.`, 'padding');
  }
  const padding = paddingPairs(raw.padding, dims, kernel_size, dilation, stride);
  const groups = positiveInt(raw.groups ?? 1, 'groups');
  const padding_mode = (raw.padding_mode ?? 'zeros') as PaddingMode;
  if (!PADDING_MODES.includes(padding_mode)) {
    fail(`padding_mode must be one of ${PADDING_MODES.join(', ')}, not "${raw.padding_mode}".`, 'padding_mode');
  }
  const output_padding = perAxis(raw.output_padding ?? 0, dims, 'output_padding', 0);
  if (family === 'conv_transpose') {
    output_padding.forEach((op, i) => {
      if (op >= Math.max(stride[i], dilation[i])) {
        fail(`output_padding (${op}) must be smaller than stride or dilation on axis ${i}.`, 'output_padding');
      }
    });
    if (padding_mode !== 'zeros') fail('Transposed convolution supports only padding_mode "zeros".', 'padding_mode');
  } else if (output_padding.some((p) => p !== 0)) {
    fail('output_padding applies only to transposed convolutions.', 'output_padding');
  }
  if (!isConv) {
    padding.forEach(([p, after], i) => {
      if (p !== after) fail(`Pooling padding must be the same on both sides, not [${p}, ${after}] on axis ${i}.`, 'padding');
      // PyTorch checks the kernel size itself, not the dilated span: "pad should be at most half of kernel size".
      if (p > Math.floor(kernel_size[i] / 2)) {
        fail(`Pooling padding (${p}) must be at most half the kernel size (${kernel_size[i]}) on axis ${i}.`, 'padding');
      }
    });
  }
  const divisor_override = raw.divisor_override === undefined || raw.divisor_override === null ? 0 : positiveInt(raw.divisor_override, 'divisor_override');
  if (divisor_override && (family !== 'avg_pool' || dims === 1))
    fail('divisor_override applies only to avg_pool2d and avg_pool3d (as in PyTorch).', 'divisor_override');
  if (raw.flip_kernel !== undefined && typeof raw.flip_kernel !== 'boolean') fail('flip_kernel must be true or false.', 'flip_kernel');
  if (raw.flip_kernel && !isConv) fail('flip_kernel applies only to convolutions (it reverses the weight).', 'flip_kernel');
  let in_channels = 0;
  let out_channels = 0;
  if (isConv) {
    in_channels = positiveInt(raw.in_channels, 'in_channels');
    out_channels = positiveInt(raw.out_channels, 'out_channels');
    if (in_channels % groups !== 0) fail(`in_channels (${in_channels}) must be divisible by groups (${groups}).`, 'groups');
    if (out_channels % groups !== 0) fail(`out_channels (${out_channels}) must be divisible by groups (${groups}).`, 'groups');
  }
  const bias = isConv ? raw.bias !== false : false;
  return {
    op,
    family,
    dims,
    in_channels,
    out_channels,
    kernel_size,
    stride,
    padding,
    paddingSpec: raw.padding ?? 0,
    dilation,
    groups,
    bias,
    output_padding,
    padding_mode,
    ceil_mode: raw.ceil_mode === true,
    count_include_pad: raw.count_include_pad !== false,
    divisor_override,
    flip_kernel: raw.flip_kernel === true,
  };
}

/**
 * Layers that only pass values through or reshape them (activations, normalization, dropout,
 * flatten, linear, adaptive pooling). They are analyzed for shapes, parameters and MACs only;
 * requests that ask for values through them are refused with a clear message.
 */
export const SHAPE_OPS = {
  relu: 'pointwise',
  gelu: 'pointwise',
  tanh: 'pointwise',
  sigmoid: 'pointwise',
  leaky_relu: 'pointwise',
  elu: 'pointwise',
  silu: 'pointwise',
  relu6: 'pointwise',
  softmax: 'pointwise',
  dropout: 'pointwise',
  identity: 'pointwise',
  batch_norm1d: 'batch_norm',
  batch_norm2d: 'batch_norm',
  batch_norm3d: 'batch_norm',
  flatten: 'flatten',
  linear: 'linear',
  adaptive_avg_pool1d: 'adaptive_pool',
  adaptive_avg_pool2d: 'adaptive_pool',
  adaptive_avg_pool3d: 'adaptive_pool',
  adaptive_max_pool1d: 'adaptive_pool',
  adaptive_max_pool2d: 'adaptive_pool',
  adaptive_max_pool3d: 'adaptive_pool',
} as const satisfies Record<string, 'pointwise' | 'batch_norm' | 'flatten' | 'linear' | 'adaptive_pool'>;

export type ShapeOp = keyof typeof SHAPE_OPS;

export function isShapeOp(op: unknown): op is ShapeOp {
  return typeof op === 'string' && Object.hasOwn(SHAPE_OPS, op);
}
