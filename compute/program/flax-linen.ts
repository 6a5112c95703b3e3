/**
 * Flax linen layers (`flax.linen as nn`). Linen modules are dataclasses whose params are created
 * at `init`, from the input's shape, so parameters come from `paramCountFor(args, inputs)`
 * (Embed, whose table the arguments fix, also from `paramCount`). Field orders and defaults are
 * linen's own: nn.Conv(features, kernel_size, strides=1, padding='SAME', input_dilation=1,
 * kernel_dilation=1, feature_group_count=1, use_bias=True, …), nn.Dense(features, use_bias=True,
 * …), nn.BatchNorm(use_running_average=None, axis=-1, momentum=0.99, epsilon=1e-5, …).
 *
 * Naming (for module paths): inside a `@nn.compact` method an unnamed submodule is called
 * `{ClassName}_{k}`, k counting the earlier unnamed submodules of the same class in that parent
 * (Conv_0, Conv_1, Dense_0, BatchNorm_0); in `setup()` the attribute is the name (`self.conv1 =
 * nn.Conv(…)` → conv1) and a list or tuple attribute names its items `{attr}_{i}` (layers_0, …),
 * a dict `{attr}_{key}`; `name=` given explicitly wins in both. See linenAutoName/linenSetupName.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardResult } from './table-types';
import { isLayerInstance } from './table-types';
import {
  affine,
  attentionForward,
  attentionInputs,
  attentionParams,
  cellForward,
  cellOf,
  cellParams,
  checkGroups,
  denseForward,
  denseParams,
  embedForward,
  featureCount,
  inputFeatures,
  lazyFlax,
  normForward,
  rnnCellParams,
  rnnForward,
  type CellKind,
  type FlaxLayerRule,
} from './flax-shared';
import { flaxConvForward, flaxConvTransposeForward, kernelTuple } from './flax-window';
import { knownChannels } from './nhwc-window';
import { boolArg, isNone, macCount, mulDim, normDim, prodDims, sizeArg } from './torch-dims';
import { num, TensorV, type Arg, type Dim } from './values';

const INITS = ['kernel_init', 'bias_init'];
const NORM_TAIL = ['bias_init', 'scale_init'];

function linen(
  op: string,
  params: string[],
  defaults: BoundArgs,
  ignored: string[],
  parts: Partial<FlaxLayerRule> & Pick<FlaxLayerRule, 'forward'>,
): FlaxLayerRule {
  return { op, params, defaults, ignoredParams: ignored, paramCount: () => 0, ...parts };
}

// ── Conv and ConvTranspose ──────────────────────────────────────────────────────────────────────

const conv = linen(
  'conv',
  ['features', 'kernel_size', 'strides', 'padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias'],
  { strides: 1, padding: 'SAME', input_dilation: 1, kernel_dilation: 1, feature_group_count: 1, use_bias: true },
  ['mask', 'dtype', 'param_dtype', 'precision', ...INITS, 'conv_general_dilated', 'conv_general_dilated_cls'],
  {
    paramCount: lazyFlax('nn.Conv'),
    // kernel (*k, C/groups, features) + features.
    paramCountFor(a, [x]) {
      const { kernel } = kernelTuple(a.kernel_size);
      const c = inputFeatures(x, 'nn.Conv');
      const f = num(a.features, 'features');
      return (prodDims(kernel) as number) * (c / num(a.feature_group_count, 'feature_group_count')) * f + (boolArg(a.use_bias, 'use_bias') ? f : 0);
    },
    forward: (a, [x]) =>
      flaxConvForward(
        {
          cls: 'nn.Conv',
          features: sizeArg(a.features, 'features'),
          kernelSize: a.kernel_size,
          strides: a.strides,
          padding: a.padding,
          inputDilation: a.input_dilation,
          kernelDilation: a.kernel_dilation,
          groups: num(a.feature_group_count, 'feature_group_count'),
        },
        x,
      ),
  },
);

const convTranspose = linen(
  'conv_transpose',
  ['features', 'kernel_size', 'strides', 'padding', 'kernel_dilation', 'use_bias'],
  { strides: null, padding: 'SAME', kernel_dilation: null, use_bias: true },
  ['mask', 'dtype', 'param_dtype', 'precision', ...INITS, 'transpose_kernel'],
  {
    paramCount: lazyFlax('nn.ConvTranspose'),
    // kernel (*k, C, features) (transpose_kernel swaps the last two: same count) + features.
    paramCountFor(a, [x]) {
      const { kernel } = kernelTuple(a.kernel_size);
      const f = num(a.features, 'features');
      return (prodDims(kernel) as number) * inputFeatures(x, 'nn.ConvTranspose') * f + (boolArg(a.use_bias, 'use_bias') ? f : 0);
    },
    forward: (a, [x]) =>
      flaxConvTransposeForward(
        {
          cls: 'nn.ConvTranspose',
          features: sizeArg(a.features, 'features'),
          kernelSize: a.kernel_size,
          strides: a.strides,
          padding: a.padding,
          kernelDilation: a.kernel_dilation,
        },
        x,
      ),
  },
);

// ── Dense, DenseGeneral, Embed ──────────────────────────────────────────────────────────────────

const dense = linen('linear', ['features', 'use_bias'], { use_bias: true }, ['dtype', 'param_dtype', 'precision', ...INITS, 'dot_general', 'dot_general_cls'], {
  paramCount: lazyFlax('nn.Dense'),
  paramCountFor: (a, [x]) => denseParams(inputFeatures(x, 'nn.Dense'), num(a.features, 'features'), boolArg(a.use_bias, 'use_bias')),
  forward: (a, [x]) => denseForward('nn.Dense', x, sizeArg(a.features, 'features')),
});

/** DenseGeneral(features, axis=-1): contracts the `axis` axes, appends `features` (an int or a tuple). */
function denseGeneralAxes(a: BoundArgs, x: TensorV): { axes: number[]; feats: Dim[] } {
  if (!isNone(a.batch_dims) && !(Array.isArray(a.batch_dims) && a.batch_dims.length === 0)) {
    throw new ComputeError('nn.DenseGeneral with batch_dims is not read (only batch_dims=()).', 'batch_dims');
  }
  const axes = [...new Set((Array.isArray(a.axis) ? a.axis : [a.axis]).map((d) => normDim(num(d, 'axis'), x.shape.length)))].sort((p, q) => p - q);
  const feats = (Array.isArray(a.features) ? a.features : [a.features]).map((d) => sizeArg(d, 'features'));
  return { axes, feats };
}

const denseGeneral = linen(
  'linear',
  ['features', 'axis', 'batch_dims', 'use_bias'],
  { axis: -1, batch_dims: [], use_bias: true },
  ['dtype', 'param_dtype', ...INITS, 'precision', 'dot_general', 'dot_general_cls'],
  {
    paramCount: lazyFlax('nn.DenseGeneral'),
    // kernel (*contracted dims, *features) + bias (*features).
    paramCountFor(a, [x]) {
      const { axes, feats } = denseGeneralAxes(a, x);
      const fin = axes.reduce((p, ax) => p * knownChannels(x.shape[ax], 'nn.DenseGeneral'), 1);
      const fout = feats.reduce<number>((p, d) => p * knownChannels(d, 'nn.DenseGeneral'), 1);
      return denseParams(fin, fout, boolArg(a.use_bias, 'use_bias'));
    },
    forward(a, [x]): ForwardResult {
      const { axes, feats } = denseGeneralAxes(a, x);
      const kept = x.shape.filter((_, i) => !axes.includes(i));
      return {
        out: new TensorV([...kept, ...feats]),
        macs: macCount([...kept, ...axes.map((ax) => x.shape[ax]), ...feats]),
        rf: kept.length <= 1 ? { kind: 'none' } : { kind: 'same' },
      };
    },
  },
);

const embed = linen('embedding', ['num_embeddings', 'features'], {}, ['dtype', 'param_dtype', 'embedding_init'], {
  paramCount: (a) => num(a.num_embeddings, 'num_embeddings') * num(a.features, 'features'),
  forward: (a, [x]) => embedForward(x, sizeArg(a.features, 'features')),
});

// ── Normalization and dropout ───────────────────────────────────────────────────────────────────

// dtype and param_dtype sit between fields that matter, so they are bound (and unused) rather than dropped.
const DT = { dtype: null, param_dtype: 'float32' };
const AFFINE = { use_bias: true, use_scale: true };

const batchNorm = linen(
  'batch_norm',
  ['use_running_average', 'axis', 'momentum', 'epsilon', 'dtype', 'param_dtype', 'use_bias', 'use_scale'],
  { use_running_average: null, axis: -1, momentum: 0.99, epsilon: 1e-5, ...DT, ...AFFINE },
  [...NORM_TAIL, 'axis_name', 'axis_index_groups', 'use_fast_variance', 'force_float32_reductions'],
  {
    paramCount: lazyFlax('nn.BatchNorm'),
    paramCountFor: (a, [x]) => affine(a) * featureCount(x, a.axis, 'nn.BatchNorm'),
    // batch_stats: mean and var per feature.
    bufferCountFor: (a, [x]) => 2 * featureCount(x, a.axis, 'nn.BatchNorm'),
    forward: (_a, [x]) => normForward(x),
  },
);

const layerNorm = linen(
  'layer_norm',
  ['epsilon', 'dtype', 'param_dtype', 'use_bias', 'use_scale', ...NORM_TAIL, 'reduction_axes', 'feature_axes'],
  {
    epsilon: 1e-6,
    ...DT,
    ...AFFINE,
    bias_init: null,
    scale_init: null,
    reduction_axes: -1,
    feature_axes: -1,
  },
  ['axis_name', 'axis_index_groups', 'use_fast_variance', 'force_float32_reductions'],
  {
    paramCount: lazyFlax('nn.LayerNorm'),
    paramCountFor: (a, [x]) => affine(a) * featureCount(x, a.feature_axes, 'nn.LayerNorm'),
    forward: (_a, [x]) => normForward(x),
  },
);

const rmsNorm = linen(
  'rms_norm',
  ['epsilon', 'dtype', 'param_dtype', 'use_scale', 'scale_init', 'reduction_axes', 'feature_axes'],
  {
    epsilon: 1e-6,
    ...DT,
    use_scale: true,
    scale_init: null,
    reduction_axes: -1,
    feature_axes: -1,
  },
  ['axis_name', 'axis_index_groups', 'use_fast_variance', 'force_float32_reductions'],
  {
    paramCount: lazyFlax('nn.RMSNorm'),
    paramCountFor: (a, [x]) => (a.use_scale === false ? 0 : 1) * featureCount(x, a.feature_axes, 'nn.RMSNorm'),
    forward: (_a, [x]) => normForward(x),
  },
);

const groupNorm = linen(
  'group_norm',
  ['num_groups', 'group_size', 'epsilon', 'dtype', 'param_dtype', 'use_bias', 'use_scale'],
  { num_groups: 32, group_size: null, epsilon: 1e-6, ...DT, ...AFFINE },
  [...NORM_TAIL, 'reduction_axes', 'axis_name', 'axis_index_groups', 'use_fast_variance', 'force_float32_reductions'],
  {
    paramCount: lazyFlax('nn.GroupNorm'),
    paramCountFor: (a, [x]) => affine(a) * inputFeatures(x, 'nn.GroupNorm'),
    forward(a, [x]) {
      checkGroups(a.num_groups, a.group_size, x.shape[x.shape.length - 1]);
      return normForward(x);
    },
  },
);

const dropout = linen(
  'dropout',
  ['rate', 'broadcast_dims', 'deterministic', 'rng_collection'],
  { broadcast_dims: [], deterministic: null, rng_collection: 'dropout' },
  [],
  {
    forward: (_a, [x]) => ({ out: new TensorV(x.shape), macs: 0, rf: { kind: 'same' } }),
  },
);

// ── Attention ───────────────────────────────────────────────────────────────────────────────────

const MHA_FIELDS = [
  'num_heads',
  'dtype',
  'param_dtype',
  'qkv_features',
  'out_features',
  'broadcast_dropout',
  'dropout_rate',
  'deterministic',
  'precision',
  'kernel_init',
  'out_kernel_init',
  'bias_init',
  'out_bias_init',
  'use_bias',
  'attention_fn',
  'decode',
  'normalize_qk',
];

/** MultiHeadDotProductAttention / SelfAttention: fields in linen's order (dtype comes second). */
function attention(cls: string): FlaxLayerRule {
  const defaults: BoundArgs = {
    dtype: null,
    param_dtype: 'float32',
    qkv_features: null,
    out_features: null,
    broadcast_dropout: true,
    dropout_rate: 0,
    deterministic: null,
    precision: null,
    kernel_init: null,
    out_kernel_init: null,
    bias_init: null,
    out_bias_init: null,
    use_bias: true,
    attention_fn: null,
    decode: false,
    normalize_qk: false,
  };
  return linen(
    'multi_head_attention',
    MHA_FIELDS,
    defaults,
    [
      'force_fp32_for_softmax',
      'qkv_dot_general',
      'out_dot_general',
      'qkv_dot_general_cls',
      'out_dot_general_cls',
      'qk_attn_weights_einsum_cls',
      'attn_weights_value_einsum_cls',
    ],
    {
      paramCount: lazyFlax(cls),
      paramCountFor(a, inputs) {
        const { q, k, v } = attentionInputs(inputs, undefined);
        const qIn = inputFeatures(q, cls);
        return attentionParams({
          heads: num(a.num_heads, 'num_heads'),
          qkv: isNone(a.qkv_features) ? qIn : num(a.qkv_features, 'qkv_features'),
          out: isNone(a.out_features) ? qIn : num(a.out_features, 'out_features'),
          qIn,
          kIn: inputFeatures(k, cls),
          vIn: inputFeatures(v, cls),
          bias: boolArg(a.use_bias, 'use_bias'),
          normalizeQk: boolArg(a.normalize_qk, 'normalize_qk'),
        });
      },
      // SelfAttention's call takes (inputs_q, mask=None, …): keys and values are the queries.
      forward: (a, inputs, kw) =>
        attentionForward(cls, cls === 'nn.SelfAttention' ? inputs.slice(0, 1) : inputs, kw, sizeArg(a.num_heads, 'num_heads'), a.qkv_features, a.out_features),
    },
  );
}

// ── Recurrent cells, RNN, Bidirectional ─────────────────────────────────────────────────────────

function cell(kind: CellKind): FlaxLayerRule {
  return linen(
    kind === 'SimpleCell' ? 'rnn_cell' : kind === 'GRUCell' ? 'gru_cell' : 'lstm_cell',
    ['features'],
    {},
    [
      ...(kind === 'SimpleCell' ? [] : ['gate_fn']),
      'activation_fn',
      'kernel_init',
      'recurrent_kernel_init',
      'bias_init',
      'dtype',
      'param_dtype',
      'carry_init',
      ...(kind === 'SimpleCell' ? ['residual'] : []),
    ],
    {
      paramCount: lazyFlax(`nn.${kind}`),
      paramCountFor: (a, inputs) => cellParams(kind, inputFeatures(inputs[inputs.length - 1], `nn.${kind}`), num(a.features, 'features'), 'linen'),
      forward: (a, inputs) => cellForward(kind, inputs, sizeArg(a.features, 'features')),
    },
  );
}

const rnnFields = [
  'cell',
  'time_major',
  'return_carry',
  'reverse',
  'keep_order',
  'unroll',
  'variable_axes',
  'variable_broadcast',
  'variable_carry',
  'split_rngs',
];
const rnnDefaults = {
  time_major: false,
  return_carry: false,
  reverse: false,
  keep_order: false,
  unroll: 1,
  variable_axes: {},
  variable_broadcast: 'params',
  variable_carry: false,
  split_rngs: { params: false },
};

/** Call-time keywords override the fields (nn.RNN's __call__ takes return_carry=, time_major=). */
const callFlag = (a: BoundArgs, kw: BoundArgs | undefined, name: string): boolean => boolArg(kw && !isNone(kw[name]) ? kw[name] : a[name], name);

const rnn = linen('rnn', rnnFields.slice(0, 6), rnnDefaults, rnnFields.slice(6), {
  check: (a) => void cellOf(a.cell, 'cell'),
  paramCount: lazyFlax('nn.RNN'),
  paramCountFor: (a, [x]) => rnnCellParams(cellOf(a.cell, 'cell'), inputFeatures(x, 'nn.RNN'), 'linen'),
  forward(a, [x], kw) {
    const c = cellOf(a.cell, 'cell');
    return rnnForward(c.kind, sizeArg(c.args.features, 'features'), x, callFlag(a, kw, 'time_major'), callFlag(a, kw, 'return_carry'));
  },
});

/** The RNN a Bidirectional wraps. */
function rnnOf(v: Arg, what: string): BoundArgs {
  if (!isLayerInstance(v) || v.__layer__ !== 'RNN') throw new ComputeError(`${what} must be an nn.RNN for ML Lens to read it.`, what);
  return v.args;
}

/**
 * Bidirectional(forward_rnn, backward_rnn, merge_fn=concatenate on the last axis): both RNNs on
 * the same input, outputs concatenated (f_fwd + f_bwd features). Another merge_fn is not read.
 */
const bidirectional = linen(
  'bidirectional',
  ['forward_rnn', 'backward_rnn', 'merge_fn', 'time_major', 'return_carry'],
  { merge_fn: null, time_major: false, return_carry: false },
  [],
  {
    check(a) {
      rnnOf(a.forward_rnn, 'forward_rnn');
      rnnOf(a.backward_rnn, 'backward_rnn');
      if (!isNone(a.merge_fn))
        throw new ComputeError(
          'nn.Bidirectional with a merge_fn of its own is not read (its output shape depends on the function); the default concatenation is.',
          'merge_fn',
        );
    },
    paramCount: lazyFlax('nn.Bidirectional'),
    paramCountFor(a, [x]) {
      const f = inputFeatures(x, 'nn.Bidirectional');
      return (
        rnnCellParams(cellOf(rnnOf(a.forward_rnn, 'forward_rnn').cell, 'cell'), f, 'linen') +
        rnnCellParams(cellOf(rnnOf(a.backward_rnn, 'backward_rnn').cell, 'cell'), f, 'linen')
      );
    },
    forward(a, [x], kw) {
      const timeMajor = callFlag(a, kw, 'time_major');
      const run = (v: Arg, what: string) => {
        const c = cellOf(rnnOf(v, what).cell, 'cell');
        return rnnForward(c.kind, sizeArg(c.args.features, 'features'), x, timeMajor, true);
      };
      const fwd = run(a.forward_rnn, 'forward_rnn');
      const bwd = run(a.backward_rnn, 'backward_rnn');
      const [cf, yf] = fwd.out as [TensorV, TensorV];
      const [cb, yb] = bwd.out as [TensorV, TensorV];
      const last = yf.shape.length - 1;
      const y = new TensorV([
        ...yf.shape.slice(0, -1),
        typeof yf.shape[last] === 'number' && typeof yb.shape[last] === 'number'
          ? (yf.shape[last] as number) + (yb.shape[last] as number)
          : mulDim(yf.shape[last], 2),
      ]);
      const macs = fwd.macs === null || bwd.macs === null ? null : fwd.macs + bwd.macs;
      return { out: callFlag(a, kw, 'return_carry') ? [[cf, cb], y] : y, macs, rf: { kind: 'none' } };
    },
  },
);

export const LINEN_LAYERS: Record<string, FlaxLayerRule> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  Dense: dense,
  DenseGeneral: denseGeneral,
  Embed: embed,
  BatchNorm: batchNorm,
  LayerNorm: layerNorm,
  RMSNorm: rmsNorm,
  GroupNorm: groupNorm,
  Dropout: dropout,
  MultiHeadDotProductAttention: attention('nn.MultiHeadDotProductAttention'),
  MultiHeadAttention: attention('nn.MultiHeadAttention'),
  SelfAttention: attention('nn.SelfAttention'),
  LSTMCell: cell('LSTMCell'),
  OptimizedLSTMCell: cell('OptimizedLSTMCell'),
  GRUCell: cell('GRUCell'),
  SimpleCell: cell('SimpleCell'),
  RNN: rnn,
  Bidirectional: bidirectional,
};

/**
 * The name linen gives an unnamed submodule created in a `@nn.compact` method: `{ClassName}_{k}`,
 * k the number of earlier unnamed submodules of the same class in the same parent. `counters`
 * holds those counts for one parent module (a new Map per module instance and call).
 */
export function linenAutoName(className: string, counters: Map<string, number>): string {
  const k = counters.get(className) ?? 0;
  counters.set(className, k + 1);
  return `${className}_${k}`;
}

/** The name of a submodule assigned in `setup()`: the attribute, or `{attr}_{index}` for list/tuple items and `{attr}_{key}` for dict values. */
export function linenSetupName(attr: string, index?: number | string): string {
  return index === undefined ? attr : `${attr}_${index}`;
}
