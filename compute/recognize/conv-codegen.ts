/**
 * Conv and pooling layers as Python source for PyTorch, Keras or Flax: "Copy as code" in the conv
 * lab, and the arguments "Apply to code" writes into a call (compute/recognize/apply-conv.ts).
 *
 * The layers are the lab's (PyTorch argument names, scalars or per-axis tuples). Only arguments
 * that differ from the framework's default are written, as a person would. What a framework
 * cannot express is said in a `# comment` rather than dropped silently:
 * - Keras has only 'same'/'valid' padding: other paddings become a ZeroPadding layer first.
 * - PyTorch convolutions pad the same on both sides: uneven padding becomes a padding layer first.
 * - Keras/Flax 'same' is TensorFlow's (extra element after, output ⌈n/s⌉); it is written only when
 *   the layer's input size is known and the padding matches it exactly.
 * No parser here, so the webview can use it without bundling one.
 */
import { ComputeError } from '../errors';
import { pythonLiteral } from '../optim/codegen';
import { tfSamePadding, type LayerFramework } from './frameworks';
import { TORCH_LAYERS } from './torch-layers';
import { analyzeConvRequest } from '../conv/request';
import { isShapeOp, normalizeLayer, type ConvLayer, type ConvLayerJson } from '../conv/layer';

/** One layer as code: what it takes in the framework. */
export interface LayerCode {
  /**
   * Expressions in order (a padding layer may come first). PyTorch and Keras: layer objects.
   * Flax: modules (`nn.Conv(...)`, applied to `x` by the caller) or, when `applied`, whole
   * expressions in `x` (`nn.max_pool(x, ...)`).
   */
  pieces: { code: string; applied?: boolean }[];
  /** What the framework cannot express, one sentence each (written as `# ...` lines). */
  comments: string[];
  /** Argument names the code sets and their Python source, for the main call (apply-conv). */
  args: { positional: string[]; keywords: [string, string][] };
  /** The main call's callee, e.g. `nn.Conv2d`, `layers.MaxPooling2D`, `nn.max_pool`. */
  callee: string;
  /** Flax functions take the input first: the main call's first argument is `x`. */
  takesInput?: boolean;
}

export interface CodeOptions {
  /** The (N, C, *spatial) shape flowing into the layer; lets Keras/Flax write 'same'. */
  inShape?: readonly number[];
}

/** A JSON value as Python, with strings in single quotes as most Python code writes them. */
export function py(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return value.length === 1 ? `(${py(value[0])},)` : `(${value.map(py).join(', ')})`;
  return pythonLiteral(value);
}

const allEqual = (v: readonly number[]) => v.every((x) => x === v[0]);
/** A per-axis value as a person writes it: one number when every axis agrees. */
const scalarOr = (v: readonly number[]) => (allEqual(v) ? py(v[0]) : py(v));
const isAll = (v: readonly number[], n: number) => v.every((x) => x === n);
const pairsCode = (pairs: readonly (readonly number[])[]) => `(${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')}${pairs.length === 1 ? ',' : ''})`;

/** The layer's padding is TensorFlow's 'SAME' for its input (or 'same' with stride 1). */
function isTfSame(layer: ConvLayer, options: CodeOptions): boolean {
  if (layer.paddingSpec === 'same') return true;
  if (isAll(layer.padding.flat(), 0)) return false;
  const s = options.inShape;
  const spatial = s && s.length === layer.dims + 2 ? s.slice(2) : undefined;
  return layer.padding.every(([a, b], i) => {
    const total = layer.dilation[i] * (layer.kernel_size[i] - 1);
    // With stride 1, 'SAME' pads d·(k − 1) whatever the size; otherwise it depends on the size.
    if (layer.stride[i] === 1) return a === Math.floor(total / 2) && b === total - a;
    if (!spatial) return false;
    const [tb, ta] = tfSamePadding(spatial[i], layer.kernel_size[i], layer.stride[i], layer.dilation[i]);
    return a === tb && b === ta;
  });
}

// ---------------------------------------------------------------- PyTorch

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

function torchLayer(layer: ConvLayer): LayerCode {
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
 * A transposed conv's output is its full output ((n − 1)·s + k_d per axis) cropped by `before`
 * at the start and by `after − output_padding` at the end (negative: extra samples). Keras and
 * Flax layers read back with uneven pairs; PyTorch pads evenly, so: padding = before and
 * output_padding = before − end crop when that is allowed, else padding 0 and a cropping pad
 * layer (negative padding) after.
 */
function transposedCrops(layer: ConvLayer): { before: number[]; end: number[] } {
  return { before: layer.padding.map(([a]) => a), end: layer.padding.map(([, b], i) => b - layer.output_padding[i]) };
}

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

function torchShapeLayer(raw: ConvLayerJson): LayerCode {
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

// ---------------------------------------------------------------- Keras

/** `layers.ZeroPaddingND(...)` for these [before, after] pairs. */
function kerasZeroPadding(pairs: readonly [number, number][]): string {
  const d = pairs.length;
  const even = pairs.every(([a, b]) => a === b);
  let arg: string;
  if (even && allEqual(pairs.map(([a]) => a))) arg = String(pairs[0][0]);
  else if (d === 1) arg = py(pairs[0]);
  else if (even) arg = py(pairs.map(([a]) => a));
  else arg = pairsCode(pairs);
  return `layers.ZeroPadding${d}D(padding=${arg})`;
}

function kerasLayer(layer: ConvLayer, options: CodeOptions): LayerCode {
  const d = layer.dims;
  const pieces: LayerCode['pieces'] = [];
  const comments: string[] = [];
  const keywords: [string, string][] = [];
  const zero = isAll(layer.padding.flat(), 0);
  let callee: string;
  let post: string | undefined;
  if (layer.family === 'conv' || layer.family === 'conv_transpose') {
    const transposed = layer.family === 'conv_transpose';
    callee = `layers.Conv${d}D${transposed ? 'Transpose' : ''}`;
    keywords.push(['filters', String(layer.out_channels)], ['kernel_size', scalarOr(layer.kernel_size)]);
    if (!isAll(layer.stride, 1)) keywords.push(['strides', scalarOr(layer.stride)]);
    if (transposed) post = kerasTransposedPadding(layer, keywords, comments);
    else if (!zero) {
      if (isTfSame(layer, options)) keywords.push(['padding', py('same')]);
      else pieces.push({ code: kerasZeroPadding(layer.padding) });
      if (layer.padding_mode !== 'zeros') {
        const how =
          layer.padding_mode === 'reflect' ? "pad with tf.pad(x, ..., mode='REFLECT') and use padding='valid' instead" : 'TensorFlow has no such padding mode';
        comments.push(`padding_mode='${layer.padding_mode}' cannot be expressed in Keras (it pads with zeros); ${how}.`);
      }
    }
    if (!isAll(layer.dilation, 1)) keywords.push(['dilation_rate', scalarOr(layer.dilation)]);
    if (layer.groups !== 1) {
      if (transposed) comments.push(`groups=${layer.groups} cannot be expressed: Keras's ${callee} has no groups argument.`);
      else keywords.push(['groups', String(layer.groups)]);
    }
    if (!layer.bias) keywords.push(['use_bias', 'False']);
    if (!isAll(layer.stride, 1) && !isAll(layer.dilation, 1)) comments.push('Keras rejects strides > 1 together with dilation_rate > 1.');
    if (layer.flip_kernel) comments.push('The lab flips the kernel (true convolution); Keras cross-correlates, so flip the kernel weights.');
  } else {
    const max = layer.family === 'max_pool';
    callee = `layers.${max ? 'MaxPooling' : 'AveragePooling'}${d}D`;
    if (!isAll(layer.kernel_size, 2)) keywords.push(['pool_size', scalarOr(layer.kernel_size)]);
    if (!layer.stride.every((s, i) => s === layer.kernel_size[i])) keywords.push(['strides', scalarOr(layer.stride)]);
    if (!zero) {
      if (isTfSame(layer, options)) {
        keywords.push(['padding', py('same')]);
        // TF's 'same' average leaves the padding out of the count.
        if (!max && layer.count_include_pad)
          comments.push(
            "Keras's padding='same' averages over the input samples only (PyTorch count_include_pad=False); with count_include_pad=True use a ZeroPadding layer first instead.",
          );
      } else {
        pieces.push({ code: kerasZeroPadding(layer.padding) });
        if (max) comments.push('ZeroPadding pads with zeros, while PyTorch max pooling ignores the padding: values at the border can differ (shapes agree).');
        else if (!layer.count_include_pad)
          comments.push(
            'ZeroPadding makes the average count the padding (PyTorch count_include_pad=True): values at the border differ from count_include_pad=False.',
          );
      }
    }
    if (!isAll(layer.dilation, 1)) comments.push(`dilation ${scalarOr(layer.dilation)} cannot be expressed: Keras pooling has no dilation.`);
    if (layer.ceil_mode) comments.push('ceil_mode=True cannot be expressed in Keras (pad the input by hand to keep the last partial window).');
    if (layer.divisor_override) comments.push(`divisor_override=${layer.divisor_override} cannot be expressed in Keras.`);
  }
  pieces.push({ code: `${callee}(${keywords.map(([k, v]) => `${k}=${v}`).join(', ')})` });
  if (post) pieces.push({ code: post });
  return { pieces, comments, args: { positional: [], keywords }, callee };
}

/**
 * Keras's Conv*DTranspose as a crop of the full output (the recognizer's reading, after Keras's
 * conv_utils.deconv_output_length and TensorFlow's 'SAME' split): with output_padding None,
 * 'valid' crops nothing (k_d < s: s − k_d extra samples) and 'same' crops k_d − s, the odd one at
 * the end; with output_padding p the total crop is 2·pad − p (pad = ⌊k_d/2⌋ for 'same', 0 for
 * 'valid'). None of these depends on the input size. Anything else: 'valid' with the full output
 * and a Cropping layer after.
 */
function kerasTransposedCrop(mode: 'valid' | 'same', k: number, s: number, op: number | null): [number, number] {
  const total = op === null ? (mode === 'valid' ? Math.min(k - s, 0) : k - s) : 2 * (mode === 'same' ? Math.floor(k / 2) : 0) - op;
  if (total < 0) return [0, total];
  const before = mode === 'same' ? Math.floor(total / 2) : 0;
  return [before, total - before];
}

function kerasTransposedPadding(layer: ConvLayer, keywords: [string, string][], comments: string[]): string | undefined {
  const keff = layer.kernel_size.map((k, i) => (k - 1) * layer.dilation[i] + 1);
  const { before, end } = transposedCrops(layer);
  const s = layer.stride;
  const matches = (mode: 'valid' | 'same', op: (number | null)[]) =>
    keff.every((k, i) => {
      const [a, c] = kerasTransposedCrop(mode, k, s[i], op[i]);
      return a === before[i] && c === end[i];
    });
  const none = keff.map(() => null);
  for (const mode of ['valid', 'same'] as const) {
    if (matches(mode, none)) {
      if (mode === 'same') keywords.push(['padding', py('same')]);
      return undefined;
    }
  }
  for (const mode of ['valid', 'same'] as const) {
    // An explicit output_padding (< strides in Keras), found axis by axis.
    const op = keff.map((k, i) =>
      Array.from({ length: s[i] }, (_, o) => o).find((o) => {
        const [a, c] = kerasTransposedCrop(mode, k, s[i], o);
        return a === before[i] && c === end[i];
      }),
    );
    if (op.every((o) => o !== undefined)) {
      if (mode === 'same') keywords.push(['padding', py('same')]);
      keywords.push(['output_padding', scalarOr(op as number[])]);
      return undefined;
    }
  }
  // 'valid' with output_padding gives exactly the full output plus the extra samples; crop after.
  const extra = end.map((c) => Math.max(-c, 0));
  if (extra.some((e, i) => e >= s[i])) comments.push(`Keras requires output_padding < strides; output_padding ${scalarOr(extra)} is not accepted.`);
  if (!isAll(extra, 0) || keff.some((k, i) => k < s[i])) keywords.push(['output_padding', scalarOr(extra)]);
  const crops = before.map((a, i) => [a, Math.max(end[i], 0)] as [number, number]);
  if (isAll(crops.flat(), 0)) return undefined;
  const even = crops.every(([a, b]) => a === b);
  const arg =
    even && allEqual(crops.map(([a]) => a)) ? String(crops[0][0]) : layer.dims === 1 ? py(crops[0]) : even ? py(crops.map(([a]) => a)) : pairsCode(crops);
  return `layers.Cropping${layer.dims}D(cropping=${arg})`;
}

function kerasShapeLayer(raw: ConvLayerJson, next: ConvLayerJson | undefined): LayerCode & { consumesNext?: boolean } {
  const one = (code: string, callee: string, positional: string[] = [], keywords: [string, string][] = []): LayerCode => ({
    pieces: [{ code }],
    comments: [],
    args: { positional, keywords },
    callee,
  });
  const activation = (name: string) => one(`layers.Activation(${py(name)})`, 'layers.Activation', [py(name)]);
  switch (raw.op) {
    case 'relu':
      return one('layers.ReLU()', 'layers.ReLU');
    case 'leaky_relu': {
      const slope = typeof raw.negative_slope === 'number' ? raw.negative_slope : 0.01;
      return one(`layers.LeakyReLU(negative_slope=${py(slope)})`, 'layers.LeakyReLU', [], [['negative_slope', py(slope)]]);
    }
    case 'gelu':
    case 'tanh':
    case 'sigmoid':
    case 'elu':
    case 'relu6':
    case 'softmax':
      return activation(raw.op);
    case 'silu':
      return activation('swish');
    case 'identity':
      return activation('linear');
    case 'dropout': {
      const rate = typeof raw.p === 'number' ? raw.p : typeof raw.rate === 'number' ? raw.rate : 0.5;
      return one(`layers.Dropout(${py(rate)})`, 'layers.Dropout', [py(rate)]);
    }
    case 'batch_norm1d':
    case 'batch_norm2d':
    case 'batch_norm3d':
      return one('layers.BatchNormalization()', 'layers.BatchNormalization');
    case 'flatten':
      return one('layers.Flatten()', 'layers.Flatten');
    case 'linear': {
      const kw: [string, string][] = raw.bias === false ? [['use_bias', 'False']] : [];
      return one(`layers.Dense(${[String(raw.out_features), ...kw.map(([k, v]) => `${k}=${v}`)].join(', ')})`, 'layers.Dense', [String(raw.out_features)], kw);
    }
  }
  const adaptive = /^adaptive_(avg|max)_pool([123])d$/.exec(raw.op);
  if (adaptive) {
    const size = raw.output_size;
    const kind = adaptive[1] === 'avg' ? 'Average' : 'Max';
    const callee = `layers.Global${kind}Pooling${adaptive[2]}D`;
    if (size === 1 || (Array.isArray(size) && size.every((v) => v === 1))) {
      if (next?.op === 'flatten' && (next.start_dim ?? 1) === 1 && (next.end_dim ?? -1) === -1) return { ...one(`${callee}()`, callee), consumesNext: true };
      return one(`${callee}(keepdims=True)`, callee, [], [['keepdims', 'True']]);
    }
    return {
      pieces: [],
      comments: [`${raw.op} to ${JSON.stringify(size)} has no Keras layer (only global pooling to 1).`],
      args: { positional: [], keywords: [] },
      callee,
    };
  }
  return { pieces: [], comments: [`${raw.op} has no Keras equivalent here.`], args: { positional: [], keywords: [] }, callee: '' };
}

// ---------------------------------------------------------------- Flax

function flaxLayer(layer: ConvLayer, options: CodeOptions): LayerCode {
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

function flaxShapeLayer(raw: ConvLayerJson): LayerCode {
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

// ---------------------------------------------------------------- entry points

/** The code of one layer as structured pieces (used by apply-conv and the functions below). */
export function layerCodeParts(
  raw: ConvLayerJson,
  framework: LayerFramework,
  options: CodeOptions = {},
  next?: ConvLayerJson,
): LayerCode & { consumesNext?: boolean } {
  if (isShapeOp(raw.op)) {
    if (framework === 'keras') return kerasShapeLayer(raw, next);
    if (framework === 'flax') return flaxShapeLayer(raw);
    return torchShapeLayer(raw);
  }
  const layer = normalizeLayer(raw);
  return framework === 'keras' ? kerasLayer(layer, options) : framework === 'flax' ? flaxLayer(layer, options) : torchLayer(layer);
}

const commentLines = (comments: readonly string[], indent = '') => comments.map((c) => `${indent}# ${c}`);

/**
 * One layer as code, e.g. `nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)`,
 * `layers.Conv2D(filters=32, kernel_size=3, strides=2, padding='same')` or
 * `nn.Conv(features=32, kernel_size=(3, 3))`. `# ...` lines first say what the framework cannot
 * express; Keras may need a ZeroPadding layer on the line before (one expression per line).
 * PyTorch's uneven padding gives `nn.Sequential(pad, conv)`.
 */
export function convLayerCode(layer: ConvLayerJson, framework: LayerFramework, options: CodeOptions = {}): string {
  const parts = layerCodeParts(layer, framework, { inShape: options.inShape ?? inShapeOf(layer) });
  const codes = parts.pieces.map((p) => p.code);
  const body = framework === 'pytorch' && codes.length > 1 ? `nn.Sequential(${codes.join(', ')})` : codes.join('\n');
  return [...commentLines(parts.comments), body].filter((l) => l !== '').join('\n');
}

function inShapeOf(layer: ConvLayerJson): number[] | undefined {
  const s = layer.inShape;
  return Array.isArray(s) && s.every((v) => typeof v === 'number') ? (s as number[]) : undefined;
}

/** Each layer's input shape, from the layers' own `inShape` or by analyzing from `inputShape`. */
function inShapes(layers: readonly ConvLayerJson[], inputShape?: readonly number[]): (number[] | undefined)[] {
  if (inputShape) {
    try {
      return analyzeConvRequest({ kind: 'conv', layers: [...layers], inputShape: [...inputShape] }).layers.map((l) => l.inShape);
    } catch {
      // Fall back to what the layers carry.
    }
  }
  return layers.map(inShapeOf);
}

export interface StackCodeOptions {
  /** (N, C, *spatial), NCHW; defaults to the first layer's `inShape` when it has one. */
  inputShape?: readonly number[];
  /** Indentation of the layers inside the block (default four spaces). */
  indent?: string;
}

/**
 * A whole stack as code: `nn.Sequential(...)` (PyTorch), `keras.Sequential([keras.Input(...),
 * ...])` (Keras, with the input shape when it is known), or `x = ...(x)` lines as in a Flax
 * module's `__call__`. A single PyTorch layer is written alone.
 */
export function convStackCode(layers: readonly ConvLayerJson[], framework: LayerFramework, options: StackCodeOptions = {}): string {
  if (layers.length === 0) throw new ComputeError('There are no layers to write as code.');
  const indent = options.indent ?? '    ';
  const inputShape = options.inputShape ?? inShapeOf(layers[0]);
  const shapes = inShapes(layers, inputShape);
  const lines: string[] = [];
  let count = 0;
  for (let i = 0; i < layers.length; i++) {
    const parts = layerCodeParts(layers[i], framework, { inShape: shapes[i] }, layers[i + 1]);
    if (parts.consumesNext) i++;
    if (framework === 'flax') {
      lines.push(...commentLines(parts.comments), ...parts.pieces.map((p) => `x = ${p.code}${p.applied ? '' : '(x)'}`));
    } else {
      lines.push(...commentLines(parts.comments, indent), ...parts.pieces.map((p) => `${indent}${p.code},`));
    }
    count += parts.pieces.length;
  }
  if (framework === 'flax') return `${lines.join('\n')}\n`;
  if (framework === 'keras') {
    const input = inputShape && inputShape.length >= 3 ? [`${indent}keras.Input(shape=${py([...inputShape.slice(2), inputShape[1]])}),`] : [];
    return `keras.Sequential([\n${[...input, ...lines].join('\n')}\n])\n`;
  }
  if (count === 1 && !lines.some((l) => l.trimStart().startsWith('#'))) return `${lines[0].trim().replace(/,$/, '')}\n`;
  return `nn.Sequential(\n${lines.join('\n')}\n)\n`;
}
