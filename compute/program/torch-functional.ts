/**
 * torch.nn.functional: the same shape rules as the layers, with weights passed as tensors
 * (F.conv2d(x, weight, bias, stride, padding, dilation, groups): weight (C_out, C_in/g, *k)).
 */
import { ComputeError } from '../errors';
import { normalizeLayer } from '../conv/layer';
import type { BoundArgs } from './table-types';
import { gluForward, softmaxForward } from './torch-activations';
import { boolArg, isNone, knownDifferent, macCount, mulDim, plain, sameDim, shapeArg, showShape, sizeArg, sumMacs } from './torch-dims';
import { embeddingForward, layerNormForward, linearForward } from './torch-layers-basic';
import { fromForward, input, NONE_RF, ok, spec, tensor, type OpResult, type OpSpec } from './torch-op-kit';
import { broadcastShapes, reduceShape } from './torch-shape';
import {
  adaptiveForward,
  convForward,
  foldForward,
  interpolateForward,
  padForward,
  pixelShuffleForward,
  pixelUnshuffleForward,
  poolForward,
  poolWindow,
  unfoldForward,
} from './torch-window';
import { num, SymDim, TensorV, tuple } from './values';

/** Same shape out as in: activations, dropout, normalization. */
const pointwise = (op: string, params: string[] = [], defaults: BoundArgs = {}): OpSpec =>
  spec(['input', ...params], defaults, (a) => {
    const x = input(a);
    return ok(tensor(x.shape), op);
  });

const INPLACE = { inplace: false };
const DROPOUT = (op: string) => pointwise(op, ['p', 'training', 'inplace'], { p: 0.5, training: true, inplace: false });

const ACTIVATIONS: Record<string, OpSpec> = {
  relu: pointwise('relu', ['inplace'], INPLACE),
  relu_: pointwise('relu'),
  relu6: pointwise('relu6', ['inplace'], INPLACE),
  elu: pointwise('elu', ['alpha', 'inplace'], { alpha: 1.0, ...INPLACE }),
  selu: pointwise('selu', ['inplace'], INPLACE),
  celu: pointwise('celu', ['alpha', 'inplace'], { alpha: 1.0, ...INPLACE }),
  leaky_relu: pointwise('leaky_relu', ['negative_slope', 'inplace'], { negative_slope: 0.01, ...INPLACE }),
  gelu: pointwise('gelu', ['approximate'], { approximate: 'none' }),
  silu: pointwise('silu', ['inplace'], INPLACE),
  mish: pointwise('mish', ['inplace'], INPLACE),
  hardswish: pointwise('hardswish', ['inplace'], INPLACE),
  hardsigmoid: pointwise('hardsigmoid', ['inplace'], INPLACE),
  hardtanh: pointwise('hardtanh', ['min_val', 'max_val', 'inplace'], { min_val: -1.0, max_val: 1.0, ...INPLACE }),
  softplus: pointwise('softplus', ['beta', 'threshold'], { beta: 1, threshold: 20 }),
  softsign: pointwise('softsign'),
  logsigmoid: pointwise('log_sigmoid'),
  tanhshrink: pointwise('tanhshrink'),
  softshrink: pointwise('softshrink', ['lambd'], { lambd: 0.5 }),
  hardshrink: pointwise('hardshrink', ['lambd'], { lambd: 0.5 }),
  threshold: pointwise('threshold', ['threshold', 'value', 'inplace'], INPLACE),
  rrelu: pointwise('rrelu', ['lower', 'upper', 'training', 'inplace'], { lower: 1 / 8, upper: 1 / 3, training: false, ...INPLACE }),
  sigmoid: pointwise('sigmoid'),
  tanh: pointwise('tanh'),
  prelu: pointwise('prelu', ['weight']),
  dropout: DROPOUT('dropout'),
  dropout1d: DROPOUT('dropout1d'),
  dropout2d: DROPOUT('dropout2d'),
  dropout3d: DROPOUT('dropout3d'),
  alpha_dropout: pointwise('alpha_dropout', ['p', 'training', 'inplace'], { p: 0.5, training: false, inplace: false }),
  feature_alpha_dropout: pointwise('feature_alpha_dropout', ['p', 'training', 'inplace'], { p: 0.5, training: false, inplace: false }),
  softmax: spec(['input', 'dim', '_stacklevel', 'dtype'], { dim: null, _stacklevel: 3, dtype: null }, (a) =>
    fromForward(softmaxForward(input(a), a.dim), 'softmax'),
  ),
  log_softmax: spec(['input', 'dim', '_stacklevel', 'dtype'], { dim: null, _stacklevel: 3, dtype: null }, (a) =>
    fromForward(softmaxForward(input(a), a.dim), 'log_softmax'),
  ),
  softmin: spec(['input', 'dim', '_stacklevel', 'dtype'], { dim: null, _stacklevel: 3, dtype: null }, (a) =>
    fromForward(softmaxForward(input(a), a.dim), 'softmin'),
  ),
  glu: spec(['input', 'dim'], { dim: -1 }, (a) => fromForward(gluForward(input(a), a.dim), 'glu')),
};

const NORMS: Record<string, OpSpec> = {
  normalize: pointwise('normalize', ['p', 'dim', 'eps', 'out'], { p: 2.0, dim: 1, eps: 1e-12, out: null }),
  layer_norm: spec(['input', 'normalized_shape', 'weight', 'bias', 'eps'], { weight: null, bias: null, eps: 1e-5 }, (a) =>
    fromForward(layerNormForward(input(a), shapeArg(a.normalized_shape, 'normalized_shape')), 'layer_norm'),
  ),
  rms_norm: spec(['input', 'normalized_shape', 'weight', 'eps'], { weight: null, eps: null }, (a) =>
    fromForward(layerNormForward(input(a), shapeArg(a.normalized_shape, 'normalized_shape')), 'rms_norm'),
  ),
  group_norm: pointwise('group_norm', ['num_groups', 'weight', 'bias', 'eps'], { weight: null, bias: null, eps: 1e-5 }),
  batch_norm: spec(
    ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'],
    { weight: null, bias: null, training: false, momentum: 0.1, eps: 1e-5 },
    (a) => {
      const x = input(a);
      const stats = a.running_mean instanceof TensorV ? a.running_mean.shape[0] : undefined;
      if (stats !== undefined && knownDifferent(x.shape[1], stats)) throw new ComputeError(`running_mean should contain ${x.shape[1]} elements not ${stats}`);
      return ok(tensor(x.shape), 'batch_norm');
    },
  ),
  instance_norm: pointwise('instance_norm', ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], {
    running_mean: null,
    running_var: null,
    weight: null,
    bias: null,
    use_input_stats: true,
    momentum: 0.1,
    eps: 1e-5,
  }),
  local_response_norm: pointwise('local_response_norm', ['size', 'alpha', 'beta', 'k'], { alpha: 1e-4, beta: 0.75, k: 1.0 }),
  embedding: spec(
    ['input', 'weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'],
    { padding_idx: null, max_norm: null, norm_type: 2.0, scale_grad_by_freq: false, sparse: false },
    (a) => {
      const w = input(a, 'weight');
      if (w.shape.length !== 2) throw new ComputeError("'weight' must be 2-D");
      return fromForward(embeddingForward(input(a), w.shape[1]), 'embedding');
    },
  ),
  one_hot: spec(['tensor', 'num_classes'], { num_classes: -1 }, (a) => {
    const n = num(a.num_classes, 'num_classes');
    return ok(tensor([...input(a, 'tensor').shape, n === -1 ? 'num_classes' : n]), 'one_hot');
  }),
};

// ── Convolution and linear maps with weight tensors ─────────────────────────────────────────────

function convFunctional(dims: number, transposed: boolean): OpSpec {
  const op = `${transposed ? 'conv_transpose' : 'conv'}${dims}d`;
  const params = transposed
    ? ['input', 'weight', 'bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation']
    : ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'];
  return spec(params, { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1, ...(transposed ? { output_padding: 0 } : {}) }, (a) => {
    const x = input(a);
    const w = input(a, 'weight');
    if (w.shape.length !== dims + 2) throw new ComputeError(`Expected ${dims + 2}-dimensional weight for ${op}, but got weight of size ${showShape(w.shape)}`);
    const groups = num(a.groups, 'groups');
    const kernel = w.shape.slice(2).map((k) => num(k as number, 'weight'));
    // Conv weight (C_out, C_in/g, *k); transposed (C_in, C_out/g, *k).
    const [inC, outC] = transposed ? [w.shape[0], mulDim(w.shape[1], groups)] : [mulDim(w.shape[1], groups), w.shape[0]];
    const layer = normalizeLayer({
      op,
      in_channels: groups,
      out_channels: groups,
      kernel_size: kernel,
      stride: plain(a.stride, 'stride') as number | number[],
      padding: plain(a.padding, 'padding') as number | number[] | 'same' | 'valid',
      dilation: plain(a.dilation, 'dilation') as number | number[],
      groups,
      ...(transposed ? { output_padding: plain(a.output_padding, 'output_padding') as number | number[] } : {}),
    });
    const r = convForward(
      {
        op,
        dims,
        transposed,
        inC,
        outC,
        weight: w.shape,
        kernel,
        stride: layer.stride,
        dilation: layer.dilation,
        padding: layer.padding,
        outputPadding: layer.output_padding,
        groups,
      },
      x,
    );
    return fromForward(r, op);
  });
}

const LINEAR: Record<string, OpSpec> = {
  linear: spec(['input', 'weight', 'bias'], { bias: null }, (a) => {
    const w = input(a, 'weight');
    const [outF, inF] = w.shape.length === 2 ? w.shape : [1, w.shape[0]];
    const r = linearForward(input(a), inF, outF);
    return fromForward(w.shape.length === 2 ? r : { ...r, out: tensor((r.out as TensorV).shape.slice(0, -1)) }, 'linear');
  }),
  bilinear: spec(['input1', 'input2', 'weight', 'bias'], { bias: null }, (a) => {
    const [x1, x2, w] = [input(a, 'input1'), input(a, 'input2'), input(a, 'weight')];
    const [out, in1, in2] = w.shape;
    const lead = broadcastShapes(x1.shape.slice(0, -1), x2.shape.slice(0, -1));
    return ok(tensor([...lead, out]), 'bilinear', SAME_OR_NONE(x1), macCount([...lead, out, in1, in2]));
  }),
};

const SAME_OR_NONE = (x: TensorV) => (x.shape.length <= 2 ? NONE_RF : { kind: 'same' as const });

// ── Pooling, padding, resampling ────────────────────────────────────────────────────────────────

/**
 * `F.avg_pool2d(x, x.size()[2:])`: a window as large as the input, written with the input's own
 * (possibly symbolic) sizes, is a global pool: output 1 per axis.
 */
function wholeInputPool(a: BoundArgs, dims: number, op: string): OpResult | undefined {
  const k = a.kernel_size;
  if (!Array.isArray(k) || k.length !== dims || !k.some((v) => v instanceof SymDim) || !isNone(a.stride)) return undefined;
  const x = input(a);
  const spatial = x.shape.slice(-dims);
  if (!k.every((v, i) => sameDim(sizeArg(v, 'kernel_size'), spatial[i]))) return undefined;
  return ok(tensor([...x.shape.slice(0, -dims), ...spatial.map(() => 1)]), op, { kind: 'global' });
}

function maxPoolFunctional(dims: number): OpSpec {
  const op = `max_pool${dims}d`;
  return spec(
    ['input', 'kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'],
    { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false },
    (a) =>
      wholeInputPool(a, dims, op) ??
      fromForward(
        poolForward(
          {
            op,
            dims,
            ...poolWindow(dims, a.kernel_size, a.stride, a.padding, a.dilation),
            ceilMode: boolArg(a.ceil_mode, 'ceil_mode'),
            returnIndices: boolArg(a.return_indices, 'return_indices'),
          },
          input(a),
        ),
        op,
      ),
  );
}

function avgPoolFunctional(dims: number): OpSpec {
  const op = `avg_pool${dims}d`;
  const params = ['input', 'kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', ...(dims > 1 ? ['divisor_override'] : [])];
  return spec(
    params,
    { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null },
    (a) =>
      wholeInputPool(a, dims, op) ??
      fromForward(
        poolForward(
          { op, dims, ...poolWindow(dims, a.kernel_size, a.stride, a.padding, 1), ceilMode: boolArg(a.ceil_mode, 'ceil_mode'), returnIndices: false },
          input(a),
        ),
        op,
      ),
  );
}

function lpPoolFunctional(dims: number): OpSpec {
  return spec(['input', 'norm_type', 'kernel_size', 'stride', 'ceil_mode'], { stride: null, ceil_mode: false }, (a) =>
    fromForward(
      poolForward(
        { op: `avg_pool${dims}d`, dims, ...poolWindow(dims, a.kernel_size, a.stride, 0, 1), ceilMode: boolArg(a.ceil_mode, 'ceil_mode'), returnIndices: false },
        input(a),
      ),
      `lp_pool${dims}d`,
    ),
  );
}

function adaptiveFunctional(kind: 'avg' | 'max', dims: number): OpSpec {
  const op = `adaptive_${kind}_pool${dims}d`;
  return spec(kind === 'max' ? ['input', 'output_size', 'return_indices'] : ['input', 'output_size'], { return_indices: false }, (a) =>
    fromForward(adaptiveForward(op, dims, a.output_size, input(a), kind === 'max' && boolArg(a.return_indices, 'return_indices')), op),
  );
}

const interpolate = (mode?: string) => (a: BoundArgs) =>
  fromForward(interpolateForward(input(a), a.size, a.scale_factor, mode ?? String(a.mode)), 'interpolate');

const RESAMPLE: Record<string, OpSpec> = {
  interpolate: spec(
    ['input', 'size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'],
    { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null, antialias: false },
    interpolate(),
  ),
  upsample: spec(
    ['input', 'size', 'scale_factor', 'mode', 'align_corners'],
    { size: null, scale_factor: null, mode: 'nearest', align_corners: null },
    interpolate(),
  ),
  upsample_nearest: spec(['input', 'size', 'scale_factor'], { size: null, scale_factor: null }, interpolate('nearest')),
  upsample_bilinear: spec(['input', 'size', 'scale_factor'], { size: null, scale_factor: null }, interpolate('bilinear')),
  pad: spec(['input', 'pad', 'mode', 'value'], { mode: 'constant', value: null }, (a) =>
    fromForward(padForward(input(a), tuple(a.pad, Array.isArray(a.pad) ? a.pad.length : 1, 'pad'), String(a.mode)), 'pad'),
  ),
  pixel_shuffle: spec(['input', 'upscale_factor'], {}, (a) =>
    fromForward(pixelShuffleForward(input(a), num(a.upscale_factor, 'upscale_factor')), 'pixel_shuffle'),
  ),
  pixel_unshuffle: spec(['input', 'downscale_factor'], {}, (a) =>
    fromForward(pixelUnshuffleForward(input(a), num(a.downscale_factor, 'downscale_factor')), 'pixel_unshuffle'),
  ),
  unfold: spec(['input', 'kernel_size', 'dilation', 'padding', 'stride'], { dilation: 1, padding: 0, stride: 1 }, (a) =>
    fromForward(
      unfoldForward(
        input(a),
        tuple(a.kernel_size, 2, 'kernel_size'),
        tuple(a.dilation, 2, 'dilation'),
        tuple(a.padding, 2, 'padding'),
        tuple(a.stride, 2, 'stride'),
      ),
      'unfold',
    ),
  ),
  fold: spec(['input', 'output_size', 'kernel_size', 'dilation', 'padding', 'stride'], { dilation: 1, padding: 0, stride: 1 }, (a) =>
    fromForward(
      foldForward(
        input(a),
        tuple(a.output_size, 2, 'output_size'),
        tuple(a.kernel_size, 2, 'kernel_size'),
        tuple(a.dilation, 2, 'dilation'),
        tuple(a.padding, 2, 'padding'),
        tuple(a.stride, 2, 'stride'),
      ),
      'fold',
    ),
  ),
};

// ── Attention, similarity, losses ───────────────────────────────────────────────────────────────

/** softmax(Q·Kᵀ/√E)·V over the last two axes: QKᵀ costs L·S·E, AV L·S·E_v per batch entry. */
const SDPA = spec(
  ['query', 'key', 'value', 'attn_mask', 'dropout_p', 'is_causal', 'scale', 'enable_gqa'],
  { attn_mask: null, dropout_p: 0.0, is_causal: false, scale: null, enable_gqa: false },
  (a) => {
    const [q, k, v] = [input(a, 'query'), input(a, 'key'), input(a, 'value')];
    const [l, e] = q.shape.slice(-2);
    const [s, ek] = k.shape.slice(-2);
    if (knownDifferent(e, ek)) throw new ComputeError(`Expected query and key to have the same size in the last dimension, but got ${e} and ${ek}`);
    const ev = v.shape[v.shape.length - 1];
    const batch = broadcastShapes(q.shape.slice(0, -2), k.shape.slice(0, -2));
    return ok(
      tensor([...batch, l, ev]),
      'scaled_dot_product_attention',
      { kind: 'global' },
      sumMacs([macCount([...batch, l, s, e]), macCount([...batch, l, s, ev])]),
    );
  },
);

const compare = (op: string, keepdimDefault: boolean | null) =>
  spec(
    ['x1', 'x2', ...(keepdimDefault === null ? ['dim', 'eps'] : ['p', 'eps', 'keepdim'])],
    keepdimDefault === null ? { dim: 1, eps: 1e-8 } : { p: 2.0, eps: 1e-6, keepdim: false },
    (a) => {
      const shape = broadcastShapes(input(a, 'x1').shape, input(a, 'x2').shape);
      const axis = keepdimDefault === null ? num(a.dim, 'dim') : -1;
      const d = axis < 0 ? axis + shape.length : axis;
      return ok(tensor(reduceShape(shape, [d], keepdimDefault !== null && boolArg(a.keepdim, 'keepdim'))), op);
    },
  );

/** A loss: a scalar, or with reduction='none' one value per element (per sample for class losses). */
function loss(op: string, params: string[], defaults: BoundArgs, perSample: boolean): OpSpec {
  return spec(['input', 'target', ...params], { reduction: 'mean', ...defaults }, (a) => {
    const x = input(a);
    const t = input(a, 'target');
    if (a.reduction !== 'none') return ok(tensor([]), op, NONE_RF);
    return ok(tensor(perSample ? t.shape : broadcastShapes(x.shape, t.shape)), op, NONE_RF);
  });
}

const LEGACY = { size_average: null, reduce: null };
const LOSSES: Record<string, OpSpec> = {
  cross_entropy: loss(
    'cross_entropy',
    ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    { weight: null, ...LEGACY, ignore_index: -100, label_smoothing: 0.0 },
    true,
  ),
  nll_loss: loss('nll_loss', ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], { weight: null, ...LEGACY, ignore_index: -100 }, true),
  mse_loss: loss('mse_loss', ['size_average', 'reduce', 'reduction'], LEGACY, false),
  l1_loss: loss('l1_loss', ['size_average', 'reduce', 'reduction'], LEGACY, false),
  smooth_l1_loss: loss('smooth_l1_loss', ['size_average', 'reduce', 'reduction', 'beta'], { ...LEGACY, beta: 1.0 }, false),
  huber_loss: loss('huber_loss', ['reduction', 'delta'], { delta: 1.0 }, false),
  binary_cross_entropy: loss('binary_cross_entropy', ['weight', 'size_average', 'reduce', 'reduction'], { weight: null, ...LEGACY }, false),
  binary_cross_entropy_with_logits: loss(
    'binary_cross_entropy_with_logits',
    ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
    { weight: null, ...LEGACY, pos_weight: null },
    false,
  ),
  kl_div: loss('kl_div', ['size_average', 'reduce', 'reduction', 'log_target'], { ...LEGACY, log_target: false }, false),
};

// ── The F namespace ─────────────────────────────────────────────────────────────────────────────

export const FUNCTIONAL: Readonly<Record<string, OpSpec>> = (() => {
  const table: Record<string, OpSpec> = {
    ...ACTIVATIONS,
    ...NORMS,
    ...LINEAR,
    ...RESAMPLE,
    ...LOSSES,
    scaled_dot_product_attention: SDPA,
    cosine_similarity: compare('cosine_similarity', null),
    pairwise_distance: compare('pairwise_distance', false),
  };
  for (const d of [1, 2, 3]) {
    table[`conv${d}d`] = convFunctional(d, false);
    table[`conv_transpose${d}d`] = convFunctional(d, true);
    table[`max_pool${d}d`] = maxPoolFunctional(d);
    table[`avg_pool${d}d`] = avgPoolFunctional(d);
    table[`lp_pool${d}d`] = lpPoolFunctional(d);
    table[`adaptive_avg_pool${d}d`] = adaptiveFunctional('avg', d);
    table[`adaptive_max_pool${d}d`] = adaptiveFunctional('max', d);
  }
  return table;
})();
