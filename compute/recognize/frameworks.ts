/**
 * Keras and Flax layer constructors, and PyTorch's functional calls, mapped to the conv
 * request's PyTorch-named layers. Keras and Flax layers do not state their input channels, so
 * each maker receives the shape (N, C, *spatial) flowing into it. Both frameworks are
 * channels-last; the request is NCHW, so only the shapes are converted (the layer maths are the
 * same), and 'SAME' padding is TensorFlow's: output ⌈n/s⌉ with the odd padding element after.
 */
import type { ConvLayerJson } from '../conv/layer';
import type { Literal } from '../python/syntax';

import type { LayerFramework } from '../program/table-types';
export type { LayerFramework };

export interface Made {
  layers: ConvLayerJson[];
  defaultsUsed: string[];
  warnings: string[];
  notes: string[];
}

export interface Args {
  positional: Literal[];
  keywords: Map<string, Literal>;
}

interface Spec {
  params: readonly string[];
  defaults: Record<string, Literal>;
  /** Keyword names accepted and ignored (initializers, names, activations, ...). */
  ignore?: RegExp;
}

const IGNORED =
  /^(name|use_bias|dtype|trainable|activation|kernel_\w+|bias_\w+|activity_regularizer|data_format|param_dtype|precision|use_running_average|deterministic|axis|momentum|epsilon|center|scale|beta_\w+|gamma_\w+|moving_\w+|noise_shape|seed|rng_collection|parent)$/;

export function bind(owner: string, spec: Spec, args: Args): { values: Record<string, Literal>; defaultsUsed: string[] } {
  if (args.positional.length > spec.params.length)
    throw new Error(`${owner} takes at most ${spec.params.length} positional arguments, got ${args.positional.length}.`);
  const values: Record<string, Literal> = {};
  args.positional.forEach((v, i) => (values[spec.params[i]] = v));
  for (const [k, v] of args.keywords) {
    if (spec.params.includes(k)) {
      if (Object.hasOwn(values, k)) throw new Error(`${owner} got "${k}" twice.`);
      values[k] = v;
    } else if (!(spec.ignore ?? IGNORED).test(k) && k !== 'input_shape' && k !== 'input_dim') {
      throw new Error(`${owner} has no argument "${k}".`);
    } else {
      values[k] = v;
    }
  }
  const defaultsUsed: string[] = [];
  for (const p of spec.params) {
    if (Object.hasOwn(values, p)) continue;
    if (!Object.hasOwn(spec.defaults, p)) throw new Error(`${owner} is missing the required argument "${p}".`);
    values[p] = spec.defaults[p];
    defaultsUsed.push(p);
  }
  return { values, defaultsUsed };
}

const tuple = (v: Literal, dims: number, what: string): number[] => {
  const arr = Array.isArray(v) ? v : Array.from({ length: dims }, () => v);
  if (arr.length !== dims || arr.some((x) => typeof x !== 'number')) throw new Error(`${what} must be a number or ${dims} numbers, not ${JSON.stringify(v)}.`);
  return arr as number[];
};

/** TensorFlow's 'SAME' padding on one axis: output ⌈n/s⌉, total padding split with the extra after. */
export function tfSamePadding(n: number, k: number, s: number, d: number): [number, number] {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

function samePadding(spatial: number[], kernel: number[], strides: number[], dilation: number[]): ConvLayerJson['padding'] {
  if (strides.every((s) => s === 1)) return 'same';
  const pairs = spatial.map((n, i) => tfSamePadding(n, kernel[i], strides[i], dilation[i]));
  return pairs.every(([a, b]) => a === b) ? pairs.map(([a]) => a) : pairs;
}

function paddingArg(owner: string, value: Literal, spatial: number[], kernel: number[], strides: number[], dilation: number[]): ConvLayerJson['padding'] {
  const mode = typeof value === 'string' ? value.toLowerCase() : value;
  if (mode === 'valid') return 0;
  if (mode === 'same') return samePadding(spatial, kernel, strides, dilation);
  if (mode === 'causal' && kernel.length === 1) return [[(kernel[0] - 1) * dilation[0], 0]];
  if (Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2)) return value as number[][];
  if (typeof value === 'number' || Array.isArray(value)) return value as number[];
  throw new Error(
    `${owner}: padding ${JSON.stringify(value)} is not supported (expected 'valid', 'same'${kernel.length === 1 ? ", 'causal'" : ''} or explicit pairs).`,
  );
}

function channelsLastOnly(owner: string, values: Record<string, Literal>): void {
  if (values.data_format === 'channels_first')
    throw new Error(`${owner}: data_format='channels_first' is not supported; the recognizer reads Keras's default channels_last layers.`);
}

function opDims(name: string): 1 | 2 | 3 {
  const m = /([123])D/i.exec(name);
  return (m ? Number(m[1]) : 2) as 1 | 2 | 3;
}

type Maker = (args: Args, shape: number[], owner: string) => Made;

const made = (layers: ConvLayerJson[], defaultsUsed: string[], warnings: string[] = [], notes: string[] = []): Made => ({
  layers,
  defaultsUsed,
  warnings,
  notes,
});

function kerasConv(transposed: boolean): Maker {
  return (args, shape, owner) => {
    const dims = shape.length - 2;
    const spec: Spec = transposed
      ? {
          params: ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate'],
          defaults: { strides: 1, padding: 'valid', output_padding: null, data_format: null, dilation_rate: 1 },
        }
      : {
          params: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups'],
          defaults: { strides: 1, padding: 'valid', data_format: null, dilation_rate: 1, groups: 1 },
        };
    const { values, defaultsUsed } = bind(owner, spec, args);
    channelsLastOnly(owner, values);
    const kernel = tuple(values.kernel_size, dims, `${owner} kernel_size`);
    const strides = tuple(values.strides, dims, `${owner} strides`);
    const dilation = tuple(values.dilation_rate, dims, `${owner} dilation_rate`);
    const warnings: string[] = [];
    if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
      warnings.push(
        `${owner}: Keras rejects strides > 1 together with dilation_rate > 1 ("\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`"); the shapes below are what the arithmetic would give.`,
      );
    }
    const bias = values.use_bias !== false;
    if (!transposed) {
      const padding = paddingArg(owner, values.padding, shape.slice(2), kernel, strides, dilation);
      return made(
        [
          {
            op: `conv${dims}d`,
            in_channels: shape[1],
            out_channels: values.filters as number,
            kernel_size: kernel,
            stride: strides,
            padding,
            dilation,
            groups: values.groups as number,
            bias,
          },
        ],
        defaultsUsed,
        warnings,
      );
    }
    const mode = String(values.padding).toLowerCase();
    if (mode !== 'valid' && mode !== 'same') throw new Error(`${owner}: padding must be 'valid' or 'same', not ${JSON.stringify(values.padding)}.`);
    const outPad = values.output_padding === null ? null : tuple(values.output_padding, dims, `${owner} output_padding`);
    outPad?.forEach((op, i) => {
      // Keras's own check (Conv2DTranspose.__init__): "Strides ... must be greater than output padding".
      if (strides[i] <= op)
        throw new Error(
          `${owner}: Keras requires strides greater than output_padding (strides ${JSON.stringify(strides)}, output_padding ${JSON.stringify(outPad)}).`,
        );
    });
    const { padding, outputPadding, lengths } = kerasTransposePadding(mode, shape.slice(2), kernel, strides, dilation, outPad);
    const symmetric = padding.every(([a, b]) => a === b);
    const torchPadding = symmetric ? padding.map(([a]) => a) : padding;
    const notes = [
      `${owner}: Keras's output size (keras conv_utils.deconv_output_length) is [${lengths.join(', ')}] for input [${shape.slice(2).join(', ')}]; shown as PyTorch padding ${JSON.stringify(torchPadding)} with output_padding ${JSON.stringify(outputPadding)}, which crops the transposed convolution exactly where TensorFlow does.`,
    ];
    if (!symmetric)
      notes.push(
        `${owner}: TensorFlow crops the odd row/column at the end (padding [before, after] = ${JSON.stringify(padding)}); PyTorch's ConvTranspose can only crop symmetrically, so in PyTorch this layer is ConvTranspose with padding=${JSON.stringify(padding.map(([a, b]) => Math.max(a, b)))}, output_padding=${JSON.stringify(padding.map(([a, b]) => Math.abs(b - a)))}, which gives the same shape with the values shifted by one sample on those axes.`,
      );
    return made(
      [
        {
          op: `conv_transpose${dims}d`,
          in_channels: shape[1],
          out_channels: values.filters as number,
          kernel_size: kernel,
          stride: strides,
          padding: torchPadding,
          output_padding: outputPadding,
          dilation,
          groups: 1,
          bias,
        },
      ],
      defaultsUsed,
      warnings,
      notes,
    );
  };
}

/**
 * A Keras (TensorFlow) transposed convolution as a crop of the full transposed output
 * ((n − 1)·s + k_d samples per axis, k_d = (k − 1)·d + 1), i.e. PyTorch-named padding pairs
 * [before, after] and output_padding (extra samples after). The output length is Keras's
 * conv_utils.deconv_output_length: with output_padding None, 'valid' → n·s + max(k_d − s, 0) and
 * 'same' → n·s; with output_padding p, (n − 1)·s + k_d − 2·pad + p where pad = ⌊k_d/2⌋ for 'same',
 * 0 for 'valid'. TensorFlow computes it as the gradient of the forward conv with that padding on an
 * input of that length: 'SAME' pads ⌊total/2⌋ before and the rest after (total = (n − 1)·s + k_d − L),
 * so the transposed output drops ⌊total/2⌋ samples at the start and the rest at the end; when
 * total < 0 the last −total samples receive no input (PyTorch's output_padding).
 */
export function kerasTransposePadding(
  mode: 'valid' | 'same',
  spatial: number[],
  kernel: number[],
  strides: number[],
  dilation: number[],
  outputPadding: number[] | null,
): { padding: [number, number][]; outputPadding: number[]; lengths: number[] } {
  const padding: [number, number][] = [];
  const extra: number[] = [];
  const lengths: number[] = [];
  spatial.forEach((n, i) => {
    const k = (kernel[i] - 1) * dilation[i] + 1;
    const s = strides[i];
    let L: number;
    if (outputPadding === null) L = mode === 'valid' ? n * s + Math.max(k - s, 0) : n * s;
    else L = (n - 1) * s + k - 2 * (mode === 'same' ? Math.floor(k / 2) : 0) + outputPadding[i];
    lengths.push(L);
    const total = (n - 1) * s + k - L;
    if (total >= 0) {
      const before = mode === 'same' ? Math.floor(total / 2) : 0;
      padding.push([before, total - before]);
      extra.push(0);
    } else {
      padding.push([0, 0]);
      extra.push(-total);
    }
  });
  return { padding, outputPadding: extra, lengths };
}

function pooling(kind: 'max' | 'avg', framework: LayerFramework): Maker {
  return (args, shape, owner) => {
    const dims = shape.length - 2;
    const flax = framework === 'flax';
    const spec: Spec = flax
      ? { params: ['window_shape', 'strides', 'padding'], defaults: { strides: null, padding: 'VALID' } }
      : { params: ['pool_size', 'strides', 'padding', 'data_format'], defaults: { pool_size: 2, strides: null, padding: 'valid', data_format: null } };
    const { values, defaultsUsed } = bind(owner, spec, args);
    channelsLastOnly(owner, values);
    const kernel = tuple(flax ? values.window_shape : values.pool_size, dims, `${owner} ${flax ? 'window_shape' : 'pool_size'}`);
    // Keras: strides=None means the pool size; Flax: strides=None means 1 on every axis.
    const strides = values.strides === null ? (flax ? kernel.map(() => 1) : kernel) : tuple(values.strides, dims, `${owner} strides`);
    const ones = kernel.map(() => 1);
    let padding = paddingArg(owner, values.padding, shape.slice(2), kernel, strides, ones);
    if (padding === 'same') padding = tfSame(shape, kernel, strides);
    if (Array.isArray(padding) && padding.some(Array.isArray)) {
      throw new Error(
        `${owner}: 'SAME' pooling here pads unevenly (${JSON.stringify(padding)}), which the pooling lab cannot show; use an input size divisible by the stride.`,
      );
    }
    const notes = flax && values.strides === null ? [`${owner}: Flax pooling's default strides are 1 (not the window size as in PyTorch and Keras).`] : [];
    return made(
      [
        {
          op: `${kind}_pool${dims}d`,
          kernel_size: kernel,
          stride: strides,
          padding: padding as number[],
          ...(kind === 'avg' ? { count_include_pad: false } : {}),
        },
      ],
      defaultsUsed,
      [],
      notes,
    );
  };
}

function tfSame(shape: number[], kernel: number[], strides: number[]): number[] | number[][] {
  const pairs = shape.slice(2).map((n, i) => tfSamePadding(n, kernel[i], strides[i], 1));
  return pairs.every(([a, b]) => a === b) ? pairs.map(([a]) => a) : pairs;
}

function dense(framework: LayerFramework): Maker {
  return (args, shape, owner) => {
    const key = framework === 'flax' ? 'features' : 'units';
    const { values, defaultsUsed } = bind(owner, { params: [key], defaults: {} }, args);
    if (shape.length !== 2) {
      throw new Error(
        `${owner} on a ${shape.length}-D input [${shape.join(', ')}] acts on the channel axis of every position; only Dense after Flatten (a 2-D input) is supported.`,
      );
    }
    return made([{ op: 'linear', in_features: shape[1], out_features: values[key] as number, bias: values.use_bias !== false }], defaultsUsed);
  };
}

const pointwise =
  (op: string, params: string[] = [], defaults: Record<string, Literal> = {}): Maker =>
  (args, _shape, owner) =>
    made([{ op }], bind(owner, { params, defaults }, args).defaultsUsed);

function batchNorm(args: Args, shape: number[], owner: string): Made {
  const { defaultsUsed } = bind(owner, { params: [], defaults: {} }, args);
  const d = Math.min(Math.max(shape.length - 2, 1), 3);
  return made(
    [{ op: `batch_norm${d}d`, num_features: shape[1] }],
    defaultsUsed,
    [],
    [`${owner}: 2·C trainable parameters (scale and offset) are counted; the 2·C moving statistics are not trainable.`],
  );
}

function flaxConv(transposed: boolean): Maker {
  return (args, shape, owner) => {
    const dims = shape.length - 2;
    if (transposed) return flaxConvTranspose(args, shape, owner);
    const { values, defaultsUsed } = bind(
      owner,
      {
        params: ['features', 'kernel_size', 'strides', 'padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias'],
        defaults: { strides: 1, padding: 'SAME', input_dilation: 1, kernel_dilation: 1, feature_group_count: 1, use_bias: true },
      },
      args,
    );
    const kernel = tuple(values.kernel_size, dims, `${owner} kernel_size`);
    const strides = tuple(values.strides, dims, `${owner} strides`);
    const dilation = tuple(values.kernel_dilation, dims, `${owner} kernel_dilation`);
    if (tuple(values.input_dilation, dims, 'input_dilation').some((v) => v !== 1)) throw new Error(`${owner}: input_dilation is not supported.`);
    const padding = paddingArg(owner, values.padding, shape.slice(2), kernel, strides, dilation);
    return made(
      [
        {
          op: `conv${dims}d`,
          in_channels: shape[1],
          out_channels: values.features as number,
          kernel_size: kernel,
          stride: strides,
          padding,
          dilation,
          groups: values.feature_group_count as number,
          bias: values.use_bias !== false,
        },
      ],
      defaultsUsed,
    );
  };
}

/**
 * flax.linen.ConvTranspose(features, kernel_size, strides=None, padding='SAME',
 * kernel_dilation=None, use_bias=True, mask=None, ..., transpose_kernel=False) calls
 * jax.lax.conv_transpose: a stride-1 correlation of the input dilated by `strides`, zero-padded
 * by jax's _conv_transpose_padding(k_d, s, padding) — 'SAME': pad_len = k_d + s − 2, before =
 * k_d − 1 if s > k_d − 1 else ⌈pad_len/2⌉; 'VALID': pad_len = k_d + s − 2 + max(k_d − s, 0),
 * before = k_d − 1; explicit pairs pad as given — so the output is n·s ('SAME') or
 * n·s + max(k_d − s, 0) ('VALID'). A PyTorch transposed conv is the same correlation padded by
 * k_d − 1 − crop on each side, so crop = k_d − 1 − pad (a negative crop after is output_padding).
 */
export function flaxTransposePadding(
  padding: Literal,
  kernel: number[],
  strides: number[],
  dilation: number[],
  owner = 'nn.ConvTranspose',
): { padding: [number, number][]; outputPadding: number[] } {
  const mode = typeof padding === 'string' ? padding.toUpperCase() : undefined;
  const dims = kernel.length;
  let pairs: [number, number][];
  if (mode === 'SAME' || mode === 'VALID') {
    pairs = kernel.map((k0, i) => {
      const k = (k0 - 1) * dilation[i] + 1;
      const s = strides[i];
      const len = mode === 'SAME' ? k + s - 2 : k + s - 2 + Math.max(k - s, 0);
      const a = mode === 'SAME' ? (s > k - 1 ? k - 1 : Math.ceil(len / 2)) : k - 1;
      return [a, len - a];
    });
  } else if (typeof padding === 'number') pairs = kernel.map(() => [padding, padding]);
  else if (
    Array.isArray(padding) &&
    padding.length === dims &&
    padding.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number'))
  )
    pairs = padding as [number, number][];
  else if (Array.isArray(padding) && padding.length === dims && padding.every((p) => typeof p === 'number')) pairs = (padding as number[]).map((p) => [p, p]);
  else throw new Error(`${owner}: padding ${JSON.stringify(padding)} is not supported (expected 'SAME', 'VALID', an int or ${dims} (low, high) pairs).`);
  const crop: [number, number][] = [];
  const extra: number[] = [];
  pairs.forEach(([lo, hi], i) => {
    const k = (kernel[i] - 1) * dilation[i] + 1;
    const before = k - 1 - lo;
    const after = k - 1 - hi;
    if (before < 0)
      throw new Error(
        `${owner}: padding (${lo}, ${hi}) on axis ${i} pads more than k − 1 = ${k - 1} before the input, which the conv lab's transposed convolution (a crop of the full output) cannot express.`,
      );
    if (after < 0 && -after >= Math.max(strides[i], dilation[i]))
      throw new Error(
        `${owner}: padding (${lo}, ${hi}) on axis ${i} adds ${-after} samples after the output, more than the conv lab's output_padding (< stride) can express.`,
      );
    crop.push([before, Math.max(after, 0)]);
    extra.push(Math.max(-after, 0));
  });
  return { padding: crop, outputPadding: extra };
}

function flaxConvTranspose(args: Args, shape: number[], owner: string): Made {
  const dims = shape.length - 2;
  const { values, defaultsUsed } = bind(
    owner,
    {
      params: [
        'features',
        'kernel_size',
        'strides',
        'padding',
        'kernel_dilation',
        'use_bias',
        'mask',
        'dtype',
        'param_dtype',
        'precision',
        'kernel_init',
        'bias_init',
        'transpose_kernel',
      ],
      defaults: {
        strides: null,
        padding: 'SAME',
        kernel_dilation: null,
        use_bias: true,
        mask: null,
        dtype: null,
        param_dtype: null,
        precision: null,
        kernel_init: null,
        bias_init: null,
        transpose_kernel: false,
      },
    },
    args,
  );
  const kernel = tuple(values.kernel_size, dims, `${owner} kernel_size`);
  const strides = values.strides === null ? kernel.map(() => 1) : tuple(values.strides, dims, `${owner} strides`);
  const dilation = values.kernel_dilation === null ? kernel.map(() => 1) : tuple(values.kernel_dilation, dims, `${owner} kernel_dilation`);
  if (values.mask !== null) throw new Error(`${owner}: a kernel mask is not supported.`);
  const { padding, outputPadding } = flaxTransposePadding(values.padding, kernel, strides, dilation, owner);
  const symmetric = padding.every(([a, b]) => a === b);
  const out = shape.slice(2).map((n, i) => (n - 1) * strides[i] + (kernel[i] - 1) * dilation[i] + 1 - padding[i][0] - padding[i][1] + outputPadding[i]);
  const notes = [
    `${owner}: Flax pads the stride-dilated input as jax.lax.conv_transpose does (padding=${JSON.stringify(values.padding)}), giving [${out.join(', ')}] from [${shape.slice(2).join(', ')}]; shown as a PyTorch transposed conv with padding ${JSON.stringify(symmetric ? padding.map(([a]) => a) : padding)} and output_padding ${JSON.stringify(outputPadding)}.`,
    values.transpose_kernel === true
      ? `${owner}: transpose_kernel=True flips the kernel and swaps its in/out axes, exactly PyTorch's transposed convolution (kernel (${kernel.join(', ')}, ${values.features}, ${shape[1]}) ↔ weight (${shape[1]}, ${values.features}, ${kernel.join(', ')})).`
      : `${owner}: with transpose_kernel=False (the default) Flax correlates with the kernel as stored, so its kernel is PyTorch's weight flipped along every spatial axis (shapes, parameters and MACs are the same).`,
  ];
  if (!symmetric)
    notes.push(
      `${owner}: the crop is uneven (${JSON.stringify(padding)}); PyTorch's ConvTranspose only crops symmetrically, so in PyTorch this needs a crop after the layer.`,
    );
  return made(
    [
      {
        op: `conv_transpose${dims}d`,
        in_channels: shape[1],
        out_channels: values.features as number,
        kernel_size: kernel,
        stride: strides,
        padding: symmetric ? padding.map(([a]) => a) : padding,
        output_padding: outputPadding,
        dilation,
        groups: 1,
        bias: values.use_bias !== false,
      },
    ],
    defaultsUsed,
    [],
    notes,
  );
}

const kerasActivation: Maker = (args, _shape, owner) => {
  const { values } = bind(owner, { params: ['activation'], defaults: {} }, args);
  const op = {
    relu: 'relu',
    gelu: 'gelu',
    tanh: 'tanh',
    sigmoid: 'sigmoid',
    elu: 'elu',
    swish: 'silu',
    silu: 'silu',
    softmax: 'softmax',
    relu6: 'relu6',
    linear: 'identity',
  }[String(values.activation)];
  if (!op) throw new Error(`${owner}: activation ${JSON.stringify(values.activation)} is not supported.`);
  return made([{ op }], []);
};

/**
 * keras.layers.LeakyReLU: Keras 3 names the slope `negative_slope`, Keras 2 (tf.keras) `alpha`;
 * Keras 3 still takes `alpha` (with a deprecation warning). Either way the default is 0.3, not
 * PyTorch's 0.01, so the slope is always written into the layer.
 */
const kerasLeakyReLU: Maker = (args, _shape, owner) => {
  if (args.positional.length > 1) throw new Error(`${owner} takes at most 1 positional argument (the slope), got ${args.positional.length}.`);
  const slope = args.keywords.get('negative_slope') ?? args.keywords.get('alpha') ?? args.positional[0];
  if (args.keywords.has('negative_slope') && args.keywords.has('alpha'))
    throw new Error(`${owner} got both negative_slope and alpha; they are the same argument (Keras 3 and Keras 2 names).`);
  for (const k of args.keywords.keys())
    if (k !== 'negative_slope' && k !== 'alpha' && !IGNORED.test(k) && k !== 'input_shape') throw new Error(`${owner} has no argument "${k}".`);
  if (slope !== undefined && (typeof slope !== 'number' || !Number.isFinite(slope)))
    throw new Error(`${owner}: the negative slope must be a number, not ${JSON.stringify(slope)}.`);
  const value = slope ?? 0.3;
  return made(
    [{ op: 'leaky_relu', negative_slope: value }],
    slope === undefined ? ['negative_slope'] : [],
    [],
    args.keywords.has('alpha') ? [`${owner}: alpha= is Keras 2's name for negative_slope (Keras 3 accepts it with a deprecation warning).`] : [],
  );
};

const KERAS: Record<string, Maker> = {};
for (const d of [1, 2, 3]) {
  KERAS[`Conv${d}D`] = kerasConv(false);
  KERAS[`Convolution${d}D`] = kerasConv(false);
  KERAS[`Conv${d}DTranspose`] = kerasConv(true);
  KERAS[`MaxPooling${d}D`] = pooling('max', 'keras');
  KERAS[`MaxPool${d}D`] = pooling('max', 'keras');
  KERAS[`AveragePooling${d}D`] = pooling('avg', 'keras');
  KERAS[`AvgPool${d}D`] = pooling('avg', 'keras');
  KERAS[`GlobalAveragePooling${d}D`] = (args, _s, owner) =>
    made([{ op: `adaptive_avg_pool${d}d`, output_size: 1 }, { op: 'flatten' }], bind(owner, { params: [], defaults: {} }, args).defaultsUsed);
  KERAS[`GlobalMaxPooling${d}D`] = (args, _s, owner) =>
    made([{ op: `adaptive_max_pool${d}d`, output_size: 1 }, { op: 'flatten' }], bind(owner, { params: [], defaults: {} }, args).defaultsUsed);
}
Object.assign(KERAS, {
  Dense: dense('keras'),
  Flatten: pointwise('flatten'),
  Dropout: pointwise('dropout', ['rate'], {}),
  SpatialDropout2D: pointwise('dropout', ['rate'], {}),
  ReLU: pointwise('relu'),
  LeakyReLU: kerasLeakyReLU,
  Activation: kerasActivation,

  BatchNormalization: batchNorm,
});

const FLAX: Record<string, Maker> = {
  Conv: flaxConv(false),
  ConvTranspose: flaxConv(true),
  Dense: dense('flax'),
  max_pool: pooling('max', 'flax'),
  avg_pool: pooling('avg', 'flax'),
  relu: pointwise('relu'),
  gelu: pointwise('gelu'),
  tanh: pointwise('tanh'),
  sigmoid: pointwise('sigmoid'),
  Dropout: pointwise('dropout', ['rate'], {}),
  BatchNorm: batchNorm,
};

const KERAS_PREFIXES = ['', 'layers.', 'keras.layers.', 'tf.keras.layers.', 'tensorflow.keras.layers.'];
const FLAX_PREFIXES = ['nn.', 'linen.', 'flax.linen.'];

export function kerasMaker(callee: string): Maker | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return KERAS_PREFIXES.includes(prefix) && Object.hasOwn(KERAS, name) ? KERAS[name] : undefined;
}

export function flaxMaker(callee: string): Maker | undefined {
  const dot = callee.lastIndexOf('.');
  const prefix = callee.slice(0, dot + 1);
  const name = callee.slice(dot + 1);
  return FLAX_PREFIXES.includes(prefix) && Object.hasOwn(FLAX, name) ? FLAX[name] : undefined;
}

export { opDims };
