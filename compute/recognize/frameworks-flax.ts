/**
 * Flax (linen) modules and functions (nn.Conv, nn.ConvTranspose, nn.max_pool, nn.Dense, ...) as the
 * conv request's PyTorch-named layers: the makers and the FLAX table that flaxMaker
 * (compute/recognize/frameworks.ts) looks names up in. nn.ConvTranspose is read through
 * jax.lax.conv_transpose's padding (flaxTransposePadding).
 */
import type { Literal } from '../python/syntax';
import { batchNorm, bind, dense, made, paddingArg, pointwise, pooling, tuple, type Args, type Made, type Maker } from './frameworks-common';

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

export const FLAX: Record<string, Maker> = {
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
