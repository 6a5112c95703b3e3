/**
 * Keras core layers: Dense, reshaping, dropout and noise, activations, normalization, Embedding,
 * merges, Input/InputLayer, preprocessing, and Lambda (refused: its function is not read).
 *
 * Parameters (Keras counts every weight it creates; "non-trainable" ones are reported apart):
 * - Dense(units) on (…, d): d·units kernel + units bias, on any rank (the last axis is mapped);
 * - BatchNormalization on C channels: γ and β trainable (2·C, fewer with center/scale False),
 *   moving_mean and moving_variance non-trainable (2·C);
 * - LayerNormalization / GroupNormalization: γ and β over the normalized axis (2·C);
 * - PReLU: one α per input element, shared along `shared_axes` (∏ of the unshared axes);
 * - Embedding(input_dim, output_dim): input_dim·output_dim, known at construction;
 * - Normalization (preprocessing): mean and variance per kept axis plus a count, all
 *   non-trainable (2·C + 1), none when mean and variance are given.
 * MACs: Dense rows·d·units; every other layer here 0 (no multiply with a weight, or a per-channel
 * scale only).
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardResult, LayerRule, RfRule } from './table-types';
import { checkRank, KERNEL_BIAS_EXTRAS, kerasShape, type KerasLayerRule } from './keras-args';
import { knownChannels, lazyParams } from './keras-layers-conv';
import { addDims, boolArg, divDimExact, isNone, knownDifferent, macCount, normDim, prodDims, sameDim, sizeArg } from './torch-dims';
import { describeArg, NotUnderstood, num, TensorV, type Arg, type Dim } from './values';

const same: RfRule = { kind: 'same' };
const identity = (x: TensorV): ForwardResult => ({ out: new TensorV(x.shape), macs: 0, rf: same });
const pyTuple = (xs: readonly Dim[]): string => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;

/** A rule with Keras's usual shape: no parameters unless given, nothing ignored unless listed. */
function rule(op: string, params: string[], defaults: BoundArgs, parts: Partial<KerasLayerRule> & Pick<LayerRule, 'forward'>): KerasLayerRule {
  return { op, params, defaults, ignoredParams: [], paramCount: () => 0, ...parts };
}

/** A layer that leaves the tensor as it is (at inference): dropout, noise, augmentation, masking. */
const passThrough = (op: string, params: string[], defaults: BoundArgs = {}, extra: Partial<KerasLayerRule> = {}): KerasLayerRule =>
  rule(op, params, defaults, { forward: (_a, [x]) => identity(x), ...extra });

// ── Activations ─────────────────────────────────────────────────────────────────────────────────

/** Names keras.activations.get accepts (Keras 3), plus 'linear' and None for no activation. */
const ACTIVATIONS = new Set([
  'celu',
  'elu',
  'exponential',
  'gelu',
  'glu',
  'hard_shrink',
  'hard_sigmoid',
  'hard_silu',
  'hard_swish',
  'hard_tanh',
  'leaky_relu',
  'linear',
  'log_sigmoid',
  'log_softmax',
  'mish',
  'relu',
  'relu6',
  'selu',
  'sigmoid',
  'silu',
  'soft_shrink',
  'softmax',
  'softplus',
  'softsign',
  'sparse_plus',
  'sparse_sigmoid',
  'sparsemax',
  'squareplus',
  'swish',
  'tanh',
  'tanh_shrink',
  'threshold',
]);

/** Keras's `activations.get`: a known name, None, or a function (passed on as written, not read). */
export function checkActivation(v: Arg): void {
  if (typeof v !== 'string' || v.startsWith('<')) return;
  if (!ACTIVATIONS.has(v)) throw new ComputeError(`Could not interpret activation function identifier: ${v}`, 'activation');
}

/** PReLU: one α per element of the input's non-batch axes, shared (size 1) along `shared_axes`. */
function preluParams(a: BoundArgs, x: TensorV): number {
  const shared = isNone(a.shared_axes) ? [] : (Array.isArray(a.shared_axes) ? a.shared_axes : [a.shared_axes]).map((v) => num(v, 'shared_axes'));
  return x.shape.slice(1).reduce<number>((p, d, i) => p * (shared.includes(i + 1) ? 1 : knownChannels(d, 'PReLU')), 1);
}

const ACTIVATION_LAYERS: Record<string, KerasLayerRule> = {
  Activation: passThrough('activation', ['activation'], {}, { check: (a) => checkActivation(a.activation) }),
  ReLU: passThrough('relu', ['max_value', 'negative_slope', 'threshold'], { max_value: null, negative_slope: 0.0, threshold: 0.0 }),
  // Keras 3 reads Keras 2's `alpha=` as `negative_slope=` (with a deprecation warning).
  LeakyReLU: passThrough(
    'leaky_relu',
    ['negative_slope'],
    { negative_slope: 0.3 },
    {
      aliases: { alpha: 'negative_slope' },
      check(a) {
        if (isNone(a.negative_slope) || (typeof a.negative_slope === 'number' && a.negative_slope < 0)) {
          throw new ComputeError(
            `The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=${describeArg(a.negative_slope)}`,
          );
        }
      },
    },
  ),
  PReLU: passThrough(
    'prelu',
    ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'],
    { alpha_initializer: 'Zeros', alpha_regularizer: null, alpha_constraint: null, shared_axes: null },
    {
      paramCount: lazyParams('PReLU'),
      paramCountFor: (a, [x]) => preluParams(a, x),
    },
  ),
  ELU: passThrough('elu', ['alpha'], { alpha: 1.0 }),
  Softmax: passThrough('softmax', ['axis'], { axis: -1 }),
  // tf.keras 2 only (removed in Keras 3): f(x) = x for x > θ, else 0.
  ThresholdedReLU: passThrough('threshold', ['theta'], { theta: 1.0 }),
};

// ── Dense and reshaping ─────────────────────────────────────────────────────────────────────────

/** Dense maps the last axis at every position: (…, d) → (…, units). */
const dense: KerasLayerRule = rule(
  'linear',
  ['units', 'activation', 'use_bias'],
  { activation: null, use_bias: true },
  {
    ignoredParams: [...KERNEL_BIAS_EXTRAS, 'lora_rank', 'lora_alpha'],
    check(a) {
      if (typeof a.units === 'number' && (!Number.isInteger(a.units) || a.units <= 0))
        throw new ComputeError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${a.units}`, 'units');
      checkActivation(a.activation);
    },
    paramCount: lazyParams('Dense'),
    paramCountFor(a, [x]) {
      const d = knownChannels(x.shape[x.shape.length - 1], 'Dense');
      const units = num(a.units, 'units');
      return d * units + (boolArg(a.use_bias, 'use_bias') ? units : 0);
    },
    forward(a, [x]) {
      checkRank('Dense', x.shape, 2, 'min_ndim');
      const units = sizeArg(a.units, 'units');
      const lead = x.shape.slice(0, -1);
      const rf: RfRule = x.shape.length <= 2 ? { kind: 'none' } : same;
      return { out: new TensorV([...lead, units]), macs: macCount([...lead, x.shape[x.shape.length - 1], units]), rf };
    },
  },
);

/** Reshape(target_shape): the non-batch axes become target_shape, one −1 inferred from the size. */
function reshapeForward(a: BoundArgs, x: TensorV): ForwardResult {
  const target = (Array.isArray(a.target_shape) ? a.target_shape : [a.target_shape]).map((d) => sizeArg(d, 'target_shape'));
  const rest = x.shape.slice(1);
  const holes = target.filter((d) => d === -1).length;
  const bad = () => new ComputeError(`The total size of the tensor must be unchanged. Received: input_shape=${pyTuple(rest)}, target_shape=${pyTuple(target)}`);
  if (holes > 1) throw new ComputeError(`There must be at most one unknown dimension (-1) in target_shape. Received: target_shape=${pyTuple(target)}.`);
  const total = prodDims(rest);
  const known = prodDims(target.filter((d) => d !== -1));
  let out = target;
  if (holes) {
    const inferred = divDimExact(total, known);
    if (inferred === undefined) {
      if (typeof total === 'number' && typeof known === 'number') throw bad();
      throw new ComputeError(`Reshape: the −1 in target_shape=${pyTuple(target)} is ${total} / ${known}, which is not a whole product of the known sizes.`);
    }
    out = target.map((d) => (d === -1 ? inferred : d));
  } else if (knownDifferent(total, known)) throw bad();
  return { out: new TensorV([x.shape[0], ...out]), macs: 0, rf: { kind: 'none' } };
}

/** Permute(dims): dims is a permutation of 1…rank−1 (the batch axis stays first). */
function permuteForward(a: BoundArgs, x: TensorV): ForwardResult {
  const dims = (Array.isArray(a.dims) ? a.dims : [a.dims]).map((d) => num(d, 'dims'));
  const sorted = [...dims].sort((p, q) => p - q);
  if (sorted.some((d, i) => d !== i + 1)) {
    throw new ComputeError(
      `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyTuple(dims)}`,
    );
  }
  checkRank('Permute', x.shape, dims.length + 1, 'ndim');
  return { out: new TensorV([x.shape[0], ...dims.map((d) => x.shape[d])]), macs: 0, rf: { kind: 'none' } };
}

const RESHAPING: Record<string, KerasLayerRule> = {
  Dense: dense,
  Flatten: rule(
    'flatten',
    ['data_format'],
    { data_format: null },
    {
      forward: (_a, [x]) => ({ out: new TensorV([x.shape[0], x.shape.length === 1 ? 1 : prodDims(x.shape.slice(1))]), macs: 0, rf: { kind: 'none' } }),
    },
  ),
  Reshape: rule('reshape', ['target_shape'], {}, { forward: (a, [x]) => reshapeForward(a, x) }),
  Permute: rule('permute', ['dims'], {}, { forward: (a, [x]) => permuteForward(a, x) }),
  RepeatVector: rule(
    'repeat',
    ['n'],
    {},
    {
      forward(a, [x]) {
        checkRank('RepeatVector', x.shape, 2, 'ndim');
        return { out: new TensorV([x.shape[0], sizeArg(a.n, 'n'), x.shape[1]]), macs: 0, rf: { kind: 'none' } };
      },
    },
  ),
  Identity: passThrough('identity', []),
  Masking: passThrough('masking', ['mask_value'], { mask_value: 0.0 }),
  ActivityRegularization: passThrough('identity', ['l1', 'l2'], { l1: 0.0, l2: 0.0 }),
};

// ── Dropout and noise (identity at inference) ───────────────────────────────────────────────────

const DROPOUT: Record<string, KerasLayerRule> = {
  Dropout: passThrough(
    'dropout',
    ['rate', 'noise_shape', 'seed'],
    { noise_shape: null, seed: null },
    {
      check(a) {
        if (typeof a.rate === 'number' && (a.rate < 0 || a.rate > 1))
          throw new ComputeError(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${a.rate}`, 'rate');
      },
    },
  ),
  SpatialDropout1D: passThrough('dropout', ['rate', 'seed'], { seed: null }),
  SpatialDropout2D: passThrough('dropout', ['rate', 'data_format', 'seed'], { data_format: null, seed: null }),
  SpatialDropout3D: passThrough('dropout', ['rate', 'data_format', 'seed'], { data_format: null, seed: null }),
  GaussianNoise: passThrough('identity', ['stddev', 'seed'], { seed: null }),
  GaussianDropout: passThrough('dropout', ['rate', 'seed'], { seed: null }),
  AlphaDropout: passThrough('dropout', ['rate', 'noise_shape', 'seed'], { noise_shape: null, seed: null }),
};

// ── Normalization ───────────────────────────────────────────────────────────────────────────────

const axesOf = (v: Arg, rank: number): number[] => (Array.isArray(v) ? v : [v]).map((d) => normDim(num(d, 'axis'), rank));
const BN_EXTRAS = [
  'beta_initializer',
  'gamma_initializer',
  'moving_mean_initializer',
  'moving_variance_initializer',
  'beta_regularizer',
  'gamma_regularizer',
  'beta_constraint',
  'gamma_constraint',
  'synchronized',
  // tf.keras 2 only:
  'renorm',
  'renorm_clipping',
  'renorm_momentum',
  'fused',
  'virtual_batch_size',
  'adjustment',
];
const LN_EXTRAS = ['beta_initializer', 'gamma_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint'];

/** The size of the normalized axis (or the product of several), as a number the weights need. */
function featureSize(a: BoundArgs, x: TensorV, cls: string): number {
  return axesOf(a.axis, x.shape.length).reduce((p, ax) => p * knownChannels(x.shape[ax], cls), 1);
}

/** γ (scale) and β (center) count, each of the feature size. */
const affineCount = (a: BoundArgs): number => (boolArg(a.center, 'center') ? 1 : 0) + (boolArg(a.scale, 'scale') ? 1 : 0);

const NORMALIZATION: Record<string, KerasLayerRule> = {
  BatchNormalization: rule(
    'batch_norm',
    ['axis', 'momentum', 'epsilon', 'center', 'scale'],
    { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true },
    {
      ignoredParams: BN_EXTRAS,
      paramCount: lazyParams('BatchNormalization'),
      paramCountFor: (a, [x]) => affineCount(a) * featureSize(a, x, 'BatchNormalization'),
      // moving_mean and moving_variance: created with trainable=False, counted as non-trainable params.
      nonTrainableFor: (a, [x]) => 2 * featureSize(a, x, 'BatchNormalization'),
      forward: (_a, [x]) => identity(x),
    },
  ),
  LayerNormalization: rule(
    'layer_norm',
    ['axis', 'epsilon', 'center', 'scale', 'rms_scaling'],
    { axis: -1, epsilon: 0.001, center: true, scale: true, rms_scaling: false },
    {
      ignoredParams: LN_EXTRAS,
      paramCount: lazyParams('LayerNormalization'),
      // rms_scaling=True keeps γ only (center and scale are then ignored).
      paramCountFor: (a, [x]) => (boolArg(a.rms_scaling, 'rms_scaling') ? 1 : affineCount(a)) * featureSize(a, x, 'LayerNormalization'),
      forward: (_a, [x]) => identity(x),
    },
  ),
  GroupNormalization: rule(
    'group_norm',
    ['groups', 'axis', 'epsilon', 'center', 'scale'],
    { groups: 32, axis: -1, epsilon: 0.001, center: true, scale: true },
    {
      ignoredParams: LN_EXTRAS,
      paramCount: lazyParams('GroupNormalization'),
      paramCountFor: (a, [x]) => affineCount(a) * featureSize(a, x, 'GroupNormalization'),
      forward(a, [x]) {
        const c = x.shape[normDim(num(a.axis, 'axis'), x.shape.length)];
        const g = num(a.groups, 'groups') === -1 ? c : num(a.groups, 'groups');
        if (typeof c === 'number' && typeof g === 'number') {
          if (c < g) throw new ComputeError(`Number of groups (${g}) cannot be more than the number of channels (${c}).`);
          // Keras's message has the roles the other way round; this is its wording.
          if (c % g !== 0) throw new ComputeError(`Number of groups (${g}) must be a multiple of the number of channels (${c}).`);
        }
        return identity(x);
      },
    },
  ),
  UnitNormalization: passThrough('normalize', ['axis'], { axis: -1 }),
};

// ── Embedding ───────────────────────────────────────────────────────────────────────────────────

/** Embedding(input_dim, output_dim): integer indices of any shape gain a last axis of output_dim. */
const embedding = rule(
  'embedding',
  ['input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'embeddings_constraint', 'mask_zero', 'weights', 'lora_rank'],
  {
    embeddings_initializer: 'uniform',
    embeddings_regularizer: null,
    embeddings_constraint: null,
    mask_zero: false,
    weights: null,
    lora_rank: null,
  },
  {
    paramCount: (a) => num(a.input_dim, 'input_dim') * num(a.output_dim, 'output_dim'),
    forward: (a, [x]) => ({ out: new TensorV([...x.shape, sizeArg(a.output_dim, 'output_dim')]), macs: 0, rf: { kind: 'none' } }),
  },
);

// ── Merging ─────────────────────────────────────────────────────────────────────────────────────

const listShapes = (xs: TensorV[]): string => `[${xs.map((t) => kerasShape(t.shape)).join(', ')}]`;

/** Keras's elementwise merge shape: axes aligned from the right, a 1 stretches, else they must match. */
function elementwiseShape(xs: TensorV[]): Dim[] {
  return xs.slice(1).reduce<Dim[]>(
    (acc, t) => {
      const n = Math.max(acc.length, t.shape.length);
      return Array.from({ length: n }, (_, i) => {
        const p = acc[i - (n - acc.length)] ?? 1;
        const q = t.shape[i - (n - t.shape.length)] ?? 1;
        if (p === 1) return q;
        if (q === 1 || sameDim(p, q)) return p;
        if (knownDifferent(p, q))
          throw new ComputeError(`Inputs have incompatible shapes. Received shapes ${pyTuple(acc.slice(1))} and ${pyTuple(t.shape.slice(1))}`);
        return typeof q === 'number' ? q : p;
      });
    },
    [...xs[0].shape],
  );
}

function mergeRule(cls: string, op: string, exactlyTwo = false): KerasLayerRule {
  return rule(
    op,
    [],
    {},
    {
      forward(_a, xs) {
        if (xs.length < 2)
          throw new ComputeError(`A merge layer should be called on a list of inputs. Received: input_shape=${listShapes(xs)} (not a list of shapes)`);
        if (exactlyTwo && xs.length !== 2)
          throw new ComputeError(`A \`${cls}\` layer should be called on exactly 2 inputs. Received: input_shape=${listShapes(xs)}`);
        return { out: new TensorV(elementwiseShape(xs)), macs: 0, rf: same };
      },
    },
  );
}

/** Concatenate(axis=-1): every axis but `axis` must match; that axis adds up. */
const concatenate = rule(
  'cat',
  ['axis'],
  { axis: -1 },
  {
    forward(a, xs) {
      if (xs.length < 2)
        throw new ComputeError(`A \`Concatenate\` layer should be called on a list of at least 1 input. Received: input_shape=${listShapes(xs)}`);
      const rank = xs[0].shape.length;
      const axis = normDim(num(a.axis, 'axis'), rank);
      const mismatch = () =>
        new ComputeError(
          `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${listShapes(xs)}`,
        );
      if (xs.some((t) => t.shape.length !== rank)) throw mismatch();
      const out = [...xs[0].shape];
      for (const t of xs.slice(1)) {
        t.shape.forEach((d, i) => {
          if (i === axis) out[i] = addDims(out[i], d);
          else if (knownDifferent(out[i], d)) throw mismatch();
        });
      }
      return { out: new TensorV(out), macs: 0, rf: axis === rank - 1 ? same : { kind: 'none' } };
    },
  },
);

const MERGING: Record<string, KerasLayerRule> = {
  Add: mergeRule('Add', 'add'),
  Subtract: mergeRule('Subtract', 'sub', true),
  Multiply: mergeRule('Multiply', 'mul'),
  Average: mergeRule('Average', 'mean'),
  Maximum: mergeRule('Maximum', 'maximum'),
  Minimum: mergeRule('Minimum', 'minimum'),
  Concatenate: concatenate,
};

// ── Inputs, preprocessing, Lambda ───────────────────────────────────────────────────────────────

/**
 * The tensor `keras.Input(shape=…, batch_size=…)` stands for: (batch, *shape) with the batch the
 * symbol N unless batch_size (or batch_shape) fixes it. A None axis (variable length) becomes the
 * symbol `d<axis>` (d1 for the first axis after the batch).
 */
export function kerasInputShape(args: BoundArgs): Dim[] {
  const dim = (v: Arg, axis: number): Dim => (isNone(v) ? `d${axis}` : sizeArg(v, 'shape'));
  const list = (v: Arg): Arg[] => (Array.isArray(v) ? v : [v]);
  if (!isNone(args.batch_shape)) return list(args.batch_shape).map((v, i) => (i === 0 && isNone(v) ? 'N' : dim(v, i)));
  if (isNone(args.shape)) throw new ComputeError('You must pass a `shape` argument.', 'shape');
  const batch: Dim = isNone(args.batch_size) ? 'N' : sizeArg(args.batch_size, 'batch_size');
  return [batch, ...list(args.shape).map((v, i) => dim(v, i + 1))];
}

const INPUT_PARAMS = ['shape', 'batch_size', 'dtype', 'sparse', 'batch_shape', 'input_tensor', 'optional'];
const INPUT_DEFAULTS = { shape: null, batch_size: null, dtype: null, sparse: null, batch_shape: null, input_tensor: null, optional: false };

/** InputLayer(shape=…): the model's input; called on a tensor it checks the rank and passes it on. */
const inputLayer = rule('input', INPUT_PARAMS, INPUT_DEFAULTS, {
  aliases: { input_shape: 'shape', batch_input_shape: 'batch_shape' },
  ignoredParams: ['ragged', 'type_spec'],
  forward(a, [x]) {
    if (!isNone(a.shape) || !isNone(a.batch_shape)) checkRank('InputLayer', x.shape, kerasInputShape(a).length, 'ndim');
    return identity(x);
  },
});

/** Output (N, height, width, C) of Resizing / CenterCrop / RandomCrop (channels_last). */
function resized(cls: string, a: BoundArgs, x: TensorV): ForwardResult {
  checkRank(cls, x.shape, 4, 'min_ndim');
  const h = sizeArg(a.height, 'height');
  const w = sizeArg(a.width, 'width');
  const [n, hin, win, c] = x.shape;
  if (cls !== 'Resizing' && typeof hin === 'number' && typeof win === 'number' && typeof h === 'number' && typeof w === 'number' && hin >= h && win >= w) {
    // A centre crop: output (i, j) reads input (i + ⌊(H − h)/2⌋, j + ⌊(W − w)/2⌋).
    return {
      out: new TensorV([n, h, w, c]),
      macs: 0,
      rf: { kind: 'window', kernel: [1, 1], stride: [1, 1], dilation: [1, 1], padding: [-((hin - h) >> 1), -((win - w) >> 1)], axes: [1, 2] },
    };
  }
  return { out: new TensorV([n, h, w, c]), macs: 0, rf: { kind: 'none' } };
}

const PREPROCESSING: Record<string, KerasLayerRule> = {
  Rescaling: passThrough('rescale', ['scale', 'offset'], { offset: 0.0 }),
  Normalization: passThrough(
    'normalize',
    ['axis', 'mean', 'variance', 'invert'],
    { axis: -1, mean: null, variance: null, invert: false },
    {
      // adapt()'s mean and variance per kept axis, and a count: all created with trainable=False.
      nonTrainableFor(a, [x]) {
        if (!isNone(a.mean)) return 0;
        const kept = isNone(a.axis) ? [] : axesOf(a.axis, x.shape.length);
        return 2 * kept.reduce((p, ax) => p * knownChannels(x.shape[ax], 'Normalization'), 1) + 1;
      },
    },
  ),
  Resizing: rule(
    'resize',
    ['height', 'width', 'interpolation', 'crop_to_aspect_ratio', 'pad_to_aspect_ratio', 'fill_mode', 'fill_value', 'antialias', 'data_format'],
    {
      interpolation: 'bilinear',
      crop_to_aspect_ratio: false,
      pad_to_aspect_ratio: false,
      fill_mode: 'constant',
      fill_value: 0.0,
      antialias: false,
      data_format: null,
    },
    { forward: (a, [x]) => resized('Resizing', a, x) },
  ),
  CenterCrop: rule('center_crop', ['height', 'width', 'data_format'], { data_format: null }, { forward: (a, [x]) => resized('CenterCrop', a, x) }),
  RandomCrop: rule(
    'center_crop',
    ['height', 'width', 'seed', 'data_format'],
    { seed: null, data_format: null },
    { forward: (a, [x]) => resized('RandomCrop', a, x) },
  ),
};
// Random augmentation layers: identity at inference (their arguments do not change shapes).
for (const name of ['RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomContrast', 'RandomTranslation', 'RandomBrightness']) {
  PREPROCESSING[name] = passThrough('identity', [], {}, { acceptsAnything: true });
}

/** Lambda wraps an arbitrary Python function; ML Lens reads code but does not run or interpret it there. */
const lambda = rule(
  'lambda',
  ['function', 'output_shape', 'mask', 'arguments'],
  { output_shape: null, mask: null, arguments: null },
  {
    forward() {
      throw new NotUnderstood(
        'a Lambda layer is not read: ML Lens does not run or interpret the function it wraps, so its output shape is unknown. Write the operation in a custom Layer whose call() uses keras.ops, or give the shape that follows.',
      );
    },
  },
);

export const KERAS_CORE_LAYERS: Record<string, KerasLayerRule> = {
  ...ACTIVATION_LAYERS,
  ...RESHAPING,
  ...DROPOUT,
  ...NORMALIZATION,
  ...MERGING,
  ...PREPROCESSING,
  Embedding: embedding,
  InputLayer: inputLayer,
  Lambda: lambda,
};
