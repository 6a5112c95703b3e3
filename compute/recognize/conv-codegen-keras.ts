/**
 * Conv and pooling layers as Keras code (layers.Conv2D, layers.MaxPooling2D, ... and the shape-only
 * layers), for compute/recognize/conv-codegen.ts. Keras has only 'same'/'valid' padding: other
 * paddings become a ZeroPadding layer first, and a transposed conv Keras cannot crop a Cropping
 * layer after. 'same' is TensorFlow's, written only when it matches the layer's padding exactly.
 */
import type { ConvLayer, ConvLayerJson } from '../conv/layer';
import { allEqual, isAll, isTfSame, pairsCode, py, scalarOr, transposedCrops, type CodeOptions, type LayerCode } from './conv-codegen-common';

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

export function kerasLayer(layer: ConvLayer, options: CodeOptions): LayerCode {
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

export function kerasShapeLayer(raw: ConvLayerJson, next: ConvLayerJson | undefined): LayerCode & { consumesNext?: boolean } {
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
