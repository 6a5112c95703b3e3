/**
 * Keras layer constructors (keras.layers.Conv2D, MaxPooling2D, Dense, ...) as the conv request's
 * PyTorch-named layers: the makers and the KERAS table that kerasMaker (compute/recognize/frameworks.ts)
 * looks names up in. Keras's transposed convs are read as a crop of the full output (kerasTransposePadding).
 */
import { batchNorm, bind, channelsLastOnly, dense, IGNORED, made, paddingArg, pointwise, pooling, tuple, type Maker, type Spec } from './frameworks-common';

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

export const KERAS: Record<string, Maker> = {};
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
