/**
 * nn layers that act per position: linear maps, reshaping, normalization, embeddings,
 * activations and dropout. Shared with the functional forms in torch-ops.ts.
 *
 * Receptive fields: activations, dropout and normalization are `same` (normalization statistics
 * are per-channel scalars at inference and are not counted as a field). A Linear on a 1-D or 2-D
 * input leaves no spatial axes (`none`); on a higher-rank input it maps features at every
 * position, e.g. channels-last (N, H, W, C) or tokens (N, L, E), so each output position still
 * sees only its own position (`same`), unless the input still carries a field on its trailing
 * axes, in which case the last axis is spatial and the Linear mixes all of it (`global`).
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardResult, LayerRule, RfRule } from './table-types';
import { boolArg, count, countProduct, dimsArg, knownDifferent, macCount, makeRule, mulDim, normDim, shapeArg, showShape, sizeArg } from './torch-dims';
import { broadcastShapes, flattenShape, linearShape, reduceShape, unflattenShape } from './torch-shape';
import { num, TensorV, type Dim } from './values';

const same: RfRule = { kind: 'same' };
const pass = (x: TensorV): ForwardResult => ({ out: new TensorV(x.shape), macs: 0, rf: same });

/** Whether reducing or normalizing over `axes` mixes the trailing spatial axes that carry a receptive field. */
export function mixesSpatial(x: TensorV, axes: readonly number[]): boolean {
  const r = x.rf?.length ?? 0;
  return r > 0 && axes.some((a) => a >= x.shape.length - r);
}

// ── Linear maps ─────────────────────────────────────────────────────────────────────────────────

/** The receptive-field rule of a Linear on this input (see the header). */
export function linearRf(x: TensorV): RfRule {
  if (x.shape.length <= 2) return { kind: 'none' };
  return x.rf && x.rf.length > 0 ? { kind: 'global' } : same;
}

/** y = x·Wᵀ + b over the last axis; MACs = rows · in · out. */
export function linearForward(x: TensorV, inF: Dim, outF: Dim): ForwardResult {
  const { shape, macs } = linearShape(x.shape, inF, outF);
  return { out: new TensorV(shape), macs, rf: linearRf(x) };
}

/** y_k = x1ᵀ A_k x2 + b_k: per row and output, in1·in2 weight products. */
function bilinearForward(a: BoundArgs, x1: TensorV, x2: TensorV): ForwardResult {
  const in1 = sizeArg(a.in1_features, 'in1_features');
  const in2 = sizeArg(a.in2_features, 'in2_features');
  const out = sizeArg(a.out_features, 'out_features');
  const last = (t: TensorV) => t.shape[t.shape.length - 1];
  if (knownDifferent(last(x1), in1)) throw new ComputeError(`bilinear(): input1 size does not match weight size: got ${last(x1)} but expected ${in1}`);
  if (knownDifferent(last(x2), in2)) throw new ComputeError(`bilinear(): input2 size does not match weight size: got ${last(x2)} but expected ${in2}`);
  const lead = x1.shape.slice(0, -1);
  x2.shape.slice(0, -1).forEach((d, i) => {
    if (knownDifferent(lead[i], d)) throw new ComputeError(`bilinear(): input batch dimensions do not match at dim ${i}: got ${lead[i]} and ${d}`);
  });
  return { out: new TensorV([...lead, out]), macs: macCount([...lead, out, in1, in2]), rf: linearRf(x1) };
}

// ── Normalization ───────────────────────────────────────────────────────────────────────────────

const BN = ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'];
const BN_DEFAULTS = { eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true };

/** γ and β per channel when affine; running mean and variance per channel plus a batch counter. */
const affineCount = (a: BoundArgs) => (boolArg(a.affine, 'affine') ? 2 * count(a.num_features, 'num_features') : 0);
const statsCount = (a: BoundArgs) => (boolArg(a.track_running_stats, 'track_running_stats') ? 2 * count(a.num_features, 'num_features') + 1 : 0);

function batchNormRule(dims: number): LayerRule {
  const ranks = dims === 1 ? [2, 3] : [dims + 2];
  return makeRule(`batch_norm${dims}d`, BN, BN_DEFAULTS, {
    factory: true,
    paramCount: affineCount,
    bufferCount: statsCount,
    forward: (a, [x]) => {
      const rank = x.shape.length;
      if (!ranks.includes(rank)) throw new ComputeError(`expected ${ranks.map((r) => `${r}D`).join(' or ')} input (got ${rank}D input)`);
      const c = x.shape[1];
      const f = sizeArg(a.num_features, 'num_features');
      if (knownDifferent(c, f)) {
        if (boolArg(a.track_running_stats, 'track_running_stats')) throw new ComputeError(`running_mean should contain ${c} elements not ${f}`);
        if (boolArg(a.affine, 'affine')) throw new ComputeError(`weight should contain ${c} elements not ${f}`);
      }
      return pass(x);
    },
  });
}

/** InstanceNorm: per-sample, per-channel statistics. affine=False and track_running_stats=False by default. */
function instanceNormRule(dims: number): LayerRule {
  return makeRule(
    `instance_norm${dims}d`,
    BN,
    { ...BN_DEFAULTS, affine: false, track_running_stats: false },
    {
      factory: true,
      paramCount: affineCount,
      bufferCount: statsCount,
      forward: (a, [x]) => {
        const rank = x.shape.length;
        if (rank !== dims + 1 && rank !== dims + 2) throw new ComputeError(`expected ${dims + 1}D or ${dims + 2}D input (got ${rank}D input)`);
        const batched = rank === dims + 2;
        const n = batched ? x.shape[0] : 1;
        const c = x.shape[batched ? 1 : 0];
        const f = sizeArg(a.num_features, 'num_features');
        // PyTorch runs it as a batch norm over (1, N·C, …) with γ, β repeated N times.
        if (knownDifferent(c, f)) {
          if (boolArg(a.affine, 'affine')) throw new ComputeError(`weight should contain ${mulDim(n, c)} elements not ${mulDim(n, f)}`);
          if (boolArg(a.track_running_stats, 'track_running_stats'))
            throw new ComputeError(`running_mean should contain ${mulDim(n, c)} elements not ${mulDim(n, f)}`);
        }
        return pass(x);
      },
    },
  );
}

/** F.layer_norm's check: the trailing axes equal normalized_shape. */
export function layerNormForward(x: TensorV, normalized: Dim[]): ForwardResult {
  const tail = x.shape.slice(x.shape.length - normalized.length);
  if (x.shape.length < normalized.length || normalized.some((d, i) => knownDifferent(d, tail[i]))) {
    throw new ComputeError(
      `Given normalized_shape=${showShape(normalized)}, expected input with shape [*, ${normalized.join(', ')}], but got input of size${showShape(x.shape)}`,
    );
  }
  return pass(x);
}

const LAYER_NORM = makeRule(
  'layer_norm',
  ['normalized_shape', 'eps', 'elementwise_affine', 'bias'],
  { eps: 1e-5, elementwise_affine: true, bias: true },
  {
    factory: true,
    // γ (and β unless bias=False) over normalized_shape.
    paramCount: (a) =>
      boolArg(a.elementwise_affine, 'elementwise_affine') ? countProduct(a.normalized_shape, 'normalized_shape') * (boolArg(a.bias, 'bias') ? 2 : 1) : 0,
    forward: (a, [x]) => layerNormForward(x, shapeArg(a.normalized_shape, 'normalized_shape')),
  },
);

const RMS_NORM = makeRule(
  'rms_norm',
  ['normalized_shape', 'eps', 'elementwise_affine'],
  { eps: null, elementwise_affine: true },
  {
    factory: true,
    paramCount: (a) => (boolArg(a.elementwise_affine, 'elementwise_affine') ? countProduct(a.normalized_shape, 'normalized_shape') : 0),
    forward: (a, [x]) => layerNormForward(x, shapeArg(a.normalized_shape, 'normalized_shape')),
  },
);

const GROUP_NORM = makeRule(
  'group_norm',
  ['num_groups', 'num_channels', 'eps', 'affine'],
  { eps: 1e-5, affine: true },
  {
    factory: true,
    check: (a) => {
      if (typeof a.num_channels === 'number' && typeof a.num_groups === 'number' && a.num_channels % a.num_groups !== 0)
        throw new ComputeError('num_channels must be divisible by num_groups');
    },
    paramCount: (a) => (boolArg(a.affine, 'affine') ? 2 * count(a.num_channels, 'num_channels') : 0),
    forward: (a, [x]) => {
      if (x.shape.length < 2) throw new ComputeError(`Expected at least 2 dimensions for input tensor but received ${x.shape.length}`);
      const c = x.shape[1];
      const channels = sizeArg(a.num_channels, 'num_channels');
      const groups = sizeArg(a.num_groups, 'num_groups');
      if (boolArg(a.affine, 'affine') && knownDifferent(c, channels)) {
        throw new ComputeError(
          `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${channels}] and input of shape ${showShape(x.shape)}`,
        );
      }
      if (typeof c === 'number' && typeof groups === 'number' && c % groups !== 0) {
        throw new ComputeError(
          `Expected number of channels in input to be divisible by num_groups, but got input of shape ${showShape(x.shape)} and num_groups=${groups}`,
        );
      }
      return pass(x);
    },
  },
);

const LOCAL_RESPONSE_NORM = makeRule(
  'local_response_norm',
  ['size', 'alpha', 'beta', 'k'],
  { alpha: 1e-4, beta: 0.75, k: 1.0 },
  {
    forward: (_a, [x]) => {
      // PyTorch's message carries the indentation of its source line.
      if (x.shape.length < 3) throw new ComputeError(`Expected 3D or higher dimensionality${' '.repeat(26)}input (got ${x.shape.length} dimensions)`);
      return pass(x);
    },
  },
);

// ── Embeddings ──────────────────────────────────────────────────────────────────────────────────

/** A lookup: (*) indices → (*, embedding_dim). No MACs. */
export function embeddingForward(x: TensorV, dim: Dim): ForwardResult {
  return { out: new TensorV([...x.shape, dim]), macs: 0, rf: same };
}

const EMBEDDING = makeRule(
  'embedding',
  ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse', '_weight', '_freeze'],
  { padding_idx: null, max_norm: null, norm_type: 2.0, scale_grad_by_freq: false, sparse: false, _weight: null, _freeze: false },
  {
    factory: true,
    check: (a) => {
      if (typeof a.padding_idx === 'number' && typeof a.num_embeddings === 'number') {
        const p = a.padding_idx;
        if (p >= a.num_embeddings || p < -a.num_embeddings) throw new ComputeError('Padding_idx must be within num_embeddings');
      }
    },
    paramCount: (a) => count(a.num_embeddings, 'num_embeddings') * count(a.embedding_dim, 'embedding_dim'),
    forward: (a, [x]) => embeddingForward(x, sizeArg(a.embedding_dim, 'embedding_dim')),
  },
);

/** Bags of embeddings reduced to one vector: (B, bag) → (B, D), or 1-D indices with offsets (B) → (B, D). */
const EMBEDDING_BAG = makeRule(
  'embedding_bag',
  ['num_embeddings', 'embedding_dim', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', '_weight', 'include_last_offset', 'padding_idx'],
  { max_norm: null, norm_type: 2.0, scale_grad_by_freq: false, mode: 'mean', sparse: false, _weight: null, include_last_offset: false, padding_idx: null },
  {
    factory: true,
    paramCount: (a) => count(a.num_embeddings, 'num_embeddings') * count(a.embedding_dim, 'embedding_dim'),
    forward: (a, [x, offsets], kw) => {
      const dim = sizeArg(a.embedding_dim, 'embedding_dim');
      const off = offsets ?? (kw?.offsets instanceof TensorV ? kw.offsets : undefined);
      if (x.shape.length === 2) return { out: new TensorV([x.shape[0], dim]), macs: 0, rf: same };
      if (x.shape.length !== 1) throw new ComputeError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${x.shape.length}`);
      if (!off) throw new ComputeError('offsets has to be a 1D Tensor but got None');
      const bags = boolArg(a.include_last_offset, 'include_last_offset')
        ? typeof off.shape[0] === 'number'
          ? off.shape[0] - 1
          : `${off.shape[0]}-1`
        : off.shape[0];
      return { out: new TensorV([bags, dim]), macs: 0, rf: same };
    },
  },
);

// ── Reshaping and comparisons ───────────────────────────────────────────────────────────────────

export function flattenForward(x: TensorV, start: number, end: number): ForwardResult {
  const shape = flattenShape(x.shape, start, end);
  const rank = Math.max(x.shape.length, 1);
  const s = normDim(start, rank);
  const e = normDim(end, rank);
  // Merging only leading (batch, channel) axes keeps the trailing spatial axes as they are.
  const spatial = x.rf?.length ?? Math.max(0, x.shape.length - 2);
  return { out: new TensorV(shape), macs: 0, rf: s === e ? same : e < x.shape.length - spatial ? same : { kind: 'none' } };
}

/** Cosine similarity / distance of two broadcast tensors along one axis. */
function compareForward(x1: TensorV, x2: TensorV, dim: number, keepdim: boolean): ForwardResult {
  const shape = broadcastShapes(x1.shape, x2.shape);
  const axes = dimsArg(dim, shape.length);
  return { out: new TensorV(reduceShape(shape, axes, keepdim)), macs: 0, rf: same };
}

const BASIC: Record<string, LayerRule> = {
  Linear: makeRule(
    'linear',
    ['in_features', 'out_features', 'bias'],
    { bias: true },
    {
      factory: true,
      // W is out×in, b has out entries.
      paramCount: (a) =>
        count(a.in_features, 'in_features') * count(a.out_features, 'out_features') + (boolArg(a.bias, 'bias') ? count(a.out_features, 'out_features') : 0),
      forward: (a, [x]) => linearForward(x, sizeArg(a.in_features, 'in_features'), sizeArg(a.out_features, 'out_features')),
    },
  ),
  Bilinear: makeRule(
    'bilinear',
    ['in1_features', 'in2_features', 'out_features', 'bias'],
    { bias: true },
    {
      factory: true,
      paramCount: (a) => {
        const out = count(a.out_features, 'out_features');
        return out * count(a.in1_features, 'in1_features') * count(a.in2_features, 'in2_features') + (boolArg(a.bias, 'bias') ? out : 0);
      },
      forward: (a, [x1, x2]) => bilinearForward(a, x1, x2 ?? x1),
    },
  ),
  Identity: makeRule('identity', [], {}, { acceptsAnything: true, forward: (_a, [x]) => pass(x) }),
  Flatten: makeRule(
    'flatten',
    ['start_dim', 'end_dim'],
    { start_dim: 1, end_dim: -1 },
    {
      forward: (a, [x]) => flattenForward(x, num(a.start_dim, 'start_dim'), num(a.end_dim, 'end_dim')),
    },
  ),
  Unflatten: makeRule(
    'unflatten',
    ['dim', 'unflattened_size'],
    {},
    {
      forward: (a, [x]) => ({
        out: new TensorV(unflattenShape(x.shape, num(a.dim, 'dim'), shapeArg(a.unflattened_size, 'unflattened_size'))),
        macs: 0,
        rf: same,
      }),
    },
  ),
  LayerNorm: LAYER_NORM,
  RMSNorm: RMS_NORM,
  GroupNorm: GROUP_NORM,
  LocalResponseNorm: LOCAL_RESPONSE_NORM,
  Embedding: EMBEDDING,
  EmbeddingBag: EMBEDDING_BAG,
  CosineSimilarity: makeRule(
    'cosine_similarity',
    ['dim', 'eps'],
    { dim: 1, eps: 1e-8 },
    {
      forward: (a, [x1, x2]) => compareForward(x1, x2 ?? x1, num(a.dim, 'dim'), false),
    },
  ),
  // ‖x1 − x2 + eps‖_p over the last axis.
  PairwiseDistance: makeRule(
    'pairwise_distance',
    ['p', 'eps', 'keepdim'],
    { p: 2.0, eps: 1e-6, keepdim: false },
    {
      forward: (a, [x1, x2]) => {
        const shape = broadcastShapes(x1.shape, (x2 ?? x1).shape);
        if (shape.length === 0) return pass(x1);
        return { out: new TensorV(reduceShape(shape, [shape.length - 1], boolArg(a.keepdim, 'keepdim'))), macs: 0, rf: same };
      },
    },
  ),
};

for (const d of [1, 2, 3]) {
  BASIC[`BatchNorm${d}d`] = batchNormRule(d);
  BASIC[`InstanceNorm${d}d`] = instanceNormRule(d);
}

export const BASIC_LAYERS: Readonly<Record<string, LayerRule>> = BASIC;
