/**
 * Conv and pooling layers as PyTorch code (nn.ConvNd, nn.MaxPoolNd, ... and the shape-only layers
 * of TORCH_LAYERS), for compute/recognize/conv-codegen.ts. nn.ConvNd pads the same on both sides:
 * uneven padding becomes a padding layer first, and a transposed conv's uneven crop a cropping pad
 * layer after.
 */
import { ComputeError } from '../errors';
import { TORCH_LAYERS } from './torch-layers';
import type { ConvLayer, ConvLayerJson } from '../conv/layer';
import { isAll, py, scalarOr, transposedCrops, type LayerCode } from './conv-codegen-common';

const TORCH_CLASS: Record<string, string> = {
  conv: 'Conv',
  conv_transpose: 'ConvTranspose',
  max_pool: 'MaxPool',
  avg_pool: 'AvgPool',
};

/** Class name for a shape-only op (the first class in TORCH_LAYERS with that op). */
function torchShapeClass(op: string): string | undefined {
  return Object.keys(TORCH_LAYERS).find((name) => TORCH_LAYERS[name].op === op);
}

/** PyTorch pad layers take (left, right, top, bottom, front, back): last axis first. */
function torchPadLayer(layer: ConvLayer): { code?: string; comment?: string } {
  const pads = [...layer.padding].reverse().flat().join(', ');
  const d = layer.dims;
  switch (layer.padding_mode) {
    case 'zeros':
      return { code: d === 2 ? `nn.ZeroPad2d((${pads}))` : `nn.ConstantPad${d}d((${pads}), 0.0)` };
    case 'reflect':
      return { code: `nn.ReflectionPad${d}d((${pads}))` };
    case 'replicate':
      return { code: `nn.ReplicationPad${d}d((${pads}))` };
    case 'circular':
      return { code: `nn.CircularPad${d}d((${pads}))`, comment: 'nn.CircularPad*d needs PyTorch 2.1 or later (earlier: F.pad(x, ..., mode="circular")).' };
  }
}

export function torchLayer(layer: ConvLayer): LayerCode {
  const d = layer.dims;
  const callee = `nn.${TORCH_CLASS[layer.family]}${d}d`;
  const positional: string[] = [];
  const keywords: [string, string][] = [];
  const comments: string[] = [];
  const pieces: LayerCode['pieces'] = [];
  const isConv = layer.family === 'conv' || layer.family === 'conv_transpose';
  if (isConv) positional.push(String(layer.in_channels), String(layer.out_channels));
  keywords.push(['kernel_size', scalarOr(layer.kernel_size)]);
  const strideDefault = isConv ? isAll(layer.stride, 1) : layer.stride.every((s, i) => s === layer.kernel_size[i]);
  if (!strideDefault) keywords.push(['stride', scalarOr(layer.stride)]);
  const even = layer.padding.every(([a, b]) => a === b);
  let post: string | undefined;
  if (layer.family === 'conv_transpose') post = torchTransposedPadding(layer, keywords, comments);
  else if (layer.paddingSpec === 'same' && layer.family === 'conv') keywords.push(['padding', py('same')]);
  else if (even) {
    const p = layer.padding.map(([a]) => a);
    if (!isAll(p, 0)) keywords.push(['padding', scalarOr(p)]);
  } else {
    // nn.ConvNd pads evenly: pad unevenly with a padding layer first (in the padding mode).
    const pad = torchPadLayer(layer);
    if (pad.code) pieces.push({ code: pad.code });
    if (pad.comment) comments.push(pad.comment);
  }
  if (!isAll(layer.dilation, 1)) keywords.push(['dilation', scalarOr(layer.dilation)]);
  if (isConv) {
    if (layer.groups !== 1) keywords.push(['groups', String(layer.groups)]);
    if (!layer.bias) keywords.push(['bias', 'False']);
    // With an explicit padding layer the conv itself pads nothing, so its mode does not matter.
    if (layer.padding_mode !== 'zeros' && !pieces.length) keywords.push(['padding_mode', py(layer.padding_mode)]);
    if (layer.flip_kernel)
      comments.push('The lab flips the kernel (true convolution); PyTorch cross-correlates, so flip the weight: w.flip(dims=tuple(range(2, w.dim()))).');
  } else {
    if (layer.ceil_mode) keywords.push(['ceil_mode', 'True']);
    if (layer.family === 'avg_pool' && !layer.count_include_pad) keywords.push(['count_include_pad', 'False']);
    if (layer.divisor_override) keywords.push(['divisor_override', String(layer.divisor_override)]);
  }
  pieces.push({ code: `${callee}(${[...positional, ...keywords.map(([k, v]) => `${k}=${v}`)].join(', ')})` });
  if (post) pieces.push({ code: post });
  return { pieces, comments, args: { positional, keywords }, callee };
}

/**
 * A transposed conv's crops (transposedCrops) in PyTorch, which pads evenly: padding = before and
 * output_padding = before − end crop when that is allowed, else padding 0 and a cropping pad
 * layer (negative padding) after.
 */
function torchTransposedPadding(layer: ConvLayer, keywords: [string, string][], comments: string[]): string | undefined {
  const { before, end } = transposedCrops(layer);
  const limit = layer.stride.map((s, i) => Math.max(s, layer.dilation[i]));
  const op = before.map((a, i) => a - end[i]);
  if (op.every((o, i) => o >= 0 && o < limit[i])) {
    if (!isAll(before, 0)) keywords.push(['padding', scalarOr(before)]);
    if (!isAll(op, 0)) keywords.push(['output_padding', scalarOr(op)]);
    return undefined;
  }
  const extra = end.map((c) => Math.max(-c, 0));
  if (extra.some((e, i) => e >= limit[i])) comments.push(`output_padding ${scalarOr(extra)} must be smaller than stride or dilation in PyTorch.`);
  if (!isAll(extra, 0)) keywords.push(['output_padding', scalarOr(extra)]);
  const crops = before.map((a, i) => [a, Math.max(end[i], 0)]);
  if (isAll(crops.flat(), 0)) return undefined;
  // Negative constant padding crops (F.pad); last axis first.
  const pads = [...crops]
    .reverse()
    .flat()
    .map((v) => (v === 0 ? 0 : -v))
    .join(', ');
  return layer.dims === 2 ? `nn.ZeroPad2d((${pads}))` : `nn.ConstantPad${layer.dims}d((${pads}), 0.0)`;
}

export function torchShapeLayer(raw: ConvLayerJson): LayerCode {
  const name = torchShapeClass(raw.op);
  if (!name) throw new ComputeError(`No PyTorch layer for "${raw.op}".`);
  const sig = TORCH_LAYERS[name];
  const positional: string[] = [];
  const keywords: [string, string][] = [];
  for (const param of sig.params) {
    if (param === 'inplace' || param === 'return_indices') continue;
    const value = raw[param];
    if (!Object.hasOwn(sig.defaults, param)) {
      if (value === undefined) throw new ComputeError(`${raw.op} needs "${param}" to be written as PyTorch code.`);
      positional.push(py(value));
    } else if (value !== undefined && JSON.stringify(value) !== JSON.stringify(sig.defaults[param])) {
      keywords.push([param, py(value)]);
    }
  }
  const callee = `nn.${name}`;
  return {
    pieces: [{ code: `${callee}(${[...positional, ...keywords.map(([k, v]) => `${k}=${v}`)].join(', ')})` }],
    comments: [],
    args: { positional, keywords },
    callee,
  };
}
