/**
 * Conv and pooling layers as Flax (linen) code (nn.Conv, nn.ConvTranspose, nn.max_pool, ... and the
 * shape-only layers), for compute/recognize/conv-codegen.ts. Modules are applied to `x` by the
 * caller; functions (pooling, activations) are written as whole expressions in `x`.
 */
import type { ConvLayer, ConvLayerJson } from '../conv/layer';
import { isAll, isTfSame, pairsCode, py, scalarOr, transposedCrops, type CodeOptions, type LayerCode } from './conv-codegen-common';

export function flaxLayer(layer: ConvLayer, options: CodeOptions): LayerCode {
  const comments: string[] = [];
  const keywords: [string, string][] = [];
  const zero = isAll(layer.padding.flat(), 0);
  const tuple = (v: readonly number[]) => py(v);
  if (layer.family === 'conv' || layer.family === 'conv_transpose') {
    const transposed = layer.family === 'conv_transpose';
    const callee = transposed ? 'nn.ConvTranspose' : 'nn.Conv';
    keywords.push(['features', String(layer.out_channels)], ['kernel_size', tuple(layer.kernel_size)]);
    if (!isAll(layer.stride, 1)) keywords.push(['strides', scalarOr(layer.stride)]);
    if (transposed) {
      // lax.conv_transpose pads the stride-dilated input: k_d − 1 − crop on each side (a negative end crop is extra).
      const { before, end } = transposedCrops(layer);
      const pairs = layer.kernel_size.map((k, i) => {
        const keff = (k - 1) * layer.dilation[i] + 1;
        return [keff - 1 - before[i], keff - 1 - end[i]];
      });
      const named = (['SAME', 'VALID'] as const).find((mode) => samePairsOf(flaxTransposeModePairs(mode, layer), pairs));
      if (named !== 'SAME') keywords.push(['padding', named ? py(named) : pairsCode(pairs)]);
    } else if (zero) keywords.push(['padding', py('VALID')]);
    else if (!isTfSame(layer, options)) keywords.push(['padding', pairsCode(layer.padding)]);
    if (!isAll(layer.dilation, 1)) keywords.push(['kernel_dilation', scalarOr(layer.dilation)]);
    if (layer.groups !== 1) {
      if (transposed) comments.push(`groups=${layer.groups} cannot be expressed: Flax's ConvTranspose has no feature_group_count.`);
      else keywords.push(['feature_group_count', String(layer.groups)]);
    }
    if (!layer.bias) keywords.push(['use_bias', 'False']);
    // PyTorch's transposed conv flips the kernel and swaps its axes; Flax does so only when asked.
    if (transposed) keywords.push(['transpose_kernel', 'True']);
    if (!zero && layer.padding_mode !== 'zeros') {
      comments.push(
        `padding_mode='${layer.padding_mode}' cannot be expressed with these pads in Flax (it pads with zeros); pad first with jnp.pad(x, ..., mode='${layer.padding_mode === 'reflect' ? 'reflect' : layer.padding_mode === 'replicate' ? 'edge' : 'wrap'}') and use padding='VALID'.`,
      );
    }
    if (layer.flip_kernel) comments.push('The lab flips the kernel (true convolution); Flax cross-correlates, so flip the kernel weights.');
    return { pieces: [{ code: `${callee}(${keywords.map(([k, v]) => `${k}=${v}`).join(', ')})` }], comments, args: { positional: [], keywords }, callee };
  }
  const max = layer.family === 'max_pool';
  const callee = max ? 'nn.max_pool' : 'nn.avg_pool';
  const positional = ['x', tuple(layer.kernel_size)];
  if (!isAll(layer.stride, 1)) keywords.push(['strides', tuple(layer.stride)]);
  if (!zero) {
    keywords.push(['padding', isTfSame(layer, options) ? py('SAME') : pairsCode(layer.padding)]);
    if (!max && !layer.count_include_pad) keywords.push(['count_include_pad', 'False']);
  }
  if (!isAll(layer.dilation, 1)) comments.push(`dilation ${scalarOr(layer.dilation)} cannot be expressed: Flax's ${callee} has no dilation.`);
  if (layer.ceil_mode) comments.push('ceil_mode=True cannot be expressed in Flax (pad the input by hand to keep the last partial window).');
  if (layer.divisor_override) comments.push(`divisor_override=${layer.divisor_override} cannot be expressed in Flax.`);
  return {
    pieces: [{ code: `${callee}(${[...positional, ...keywords.map(([k, v]) => `${k}=${v}`)].join(', ')})`, applied: true }],
    comments,
    args: { positional, keywords },
    callee,
    takesInput: true,
  };
}

export function flaxShapeLayer(raw: ConvLayerJson): LayerCode {
  const fn = (code: string, callee: string): LayerCode => ({
    pieces: [{ code, applied: true }],
    comments: [],
    args: { positional: ['x'], keywords: [] },
    callee,
    takesInput: true,
  });
  const mod = (code: string, callee: string, keywords: [string, string][] = []): LayerCode => ({
    pieces: [{ code }],
    comments: [],
    args: { positional: [], keywords },
    callee,
  });
  switch (raw.op) {
    case 'relu':
    case 'gelu':
    case 'tanh':
    case 'sigmoid':
    case 'elu':
    case 'relu6':
    case 'silu':
      return fn(`nn.${raw.op}(x)`, `nn.${raw.op}`);
    case 'leaky_relu':
      return fn(`nn.leaky_relu(x, negative_slope=${py(typeof raw.negative_slope === 'number' ? raw.negative_slope : 0.01)})`, 'nn.leaky_relu');
    case 'softmax':
      return fn('nn.softmax(x)', 'nn.softmax');
    case 'identity':
      return { pieces: [], comments: [], args: { positional: [], keywords: [] }, callee: '' };
    case 'dropout': {
      const rate = typeof raw.p === 'number' ? raw.p : typeof raw.rate === 'number' ? raw.rate : 0.5;
      return mod(`nn.Dropout(rate=${py(rate)}, deterministic=True)`, 'nn.Dropout', [
        ['rate', py(rate)],
        ['deterministic', 'True'],
      ]);
    }
    case 'batch_norm1d':
    case 'batch_norm2d':
    case 'batch_norm3d':
      return mod('nn.BatchNorm(use_running_average=True)', 'nn.BatchNorm', [['use_running_average', 'True']]);
    case 'flatten':
      if ((raw.start_dim ?? 1) === 1 && (raw.end_dim ?? -1) === -1) return fn('x.reshape((x.shape[0], -1))', 'x.reshape');
      break;
    case 'linear': {
      const kw: [string, string][] = [['features', String(raw.out_features)], ...(raw.bias === false ? [['use_bias', 'False'] as [string, string]] : [])];
      return mod(`nn.Dense(${kw.map(([k, v]) => `${k}=${v}`).join(', ')})`, 'nn.Dense', kw);
    }
  }
  const adaptive = /^adaptive_(avg|max)_pool([123])d$/.exec(raw.op);
  const size = raw.output_size;
  if (adaptive && (size === 1 || (Array.isArray(size) && size.every((v) => v === 1)))) {
    const axes = Array.from({ length: Number(adaptive[2]) }, (_, i) => i + 1);
    return fn(`jnp.${adaptive[1] === 'avg' ? 'mean' : 'max'}(x, axis=${py(axes)}, keepdims=True)`, `jnp.${adaptive[1] === 'avg' ? 'mean' : 'max'}`);
  }
  return { pieces: [], comments: [`${raw.op} ${JSON.stringify(raw)} has no Flax equivalent here.`], args: { positional: [], keywords: [] }, callee: '' };
}

/** jax's _conv_transpose_padding for 'SAME' and 'VALID', per axis. */
function flaxTransposeModePairs(mode: 'SAME' | 'VALID', layer: ConvLayer): number[][] {
  return layer.kernel_size.map((k0, i) => {
    const k = (k0 - 1) * layer.dilation[i] + 1;
    const s = layer.stride[i];
    const len = mode === 'SAME' ? k + s - 2 : k + s - 2 + Math.max(k - s, 0);
    const a = mode === 'SAME' ? (s > k - 1 ? k - 1 : Math.ceil(len / 2)) : k - 1;
    return [a, len - a];
  });
}

const samePairsOf = (a: number[][], b: number[][]) => a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);
