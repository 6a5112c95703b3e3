/**
 * Flax NNX layers (`from flax import nnx`). NNX modules are eager, like PyTorch's: the constructor
 * states the input features and creates the params at once (with `rngs=`), so parameters come
 * from the arguments (`paramCount(args)`), and the forward checks the input against them.
 *
 * Signatures: a few positional arguments, the rest keyword-only (after `*`), `rngs` required by
 * the layers that create params: nnx.Conv(in_features, out_features, kernel_size, strides=1, *,
 * padding='SAME', input_dilation=1, kernel_dilation=1, feature_group_count=1, use_bias=True, …,
 * rngs), nnx.Linear(in_features, out_features, *, use_bias=True, …, rngs),
 * nnx.BatchNorm(num_features, *, use_running_average=False, axis=-1, momentum=0.99,
 * epsilon=1e-5, …, rngs), nnx.Dropout(rate, *, broadcast_dims=(), deterministic=False,
 * rng_collection='dropout', rngs=None).
 *
 * Naming: an NNX submodule's path is its attribute path (`self.conv1` → conv1; items of a list
 * attribute `self.layers` → layers.0, layers.1), as nnx.state / nnx.graph report it.
 */
import type { BoundArgs } from './table-types';
import {
  affine,
  attentionForward,
  attentionParams,
  cellForward,
  cellOf,
  cellParams,
  checkGroups,
  denseForward,
  denseParams,
  embedForward,
  normForward,
  rnnCellParams,
  rnnForward,
  type CellKind,
  type FlaxLayerRule,
} from './flax-shared';
import { flaxConvForward, flaxConvTransposeForward, kernelTuple } from './flax-window';
import { boolArg, isNone, sizeArg } from './torch-dims';
import { num, TensorV, type Dim } from './values';

const TAIL_INITS = ['kernel_init', 'bias_init'];

/**
 * An NNX rule: `positional` in order, then keyword-only `keywordOnly` (read) and `ignored` (dropped),
 * `rngs` required unless `rngsOptional`.
 */
function nnxRule(
  op: string,
  positional: string[],
  keywordOnly: string[],
  defaults: BoundArgs,
  ignored: string[],
  parts: Partial<FlaxLayerRule> & Pick<FlaxLayerRule, 'forward'>,
  rngsOptional = false,
): FlaxLayerRule {
  return {
    op,
    params: [...positional, ...keywordOnly],
    defaults,
    ignoredParams: ignored,
    kwOnly: [...keywordOnly, ...ignored],
    requiredKw: rngsOptional ? [] : ['rngs'],
    paramCount: () => 0,
    ...parts,
  };
}

const size = (a: BoundArgs, name: string): Dim => sizeArg(a[name], name);

// ── Conv, ConvTranspose, Linear, Embed ──────────────────────────────────────────────────────────

const conv = nnxRule(
  'conv',
  ['in_features', 'out_features', 'kernel_size', 'strides'],
  ['padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias'],
  { strides: 1, padding: 'SAME', input_dilation: 1, kernel_dilation: 1, feature_group_count: 1, use_bias: true },
  [
    'mask',
    'dtype',
    'param_dtype',
    'precision',
    ...TAIL_INITS,
    'conv_general_dilated',
    'promote_dtype',
    'preferred_element_type',
    'kernel_metadata',
    'bias_metadata',
  ],
  {
    // kernel (*k, in/groups, out) + out.
    paramCount(a) {
      const { kernel } = kernelTuple(a.kernel_size);
      const out = num(a.out_features, 'out_features');
      return (
        kernel.reduce((p, k) => p * k, 1) * Math.floor(num(a.in_features, 'in_features') / num(a.feature_group_count, 'feature_group_count')) * out +
        (boolArg(a.use_bias, 'use_bias') ? out : 0)
      );
    },
    forward: (a, [x]) =>
      flaxConvForward(
        {
          cls: 'nnx.Conv',
          features: size(a, 'out_features'),
          kernelSize: a.kernel_size,
          strides: a.strides,
          padding: a.padding,
          inputDilation: a.input_dilation,
          kernelDilation: a.kernel_dilation,
          groups: num(a.feature_group_count, 'feature_group_count'),
          inFeatures: size(a, 'in_features'),
        },
        x,
      ),
  },
);

const convTranspose = nnxRule(
  'conv_transpose',
  ['in_features', 'out_features', 'kernel_size', 'strides'],
  ['padding', 'kernel_dilation', 'use_bias'],
  { strides: null, padding: 'SAME', kernel_dilation: null, use_bias: true },
  [
    'mask',
    'dtype',
    'param_dtype',
    'precision',
    ...TAIL_INITS,
    'transpose_kernel',
    'promote_dtype',
    'preferred_element_type',
    'kernel_metadata',
    'bias_metadata',
  ],
  {
    paramCount(a) {
      const { kernel } = kernelTuple(a.kernel_size);
      const out = num(a.out_features, 'out_features');
      return kernel.reduce((p, k) => p * k, 1) * num(a.in_features, 'in_features') * out + (boolArg(a.use_bias, 'use_bias') ? out : 0);
    },
    forward: (a, [x]) =>
      flaxConvTransposeForward(
        {
          cls: 'nnx.ConvTranspose',
          features: size(a, 'out_features'),
          kernelSize: a.kernel_size,
          strides: a.strides,
          padding: a.padding,
          kernelDilation: a.kernel_dilation,
          inFeatures: size(a, 'in_features'),
        },
        x,
      ),
  },
);

const linear = nnxRule(
  'linear',
  ['in_features', 'out_features'],
  ['use_bias'],
  { use_bias: true },
  ['dtype', 'param_dtype', 'precision', ...TAIL_INITS, 'dot_general', 'promote_dtype', 'preferred_element_type', 'kernel_metadata', 'bias_metadata'],
  {
    paramCount: (a) => denseParams(num(a.in_features, 'in_features'), num(a.out_features, 'out_features'), boolArg(a.use_bias, 'use_bias')),
    forward: (a, [x]) => denseForward('nnx.Linear', x, size(a, 'out_features'), size(a, 'in_features')),
  },
);

const embed = nnxRule('embedding', ['num_embeddings', 'features'], [], {}, ['dtype', 'param_dtype', 'embedding_init', 'promote_dtype', 'embedding_metadata'], {
  paramCount: (a) => num(a.num_embeddings, 'num_embeddings') * num(a.features, 'features'),
  forward: (a, [x]) => embedForward(x, size(a, 'features')),
});

// ── Normalization and dropout ───────────────────────────────────────────────────────────────────

const NORM_IGNORED = [
  'dtype',
  'param_dtype',
  'bias_init',
  'scale_init',
  'axis_name',
  'axis_index_groups',
  'use_fast_variance',
  'promote_dtype',
  'scale_metadata',
  'bias_metadata',
];

const batchNorm = nnxRule(
  'batch_norm',
  ['num_features'],
  ['use_running_average', 'axis', 'momentum', 'epsilon', 'use_bias', 'use_scale'],
  {
    use_running_average: false,
    axis: -1,
    momentum: 0.99,
    epsilon: 1e-5,
    use_bias: true,
    use_scale: true,
  },
  NORM_IGNORED,
  {
    paramCount: (a) => affine(a) * num(a.num_features, 'num_features'),
    // nnx.BatchStat mean and var: state, not params.
    bufferCount: (a) => 2 * num(a.num_features, 'num_features'),
    forward: (a, [x]) => normForward(x, size(a, 'num_features'), a.axis, 'nnx.BatchNorm'),
  },
);

const layerNorm = nnxRule(
  'layer_norm',
  ['num_features'],
  ['epsilon', 'use_bias', 'use_scale', 'reduction_axes', 'feature_axes'],
  {
    epsilon: 1e-6,
    use_bias: true,
    use_scale: true,
    reduction_axes: -1,
    feature_axes: -1,
  },
  NORM_IGNORED,
  {
    paramCount: (a) => affine(a) * num(a.num_features, 'num_features'),
    forward: (a, [x]) => normForward(x, size(a, 'num_features'), -1, 'nnx.LayerNorm'),
  },
);

const rmsNorm = nnxRule(
  'rms_norm',
  ['num_features'],
  ['epsilon', 'use_scale', 'reduction_axes', 'feature_axes'],
  { epsilon: 1e-6, use_scale: true, reduction_axes: -1, feature_axes: -1 },
  NORM_IGNORED,
  {
    paramCount: (a) => (a.use_scale === false ? 0 : 1) * num(a.num_features, 'num_features'),
    forward: (a, [x]) => normForward(x, size(a, 'num_features'), -1, 'nnx.RMSNorm'),
  },
);

const groupNorm = nnxRule(
  'group_norm',
  ['num_features', 'num_groups', 'group_size'],
  ['epsilon', 'use_bias', 'use_scale', 'reduction_axes'],
  {
    num_groups: 32,
    group_size: null,
    epsilon: 1e-6,
    use_bias: true,
    use_scale: true,
    reduction_axes: null,
  },
  NORM_IGNORED,
  {
    check: (a) => checkGroups(a.num_groups, a.group_size, typeof a.num_features === 'number' ? a.num_features : 'C'),
    paramCount: (a) => affine(a) * num(a.num_features, 'num_features'),
    forward: (a, [x]) => normForward(x, size(a, 'num_features'), -1, 'nnx.GroupNorm'),
  },
);

const dropout = nnxRule(
  'dropout',
  ['rate'],
  ['broadcast_dims', 'deterministic', 'rng_collection'],
  { broadcast_dims: [], deterministic: false, rng_collection: 'dropout' },
  [],
  {
    forward: (_a, [x]) => ({ out: new TensorV(x.shape), macs: 0, rf: { kind: 'same' } }),
  },
  true,
);

// ── Attention ───────────────────────────────────────────────────────────────────────────────────

const attention = nnxRule(
  'multi_head_attention',
  ['num_heads', 'in_features', 'qkv_features', 'out_features', 'in_kv_features'],
  ['use_bias', 'decode', 'normalize_qk'],
  {
    qkv_features: null,
    out_features: null,
    in_kv_features: null,
    use_bias: true,
    decode: null,
    normalize_qk: false,
  },
  [
    'dtype',
    'param_dtype',
    'broadcast_dropout',
    'dropout_rate',
    'deterministic',
    'precision',
    'kernel_init',
    'out_kernel_init',
    'bias_init',
    'out_bias_init',
    'attention_fn',
    'qkv_promote_dtype',
    'out_promote_dtype',
    'ln_promote_dtype',
    'qkv_dot_general',
    'out_dot_general',
    'qkv_dot_general_cls',
    'out_dot_general_cls',
    'keep_rngs',
  ],
  {
    paramCount(a) {
      const fin = num(a.in_features, 'in_features');
      const kv = isNone(a.in_kv_features) ? fin : num(a.in_kv_features, 'in_kv_features');
      return attentionParams({
        heads: num(a.num_heads, 'num_heads'),
        qkv: isNone(a.qkv_features) ? fin : num(a.qkv_features, 'qkv_features'),
        out: isNone(a.out_features) ? fin : num(a.out_features, 'out_features'),
        qIn: fin,
        kIn: kv,
        vIn: kv,
        bias: boolArg(a.use_bias, 'use_bias'),
        normalizeQk: boolArg(a.normalize_qk, 'normalize_qk'),
      });
    },
    forward(a, inputs, kw) {
      const fin = size(a, 'in_features');
      const qkv = isNone(a.qkv_features) ? fin : a.qkv_features;
      const out = isNone(a.out_features) ? fin : a.out_features;
      return attentionForward('nnx.MultiHeadAttention', inputs, kw, size(a, 'num_heads'), qkv, out, {
        q: fin,
        kv: isNone(a.in_kv_features) ? fin : size(a, 'in_kv_features'),
      });
    },
  },
);

// ── Recurrent ───────────────────────────────────────────────────────────────────────────────────

function cell(kind: CellKind): FlaxLayerRule {
  return nnxRule(
    kind === 'GRUCell' ? 'gru_cell' : kind === 'SimpleCell' ? 'rnn_cell' : 'lstm_cell',
    ['in_features', 'hidden_features'],
    [],
    {},
    [
      'gate_fn',
      'activation_fn',
      'kernel_init',
      'recurrent_kernel_init',
      'bias_init',
      'dtype',
      'param_dtype',
      'carry_init',
      'residual',
      'promote_dtype',
      'keep_rngs',
      'kernel_metadata',
      'recurrent_kernel_metadata',
      'bias_metadata',
      'preferred_element_type',
    ],
    {
      paramCount: (a) => cellParams(kind, num(a.in_features, 'in_features'), num(a.hidden_features, 'hidden_features'), 'nnx'),
      forward: (a, inputs) => cellForward(kind, inputs, size(a, 'hidden_features'), size(a, 'in_features')),
    },
  );
}

const rnn = nnxRule(
  'rnn',
  ['cell'],
  ['time_major', 'return_carry', 'reverse', 'keep_order', 'unroll'],
  {
    time_major: false,
    return_carry: false,
    reverse: false,
    keep_order: false,
    unroll: 1,
  },
  ['state_axes', 'broadcast_rngs'],
  {
    check: (a) => void cellOf(a.cell, 'cell'),
    paramCount(a) {
      const c = cellOf(a.cell, 'cell');
      return rnnCellParams(c, num(c.args.in_features, 'in_features'), 'nnx');
    },
    forward(a, [x], kw) {
      const c = cellOf(a.cell, 'cell');
      const flag = (name: string) => boolArg(kw && !isNone(kw[name]) ? kw[name] : a[name], name);
      return rnnForward(c.kind, size(c.args, 'hidden_features'), x, flag('time_major'), flag('return_carry'));
    },
  },
  true,
);

export const NNX_LAYERS: Record<string, FlaxLayerRule> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  Linear: linear,
  Embed: embed,
  BatchNorm: batchNorm,
  LayerNorm: layerNorm,
  RMSNorm: rmsNorm,
  GroupNorm: groupNorm,
  Dropout: dropout,
  MultiHeadAttention: attention,
  LSTMCell: cell('LSTMCell'),
  OptimizedLSTMCell: cell('OptimizedLSTMCell'),
  GRUCell: cell('GRUCell'),
  SimpleCell: cell('SimpleCell'),
  RNN: rnn,
};

/** The path nnx.state reports for a submodule: attribute names and list indices joined by dots (`layers.0.linear`). */
export function nnxPath(parts: readonly (string | number)[]): string {
  return parts.join('.');
}
